import ArgumentParser
import Foundation
import PLPEvents
import PLPProjections

/// `plp-ledger report`: the reports built from the figures.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reports built from the figures: the annual statistics.",
        subcommands: [ReportAnnual.self])
}

/// `plp-ledger report annual --year Y`: the annual statistics of contract section 7.
struct ReportAnnual: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual",
        abstract: "The annual statistics of year Y: exactly the contract's keys in json and csv; the table adds breakdowns.",
        discussion: """
        json is one object with exactly the contract's keys (the two decimals are null when undefined); csv is \
        metric,value then one row per key (empty when undefined). The table form, in French (--lang fr) or Dutch \
        (--lang nl), adds the change against Y − 1 and breakdowns by region, province and PLP kind. What the figures \
        were computed from goes to standard error for json and csv.
          plp-ledger report annual --year 2024 --format json
          plp-ledger report annual --year 2024 --lang nl
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions
    @OptionGroup var analytics: AnalyticsOptions

    @Option(help: "The year (Brussels calendar year).") var year: Int
    @Option(help: "fr or nl: the language of the table form.") var lang: ReportLanguage = .fr

    func validate() throws {
        if !(1900...2100).contains(year) { throw ValidationError("--year must be between 1900 and 2100.") }
    }

    func run() throws {
        let store = try global.openStore()
        let (report, provenance) = try AnnualReport.compute(
            year: year, engine: ProjectionEngine(store: store), selection: analytics.selection)
        switch analytics.format {
        case .json:
            Console.print(report.current.json)
            Console.note(provenance.sentence)
        case .csv:
            Console.print(report.current.csv)
            Console.note(provenance.sentence)
        case .table:
            Console.print(Self.text(report, language: lang) + "\n" + provenance.sentence + "\n")
        }
    }

    /// The table form: the figures of Y against Y − 1, then the breakdowns.
    static func text(_ report: AnnualReport, language: ReportLanguage) -> String {
        let y = report.current.year
        var out = language.label("title") + " — \(y)\n\n"
        var main = TextTable(header: [language.label("figure"), String(y), String(y - 1), language.label("change")],
                             rightAligned: [1, 2, 3])
        for ((key, now), (_, before)) in zip(report.current.figures, report.previous.figures) {
            main.rows.append([language.label(key), now.csv.isEmpty ? "—" : now.csv, before.csv.isEmpty ? "—" : before.csv,
                              change(now, before)])
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

    /// `+12.5 %` for a change between two figures; `—` when undefined.
    static func change(_ now: AnnualStatistics.Value, _ before: AnnualStatistics.Value) -> String {
        switch (now, before) {
        case (.integer(let a), .integer(let b)):
            guard let pct = Tenths.change(from: b, to: a) else { return a == b ? "0" : "—" }
            return (pct.tenths > 0 ? "+" : "") + pct.description + " %"
        case (.decimal(let a?), .decimal(let b?)):
            let delta = Tenths(tenths: a.tenths - b.tenths)
            return (delta.tenths > 0 ? "+" : "") + delta.description
        default:
            return "—"
        }
    }
}

extension ReportLanguage: ExpressibleByArgument {}
