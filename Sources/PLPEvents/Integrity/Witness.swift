/// What a witness remembers of one log: its origin, the log's key it trusts for it, and the latest tree head it
/// cosigned (C2SP tlog-witness: "the latest checkpoint it observed and verified").
public struct WitnessRecord: Sendable, Equatable {
    /// The log's origin (the checkpoint's first line).
    public var origin: String
    /// The log's public key, the one trusted for this origin.
    public var logKey: NoteVerifierKey
    /// The size and root of the latest checkpoint cosigned.
    public var treeHead: TreeHead

    /// Makes a record.
    public init(origin: String, logKey: NoteVerifierKey, treeHead: TreeHead) {
        self.origin = origin
        self.logKey = logKey
        self.treeHead = treeHead
    }
}

/// The checks of a C2SP tlog-witness before it cosigns: the log's signature, the origin, the old size against the
/// latest size cosigned, the consistency proof, and the root at an unchanged size.
///
/// Origins are learnt on first use: the first checkpoint of an origin that the witness is shown, with the log's key,
/// binds that key to that origin and that origin to that key (a log key signs for one origin: a checkpoint of
/// another origin under a known key is refused, since a second origin could carry a second history).
public enum Witness {
    /// Checks a submitted checkpoint against what the witness knows, and returns the checkpoint and the record to
    /// keep once it is cosigned.
    ///
    /// - Parameters:
    ///   - note: the signed checkpoint as submitted (it may carry other signatures and cosignatures).
    ///   - logKey: the log's public key the submitter names.
    ///   - proof: the consistency proof from the latest size cosigned (its `from` is tlog-witness's old size); nil
    ///     means none, which holds for an origin never seen (old size 0) or an unchanged size.
    ///   - records: what the witness knows, every origin.
    /// - Throws: ``WitnessRefusal`` with the code tlog-witness gives the refusal.
    public static func check(_ note: String, logKey: NoteVerifierKey, proof: ConsistencyProof?,
                             records: [WitnessRecord]) throws(WitnessRefusal) -> (checkpoint: Checkpoint, record: WitnessRecord) {
        let text: String
        let checkpoint: Checkpoint
        do {
            text = try SignedNote.split(note).text
            checkpoint = try Checkpoint(body: text)
        } catch {
            throw WitnessRefusal(.badRequest, "the checkpoint cannot be read: \(error)")
        }
        let origin = checkpoint.origin
        let known = records.first { $0.origin == origin }
        if let known, known.logKey != logKey {
            throw WitnessRefusal(.forbidden, "this witness trusts the key \(known.logKey.text) for \(origin), not the log key given (\(logKey.text))")
        }
        if known == nil, let other = records.first(where: { $0.logKey == logKey }) {
            throw WitnessRefusal(.unknownOrigin, "the log key \(logKey.name)+\(logKey.keyIDHex) is the key of \(other.origin) for this witness, and this checkpoint is of another origin, \(origin): a witness follows one log per key, so that no second history can hide under a second name")
        }
        do {
            _ = try SignedNote.open(note, key: logKey)
        } catch {
            let signedByKey = (try? SignedNote.split(note).signatures.contains { $0.name == logKey.name && $0.keyID == logKey.keyID }) ?? false
            throw WitnessRefusal(.forbidden, signedByKey
                ? "the signature of the log's key \(logKey.name)+\(logKey.keyIDHex) does not match the checkpoint: it was altered after signing"
                : "the checkpoint carries no signature by the log's key \(logKey.name)+\(logKey.keyIDHex), the only key this witness trusts for \(origin)")
        }
        let new = checkpoint.treeHead
        let last = known?.treeHead ?? TreeHead(size: 0, root: MerkleHash.emptyRoot)
        if new.size < last.size {
            throw WitnessRefusal(.conflict, "this witness has already cosigned \(last.size) events of \(origin), and this checkpoint has only \(new.size): a log never shrinks, so the two cannot be one history")
        }
        let oldSize: UInt64
        if let proof {
            guard proof.to == new.size, proof.from <= proof.to else {
                throw WitnessRefusal(.badRequest, "the consistency proof goes from \(proof.from) to \(proof.to) events, but the checkpoint has \(new.size)")
            }
            oldSize = proof.from
        } else if known == nil || new.size == last.size {
            oldSize = last.size
        } else {
            throw WitnessRefusal(.conflict, "this witness last cosigned \(last.size) events of \(origin): give the consistency proof from there (`plp-ledger prove consistency \(last.size) --size \(new.size) --format json`)")
        }
        guard oldSize == last.size else {
            throw WitnessRefusal(.conflict, "the consistency proof starts at \(oldSize) events, but the latest checkpoint of \(origin) this witness cosigned has \(last.size): give the proof from \(last.size) (`plp-ledger prove consistency \(last.size) --size \(new.size) --format json`)")
        }
        let path = proof?.path ?? []
        if oldSize == new.size {
            guard new.root == last.root else {
                throw WitnessRefusal(.conflict, "this witness cosigned \(last.size) events of \(origin) with root \(last.root.hex), and this checkpoint has as many events with another root, \(new.root.hex): the log shows two different histories (a fork)")
            }
            guard path.isEmpty else {
                throw WitnessRefusal(.badProof, "a consistency proof between two trees of the same size is empty, but this one has \(path.count) hashes")
            }
        } else if oldSize == 0 {
            guard path.isEmpty else {
                throw WitnessRefusal(.badRequest, "a consistency proof from the empty tree is empty (tlog-witness), but this one has \(path.count) hashes")
            }
        } else if !MerkleProof.verifyConsistency(from: oldSize, to: new.size, oldRoot: last.root, newRoot: new.root, path: path) {
            throw WitnessRefusal(.badProof, "the consistency proof from \(oldSize) to \(new.size) events does not verify against the root this witness cosigned (\(last.root.hex)): the checkpoint does not extend the history it saw")
        }
        return (checkpoint, WitnessRecord(origin: origin, logKey: logKey, treeHead: new))
    }
}
