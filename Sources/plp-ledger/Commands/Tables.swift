import ArgumentParser
import Foundation
import PLPEvents
import PLPProjections

/// `plp-ledger tables DIR`: the ledger as flat tables, one file per entity, for ad-hoc SQL (DuckDB, Spark, pandas).
struct Tables: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "tables",
        abstract: "Write the ledger as flat tables for SQL: plps, members, reports, alerts, crimes, programme, and the communes.",
        discussion: """
        One file per table in DIR (created if missing), voided events left out, from the whole log or what \
        --until-seq N or --as-of T selects. Each file is written under a temporary name and renamed into place, so \
        no reader sees half a table; existing table files are kept unless --force. The tree head the tables were \
        built from (size, root) and each file's row count go to standard error.

        --format csv (default): RFC 4180, a header row, CRLF line ends, an empty cell for null, true/false, lists \
        space-separated. --format ndjson: one JSON object per line, numbers as numbers, booleans as booleans, lists \
        as arrays, null when missing. Days are ISO YYYY-MM-DD in Brussels time; *_at columns are occurredAt as \
        written in the ledger (RFC 3339). NIS codes have five digits (strings in NDJSON): commune as recorded, \
        commune_2025 on 2025 boundaries, province (empty in Brussels) and region (02000 Flanders, 03000 Wallonia, \
        04000 Brussels). No contact data (name, phone, e-mail) is ever written, sealed or not.

        Provenance of rows: a table with one row per event (alerts, crimes, programme) has the event's seq in a \
        column seq; a table folded from a stream (plps, members, reports) has seqs, the seqs of every standing event \
        of the stream in order ("12 40 977" in CSV, [12,40,977] in NDJSON). --rebuild changes nothing: tables are \
        always folded from nothing.

        The columns of each table, in order:
          plps: plp,name,kind,initiator,status,proposed_on,charter_signed_on,
            approved_on,approval_ref,suspended_on,dissolved_on,dissolution_reason,
            coordinator,evaluated_year,assessment,police_zone,area,commune,
            commune_name_fr,commune_name_nl,commune_2025,province,region,seqs
          members: member,plp,kind,channels,newsletter,joined_on,left_on,
            leave_reason,erased,erased_on,seqs
          reports: report,plp,member,category,via,filed_at,filed_on,commune,
            commune_name_fr,commune_name_nl,commune_2025,province,region,outcome,
            assessed_on,feedback_count,feedback_outcome,feedback_on,
            feedback_message,seqs
          alerts: alert,plp,kind,channel,recipients,report,sent_at,sent_on,
            sent_hour,advice,seq
          crimes: seq,category,burglary,attempted,occurred_on,police_zone,commune,
            commune_name_fr,commune_name_nl,commune_2025,province,region
          programme: seq,type,occurred_at,occurred_on,academy,participants,title,
            theme,plp,year,decisions

        Two tables hold the reference data shipped with the program (Statbel), the same whatever the selection: \
        communes, one row per commune code valid at any time since 2010 (join its commune on another table's \
        commune or commune_2025; population_2020 is on the codes still in force, on 2025 boundaries), and \
        regions_provinces, the 3 regions and 10 provinces (join its nis on province or region).
          communes: commune,name_fr,name_nl,name_de,commune_2025,arrondissement,
            province,province_name_fr,province_name_nl,region,region_name_fr,
            region_name_nl,population_2020,valid_from,valid_until
          regions_provinces: nis,level,name_fr,name_nl,name_de,region

        Examples:
          plp-ledger tables ./sql
          plp-ledger tables ./sql --force --format ndjson
          plp-ledger tables ./sql-2024 --at 2024-12-31
        Then, with DuckDB for instance:
          duckdb -c "select region, count(*) from './sql/plps.csv' group by region"
          duckdb -c "select year(occurred_on) y, count(*) from './sql/crimes.csv' \\
            where burglary group by y order by y"
          duckdb -c "select n.name_fr, round(1000.0 * count(*) \\
            / n.population_2020, 2) per_1000 \\
            from './sql/crimes.csv' c join './sql/communes.csv' n \\
            on n.commune = c.commune_2025 where c.burglary \\
            group by n.commune, n.name_fr, n.population_2020 \\
            order by per_1000 desc limit 10"
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("The directory to write the tables to (created if missing).", valueName: "DIR"))
    var directory: String

    @Option(help: "csv or ndjson.") var format: TableFormat = .csv
    @Flag(help: "Replace the table files already in DIR.") var force = false
    @OptionGroup var scope: SelectionOptions

    func run() throws {
        let store = try global.openStore(for: .reading)
        let files = FlatTables.fileNames(format)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandFailure("\(directory) is a file, not a directory: choose a directory for the tables", code: .exists) }
            let existing = files.filter { manager.fileExists(atPath: directory + "/" + $0) }
            if !existing.isEmpty && !force {
                throw CommandFailure("\(directory) already holds \(existing.joined(separator: ", ")): pass --force to replace them, or choose another directory", code: .exists)
            }
        } else {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure("cannot create the directory \(directory): \((error as NSError).localizedDescription)")
            }
        }
        // What a killed run left (NAME.partial-PID of a dead process), whatever the format it wrote, goes first.
        let leftovers = TableFormat.allCases.flatMap { FlatTables.fileNames($0) }
            .flatMap { OutputSink.removeLeftovers(of: directory + "/" + $0) }
        if !leftovers.isEmpty {
            Console.note("removed what an interrupted tables run left: \(leftovers.joined(separator: ", "))")
        }
        var tables = try FlatTables(directory: directory, format: format)
        let provenance: Provenance
        do {
            provenance = try ProjectionEngine(store: store).rebuild(&tables, selection: scope.selection)
        } catch {
            tables.abandon()
            throw error
        }
        let counts = try tables.finish()
        Console.note("tables \(provenance.sentence)")
        let width = counts.map(\.file.count).max() ?? 0
        for (file, rows) in counts {
            Console.note("  " + file.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + counted(rows, "row"))
        }
    }
}

extension TableFormat: ExpressibleByArgument {}
