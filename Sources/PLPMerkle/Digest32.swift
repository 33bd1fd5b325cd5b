public import PLPJSON
/// A SHA-256 digest (32 bytes), the unit of the Merkle tree.
///
/// Stored inline as four machine words (no heap allocation); the in-memory byte
/// order of the words is exactly the digest's byte order, so `withUnsafeBytes`
/// hands out the 32 digest bytes as they are.
public struct Digest32: Sendable, Hashable, CustomStringConvertible {
    /// The 32 bytes, in digest order, held as four words loaded from raw memory.
    @usableFromInline
    internal var storage: (UInt64, UInt64, UInt64, UInt64)

    /// The number of bytes in a digest.
    public static let byteCount = 32

    /// The all-zero digest (useful as a placeholder; never the hash of anything known).
    public static let zero = Digest32(storage: (0, 0, 0, 0))

    @usableFromInline
    internal init(storage: (UInt64, UInt64, UInt64, UInt64)) {
        self.storage = storage
    }

    /// Creates a digest from exactly 32 bytes.
    ///
    /// - Precondition: `bytes.count == 32`. For bytes that come from outside the
    ///   process (a file, a database value, the network) use ``init(validating:)``,
    ///   which returns `nil` instead of trapping.
    @inlinable
    public init(bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count == Digest32.byteCount, "Digest32 needs exactly 32 bytes, got \(bytes.count)")
        self.storage = (
            bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
            bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
            bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
            bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        )
    }

    /// Creates a digest from `bytes` if it holds exactly 32 bytes; `nil` otherwise.
    @inlinable
    public init?(validating bytes: UnsafeRawBufferPointer) {
        guard bytes.count == Digest32.byteCount else { return nil }
        self.init(bytes: bytes)
    }

    /// Creates a digest from a byte array if it holds exactly 32 bytes; `nil` otherwise.
    public init?(_ bytes: [UInt8]) {
        guard let value = bytes.withUnsafeBytes({ Digest32(validating: $0) }) else { return nil }
        self = value
    }

    /// Parses 64 hexadecimal digits (upper- or lowercase); `nil` for any other input.
    public init?(hex: String) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        let ok: Bool = withUnsafeMutableBytes(of: &words) { out -> Bool in
            var high: UInt8? = nil
            for c in hex.utf8 {
                guard count < 32, let nibble = Digest32.nibble(c) else { return false }
                if let h = high {
                    out[count] = h << 4 | nibble
                    count += 1
                    high = nil
                } else {
                    high = nibble
                }
            }
            return high == nil && count == 32
        }
        guard ok else { return nil }
        self.storage = words
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public var hex: String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 64) { out in
                digits.withUTF8Buffer { table in
                    for (i, b) in bytes.enumerated() {
                        out[2 * i] = table[Int(b >> 4)]
                        out[2 * i + 1] = table[Int(b & 0x0f)]
                    }
                }
                return 64
            }
        }
    }

    /// Appends the 64 lowercase hexadecimal digits as UTF-8.
    @inlinable
    public func appendHex<Sink: ByteSink>(to out: inout Sink) {
        let digits: StaticString = "0123456789abcdef"
        // The 64 digits are laid out on the stack and appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { text in
            digits.withUTF8Buffer { table in
                withUnsafeBytes { bytes in
                    for (index, byte) in bytes.enumerated() {
                        text[2 * index] = table[Int(byte >> 4)]
                        text[2 * index + 1] = table[Int(byte & 0x0F)]
                    }
                }
            }
            out.appendBytes(UnsafeRawBufferPointer(text))
        }
    }

    /// The 32 bytes as a new array.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Calls `body` with the 32 digest bytes (valid only during the call).
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// The lowercase hexadecimal form, same as ``hex``.
    public var description: String { hex }

    /// Two digests are equal when all 32 bytes are equal.
    @inlinable
    public static func == (lhs: Digest32, rhs: Digest32) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
            && lhs.storage.2 == rhs.storage.2 && lhs.storage.3 == rhs.storage.3
    }

    /// Feeds the 32 bytes to `hasher`.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }
}
