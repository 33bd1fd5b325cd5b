import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger import`: imports an NDJSON history, all or nothing.
struct Import: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import NDJSON events from a file (gzip or not) or standard input (-).",
        discussion: """
        The whole file is checked first — JSON, every field, the stream rules against the ledger and the file's \
        earlier lines. If any line is invalid, nothing is written and every error is listed as `line N: field: reason`.
        A valid file is then appended in large durable batches. If the import is interrupted (kill, power cut) the \
        ledger holds a prefix of whole events; run the same import again to complete it.
        An event whose id and content are already in the ledger is skipped, so re-importing is harmless.

        With --preserve the file is an export: its id, seq, version and recordedAt are kept, every hash is checked, \
        and seq must continue the ledger. Importing an export into an empty ledger this way gives a byte-identical export.
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("NDJSON file (.gz detected by content), or - for standard input.", valueName: "file"))
    var file: String

    @Flag(help: "Keep the id, seq, version and recordedAt of an export, checking hashes and continuity.")
    var preserve = false

    @Option(help: "Events per write transaction.")
    var batchSize = 50_000

    @Option(help: "Report at most this many invalid lines.")
    var maxErrors = 20

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
        guard maxErrors > 0 else { throw ValidationError("--max-errors must be at least 1") }
    }

    func run() throws {
        let store = try global.openStore(for: .writing)
        var options = ImportOptions(preserve: preserve)
        options.batchSize = batchSize
        options.maximumErrors = maxErrors
        let line = ProgressLine()
        do {
            let report = try store.importEvents(from: file, options: options) { progress in
                if let total = progress.totalLines, total > 0 {
                    let percent = Int(Double(progress.lines) / Double(total) * 100)
                    line.update("writing: \(grouped(progress.lines)) / \(grouped(total)) lines (\(percent)%)")
                } else {
                    line.update("checking: \(grouped(progress.lines)) lines")
                }
            }
            line.finish()
            let rate = line.elapsed > 0 ? " in \(String(format: "%.1f", line.elapsed)) s" : ""
            var parts = ["imported \(grouped(report.appended)) events\(rate)"]
            if report.skipped > 0 { parts.append("skipped \(grouped(report.skipped)) already in the ledger") }
            if report.resumed > 0 { parts.append("\(grouped(report.resumed)) lines were already imported from this same file") }
            Console.note(parts.joined(separator: "; ") + "; the ledger holds \(grouped(report.ledgerSize)) events")
        } catch let failure as ImportFailure {
            line.finish()
            Console.note(failure.description)
            throw ExitCode(1)
        }
    }
}
