// The domain-free layers whose types are part of PLPEvents' own public API (a tree head's root is a `Digest32`, a
// proof is a `MerkleProof` path, an export line is written with a `CanonicalJSONWriter`), re-exported so that
// `import PLPEvents` is all a client needs, as before the split.
@_exported import PLPJSON
@_exported import PLPMerkle
