import ArgumentParser
import PLPEvents

/// `--witness W.pub` (repeatable) and `--quorum K`: the witnesses whose cosignatures a check requires.
struct WitnessOptions: ParsableArguments {
    @Option(name: .customLong("witness"), help: ArgumentHelp("A witness's public key (from `witness init`); repeat for several.", valueName: "file"))
    var files: [String] = []
    @Option(help: ArgumentHelp("How many of the witnesses given must have cosigned (default: all of them).", valueName: "K"))
    var quorum: Int?

    func validate() throws {
        if files.isEmpty, quorum != nil { throw ValidationError("--quorum counts the witnesses given with --witness: give at least one") }
        if let quorum, quorum < 1 || quorum > files.count {
            throw ValidationError("--quorum must be between 1 and the number of --witness keys given (\(files.count)), not \(quorum)")
        }
    }

    /// The policy, or nil when no witness is given.
    func policy() throws -> WitnessQuorum? {
        guard !files.isEmpty else { return nil }
        let keys = try files.map { try CosignerVerifierKey(text: try TextFiles.read($0, what: "witness key")) }
        return try WitnessQuorum(witnesses: keys, quorum: quorum ?? Set(keys).count)
    }
}
