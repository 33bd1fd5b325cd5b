import Foundation  // only for instants before 1981 (historical offsets), see `Brussels`

/// A Brussels wall-clock reading.
public struct LocalDateTime: Sendable, Hashable, CustomStringConvertible {
    /// The calendar date.
    public let date: CivilDate
    /// 0...23
    public let hour: Int
    /// 0...59
    public let minute: Int
    /// 0...59
    public let second: Int
    /// 0...999_999
    public let microsecond: Int

    /// Makes a reading from its parts (not checked).
    public init(date: CivilDate, hour: Int, minute: Int, second: Int, microsecond: Int) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffff` (no offset).
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(26)
        date.appendISO(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        TimeDigits.append(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        TimeDigits.append(minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        TimeDigits.append(second, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        TimeDigits.append(microsecond, width: 6, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Europe/Brussels civil time (CET/CEST), the time zone in which the ledger's periods are taken.
///
/// From 1981 on this is pure arithmetic on the EU rule: CEST (UTC+2) from the last Sunday of
/// March 01:00 UTC to the last Sunday of October 01:00 UTC (of September for 1981–1995), CET
/// (UTC+1) otherwise. The transitions of 1981–2200 are precomputed in a table, so the common
/// path is a division, two comparisons and no allocation; later years apply the same rule by
/// direct computation. Before 1981 the historical offsets come from Foundation's
/// `TimeZone(identifier: "Europe/Brussels")` (created once); if the system has no time zone
/// data, CET (+01:00) is assumed there.
public enum Brussels {
    static let microsPerSecond: Int64 = 1_000_000
    static let microsPerDay: Int64 = 86_400_000_000
    static let microsPerHour: Int64 = 3_600_000_000

    /// The offset from UTC in seconds (3600 for CET, 7200 for CEST) at the instant `micros`
    /// (microseconds since 1970-01-01T00:00:00Z).
    public static func offsetSeconds(atInstant micros: Int64) -> Int32 {
        if micros >= TransitionTable.rangeStart && micros < TransitionTable.rangeEnd {
            // The estimated year can be off by one only within days of 1 January, far from any
            // summer-time window, so the answer is right either way.
            let windows = TransitionTable.windows
            var index = Int((micros - TransitionTable.rangeStart) / TransitionTable.averageYearMicros) &* 2
            if index > windows.count - 2 { index = windows.count - 2 }
            return (micros >= windows[index] && micros < windows[index + 1]) ? 7200 : 3600
        }
        if micros >= TransitionTable.rangeEnd {
            let year = CivilDate(daysSinceEpoch: Int(floorDivide(micros, microsPerDay))).year
            let (start, end) = TransitionTable.summerTime(year: year)
            return (micros >= start && micros < end) ? 7200 : 3600
        }
        return historicalOffset(micros)
    }

    /// The Brussels wall-clock reading at the instant `micros`.
    public static func localDateTime(ofInstant micros: Int64) -> LocalDateTime {
        let local = localMicros(micros)
        var (days, rest) = floorDivMod(local, microsPerDay)
        let hour = rest / microsPerHour
        rest -= hour * microsPerHour
        let minute = rest / 60_000_000
        rest -= minute * 60_000_000
        let second = rest / microsPerSecond
        rest -= second * microsPerSecond
        return LocalDateTime(
            date: CivilDate(daysSinceEpoch: Int(days)),
            hour: Int(hour), minute: Int(minute), second: Int(second), microsecond: Int(rest)
        )
    }

    /// The Brussels calendar date at the instant `micros`.
    public static func date(ofInstant micros: Int64) -> CivilDate {
        CivilDate(daysSinceEpoch: Int(floorDivide(localMicros(micros), microsPerDay)))
    }

    /// The Brussels calendar date of a timestamp's instant.
    public static func date(of timestamp: RFC3339Timestamp) -> CivilDate {
        date(ofInstant: timestamp.instant)
    }

    /// The instant (µs since the epoch) of local midnight starting `date` in Brussels.
    /// Saturates at the ends of the `Int64` range for dates hundreds of millennia away.
    public static func startOfDay(_ date: CivilDate) -> Int64 {
        let (localMidnight, overflow) = Int64(date.daysSinceEpoch).multipliedReportingOverflow(by: microsPerDay)
        if overflow { return date.year < 0 ? Int64.min : Int64.max }
        let guessOffset = offsetSeconds(atInstant: localMidnight.subtractingSaturated(microsPerHour))
        let first = localMidnight.subtractingSaturated(Int64(guessOffset) * microsPerSecond)
        let actualOffset = offsetSeconds(atInstant: first)
        if actualOffset == guessOffset { return first }
        return localMidnight.subtractingSaturated(Int64(actualOffset) * microsPerSecond)
    }

    /// The instant's local time in µs since 1970-01-01T00:00 Brussels wall clock (saturating).
    static func localMicros(_ micros: Int64) -> Int64 {
        micros.addingSaturated(Int64(offsetSeconds(atInstant: micros)) * microsPerSecond)
    }

    static let zone: TimeZone? = TimeZone(identifier: "Europe/Brussels")

    /// Offsets before 1981 from the system's time zone data.
    static func historicalOffset(_ micros: Int64) -> Int32 {
        guard let zone else { return 3600 }
        let seconds = Double(floorDivide(micros, microsPerSecond))
        return Int32(clamping: zone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds)))
    }

    /// Quotient rounded toward negative infinity and the matching non-negative remainder (b > 0).
    @inline(__always)
    static func floorDivMod(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        var q = a / b
        var r = a % b
        if r < 0 {
            q -= 1
            r += b
        }
        return (q, r)
    }

    @inline(__always)
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b < 0) ? q - 1 : q
    }
}

/// Precomputed summer-time windows (UTC instants in µs) of the years 1981–2200.
enum TransitionTable {
    static let firstYear = 1981
    static let lastYear = 2200
    static let averageYearMicros: Int64 = 31_556_952_000_000  // 365.2425 days
    /// 1981-01-01T00:00:00Z
    static let rangeStart: Int64 = 347_155_200_000_000
    /// 2201-01-01T00:00:00Z
    static let rangeEnd: Int64 = 7_289_654_400_000_000

    /// Start and end of summer time of each year from `firstYear`, interleaved:
    /// `[start1981, end1981, start1982, end1982, …]`.
    static let windows: [Int64] = {
        var result: [Int64] = []
        result.reserveCapacity((lastYear - firstYear + 1) * 2)
        for year in firstYear...lastYear {
            let (start, end) = summerTime(year: year)
            result.append(start)
            result.append(end)
        }
        return result
    }()

    /// The summer-time window of `year` (>= 1981) by the EU rule: from the last Sunday of March
    /// 01:00 UTC to the last Sunday of October (September before 1996) 01:00 UTC.
    static func summerTime(year: Int) -> (start: Int64, end: Int64) {
        let endMonth = year < 1996 ? 9 : 10
        let start = lastSunday(year: year, month: 3)
        let end = lastSunday(year: year, month: endMonth)
        return (instant(day: start), instant(day: end))
    }

    /// 01:00 UTC on the day `days` since the epoch, saturating at the ends of `Int64`.
    static func instant(day days: Int) -> Int64 {
        let (midnight, overflow) = Int64(days).multipliedReportingOverflow(by: Brussels.microsPerDay)
        if overflow { return days < 0 ? .min : .max }
        return midnight.addingSaturated(Brussels.microsPerHour)
    }

    /// Days since the epoch of the last Sunday of `month`.
    static func lastSunday(year: Int, month: Int) -> Int {
        let last = CivilDate.days(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))
        var weekday = (last + 4) % 7
        if weekday < 0 { weekday += 7 }
        return last - weekday
    }
}

fileprivate extension Int64 {
    @inline(__always)
    func addingSaturated(_ other: Int64) -> Int64 {
        let (r, o) = addingReportingOverflow(other)
        return o ? (other < 0 ? .min : .max) : r
    }

    @inline(__always)
    func subtractingSaturated(_ other: Int64) -> Int64 {
        let (r, o) = subtractingReportingOverflow(other)
        return o ? (other > 0 ? .min : .max) : r
    }
}
