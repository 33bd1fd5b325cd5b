import Crypto
import Foundation

/// Seals and opens contact details with a member's own key (AES-256-GCM), and wraps member keys under the master key.
///
/// A sealed contact is `nonce (12) ‖ ciphertext ‖ tag (16)` of the canonical JSON of the details, authenticated with
/// the member's stream name, so a sealed box cannot be moved to another member.
public enum ContactSealing {
    /// Seals `details` for `member` with its key, under `nonce` (12 random bytes; nil: swift-crypto draws them).
    static func seal(_ details: ContactDetails, member: String, key: SymmetricKey, nonce: [UInt8]? = nil) throws -> [UInt8] {
        var writer = CanonicalJSONWriter(capacity: 128)
        details.encodeJSON(into: &writer)
        let box = try AES.GCM.seal(writer.bytes, using: key, nonce: try gcmNonce(nonce), authenticating: Array("member/\(member)".utf8))
        guard let combined = box.combined else { throw LedgerError(.internalError, "sealing failed") }
        return [UInt8](combined)
    }

    /// Bytes of the size that `seal` gives for `details` (nonce, ciphertext as long as the canonical JSON, tag): what
    /// the check of an import counts a contact in clear as, since it seals nothing.
    static func placeholder(sealing details: ContactDetails) -> [UInt8] {
        var writer = CanonicalJSONWriter(capacity: 128)
        details.encodeJSON(into: &writer)
        return [UInt8](repeating: 0, count: nonceBytes + writer.bytes.count + tagBytes)
    }

    /// The AES-GCM nonce of `bytes` (nil: let swift-crypto draw one).
    private static func gcmNonce(_ bytes: [UInt8]?) throws -> AES.GCM.Nonce? {
        try bytes.map { try AES.GCM.Nonce(data: $0) }
    }

    /// AES-GCM's nonce and tag sizes in a sealed box.
    static let nonceBytes = 12, tagBytes = 16

    /// Opens a sealed contact of `member`; nil when the box was not sealed with this key for this member.
    static func open(_ sealed: [UInt8], member: String, key: SymmetricKey) -> ContactDetails? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
              let clear = try? AES.GCM.open(box, using: key, authenticating: Array("member/\(member)".utf8)),
              let value = try? JSONValue.parse([UInt8](clear)), let name = value["name"]?.stringValue else { return nil }
        return ContactDetails(name: name, phone: value["phone"]?.stringValue, email: value["email"]?.stringValue)
    }

    /// Wraps a member key under the master key (authenticated with the member ID), under `nonce` as in `seal`.
    static func wrap(_ memberKey: SymmetricKey, member: String, master: MasterKey, nonce: [UInt8]? = nil) throws -> [UInt8] {
        let raw = memberKey.withUnsafeBytes { Array($0) }
        let box = try AES.GCM.seal(raw, using: master.key, nonce: try gcmNonce(nonce), authenticating: Array("key/\(member)".utf8))
        guard let combined = box.combined else { throw LedgerError(.internalError, "wrapping a member key failed") }
        return [UInt8](combined)
    }

    /// Unwraps a member key; nil when the master key is not the one that wrapped it.
    static func unwrap(_ wrapped: UnsafeRawBufferPointer, member: String, master: MasterKey) -> SymmetricKey? {
        guard let box = try? AES.GCM.SealedBox(combined: Data(wrapped)),
              let raw = try? AES.GCM.open(box, using: master.key, authenticating: Array("key/\(member)".utf8)) else { return nil }
        return SymmetricKey(data: raw)
    }
}

/// What `--reveal` shows of a member's contact.
public enum RevealedContact: Sendable, Equatable {
    /// The details in clear.
    case clear(ContactDetails)
    /// The member's key was destroyed by `forget` (`MemberErased`): nobody can read it any more.
    case erased
    /// Sealed, and this process does not hold the key that opens it (no master key, or another ledger's data).
    case sealed
}
