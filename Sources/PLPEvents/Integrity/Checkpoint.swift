/// A tree head as a C2SP tlog-checkpoint: the text `<origin>\n<size>\n<base64 root>\n`, signed as a C2SP
/// signed note (the body, a blank line, then `— <key name> <base64(key id ‖ Ed25519 signature)>\n`).
///
/// The origin names the log (by default `plp-ledger/<ledger directory name>`), so that a checkpoint of one
/// ledger is never taken for another's.
public struct Checkpoint: Sendable, Equatable {
    /// The log's name, the first line.
    public var origin: String
    /// The tree head.
    public var treeHead: TreeHead

    /// Makes a checkpoint.
    ///
    /// - Throws: ``CheckpointError`` when the origin is empty or holds a line break.
    public init(origin: String, treeHead: TreeHead) throws {
        guard !origin.isEmpty, !origin.contains(where: \.isNewline), !origin.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw CheckpointError("the origin must be one non-empty line of text")
        }
        self.origin = origin
        self.treeHead = treeHead
    }

    /// The checkpoint body: origin, size and base64 root, one per line, each ending in `\n`.
    public var body: String {
        "\(origin)\n\(treeHead.size)\n\(Base64.encode(treeHead.root.bytes))\n"
    }

    /// Reads a checkpoint body (lines after the third are extension lines and are ignored).
    ///
    /// - Throws: ``CheckpointError`` naming the first malformed line.
    public init(body: String) throws {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 4, lines.last == "" else {
            throw CheckpointError("a checkpoint body has an origin, a size and a root, one per line")
        }
        guard let size = UInt64(lines[1]), lines[1] == String(size) else {
            throw CheckpointError("the second line of the checkpoint, \"\(lines[1])\", is not a size in plain decimal")
        }
        guard let bytes = Base64.decode(lines[2]), let root = Digest32(bytes) else {
            throw CheckpointError("the third line of the checkpoint is not the base64 of a 32-byte root")
        }
        try self.init(origin: lines[0], treeHead: TreeHead(size: size, root: root))
    }

    /// The signed note: the body, a blank line and one signature line by `key`.
    public func signed(with key: NoteSigningKey) throws -> String {
        try SignedNote.sign(body, with: key)
    }

    /// Opens a signed checkpoint (see ``SignedNote/open(_:key:)``) and reads its body.
    ///
    /// - Throws: ``CheckpointError`` when the note is malformed, has no signature by `key`, the signature
    ///   does not match the body, or the body is not a checkpoint.
    public static func open(_ note: String, key: NoteVerifierKey) throws -> Checkpoint {
        try Checkpoint(body: try SignedNote.open(note, key: key))
    }
}

/// C2SP signed-note, as Go's `golang.org/x/mod/sumdb/note` writes it, with Ed25519 keys only: a text ending
/// in a newline, a blank line, then signature lines `— <key name> <base64(key id ‖ signature)>`, the signature
/// covering the text with its final newline.
public enum SignedNote {
    /// Signs `text` (non-empty, ending in `\n`, no blank line) with `key`.
    ///
    /// - Throws: ``CheckpointError`` when the text cannot be a note.
    public static func sign(_ text: String, with key: NoteSigningKey) throws -> String {
        guard text.hasSuffix("\n"), !text.contains("\n\n"), text != "\n" else {
            throw CheckpointError("a note's text must end in a newline and hold no blank line")
        }
        let signature = try key.signature(for: Array(text.utf8))
        return text + "\n" + "\u{2014} \(key.name) " + Base64.encode(key.verifierKey.keyID + signature) + "\n"
    }

    /// Finds the signature lines of `key` (same name, same key id), checks each Ed25519 signature over the text
    /// and returns the text. Signature lines of other keys are ignored; every line of `key` must hold, as Go's
    /// `note.Open` requires (a second, invalid line of the same key is refused, not skipped).
    ///
    /// - Throws: ``CheckpointError`` when the note is malformed, has no signature by `key`, or one of its signatures
    ///   does not match the text.
    public static func open(_ note: String, key: NoteVerifierKey) throws -> String {
        let (text, signatures) = try split(note)
        let mine = signatures.filter { $0.name == key.name && $0.keyID == key.keyID }
        guard !mine.isEmpty else { throw CheckpointError("the note carries no signature by the key \(key.name)+\(key.keyIDHex)") }
        for (index, signature) in mine.enumerated() where !key.isValidSignature(signature.signed, for: Array(text.utf8)) {
            let which = mine.count > 1 ? "signature line \(index + 1) of \(mine.count) of \(key.name)" : "the signature of \(key.name)"
            throw CheckpointError("\(which) does not match the text: it was altered, or signed by another key of that name")
        }
        return text
    }
}
