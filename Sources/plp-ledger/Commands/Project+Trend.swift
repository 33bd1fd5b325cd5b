import ArgumentParser
import PLPEvents
import PLPProjections

/// `plp-ledger project burglary-trend`: burglaries per commune and period (contract section 7).
struct ProjectBurglaryTrend: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "burglary-trend",
        abstract: "Burglaries per commune (2025 boundaries) and month, quarter or year, with the change on the period before.",
        discussion: """
        Columns: commune,period,burglaries,attempted,previous,change_pct,complete. Burglaries are CrimeRecorded of \
        category burglary-home or burglary-business, not voided, in the period of occurredOn. Each commune's rows run \
        from its first period with a burglary (or --from) to --to, else to the period of the latest burglary of the \
        selection, zeros included. --from and --to take a month (2024-03), a quarter (2024-Q1) or a year (2024).

        complete is true when the crime data (every category, nationally) covers every day of the period: the days \
        from the earliest to the latest crime fact of the selection, in months with at least one. A period covered \
        on no day has no figure (empty, null, "no data"); change_pct is given only between two complete periods, so \
        the running year or a selection cut by --until-seq, --as-of or --at never reads as a fall.
          plp-ledger project burglary-trend --by year --format csv
          plp-ledger project burglary-trend --commune 21004 --commune 44021 --from 2024
          plp-ledger project burglary-trend --by year --national
          plp-ledger project burglary-trend --by quarter --region 02000 \\
            --national --format csv
          plp-ledger project burglary-trend --by year --province Limburg
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions
    @OptionGroup var analytics: AnalyticsOptions

    @Option(help: "month, quarter or year.") var by: PeriodGrouping = .month
    @Option(help: ArgumentHelp("Only this commune (NIS code; former codes count under their 2025 commune). Repeatable.", valueName: "NIS"))
    var commune: [String] = []
    @Option(help: ArgumentHelp("First period: YYYY-MM, YYYY-Qn or YYYY.", valueName: "P")) var from: String?
    @Option(help: ArgumentHelp("Last period: YYYY-MM, YYYY-Qn or YYYY.", valueName: "P")) var to: String?
    @OptionGroup(title: "Area") var regions: RegionOptions
    @Flag(help: "One series, the total of the communes selected (commune column BE, or the region's or province's code).")
    var national = false

    func validate() throws {
        try CommuneCodes.check(commune)
        if let from, PeriodGrouping.parseMonths(from) == nil {
            throw ValidationError("--from \(from) is not a period: write YYYY-MM, YYYY-Qn or YYYY.")
        }
        if let to, PeriodGrouping.parseMonths(to) == nil {
            throw ValidationError("--to \(to) is not a period: write YYYY-MM, YYYY-Qn or YYYY.")
        }
        if let from, let to, let f = PeriodGrouping.parseMonths(from), let t = PeriodGrouping.parseMonths(to),
           by.period(ofMonth: f.lowerBound) > by.period(ofMonth: t.upperBound) {
            throw ValidationError("--from \(from) comes after --to \(to).")
        }
    }

    func run() throws {
        let store = try global.openStore(for: .readingWithSavedState)
        let (trend, provenance) = try ProjectionEngine(store: store).run(
            BurglaryTrend.self, selection: analytics.selection, rebuild: analytics.rebuild)
        var query = BurglaryTrendQuery(
            by: by, communes: commune.isEmpty ? nil : commune.compactMap { NISCode($0) },
            fromMonths: from.flatMap(PeriodGrouping.parseMonths), toMonths: to.flatMap(PeriodGrouping.parseMonths))
        query.area = regions.area()
        if national {
            let codes = regions.region + regions.province
            query.totalLabel = codes.count == 1
                ? (Area.unit(codes[0], level: regions.region.isEmpty ? "province" : "region").map { String(format: "%05d", $0.nis) } ?? "BE")
                : (codes.isEmpty && commune.isEmpty ? "BE" : "selection")
        }
        FigureOutput.emit(trend.table(query), format: analytics.format, provenance: provenance,
                          title: "Burglaries by commune and \(by.rawValue)")
        if let note = Self.coverageNote(trend.rows(query)) { Console.note("note: " + note) }
    }

    /// One sentence on the periods that are not complete, for standard error (the `complete` column says it row by
    /// row); nil when every period is complete.
    static func coverageNote(_ rows: [BurglaryTrendRow]) -> String? {
        let partial = Set(rows.filter { $0.covered && !$0.complete }.map(\.period)).sorted()
        let missing = Set(rows.filter { !$0.covered }.map(\.period)).sorted()
        guard !partial.isEmpty || !missing.isEmpty else { return nil }
        func list(_ periods: [String]) -> String {
            periods.count <= 4 ? periods.joined(separator: ", ") : "\(periods.count) periods (\(periods[0]) … \(periods[periods.count - 1]))"
        }
        var parts: [String] = []
        if !partial.isEmpty { parts.append("the crime data covers \(list(partial)) only in part (complete false, no change_pct)") }
        if !missing.isEmpty { parts.append("it covers no day of \(list(missing)) (no data)") }
        return parts.joined(separator: "; ")
    }
}

extension PeriodGrouping: ExpressibleByArgument {}
