import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger verify`: recomputes every hash and the tree, of the ledger or of an export on its own.
struct Verify: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute every event's hash from its content, and the tree; exit 0 only if all match.",
        discussion: """
        On the ledger: every stored event's hash is recomputed, the RFC 6962 tree is rebuilt from them and \
        compared with the stored tree (every interior node) and its head (what `digest` prints).
        With --export FILE (gzip or not, - for standard input), no ledger is needed: every line's hash is \
        recomputed from the line, seq must run 1, 2, 3 …, and the tree head of the export is printed — it \
        equals `digest` of the ledger it came from.
        With --tiles DIR --key PREFIX.pub, no ledger is needed either: DIR is a C2SP tlog-tiles log (from `publish`); \
        the checkpoint's signature, every entry against its level-0 hash, every higher tile against the level below \
        and the root against the checkpoint are checked, and the checkpoint's tree head is printed.
        On a mismatch it names the first bad seq (or line, or tile) and exits with status 1. --format json prints \
        the tree head {"size":N,"root":"HEX"}, byte for byte what `digest` prints.
          plp-ledger keygen --name plp-ledger.example.be -o audit-key
          plp-ledger publish audit-log --key audit-key.key
          plp-ledger verify --tiles audit-log --key audit-key.pub
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Option(help: ArgumentHelp("Check this export file on its own instead of the ledger.", valueName: "file")) var export: String?
    @Option(help: ArgumentHelp("Check this tile directory (from publish) on its own instead of the ledger.", valueName: "dir"))
    var tiles: String?
    @Option(help: ArgumentHelp("The log's public key (from keygen), with --tiles.", valueName: "file")) var key: String?
    @Option(help: "table or json.") var format: ResultFormat = .table

    func validate() throws {
        if export != nil && tiles != nil { throw ValidationError("give --export or --tiles, not both") }
        if tiles != nil && key == nil { throw ValidationError("--tiles needs --key PREFIX.pub, the log's public key, to check the checkpoint") }
        if tiles == nil && key != nil { throw ValidationError("--key goes with --tiles DIR: the ledger and an export need no key") }
    }

    func run() throws {
        if let export { return try verifyExport(export) }
        if let tiles, let key { return try verifyTiles(tiles, key: key) }
        let store = try global.openStore(for: .reading)
        let line = ProgressLine()
        let report = try store.verify { seq in line.update("verified \(grouped(seq)) events") }
        line.finish()
        let problem = report.firstProblem.map { (seq: $0.seq, line: Int?.none, reason: $0.reason) }
        try finish(head: report.treeHead, problem: problem, what: "event", rest: ", every hash and tree node recomputed")
    }

    private func verifyExport(_ path: String) throws {
        let line = ProgressLine()
        let result = try ExportVerifier.verify(path: path) { count in line.update("verified \(grouped(count)) lines") }
        line.finish()
        let problem = result.firstProblem.map { (seq: $0.seq, line: Optional($0.line), reason: $0.reason) }
        try finish(head: result.treeHead, problem: problem, what: "line", rest: " of \(path), every hash recomputed")
    }

    private func verifyTiles(_ directory: String, key: String) throws {
        let verifier = try NoteVerifierKey(text: try TextFiles.read(key, what: "public key"))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("there is no tile directory at \(directory)")
        }
        let line = ProgressLine()
        let result = TileVerifier.verify(directory: directory, key: verifier) { count in line.update("verified \(grouped(count)) entries") }
        line.finish()
        if let problem = result.firstProblem {
            if format == .json { Console.print(Self.failureJSON(seq: nil, line: nil, reason: problem) + "\n") }
            Console.note("verify FAILED in \(directory): \(problem).")
            throw ExitCode(1)
        }
        guard let head = result.treeHead else { throw CommandFailure("the tiles of \(directory) could not be checked") }
        if format == .json {
            Console.print(head.json + "\n")
        } else {
            Console.print("ok: \(counted(result.entriesChecked, "entry", plural: "entries")) and \(counted(result.tilesChecked, "tile")) of \(directory) checked, "
                          + "signed by \(verifier.name) for \(result.origin ?? "?"); tree head size \(head.size), root \(head.root.hex)\n")
        }
    }

    /// The JSON of a failed check: the first bad seq and line when known, and the reason.
    static func failureJSON(seq: UInt64?, line: Int?, reason: String) -> String {
        var w = CanonicalJSONWriter()
        w.beginObject()
        if let seq { w.key("firstBadSeq"); w.integer(Int64(seq)) }
        if let line { w.key("line"); w.integer(Int64(line)) }
        w.key("ok"); w.bool(false)
        w.key("reason"); w.string(reason)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private func finish(head: TreeHead, problem: (seq: UInt64?, line: Int?, reason: String)?, what: String, rest: String) throws {
        if format == .json {
            // The tree head when all holds, byte for byte what `digest` prints; the first problem otherwise.
            Console.print((problem.map { Self.failureJSON(seq: $0.seq, line: $0.line, reason: $0.reason) } ?? head.json) + "\n")
        }
        if let problem {
            let place = [problem.line.map { "line \($0)" }, problem.seq.map { "seq \($0)" }].compactMap { $0 }.joined(separator: ", ")
            Console.note("verify FAILED at \(place.isEmpty ? "the start" : place): \(problem.reason)")
            throw ExitCode(1)
        }
        if format == .table {
            Console.print("ok: \(counted(head.size, what))\(rest); tree head size \(head.size), root \(head.root.hex)\n")
        }
    }
}
