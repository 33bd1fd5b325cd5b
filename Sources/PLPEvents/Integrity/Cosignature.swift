/// C2SP tlog-cosignature, the Ed25519 `cosignature/v1` type: a witness's timestamped signature of a checkpoint,
/// one more signature line of the checkpoint's signed note.
///
/// The signed message is `cosignature/v1\ntime <POSIX seconds>\n` followed by the whole checkpoint body (with its
/// final newline, without any signature line); the line holds base64(key id ‖ timestamp, 8 bytes big-endian ‖
/// 64-byte Ed25519 signature).
public enum Cosignature {
    /// The header line of the signed message (without its newline).
    public static let header = "cosignature/v1"

    /// The signed message of a cosignature of `body` at `timestamp`.
    public static func message(body: String, timestamp: UInt64) -> [UInt8] {
        Array("\(header)\ntime \(timestamp)\n".utf8) + Array(body.utf8)
    }

    /// The 8 bytes of `value`, most significant first.
    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) }
    }

    /// The valid cosignatures of `note` by `witnesses`, with their times. Signature lines of other keys (the log's,
    /// unknown witnesses') are ignored, as C2SP signed-note requires.
    ///
    /// - Throws: ``CheckpointError`` when the note is malformed, or when a line carries the name and key id of one of
    ///   `witnesses` but its signature does not hold (signed-note: the whole note is then rejected).
    public static func verify(_ note: String, witnesses: [CosignerVerifierKey]) throws -> [CosignerVerifierKey: UInt64] {
        let (text, signatures) = try SignedNote.split(note)
        var valid: [CosignerVerifierKey: UInt64] = [:]
        for signature in signatures {
            guard let witness = witnesses.first(where: { $0.name == signature.name && $0.keyID == signature.keyID }) else { continue }
            guard let time = witness.cosignatureTime(signature.signed, body: text) else {
                throw CheckpointError("the cosignature of \(witness.name) does not match the checkpoint: it was altered, or made by another key of that name")
            }
            valid[witness] = time
        }
        return valid
    }
}

/// A trust policy on witnesses: at least `quorum` of `witnesses` must have cosigned a checkpoint.
public struct WitnessQuorum: Sendable {
    /// The witnesses whose cosignatures count.
    public let witnesses: [CosignerVerifierKey]
    /// How many of them are needed.
    public let quorum: Int

    /// Makes a policy.
    ///
    /// - Throws: ``CheckpointError`` when `quorum` is not between 1 and the number of distinct witnesses.
    public init(witnesses: [CosignerVerifierKey], quorum: Int) throws {
        var distinct: [CosignerVerifierKey] = []
        for witness in witnesses where !distinct.contains(witness) { distinct.append(witness) }
        guard quorum >= 1, quorum <= distinct.count else {
            throw CheckpointError("the quorum must be between 1 and the number of witness keys given (\(distinct.count)), not \(quorum)")
        }
        self.witnesses = distinct
        self.quorum = quorum
    }

    /// The names of the witnesses that cosigned `note`, in the order the policy lists them, when there are at least
    /// `quorum` of them.
    ///
    /// - Throws: ``CheckpointError`` when fewer cosigned, or a cosignature by one of the witnesses does not hold.
    public func check(_ note: String) throws -> [String] {
        let valid = try Cosignature.verify(note, witnesses: witnesses)
        let names = witnesses.filter { valid[$0] != nil }.map(\.name)
        guard names.count >= quorum else {
            let found = names.isEmpty ? "none of them" : "only " + names.joined(separator: ", ")
            throw CheckpointError("\(quorum) of the \(witnesses.count) witnesses given must have cosigned the checkpoint, but \(found) did")
        }
        return names
    }
}
