/// Where bytes are appended: a `[UInt8]`, or the fixed buffer of a ``FixedJSONWriter``. The formatters of ids, times
/// and hashes and the JSON string escaping are written once against it and specialised for each.
public protocol ByteSink {
    /// Appends one byte.
    mutating func appendByte(_ byte: UInt8)
    /// Appends `bytes`.
    mutating func appendBytes(_ bytes: UnsafeRawBufferPointer)
}

extension ByteSink {
    /// Appends the UTF-8 of `text` (an enum's raw value, a NIS code…) as it is.
    @inline(__always)
    public mutating func appendUTF8(_ text: String) {
        let done: Bool? = text.utf8.withContiguousStorageIfAvailable { appendBytes(UnsafeRawBufferPointer($0)); return true }
        if done == nil {
            var copy = text
            copy.withUTF8 { appendBytes(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Appends the UTF-8 of a literal.
    @inline(__always)
    public mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { appendBytes(UnsafeRawBufferPointer($0)) }
    }
}

extension ByteSink {
    /// Appends a whole number in plain decimal: the digits (and sign) laid out right to left on the stack, appended at once.
    mutating func appendDecimal(_ value: Int64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            appendBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digits[start..<20])))
        }
    }
}

extension Array: ByteSink where Element == UInt8 {
    @inline(__always)
    public mutating func appendByte(_ byte: UInt8) { append(byte) }

    @inline(__always)
    public mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}
