/// The identity of one event: a UUID, kept as 16 bytes and written in lowercase 8-4-4-4-12 form.
public struct EventID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The first 8 bytes, big-endian.
    public let high: UInt64
    /// The last 8 bytes, big-endian.
    public let low: UInt64

    /// Makes an ID from its two big-endian halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A new random (version 4) UUID.
    public static func random() -> EventID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new random (version 4) UUID from `generator`.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> EventID {
        let high = (generator.next() & UInt64(0xFFFF_FFFF_FFFF_0FFF)) | 0x0000_0000_0000_4000
        let low = (generator.next() & UInt64(0x3FFF_FFFF_FFFF_FFFF)) | 0x8000_0000_0000_0000
        return EventID(high: high, low: low)
    }

    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex digits in either case); nil if it is not that form.
    public init?(_ text: String) {
        var text = text
        guard let id = text.withUTF8({ EventID.parse(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = id
    }

    /// Parses the 36 bytes of a UUID's text form.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> EventID? {
        guard bytes.count == 36 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var nibbles = 0
        for index in 0..<36 {
            let byte = bytes[index]
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            if nibbles < 16 {
                high = high << 4 | UInt64(value)
            } else {
                low = low << 4 | UInt64(value)
            }
            nibbles += 1
        }
        return EventID(high: high, low: low)
    }

    /// Appends the 36-byte lowercase text form (8-4-4-4-12 hexadecimal digits).
    public func write<Sink: ByteSink>(into bytes: inout Sink) {
        // Each half of each 64-bit word becomes 8 ASCII digits at once (``hexDigits(_:)``); the 36 characters are
        // laid out on the stack and appended at once.
        withUnsafeTemporaryAllocation(byteCount: 36, alignment: 8) { text in
            let h1 = Self.hexDigits(UInt32(truncatingIfNeeded: high)), l0 = Self.hexDigits(UInt32(truncatingIfNeeded: low >> 32))
            text.storeBytes(of: Self.hexDigits(UInt32(truncatingIfNeeded: high >> 32)), toByteOffset: 0, as: UInt64.self)
            text.storeBytes(of: UInt32(truncatingIfNeeded: h1), toByteOffset: 9, as: UInt32.self)
            text.storeBytes(of: UInt32(truncatingIfNeeded: h1 >> 32), toByteOffset: 14, as: UInt32.self)
            text.storeBytes(of: UInt32(truncatingIfNeeded: l0), toByteOffset: 19, as: UInt32.self)
            text.storeBytes(of: UInt32(truncatingIfNeeded: l0 >> 32), toByteOffset: 24, as: UInt32.self)
            text.storeBytes(of: Self.hexDigits(UInt32(truncatingIfNeeded: low)), toByteOffset: 28, as: UInt64.self)
            for dash in [8, 13, 18, 23] { text.storeBytes(of: UInt8(ascii: "-"), toByteOffset: dash, as: UInt8.self) }
            bytes.appendBytes(UnsafeRawBufferPointer(text))
        }
    }

    /// The 8 lowercase hexadecimal digits of `value`, most significant first, as the bytes of a word in memory order:
    /// the nibbles spread one per byte, then each turned into '0'…'9' or 'a'…'f' by adding 0x30, and 0x27 more where
    /// the nibble is 10 or above (SWAR, no table, no branch).
    @inline(__always)
    static func hexDigits(_ value: UInt32) -> UInt64 {
        var x = UInt64(value)
        x = ((x & 0xFFFF_0000) << 16) | (x & 0xFFFF)
        x = ((x & 0x0000_FF00_0000_FF00) << 8) | (x & 0x0000_00FF_0000_00FF)
        x = ((x & 0x00F0_00F0_00F0_00F0) << 4) | (x & 0x000F_000F_000F_000F)
        let letters = ((x &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        let ascii = x &+ 0x3030_3030_3030_3030 &+ letters &* 0x27
        // The most significant digit is in the highest byte: first in memory once swapped (the CPU is little-endian).
        return ascii.bigEndian
    }

    /// The lowercase text form.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        write(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The 16 bytes, big-endian, as stored.
    public var bytes: [UInt8] {
        var result = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            result[index] = UInt8(truncatingIfNeeded: high >> UInt64(56 - index * 8))
            result[8 + index] = UInt8(truncatingIfNeeded: low >> UInt64(56 - index * 8))
        }
        return result
    }

    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
