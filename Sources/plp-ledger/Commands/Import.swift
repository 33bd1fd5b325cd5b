import ArgumentParser
import CFaultGuard
import Foundation
import PLPEvents

/// `plp-ledger import`: imports an NDJSON history, all or nothing.
struct Import: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import NDJSON events from a file (gzip or not) or standard input (-).",
        discussion: """
        An import becomes visible in one transaction: every line is decoded once, checked — JSON, every field, the \
        stream rules against the ledger and the file's earlier lines — and written in batches beyond the ledger's \
        head, which the last transaction moves; nothing becomes visible until the last line is in. If any line is invalid, nothing is written and every error is listed as `line N: field: reason` \
        (up to --max-errors). A full disk, a kill or a power cut also leave the ledger as it was; run the same \
        import again. Other writers wait while an import runs; readers see the ledger before it, then all of it.
        An event whose id and content are already in the ledger is skipped, and a file imported whole before (same \
        bytes) appends nothing, with ids or not: re-importing is harmless.

        With --preserve the file is an export: its id, seq, version and recordedAt are kept, every hash is checked, \
        and seq must continue the ledger: the export's first event is the ledger's next seq, or one the ledger already \
        holds (that overlap is skipped); another start is refused in one sentence. Importing an export into an empty ledger this way gives a byte-identical export.

        A pipe given as the file (`<(zcat f.gz)`, /dev/stdin) is read once, like -. A FIFO is waited for until a \
        program opens it for writing (at most --wait-for-writer seconds). A directory or a device such as /dev/zero \
        is refused.

        Examples:
          plp-ledger import more.ndjson      # a file, gzip or not
          plp-ledger import more.ndjson      # the same file again: appends nothing
          cat more.ndjson | plp-ledger import /dev/stdin  # read once, like -
          plp-ledger --ledger copy.ledger init && plp-ledger export \\
            | plp-ledger --ledger copy.ledger import --preserve -
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("NDJSON file (.gz detected by content), or - for standard input.", valueName: "file"))
    var file: String

    @Flag(help: "Keep the id, seq, version and recordedAt of an export, checking hashes and continuity.")
    var preserve = false

    @Option(help: ArgumentHelp("Lines per batch committed beyond the ledger's head (bounds memory; the import still becomes visible in one transaction).", visibility: .hidden))
    var batchSize = 50_000

    @Option(help: "Report at most this many invalid lines.")
    var maxErrors = 20

    @Option(help: ArgumentHelp("When the file is a FIFO, wait at most this many seconds for a program to open it for writing.", valueName: "seconds"))
    var waitForWriter = 60.0

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
        guard maxErrors > 0 else { throw ValidationError("--max-errors must be at least 1") }
        guard waitForWriter >= 0, waitForWriter <= 86_400 else {
            throw ValidationError("--wait-for-writer must be from 0 to 86400 seconds")
        }
    }

    func run() throws {
        let store = try global.openStore(for: .writing)
        if preserve, let first = ExportContinuity.firstEvent(of: file),
           let refusal = try ExportContinuity.refusal(line: first.line, seq: first.seq, hash: first.hash, store: store) {
            throw CommandFailure("import refused, nothing was written: " + refusal, code: .importRefused)
        }
        var options = ImportOptions(preserve: preserve)
        options.batchSize = batchSize
        options.maximumErrors = maxErrors
        options.writerWait = waitForWriter
        let line = ProgressLine()
        // Until the last commit nothing of the import is visible: an interrupted run says so.
        plp_fault_guard_set_interrupt_message(
            "\ninterrupted: nothing was written (the ledger is as it was before); run the same import again\n")
        defer { plp_fault_guard_set_interrupt_message(nil) }
        do {
            let report = try store.importEvents(from: file, options: options) { progress in
                switch progress.phase {
                case .waitingForWriter:
                    Console.note("waiting for a program to write to \(file) (a FIFO), at most \(Int(waitForWriter.rounded(.up))) s…")
                case .waiting:
                    Console.note("another import is running in this ledger; this one starts when it ends")
                case .rollingBack:
                    Console.note("removing what an interrupted import left (nothing of it was visible)…")
                case .indexing:
                    line.update("indexing \(grouped(progress.lines)) lines")
                case .committing:
                    line.update("committing \(grouped(progress.lines)) lines")
                case .importing:
                    if let total = progress.totalBytes, total > 0 {
                        let percent = Int(Double(progress.bytesRead) / Double(total) * 100)
                        line.update("importing: \(grouped(progress.lines)) lines (\(percent)% of the file)")
                    } else {
                        line.update("importing: \(grouped(progress.lines)) lines")
                    }
                }
            }
            line.finish()
            let rate = line.elapsed > 0 ? " in \(String(format: "%.1f", line.elapsed)) s" : ""
            var parts = ["imported \(counted(report.appended, "event"))\(rate)"]
            if report.skipped > 0 { parts.append("skipped \(grouped(report.skipped)) already in the ledger") }
            if report.resumed > 0 { parts.append(report.resumed == 1 ? "1 line was already imported from this same file" : "\(grouped(report.resumed)) lines were already imported from this same file") }
            Console.note(parts.joined(separator: "; ") + "; the ledger holds \(counted(report.ledgerSize, "event"))")
        } catch let failure as ImportFailure {
            line.finish()
            if preserve, let refusal = try ExportContinuity.refusal(after: failure, store: store) {
                throw CommandFailure("import refused, nothing was written: " + refusal, code: .importRefused)
            }
            if PLPLedger.errorsAsJSON { PLPLedger.fail(code: PlainSentence.code(of: failure), message: failure.description) }
            Console.note(failure.description)
            throw ExitCode(1)
        }
    }
}

