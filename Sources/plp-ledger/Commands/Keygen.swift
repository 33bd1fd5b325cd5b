import ArgumentParser
import PLPEvents

/// `plp-ledger keygen`: an Ed25519 key pair for signed checkpoints.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing checkpoints (C2SP signed-note key formats).",
        discussion: """
        Writes PREFIX.key (the private key, readable by you only: keep it secret) and PREFIX.pub (the public \
        verifier key: give it to auditors). Existing files are never replaced.
          plp-ledger keygen --name plp-ledger.example.be -o checkpoint-key
        """)

    @Option(help: ArgumentHelp("The key's name, written on every signature (no spaces, no '+').", valueName: "name")) var name: String
    @Option(name: .shortAndLong, help: ArgumentHelp("Write PREFIX.key and PREFIX.pub.", valueName: "prefix")) var output: String

    func run() throws {
        let key = try NoteSigningKey(generatingNamed: name)
        try TextFiles.create(output + ".key", key.text + "\n", mode: 0o600, what: "private key")
        try TextFiles.create(output + ".pub", key.verifierKey.text + "\n", mode: 0o644, what: "public key")
        Console.note("wrote \(output).key (private, keep it secret) and \(output).pub (public key \(key.verifierKey.text))")
    }
}
