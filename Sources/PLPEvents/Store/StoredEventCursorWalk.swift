internal import LMDBKit

/// The walk of ``StoredEventPipeline`` over the `events` database: one LMDB cursor in a read transaction, the range
/// asked for and the cursor's next move.
struct StoredEventCursorWalk {
    let first: UInt64?
    let last: UInt64
    var started = false

    /// A walk over the entries with a seq from `first` through `last`; a nil `first` starts at the database's very
    /// first entry, whatever its key (what `verify` needs to see a key that is not a seq).
    init(from first: UInt64?, through last: UInt64 = .max) {
        self.first = first.map { max($0, 1) }
        self.last = last
    }

    /// Fills `chunk` with the next entries (at most `chunkSize`), setting its `end` when the walk stops in it;
    /// `onWalk` is called for every seq walked that is a multiple of 262,144 (progress, and the hand-back of mapped
    /// pages).
    mutating func fill<Output>(_ chunk: StoredEventChunk<Output>, from cursor: inout LMDBCursor, chunkSize: Int,
                               onWalk: (UInt64) -> Void) {
        // The arrays are taken out of the chunk while it is filled: one access check per chunk, not per event.
        var seqs: [UInt64] = [], values: [UnsafeRawBufferPointer] = []
        swap(&seqs, &chunk.seqs)
        swap(&values, &chunk.values)
        seqs.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        chunk.end = nil
        defer {
            swap(&seqs, &chunk.seqs)
            swap(&values, &chunk.values)
        }
        do {
            while seqs.count < chunkSize {
                let entry: LMDBEntry?
                if started {
                    entry = try cursor.next()
                } else {
                    started = true
                    if let first {
                        entry = try first.withBigEndianBytes { (key) throws(LMDBError) in try cursor.seek(atLeast: key) }
                    } else {
                        entry = try cursor.first()
                    }
                }
                guard let (key, value) = entry else { chunk.end = .finished; return }
                guard let seq = UInt64(bigEndianBytes: key) else { chunk.end = .notASeq; return }
                if seq > last { chunk.end = .finished; return }
                seqs.append(seq)
                values.append(value)
                if seq % 262_144 == 0 { onWalk(seq) }
            }
        } catch {
            chunk.end = .failed(error)
        }
    }
}

extension EventStore {
    /// Runs ``StoredEventPipeline`` over the stored events from seq `first` through `last` in one read transaction,
    /// handing the pages it walked back to the kernel every 262,144 events.
    func runStoredEventPipeline<Output, Scratch>(
        from first: UInt64, through last: UInt64, chunkSize: Int, chunks: Int,
        makeOutput: () -> Output,
        makeScratch: @escaping @Sendable () -> Scratch,
        process: @escaping (StoredEventChunk<Output>, inout Scratch) -> Void,
        fold: (StoredEventChunk<Output>) throws -> Bool
    ) throws {
        try environment.read { txn in
            // Readers stop at the head: an import's batches beyond it are not part of the ledger yet.
            let last = min(last, try LedgerReads(store: self).head(txn))
            try txn.withCursor(events) { cursor in
                var walk = StoredEventCursorWalk(from: first, through: last)
                try StoredEventPipeline.run(
                    walk: { chunk, size in
                        walk.fill(chunk, from: &cursor, chunkSize: size, onWalk: { _ in environment.releaseMappedPages() })
                    },
                    chunkSize: chunkSize, chunks: chunks,
                    makeOutput: makeOutput, makeScratch: makeScratch, process: process, fold: fold)
            }
        }
    }
}
