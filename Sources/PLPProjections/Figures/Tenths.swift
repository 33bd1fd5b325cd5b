/// A decimal figure with one digit after the point, held exactly as an integer number of tenths: percentages and
/// minutes of the contract's figures (section 7), rounded half away from zero.
public struct Tenths: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value × 10.
    public let tenths: Int64

    /// The value `tenths` / 10.
    public init(tenths: Int64) { self.tenths = tenths }

    /// `numerator / denominator` in tenths, rounded half away from zero; nil when `denominator` is 0.
    /// `numerator` must already be scaled by 10 (e.g. `1000 × part` for a percentage of `whole`).
    public static func rounding(_ numerator: Int64, over denominator: Int64) -> Tenths? {
        rounding(wide: Int128(numerator), over: Int128(denominator))
    }

    /// As ``rounding(_:over:)``, on 128 bits so that scaling a count by 1000 cannot overflow; a result beyond
    /// `Int64` tenths is held at the largest one.
    static func rounding(wide numerator: Int128, over denominator: Int128) -> Tenths? {
        guard denominator != 0 else { return nil }
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        // n/d rounded half up on magnitudes: half away from zero once the sign is put back.
        let remainder = n % d
        let magnitude = n / d + (remainder >= d - remainder ? 1 : 0)
        let value = Int64(clamping: magnitude)
        return Tenths(tenths: negative ? -value : value)
    }

    /// `100 × part / whole`, one decimal; nil when `whole` is 0.
    public static func percentage(_ part: Int, of whole: Int) -> Tenths? {
        rounding(wide: 1000 * Int128(part), over: Int128(whole))
    }

    /// `100 × (current − previous) / previous`, one decimal; nil when `previous` is 0.
    public static func change(from previous: Int, to current: Int) -> Tenths? {
        rounding(wide: 1000 * (Int128(current) - Int128(previous)), over: Int128(previous))
    }

    /// The median of `micros` (durations in µs) in minutes, one decimal: the middle value, or the mean of the two
    /// middle values for an even count; nil for no values.
    public static func medianMinutes(ofMicros micros: [Int64]) -> Tenths? {
        guard !micros.isEmpty else { return nil }
        let sorted = micros.sorted()
        let middle = sorted.count / 2
        // Twice the median, in µs; tenths of a minute = µs / 6,000,000, so twice the median over 12,000,000.
        let twiceMedian = sorted.count % 2 == 1 ? 2 * Int128(sorted[middle]) : Int128(sorted[middle - 1]) + Int128(sorted[middle])
        return rounding(wide: twiceMedian, over: 12_000_000)
    }

    /// `12.5`, `-100.0`, `0.0`: a plain number with `.` and one decimal.
    public var description: String {
        let magnitude = tenths.magnitude
        return (tenths < 0 ? "-" : "") + String(magnitude / 10) + "." + String(magnitude % 10)
    }

    /// Numeric order.
    public static func < (a: Tenths, b: Tenths) -> Bool { a.tenths < b.tenths }
}
