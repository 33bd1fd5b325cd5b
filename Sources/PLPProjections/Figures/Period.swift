import PLPEvents

/// How figures are grouped in time (contract section 7): calendar months, quarters or years of Europe/Brussels.
public enum PeriodGrouping: String, Sendable, CaseIterable {
    case month, quarter, year

    /// The period index of a month index (`year × 12 + month − 1`).
    @inline(__always)
    public func period(ofMonth month: Int) -> Int {
        switch self {
        case .month: month
        case .quarter: floorDivide(month, 3)
        case .year: floorDivide(month, 12)
        }
    }

    /// The first month index of period `period`.
    public func firstMonth(of period: Int) -> Int {
        switch self {
        case .month: period
        case .quarter: period * 3
        case .year: period * 12
        }
    }

    /// `YYYY-MM`, `YYYY-Qn` or `YYYY`.
    public func label(_ period: Int) -> String {
        switch self {
        case .month:
            let year = floorDivide(period, 12), month = period - year * 12 + 1
            return Self.year(year) + (month < 10 ? "-0" : "-") + String(month)
        case .quarter:
            let year = floorDivide(period, 4)
            return Self.year(year) + "-Q" + String(period - year * 4 + 1)
        case .year:
            return Self.year(period)
        }
    }

    /// Reads a period written as a month (`2024-03`), a quarter (`2024-Q1`) or a year (`2024`), of any grouping.
    /// - Returns: the first and last month index it covers, or nil if the text is none of these forms.
    public static func parseMonths(_ text: String) -> ClosedRange<Int>? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for i in range {
                guard bytes[i] >= 48 && bytes[i] <= 57 else { return nil }
                value = value * 10 + Int(bytes[i] - 48)
            }
            return value
        }
        guard bytes.count >= 4, let year = digits(0..<4) else { return nil }
        if bytes.count == 4 { return (year * 12)...(year * 12 + 11) }
        guard bytes[4] == UInt8(ascii: "-") else { return nil }
        if bytes.count == 7, bytes[5] == UInt8(ascii: "Q") || bytes[5] == UInt8(ascii: "q"), let q = digits(6..<7), (1...4).contains(q) {
            let first = year * 12 + (q - 1) * 3
            return first...(first + 2)
        }
        if bytes.count == 7, let month = digits(5..<7), (1...12).contains(month) {
            return (year * 12 + month - 1)...(year * 12 + month - 1)
        }
        return nil
    }

    /// The month index of a calendar date.
    @inline(__always)
    public static func month(of date: CivilDate) -> Int { date.year * 12 + date.month - 1 }

    private static func year(_ year: Int) -> String {
        let text = String(year.magnitude)
        return (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}

@inline(__always)
func floorDivide(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b < 0) ? q - 1 : q
}
