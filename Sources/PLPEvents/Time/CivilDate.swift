/// A calendar date (proleptic Gregorian), e.g. 2025-03-04.
///
/// Years from -1,000,000 to 1,000,000 are supported (enough for every `Int64` microsecond
/// instant); `init(daysSinceEpoch:)` clamps to that range so no input can overflow.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2025 (0 is 1 BC, proleptic Gregorian).
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// The supported years.
    public static let supportedYears = -1_000_000...1_000_000

    /// The date, or nil if it does not exist (e.g. 2023-02-29, month 13) or the year is outside
    /// `supportedYears`.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (negative: before), by Howard Hinnant's
    /// `civil_from_days`. Clamped to `supportedYears`.
    public init(daysSinceEpoch days: Int) {
        let z0 = min(max(days, Self.minDays), Self.maxDays) + 719_468
        let era = (z0 >= 0 ? z0 : z0 - 146_096) / 146_097
        let doe = z0 - era * 146_097                                     // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365  // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)                // [0, 365]
        let mp = (5 * doy + 2) / 153                                     // [0, 11]
        let d = doy - (153 * mp + 2) / 5 + 1                             // [1, 31]
        let m = mp < 10 ? mp + 3 : mp - 9                                // [1, 12]
        self.init(uncheckedYear: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    public var daysSinceEpoch: Int {
        Self.days(year: year, month: month, day: day)
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400                                          // [0, 399]
        let mp = month > 2 ? month - 3 : month + 9                       // [0, 11]
        let doy = (153 * mp + 2) / 5 + day - 1                           // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy                  // [0, 146096]
        return era * 146_097 + doe - 719_468
    }

    static let minDays = days(year: supportedYears.lowerBound, month: 1, day: 1)
    static let maxDays = days(year: supportedYears.upperBound, month: 12, day: 31)

    /// True for leap years of the proleptic Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1...12) of `year`; 0 for a month that does not exist.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year); nil for anything else or a date that does
    /// not exist.
    public static func parse(_ text: String) -> CivilDate? {
        TimeDigits.withBytes(of: text) { parse($0) }
    }

    /// Parses exactly `YYYY-MM-DD` from bytes; nil for anything else or a date that does not exist.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> CivilDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = TimeDigits.number(bytes, 0, 4), let m = TimeDigits.number(bytes, 5, 2),
              let d = TimeDigits.number(bytes, 8, 2) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`; years outside 0...9999 are written in ISO 8601 expanded form (`-0001`, `+10000`).
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendISO(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DD` (see `description`) to `bytes`.
    public func appendISO(to bytes: inout [UInt8]) { writeISO(into: &bytes) }

    /// Appends `YYYY-MM-DD` to any byte sink (the transcoder's fixed buffer).
    func writeISO<Sink: ByteSink>(into bytes: inout Sink) {
        if year >= 0 && year <= 9999 {
            TimeDigits.append(year, width: 4, to: &bytes)
        } else {
            bytes.appendByte(year < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = year.magnitude
            TimeDigits.append(Int(magnitude), width: magnitude > 9999 ? String(magnitude).utf8.count : 4, to: &bytes)
        }
        bytes.appendByte(UInt8(ascii: "-"))
        TimeDigits.append(month, width: 2, to: &bytes)
        bytes.appendByte(UInt8(ascii: "-"))
        TimeDigits.append(day, width: 2, to: &bytes)
    }

    /// Day of the week: 0 = Sunday … 6 = Saturday.
    public var weekday: Int {
        let r = (daysSinceEpoch + 4) % 7   // 1970-01-01 was a Thursday
        return r < 0 ? r + 7 : r
    }

    /// The date `n` days later (earlier if negative).
    public func adding(days n: Int) -> CivilDate {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(n)
        return CivilDate(daysSinceEpoch: overflow ? (n < 0 ? Int.min / 2 : Int.max / 2) : sum)
    }

    /// Chronological order.
    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// Decimal digit helpers shared by the time parsers and formatters.
enum TimeDigits {
    /// Calls `body` with the UTF-8 bytes of `text` (without copying for native strings).
    static func withBytes<R>(of text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var copy = text
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// The value of `count` ASCII digits at `start`, or nil if any is not a digit or out of bounds.
    @inline(__always)
    static func number(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, count >= 0, bytes.count - start >= count else { return nil }
        var value = 0
        for i in start..<(start + count) {
            let d = bytes[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    /// Appends `value` (>= 0) zero-padded to `width` digits.
    @inline(__always)
    static func append<Sink: ByteSink>(_ value: Int, width: Int, to bytes: inout Sink) {
        // The digits are laid out right to left on the stack and appended at once (no slice, no allocation).
        let capacity = max(width, 20)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { digits in
            var v = value.magnitude
            var start = capacity
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v > 0 || capacity - start < width
            bytes.appendBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digits[start..<capacity])))
        }
    }
}
