import ArgumentParser
import Foundation
import PLPEvents
import PLPProjections

/// `plp-ledger report`: the reports built from the figures.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports built from the figures: the annual statistics.",
        subcommands: [ReportAnnual.self])
}

/// `plp-ledger report annual --year Y`: the annual statistics of contract section 7.
struct ReportAnnual: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual",
        abstract: "The annual statistics of year Y: exactly the contract's keys in json and csv; the table adds breakdowns; html is the comité's report.",
        discussion: """
        json is one object with exactly the contract's keys (the two decimals are null when undefined); csv is \
        metric,value then one row per key (empty when undefined). The table form, in French (--lang fr) or Dutch \
        (--lang nl), adds the change against Y − 1 and breakdowns by region, province and PLP kind. What the figures \
        were computed from goes to standard error for json and csv. html is the comité's annual report: one \
        self-contained file (inline SVG charts, no script, no network) that prints on A4, in --lang fr or nl; -o FILE (or --output FILE) \
        writes it whole or not at all.
          plp-ledger report annual --year 2024 --format json
          plp-ledger report annual --year 2024 --lang nl
          plp-ledger report annual --year 2025 --format html -o rapport-2025.html
        --from Y1 --to Y2 (instead of --year) gives the statistics of every year of the range, in csv as \
        year,metric,value or in json as an array of objects whose first key is "year":
          plp-ledger report annual --from 2023 --to 2025 --format csv
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions
    @Option(help: "table, csv, json or html.") var format: ReportFormat = .table
    @OptionGroup var scope: SelectionOptions

    @Option(help: "The year (Brussels calendar year).") var year: Int?
    @Option(help: ArgumentHelp("The first year of a range (with --to; csv or json).", valueName: "Y1")) var from: Int?
    @Option(help: ArgumentHelp("The last year of a range (with --from).", valueName: "Y2")) var to: Int?
    @Option(help: "fr or nl: the language of the table and html forms.") var lang: ReportLanguage = .fr
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        switch (year, from, to) {
        case (let year?, nil, nil):
            if !(1900...2100).contains(year) { throw ValidationError("--year must be between 1900 and 2100.") }
        case (nil, let from?, let to?):
            guard (1900...2100).contains(from), (1900...2100).contains(to) else {
                throw ValidationError("--from and --to must be between 1900 and 2100.")
            }
            guard from <= to else { throw ValidationError("--from \(from) comes after --to \(to).") }
            guard format == .csv || format == .json else {
                throw ValidationError("a range of years (--from, --to) is written as csv or json, not \(format.rawValue).")
            }
        case (nil, nil, nil):
            throw ValidationError("give --year Y, or --from Y1 --to Y2.")
        default:
            throw ValidationError("give either --year Y, or both --from Y1 and --to Y2.")
        }
    }

    func run() throws {
        let store = try global.openStore(for: .readingWithSavedState)
        let engine = ProjectionEngine(store: store)
        guard let year else { return try runRange(engine) }
        if format == .html {
            let today = Brussels.date(ofInstant: Int64(Date().timeIntervalSince1970 * 1_000_000))
            let content = try AnnualReportContent.compute(year: year, engine: engine, selection: scope.selection, producedOn: today)
            if let warning = content.provenance.emptySelectionWarning { Console.note(warning) }
            if let note = content.report.coverageNote(language: nil) { Console.note("note: " + note) }
            try write(AnnualReportHTML.render(content, language: lang))
            Console.note(content.provenance.sentence)
            return
        }
        let (report, provenance) = try AnnualReport.compute(year: year, engine: engine, selection: scope.selection)
        if let warning = provenance.emptySelectionWarning { Console.note(warning) }
        if format != .table, let note = report.coverageNote(language: nil) { Console.note("note: " + note) }
        switch format {
        case .json:
            try write(report.current.json)
            Console.note(provenance.sentence)
        case .csv:
            try write(report.current.csv)
            Console.note(provenance.sentence)
        case .table, .html:
            try write(Self.text(report, language: lang) + "\n" + provenance.sentence + "\n")
        }
    }

    /// `--from Y1 --to Y2`: one fold, then the statistics of each year.
    func runRange(_ engine: ProjectionEngine) throws {
        guard let from, let to else { return }
        var facts = NetworkFacts(reads: AnnualStatistics.reads, years: (from - 1)...to)
        let provenance = try engine.rebuild(&facts, selection: scope.selection)
        if let warning = provenance.emptySelectionWarning { Console.note(warning) }
        let years = (from...to).map { AnnualReport(facts: facts, year: $0) }
        for report in years {
            if let note = report.coverageNote(language: nil) { Console.note("note: " + note) }
        }
        var text = ""
        if format == .csv {
            text = "year,metric,value\n"
            for report in years {
                for figure in report.current.figures { text += "\(report.current.year),\(figure.key),\(figure.value.csv)\n" }
            }
        } else {
            text = "[\n" + years.map { report in
                "{\"year\":\(report.current.year)," + report.current.figures.map { "\"\($0.key)\":\($0.value.json)" }
                    .joined(separator: ",") + "}"
            }.joined(separator: ",\n") + "\n]\n"
        }
        try write(text)
        Console.note(provenance.sentence)
    }

    /// Writes `text` to `-o FILE` (whole or not at all) or to standard output.
    func write(_ text: String) throws {
        guard let output else { return Console.print(text) }
        let sink = try OutputSink.file(output)
        do {
            try sink.write(text)
            try sink.close()
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// The table form: the figures of Y against Y − 1, then the breakdowns.
    static func text(_ report: AnnualReport, language: ReportLanguage) -> String {
        let y = report.current.year
        var out = language.label("title") + " — \(y)\n\n"
        if let note = report.coverageNote(language: language) { out += note + "\n\n" }
        var main = TextTable(header: [language.label("figure"), report.yearHeading(y, language: language),
                                      report.yearHeading(y - 1, language: language), language.label("change")],
                             rightAligned: [1, 2, 3])
        for ((key, now), (_, before)) in zip(report.current.figures, report.previous.figures) {
            func cell(_ value: AnnualStatistics.Value) -> String {
                if value == .noData { return language.text("no_data") }
                return value.csv.isEmpty ? "—" : value.csv
            }
            main.rows.append([language.label(key), cell(now), cell(before), change(report.change(of: key), language: language)])
        }
        out += main.render()
        let dimensions: [(AnnualReport.Dimension, String, String)] = [
            (.region, "by_region", "region"), (.province, "by_province", "province"), (.plpKind, "by_kind", "kind"),
        ]
        for (dimension, title, column) in dimensions {
            let keys = dimension == .plpKind ? AnnualReport.breakdownKeys.filter { $0 != "reports_filed" && $0 != "burglaries" }
                                             : AnnualReport.breakdownKeys
            var table = TextTable(header: [language.label(column)] + keys.map { language.label($0) },
                                  rightAligned: Set(1...keys.count))
            for (label, figures) in report.breakdown(by: dimension, language: language) {
                let values = Dictionary(uniqueKeysWithValues: figures.figures.map { ($0.key, $0.value.csv) })
                table.rows.append([label] + keys.map { values[$0] ?? "" })
            }
            out += "\n" + language.label(title) + " (\(y))\n\n" + table.render()
        }
        return out
    }

    /// `+12.5 %` for a change between two whole years; the two counts when they are small; `—` when undefined.
    static func change(_ change: FigureChange, language: ReportLanguage) -> String {
        switch change {
        case .noData, .undefined: "—"
        case .partial(let year): language.text("partial_year", String(year))
        case .same: "0"
        case .counts(let now, let before): language.text("small_counts", String(now), String(before))
        case .fromZero(let year): language.text("new_value", String(year))
        case .percent(let pct): (pct.tenths > 0 ? "+" : "") + pct.description + " %"
        case .difference(let delta): (delta.tenths > 0 ? "+" : "") + delta.description
        }
    }
}

extension ReportLanguage: ExpressibleByArgument {}

/// The forms of `report annual`: the figure formats, plus the comité's HTML report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, html
}
