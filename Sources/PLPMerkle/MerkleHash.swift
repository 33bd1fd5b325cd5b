internal import CSHA256
import Crypto

/// RFC 6962 / RFC 9162 hashing with SHA-256: domain-separated leaf and node hashes.
///
/// On a CPU with the SHA extensions each hash is one call into `CSHA256` (padding in a stack buffer, no context
/// object); elsewhere swift-crypto computes it. Both give the same bytes (`MerkleHashTests` compares them).
public enum MerkleHash {
    /// The leaf hash of `leafBytes`: SHA-256(0x00 ‖ leafBytes).
    public static func leaf(_ leafBytes: UnsafeRawBufferPointer) -> Digest32 {
        var result = Digest32.zero
        let done = withUnsafeMutableBytes(of: &result.storage) { out in
            plp_sha256_leaf(leafBytes.baseAddress, leafBytes.count, out.baseAddress)
        }
        return done == 1 ? result : portableLeaf(leafBytes)
    }

    /// The leaf hash of `leafBytes`: SHA-256(0x00 ‖ leafBytes).
    public static func leaf(_ leafBytes: [UInt8]) -> Digest32 {
        leafBytes.withUnsafeBytes { leaf($0) }
    }

    /// The interior node hash of two children: SHA-256(0x01 ‖ left ‖ right).
    public static func node(_ left: Digest32, _ right: Digest32) -> Digest32 {
        var result = Digest32.zero
        let done = withUnsafeBytes(of: left.storage) { l in
            withUnsafeBytes(of: right.storage) { r in
                withUnsafeMutableBytes(of: &result.storage) { out in
                    plp_sha256_node(l.baseAddress, r.baseAddress, out.baseAddress)
                }
            }
        }
        return done == 1 ? result : portableNode(left, right)
    }

    /// Whether the hashes above run on the CPU's SHA extensions (else on swift-crypto).
    public static var isAccelerated: Bool { plp_sha256_accelerated() == 1 }

    /// The leaf hash computed by swift-crypto: what ``leaf(_:)-(UnsafeRawBufferPointer)`` falls back on.
    public static func portableLeaf(_ leafBytes: UnsafeRawBufferPointer) -> Digest32 {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0x00)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: leafBytes)
        return digest(hasher.finalize())
    }

    /// The node hash computed by swift-crypto: what ``node(_:_:)`` falls back on.
    public static func portableNode(_ left: Digest32, _ right: Digest32) -> Digest32 {
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
