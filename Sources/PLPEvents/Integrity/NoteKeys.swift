import Crypto

/// An error with signing keys or signed checkpoints: one sentence a person can act on.
public struct CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public let message: String

    /// Makes an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// An Ed25519 key that signs checkpoints, in the text form of C2SP signed-note / Go's `sumdb/note`:
/// `PRIVATE+KEY+<name>+<key id, 8 hex digits>+<base64(0x01 ‖ 32-byte seed)>`. Keep it secret (mode 0600).
public struct NoteSigningKey: Sendable {
    /// The key's name, written on every signature line (for instance `plp-ledger.example.be`).
    public let name: String
    /// The 32-byte Ed25519 seed.
    let seed: [UInt8]
    /// The 32-byte public key.
    let publicKey: [UInt8]

    /// A new random key called `name`.
    ///
    /// - Throws: ``CheckpointError`` when the name is empty or holds white space or `+`.
    public init(generatingNamed name: String) throws {
        try NoteKeyFormat.checkName(name)
        self.name = name
        (seed, publicKey) = NoteKeyFormat.generate()
    }

    /// Reads the text form (surrounding white space ignored).
    ///
    /// - Throws: ``CheckpointError`` when the text is not a private key of this form or its id does not match.
    public init(text: String) throws {
        (name, seed, publicKey) = try NoteKeyFormat.privateKey(text, type: NoteKeyFormat.ed25519)
    }

    /// The text form, without a newline.
    public var text: String {
        NoteKeyFormat.privateKeyText(name: name, type: NoteKeyFormat.ed25519, seed: seed, publicKey: publicKey)
    }

    /// The matching public key, to give to auditors.
    public var verifierKey: NoteVerifierKey {
        NoteVerifierKey(name: name, publicKey: publicKey)
    }

    /// The 64-byte Ed25519 signature of `message`.
    func signature(for message: [UInt8]) throws -> [UInt8] {
        try NoteKeyFormat.sign(message, seed: seed)
    }
}

/// The public half of a ``NoteSigningKey``, in the verifier-key text form of C2SP signed-note:
/// `<name>+<key id, 8 hex digits>+<base64(0x01 ‖ 32-byte public key)>`.
public struct NoteVerifierKey: Sendable, Equatable {
    /// The key's name.
    public let name: String
    /// The 32-byte Ed25519 public key.
    public let publicKey: [UInt8]

    init(name: String, publicKey: [UInt8]) {
        self.name = name
        self.publicKey = publicKey
    }

    /// Reads the text form (surrounding white space ignored).
    ///
    /// - Throws: ``CheckpointError`` when the text is not a verifier key or its id does not match.
    public init(text: String) throws {
        (name, publicKey) = try NoteKeyFormat.verifierKey(text, type: NoteKeyFormat.ed25519)
    }

    /// The text form, without a newline.
    public var text: String {
        NoteKeyFormat.verifierKeyText(name: name, type: NoteKeyFormat.ed25519, publicKey: publicKey)
    }

    /// The 4-byte key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
    public var keyID: [UInt8] { NoteKeyFormat.keyID(name: name, publicKey: publicKey) }

    /// The key id as 8 lowercase hexadecimal digits.
    public var keyIDHex: String { NoteKeyFormat.keyIDHex(name: name, publicKey: publicKey) }

    /// True when `signature` is this key's Ed25519 signature of `message`.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        NoteKeyFormat.isValid(signature, of: message, by: publicKey)
    }
}

/// The shared rules of the key text forms (internal).
enum NoteKeyFormat {
    /// The signature type byte of Ed25519 in C2SP signed-note.
    static let ed25519: UInt8 = 0x01

    /// The signature type byte of timestamped Ed25519 witness cosignatures (C2SP tlog-cosignature).
    static let cosignatureV1: UInt8 = 0x04

    /// SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], the key id of C2SP signed-note.
    static func keyID(name: String, type: UInt8 = ed25519, publicKey: [UInt8]) -> [UInt8] {
        var input = Array(name.utf8)
        input.append(0x0A)
        input.append(type)
        input.append(contentsOf: publicKey)
        return Array(SHA256.hash(data: input).prefix(4))
    }

    static func keyIDHex(name: String, type: UInt8 = ed25519, publicKey: [UInt8]) -> String {
        keyID(name: name, type: type, publicKey: publicKey).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }

    static func checkName(_ name: String) throws {
        guard !name.isEmpty, !name.contains("+"), !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            throw CheckpointError("a key name must be non-empty, without spaces or '+' (for instance plp-ledger.example.be)")
        }
    }

    /// What a key of each type is, in the errors.
    static func kind(_ type: UInt8) -> String {
        switch type {
        case ed25519: return "a log's signing key (type 1, Ed25519, as `plp-ledger keygen` writes)"
        case cosignatureV1: return "a witness's key (type 4, cosignature/v1, as `plp-ledger witness init` writes)"
        default: return "a key of signature type \(type)"
        }
    }

    /// Decodes base64(type ‖ 32 bytes).
    static func keyBytes(_ text: String, what: String, type: UInt8) throws -> [UInt8] {
        guard let bytes = Base64.decode(text), bytes.count == 33 else {
            throw CheckpointError("the \(what) is not base64 of 33 bytes (a type byte and 32 key bytes)")
        }
        guard bytes[0] == type else {
            throw CheckpointError("the \(what) is \(kind(bytes[0])), but \(kind(type)) is needed here")
        }
        return Array(bytes[1...])
    }

    /// `PRIVATE+KEY+<name>+<key id>+<base64(type ‖ seed)>`, the text form of a private key of `type`.
    static func privateKeyText(name: String, type: UInt8, seed: [UInt8], publicKey: [UInt8]) -> String {
        "PRIVATE+KEY+\(name)+\(keyIDHex(name: name, type: type, publicKey: publicKey))+" + Base64.encode([type] + seed)
    }

    /// `<name>+<key id>+<base64(type ‖ public key)>`, the text form of a verifier key of `type`.
    static func verifierKeyText(name: String, type: UInt8, publicKey: [UInt8]) -> String {
        "\(name)+\(keyIDHex(name: name, type: type, publicKey: publicKey))+" + Base64.encode([type] + publicKey)
    }

    /// Reads `PRIVATE+KEY+<name>+<key id>+<base64(type ‖ seed)>` (surrounding white space ignored): the name, the
    /// seed and the public key.
    static func privateKey(_ text: String, type: UInt8) throws -> (name: String, seed: [UInt8], publicKey: [UInt8]) {
        // The base64 key may itself hold '+': split off the first four fields only.
        let fields = text.trimmingWhitespace.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5, fields[0] == "PRIVATE", fields[1] == "KEY" else {
            throw CheckpointError("this is not a private signing key (expected PRIVATE+KEY+NAME+ID+KEY, as `plp-ledger keygen` writes)")
        }
        let seed = try keyBytes(fields[4], what: "private key", type: type)
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw CheckpointError("the private key's bytes are not an Ed25519 key")
        }
        try checkName(fields[2])
        let publicKey = Array(key.publicKey.rawRepresentation)
        guard fields[3].lowercased() == keyIDHex(name: fields[2], type: type, publicKey: publicKey) else {
            throw CheckpointError("the private key's id \(fields[3]) does not match its name and key: the file was altered")
        }
        return (fields[2], seed, publicKey)
    }

    /// Reads `<name>+<key id>+<base64(type ‖ public key)>` (surrounding white space ignored).
    static func verifierKey(_ text: String, type: UInt8) throws -> (name: String, publicKey: [UInt8]) {
        let trimmed = text.trimmingWhitespace
        if trimmed.hasPrefix("PRIVATE+KEY+") {
            throw CheckpointError("this is a private key; give the public key (the .pub file)")
        }
        let fields = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 3 else {
            throw CheckpointError("this is not a public verifier key (expected NAME+ID+KEY, as `plp-ledger keygen` writes)")
        }
        try checkName(fields[0])
        let key = try keyBytes(fields[2], what: "public key", type: type)
        guard Curve25519.Signing.PublicKey.isValid(key) else {
            throw CheckpointError("the public key's bytes are not an Ed25519 key")
        }
        guard fields[1].lowercased() == keyIDHex(name: fields[0], type: type, publicKey: key) else {
            throw CheckpointError("the public key's id \(fields[1]) does not match its name and key: the file was altered")
        }
        return (fields[0], key)
    }

    /// A fresh Ed25519 key: its seed and public key.
    static func generate() -> (seed: [UInt8], publicKey: [UInt8]) {
        let key = Curve25519.Signing.PrivateKey()
        return (Array(key.rawRepresentation), Array(key.publicKey.rawRepresentation))
    }

    /// The 64-byte Ed25519 signature of `message` by the key of `seed`.
    static func sign(_ message: [UInt8], seed: [UInt8]) throws -> [UInt8] {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        return Array(try key.signature(for: message))
    }

    /// True when `signature` is the Ed25519 signature of `message` by `publicKey`.
    static func isValid(_ signature: [UInt8], of message: [UInt8], by publicKey: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

extension Curve25519.Signing.PublicKey {
    /// True when `bytes` are a public key that swift-crypto accepts.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        (try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)) != nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
