import ArgumentParser
import PLPEvents

/// `plp-ledger verify`: recomputes every hash and the tree, of the ledger or of an export on its own.
struct Verify: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute every event's hash from its content, and the tree; exit 0 only if all match.",
        discussion: """
        On the ledger: every stored event's hash is recomputed, the RFC 6962 tree is rebuilt from them and \
        compared with the stored tree (every interior node) and its head (what `digest` prints).
        With --export FILE (gzip or not, - for standard input), no ledger is needed: every line's hash is \
        recomputed from the line, seq must run 1, 2, 3 …, and the tree head of the export is printed — it \
        equals `digest` of the ledger it came from.
        On a mismatch it names the first bad seq (or line) and exits with status 1.
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Option(help: ArgumentHelp("Check this export file on its own instead of the ledger.", valueName: "file")) var export: String?
    @Option(help: "table or json.") var format: ResultFormat = .table

    func run() throws {
        if let export { return try verifyExport(export) }
        let store = try global.openStore(for: .reading)
        let line = ProgressLine()
        let report = try store.verify { seq in line.update("verified \(grouped(seq)) events") }
        line.finish()
        let problem = report.firstProblem.map { (seq: $0.seq, line: Int?.none, reason: $0.reason) }
        try finish(head: report.treeHead, problem: problem, what: "events, every hash and tree node recomputed")
    }

    private func verifyExport(_ path: String) throws {
        let line = ProgressLine()
        let result = try ExportVerifier.verify(path: path) { count in line.update("verified \(grouped(count)) lines") }
        line.finish()
        let problem = result.firstProblem.map { (seq: $0.seq, line: Optional($0.line), reason: $0.reason) }
        try finish(head: result.treeHead, problem: problem, what: "lines of \(path), every hash recomputed")
    }

    private func finish(head: TreeHead, problem: (seq: UInt64?, line: Int?, reason: String)?, what: String) throws {
        if format == .json {
            var w = CanonicalJSONWriter()
            w.beginObject()
            if let problem {
                if let seq = problem.seq { w.key("firstBadSeq"); w.integer(Int64(seq)) }
                if let number = problem.line { w.key("line"); w.integer(Int64(number)) }
                w.key("ok"); w.bool(false)
                w.key("reason"); w.string(problem.reason)
            } else {
                w.key("ok"); w.bool(true)
                w.key("root"); w.string(head.root.hex)
                w.key("size"); w.integer(Int64(head.size))
            }
            w.endObject()
            Console.print(String(decoding: w.bytes, as: UTF8.self) + "\n")
        }
        if let problem {
            let place = [problem.line.map { "line \($0)" }, problem.seq.map { "seq \($0)" }].compactMap { $0 }.joined(separator: ", ")
            Console.note("verify FAILED at \(place.isEmpty ? "the start" : place): \(problem.reason)")
            throw ExitCode(1)
        }
        if format == .table {
            Console.print("ok: \(grouped(head.size)) \(what); tree head size \(head.size), root \(head.root.hex)\n")
        }
    }
}
