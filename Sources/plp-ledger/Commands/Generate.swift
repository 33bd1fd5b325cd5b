import ArgumentParser
import PLPEvents
import PLPSynthetic

/// `plp-ledger generate`: writes a realistic synthetic national history, ready to import.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic synthetic national history of the PLP network as NDJSON, ready to import.",
        discussion: """
        Nobody outside the SPF holds the real PLP data, so this makes a history that looks like Belgium: PLPs in \
        real communes with the real regional split (end 2023: Flanders 1,060, Wallonia 311, Brussels 15; about 11% \
        PLP-I / BIN-Z), their whole life from proposal to approval and beyond, members joining and leaving, reports \
        and alerts (evening and night heavy), crime facts in proportion to each commune's population with a winter \
        peak, the national programme, corrections, and the 2019 and 2025 commune mergers.

        The same seed and options give the same bytes. PLPs and members that exist on 1 January of --from are \
        founded in the history too, dated in the eight years before; all other activity is from --from to --to. \
        --scale 1 is the national network over the period (about 1.4 million events a year); it streams in \
        bounded memory, so 10 million events and more are fine.

        Examples:
          plp-ledger generate --scale 0.01 --from 2024 --to 2025 -o small.ndjson
          plp-ledger generate --seed 42 -o national-2019-2025.ndjson.gz
          plp-ledger init --ledger small.ledger
          plp-ledger generate --scale 0.01 --from 2025 \\
            | plp-ledger import - --ledger small.ledger
        """)

    @Option(help: "The seed: the same seed gives the same history, byte for byte.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The first year of activity.", valueName: "year"))
    var from = 2019

    @Option(help: ArgumentHelp("The last year, included.", valueName: "year"))
    var to = 2025

    @Option(help: ArgumentHelp("The network's size at the end of 2023 (default: 1,386 × scale).", valueName: "n"))
    var plps: Int?

    @Option(help: ArgumentHelp("The volume: 1 is the national network and crime figures, 0.1 a tenth.", valueName: "f"))
    var scale = 1.0

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE (gzip when it ends in .gz) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if let problem = historyConfiguration.problem { throw ValidationError(problem.prefix(1).uppercased() + problem.dropFirst() + ".") }
        // The ledger refuses events from the future (contract section 1, occurredAt): a history ends with a year that is over.
        let thisYear = Brussels.date(ofInstant: RecordedAt.now()).year
        if to >= thisYear {
            throw ValidationError("--to \(to) would write events after today, which the ledger refuses: the last year must be over (at most \(thisYear - 1)).")
        }
    }

    private var historyConfiguration: HistoryConfiguration {
        HistoryConfiguration(seed: seed, fromYear: from, toYear: to, plps: plps, scale: scale)
    }

    func run() throws {
        if let output {
            let leftovers = OutputSink.removeLeftovers(of: output)
            if !leftovers.isEmpty { Console.note("removed what an interrupted run left: \(leftovers.joined(separator: ", "))") }
        }
        let sink = try output.map { try OutputSink.file($0) } ?? OutputSink.standardOutput()
        let line = ProgressLine()
        let summary = try HistoryWriter.write(historyConfiguration, to: sink) { progress in
            line.update("generating: \(grouped(progress.events)) events, \(Int(progress.fraction * 100))% of the period")
        }
        line.finish()
        let rate = line.elapsed > 0 ? String(format: " in %.1f s (%@ events/s)", line.elapsed, grouped(Int(Double(summary.events) / line.elapsed))) : ""
        let place = output.map { " to \($0)" } ?? ""
        Console.note("generated \(counted(summary.events, "event")) (\(counted(summary.members, "member")))\(place)\(rate)")
    }
}
