import ArgumentParser
import PLPEvents

/// `plp-ledger export`: writes the ledger as canonical NDJSON lines.
struct Export: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export events as canonical NDJSON lines (contract section 5).",
        discussion: """
        Each line is the event in RFC 8785 canonical form with its hash; anyone can check it with a few lines of \
        any language. Contact data is written in its sealed form only.
          plp-ledger export -o ledger-2025.ndjson.gz     # gzip, whole or nothing
          plp-ledger export --since-seq 120000 > new.ndjson  # only seq > 120000
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Option(help: ArgumentHelp("Only events with a seq greater than N.", valueName: "N"))
    var sinceSeq: UInt64 = 0

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE (gzip when it ends in .gz) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let store = try global.openStore(for: .reading)
        if let output {
            let leftovers = OutputSink.removeLeftovers(of: output)
            if !leftovers.isEmpty { Console.note("removed what an interrupted run left: \(leftovers.joined(separator: ", "))") }
        }
        let sink = try output.map { try OutputSink.file($0) } ?? OutputSink.standardOutput()
        let line = ProgressLine()
        var written = 0
        do {
            // Lines are written from the stored bytes on both cores; the sink gets them in seq order.
            var shown = 0
            written = try store.exportLines(from: sinceSeq &+ 1, progress: { count in
                if count / 100_000 > shown / 100_000 { line.update("exported \(grouped(count / 100_000 * 100_000)) events") }
                shown = count
            }) { bytes in try sink.write(bytes) }
            try sink.close()
        } catch {
            sink.abandon()
            throw error
        }
        line.finish()
        if let output { Console.note("exported \(counted(written, "event")) to \(output)") }
    }
}
