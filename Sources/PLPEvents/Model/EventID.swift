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

    /// Appends the 36-byte lowercase text form.
    public func write<Sink: ByteSink>(into bytes: inout Sink) {
        let digits: StaticString = "0123456789abcdef"
        // The 36 characters are laid out on the stack and appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { text in
            digits.withUTF8Buffer { hex in
                var position = 0
                for nibble in 0..<32 {
                    if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                        text[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    let word = nibble < 16 ? high : low
                    let shift = UInt64(60 - (nibble % 16) * 4)
                    text[position] = hex[Int((word >> shift) & 0xF)]
                    position += 1
                }
            }
            bytes.appendBytes(UnsafeRawBufferPointer(text))
        }
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
