/// Writes RFC 8785 canonical JSON into a byte buffer; the caller emits object keys already in RFC 8785 order.
///
/// RFC 8785 (JCS) order means object keys sorted by their UTF-16 code units; the writer does not
/// sort or check for duplicates. It writes no white space and puts the commas between members
/// and elements itself (a small nesting stack that allocates only on first use and keeps its
/// capacity across `reset()`).
///
/// Usage: `beginObject()`, then for each member `key(...)` followed by exactly one value
/// (`string`, `integer`, `bool`, `null`, `rawValue`, or a nested `beginObject`/`beginArray`),
/// then `endObject()`. In arrays, write values one after the other.
public struct CanonicalJSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]

    /// The commas still due: which open containers have a member, whether a key was just written.
    var nesting = JSONNesting()

    /// Makes an empty writer that reserves `capacity` bytes.
    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(max(capacity, 0))
    }

    /// Empties the buffer (keeping its capacity) and forgets any open containers.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        nesting.reset()
    }

    /// The number of containers begun and not yet ended.
    public var depth: Int { nesting.openCount }

    // MARK: Containers

    /// Writes '{' (preceded by ',' if needed).
    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        nesting.push()
    }

    /// Writes '}'.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        nesting.pop()
    }

    /// Writes '[' (preceded by ',' if needed).
    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        nesting.push()
    }

    /// Writes ']'.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        nesting.pop()
    }

    // MARK: Keys

    /// Writes the ',' if needed, then `"name":` (the name escaped like any string).
    public mutating func key(_ name: StaticString) {
        beforeKey()
        name.withUTF8Buffer { utf8 in
            // The usual key (a short name that needs no escaping): `"name":` laid out on the stack, appended at once.
            if utf8.count <= 60, !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { staged in
                    staged[0] = UInt8(ascii: "\"")
                    if let source = utf8.baseAddress { (staged.baseAddress! + 1).update(from: source, count: utf8.count) }
                    staged[utf8.count + 1] = UInt8(ascii: "\"")
                    staged[utf8.count + 2] = UInt8(ascii: ":")
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: staged[0..<(utf8.count + 3)]))
                }
            } else {
                bytes.appendQuotedJSON(UnsafeRawBufferPointer(utf8))
                bytes.append(UInt8(ascii: ":"))
            }
        }
        nesting.afterKey = true
    }

    /// Writes the ',' if needed, then `"name":` (the name escaped like any string). Disfavoured, so that a literal
    /// key (`key("seq")`) takes the `StaticString` path above: no `String`, no escaping scan beyond the name's bytes.
    @_disfavoredOverload
    public mutating func key(_ name: String) {
        beforeKey()
        appendQuotedString(name)
        bytes.append(UInt8(ascii: ":"))
        nesting.afterKey = true
    }

    // MARK: Values

    /// Writes a string with RFC 8785 escaping: `\"` `\\` `\b` `\f` `\n` `\r` `\t`, other
    /// characters below U+0020 as `\u00xx` (lowercase hex), everything else (including non-ASCII,
    /// U+007F and U+2028) as raw UTF-8.
    public mutating func string(_ value: String) {
        beforeValue()
        appendQuotedString(value)
    }

    /// Writes a whole number in plain decimal.
    public mutating func integer(_ value: Int64) {
        beforeValue()
        bytes.appendDecimal(value)
    }

    /// Writes a `Double` as ECMAScript's Number-to-String does (RFC 8785 §3.2.2.3): shortest
    /// round-trip digits, `-0` as `0`, exponent form below 1e-6 and from 1e21. NaN and the
    /// infinities have no JSON form and are written as `null`, as `JSON.stringify` does.
    public mutating func number(_ value: Double) {
        beforeValue()
        ECMAScriptNumber.append(value, to: &bytes)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        beforeValue()
        appendLiteral(value ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        beforeValue()
        appendLiteral("null")
    }

    /// Appends canonical JSON text as it is (see ``JSONLineWriting/fragment(_:)``).
    public mutating func fragment(_ canonical: StaticString) {
        appendLiteral(canonical)
    }

    /// Writes an already canonical JSON value verbatim (not checked).
    public mutating func rawValue(_ utf8: UnsafeRawBufferPointer) {
        beforeValue()
        bytes.append(contentsOf: utf8)
    }

    // MARK: Internals

    @inline(__always)
    mutating func beforeKey() {
        if nesting.beforeKey() { bytes.append(UInt8(ascii: ",")) }
    }

    @inline(__always)
    mutating func beforeValue() {
        if nesting.beforeValue() { bytes.append(UInt8(ascii: ",")) }
    }

    @inline(__always)
    mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func appendQuotedString(_ value: String) {
        bytes.appendQuotedJSON(value)
    }
}

extension ByteSink {
    /// Appends `"utf8"` with RFC 8785 escaping; the input is valid UTF-8 (from a `String` or a
    /// `StaticString`).
    mutating func appendQuotedJSON(_ utf8: UnsafeRawBufferPointer) {
        appendByte(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        let count = utf8.count
        // Most strings need no escaping: skip 8 bytes at a time while none of them does.
        while count - i >= 8, !JSONEscaping.anyByteNeedsEscaping(utf8.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
        while i < count {
            let b = utf8[i]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            if i > runStart { appendBytes(UnsafeRawBufferPointer(rebasing: utf8[runStart..<i])) }
            appendByte(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""): appendByte(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): appendByte(UInt8(ascii: "\\"))
            case 0x08: appendByte(UInt8(ascii: "b"))
            case 0x0C: appendByte(UInt8(ascii: "f"))
            case 0x0A: appendByte(UInt8(ascii: "n"))
            case 0x0D: appendByte(UInt8(ascii: "r"))
            case 0x09: appendByte(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                hex.withUTF8Buffer { digits in
                    appendByte(UInt8(ascii: "u"))
                    appendByte(UInt8(ascii: "0"))
                    appendByte(UInt8(ascii: "0"))
                    appendByte(digits[Int(b >> 4)])
                    appendByte(digits[Int(b & 0xF)])
                }
            }
            i += 1
            runStart = i
        }
        if count > runStart { appendBytes(UnsafeRawBufferPointer(rebasing: utf8[runStart..<count])) }
        appendByte(UInt8(ascii: "\""))
    }

    /// Appends `"value"` with RFC 8785 escaping.
    @inline(__always)
    mutating func appendQuotedJSON(_ value: String) {
        let done: Bool? = value.utf8.withContiguousStorageIfAvailable { appendQuotedJSON(UnsafeRawBufferPointer($0)); return true }
        if done == nil {
            var copy = value
            copy.withUTF8 { appendQuotedJSON(UnsafeRawBufferPointer($0)) }
        }
    }
}

/// The escaping test of RFC 8785 strings, eight bytes at a time.
enum JSONEscaping {
    /// True when one of the 8 bytes of `word` is below 0x20, a '"' or a '\\' (SWAR: a byte's high bit set in
    /// `(x - 0x01…) & ~x & 0x80…` exactly when some byte of `x` is zero, counting from the lowest such byte).
    @inline(__always)
    static func anyByteNeedsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        return (control | quoteZero | backslashZero) & highs != 0
    }
}

extension CanonicalJSONWriter {
    /// Writes a string value whose bytes `fill` appends and which needs no escaping (ASCII letters, digits, `-:./_+`):
    /// the hot path of export lines (IDs, stream names, times, hashes), without building a `String`.
    @inline(__always)
    public mutating func asciiString(_ fill: (inout [UInt8]) -> Void) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        fill(&bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}

extension CanonicalJSONWriter {
    /// Writes a string value given as UTF-8 bytes (already valid UTF-8), with RFC 8785 escaping.
    @inline(__always)
    public mutating func rawString(_ utf8: UnsafeRawBufferPointer) {
        beforeValue()
        bytes.appendQuotedJSON(utf8)
    }
}
