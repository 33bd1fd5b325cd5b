import Crypto

/// Cryptographic random numbers drawn 4 KiB at a time from BoringSSL's generator (through swift-crypto), where
/// `SystemRandomNumberGenerator` makes one `getrandom` system call per word: two per event id, so a system call per
/// event on an import of events without ids.
struct PooledRandom: RandomNumberGenerator {
    private var pool: [UInt64] = []
    private var used = 0

    mutating func next() -> UInt64 {
        if used == pool.count { refill() }
        defer { used += 1 }
        return pool[used]
    }

    private mutating func refill() {
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: 512 * 64))
        pool = key.withUnsafeBytes { bytes in
            (0..<512).map { bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
        }
        used = 0
    }
}
