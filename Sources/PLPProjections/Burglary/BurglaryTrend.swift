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
    ///
    /// Periods outside the months the burglary data covers (before the earliest burglary in the ledger, after the
    /// latest: `--from` and `--to` can reach there) are rows without a figure (`covered` false).
    public func rows(_ query: BurglaryTrendQuery) -> [BurglaryTrendRow] {
        let by = query.by
        let coverage = counts.coveredMonths
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
        if let label = query.totalLabel { return totalRows(of: wanted, label: label, lastPeriod: lastPeriod, query: query, coverage: coverage) }
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
                let start = by.firstMonth(of: period), end = by.firstMonth(of: period + 1) - 1
                if let series {
                    for month in start...end {
                        let c = series.counts(month: month)
                        burglaries += c.burglaries
                        attempted += c.attempted
                    }
                }
                // A period none of whose months the ledger's burglary data covers has no figure (contract section 6).
                // The first and last periods may be covered in part: they count the months covered (section 7 runs
                // the rows from a commune's first burglary to the latest in the ledger).
                let covered = coverage.map { $0.overlaps(start...end) } ?? false
                rows.append(BurglaryTrendRow(
                    commune: code, period: by.label(period), burglaries: burglaries, attempted: attempted,
                    previous: previous, changePct: covered ? previous.flatMap { Tenths.change(from: $0, to: burglaries) } : nil,
                    covered: covered))
                previous = covered ? burglaries : nil
            }
        }
        return rows
    }
}

extension BurglaryTrend {
    /// One series, the sum of `communes`, labelled `label` in the commune column.
    func totalRows(of communes: [Int], label: String, lastPeriod: Int, query: BurglaryTrendQuery,
                   coverage: ClosedRange<Int>?) -> [BurglaryTrendRow] {
        let by = query.by
        let firstPeriod: Int
        if let from = query.fromMonths {
            firstPeriod = by.period(ofMonth: from.lowerBound)
        } else if let first = communes.compactMap({ counts.communes[$0]?.monthsWithBurglaries?.lowerBound }).min() {
            firstPeriod = by.period(ofMonth: first)
        } else {
            return []
        }
        // A total row keeps a commune code only because the row type has one; its `label` is what is printed.
        guard firstPeriod <= lastPeriod, let anyCode = NISCode(value: communes.first ?? 21004) else { return [] }
        var rows: [BurglaryTrendRow] = []
        var previous: Int?
        for period in firstPeriod...lastPeriod {
            let start = by.firstMonth(of: period), end = by.firstMonth(of: period + 1) - 1
            var burglaries = 0, attempted = 0
            for nis in communes {
                guard let series = counts.communes[nis] else { continue }
                for month in start...end {
                    let c = series.counts(month: month)
                    burglaries += c.burglaries
                    attempted += c.attempted
                }
            }
            let covered = coverage.map { $0.overlaps(start...end) } ?? false
            var row = BurglaryTrendRow(
                commune: anyCode, period: by.label(period),
                burglaries: burglaries, attempted: attempted, previous: previous,
                changePct: covered ? previous.flatMap { Tenths.change(from: $0, to: burglaries) } : nil, covered: covered)
            row.label = label
            rows.append(row)
            previous = covered ? burglaries : nil
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
    /// The text of the commune column when the row is a total (`BE`, or an area's code), else nil.
    public var label: String?
    /// Whether the ledger's burglary data covers the period; when not, the row has no figure ("no data"): its
    /// counts are empty in CSV and `null` in JSON, never 0.
    public var covered: Bool = true

    /// Makes a row.
    public init(commune: NISCode, period: String, burglaries: Int, attempted: Int, previous: Int?, changePct: Tenths?,
                covered: Bool = true) {
        self.commune = commune
        self.period = period
        self.burglaries = burglaries
        self.attempted = attempted
        self.previous = previous
        self.changePct = changePct
        self.covered = covered
    }

    /// The contract's columns.
    public static let columns = ["commune", "period", "burglaries", "attempted", "previous", "change_pct"]

    /// The cells in column order (empty when undefined).
    public var cells: [String] {
        [label ?? commune.description, period, covered ? String(burglaries) : "", covered ? String(attempted) : "",
         previous.map(String.init) ?? "", changePct?.description ?? ""]
    }
}

extension BurglaryTrendRow {
    /// The typed cells (commune and period as text).
    public var typedCells: [FigureTable.Cell] {
        [.text(label ?? commune.description), .text(period), covered ? .integer(burglaries) : .noData,
         covered ? .integer(attempted) : .noData, previous.map { .integer($0) } ?? .empty, .decimal(changePct)]
    }
}

extension BurglaryTrend {
    /// The trend as a figure table with the contract's columns.
    public func table(_ query: BurglaryTrendQuery) -> FigureTable {
        FigureTable(columns: BurglaryTrendRow.columns, rows: rows(query).map(\.typedCells))
    }
}
