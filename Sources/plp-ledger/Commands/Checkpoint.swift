import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger checkpoint`: the tree head signed with Ed25519 (`sign`, the default), and its check (`verify`).
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print the tree head as a signed checkpoint (C2SP tlog-checkpoint, signed note, Ed25519).",
        discussion: """
        The checkpoint is three lines — origin, size, base64 root — a blank line and a signature line. \
        Publish it or hand it to auditors; `checkpoint verify` checks it with the public key, and with \
        --witness W.pub (repeatable) and --quorum K that K of those witnesses cosigned it (see `witness`).
          plp-ledger keygen --name plp-ledger.example.be -o signing
          plp-ledger checkpoint --key signing.key > 2026.checkpoint
          plp-ledger checkpoint verify 2026.checkpoint --key signing.pub
        """,
        subcommands: [Sign.self, Verify.self],
        defaultSubcommand: Sign.self)

    /// `checkpoint [sign] --key FILE`.
    struct Sign: LedgerCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Print the tree head signed with a private key (the default of `checkpoint`).")

        @ParentCommand var parent: PLPLedger
        @OptionGroup(title: "Ledger") var own: GlobalOptions

        @Option(help: ArgumentHelp("The private key file (from keygen).", valueName: "file")) var key: String
        @Option(help: ArgumentHelp("The log's name, the first line (default: plp-ledger/<ledger directory name>).", valueName: "origin"))
        var origin: String?
        @Option(help: ArgumentHelp("Sign the head of the first N events (default: all).", valueName: "N")) var size: UInt64?

        func run() throws {
            let signer = try NoteSigningKey(text: try TextFiles.read(key, what: "private key"))
            let store = try global.openStore(for: .reading)
            let head = try size.map { try store.treeHead(size: $0) } ?? store.treeHead()
            let checkpoint = try Checkpoint(origin: origin ?? CheckpointCommand.defaultOrigin(ledgerPath: global.ledgerPath), treeHead: head)
            Console.print(try checkpoint.signed(with: signer))
        }
    }

    /// The log's default origin: `plp-ledger/<ledger directory name>`.
    static func defaultOrigin(ledgerPath: String) -> String {
        "plp-ledger/" + URL(fileURLWithPath: ledgerPath).standardizedFileURL.lastPathComponent
    }

    /// `checkpoint verify FILE --key PUB [--witness W.pub … --quorum K]`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a signed checkpoint against a public key (and, with --witness, its cosignatures); exit 0 if all hold, 1 if not.")

        @Argument(help: ArgumentHelp("The checkpoint (- for standard input).", valueName: "file")) var file: String
        @Option(help: ArgumentHelp("The public key file (from keygen).", valueName: "file")) var key: String
        @Option(help: "table or json.") var format: ResultFormat = .table
        @OptionGroup var witnesses: WitnessOptions

        func run() throws {
            let verifier = try NoteVerifierKey(text: try TextFiles.read(key, what: "public key"))
            let policy = try witnesses.policy()
            let note = try TextFiles.read(file, what: "checkpoint")
            let checkpoint: Checkpoint
            let cosigners: [String]
            do {
                checkpoint = try Checkpoint.open(note, key: verifier)
                cosigners = try policy?.check(note) ?? []
            } catch let error as CheckpointError {
                Console.note("FAILED: \(error.message).")
                throw ExitCode(1)
            }
            if format == .json {
                Console.print(checkpoint.treeHead.json + "\n")
            } else {
                let cosigned = policy.map { "; cosigned by \(cosigners.joined(separator: ", ")) (\($0.quorum) of \($0.witnesses.count) needed)" } ?? ""
                Console.print("ok: signed by \(verifier.name)\(cosigned); \(checkpoint.origin), size \(checkpoint.treeHead.size), root \(checkpoint.treeHead.root.hex)\n")
            }
        }
    }
}
