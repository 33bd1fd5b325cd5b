import ArgumentParser
import PLPEvents

/// `plp-ledger verify-proof`: checks a proof against tree heads, with no ledger.
struct VerifyProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check an inclusion or consistency proof against trusted tree heads; no ledger needed.",
        discussion: """
        The proof is the JSON of `prove … --format json` (a file, or - for standard input). The tree heads are \
        given as --root/--size (and --old-root/--old-size for a consistency proof), or in files (--head, --old-head): \
        the JSON of `digest --format json`, or a signed checkpoint (from `checkpoint` or `publish`), whose signature \
        is checked with --key, the log's public key. A C2SP tlog-proof file (`prove inclusion SEQ --format \
        tlog-proof`) carries its signed checkpoint: give the log's public key with --key, and with --witness W.pub \
        (repeatable) and --quorum K the witnesses that must have cosigned it. Exit 0 when the proof holds, 1 when \
        it does not.
          plp-ledger digest --format json > head.json
          plp-ledger digest --size 1 --format json > old-head.json
          plp-ledger prove inclusion 1 --format json > p.json
          plp-ledger prove consistency 1 --format json > c.json
          plp-ledger verify-proof p.json --head head.json
          plp-ledger verify-proof c.json --old-head old-head.json --head head.json
          plp-ledger keygen --name plp-ledger.example.be -o proof-key
          plp-ledger checkpoint --key proof-key.key > now.checkpoint
          plp-ledger verify-proof p.json --head now.checkpoint --key proof-key.pub
          plp-ledger prove inclusion 3 --format tlog-proof \\
            --key proof-key.key > 3.tlog-proof
          plp-ledger verify-proof 3.tlog-proof --key proof-key.pub
        """)

    @Argument(help: ArgumentHelp("The proof JSON (- for standard input).", valueName: "file")) var proof: String = "-"
    @Option(help: ArgumentHelp("The (newer) tree's root, 64 hex digits.", valueName: "hex")) var root: String?
    @Option(help: ArgumentHelp("The (newer) tree's size.", valueName: "N")) var size: UInt64?
    @Option(help: ArgumentHelp("The (newer) tree head: digest JSON or a signed checkpoint.", valueName: "file")) var head: String?
    @Option(help: ArgumentHelp("The older tree's root (consistency proofs).", valueName: "hex")) var oldRoot: String?
    @Option(help: ArgumentHelp("The older tree's size (consistency proofs).", valueName: "M")) var oldSize: UInt64?
    @Option(help: ArgumentHelp("The older tree head: digest JSON or a signed checkpoint (consistency proofs).", valueName: "file"))
    var oldHead: String?
    @OptionGroup(title: "Signed checkpoints and tlog-proof files") var tlog: TlogProofCheck

    func run() throws {
        let text = try TextFiles.read(proof, what: "proof")
        if text.hasPrefix(TlogProof.header + "\n") {
            guard [root, oldRoot, head, oldHead].allSatisfy({ $0 == nil }), size == nil, oldSize == nil else {
                throw CommandFailure("a tlog-proof carries its own signed checkpoint: give the log's key with --key, not tree heads")
            }
            return try tlog.run(text)
        }
        if tlog.leafHash != nil || !tlog.witnesses.files.isEmpty || tlog.witnesses.quorum != nil {
            throw CommandFailure("--leaf-hash, --witness and --quorum are for tlog-proof files; this proof is JSON")
        }
        let json: JSONValue
        do { json = try JSONValue.parse(Array(text.utf8)) } catch {
            throw CommandFailure("the proof is not valid JSON: \(error)")
        }
        let verifier = try tlog.key.map { try NoteVerifierKey(text: try TextFiles.read($0, what: "public key")) }
        let newHead = try Self.treeHead(root: root, size: size, file: head, which: "tree head", flags: "--root and --size, or --head",
                                        option: "--head", key: verifier)
        if json["seq"] != nil {
            let inclusion = try InclusionProof(json: Array(text.utf8))
            guard inclusion.size == newHead.size else {
                throw CommandFailure("the proof is for a tree of \(counted(inclusion.size, "event", grouping: false)), but the tree head given has \(newHead.size)")
            }
            guard inclusion.verify(against: newHead) else {
                Console.note("FAILED: seq \(inclusion.seq) with leaf hash \(inclusion.leafHash.hex) is not in the tree of \(counted(newHead.size, "event", grouping: false)) with root \(newHead.root.hex).")
                throw ExitCode(1)
            }
            Console.print("ok: seq \(inclusion.seq) (leaf hash \(inclusion.leafHash.hex)) is in the tree of \(counted(newHead.size, "event", grouping: false)) with root \(newHead.root.hex)\n")
        } else if json["from"] != nil {
            let consistency = try ConsistencyProof(json: Array(text.utf8))
            let old = try Self.treeHead(root: oldRoot, size: oldSize, file: oldHead, which: "older tree head",
                                        flags: "--old-root and --old-size, or --old-head", option: "--old-head", key: verifier)
            guard consistency.from == old.size, consistency.to == newHead.size else {
                throw CommandFailure("the proof goes from \(consistency.from) to \(counted(consistency.to, "event", grouping: false)), but the tree heads given have \(old.size) and \(newHead.size)")
            }
            guard consistency.verify(old: old, new: newHead) else {
                Console.note("FAILED: the tree of \(counted(old.size, "event", grouping: false)) with root \(old.root.hex) is not a prefix of the tree of \(counted(newHead.size, "event", grouping: false)) with root \(newHead.root.hex).")
                throw ExitCode(1)
            }
            Console.print("ok: the tree of \(counted(old.size, "event", grouping: false)) (root \(old.root.hex)) is a prefix of the tree of \(counted(newHead.size, "event", grouping: false)) (root \(newHead.root.hex))\n")
        } else {
            throw CommandFailure("the proof has neither \"seq\" (inclusion) nor \"from\" (consistency): give the output of `plp-ledger prove … --format json`")
        }
    }

    /// A tree head from a root and a size, or from a file (digest JSON, or a signed checkpoint checked with `key`).
    static func treeHead(root: String?, size: UInt64?, file: String?, which: String, flags: String, option: String,
                         key: NoteVerifierKey?) throws -> TreeHead {
        if let file {
            guard root == nil, size == nil else { throw ValidationError("give the \(which) either as a file or as root and size, not both") }
            return try TreeHeadFiles.read(file, what: which, option: option, key: key)
        }
        guard let root, let size else { throw ValidationError("the \(which) is needed: give \(flags)") }
        guard let digest = Digest32(hex: root) else { throw ValidationError("the root of the \(which) must be 64 hexadecimal digits") }
        return TreeHead(size: size, root: digest)
    }
}
