/// Reads one JSON text token by token, without building a tree.
///
/// The reader is a strict RFC 8259 validator: no comments, no trailing commas, no NaN or
/// Infinity, no leading zeros, no single quotes, strings must be valid UTF-8 (overlong forms,
/// UTF-8-encoded surrogates and code points above U+10FFFF are rejected), escapes must be
/// well formed and `\u` surrogates must come in pairs.
///
/// It also checks the structure itself, whatever the caller does: it knows whether it is in an
/// object or an array and whether a value, a key or a separator comes next, so a caller cannot
/// make it accept two values in a row or a missing comma.
///
/// Choices and limits:
/// - A UTF-8 byte order mark (EF BB BF) is **rejected** with a clear message: NDJSON lines must
///   not start with one (RFC 8259 §8.1 forbids emitting it). A line splitter that wants to
///   tolerate a BOM at the very start of a file should strip it before handing the line over.
/// - Arrays and objects may nest at most ``maxDepth`` (512) levels deep.
/// - After an error the reader's position is unspecified; further calls never trap but their
///   results are meaningless.
///
/// The caller keeps the bytes alive while reading. Keys and strings of at most 15 UTF-8 bytes
/// become small `String`s that need no heap allocation.
public struct JSONReader {
    /// The deepest nesting of arrays and objects that is accepted.
    public static let maxDepth = 512

    enum State: UInt8 {
        /// A value must come next (at the start, after ':' or after ',').
        case expectValue
        /// Just after '{' or '['.
        case opened
        /// A value was just completed.
        case afterValue
    }

    let buffer: UnsafeRawBufferPointer
    let typed: UnsafeBufferPointer<UInt8>
    let end: Int

    /// Byte offset of the next byte to look at, relative to the start of the buffer given to `init`.
    public internal(set) var offset: Int

    var state: State = .expectValue
    var depth: Int = 0
    /// One bit per nesting level: 1 = object, 0 = array (512 bits).
    var stackBits: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// Where the key returned by the last `nextKey()` starts (its opening quote).
    var lastKeyOffset: Int = 0

    /// Makes a reader over the bytes of one JSON text; the caller keeps the bytes alive while reading.
    public init(bytes: UnsafeRawBufferPointer) {
        self.buffer = bytes
        self.typed = bytes.assumingMemoryBound(to: UInt8.self)
        self.end = bytes.count
        self.offset = 0
    }

    init(buffer: UnsafeRawBufferPointer, range: Range<Int>) {
        self.buffer = buffer
        self.typed = buffer.assumingMemoryBound(to: UInt8.self)
        let upper = min(max(range.upperBound, 0), buffer.count)
        let lower = min(max(range.lowerBound, 0), upper)
        self.end = upper
        self.offset = lower
    }

    /// A fresh reader over a sub-range of the same bytes (e.g. a value skipped earlier with
    /// `skipValue()`); its offsets stay relative to the original buffer. The range is clamped
    /// to the buffer.
    public func reader(for range: Range<Int>) -> JSONReader {
        JSONReader(buffer: buffer, range: range)
    }

    // MARK: - Peeking

    /// The kind of the next value, without consuming it; skips white space. Throws at the end of
    /// the input, or if the next byte cannot start a value.
    public mutating func peekKind() throws(JSONError) -> JSONKind {
        let b = try startValue()
        guard let kind = Self.kind(startingWith: b) else { throw invalidValueStart(b) }
        return kind
    }

    // MARK: - Containers

    /// Consumes the '{' that starts an object; then call `nextKey()` until it returns nil.
    public mutating func beginObject() throws(JSONError) {
        let b = try startValue()
        guard b == UInt8(ascii: "{") else { throw mismatch(expected: .object, b) }
        try push(object: true)
        offset += 1
        state = .opened
    }

    /// The next member's key (consuming the ':' after it), or nil after consuming the closing '}'.
    /// Handles the ',' between members. The caller reads or skips the member's value before
    /// calling again.
    public mutating func nextKey() throws(JSONError) -> String? {
        guard depth > 0, topIsObject else {
            throw JSONError.syntax("reader misuse: nextKey() called outside an object", at: offset)
        }
        skipWhitespace()
        switch state {
        case .opened:
            guard offset < end else { throw endOfInput() }
            if typed[offset] == UInt8(ascii: "}") {
                offset += 1
                pop()
                return nil
            }
        case .afterValue:
            guard offset < end else { throw endOfInput() }
            let b = typed[offset]
            if b == UInt8(ascii: "}") {
                offset += 1
                pop()
                return nil
            }
            guard b == UInt8(ascii: ",") else {
                throw JSONError.syntax("expected ',' or '}' after an object member", at: offset)
            }
            offset += 1
            skipWhitespace()
            if offset < end && typed[offset] == UInt8(ascii: "}") {
                throw JSONError.syntax("trailing comma before '}'", at: offset)
            }
        case .expectValue:
            throw JSONError.syntax("reader misuse: the previous member's value was not read", at: offset)
        }
        guard offset < end else { throw endOfInput() }
        guard typed[offset] == UInt8(ascii: "\"") else { throw badKeyStart(typed[offset]) }
        lastKeyOffset = offset
        let key = try scanString()
        skipWhitespace()
        guard offset < end else { throw endOfInput() }
        guard typed[offset] == UInt8(ascii: ":") else {
            throw JSONError.syntax("expected ':' after an object key", at: offset)
        }
        offset += 1
        state = .expectValue
        return key
    }

    /// Consumes the '[' that starts an array; then call `hasNextElement()` before each element.
    public mutating func beginArray() throws(JSONError) {
        let b = try startValue()
        guard b == UInt8(ascii: "[") else { throw mismatch(expected: .array, b) }
        try push(object: false)
        offset += 1
        state = .opened
    }

    /// True if another element follows (consuming the ',' before it), false after consuming the
    /// closing ']'. The caller reads or skips the element before calling again.
    public mutating func hasNextElement() throws(JSONError) -> Bool {
        guard depth > 0, !topIsObject else {
            throw JSONError.syntax("reader misuse: hasNextElement() called outside an array", at: offset)
        }
        skipWhitespace()
        switch state {
        case .opened:
            guard offset < end else { throw endOfInput() }
            if typed[offset] == UInt8(ascii: "]") {
                offset += 1
                pop()
                return false
            }
            state = .expectValue
            return true
        case .afterValue:
            guard offset < end else { throw endOfInput() }
            let b = typed[offset]
            if b == UInt8(ascii: "]") {
                offset += 1
                pop()
                return false
            }
            guard b == UInt8(ascii: ",") else {
                throw JSONError.syntax("expected ',' or ']' after an array element", at: offset)
            }
            offset += 1
            skipWhitespace()
            if offset < end && typed[offset] == UInt8(ascii: "]") {
                throw JSONError.syntax("trailing comma before ']'", at: offset)
            }
            state = .expectValue
            return true
        case .expectValue:
            throw JSONError.syntax("reader misuse: the previous array element was not read", at: offset)
        }
    }

    // MARK: - Scalars

    /// Reads a string value, decoding all escapes (including surrogate pairs). Rejects invalid
    /// UTF-8, lone surrogates and raw control characters below U+0020.
    public mutating func readString() throws(JSONError) -> String {
        let b = try startValue()
        guard b == UInt8(ascii: "\"") else { throw mismatch(expected: .string, b) }
        let s = try scanString()
        state = .afterValue
        return s
    }

    /// Reads a string value without decoding it: returns the byte range of its content (between
    /// the quotes) and whether it contains escapes. The content is fully validated; when
    /// `isEscaped` is false the bytes are the string's UTF-8 as is (see `bytes(in:)`), which
    /// avoids making a `String` on hot paths (e.g. for timestamps).
    public mutating func readStringRange() throws(JSONError) -> (content: Range<Int>, isEscaped: Bool) {
        let b = try startValue()
        guard b == UInt8(ascii: "\"") else { throw mismatch(expected: .string, b) }
        let open = offset
        let (close, escaped) = try scanStringBody(open: open)
        offset = close + 1
        state = .afterValue
        return ((open + 1)..<close, escaped)
    }

    /// The bytes of `range` within the reader's buffer (clamped to it); valid while the caller
    /// keeps the buffer alive.
    public func bytes(in range: Range<Int>) -> UnsafeRawBufferPointer {
        let upper = min(max(range.upperBound, 0), buffer.count)
        let lower = min(max(range.lowerBound, 0), upper)
        return UnsafeRawBufferPointer(rebasing: buffer[lower..<upper])
    }

    /// Reads a whole number in the range of `Int64`. Only `-?(0|[1-9][0-9]*)` is a whole number:
    /// a valid number with a fraction or exponent (even `1.0`) throws `.notAnInteger`; one beyond
    /// `Int64` throws `.integerOutOfRange`; a value of another kind throws `.typeMismatch`.
    public mutating func readInteger() throws(JSONError) -> Int64 {
        let b = try startValue()
        guard b == UInt8(ascii: "-") || (b &- 0x30) < 10 else { throw mismatch(expected: .number, b) }
        let start = offset
        let scan = try scanNumber(from: start)
        guard scan.isInteger else { throw JSONError(kind: .notAnInteger, offset: start) }
        guard let value = Self.integerValue(typed, from: start, to: scan.end) else {
            throw JSONError(kind: .integerOutOfRange, offset: start)
        }
        offset = scan.end
        state = .afterValue
        return value
    }

    /// Reads any JSON number as a `Double` (correctly rounded). Throws if the number's magnitude is
    /// too large for a `Double` (e.g. `1e400`); tiny numbers round to zero.
    public mutating func readDouble() throws(JSONError) -> Double {
        let b = try startValue()
        guard b == UInt8(ascii: "-") || (b &- 0x30) < 10 else { throw mismatch(expected: .number, b) }
        let start = offset
        let scan = try scanNumber(from: start)
        let value = try Self.doubleValue(typed, from: start, to: scan.end)
        offset = scan.end
        state = .afterValue
        return value
    }

    /// Reads `true` or `false`.
    public mutating func readBool() throws(JSONError) -> Bool {
        let b = try startValue()
        let result: Bool
        if b == UInt8(ascii: "t") {
            try matchLiteral("true")
            result = true
        } else if b == UInt8(ascii: "f") {
            try matchLiteral("false")
            result = false
        } else {
            throw mismatch(expected: .bool, b)
        }
        state = .afterValue
        return result
    }

    /// Reads `null`.
    public mutating func readNull() throws(JSONError) {
        let b = try startValue()
        guard b == UInt8(ascii: "n") else { throw mismatch(expected: .null, b) }
        try matchLiteral("null")
        state = .afterValue
    }

    // MARK: - Skipping and finishing

    /// Validates and skips the next value, however deeply nested, and returns its byte range
    /// (without surrounding white space). `reader(for:)` can read it again later.
    @discardableResult
    public mutating func skipValue() throws(JSONError) -> Range<Int> {
        _ = try startValue()
        let start = offset
        let baseDepth = depth
        while true {
            // At a value position (white space already skipped by startValue or the separators).
            skipWhitespace()
            guard offset < end else { throw endOfInput() }
            let b = typed[offset]
            switch b {
            case UInt8(ascii: "{"):
                try push(object: true)
                offset += 1
                state = .opened
            case UInt8(ascii: "["):
                try push(object: false)
                offset += 1
                state = .opened
            case UInt8(ascii: "\""):
                try skipString()
                state = .afterValue
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                offset = try scanNumber(from: offset).end
                state = .afterValue
            case UInt8(ascii: "t"):
                try matchLiteral("true")
                state = .afterValue
            case UInt8(ascii: "f"):
                try matchLiteral("false")
                state = .afterValue
            case UInt8(ascii: "n"):
                try matchLiteral("null")
                state = .afterValue
            default:
                throw invalidValueStart(b)
            }
            // Advance to the next value position, or stop once the value is complete.
            while true {
                if depth == baseDepth && state == .afterValue { return start..<offset }
                if topIsObject {
                    if try nextKeySkippingKey() { break }
                } else {
                    if try hasNextElement() { break }
                }
            }
        }
    }

    /// Checks that the whole value was read and that only JSON white space (space, tab, CR, LF)
    /// remains.
    public mutating func finish() throws(JSONError) {
        skipWhitespace()
        guard depth == 0 && state == .afterValue else {
            if offset >= end { throw endOfInput() }
            throw JSONError.syntax("reader misuse: finish() called before the JSON value was fully read", at: offset)
        }
        guard offset == end else {
            throw JSONError.syntax("trailing characters after the JSON value", at: offset)
        }
    }

    /// True once only white space remains after a complete top-level value (never throws).
    public var isAtEnd: Bool {
        var i = offset
        while i < end {
            let b = typed[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return false }
            i += 1
        }
        return depth == 0 && state == .afterValue
    }
}

// MARK: - Internals

extension JSONReader {
    @inline(__always)
    mutating func skipWhitespace() {
        while offset < end {
            let b = typed[offset]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                offset += 1
            } else {
                return
            }
        }
    }

    /// Checks that a value may come next, skips white space and returns the value's first byte
    /// (not consumed).
    @inline(__always)
    mutating func startValue() throws(JSONError) -> UInt8 {
        switch state {
        case .expectValue:
            break
        case .opened:
            if topIsObject {
                throw JSONError.syntax("reader misuse: read the object's keys with nextKey()", at: offset)
            }
            state = .expectValue
        case .afterValue:
            skipWhitespace()
            if offset >= end {
                if depth == 0 {
                    throw JSONError.syntax("reader misuse: the JSON value was already read", at: offset)
                }
                throw endOfInput()
            }
            if depth == 0 { throw JSONError.syntax("trailing characters after the JSON value", at: offset) }
            if topIsObject { throw JSONError.syntax("expected ',' or '}' after an object member", at: offset) }
            throw JSONError.syntax("expected ',' or ']' after an array element", at: offset)
        }
        skipWhitespace()
        guard offset < end else { throw endOfInput() }
        return typed[offset]
    }

    static func kind(startingWith b: UInt8) -> JSONKind? {
        switch b {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: return nil
        }
    }

    func endOfInput() -> JSONError {
        JSONError.syntax("unexpected end of input", at: end)
    }

    func mismatch(expected: JSONKind, _ b: UInt8) -> JSONError {
        guard let found = Self.kind(startingWith: b) else { return invalidValueStart(b) }
        return JSONError(kind: .typeMismatch(expected: expected, found: found), offset: offset)
    }

    /// A readable name for a byte in an error message.
    static func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b == 0x20 { return "a space" }
        let digits = Array("0123456789abcdef")
        return "byte 0x\(digits[Int(b >> 4)])\(digits[Int(b & 15)])"
    }

    /// The error for a byte that cannot start a value, with hints for common mistakes.
    func invalidValueStart(_ b: UInt8) -> JSONError {
        let reason: String
        switch b {
        case UInt8(ascii: "'"):
            reason = "strings must be in double quotes, not single quotes"
        case UInt8(ascii: "/"):
            reason = "comments are not allowed in JSON"
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            reason = "expected a value, found \(Self.describe(b)) (NaN and Infinity are not valid JSON)"
        case 0xEF where offset + 2 < end && typed[offset + 1] == 0xBB && typed[offset + 2] == 0xBF:
            reason = "byte order mark (U+FEFF) before the JSON value; write UTF-8 without a BOM"
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            reason = "expected a value, found \(Self.describe(b))"
        default:
            reason = "expected a value, found \(Self.describe(b))"
        }
        return JSONError.syntax(reason, at: offset)
    }

    func badKeyStart(_ b: UInt8) -> JSONError {
        if b == UInt8(ascii: "'") {
            return JSONError.syntax("object keys must be in double quotes, not single quotes", at: offset)
        }
        return JSONError.syntax("expected a string as object key, found \(Self.describe(b))", at: offset)
    }

    // MARK: Nesting stack

    @inline(__always)
    var topIsObject: Bool {
        let index = depth - 1
        guard index >= 0 && index < Self.maxDepth else { return false }
        let word = withUnsafeBytes(of: stackBits) { raw in
            raw.load(fromByteOffset: (index >> 6) &* 8, as: UInt64.self)
        }
        return (word >> UInt64(index & 63)) & 1 == 1
    }

    @inline(__always)
    mutating func push(object: Bool) throws(JSONError) {
        guard depth < Self.maxDepth else {
            throw JSONError.syntax("arrays and objects nested deeper than \(Self.maxDepth) levels", at: offset)
        }
        let index = depth
        withUnsafeMutableBytes(of: &stackBits) { raw in
            let byteOffset = (index >> 6) &* 8
            var word = raw.load(fromByteOffset: byteOffset, as: UInt64.self)
            let bit = UInt64(1) << UInt64(index & 63)
            if object { word |= bit } else { word &= ~bit }
            raw.storeBytes(of: word, toByteOffset: byteOffset, as: UInt64.self)
        }
        depth += 1
    }

    @inline(__always)
    mutating func pop() {
        if depth > 0 { depth -= 1 }
        state = .afterValue
    }

    /// Like `nextKey()` but validates the key without making a `String`.
    mutating func nextKeySkippingKey() throws(JSONError) -> Bool {
        skipWhitespace()
        switch state {
        case .opened:
            guard offset < end else { throw endOfInput() }
            if typed[offset] == UInt8(ascii: "}") {
                offset += 1
                pop()
                return false
            }
        case .afterValue:
            guard offset < end else { throw endOfInput() }
            let b = typed[offset]
            if b == UInt8(ascii: "}") {
                offset += 1
                pop()
                return false
            }
            guard b == UInt8(ascii: ",") else {
                throw JSONError.syntax("expected ',' or '}' after an object member", at: offset)
            }
            offset += 1
            skipWhitespace()
            if offset < end && typed[offset] == UInt8(ascii: "}") {
                throw JSONError.syntax("trailing comma before '}'", at: offset)
            }
        case .expectValue:
            throw JSONError.syntax("reader misuse: the previous member's value was not read", at: offset)
        }
        guard offset < end else { throw endOfInput() }
        guard typed[offset] == UInt8(ascii: "\"") else { throw badKeyStart(typed[offset]) }
        try skipString()
        skipWhitespace()
        guard offset < end else { throw endOfInput() }
        guard typed[offset] == UInt8(ascii: ":") else {
            throw JSONError.syntax("expected ':' after an object key", at: offset)
        }
        offset += 1
        state = .expectValue
        return true
    }

    // MARK: Literals

    @inline(__always)
    mutating func matchLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        let ok: Bool = literal.withUTF8Buffer { lit in
            guard end - offset >= count else { return false }
            for k in 0..<count where typed[offset + k] != lit[k] { return false }
            return true
        }
        guard ok else {
            throw JSONError.syntax("invalid literal (expected \(literal))", at: offset)
        }
        offset += count
    }

    // MARK: Numbers

    /// Validates the RFC 8259 number grammar starting at `start`; returns where it ends and
    /// whether it has neither fraction nor exponent.
    @inline(__always)
    func scanNumber(from start: Int) throws(JSONError) -> (end: Int, isInteger: Bool) {
        var i = start
        if i < end && typed[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else {
            throw JSONError.syntax("invalid number: expected a digit after '-'", at: i)
        }
        let first = typed[i]
        if first == UInt8(ascii: "0") {
            i += 1
            if i < end && (typed[i] &- 0x30) < 10 {
                throw JSONError.syntax("invalid number: leading zeros are not allowed", at: i)
            }
        } else if (first &- 0x30) < 10 {
            i += 1
            while i < end && (typed[i] &- 0x30) < 10 { i += 1 }
        } else {
            throw JSONError.syntax("invalid number: expected a digit after '-'", at: i)
        }
        var isInteger = true
        if i < end && typed[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < end && (typed[i] &- 0x30) < 10 else {
                throw JSONError.syntax("invalid number: expected a digit after '.'", at: i)
            }
            while i < end && (typed[i] &- 0x30) < 10 { i += 1 }
        }
        if i < end && (typed[i] | 0x20) == UInt8(ascii: "e") {
            isInteger = false
            i += 1
            if i < end && (typed[i] == UInt8(ascii: "+") || typed[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < end && (typed[i] &- 0x30) < 10 else {
                throw JSONError.syntax("invalid number: expected a digit in the exponent", at: i)
            }
            while i < end && (typed[i] &- 0x30) < 10 { i += 1 }
        }
        return (i, isInteger)
    }

    /// The value of a validated integer `-?(0|[1-9][0-9]*)` in `start..<stop`, or nil on overflow.
    @inline(__always)
    static func integerValue(_ typed: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) -> Int64? {
        var i = start
        let negative = typed[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        // Accumulate as a negative number so that Int64.min fits.
        var value: Int64 = 0
        if stop - i <= 18 {
            while i < stop {
                value = value &* 10 &- Int64(typed[i] &- 0x30)
                i += 1
            }
        } else {
            while i < stop {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(Int64(typed[i] &- 0x30))
                if o1 || o2 { return nil }
                value = s
                i += 1
            }
        }
        if negative { return value }
        if value == Int64.min { return nil }
        return -value
    }

    /// The value of a validated number in `start..<stop` as a correctly rounded `Double`.
    static func doubleValue(_ typed: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) throws(JSONError) -> Double {
        let text = String(decoding: UnsafeBufferPointer(rebasing: typed[start..<stop]), as: UTF8.self)
        guard let value = Double(text) else {
            throw JSONError.syntax("invalid number", at: start)
        }
        guard value.isFinite else {
            throw JSONError.syntax("number too large for a 64-bit floating-point value", at: start)
        }
        return value
    }

    /// Reads a number as `.integer` when it is a whole number within `Int64`, else as `.number`.
    mutating func readNumberValue() throws(JSONError) -> JSONValue {
        let b = try startValue()
        guard b == UInt8(ascii: "-") || (b &- 0x30) < 10 else { throw mismatch(expected: .number, b) }
        let start = offset
        let scan = try scanNumber(from: start)
        let value: JSONValue
        if scan.isInteger, let int = Self.integerValue(typed, from: start, to: scan.end) {
            value = .integer(int)
        } else {
            value = .number(try Self.doubleValue(typed, from: start, to: scan.end))
        }
        offset = scan.end
        state = .afterValue
        return value
    }
}
