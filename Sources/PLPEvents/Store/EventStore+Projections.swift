internal import LMDBKit

/// Checkpointed projection states and the reads that time travel needs.
///
/// A projection's state is saved under its name with the `seq` of the last event it covers; it stays valid for that
/// prefix of the append-only log. Only the store touches LMDB: projections hand over and get back plain bytes.
extension EventStore {
    /// Saves `bytes` as the state of projection `name` covering events 1…`throughSeq` (one durable transaction).
    /// A saved state is a cache: on a ledger opened read-only, or while an import runs (saving would wait for its
    /// end), nothing is saved, and the next run folds again.
    public func saveProjectionState(name: String, throughSeq: UInt64, bytes: [UInt8]) throws {
        if isReadOnly || isImportInProgress { return }
        var value = throughSeq.bigEndianBytes
        value += bytes
        try environment.write { txn in
            _ = try txn.put(projections, key: Array(name.utf8), value: value)
        }
    }

    /// The saved state of projection `name` and the last `seq` it covers, or nil when none was saved.
    public func loadProjectionState(name: String) throws -> (throughSeq: UInt64, bytes: [UInt8])? {
        try environment.read { txn in
            guard let value = try txn.get(projections, key: Array(name.utf8)), value.count >= 8,
                  let seq = UInt64(bigEndianBytes: UnsafeRawBufferPointer(rebasing: value[0..<8])) else { return nil }
            return (seq, [UInt8](UnsafeRawBufferPointer(rebasing: value[8...])))
        }
    }

    /// Forgets the saved state of projection `name` (the next run folds from nothing).
    public func dropProjectionState(name: String) throws {
        if isReadOnly || isImportInProgress { return }
        try environment.write { txn in
            _ = try txn.delete(projections, key: Array(name.utf8))
        }
    }

    /// The fixed header of the event at `seq`, if any, without decoding the rest.
    public func storedHeader(at seq: UInt64) throws -> StoredEventHeader? {
        try environment.read { txn in
            try LedgerReads.visible(self, txn).header(txn, at: seq)
        }
    }

    /// The voided events as a selection of the log saw them: voided `seq` → the `seq` of the `EventVoided`, keeping only
    /// voids at or before `last` whose `EventVoided` was recorded at or before `recordedBy` (µs; nil: any time).
    ///
    /// Reads the `voided` index and the headers of the voiding events in one snapshot: the cost follows the number of
    /// voids, not the length of the log.
    public func voidedEvents(through last: UInt64 = .max, recordedBy: Int64? = nil) throws -> [UInt64: UInt64] {
        try environment.read { txn in
            let last = min(last, try LedgerReads(store: self).head(txn))
            var result: [UInt64: UInt64] = [:]
            try txn.withCursor(voided) { cursor in
                var entry = try cursor.first()
                while let (key, value) = entry {
                    if let target = UInt64(bigEndianBytes: key), let by = UInt64(bigEndianBytes: value), by <= last {
                        var standsInSelection = true
                        if let recordedBy {
                            let header = try UInt64(by).withBigEndianBytes { key in
                                try txn.get(events, key: key).map { try StoredEventHeader($0) }
                            }
                            standsInSelection = (header?.recordedAt ?? .max) <= recordedBy
                        }
                        if standsInSelection { result[target] = by }
                    }
                    entry = try cursor.next()
                }
            }
            return result
        }
    }
}
