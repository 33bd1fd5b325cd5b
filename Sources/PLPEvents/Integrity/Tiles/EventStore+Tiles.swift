internal import LMDBKit

/// The ledger as the source of its published tiles: the leaves are the events' leaf bytes (contract section 5,
/// written straight from the stored bytes, contact sealed), their stated hashes the stored `hash`, and the
/// perfect-subtree hashes those of the stored tree. Only read transactions.
extension EventStore: TileLogSource {
    /// The events of seqs `range.lowerBound + 1 … range.upperBound`, in order, as leaf index, leaf bytes and stored
    /// `hash`, from one read transaction.
    ///
    /// - Throws: ``LedgerError`` when the ledger holds fewer events, or a stored event is unreadable.
    public func forEachLeaf(in range: Range<UInt64>, _ body: (UInt64, [UInt8], Digest32) throws -> Void) throws {
        guard !range.isEmpty else { return }
        var scratch = CanonicalJSONWriter(capacity: 4096)
        var next = range.lowerBound + 1
        try forEachStoredEvent(from: range.lowerBound + 1, through: range.upperBound) { seq, stored in
            guard seq == next else { throw LedgerError.damaged(path, "seq \(next) is missing from its events") }
            scratch.reset()
            let header = try StoredEventTranscoder.write(seq: seq, stored: stored, includingHash: false, into: &scratch)
            try body(seq - 1, scratch.bytes, header.hash)
            next += 1
            return true
        }
        guard next == range.upperBound + 1 else {
            throw LedgerError(.outOfRange, "the ledger holds \(next - 1) events, so there is no tree of \(range.upperBound): choose a size from 0 to \(next - 1)")
        }
    }

    /// Runs `body` with the stored tree (level 0 the events' stored `hash`, higher levels the `tree` database), inside
    /// one read transaction; the source is valid only during the call.
    public func withSubtreeHashes<R>(_ body: (any SubtreeHashSource) throws -> R) throws -> R {
        try environment.read { txn in try StoredSubtrees.withSource(txn, store: self, body) }
    }
}
