import PLPEvents

/// `project burglary-trend`: burglaries per commune and period (contract section 7), a checkpointed projection.
public struct BurglaryTrend: CheckpointedProjection, Sendable, Equatable {
    public var reads: EventTypeSet { [.crimeRecorded] }
    public static let checkpointName = "burglary-trend/2"

    /// The counts per commune and month.
    public private(set) var counts = BurglaryCounts()

    /// No burglaries yet.
    public init() {}

    public init(checkpoint bytes: [UInt8]) throws {
        counts = try BurglaryCounts(encoded: bytes)
    }

    public func checkpointBytes() -> [UInt8] { counts.encoded() }

    public mutating func apply(_ event: RecordedEvent) { counts.take(event) }

    public mutating func applyStored(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
        guard let crime = try StoredEventCodec.crime(bytes) else { return false }
        counts.take(crime)
        return true
    }

    public mutating func revert(_ event: RecordedEvent) { counts.take(event, sign: -1) }

    /// The rows of the trend for `query`.
    ///
    /// Each period carries how much of it the crime data covers (contract section 7, "Coverage"): a period covered
    /// on no day has no figure ("no data"), a period covered on some days is marked incomplete, and the change is
    /// given only between two complete periods.
    public func rows(_ query: BurglaryTrendQuery) -> [BurglaryTrendRow] {
        let by = query.by
        let coverage = counts.coverage
        let lastPeriod: Int
        if let to = query.toMonths {
            lastPeriod = by.period(ofMonth: to.upperBound)
        } else if let latest = counts.latestMonth {
            lastPeriod = by.period(ofMonth: latest)
        } else {
            return []
        }
        var wanted: [Int]
        if let communes = query.communes {
            wanted = Set(communes.map { CommuneRegistry.shared.boundary2025($0).value }).sorted()
        } else {
            wanted = counts.communes.keys.filter { counts.communes[$0]?.monthsWithBurglaries != nil }.sorted()
        }
        wanted = wanted.filter { query.area.contains(NISCode(value: $0)) }
        func firstPeriod(of communes: [Int]) -> Int? {
            if let from = query.fromMonths { return by.period(ofMonth: from.lowerBound) }
            return communes.compactMap { counts.communes[$0]?.monthsWithBurglaries?.lowerBound }.min().map(by.period(ofMonth:))
        }
        if let label = query.totalLabel {
            // A total row keeps a commune code only because the row type has one; its `label` is what is printed.
            guard let first = firstPeriod(of: wanted), let anyCode = NISCode(value: wanted.first ?? 21004) else { return [] }
            return series(of: wanted, code: anyCode, label: label, periods: first...max(first, lastPeriod), lastPeriod: lastPeriod,
                          by: by, coverage: coverage)
        }
        var rows: [BurglaryTrendRow] = []
        for nis in wanted {
            guard let code = NISCode(value: nis), let first = firstPeriod(of: [nis]) else { continue }
            rows += series(of: [nis], code: code, label: nil, periods: first...max(first, lastPeriod), lastPeriod: lastPeriod,
                           by: by, coverage: coverage)
        }
        return rows
    }

    /// The rows of one series (one commune, or the total of `communes`) over `periods` (none when the first period
    /// comes after `lastPeriod`).
    private func series(of communes: [Int], code: NISCode, label: String?, periods: ClosedRange<Int>, lastPeriod: Int,
                        by: PeriodGrouping, coverage: CrimeCoverage?) -> [BurglaryTrendRow] {
        guard periods.lowerBound <= lastPeriod else { return [] }
        var rows: [BurglaryTrendRow] = []
        var before: (burglaries: Int, coverage: PeriodCoverage)?
        for period in periods {
            let months = by.firstMonth(of: period)...(by.firstMonth(of: period + 1) - 1)
            let total = counts.total(months: months) { communes.contains($0) }
            let covered = coverage?.of(months: months) ?? .none
            var change: Tenths?
            if covered == .complete, let before, before.coverage == .complete {
                change = Tenths.change(from: before.burglaries, to: total.burglaries)
            }
            var row = BurglaryTrendRow(
                commune: code, period: by.label(period), burglaries: total.burglaries, attempted: total.attempted,
                previous: before.flatMap { $0.coverage.hasData ? $0.burglaries : nil }, changePct: change, coverage: covered)
            row.label = label
            rows.append(row)
            before = (total.burglaries, covered)
        }
        return rows
    }
}

/// What `project burglary-trend` is asked: grouping, communes, first and last period.
public struct BurglaryTrendQuery: Sendable, Hashable {
    /// Months, quarters or years.
    public var by: PeriodGrouping
    /// Only these communes (any code, reported on 2025 boundaries); nil: every commune with a burglary.
    public var communes: [NISCode]?
    /// `--from`: the months of the first period (rows start at the period holding its first month).
    public var fromMonths: ClosedRange<Int>?
    /// `--to`: the months of the last period (rows end at the period holding its last month).
    public var toMonths: ClosedRange<Int>?
    /// `--region`, `--province`: only the communes of this area.
    public var area: Area = .belgium
    /// `--national`: one series, the total of the communes selected, with this label in the commune column (`BE`
    /// for the whole country, else the region's or province's code); nil: one series per commune.
    public var totalLabel: String?

    /// Makes a query.
    public init(by: PeriodGrouping = .month, communes: [NISCode]? = nil, fromMonths: ClosedRange<Int>? = nil,
                toMonths: ClosedRange<Int>? = nil) {
        self.by = by
        self.communes = communes
        self.fromMonths = fromMonths
        self.toMonths = toMonths
    }
}

/// One row of the burglary trend: `commune,period,burglaries,attempted,previous,change_pct,complete`.
public struct BurglaryTrendRow: Sendable, Hashable {
    /// The commune, on 2025 boundaries.
    public var commune: NISCode
    /// `YYYY-MM`, `YYYY-Qn` or `YYYY`.
    public var period: String
    /// Burglaries in the period, attempted or not.
    public var burglaries: Int
    /// Of those, attempted.
    public var attempted: Int
    /// Burglaries of the period before; nil on the commune's first row and after a period without data.
    public var previous: Int?
    /// `100 × (burglaries − previous) / previous`, one decimal; nil unless this period and the one before are both
    /// complete (and `previous` is not 0).
    public var changePct: Tenths?
    /// The text of the commune column when the row is a total (`BE`, or an area's code), else nil.
    public var label: String?
    /// How much of the period the crime data covers: a period covered on no day has no figure ("no data": its
    /// counts are empty in CSV and `null` in JSON, never 0); `complete` is true only when every day is covered.
    public var coverage: PeriodCoverage = .complete

    /// Makes a row.
    public init(commune: NISCode, period: String, burglaries: Int, attempted: Int, previous: Int?, changePct: Tenths?,
                coverage: PeriodCoverage = .complete) {
        self.commune = commune
        self.period = period
        self.burglaries = burglaries
        self.attempted = attempted
        self.previous = previous
        self.changePct = changePct
        self.coverage = coverage
    }

    /// Whether the period has a figure (the data covers at least one of its days).
    public var covered: Bool { coverage.hasData }

    /// Whether the data covers every day of the period (the column `complete`).
    public var complete: Bool { coverage == .complete }

    /// The contract's columns.
    public static let columns = ["commune", "period", "burglaries", "attempted", "previous", "change_pct", "complete"]

    /// The cells in column order (empty when undefined).
    public var cells: [String] {
        [label ?? commune.description, period, covered ? String(burglaries) : "", covered ? String(attempted) : "",
         previous.map(String.init) ?? "", changePct?.description ?? "", complete ? "true" : "false"]
    }
}

extension BurglaryTrendRow {
    /// The typed cells (commune and period as text).
    public var typedCells: [FigureTable.Cell] {
        [.text(label ?? commune.description), .text(period), covered ? .integer(burglaries) : .noData,
         covered ? .integer(attempted) : .noData, previous.map { .integer($0) } ?? .empty, .decimal(changePct),
         .boolean(complete)]
    }
}

extension BurglaryTrend {
    /// The trend as a figure table with the contract's columns.
    public func table(_ query: BurglaryTrendQuery) -> FigureTable {
        FigureTable(columns: BurglaryTrendRow.columns, rows: rows(query).map(\.typedCells))
    }
}
