// String scanning for JSONReader: validation (UTF-8, escapes, control characters) and decoding.

extension JSONReader {
    /// Validates the string whose opening quote is at `offset`, leaves `offset` after the closing
    /// quote and returns the decoded value.
    @inline(__always)
    mutating func scanString() throws(JSONError) -> String {
        let open = offset
        let (close, escaped) = try scanStringBody(open: open)
        offset = close + 1
        let contentStart = open + 1
        if !escaped {
            return String(decoding: UnsafeBufferPointer(rebasing: typed[contentStart..<close]), as: UTF8.self)
        }
        return Self.decodeEscaped(typed, from: contentStart, to: close)
    }

    /// Validates the string whose opening quote is at `offset` and leaves `offset` after the
    /// closing quote, without making a `String`.
    @inline(__always)
    mutating func skipString() throws(JSONError) {
        let (close, _) = try scanStringBody(open: offset)
        offset = close + 1
    }

    /// Scans from the opening quote at `open` to the closing quote, validating everything in
    /// between. Returns the index of the closing quote and whether any escape was seen.
    @inline(__always)
    func scanStringBody(open: Int) throws(JSONError) -> (close: Int, escaped: Bool) {
        var i = open + 1
        var escaped = false
        while true {
            // Eight bytes at a time while they are plain printable ASCII other than '"' and '\'.
            while end - i >= 8 {
                let w = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let high: UInt64 = 0x8080_8080_8080_8080
                let ones: UInt64 = 0x0101_0101_0101_0101
                let nonASCII = w & high
                let control = (w &- 0x2020_2020_2020_2020) & ~w & high
                let q = w ^ 0x2222_2222_2222_2222
                let quote = (q &- ones) & ~q & high
                let s = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let backslash = (s &- ones) & ~s & high
                if (nonASCII | control | quote | backslash) != 0 { break }
                i &+= 8
            }
            guard i < end else { throw JSONError.syntax("unterminated string", at: open) }
            let b = typed[i]
            if b == UInt8(ascii: "\"") { return (i, escaped) }
            if b == UInt8(ascii: "\\") {
                escaped = true
                i = try validateEscape(at: i, open: open)
            } else if b < 0x20 {
                throw JSONError.syntax("control character in a string must be escaped", at: i)
            } else if b < 0x80 {
                i &+= 1
            } else {
                i = try validateUTF8Sequence(at: i)
            }
        }
    }

    /// Validates the escape starting with the backslash at `i`; returns the index after it.
   
    func validateEscape(at i: Int, open: Int) throws(JSONError) -> Int {
        guard i + 1 < end else { throw JSONError.syntax("unterminated string", at: open) }
        switch typed[i + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return i + 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: i + 2, escapeAt: i)
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw JSONError.syntax("lone surrogate \(Self.escapeText(unit))", at: i)
            }
            guard unit >= 0xD800 && unit <= 0xDBFF else { return i + 6 }
            guard end - (i + 6) >= 2, typed[i + 6] == UInt8(ascii: "\\"), typed[i + 7] == UInt8(ascii: "u") else {
                throw JSONError.syntax("lone surrogate \(Self.escapeText(unit))", at: i)
            }
            let low = try hex4(at: i + 8, escapeAt: i + 6)
            guard low >= 0xDC00 && low <= 0xDFFF else {
                throw JSONError.syntax("lone surrogate \(Self.escapeText(unit))", at: i)
            }
            return i + 12
        default:
            let e = typed[i + 1]
            if e < 0x80 && e >= 0x20 {
                throw JSONError.syntax("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: i)
            }
            throw JSONError.syntax("invalid escape in a string", at: i)
        }
    }

    /// The value of the four hex digits at `j` (part of the `\u` escape at `escapeAt`).
    @inline(__always)
    func hex4(at j: Int, escapeAt: Int) throws(JSONError) -> UInt32 {
        guard end - j >= 4 else {
            throw JSONError.syntax("invalid \\u escape: expected 4 hex digits", at: escapeAt)
        }
        var value: UInt32 = 0
        for k in 0..<4 {
            guard let digit = Self.hexValue(typed[j + k]) else {
                throw JSONError.syntax("invalid \\u escape: expected 4 hex digits", at: escapeAt)
            }
            value = value << 4 | digit
        }
        return value
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// `\udc00`-style text for a UTF-16 code unit (lowercase hex).
    static func escapeText(_ unit: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        var s = "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            s.append(digits[Int((unit >> UInt32(shift)) & 0xF)])
        }
        return s
    }

    /// Validates the multi-byte UTF-8 sequence whose lead byte (>= 0x80) is at `i`, following
    /// Unicode Table 3-7 (no overlong forms, no surrogates, nothing above U+10FFFF); returns the
    /// index after it.
    @inline(__always)
    func validateUTF8Sequence(at i: Int) throws(JSONError) -> Int {
        let lead = typed[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw JSONError.syntax("invalid UTF-8", at: i)
        }
        guard end - i >= length else { throw JSONError.syntax("invalid UTF-8", at: i) }
        let second = typed[i + 1]
        guard second >= low && second <= high else { throw JSONError.syntax("invalid UTF-8", at: i) }
        var k = 2
        while k < length {
            guard typed[i + k] & 0xC0 == 0x80 else { throw JSONError.syntax("invalid UTF-8", at: i) }
            k += 1
        }
        return i + length
    }

    /// Decodes the already validated string content `start..<stop`, which contains escapes.
    /// The result is never longer than the input, so one buffer of that size suffices.
    static func decodeEscaped(_ typed: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) -> String {
        String(unsafeUninitializedCapacity: stop - start) { out in
            var o = 0
            var i = start
            while i < stop {
                let b = typed[i]
                if b != UInt8(ascii: "\\") {
                    out[o] = b
                    o += 1
                    i += 1
                    continue
                }
                let e = typed[i + 1]
                i += 2
                var scalar: UInt32
                switch e {
                case UInt8(ascii: "b"): scalar = 0x08
                case UInt8(ascii: "f"): scalar = 0x0C
                case UInt8(ascii: "n"): scalar = 0x0A
                case UInt8(ascii: "r"): scalar = 0x0D
                case UInt8(ascii: "t"): scalar = 0x09
                case UInt8(ascii: "u"):
                    scalar = hex4Unchecked(typed, at: i)
                    i += 4
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        let lowUnit = hex4Unchecked(typed, at: i + 2)
                        i += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (lowUnit - 0xDC00)
                    }
                default: scalar = UInt32(e) // '"', '\\', '/'
                }
                if scalar < 0x80 {
                    out[o] = UInt8(scalar)
                    o += 1
                } else if scalar < 0x800 {
                    out[o] = UInt8(0xC0 | (scalar >> 6))
                    out[o + 1] = UInt8(0x80 | (scalar & 0x3F))
                    o += 2
                } else if scalar < 0x10000 {
                    out[o] = UInt8(0xE0 | (scalar >> 12))
                    out[o + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    out[o + 2] = UInt8(0x80 | (scalar & 0x3F))
                    o += 3
                } else {
                    out[o] = UInt8(0xF0 | (scalar >> 18))
                    out[o + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                    out[o + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    out[o + 3] = UInt8(0x80 | (scalar & 0x3F))
                    o += 4
                }
            }
            return o
        }
    }

    @inline(__always)
    static func hex4Unchecked(_ typed: UnsafeBufferPointer<UInt8>, at j: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 { value = value << 4 | (hexValue(typed[j + k]) ?? 0) }
        return value
    }
}
