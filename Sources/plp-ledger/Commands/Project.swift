import ArgumentParser
import Foundation
import PLPEvents
import PLPProjections

/// `plp-ledger project NAME`: the projections — state and figures folded from the events.
struct Project: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Fold the events into a projection: registry, members, burglary-trend, alerts, plp-effect.",
        discussion: """
        Every projection reads the whole log, or what --until-seq N, --as-of T (what the ledger had recorded by T) \
        and --at T (only what had occurred by T) select (contract section 6), and prints --format table, csv or json. What the figures were computed from (ledger size, root) goes to \
        standard error for csv and json, under the table otherwise.
          plp-ledger project registry
          plp-ledger project burglary-trend --by quarter --commune 21004 --format csv
          plp-ledger project alerts --year 2024
          plp-ledger project registry --at 2024-12-31
          plp-ledger project burglary-trend --by year --at 2024-06-30 --format csv
        """,
        subcommands: [ProjectRegistry.self, ProjectMembers.self, ProjectBurglaryTrend.self, ProjectAlerts.self,
                      ProjectPLPEffect.self]
    )
}

/// Options of every figure command: format, selection, rebuild.
struct AnalyticsOptions: ParsableArguments {
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @OptionGroup var scope: SelectionOptions

    /// The selection the options describe.
    var selection: Selection { scope.selection }
    /// True to fold from nothing.
    var rebuild: Bool { scope.rebuild }
}

/// Which events a figure is computed from (`--until-seq`, `--as-of`) and `--rebuild`: shared by every figure command,
/// whatever formats it offers.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("until-seq"), help: ArgumentHelp("Only the events with seq ≤ N.", valueName: "N"))
    var untilSeq: UInt64?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Only what the ledger had recorded by T: an RFC 3339 time, or a date for the end of that day in Brussels.",
        valueName: "T"))
    var asOf: String?

    @Option(name: .customLong("at"), help: ArgumentHelp(
        "Only events that occurred by T (business time: occurredAt, or occurredOn for crime facts): an RFC 3339 time, "
            + "or a date for the end of that day in Brussels.",
        valueName: "T"))
    var at: String?

    @Flag(help: "Fold from nothing, ignoring any saved projection state.") var rebuild = false

    func validate() throws {
        if untilSeq == 0 { throw ValidationError("--until-seq must be at least 1.") }
        if let asOf {
            do { _ = try Selection.parseAsOf(asOf) } catch { throw ValidationError(error.description + ".") }
        }
        if let at {
            do { _ = try Selection.parseAsOf(at, option: "--at") } catch { throw ValidationError(error.description + ".") }
        }
    }

    /// The selection the options describe.
    var selection: Selection {
        Selection(untilSeq: untilSeq, asOf: asOf.flatMap { try? Selection.parseAsOf($0) },
                  at: at.flatMap { try? Selection.parseAsOf($0, option: "--at") })
    }
}

/// Writing a figure with its provenance.
enum FigureOutput {
    /// Prints `table` in `format`; the provenance (and any `notes`) go to standard error, or under a text table.
    static func emit(_ table: FigureTable, format: OutputFormat, provenance: Provenance, title: String? = nil, notes: [String] = []) {
        if let warning = provenance.emptySelectionWarning { Console.note(warning) }
        switch format {
        case .csv: Console.print(table.csv)
        case .json: Console.print(table.json)
        case .table: Console.print(text(table, title: title) + "\n" + (notes + [provenance.sentence]).joined(separator: "\n") + "\n")
        }
        if format != .table {
            for note in notes { Console.note(note) }
            Console.note(provenance.sentence)
        }
    }

    /// A figure table as aligned text.
    static func text(_ table: FigureTable, title: String? = nil) -> String {
        var text = TextTable(header: table.columns, rightAligned: table.numericColumns)
        text.rows = table.rows.map { $0.map(\.forPeople) }
        return (title.map { $0 + "\n\n" } ?? "") + text.render()
    }
}
