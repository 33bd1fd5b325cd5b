/// One signature line of a signed note, `— <key name> base64(key id ‖ signature)`, as read.
public struct NoteSignatureLine: Sendable, Equatable {
    /// The key name.
    public let name: String
    /// The 4-byte key id.
    public let keyID: [UInt8]
    /// The bytes after the key id (the signature, for a cosignature the timestamp and the signature).
    public let signed: [UInt8]
    /// The line as written, without its newline.
    public let text: String
}

extension SignedNote {
    /// Splits a signed note into its text (with its final newline, without the blank line) and its signature lines,
    /// per C2SP signed-note: the text ends at the last blank line; every line after it is a signature line.
    ///
    /// - Throws: ``CheckpointError`` when the note is not of that form (no blank line, no signature, a line that is
    ///   not `— NAME BASE64`, a control character other than newline).
    public static func split(_ note: String) throws -> (text: String, signatures: [NoteSignatureLine]) {
        if note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) {
            throw CheckpointError("a signed note holds no control characters other than newlines")
        }
        let bytes = Array(note.utf8)
        var split: Int?
        var i = bytes.count - 2
        while i >= 0 {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A { split = i; break }
            i -= 1
        }
        guard let split, bytes.last == 0x0A, split > 0, split + 2 < bytes.count else {
            throw CheckpointError("this is not a signed checkpoint: it needs a body, a blank line and signature lines, ending in a newline")
        }
        let text = String(decoding: bytes[...split], as: UTF8.self)
        var signatures: [NoteSignatureLine] = []
        let prefix = "\u{2014} "
        for slice in bytes[(split + 2)..<(bytes.count - 1)].split(separator: 0x0A, omittingEmptySubsequences: false) {
            let line = String(decoding: slice, as: UTF8.self)
            guard line.hasPrefix(prefix) else {
                throw CheckpointError("a signature line must start with an em dash and a space (\"\u{2014} \")")
            }
            let fields = line.dropFirst(prefix.count).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, let signed = Base64.decode(String(fields[1])), signed.count > 4 else {
                throw CheckpointError("a signature line must be \"\u{2014} NAME BASE64\"")
            }
            signatures.append(NoteSignatureLine(name: String(fields[0]), keyID: Array(signed.prefix(4)),
                                                signed: Array(signed.dropFirst(4)), text: line))
        }
        return (text, signatures)
    }
}
