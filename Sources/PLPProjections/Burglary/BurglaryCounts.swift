import PLPEvents

/// Burglaries per commune (2025 boundaries) and calendar month: the state behind the burglary trend, the annual
/// burglary figures and the PLP effect.
///
/// Burglaries are `CrimeRecorded` of category `burglary-home` or `burglary-business`, attempted or not, not voided;
/// the month is that of `occurredOn` (a Brussels calendar date already). Each commune holds a dense run of months.
public struct BurglaryCounts: Sendable, Equatable {
    /// Months of one commune.
    public struct Series: Sendable, Equatable {
        /// The month index (`year × 12 + month − 1`) of the first element.
        public fileprivate(set) var firstMonth: Int
        /// Burglaries per month from `firstMonth`.
        public fileprivate(set) var burglaries: [Int32]
        /// Of those, attempted.
        public fileprivate(set) var attempted: [Int32]

        /// The counts of month index `month` (zeros outside the run).
        public func counts(month: Int) -> (burglaries: Int, attempted: Int) {
            let i = month - firstMonth
            guard i >= 0 && i < burglaries.count else { return (0, 0) }
            return (Int(burglaries[i]), Int(attempted[i]))
        }

        /// The first and last month with at least one burglary.
        public var monthsWithBurglaries: ClosedRange<Int>? {
            guard let first = burglaries.firstIndex(where: { $0 != 0 }),
                  let last = burglaries.lastIndex(where: { $0 != 0 }) else { return nil }
            return (firstMonth + first)...(firstMonth + last)
        }

        fileprivate mutating func add(month: Int, burglaries b: Int32, attempted a: Int32) {
            if burglaries.isEmpty { firstMonth = month }
            if month < firstMonth {
                let gap = firstMonth - month
                burglaries.insert(contentsOf: repeatElement(0, count: gap), at: 0)
                attempted.insert(contentsOf: repeatElement(0, count: gap), at: 0)
                firstMonth = month
            }
            let i = month - firstMonth
            if i >= burglaries.count {
                burglaries.append(contentsOf: repeatElement(0, count: i - burglaries.count + 1))
                attempted.append(contentsOf: repeatElement(0, count: i - attempted.count + 1))
            }
            burglaries[i] += b
            attempted[i] += a
            if b < 0 { trim() }
        }

        /// Drops the months with no burglary at both ends, so that a state with a burglary taken back equals a state
        /// that never had it.
        private mutating func trim() {
            guard let first = burglaries.firstIndex(where: { $0 != 0 }), let last = burglaries.lastIndex(where: { $0 != 0 }) else {
                burglaries = []
                attempted = []
                return
            }
            burglaries = Array(burglaries[first...last])
            attempted = Array(attempted[first...last])
            firstMonth += first
        }
    }

    /// Series by NIS code on 2025 boundaries.
    public private(set) var communes: [Int: Series] = [:]
    /// Crime facts of every category per day, nationally: the coverage of the figures (contract section 7).
    public private(set) var crimeDays = CrimeDays()

    /// No burglaries.
    public init() {}

    /// True for the crime categories that are burglaries.
    @inline(__always)
    public static func isBurglary(_ category: CrimeCategory) -> Bool {
        category == .burglaryHome || category == .burglaryBusiness
    }

    /// Adds (`sign` 1) or takes back (`sign` −1) one burglary of `commune` (any code; counted on 2025 boundaries).
    public mutating func add(commune: NISCode, on date: CivilDate, attempted: Bool, sign: Int32 = 1) {
        let nis = CommuneRegistry.shared.boundary2025(commune).value
        communes[nis, default: Series(firstMonth: 0, burglaries: [], attempted: [])]
            .add(month: PeriodGrouping.month(of: date), burglaries: sign, attempted: attempted ? sign : 0)
        if sign < 0 && communes[nis]?.burglaries.isEmpty == true { communes[nis] = nil }
    }

    /// Takes a stored crime fact in if it is a burglary (the hot path: nothing decoded but what counts).
    public mutating func take(_ crime: StoredCrime) {
        crimeDays.add(day: crime.occurredOn.daysSinceEpoch)
        guard Self.isBurglary(crime.category) else { return }
        add(commune: crime.commune, on: crime.occurredOn, attempted: crime.attempted)
    }

    /// Takes `event` in if it is a crime fact (every category counts for the coverage, burglaries for the counts);
    /// `sign` −1 takes it back.
    public mutating func take(_ event: RecordedEvent, sign: Int32 = 1) {
        guard case .crimeRecorded(let crime) = event.payload else { return }
        crimeDays.add(day: crime.occurredOn.daysSinceEpoch, sign: sign)
        guard Self.isBurglary(crime.category), let commune = NISCode(event.stream.id) else { return }
        add(commune: commune, on: crime.occurredOn, attempted: crime.attempted, sign: sign)
    }

    /// The month of the earliest burglary, over all communes.
    public var earliestMonth: Int? {
        communes.values.compactMap { $0.monthsWithBurglaries?.lowerBound }.min()
    }

    /// The days the crime figures cover (contract section 7): between the earliest and the latest crime fact of any
    /// category, nationally, in months with at least one crime fact. A day outside it is not a day without
    /// burglaries: the ledger has no data for it. Nil when the ledger holds no crime fact.
    public var coverage: CrimeCoverage? { crimeDays.coverage }

    /// The month of the latest burglary, over all communes.
    public var latestMonth: Int? {
        communes.values.compactMap { $0.monthsWithBurglaries?.upperBound }.max()
    }

    /// Burglaries and attempted ones in the months `months`, over `communes` (all when nil).
    public func total(months: ClosedRange<Int>, communes filter: ((Int) -> Bool)? = nil) -> (burglaries: Int, attempted: Int) {
        var b = 0, a = 0
        for (nis, series) in communes where filter?(nis) ?? true {
            for month in months {
                let c = series.counts(month: month)
                b += c.burglaries
                a += c.attempted
            }
        }
        return (b, a)
    }

    // MARK: Checkpoint bytes

    /// The counts as bytes: the number of communes, then per commune its NIS code, first month, length and the
    /// pairs (burglaries, attempted), then the crime days (``CrimeDays``), all zigzag varints.
    public func encoded() -> [UInt8] {
        var w = BinaryWriter()
        w.int(communes.count)
        for nis in communes.keys.sorted() {
            guard let series = communes[nis] else { continue }
            w.int(nis)
            w.int(series.firstMonth)
            w.int(series.burglaries.count)
            for i in series.burglaries.indices {
                w.int(Int(series.burglaries[i]))
                w.int(Int(series.attempted[i]))
            }
        }
        crimeDays.encode(into: &w)
        return w.bytes
    }

    /// The counts written by `encoded()`.
    public init(encoded bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var r = BinaryReader(raw, offset: 0)
            let count = try r.int()
            communes.reserveCapacity(count)
            for _ in 0..<count {
                let nis = try r.int()
                var series = Series(firstMonth: try r.int(), burglaries: [], attempted: [])
                let length = try r.int()
                series.burglaries.reserveCapacity(length)
                series.attempted.reserveCapacity(length)
                for _ in 0..<length {
                    series.burglaries.append(Int32(truncatingIfNeeded: try r.int()))
                    series.attempted.append(Int32(truncatingIfNeeded: try r.int()))
                }
                communes[nis] = series
            }
            crimeDays = try CrimeDays(reading: &r)
            guard r.isAtEnd else { throw BinaryFormatError("trailing bytes in burglary counts") }
        }
    }
}
