/// Where perfect-subtree hashes come from: `(level, index)` → the RFC 6962 hash of the
/// `2^level` leaves `[index << level, (index + 1) << level)`. Level 0 is leaf hashes.
///
/// The store implements it over LMDB; ``InMemorySubtrees`` implements it over an array.
///
/// Contract: an implementation must throw (never return a made-up hash) when asked for
/// a subtree whose leaves are not all present. The proof builders in ``MerkleProof``
/// rely on this to report a size beyond the tree: every call for a size `n` reads at
/// least one subtree that ends at leaf `n - 1`.
public protocol SubtreeHashSource {
    /// The hash of the perfect subtree at `level` (0...63) and `index` (its position among
    /// subtrees of that level), covering leaves `[index << level, (index + 1) << level)`.
    func subtreeHash(level: Int, index: UInt64) throws -> Digest32
}
