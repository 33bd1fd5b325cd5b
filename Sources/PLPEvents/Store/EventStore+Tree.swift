internal import LMDBKit

extension EventStore {
    /// The current tree head: the number of events and the RFC 6962 root over all of them, from the stored
    /// compact range (no event is read).
    public func treeHead() throws -> TreeHead {
        try environment.read { txn in
            let range = try TreeNodes.loadRange(txn, store: self) ?? CompactRange()
            return TreeHead(size: range.size, root: range.root())
        }
    }

    /// The tree head of the first `size` events (an earlier state of the ledger), from at most 64 stored
    /// subtree hashes.
    ///
    /// - Throws: ``LedgerError`` when `size` is beyond the ledger.
    public func treeHead(size: UInt64) throws -> TreeHead {
        try withSubtrees { source, current in
            try Self.check(size: size, current: current)
            return TreeHead(size: size, root: try MerkleProof.root(size: size, source: source))
        }
    }

    /// The RFC 6962 audit path of the event at `seq` (1-based) in the tree of the first `size` events
    /// (the whole ledger when `size` is nil): O(log n) reads.
    ///
    /// - Throws: ``LedgerError`` when `seq` is 0 or beyond `size`, or `size` is beyond the ledger.
    public func inclusionProof(seq: UInt64, size: UInt64? = nil) throws -> InclusionProof {
        try withSubtrees { source, current in
            let size = size ?? current
            try Self.check(size: size, current: current)
            guard seq >= 1 else { throw LedgerError(.outOfRange, "seq 0 does not exist: the first event is seq 1") }
            guard seq <= size else {
                throw LedgerError(.outOfRange, "seq \(seq) is not in a tree of \(size) events: choose a seq from 1 to \(size)")
            }
            let path = try MerkleProof.inclusionPath(leafIndex: seq - 1, size: size, source: source)
            return InclusionProof(seq: seq, size: size, leafHash: try source.subtreeHash(level: 0, index: seq - 1), path: path)
        }
    }

    /// The RFC 6962 consistency proof from the tree of the first `from` events to the tree of the first `to`
    /// events (the whole ledger when `to` is nil): O(log n) reads.
    ///
    /// - Throws: ``LedgerError`` when `from > to` or `to` is beyond the ledger.
    public func consistencyProof(from: UInt64, to: UInt64? = nil) throws -> ConsistencyProof {
        try withSubtrees { source, current in
            let to = to ?? current
            try Self.check(size: to, current: current)
            guard from <= to else {
                throw LedgerError(.outOfRange, "a consistency proof goes from a smaller tree to a larger one, but \(from) is more than \(to)")
            }
            return ConsistencyProof(from: from, to: to, path: try MerkleProof.consistencyPath(from: from, to: to, source: source))
        }
    }

    /// Runs `body` with the stored subtrees and the tree's size, in one read transaction.
    private func withSubtrees<R>(_ body: (any SubtreeHashSource, UInt64) throws -> R) throws -> R {
        try environment.read { txn in
            let size = try TreeNodes.loadRange(txn, store: self)?.size ?? 0
            return try StoredSubtrees.withSource(txn, store: self) { source in try body(source, size) }
        }
    }

    private static func check(size: UInt64, current: UInt64) throws {
        guard size <= current else {
            throw LedgerError(.outOfRange, "the ledger holds \(current) events, so there is no tree of \(size): choose a size from 0 to \(current)")
        }
    }
}
