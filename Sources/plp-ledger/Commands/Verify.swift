import ArgumentParser
import PLPEvents

/// `plp-ledger verify`: recomputes every hash.
struct Verify: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every event's hash from its stored content, and the tree root; exit 0 only if all match.",
        discussion: "On a mismatch it names the first bad seq and exits with status 1.")

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() throws {
        let store = try global.openStore()
        let line = ProgressLine()
        let report = try store.verify { seq in line.update("verified \(grouped(seq)) events") }
        line.finish()
        if format == .json {
            var w = CanonicalJSONWriter()
            w.beginObject()
            if let problem = report.firstProblem {
                w.key("firstBadSeq"); w.integer(Int64(problem.seq))
                w.key("ok"); w.bool(false)
                w.key("reason"); w.string(problem.reason)
            } else {
                w.key("ok"); w.bool(true)
                w.key("root"); w.string(report.root.hex)
                w.key("size"); w.integer(Int64(report.checked))
            }
            w.endObject()
            Console.print(String(decoding: w.bytes, as: UTF8.self) + "\n")
        }
        if let problem = report.firstProblem {
            Console.note("verify FAILED at seq \(problem.seq): \(problem.reason)")
            throw ExitCode(1)
        }
        if format == .table {
            Console.print("ok: \(grouped(report.checked)) events, every hash recomputed; root \(report.root.hex)\n")
        }
    }
}
