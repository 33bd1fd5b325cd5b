/// A tree head: the size of a ledger and the RFC 6962 root of its first `size` events (contract section 5,
/// `digest`). Two parties holding the same tree head agree on every one of those events.
public struct TreeHead: Sendable, Hashable {
    /// The number of events covered (the last `seq`).
    public var size: UInt64
    /// The RFC 6962 Merkle tree hash of their leaves.
    public var root: Digest32

    /// Makes a tree head.
    public init(size: UInt64, root: Digest32) {
        self.size = size
        self.root = root
    }

    /// The JSON of the contract, `{"size":N,"root":"HEX"}` (keys in that order, no white space).
    public var json: String {
        var w = CanonicalJSONWriter(capacity: 96)
        w.beginObject()
        w.key("size"); w.integer(Int64(bitPattern: size))
        w.key("root"); w.string(root.hex)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Reads `{"size":N,"root":"HEX"}` (other members are ignored, so the JSON of `verify` and
    /// `verify --export` is accepted too).
    ///
    /// - Throws: ``ProofFormatError`` naming what is missing or malformed.
    public init(json bytes: some Collection<UInt8>) throws(ProofFormatError) {
        let value = try ProofJSON.parse(bytes, what: "tree head")
        size = try ProofJSON.size(value, "size", what: "tree head")
        root = try ProofJSON.digest(value, "root", what: "tree head")
    }
}

/// An RFC 6962 audit path (contract section 5, `prove inclusion`): the event at `seq` (1-based) is leaf
/// `seq − 1` of the tree of `size` events, whose hash is `leafHash`.
public struct InclusionProof: Sendable, Hashable {
    /// The event's seq (1-based; the RFC 6962 leaf index is `seq − 1`).
    public var seq: UInt64
    /// The size of the tree the path leads to.
    public var size: UInt64
    /// The event's leaf hash (its `hash`).
    public var leafHash: Digest32
    /// Sibling hashes from the leaf up to the root.
    public var path: [Digest32]

    /// Makes a proof.
    public init(seq: UInt64, size: UInt64, leafHash: Digest32, path: [Digest32]) {
        self.seq = seq
        self.size = size
        self.leafHash = leafHash
        self.path = path
    }

    /// True when the path leads from `leafHash` at `seq` to `head` (same size, same root).
    public func verify(against head: TreeHead) -> Bool {
        guard seq >= 1, head.size == size else { return false }
        return MerkleProof.verifyInclusion(leafHash: leafHash, leafIndex: seq - 1, size: size, path: path, root: head.root)
    }

    /// The JSON of the contract, `{"seq":…,"size":…,"leafHash":…,"path":[HEX,…]}` (keys in that order).
    public var json: String {
        var w = CanonicalJSONWriter(capacity: 128 + 67 * path.count)
        w.beginObject()
        w.key("seq"); w.integer(Int64(bitPattern: seq))
        w.key("size"); w.integer(Int64(bitPattern: size))
        w.key("leafHash"); w.string(leafHash.hex)
        w.key("path"); ProofJSON.write(path, into: &w)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Reads the contract's JSON.
    ///
    /// - Throws: ``ProofFormatError`` naming what is missing or malformed.
    public init(json bytes: some Collection<UInt8>) throws(ProofFormatError) {
        let value = try ProofJSON.parse(bytes, what: "inclusion proof")
        seq = try ProofJSON.size(value, "seq", what: "inclusion proof")
        size = try ProofJSON.size(value, "size", what: "inclusion proof")
        leafHash = try ProofJSON.digest(value, "leafHash", what: "inclusion proof")
        path = try ProofJSON.path(value, what: "inclusion proof")
    }
}

/// An RFC 6962 consistency proof (contract section 5, `prove consistency`): the tree of the first `from`
/// events is a prefix of the tree of the first `to` events.
public struct ConsistencyProof: Sendable, Hashable {
    /// The older (smaller) size.
    public var from: UInt64
    /// The newer size.
    public var to: UInt64
    /// The RFC 6962 proof nodes.
    public var path: [Digest32]

    /// Makes a proof.
    public init(from: UInt64, to: UInt64, path: [Digest32]) {
        self.from = from
        self.to = to
        self.path = path
    }

    /// True when the path shows that `old` (of size `from`) is a prefix of `new` (of size `to`).
    public func verify(old: TreeHead, new: TreeHead) -> Bool {
        guard old.size == from, new.size == to else { return false }
        return MerkleProof.verifyConsistency(from: from, to: to, oldRoot: old.root, newRoot: new.root, path: path)
    }

    /// The JSON of the contract, `{"from":M,"to":N,"path":[HEX,…]}` (keys in that order).
    public var json: String {
        var w = CanonicalJSONWriter(capacity: 64 + 67 * path.count)
        w.beginObject()
        w.key("from"); w.integer(Int64(bitPattern: from))
        w.key("to"); w.integer(Int64(bitPattern: to))
        w.key("path"); ProofJSON.write(path, into: &w)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Reads the contract's JSON.
    ///
    /// - Throws: ``ProofFormatError`` naming what is missing or malformed.
    public init(json bytes: some Collection<UInt8>) throws(ProofFormatError) {
        let value = try ProofJSON.parse(bytes, what: "consistency proof")
        from = try ProofJSON.size(value, "from", what: "consistency proof")
        to = try ProofJSON.size(value, "to", what: "consistency proof")
        path = try ProofJSON.path(value, what: "consistency proof")
    }
}

/// A tree head or proof whose JSON could not be read: one sentence saying what is wrong.
public struct ProofFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public let message: String

    /// Makes an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Reading and writing the JSON members of tree heads and proofs (internal).
enum ProofJSON {
    static func parse(_ bytes: some Collection<UInt8>, what: String) throws(ProofFormatError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw ProofFormatError("the \(what) is not valid JSON: \(error)")
        }
        guard case .object = value else { throw ProofFormatError("the \(what) must be a JSON object") }
        return value
    }

    static func size(_ value: JSONValue, _ key: String, what: String) throws(ProofFormatError) -> UInt64 {
        guard let member = value[key] else { throw ProofFormatError("the \(what) has no \"\(key)\"") }
        guard let number = member.integerValue, number >= 0 else {
            throw ProofFormatError("\"\(key)\" of the \(what) must be a whole number from 0 to 9223372036854775807 (2^63 − 1)")
        }
        return UInt64(number)
    }

    static func digest(_ value: JSONValue, _ key: String, what: String) throws(ProofFormatError) -> Digest32 {
        guard let member = value[key] else { throw ProofFormatError("the \(what) has no \"\(key)\"") }
        guard let text = member.stringValue, let digest = Digest32(hex: text) else {
            throw ProofFormatError("\"\(key)\" of the \(what) must be 64 hexadecimal digits")
        }
        return digest
    }

    static func path(_ value: JSONValue, what: String) throws(ProofFormatError) -> [Digest32] {
        guard let member = value["path"] else { throw ProofFormatError("the \(what) has no \"path\"") }
        guard let items = member.arrayValue, items.count <= 64 else {
            throw ProofFormatError("\"path\" of the \(what) must be an array of at most 64 hashes")
        }
        var path: [Digest32] = []
        path.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            guard let text = item.stringValue, let digest = Digest32(hex: text) else {
                throw ProofFormatError("element \(position + 1) of \"path\" in the \(what) must be 64 hexadecimal digits")
            }
            path.append(digest)
        }
        return path
    }

    static func write(_ path: [Digest32], into w: inout CanonicalJSONWriter) {
        w.beginArray()
        for hash in path { w.string(hash.hex) }
        w.endArray()
    }
}
