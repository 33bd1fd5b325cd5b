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
        let key = Curve25519.Signing.PrivateKey()
        seed = Array(key.rawRepresentation)
        publicKey = Array(key.publicKey.rawRepresentation)
    }

    /// Reads the text form (surrounding white space ignored).
    ///
    /// - Throws: ``CheckpointError`` when the text is not a private key of this form or its id does not match.
    public init(text: String) throws {
        // The base64 key may itself hold '+': split off the first four fields only.
        let fields = text.trimmingWhitespace.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5, fields[0] == "PRIVATE", fields[1] == "KEY" else {
            throw CheckpointError("this is not a private signing key (expected PRIVATE+KEY+NAME+ID+KEY, as `plp-ledger keygen` writes)")
        }
        let seed = try NoteKeyFormat.keyBytes(fields[4], what: "private key")
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw CheckpointError("the private key's bytes are not an Ed25519 key")
        }
        try NoteKeyFormat.checkName(fields[2])
        name = fields[2]
        self.seed = seed
        publicKey = Array(key.publicKey.rawRepresentation)
        guard fields[3].lowercased() == NoteKeyFormat.keyIDHex(name: name, publicKey: publicKey) else {
            throw CheckpointError("the private key's id \(fields[3]) does not match its name and key: the file was altered")
        }
    }

    /// The text form, without a newline.
    public var text: String {
        "PRIVATE+KEY+\(name)+\(verifierKey.keyIDHex)+" + Base64.encode([NoteKeyFormat.ed25519] + seed)
    }

    /// The matching public key, to give to auditors.
    public var verifierKey: NoteVerifierKey {
        NoteVerifierKey(name: name, publicKey: publicKey)
    }

    /// The 64-byte Ed25519 signature of `message`.
    func signature(for message: [UInt8]) throws -> [UInt8] {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        return Array(try key.signature(for: message))
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
        let trimmed = text.trimmingWhitespace
        if trimmed.hasPrefix("PRIVATE+KEY+") {
            throw CheckpointError("this is a private key; give the public key (the .pub file) to check a checkpoint")
        }
        let fields = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 3 else {
            throw CheckpointError("this is not a public verifier key (expected NAME+ID+KEY, as `plp-ledger keygen` writes)")
        }
        try NoteKeyFormat.checkName(fields[0])
        let key = try NoteKeyFormat.keyBytes(fields[2], what: "public key")
        name = fields[0]
        publicKey = key
        guard fields[1].lowercased() == keyIDHex else {
            throw CheckpointError("the public key's id \(fields[1]) does not match its name and key: the file was altered")
        }
    }

    /// The text form, without a newline.
    public var text: String {
        "\(name)+\(keyIDHex)+" + Base64.encode([NoteKeyFormat.ed25519] + publicKey)
    }

    /// The 4-byte key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
    public var keyID: [UInt8] { NoteKeyFormat.keyID(name: name, publicKey: publicKey) }

    /// The key id as 8 lowercase hexadecimal digits.
    public var keyIDHex: String { NoteKeyFormat.keyIDHex(name: name, publicKey: publicKey) }

    /// True when `signature` is this key's Ed25519 signature of `message`.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

/// The shared rules of the key text forms (internal).
enum NoteKeyFormat {
    /// The signature type byte of Ed25519 in C2SP signed-note.
    static let ed25519: UInt8 = 0x01

    static func keyID(name: String, publicKey: [UInt8]) -> [UInt8] {
        var input = Array(name.utf8)
        input.append(0x0A)
        input.append(ed25519)
        input.append(contentsOf: publicKey)
        return Array(SHA256.hash(data: input).prefix(4))
    }

    static func keyIDHex(name: String, publicKey: [UInt8]) -> String {
        keyID(name: name, publicKey: publicKey).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }

    static func checkName(_ name: String) throws {
        guard !name.isEmpty, !name.contains("+"), !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            throw CheckpointError("a key name must be non-empty, without spaces or '+' (for instance plp-ledger.example.be)")
        }
    }

    /// Decodes base64(0x01 ‖ 32 bytes).
    static func keyBytes(_ text: String, what: String) throws -> [UInt8] {
        guard let bytes = Base64.decode(text), bytes.count == 33 else {
            throw CheckpointError("the \(what) is not base64 of 33 bytes (a type byte and 32 key bytes)")
        }
        guard bytes[0] == ed25519 else {
            throw CheckpointError("the \(what) is of signature type \(bytes[0]), not Ed25519 (1)")
        }
        return Array(bytes[1...])
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
