import ArgumentParser
import PLPEvents

/// `plp-ledger prove`: RFC 6962 proofs from the stored tree.
struct Prove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Print an RFC 6962 inclusion or consistency proof (contract section 5).",
        discussion: """
        Anyone can check a proof with `plp-ledger verify-proof` or any RFC 6962 verifier, against tree heads \
        they trust (from `digest` or a signed `checkpoint`).
          plp-ledger prove inclusion 42 --format json > p.json      # seq 42 is in it
          plp-ledger prove consistency 1000 --format json > c.json  # 1000 are a prefix
          plp-ledger digest --size 1000 --format json > head-1000.json
          plp-ledger prove consistency --old-head head-1000.json \\
            --format json > c-1000.json
          plp-ledger digest --format json > head.json
          plp-ledger verify-proof c-1000.json --old-head head-1000.json \\
            --head head.json
          plp-ledger keygen --name plp-ledger.example.be -o tlog-key
          plp-ledger prove inclusion 42 --format tlog-proof \\
            --key tlog-key.key > 42.tlog-proof
          plp-ledger verify-proof 42.tlog-proof --key tlog-key.pub
        """,
        subcommands: [Inclusion.self, Consistency.self])

    /// `prove inclusion SEQ [--size N]`.
    struct Inclusion: LedgerCommand {
        static let configuration = CommandConfiguration(
            commandName: "inclusion",
            abstract: "The audit path of event SEQ in the tree of the first N events (default: all).",
            discussion: """
            With --format tlog-proof it writes a C2SP tlog-proof: the event's leaf bytes (as the extra line), its \
            index (SEQ - 1), the audit path and a signed checkpoint, either the one given with --checkpoint (it \
            may carry witnesses' cosignatures; its size is the tree's) or one signed here with --key. \
            `verify-proof FILE --key LOG.pub` checks it with no ledger.
              plp-ledger keygen --name plp-ledger.example.be -o inclusion-key
              plp-ledger checkpoint --key inclusion-key.key > inclusion.checkpoint
              plp-ledger prove inclusion 7 --format tlog-proof \\
                --checkpoint inclusion.checkpoint > 7.tlog-proof
            """)

        @ParentCommand var parent: PLPLedger
        @OptionGroup(title: "Ledger") var own: GlobalOptions

        @Argument(help: ArgumentHelp("The event's seq (1 for the first).", valueName: "seq")) var seq: UInt64
        @Option(help: ArgumentHelp("The tree of the first N events (default: all).", valueName: "N")) var size: UInt64?
        @Option(help: "table, json, or tlog-proof (a C2SP tlog-proof file, with --checkpoint or --key).") var format: InclusionFormat = .table
        @OptionGroup(title: "tlog-proof") var tlog: TlogProofOptions

        func validate() throws {
            guard seq >= 1 else { throw ValidationError("seq 0 does not exist: the first event is seq 1") }
            try tlog.validate(format: format, size: size)
        }

        func run() throws {
            let store = try global.openStore(for: .reading)
            if format == .tlogProof {
                Console.print(try tlog.proof(seq: seq, size: size, store: store, ledgerPath: global.ledgerPath).text)
                return
            }
            let proof = try store.inclusionProof(seq: seq, size: size)
            if format == .json {
                Console.print(proof.json + "\n")
            } else {
                var out = "seq \(proof.seq) in the tree of \(counted(proof.size, "event", grouping: false))\nleafHash \(proof.leafHash.hex)\n"
                for hash in proof.path { out += "path     \(hash.hex)\n" }
                Console.print(out)
            }
        }
    }

    /// `prove consistency (M | --old-head FILE) [--size N]`.
    struct Consistency: LedgerCommand {
        static let configuration = CommandConfiguration(
            commandName: "consistency",
            abstract: "The proof that the tree of the first M events is a prefix of the tree of the first N (default: all).",
            discussion: """
            The older tree is given by its size M, or by the tree head kept from it (--old-head: the JSON of \
            `digest --format json`, or a signed checkpoint); with --old-head the ledger's own tree of that size must \
            have the same root, else the ledger is not the one the head was taken from and no proof is printed. \
            A checkpoint is read through its signature: give --key, the log's public key.
            """)

        @ParentCommand var parent: PLPLedger
        @OptionGroup(title: "Ledger") var own: GlobalOptions

        @Argument(help: ArgumentHelp("The older tree's size.", valueName: "M")) var from: UInt64?
        @Option(help: ArgumentHelp("The older tree head instead of M: digest JSON or a signed checkpoint.", valueName: "file"))
        var oldHead: String?
        @Option(help: ArgumentHelp("The log's public key, to check the checkpoint given as --old-head.", valueName: "file"))
        var key: String?
        @Option(help: ArgumentHelp("The newer tree's size (default: all events).", valueName: "N")) var size: UInt64?
        @Option(help: "table or json.") var format: ResultFormat = .table

        func validate() throws {
            guard (from == nil) != (oldHead == nil) else {
                throw ValidationError("give the older tree either as its size M or as --old-head FILE (one of the two)")
            }
            if key != nil && oldHead == nil { throw ValidationError("--key checks the checkpoint given as --old-head; give --old-head FILE") }
            if let size, let from, from > size {
                throw ValidationError("a consistency proof goes from a smaller tree to a larger one, but \(from) is more than \(size)")
            }
        }

        func run() throws {
            let store = try global.openStore(for: .reading)
            var from = self.from ?? 0
            if let oldHead {
                let verifier = try key.map { try NoteVerifierKey(text: try TextFiles.read($0, what: "public key")) }
                let old = try TreeHeadFiles.read(oldHead, what: "older tree head", option: "--old-head", key: verifier)
                let count = try store.count()
                guard old.size <= count else {
                    throw CommandFailure("--old-head \(oldHead) is a tree of \(counted(old.size, "event", grouping: false)), but the ledger holds \(count): it is not this ledger's, or the ledger lost events")
                }
                let ours = try store.treeHead(size: old.size)
                guard ours.root == old.root else {
                    throw CommandFailure("the ledger's tree of \(counted(old.size, "event", grouping: false)) has root \(ours.root.hex), not the root \(old.root.hex) of \(oldHead): "
                                         + "the ledger is not the one that head was taken from, or its first \(counted(old.size, "event", grouping: false)) were changed")
                }
                from = old.size
            }
            let proof = try store.consistencyProof(from: from, to: size)
            if format == .json {
                Console.print(proof.json + "\n")
            } else {
                var out = "tree of \(counted(proof.from, "event", grouping: false)) → tree of \(counted(proof.to, "event", grouping: false))\n"
                for hash in proof.path { out += "path \(hash.hex)\n" }
                Console.print(out)
            }
        }
    }
}
