import Crypto

/// RFC 6962 / RFC 9162 hashing with SHA-256: domain-separated leaf and node hashes.
public enum MerkleHash {
    /// The leaf hash of `leafBytes`: SHA-256(0x00 ‖ leafBytes).
    public static func leaf(_ leafBytes: UnsafeRawBufferPointer) -> Digest32 {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0x00)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: leafBytes)
        return digest(hasher.finalize())
    }

    /// The leaf hash of `leafBytes`: SHA-256(0x00 ‖ leafBytes).
    public static func leaf(_ leafBytes: [UInt8]) -> Digest32 {
        leafBytes.withUnsafeBytes { leaf($0) }
    }

    /// The interior node hash of two children: SHA-256(0x01 ‖ left ‖ right).
    ///
    /// The 65 input bytes are laid out in a stack buffer and hashed in one update.
    public static func node(_ left: Digest32, _ right: Digest32) -> Digest32 {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer.storeBytes(of: UInt8(0x01), toByteOffset: 0, as: UInt8.self)
            buffer.storeBytes(of: left.storage, toByteOffset: 1, as: (UInt64, UInt64, UInt64, UInt64).self)
            buffer.storeBytes(of: right.storage, toByteOffset: 33, as: (UInt64, UInt64, UInt64, UInt64).self)
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return digest(hasher.finalize())
        }
    }

    /// The root of the empty tree: SHA-256 of the empty string,
    /// e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.
    public static let emptyRoot: Digest32 = digest(SHA256.hash(data: [UInt8]()))

    @inline(__always)
    private static func digest(_ d: SHA256.Digest) -> Digest32 {
        d.withUnsafeBytes { Digest32(bytes: $0) }
    }
}
