import ArgumentParser
import PLPEvents

/// `verify-proof FILE.tlog-proof --key LOG.pub [--leaf-hash HEX] [--witness W.pub … --quorum K]`: the offline check of
/// a C2SP tlog-proof.
struct TlogProofCheck: ParsableArguments {
    @Option(help: ArgumentHelp("The log's public key (from keygen): checks a tlog-proof, or a signed checkpoint given as a head.", valueName: "file")) var key: String?
    @Option(help: ArgumentHelp("The event's hash you hold, 64 hex digits (default: the hash of the proof's extra line).", valueName: "hex"))
    var leafHash: String?
    @OptionGroup var witnesses: WitnessOptions

    /// True when one of these options is given.
    var isGiven: Bool { key != nil || leafHash != nil || !witnesses.files.isEmpty || witnesses.quorum != nil }

    func validate() throws {
        if let leafHash, Digest32(hex: leafHash) == nil { throw ValidationError("--leaf-hash must be 64 hexadecimal digits") }
    }

    func run(_ text: String) throws {
        guard let key else { throw CommandFailure("a tlog-proof is checked with the log's public key: give --key LOG.pub") }
        let logKey = try NoteVerifierKey(text: try TextFiles.read(key, what: "public key"))
        let policy = try witnesses.policy()
        let proof: TlogProof
        do { proof = try TlogProof(text: text) } catch { throw CommandFailure(error.message, code: .verificationFailed) }
        let given = leafHash.flatMap { Digest32(hex: $0) }
        guard let leaf = given ?? proof.extraLeafHash else {
            throw CommandFailure("the tlog-proof carries no entry (no extra line): give the event's hash with --leaf-hash")
        }
        do {
            if let given, let carried = proof.extraLeafHash, given != carried {
                throw CheckpointError("the proof's entry has the leaf hash \(carried.hex), not the \(given.hex) given")
            }
            let checkpoint = try proof.verify(leafHash: leaf, logKey: logKey)
            let cosigners = try policy?.check(proof.checkpoint) ?? []
            let head = checkpoint.treeHead
            let cosigned = policy.map { "; cosigned by \(cosigners.joined(separator: ", ")) (\($0.quorum) of \($0.witnesses.count) needed)" } ?? ""
            Console.print("ok: seq \(proof.index + 1) (leaf hash \(leaf.hex)) is in the tree of \(counted(head.size, "event", grouping: false)) with root \(head.root.hex), signed by \(logKey.name) for \(checkpoint.origin)\(cosigned)\n")
        } catch let error as CheckpointError {
            Console.note("FAILED: \(error.message).")
            throw ExitCode(1)
        }
    }
}
