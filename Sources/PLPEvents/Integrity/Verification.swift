import Dispatch

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
    /// by completion order, so checking them costs one cursor step each.
    public func verify(progress: ((UInt64) -> Void)? = nil) throws -> VerificationReport {
        try environment.read { txn in
            var walk = VerificationWalk()
            let storedRange = try TreeNodes.loadRange(txn, store: self)
            try txn.withCursor(events) { eventCursor in
                try txn.withCursor(tree) { nodeCursor in
                    var nodes = StoredNodeWalk()
                    // Leaves are hashed in chunks on both cores; the tree and the stored nodes are checked in order.
                    var chunk: [StoredLeaf] = []
                    chunk.reserveCapacity(LeafHashing.chunkSize)
                    var intact = true
                    func checkChunk() throws {
                        let leaves = LeafHashing.hash(chunk)
                        for leaf in leaves where intact {
                            intact = try walk.check(leaf, nodes: &nodes, cursor: &nodeCursor)
                        }
                        chunk.removeAll(keepingCapacity: true)
                    }
                    var entry = try eventCursor.first()
                    while intact, let (key, value) = entry {
                        guard let seq = UInt64(bigEndianBytes: key) else {
                            try checkChunk()
                            walk.fail(walk.report.checked + 1, "a stored key is not a seq")
                            intact = false
                            break
                        }
                        chunk.append(StoredLeaf(seq: seq, bytes: value))
                        if chunk.count == LeafHashing.chunkSize { try checkChunk() }
                        if seq % 262_144 == 0 {
                            progress?(seq)
                            environment.releaseMappedPages()
                        }
                        entry = try eventCursor.next()
                    }
                    if intact { try checkChunk() }
                    if walk.report.isIntact, let extra = try nodes.next(&nodeCursor) {
                        let position = UInt64(bigEndianBytes: extra.key) ?? 0
                        walk.fail(walk.report.checked + 1,
                                  "the stored tree holds node \(position), beyond the \(walk.report.checked) events (a dropped or truncated event)")
                    }
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

/// A stored event waiting to be hashed: its seq and its bytes in the memory map (valid during the read transaction).
struct StoredLeaf {
    let seq: UInt64
    let bytes: UnsafeRawBufferPointer
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

/// Recomputes leaf hashes from stored events on both cores: each event's canonical JSON and SHA-256 do not depend
/// on any other event.
enum LeafHashing {
    /// Events hashed per round.
    static let chunkSize = 8192

    static func hash(_ leaves: [StoredLeaf]) -> [HashedLeaf] {
        let count = leaves.count
        guard count > 0 else { return [] }
        let parts = count >= 1024 ? 2 : 1
        var results = [HashedLeaf?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { output in
            nonisolated(unsafe) let output = output
            nonisolated(unsafe) let leaves = leaves
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var scratch = CanonicalJSONWriter(capacity: 1024)
                let range = part == 0 ? 0..<(count / parts) : (count / parts)..<count
                for index in range {
                    let leaf = leaves[index]
                    do {
                        let hashes = try StoredEventTranscoder.hashes(seq: leaf.seq, stored: leaf.bytes, scratch: &scratch)
                        output[index] = HashedLeaf(seq: leaf.seq, outcome: .success(hashes))
                    } catch {
                        output[index] = HashedLeaf(seq: leaf.seq, outcome: .failure(LeafProblem(reason: "\(error)")))
                    }
                }
            }
        }
        return results.compactMap { $0 }
    }
}
