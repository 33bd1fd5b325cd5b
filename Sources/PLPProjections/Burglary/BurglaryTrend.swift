import PLPEvents

/// `project burglary-trend`: burglaries per commune and period (contract section 7), a checkpointed projection.
public struct BurglaryTrend: CheckpointedProjection, Sendable, Equatable {
    public var reads: EventTypeSet { [.crimeRecorded] }
    public static let checkpointName = "burglary-trend/1"

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
    public func rows(_ query: BurglaryTrendQuery) -> [BurglaryTrendRow] {
        let by = query.by
        let lastPeriod: Int
        if let to = query.toMonths {
            lastPeriod = by.period(ofMonth: to.upperBound)
        } else if let latest = counts.latestMonth {
            lastPeriod = by.period(ofMonth: latest)
        } else {
            return []
        }
        let wanted: [Int]
        if let communes = query.communes {
            wanted = Set(communes.map { CommuneRegistry.shared.boundary2025($0).value }).sorted()
        } else {
            wanted = counts.communes.keys.filter { counts.communes[$0]?.monthsWithBurglaries != nil }.sorted()
        }
        var rows: [BurglaryTrendRow] = []
        for nis in wanted {
            guard let code = NISCode(value: nis) else { continue }
            let series = counts.communes[nis]
            let firstPeriod: Int
            if let from = query.fromMonths {
                firstPeriod = by.period(ofMonth: from.lowerBound)
            } else if let first = series?.monthsWithBurglaries?.lowerBound {
                firstPeriod = by.period(ofMonth: first)
            } else {
                continue
            }
            guard firstPeriod <= lastPeriod else { continue }
            var previous: Int?
            for period in firstPeriod...lastPeriod {
                var burglaries = 0, attempted = 0
                if let series {
                    let start = by.firstMonth(of: period)
                    for month in start..<by.firstMonth(of: period + 1) {
                        let c = series.counts(month: month)
                        burglaries += c.burglaries
                        attempted += c.attempted
                    }
                }
                rows.append(BurglaryTrendRow(
                    commune: code, period: by.label(period), burglaries: burglaries, attempted: attempted,
                    previous: previous, changePct: previous.flatMap { Tenths.change(from: $0, to: burglaries) }))
                previous = burglaries
            }
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

    /// Makes a query.
    public init(by: PeriodGrouping = .month, communes: [NISCode]? = nil, fromMonths: ClosedRange<Int>? = nil,
                toMonths: ClosedRange<Int>? = nil) {
        self.by = by
        self.communes = communes
        self.fromMonths = fromMonths
        self.toMonths = toMonths
    }
}

/// One row of the burglary trend: `commune,period,burglaries,attempted,previous,change_pct`.
public struct BurglaryTrendRow: Sendable, Hashable {
    /// The commune, on 2025 boundaries.
    public var commune: NISCode
    /// `YYYY-MM`, `YYYY-Qn` or `YYYY`.
    public var period: String
    /// Burglaries in the period, attempted or not.
    public var burglaries: Int
    /// Of those, attempted.
    public var attempted: Int
    /// Burglaries of the period before; nil on the commune's first row.
    public var previous: Int?
    /// `100 × (burglaries − previous) / previous`, one decimal; nil when `previous` is nil or 0.
    public var changePct: Tenths?

    /// The contract's columns.
    public static let columns = ["commune", "period", "burglaries", "attempted", "previous", "change_pct"]

    /// The cells in column order (empty when undefined).
    public var cells: [String] {
        [commune.description, period, String(burglaries), String(attempted), previous.map(String.init) ?? "",
         changePct?.description ?? ""]
    }
}

extension BurglaryTrendRow {
    /// The typed cells (commune and period as text).
    public var typedCells: [FigureTable.Cell] {
        [.text(commune.description), .text(period), .integer(burglaries), .integer(attempted),
         previous.map { .integer($0) } ?? .empty, .decimal(changePct)]
    }
}

extension BurglaryTrend {
    /// The trend as a figure table with the contract's columns.
    public func table(_ query: BurglaryTrendQuery) -> FigureTable {
        FigureTable(columns: BurglaryTrendRow.columns, rows: rows(query).map(\.typedCells))
    }
}
