import PLPEvents

/// Crime facts of every category per day, nationally (not voided): what the coverage of the crime figures is made of
/// (contract section 7, "Coverage"). A dense run of days, like ``BurglaryCounts/Series`` for months.
public struct CrimeDays: Sendable, Equatable {
    /// Days since 1970-01-01 of the first element.
    public private(set) var firstDay = 0
    /// Crime facts per day from `firstDay`.
    public private(set) var counts: [Int32] = []

    /// No crime facts.
    public init() {}

    /// Adds (`sign` 1) or takes back (`sign` −1) one crime fact that occurred on `day` (days since 1970-01-01).
    public mutating func add(day: Int, sign: Int32 = 1) {
        if counts.isEmpty { firstDay = day }
        if day < firstDay {
            counts.insert(contentsOf: repeatElement(0, count: firstDay - day), at: 0)
            firstDay = day
        }
        let i = day - firstDay
        if i >= counts.count { counts.append(contentsOf: repeatElement(0, count: i - counts.count + 1)) }
        counts[i] += sign
        if sign < 0 { trim() }
    }

    /// Drops the days without a crime fact at both ends (a state with a fact taken back equals one that never had it).
    private mutating func trim() {
        guard let first = counts.firstIndex(where: { $0 != 0 }), let last = counts.lastIndex(where: { $0 != 0 }) else {
            counts = []
            firstDay = 0
            return
        }
        counts = Array(counts[first...last])
        firstDay += first
    }

    /// The coverage these days give; nil when there is no crime fact at all.
    public var coverage: CrimeCoverage? {
        guard !counts.isEmpty else { return nil }
        var months = Set<Int>()
        var lastMonth = Int.min
        for (i, count) in counts.enumerated() where count != 0 {
            let month = PeriodGrouping.month(of: CivilDate(daysSinceEpoch: firstDay + i))
            if month != lastMonth { months.insert(month); lastMonth = month }
        }
        return CrimeCoverage(earliestDay: firstDay, latestDay: firstDay + counts.count - 1, monthsWithCrime: months)
    }

    /// Appends the days to checkpoint bytes: first day, length, counts (zigzag varints).
    func encode(into w: inout BinaryWriter) {
        w.int(firstDay)
        w.int(counts.count)
        for count in counts { w.int(Int(count)) }
    }

    /// Reads what ``encode(into:)`` wrote.
    init(reading r: inout BinaryReader) throws {
        firstDay = try r.int()
        let length = try r.int()
        guard length >= 0 && length <= 1_000_000 else { throw BinaryFormatError("bad length of crime days") }
        counts.reserveCapacity(length)
        for _ in 0..<length { counts.append(Int32(truncatingIfNeeded: try r.int())) }
    }
}

/// How much of a period the crime data covers (contract section 7): every day, some days, or none ("no data").
public enum PeriodCoverage: Sendable, Hashable {
    /// The data covers every day of the period: its figures compare with those of another complete period.
    case complete
    /// The data covers some days of it: a figure, marked partial, never compared.
    case partial
    /// The data covers no day of it: no figure at all.
    case none

    /// Whether the period has a figure (complete or partial).
    public var hasData: Bool { self != .none }
}

/// The days the crime data of a selection covers (contract section 7, "Coverage"): those between the earliest and
/// the latest `occurredOn` of its crime facts (any category, any commune) whose month holds at least one crime fact.
public struct CrimeCoverage: Sendable, Hashable {
    /// Days since 1970-01-01 of the earliest and latest `occurredOn`.
    public let earliestDay: Int, latestDay: Int
    /// Month indices (`year × 12 + month − 1`) with at least one crime fact.
    public let monthsWithCrime: Set<Int>

    /// Makes a coverage.
    public init(earliestDay: Int, latestDay: Int, monthsWithCrime: Set<Int>) {
        self.earliestDay = earliestDay
        self.latestDay = latestDay
        self.monthsWithCrime = monthsWithCrime
    }

    /// How much of the months `months` (a period of any grouping) is covered.
    public func of(months: ClosedRange<Int>) -> PeriodCoverage {
        // A month with a crime fact has that fact's day covered, so a period with such a month has data.
        guard months.contains(where: monthsWithCrime.contains) else { return .none }
        let firstDay = Self.firstDay(ofMonth: months.lowerBound)
        let lastDay = Self.firstDay(ofMonth: months.upperBound + 1) - 1
        guard firstDay >= earliestDay, lastDay <= latestDay, months.allSatisfy(monthsWithCrime.contains) else { return .partial }
        return .complete
    }

    /// The first and last month with data.
    public var months: ClosedRange<Int> {
        PeriodGrouping.month(of: CivilDate(daysSinceEpoch: earliestDay))...PeriodGrouping.month(of: CivilDate(daysSinceEpoch: latestDay))
    }

    /// Days since 1970-01-01 of the first day of month index `month`.
    static func firstDay(ofMonth month: Int) -> Int {
        let year = floorDivide(month, 12)
        return CivilDate(year: year, month: month - year * 12 + 1, day: 1)?.daysSinceEpoch ?? 0
    }
}
