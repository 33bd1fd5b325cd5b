internal import CMemoryHints
internal import LMDBKit

/// The outcome of `verify`: every stored event's hash recomputed from its content, the tree recomputed from
/// the hashes and compared with the stored tree.
public struct VerificationReport: Sendable, Equatable {
    /// Events checked.
    public var checked: UInt64 = 0
    /// The first seq found wrong, with what is wrong; nil when all is well.
    public var firstProblem: (seq: UInt64, reason: String)?
    /// The RFC 6962 root over the leaves checked.
    public var root: Digest32 = MerkleHash.emptyRoot
    /// Interior tree nodes compared with the stored ones.
    public var nodesChecked: UInt64 = 0

    /// True when nothing is wrong.
    public var isIntact: Bool { firstProblem == nil }

    /// The tree head recomputed from the events checked.
    public var treeHead: TreeHead { TreeHead(size: checked, root: root) }

    public static func == (lhs: VerificationReport, rhs: VerificationReport) -> Bool {
        lhs.checked == rhs.checked && lhs.firstProblem?.seq == rhs.firstProblem?.seq
            && lhs.firstProblem?.reason == rhs.firstProblem?.reason && lhs.root == rhs.root
            && lhs.nodesChecked == rhs.nodesChecked
    }
}

extension EventStore {
    /// Recomputes every event's hash from its stored content, checks that `seq` runs 1, 2, 3 … without a gap,
    /// recomputes the RFC 6962 tree from those hashes and compares every stored interior node and the stored
    /// compact range (the tree head `digest` prints) with it; stops at the first problem.
    ///
    /// One read transaction (a consistent snapshot), two cursors walking in step: the stored nodes are keyed
    /// by completion order, so checking them costs one cursor step each. The leaves (canonical JSON and SHA-256
    /// of each event) are hashed on both cores by ``StoredEventPipeline``; the tree and the stored nodes are
    /// checked in seq order on the calling thread, so the report is exactly that of ``verifySequentially(progress:)``.
    public func verify(progress: ((UInt64) -> Void)? = nil) throws -> VerificationReport {
        try verify(progress: progress, chunkSize: StoredEventPipeline.defaultChunkSize, chunks: StoredEventPipeline.defaultChunks)
    }

    /// `verify` with the pipeline's shape given (tests try small chunks).
    func verify(progress: ((UInt64) -> Void)? = nil, chunkSize: Int, chunks: Int) throws -> VerificationReport {
        try environment.read { txn in
            var walk = VerificationWalk()
            let storedRange = try TreeNodes.loadRange(txn, store: self)
            // An import's batches beyond the head are not part of the ledger yet: verified once they are.
            let reads = LedgerReads(store: self)
            let head = try reads.head(txn), hasTail = try reads.lastSeq(txn) > head
            try txn.withCursor(events) { eventCursor in
                try txn.withCursor(tree) { nodeCursor in
                    var nodes = StoredNodeWalk()
                    var eventWalk = StoredEventCursorWalk(from: nil, through: hasTail ? head : .max)
                    try StoredEventPipeline.run(
                        walk: { chunk, size in
                            eventWalk.fill(chunk, from: &eventCursor, chunkSize: size, onWalk: { seq in
                                progress?(seq)
                                environment.releaseMappedPages()
                            })
                        },
                        chunkSize: chunkSize, chunks: chunks,
                        makeOutput: { LeafHashes() },
                        makeScratch: { CanonicalEventLine.lineBuffer() },
                        process: { chunk, buffer in chunk.output.hash(chunk, buffer: buffer) },
                        fold: { chunk in
                            let hashes = chunk.output, seqs = chunk.seqs
                            for index in 0..<seqs.count {
                                let seq = seqs[index]
                                let outcome: Result<(stored: Digest32, recomputed: Digest32), LeafProblem>
                                if let failure = hashes.failure, failure.index == index {
                                    outcome = .failure(LeafProblem(reason: failure.reason))
                                } else {
                                    outcome = .success((hashes.stored[index], hashes.recomputed[index]))
                                }
                                guard try walk.check(HashedLeaf(seq: seq, outcome: outcome), nodes: &nodes, cursor: &nodeCursor) else {
                                    return false
                                }
                            }
                            return try walk.checkEnd(chunk.end)
                        })
                    if !hasTail { try walk.checkNoNodeBeyond(&nodes, cursor: &nodeCursor) }
                }
            }
            walk.finish(against: storedRange)
            return walk.report
        }
    }

    /// `verify` on one core, one event at a time: the reference the two-core path is tested against.
    func verifySequentially(progress: ((UInt64) -> Void)? = nil) throws -> VerificationReport {
        try environment.read { txn in
            var walk = VerificationWalk()
            let storedRange = try TreeNodes.loadRange(txn, store: self)
            let reads = LedgerReads(store: self)
            let head = try reads.head(txn), hasTail = try reads.lastSeq(txn) > head
            try txn.withCursor(events) { eventCursor in
                try txn.withCursor(tree) { nodeCursor in
                    var nodes = StoredNodeWalk()
                    let buffer = CanonicalEventLine.lineBuffer()
                    var entry = try eventCursor.first()
                    while let (key, value) = entry {
                        guard let seq = UInt64(bigEndianBytes: key) else {
                            _ = try walk.checkEnd(.notASeq)
                            break
                        }
                        if hasTail, seq > head { break }
                        let outcome: Result<(stored: Digest32, recomputed: Digest32), LeafProblem>
                        do {
                            outcome = .success(try StoredEventTranscoder.hashes(seq: seq, stored: value, buffer: buffer))
                        } catch {
                            outcome = .failure(LeafProblem(reason: "\(error)"))
                        }
                        guard try walk.check(HashedLeaf(seq: seq, outcome: outcome), nodes: &nodes, cursor: &nodeCursor) else { break }
                        if seq % 262_144 == 0 {
                            progress?(seq)
                            environment.releaseMappedPages()
                        }
                        entry = try eventCursor.next()
                    }
                    if !hasTail { try walk.checkNoNodeBeyond(&nodes, cursor: &nodeCursor) }
                }
            }
            walk.finish(against: storedRange)
            return walk.report
        }
    }
}

/// The state of one `verify` pass (internal): the expected seq, the recomputed tree, the first problem.
struct VerificationWalk {
    var report = VerificationReport()
    var tree = CompactRange()

    mutating func fail(_ seq: UInt64, _ reason: String) {
        if report.firstProblem == nil { report.firstProblem = (seq, reason) }
    }

    /// Checks one stored event and the tree nodes its hash completes; false after a problem.
    mutating func check(_ leaf: HashedLeaf, nodes: inout StoredNodeWalk, cursor: inout LMDBCursor) throws -> Bool {
        let seq = leaf.seq
        let expected = report.checked + 1
        guard seq == expected else {
            fail(expected, seq > expected ? "missing: the next stored event is seq \(seq)" : "out of order")
            return false
        }
        let stored: Digest32, recomputed: Digest32
        switch leaf.outcome {
        case .failure(let problem):
            fail(seq, problem.reason)
            return false
        case .success(let hashes):
            (stored, recomputed) = hashes
        }
        guard recomputed == stored else {
            fail(seq, "its content does not match its hash (stored \(stored.hex), recomputed \(recomputed.hex))")
            return false
        }
        var mismatch: (level: Int, index: UInt64, reason: String)?
        try tree.append(recomputed) { level, index, hash in
            guard level > 0, mismatch == nil else { return }
            if let reason = try nodes.expect(hash, level: level, index: index, cursor: &cursor) { mismatch = (level, index, reason) }
        }
        report.nodesChecked = TreeNodes.interiorCount(size: seq)
        if let mismatch {
            let first = (mismatch.index << UInt64(mismatch.level)) + 1
            fail(first, "the stored tree node over seq \(first) to \(seq) \(mismatch.reason): one of those events was altered after it was written, or the tree was")
            return false
        }
        report.checked = seq
        return true
    }

    /// Handles the end of the walk over the events: true when the events simply ran out.
    mutating func checkEnd(_ end: StoredEventWalkEnd?) throws -> Bool {
        switch end {
        case nil, .finished?: return true
        case .notASeq?:
            fail(report.checked + 1, "a stored key is not a seq")
            return false
        case .failed(let error)?: throw error
        }
    }

    /// After the last event: a stored node beyond the events checked means events were dropped at the end.
    mutating func checkNoNodeBeyond(_ nodes: inout StoredNodeWalk, cursor: inout LMDBCursor) throws {
        guard report.isIntact, let extra = try nodes.next(&cursor) else { return }
        let position = UInt64(bigEndianBytes: extra.key) ?? 0
        fail(report.checked + 1,
             "the stored tree holds node \(position), beyond the \(report.checked) events (a dropped or truncated event)")
    }

    /// Computes the root and compares the recomputed right edge with the stored compact range.
    mutating func finish(against stored: CompactRange?) {
        report.root = tree.root()
        guard report.isIntact else { return }
        guard let stored else {
            if report.checked > 0 { fail(1, "the ledger has no stored tree head") }
            return
        }
        if stored.size != tree.size {
            fail(min(stored.size, tree.size) + 1,
                 "the stored tree head covers \(stored.size) events but the ledger holds \(tree.size)")
        } else if stored.peaks != tree.peaks {
            fail(1, "the stored tree head (root \(stored.root().hex)) differs from the one recomputed from the events (root \(tree.root().hex))")
        }
    }
}

/// Walks the stored interior nodes in completion order, in step with the recomputed tree (internal).
struct StoredNodeWalk {
    var started = false

    /// The next stored node (the first one on the first call).
    mutating func next(_ cursor: inout LMDBCursor) throws -> LMDBEntry? {
        defer { started = true }
        return started ? try cursor.next() : try cursor.first()
    }

    /// Moves to the next stored node and compares it with the recomputed `hash`; the problem, or nil if equal.
    mutating func expect(_ hash: Digest32, level: Int, index: UInt64, cursor: inout LMDBCursor) throws -> String? {
        guard let (key, value) = try next(&cursor) else { return "is missing" }
        guard let expected = TreeNodes.position(level: level, index: index),
              UInt64(bigEndianBytes: key) == expected else { return "is missing or out of place" }
        guard let stored = Digest32(validating: value) else { return "is not 32 bytes" }
        return stored == hash ? nil : "differs from the one recomputed from the events"
    }
}

/// A stored event's stored and recomputed hashes, or why it cannot be read.
struct HashedLeaf {
    let seq: UInt64
    let outcome: Result<(stored: Digest32, recomputed: Digest32), LeafProblem>
}

/// Why a stored event could not be hashed.
struct LeafProblem: Error {
    let reason: String
}

/// The leaf hashes of one chunk of stored events (``StoredEventPipeline``): the stored and the recomputed hash of
/// each event up to the first one that cannot be read.
struct LeafHashes {
    var stored: [Digest32] = []
    var recomputed: [Digest32] = []
    /// The first event of the chunk that cannot be read (its index in the chunk), and why; nothing after it is hashed.
    var failure: (index: Int, reason: String)?

    /// Recomputes the hashes of `chunk`'s events from their stored bytes.
    mutating func hash(_ chunk: StoredEventChunk<LeafHashes>, buffer: FixedJSONBuffer) {
        stored.removeAll(keepingCapacity: true)
        recomputed.removeAll(keepingCapacity: true)
        failure = nil
        let seqs = chunk.seqs, values = chunk.values   // read once: each read of a class property is an access check
        for index in 0..<seqs.count {
            if index + 4 < values.count { plp_prefetch_record(values[index + 4].baseAddress) }
            do {
                let hashes = try StoredEventTranscoder.hashes(seq: seqs[index], stored: values[index], buffer: buffer)
                stored.append(hashes.stored)
                recomputed.append(hashes.recomputed)
            } catch {
                failure = (index, "\(error)")
                return
            }
        }
    }
}
