// Explicit byte orders for LMDB keys: big-endian integers sort numerically under LMDB's default
// (lexicographic, memcmp) key order, which is what sequence-numbered keys need.

extension UInt64 {
    /// The 8 bytes of this value, most significant first (big-endian): keys that sort numerically.
    public var bigEndianBytes: [UInt8] {
        withBigEndianBytes { Array($0) }
    }

    /// Calls `body` with the 8 big-endian bytes of this value, without allocating.
    public func withBigEndianBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var big = self.bigEndian
        return try Swift.withUnsafeBytes(of: &big) { (bytes) throws(E) -> R in try body(bytes) }
    }

    /// Reads a value from exactly 8 big-endian bytes; `nil` when `bigEndianBytes` does not hold 8 bytes.
    @inline(__always)
    public init?(bigEndianBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 8 else { return nil }
        self = UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
    }

    /// Reads a value from exactly 8 big-endian bytes; `nil` when the array does not hold 8 bytes.
    public init?(bigEndianBytes bytes: [UInt8]) {
        guard let value = bytes.withUnsafeBytes({ UInt64(bigEndianBytes: $0) }) else { return nil }
        self = value
    }
}

extension UInt32 {
    /// The 4 bytes of this value, most significant first (big-endian): keys that sort numerically.
    public var bigEndianBytes: [UInt8] {
        withBigEndianBytes { Array($0) }
    }

    /// Calls `body` with the 4 big-endian bytes of this value, without allocating.
    public func withBigEndianBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        var big = self.bigEndian
        return try Swift.withUnsafeBytes(of: &big) { (bytes) throws(E) -> R in try body(bytes) }
    }

    /// Reads a value from exactly 4 big-endian bytes; `nil` when `bigEndianBytes` does not hold 4 bytes.
    public init?(bigEndianBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 4 else { return nil }
        var value: UInt32 = 0
        for byte in bytes { value = value << 8 | UInt32(byte) }
        self = value
    }
}
