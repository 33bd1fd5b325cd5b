import ArgumentParser
import Foundation
import PLPEvents

extension WitnessCommand {
    /// `witness cosign CHECKPOINT [--proof FILE] --state DIR --key PREFIX.key --log-key LOG.pub`.
    struct Cosign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cosign",
            abstract: "Cosign a log's checkpoint if it extends the latest one this witness cosigned; print it cosigned.",
            discussion: """
            Checks, as a C2SP tlog-witness does: the log's signature (with --log-key), the origin (a log key signs for \
            one origin), and that the checkpoint extends the latest one cosigned for its origin, by the consistency \
            proof from that size (--proof, the JSON of `prove consistency`; not needed for an origin never seen, or \
            for the same size again). Then it records the new size and root in the state directory (created on \
            first use) and prints the checkpoint with its cosignature/v1 line added. A smaller tree, a fork (same \
            size, another root), a proof from another size or one that does not verify, another origin or a bad \
            signature is refused: one sentence, exit 1, nothing recorded.
              plp-ledger witness init --name witness.example.be -o witness-c
              plp-ledger keygen --name plp-ledger.example.be -o log-c
              plp-ledger checkpoint --key log-c.key --size 10 > c10.checkpoint
              plp-ledger witness cosign c10.checkpoint --state witness-c.state \\
                --key witness-c.key --log-key log-c.pub
              plp-ledger checkpoint --key log-c.key > c.checkpoint
              plp-ledger prove consistency 10 --format json > c10-proof.json
              plp-ledger witness cosign c.checkpoint --proof c10-proof.json \\
                --state witness-c.state --key witness-c.key --log-key log-c.pub
            """)

        @Argument(help: ArgumentHelp("The log's signed checkpoint (- for standard input).", valueName: "checkpoint")) var checkpoint: String
        @Option(help: ArgumentHelp("The consistency proof from the size last cosigned, as `prove consistency M --format json` prints it.", valueName: "file"))
        var proof: String?
        @Option(help: ArgumentHelp("The witness's state directory (created on first use).", valueName: "dir")) var state: String
        @Option(help: ArgumentHelp("The witness's private key (from `witness init`).", valueName: "file")) var key: String
        @Option(help: ArgumentHelp("The log's public key (from `keygen`).", valueName: "file")) var logKey: String

        func validate() throws {
            if checkpoint == "-" && proof == "-" { throw ValidationError("the checkpoint and the proof cannot both come from standard input") }
        }

        func run() throws {
            let witness = try CosignerSigningKey(text: try TextFiles.read(key, what: "witness key"))
            let log = try NoteVerifierKey(text: try TextFiles.read(logKey, what: "log key"))
            let note = try TextFiles.read(checkpoint, what: "checkpoint")
            let consistency: ConsistencyProof?
            if let proof {
                do { consistency = try ConsistencyProof(json: Array(try TextFiles.read(proof, what: "consistency proof").utf8)) } catch let error as ProofFormatError {
                    throw CommandFailure("\(error.message) (give the JSON of `plp-ledger prove consistency M --format json`)", code: .verificationFailed)
                }
            } else {
                consistency = nil
            }
            let directory = try WitnessStateDirectory(path: state)
            let cosigned = try directory.withExclusiveLock { () throws -> String in
                let outcome: (checkpoint: Checkpoint, record: WitnessRecord)
                do {
                    outcome = try Witness.check(note, logKey: log, proof: consistency, records: try directory.records())
                } catch let refusal as WitnessRefusal {
                    throw CommandFailure(refusal.description, code: .verificationFailed)
                }
                // The whole note text is signed, extension lines included (tlog-cosignature).
                let text = try SignedNote.split(note).text
                let line = try witness.cosignatureLine(for: text, timestamp: UInt64(max(0, Date().timeIntervalSince1970)))
                let cosigned = try Self.replacingOwnCosignature(in: note, by: line, of: witness.verifierKey)
                try directory.save(outcome.record, checkpoint: cosigned)
                return cosigned
            }
            Console.print(cosigned)
        }

        /// The note with its lines by this witness (an earlier cosignature) left out and `line` added last.
        static func replacingOwnCosignature(in note: String, by line: String, of witness: CosignerVerifierKey) throws -> String {
            let (text, signatures) = try SignedNote.split(note)
            let kept = signatures.filter { !($0.name == witness.name && $0.keyID == witness.keyID) }
            return text + "\n" + kept.map { $0.text + "\n" }.joined() + line
        }
    }
}
