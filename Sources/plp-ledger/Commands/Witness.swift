import ArgumentParser
import PLPEvents

/// `plp-ledger witness`: a C2SP tlog-witness on the command line: its key pair (`init`) and its cosigning (`cosign`).
struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Be a witness of a log: cosign its checkpoints when they extend what you saw (C2SP tlog-witness).",
        discussion: """
        A witness keeps, for each log (origin), the latest checkpoint it cosigned, and cosigns a new one only when \
        the log's signature holds and a consistency proof shows that it extends that one: the log's operator then \
        cannot show two auditors two different histories. `checkpoint verify --witness` and `verify-proof --witness` \
        require the cosignatures.
          plp-ledger witness init --name witness.example.be -o witness-a
          plp-ledger keygen --name plp-ledger.example.be -o log-a
          plp-ledger checkpoint --key log-a.key > a.checkpoint
          plp-ledger witness cosign a.checkpoint --state witness-a.state \\
            --key witness-a.key --log-key log-a.pub > a.cosigned
          plp-ledger checkpoint verify a.cosigned --key log-a.pub \\
            --witness witness-a.pub
        """,
        subcommands: [Init.self, Cosign.self])

    /// `witness init --name NAME -o PREFIX`.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Make a witness's Ed25519 key pair (C2SP signed-note key formats, cosignature/v1 type 0x04).",
            discussion: """
            Writes PREFIX.key (the private key, readable by you only: keep it secret) and PREFIX.pub (the public \
            verifier key, NAME+ID+base64(0x04 ‖ key): give it to whoever checks cosignatures). Existing files are \
            never replaced.
              plp-ledger witness init --name witness.example.be -o witness-b
            """)

        @Option(help: ArgumentHelp("The witness's name, written on every cosignature (no spaces, no '+').", valueName: "name")) var name: String
        @Option(name: .shortAndLong, help: ArgumentHelp("Write PREFIX.key and PREFIX.pub.", valueName: "prefix")) var output: String

        func run() throws {
            let key = try CosignerSigningKey(generatingNamed: name)
            try TextFiles.create(output + ".key", key.text + "\n", mode: 0o600, what: "private key")
            try TextFiles.create(output + ".pub", key.verifierKey.text + "\n", mode: 0o644, what: "public key")
            Console.note("wrote \(output).key (private, keep it secret) and \(output).pub (public key \(key.verifierKey.text))")
        }
    }
}
