/// A witness's Ed25519 key, which cosigns checkpoints (C2SP tlog-cosignature, `cosignature/v1`), in the text form
/// of C2SP signed-note: `PRIVATE+KEY+<name>+<key id>+<base64(0x04 ‖ 32-byte seed)>`, the key id computed with the
/// cosignature type byte 0x04. Keep it secret (mode 0600).
public struct CosignerSigningKey: Sendable {
    /// The witness's name, written on every cosignature line (for instance `witness.example.be`).
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
    /// - Throws: ``CheckpointError`` when the text is not a cosigner's private key or its id does not match.
    public init(text: String) throws {
        (name, seed, publicKey) = try NoteKeyFormat.privateKey(text, type: NoteKeyFormat.cosignatureV1)
    }

    /// The text form, without a newline.
    public var text: String {
        NoteKeyFormat.privateKeyText(name: name, type: NoteKeyFormat.cosignatureV1, seed: seed, publicKey: publicKey)
    }

    /// The matching public key, to give to whoever checks cosignatures.
    public var verifierKey: CosignerVerifierKey {
        CosignerVerifierKey(name: name, publicKey: publicKey)
    }

    /// The cosignature line of `body` (a checkpoint's note text, with its final newline) at `timestamp`:
    /// `— <name> base64(key id ‖ timestamp, 8 bytes big-endian ‖ Ed25519 signature)`, with its newline.
    ///
    /// - Throws: ``CheckpointError`` when the timestamp is beyond 2^63 − 1.
    public func cosignatureLine(for body: String, timestamp: UInt64) throws -> String {
        guard timestamp <= UInt64(Int64.max) else { throw CheckpointError("a cosignature's time cannot exceed 2^63 - 1") }
        let signature = try NoteKeyFormat.sign(Cosignature.message(body: body, timestamp: timestamp), seed: seed)
        let bytes = verifierKey.keyID + Cosignature.bigEndian(timestamp) + signature
        return "\u{2014} \(name) " + Base64.encode(bytes) + "\n"
    }
}

/// A witness's public key, in the verifier-key text form of C2SP signed-note with the cosignature/v1 type:
/// `<name>+<key id>+<base64(0x04 ‖ 32-byte public key)>`, the key id SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[:4].
public struct CosignerVerifierKey: Sendable, Hashable {
    /// The witness's name.
    public let name: String
    /// The 32-byte Ed25519 public key.
    public let publicKey: [UInt8]

    init(name: String, publicKey: [UInt8]) {
        self.name = name
        self.publicKey = publicKey
    }

    /// Reads the text form (surrounding white space ignored).
    ///
    /// - Throws: ``CheckpointError`` when the text is not a cosigner's public key or its id does not match.
    public init(text: String) throws {
        (name, publicKey) = try NoteKeyFormat.verifierKey(text, type: NoteKeyFormat.cosignatureV1)
    }

    /// The text form, without a newline.
    public var text: String {
        NoteKeyFormat.verifierKeyText(name: name, type: NoteKeyFormat.cosignatureV1, publicKey: publicKey)
    }

    /// The 4-byte key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key).
    public var keyID: [UInt8] { NoteKeyFormat.keyID(name: name, type: NoteKeyFormat.cosignatureV1, publicKey: publicKey) }

    /// The key id as 8 lowercase hexadecimal digits.
    public var keyIDHex: String { NoteKeyFormat.keyIDHex(name: name, type: NoteKeyFormat.cosignatureV1, publicKey: publicKey) }

    /// The timestamp of `signed` (the bytes after the key id of a signature line: timestamp ‖ signature) when it is
    /// this key's cosignature of `body`; nil when it is not.
    public func cosignatureTime(_ signed: [UInt8], body: String) -> UInt64? {
        guard signed.count == 8 + 64 else { return nil }
        let timestamp = signed.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard timestamp <= UInt64(Int64.max) else { return nil }
        let message = Cosignature.message(body: body, timestamp: timestamp)
        return NoteKeyFormat.isValid(Array(signed.dropFirst(8)), of: message, by: publicKey) ? timestamp : nil
    }
}
