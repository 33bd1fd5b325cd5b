/// A C2SP tlog-proof (`c2sp.org/tlog-proof@v1`): an inclusion proof with the signed checkpoint it leads to, checkable
/// offline with the log's public key (and witnesses' keys for the cosignatures the checkpoint carries).
///
/// ```
/// c2sp.org/tlog-proof@v1
/// extra <base64 of the entry's leaf bytes>      (optional)
/// index <0-based index, the event's seq − 1>
/// <base64 hash>                                 (the RFC 6962 audit path, leaf's sibling first)
///
/// <the checkpoint, verbatim>
/// ```
///
/// plp-ledger writes the event's leaf bytes (contract section 5) as the extra data, so that the proof carries the
/// entry it proves; the extra data is never trusted: a verifier hashes it and checks that hash against the path.
public struct TlogProof: Sendable, Equatable {
    /// The first line.
    public static let header = "c2sp.org/tlog-proof@v1"

    /// The opaque extra data (for plp-ledger, the event's leaf bytes), if any.
    public var extra: [UInt8]?
    /// The entry's 0-based index in the log.
    public var index: UInt64
    /// The RFC 6962 audit path.
    public var path: [Digest32]
    /// The signed checkpoint, verbatim (with its signature lines).
    public var checkpoint: String

    /// Makes a proof.
    public init(extra: [UInt8]?, index: UInt64, path: [Digest32], checkpoint: String) {
        self.extra = extra
        self.index = index
        self.path = path
        self.checkpoint = checkpoint
    }

    /// The text form.
    public var text: String {
        var out = Self.header + "\n"
        if let extra { out += "extra " + Base64.encode(extra) + "\n" }
        out += "index \(index)\n"
        for hash in path { out += Base64.encode(hash.bytes) + "\n" }
        return out + "\n" + checkpoint
    }

    /// Reads the text form.
    ///
    /// - Throws: ``ProofFormatError`` naming the first line that is not as tlog-proof has it.
    public init(text: String) throws(ProofFormatError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        func next() -> String? { lines.isEmpty ? nil : String(lines.removeFirst()) }
        guard next() == Self.header else {
            throw ProofFormatError("a tlog-proof starts with the line \(Self.header)")
        }
        var line = next() ?? ""
        extra = nil
        if line.hasPrefix("extra ") {
            let encoded = String(line.dropFirst("extra ".count))
            guard let bytes = Base64.decode(encoded), Base64.encode(bytes) == encoded else {
                throw ProofFormatError("the extra line of the tlog-proof is not standard base64")
            }
            extra = bytes
            line = next() ?? ""
        }
        let number = line.hasPrefix("index ") ? String(line.dropFirst("index ".count)) : ""
        guard let index = UInt64(number), number == String(index) else {
            throw ProofFormatError("the tlog-proof needs an index line, \"index N\" with N in plain decimal, after its first line (and the extra line)")
        }
        self.index = index
        path = []
        while let hashLine = next(), !hashLine.isEmpty {
            guard let bytes = Base64.decode(hashLine), Base64.encode(bytes) == hashLine, let hash = Digest32(bytes) else {
                throw ProofFormatError("line \(path.count + 1) of the tlog-proof's inclusion proof is not the base64 of a 32-byte hash")
            }
            guard path.count < 64 else { throw ProofFormatError("the tlog-proof's inclusion proof has more than 64 hashes") }
            path.append(hash)
        }
        checkpoint = lines.joined(separator: "\n")
        guard !checkpoint.isEmpty else {
            throw ProofFormatError("the tlog-proof has no checkpoint after its inclusion proof and the empty line")
        }
    }

    /// The leaf hash of the extra data, SHA-256(0x00 ‖ extra), when there is extra data.
    public var extraLeafHash: Digest32? { extra.map { MerkleHash.leaf($0) } }

    /// Checks the proof: the checkpoint is signed by `logKey`, and `leafHash` is the entry at ``index`` of the tree
    /// it signs.
    ///
    /// - Returns: the checkpoint.
    /// - Throws: ``CheckpointError`` when the checkpoint's signature does not hold, the index is beyond its tree, or
    ///   the path does not lead from `leafHash` to its root.
    public func verify(leafHash: Digest32, logKey: NoteVerifierKey) throws -> Checkpoint {
        let checkpoint = try Checkpoint.open(self.checkpoint, key: logKey)
        let head = checkpoint.treeHead
        guard index < head.size else {
            throw CheckpointError("the proof's index \(index) is beyond the checkpoint's tree of \(head.size) events")
        }
        guard MerkleProof.verifyInclusion(leafHash: leafHash, leafIndex: index, size: head.size, path: path, root: head.root) else {
            throw CheckpointError("the entry with leaf hash \(leafHash.hex) is not at index \(index) (seq \(index + 1)) of the tree of \(head.size) events with root \(head.root.hex)")
        }
        return checkpoint
    }
}
