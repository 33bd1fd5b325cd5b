/// Formats a `Double` as ECMAScript's Number::toString (ECMA-262 §7.1.12.1), which RFC 8785 uses
/// for numbers.
///
/// The shortest digits that round-trip come from Swift's own `Double.description` (shortest and,
/// among the shortest, closest to the exact value — the same choice ECMAScript makes), then are
/// laid out by ECMAScript's rules. Known limit: where two shortest candidates are exactly
/// equally close, ECMAScript leaves the choice to the implementation; we keep Swift's.
/// NaN and the infinities are written as `null` (as `JSON.stringify` does); `-0` as `0`.
enum ECMAScriptNumber {
    /// Appends the ECMAScript form of `value` to `bytes`.
    static func append(_ value: Double, to bytes: inout [UInt8]) {
        guard value.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        // Decompose Swift's shortest representation into digits and a decimal exponent.
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var pointPosition: Int? = nil
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for c in value.magnitude.description.utf8 {
            if inExponent {
                if c == UInt8(ascii: "-") {
                    exponentSign = -1
                } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                    exponent = exponent * 10 + Int(c - UInt8(ascii: "0"))
                }
            } else if c == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                inExponent = true
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits.append(c)
            }
        }
        // n: the position of the decimal point relative to the start of `digits`.
        var n = (pointPosition ?? digits.count) + exponentSign * exponent
        var leading = 0
        while leading < digits.count && digits[leading] == UInt8(ascii: "0") { leading += 1 }
        n -= leading
        var trailing = digits.count
        while trailing > leading && digits[trailing - 1] == UInt8(ascii: "0") { trailing -= 1 }
        let s = digits[leading..<trailing]
        let k = s.count
        guard k > 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        if k <= n && n <= 21 {
            bytes.append(contentsOf: s)
            for _ in 0..<(n - k) { bytes.append(UInt8(ascii: "0")) }
        } else if 0 < n && n <= 21 {
            bytes.append(contentsOf: s.prefix(n))
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: s.dropFirst(n))
        } else if -6 < n && n <= 0 {
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "."))
            for _ in 0..<(-n) { bytes.append(UInt8(ascii: "0")) }
            bytes.append(contentsOf: s)
        } else {
            bytes.append(s[s.startIndex])
            if k > 1 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: s.dropFirst())
            }
            bytes.append(UInt8(ascii: "e"))
            let e = n - 1
            bytes.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            bytes.append(contentsOf: String(e.magnitude).utf8)
        }
    }
}
