import ArgumentParser
import PLPEvents

/// The output formats of `prove inclusion`.
enum InclusionFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
    case tlogProof = "tlog-proof"
}

/// Where the checkpoint of a tlog-proof comes from: a signed (perhaps cosigned) checkpoint file, or a key to sign one.
struct TlogProofOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The signed checkpoint to put in the tlog-proof (its size is the tree's).", valueName: "file"))
    var checkpoint: String?
    @Option(help: ArgumentHelp("Or the private key (from keygen) to sign the checkpoint with.", valueName: "file")) var key: String?
    @Option(help: ArgumentHelp("The origin of the checkpoint signed with --key (default: plp-ledger/<ledger directory name>).", valueName: "origin"))
    var origin: String?

    func validate(format: InclusionFormat, size: UInt64?) throws {
        guard format == .tlogProof else {
            if checkpoint != nil || key != nil || origin != nil {
                throw ValidationError("--checkpoint, --key and --origin are for --format tlog-proof")
            }
            return
        }
        switch (checkpoint, key) {
        case (nil, nil): throw ValidationError("a tlog-proof carries a signed checkpoint: give --checkpoint FILE or --key PREFIX.key")
        case (.some, .some): throw ValidationError("give either --checkpoint or --key, not both")
        case (.some, nil):
            if origin != nil { throw ValidationError("--origin is for a checkpoint signed with --key; the checkpoint given has its own") }
            if size != nil { throw ValidationError("the tree of a tlog-proof with --checkpoint is the checkpoint's: leave out --size") }
        case (nil, .some): break
        }
    }

    /// The tlog-proof of `seq`: the leaf bytes, the index, the path, and the checkpoint.
    func proof(seq: UInt64, size: UInt64?, store: EventStore, ledgerPath: String) throws -> TlogProof {
        let note: String
        let treeSize: UInt64
        if let checkpoint {
            note = try TextFiles.read(checkpoint, what: "checkpoint")
            let body = try Checkpoint(body: try SignedNote.split(note).text)
            treeSize = body.treeHead.size
            guard treeSize <= (try store.count()) else {
                throw CommandFailure("the checkpoint is of a tree of \(counted(treeSize, "event", grouping: false)), but this ledger holds \(try store.count()): it is another log's")
            }
            guard try store.treeHead(size: treeSize).root == body.treeHead.root else {
                throw CommandFailure("the checkpoint's root is not this ledger's root at \(counted(treeSize, "event", grouping: false)): it is another log's checkpoint, or this ledger is not the one it signed")
            }
        } else if let key {
            let signer = try NoteSigningKey(text: try TextFiles.read(key, what: "private key"))
            let head = try size.map { try store.treeHead(size: $0) } ?? store.treeHead()
            treeSize = head.size
            note = try Checkpoint(origin: origin ?? CheckpointCommand.defaultOrigin(ledgerPath: ledgerPath), treeHead: head).signed(with: signer)
        } else {
            throw CommandFailure("a tlog-proof carries a signed checkpoint: give --checkpoint FILE or --key PREFIX.key")
        }
        let inclusion = try store.inclusionProof(seq: seq, size: treeSize)
        guard let event = try store.event(at: seq) else { throw CommandFailure("there is no event at seq \(seq)", code: .outOfRange) }
        var w = CanonicalJSONWriter()
        CanonicalEventLine.write(event, includingHash: false, into: &w)
        guard MerkleHash.leaf(w.bytes) == inclusion.leafHash else {
            throw CommandFailure("the stored event at seq \(seq) does not match its hash: run `plp-ledger verify`", code: .damaged)
        }
        return TlogProof(extra: w.bytes, index: seq - 1, path: inclusion.path, checkpoint: note)
    }
}
