import PLPEvents

/// What the comité's HTML annual report shows, computed from one fold of ``NetworkFacts``: the key figures
/// (``AnnualReport``, the same values as `--format json`) and the series behind the sections and charts.
public struct AnnualReportContent: Sendable {
    /// The key figures of Y and Y − 1, with their breakdowns.
    public let report: AnnualReport
    /// The ledger prefix they come from.
    public let provenance: Provenance
    /// The day the document was produced (Brussels).
    public let producedOn: CivilDate
    /// The year.
    public var year: Int { report.current.year }

    /// The event types the report reads: the annual statistics' and the best practices.
    public static let reads = AnnualStatistics.reads.union([.bestPracticeShared])

    /// Folds the facts of the selection and builds the content of `year`.
    public static func compute(year: Int, engine: ProjectionEngine, selection: Selection, producedOn: CivilDate) throws -> AnnualReportContent {
        var facts = NetworkFacts(reads: reads, years: (year - 1)...year)
        let provenance = try engine.rebuild(&facts, selection: selection)
        return AnnualReportContent(report: AnnualReport(facts: facts, year: year), provenance: provenance, producedOn: producedOn)
    }

    /// The content of a report already computed.
    public init(report: AnnualReport, provenance: Provenance, producedOn: CivilDate) {
        self.report = report
        self.provenance = provenance
        self.producedOn = producedOn
    }

    // MARK: The network

    /// The years the network chart spans: from the first PLP event to Y (at most Y itself).
    public var networkYears: [Int] {
        let first = report.facts.plps.values.compactMap { $0.changes.first.map { Brussels.date(ofInstant: $0.at).year } }.min() ?? year
        return Array(min(first, year)...year)
    }

    /// PLPs active at the end of each of `networkYears`, per region (sorted by NIS code).
    public func activeByRegion(language: ReportLanguage) -> [ChartSeries] {
        let registry = CommuneRegistry.shared
        let regions = registry.units.filter { $0.level == "region" }.sorted { $0.nis < $1.nis }
        let years = networkYears
        return regions.map { region in
            let values = years.map { y -> Double? in
                let end = AnnualStatistics.endOfYear(y)
                return Double(report.facts.plps.values.filter { plp in
                    plp.status(before: end) == .active && plp.commune2025.flatMap { registry.commune($0) }?.region == region.nis
                }.count)
            }
            return ChartSeries(name: language == .fr ? region.nameFR : region.nameNL, values: values)
        }
    }

    /// For each of `networkYears`: PLPs approved, PLPs dissolved, members active at the end.
    public var networkByYear: [(year: Int, approved: Int, dissolved: Int, membersActiveEnd: Int)] {
        let facts = report.facts
        return networkYears.map { y in
            let approved = facts.plps.values.filter { $0.approvedAt.map { Brussels.date(ofInstant: $0).year == y } ?? false }.count
            let dissolved = facts.plps.values.filter { plp in
                plp.changes.contains { $0.status == .dissolved && Brussels.date(ofInstant: $0.at).year == y }
            }.count
            let end = AnnualStatistics.endOfYear(y)
            let members = facts.members.values.reduce(0) { $0 + ($1.isActive(at: end) ? 1 : 0) }
            return (y, approved, dissolved, members)
        }
    }

    /// The share of the PLPs active at the end of `year` that are PLP-I (independents), in %.
    public func independentsShare(year: Int) -> Tenths? {
        let end = AnnualStatistics.endOfYear(year)
        let active = report.facts.plps.values.filter { $0.status(before: end) == .active }
        return Tenths.percentage(active.filter { $0.kind == .independents }.count, of: active.count)
    }

    // MARK: Communication

    /// Reports filed in Y per category, in the vocabulary's order.
    public var reportsByCategory: [(category: ReportCategory, count: Int)] {
        var counts: [ReportCategory: Int] = [:]
        for report in report.facts.reports.values where Brussels.date(ofInstant: report.filedAt).year == year {
            counts[report.category, default: 0] += 1
        }
        return ReportCategory.allCases.map { ($0, counts[$0] ?? 0) }
    }

    /// Urgent alerts of Y by Brussels hour of the day (0…23).
    public var urgentAlertsByHour: [Int] { report.facts.urgentAlertsByHour[year] ?? Array(repeating: 0, count: 24) }

    /// The alert funnel of the reports filed in Y, nationally, counted as ``AlertFunnel`` counts them: filed, then
    /// assessed, then assessed and given at least one feedback (the base and numerator of its feedback rate).
    public var reportFunnel: (filed: Int, assessed: Int, withFeedback: Int) {
        var funnel = AlertFunnel.Funnel()
        for report in report.facts.reports.values where Brussels.date(ofInstant: report.filedAt).year == year { funnel.take(report) }
        return (funnel.filed, funnel.assessed, funnel.withFeedback)
    }

    /// Of the reports filed in Y and assessed, the % with at least one feedback (the alert funnel's national figure).
    public var feedbackRatePct: Tenths? {
        let table = AlertFunnel.table(report.facts, year: year)
        guard let column = AlertFunnel.columns.firstIndex(of: "feedback_rate_pct"),
              case .decimal(let value)? = table.rows.first?[safe: column] else { return nil }
        return value
    }

    // MARK: Burglaries

    /// National burglaries per month, from the first month with a burglary to December of Y (or the last month
    /// with one, if earlier); the first month's index (`year × 12 + month − 1`) with them.
    /// `complete` says, month by month, whether the crime data covers every day of it (contract section 7): a month
    /// covered in part (the first and last of the data) or not at all is not drawn, never as a fall.
    public var monthlyBurglaries: (firstMonth: Int, counts: [Int], complete: [Bool])? {
        let burglaries = report.facts.burglaries
        guard let first = burglaries.communes.values.compactMap({ $0.monthsWithBurglaries?.lowerBound }).min(),
              let latest = burglaries.latestMonth else { return nil }
        let last = min(latest, year * 12 + 11)
        guard first <= last else { return nil }
        let coverage = burglaries.coverage
        return (first, (first...last).map { burglaries.total(months: $0...$0).burglaries },
                (first...last).map { coverage?.of(months: $0...$0) == .complete })
    }

    /// The trailing twelve-month mean of `counts`: nil for the first eleven months, and for a window holding a month
    /// without a figure (nil).
    public static func movingAverage(_ counts: [Int?], window: Int = 12) -> [Double?] {
        counts.indices.map { i -> Double? in
            guard i + 1 >= window else { return nil }
            let values = counts[(i + 1 - window)...i].compactMap { $0 }
            return values.count == window ? Double(values.reduce(0, +)) / Double(window) : nil
        }
    }

    /// Burglaries in both years together a commune needs to be listed among the largest rises and falls.
    public static let minimumBurglaries = 20

    /// Communes (2025 boundaries) whose burglaries changed most from Y − 1 to Y, among those with at least
    /// ``minimumBurglaries`` in the two years: the five largest rises and the five largest falls, ranked by the
    /// absolute change in burglaries (``CommuneChange/change``; ties by NIS code), not by the percentage.
    public var communeChanges: (rises: [CommuneChange], falls: [CommuneChange]) {
        let burglaries = report.facts.burglaries
        let thisYear = (year * 12)...(year * 12 + 11), lastYear = ((year - 1) * 12)...((year - 1) * 12 + 11)
        var changes: [CommuneChange] = []
        for nis in burglaries.communes.keys {
            let now = burglaries.total(months: thisYear) { $0 == nis }.burglaries
            let before = burglaries.total(months: lastYear) { $0 == nis }.burglaries
            guard now + before >= Self.minimumBurglaries, now != before,
                  let code = NISCode(value: nis), let commune = CommuneRegistry.shared.commune(code) else { continue }
            changes.append(CommuneChange(commune: commune, previous: before, current: now))
        }
        let rises = changes.filter { $0.current > $0.previous }
            .sorted { ($0.current - $0.previous, $1.commune.nis) > ($1.current - $1.previous, $0.commune.nis) }
        let falls = changes.filter { $0.current < $0.previous }
            .sorted { ($0.current - $0.previous, $0.commune.nis) < ($1.current - $1.previous, $1.commune.nis) }
        return (Array(rises.prefix(5)), Array(falls.prefix(5)))
    }

    /// The PLP effect's national row: treated communes, their change, the controls' change and the difference; and
    /// how many communes were left out.
    public var plpEffect: (communes: Int, changePct: Tenths?, controlChangePct: Tenths?, didPct: Tenths?, leftOut: Int) {
        let (table, leftOut) = PLPEffect.table(report.facts)
        let row = table.rows.first ?? []
        func cell(_ name: String) -> FigureTable.Cell? { PLPEffect.columns.firstIndex(of: name).flatMap { row[safe: $0] } }
        func decimal(_ name: String) -> Tenths? { if case .decimal(let v)? = cell(name) { return v }; return nil }
        var communes = 0
        if case .integer(let n)? = cell("communes") { communes = n }
        return (communes, decimal("change_pct"), decimal("control_change_pct"), decimal("did_pct"), leftOut.total)
    }

    // MARK: Programme

    /// `BestPracticeShared` in `year` (Y or Y − 1).
    public func bestPracticesShared(year: Int) -> Int { report.facts.totals(year: year).bestPracticesShared }
}

/// A commune's burglaries in Y − 1 and Y, for the largest rises and falls.
public struct CommuneChange: Sendable, Equatable {
    /// The commune (2025 boundaries).
    public let commune: Commune
    /// Burglaries in Y − 1 and in Y.
    public let previous: Int, current: Int
    /// `current − previous`: what the rises and falls are ranked by.
    public var change: Int { current - previous }
    /// `100 × (current − previous) / previous`, one decimal; nil when `previous` is 0.
    public var changePct: Tenths? { Tenths.change(from: previous, to: current) }
}
