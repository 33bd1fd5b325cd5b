#if canImport(Glibc)
import Glibc
#endif

/// Cryptographic random numbers drawn 4 KiB at a time from the kernel (`arc4random_buf`, one `getrandom` system call
/// per refill in glibc ≥ 2.36), where `SystemRandomNumberGenerator` makes one `getrandom` call per word: two per event
/// id, so a system call per event on an import of events without ids. (swift-crypto's `SymmetricKey(size:)`, used here
/// before, fills itself through `SystemRandomNumberGenerator` too: 512 system calls per refill.)
struct PooledRandom: RandomNumberGenerator {
    private static let poolWords = 512
    private var pool: [UInt64] = []
    private var used = 0

    mutating func next() -> UInt64 {
        if used == pool.count { refill() }
        defer { used += 1 }
        return pool[used]
    }

    /// `count` random bytes (a member key, an AES-GCM nonce), drawn from the pool word by word.
    mutating func bytes(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count { withUnsafeBytes(of: next()) { bytes.append(contentsOf: $0) } }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    private mutating func refill() {
        pool = [UInt64](unsafeUninitializedCapacity: Self.poolWords) { words, count in
            let bytes = UnsafeMutableRawBufferPointer(words)
            if let start = bytes.baseAddress { arc4random_buf(start, bytes.count) }
            count = Self.poolWords
        }
        used = 0
    }
}
