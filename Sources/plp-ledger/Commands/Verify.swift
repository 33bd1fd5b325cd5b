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
        With --head FILE, the verdict also needs the tree head to be the one in FILE: the JSON of `digest --format \
        json`, or a signed checkpoint (give the log's public key with --key, and with --witness W.pub … --quorum K \
        the witnesses that must have cosigned it). Exit 1 when the heads differ: an export whose hashes were \
        recomputed after a change verifies on its own, but not against the head you kept.
          plp-ledger digest --format json > head.json
          plp-ledger export -o ledger.ndjson.gz
          plp-ledger verify --export ledger.ndjson.gz --head head.json
          plp-ledger keygen --name plp-ledger.example.be -o audit-key
          plp-ledger publish audit-log --key audit-key.key
          plp-ledger verify --tiles audit-log --key audit-key.pub
          plp-ledger verify --export ledger.ndjson.gz \\
            --head audit-log/checkpoint --key audit-key.pub
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Option(help: ArgumentHelp("Check this export file on its own instead of the ledger.", valueName: "file")) var export: String?
    @Option(help: ArgumentHelp("Check this tile directory (from publish) on its own instead of the ledger.", valueName: "dir"))
    var tiles: String?
    @Option(help: ArgumentHelp("The tree head the result must have: digest JSON or a signed checkpoint.", valueName: "file"))
    var head: String?
    @Option(help: ArgumentHelp("The log's public key (from keygen), with --tiles or with a checkpoint as --head.", valueName: "file"))
    var key: String?
    @OptionGroup(title: "Witnesses (with a checkpoint as --head)") var witnesses: WitnessOptions
    @Option(help: "table or json.") var format: ResultFormat = .table

    func validate() throws {
        if export != nil && tiles != nil { throw ValidationError("give --export or --tiles, not both") }
        if tiles != nil && key == nil { throw ValidationError("--tiles needs --key PREFIX.pub, the log's public key, to check the checkpoint") }
        if tiles == nil && head == nil && key != nil {
            throw ValidationError("--key goes with --tiles DIR or with a signed checkpoint as --head: the ledger and an export need no key")
        }
        if head == nil && !witnesses.files.isEmpty {
            throw ValidationError("--witness goes with a signed checkpoint as --head: it names the witnesses that must have cosigned it")
        }
    }

    func run() throws {
        // The expected head is read (and its signatures checked) before the long work.
        let expected = try head.map { try ExpectedHead.read($0, key: key, witnesses: witnesses) }
        if let export { return try verifyExport(export, expected: expected) }
        if let tiles, let key { return try verifyTiles(tiles, key: key, expected: expected) }
        let store = try global.openStore(for: .reading)
        let line = ProgressLine()
        let report = try store.verify { seq in line.update("verified \(grouped(seq)) events") }
        line.finish()
        let problem = report.firstProblem.map { (seq: $0.seq, line: Int?.none, reason: $0.reason) }
        try finish(head: report.treeHead, problem: problem, what: "event", rest: ", every hash and tree node recomputed",
                   expected: expected, subject: "the ledger")
    }

    private func verifyExport(_ path: String, expected: ExpectedHead?) throws {
        let line = ProgressLine()
        let result = try ExportVerifier.verify(path: path, waiting: {
            Console.note("waiting for a program to write to \(path) (a FIFO)…")
        }, progress: { count in line.update("verified \(grouped(count)) lines") })
        line.finish()
        let problem = result.firstProblem.map { (seq: $0.seq, line: Optional($0.line), reason: $0.reason) }
        try finish(head: result.treeHead, problem: problem, what: "line", rest: " of \(path), every hash recomputed",
                   expected: expected, subject: "the export \(path)")
    }

    private func verifyTiles(_ directory: String, key: String, expected: ExpectedHead?) throws {
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
        if let expected, let mismatch = expected.mismatch(head, subject: "the tiles of \(directory)") {
            if format == .json { Console.print(Self.failureJSON(seq: nil, line: nil, reason: mismatch) + "\n") }
            Console.note("verify FAILED: \(mismatch).")
            throw ExitCode(1)
        }
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

    private func finish(head: TreeHead, problem: (seq: UInt64?, line: Int?, reason: String)?, what: String, rest: String,
                        expected: ExpectedHead?, subject: String) throws {
        if problem == nil, let expected, let mismatch = expected.mismatch(head, subject: subject) {
            if format == .json { Console.print(Self.failureJSON(seq: nil, line: nil, reason: mismatch) + "\n") }
            Console.note("verify FAILED: \(mismatch).")
            throw ExitCode(1)
        }
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
            let matching = expected.map { "; it is the head in \($0.source)" } ?? ""
            Console.print("ok: \(counted(head.size, what))\(rest); tree head size \(head.size), root \(head.root.hex)\(matching)\n")
        }
    }
}

/// `verify --head FILE`: the tree head a verification must end on, from digest JSON or a signed (and cosigned)
/// checkpoint.
struct ExpectedHead {
    /// The head.
    let treeHead: TreeHead
    /// What it was read from, for sentences ("head.json", "audit-log/checkpoint (signed by …)").
    let source: String

    /// Reads `path`; a checkpoint needs `key`, and `witnesses` when cosignatures are required.
    static func read(_ path: String, key: String?, witnesses: WitnessOptions) throws -> ExpectedHead {
        let text = try TextFiles.read(path, what: "tree head")
        let isJSON = text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{")
        if isJSON {
            if !witnesses.files.isEmpty {
                throw CommandFailure("--head \(path) is the JSON of a tree head, which carries no cosignatures: --witness needs a signed checkpoint")
            }
            return ExpectedHead(treeHead: try TreeHeadFiles.read(path, what: "tree head", option: "--head", key: nil), source: path)
        }
        guard let key else {
            return ExpectedHead(treeHead: try TreeHeadFiles.read(path, what: "tree head", option: "--head", key: nil), source: path)
        }
        let verifier = try NoteVerifierKey(text: try TextFiles.read(key, what: "public key"))
        let treeHead = try TreeHeadFiles.read(path, what: "tree head", option: "--head", key: verifier)
        let policy = try witnesses.policy()
        do {
            let cosigners = try policy?.check(text) ?? []
            let cosigned = cosigners.isEmpty ? "" : ", cosigned by \(cosigners.joined(separator: ", "))"
            return ExpectedHead(treeHead: treeHead, source: "\(path) (signed by \(verifier.name)\(cosigned))")
        } catch let error as CheckpointError {
            throw CommandFailure("--head \(path): \(error.message)")
        }
    }

    /// Why `actual` is not this head (a sentence naming both), or nil when it is.
    func mismatch(_ actual: TreeHead, subject: String) -> String? {
        guard actual != treeHead else { return nil }
        let sizes = actual.size == treeHead.size
            ? "the same size \(actual.size) with another root (\(actual.root.hex), not \(treeHead.root.hex)): it was altered, or is of another log"
            : "size \(actual.size) and root \(actual.root.hex), where \(source) has size \(treeHead.size) and root \(treeHead.root.hex)"
        return "the tree head of \(subject) is not the head in \(source): \(sizes)"
    }
}
