internal import LMDBKit

/// What a ledger holds: counts by event type and stream kind, and its size on disk.
public struct LedgerStatistics: Sendable, Equatable {
    /// Number of events (the last seq).
    public var events: UInt64 = 0
    /// Events per type.
    public var eventsByType: [EventType: Int] = [:]
    /// Streams per kind.
    public var streamsByKind: [StreamKind: Int] = [:]
    /// Events voided by an `EventVoided`.
    public var voidedEvents = 0
    /// First and last `occurredAt` (as written) of the ledger's events, by instant.
    public var firstOccurredAt: String?, lastOccurredAt: String?
    /// Last `recordedAt` (µs).
    public var lastRecordedAt: Int64?
    /// Bytes of the data file on disk.
    public var fileBytes: Int = 0
    /// Bytes in use inside it.
    public var usedBytes: Int = 0
    /// The tree head of the events counted (same snapshot): the figures are those of this tree.
    public var treeHead = TreeHead(size: 0, root: MerkleHash.emptyRoot)
}

extension EventStore {
    /// Counts what the ledger holds, in one consistent snapshot.
    public func statistics() throws -> LedgerStatistics {
        var stats = LedgerStatistics()
        var counts = [Int](repeating: 0, count: 256)
        var first: (Int64, UInt64)?
        var last: (Int64, UInt64)?
        try currentStaging()
        try environment.read { txn in
            let head = try LedgerReads(store: self).head(txn)
            try txn.withCursor(events) { cursor in
                var entry = try cursor.first()
                while let (key, value) = entry {
                    let seq = UInt64(bigEndianBytes: key) ?? 0
                    if seq > head { break }
                    let header = try StoredEventHeader(value)
                    counts[Int(header.type.code)] += 1
                    if header.occurredAt < (first?.0 ?? .max) { first = (header.occurredAt, seq) }
                    if header.occurredAt > (last?.0 ?? .min) { last = (header.occurredAt, seq) }
                    stats.events = seq
                    stats.lastRecordedAt = header.recordedAt
                    entry = try cursor.next()
                }
            }
            // While an import moves its facts in, the streams it made are not counted yet.
            let moving = try ImportStaging.movingFacts(txn, store: self)
            try txn.withCursor(streams) { cursor in
                var entry = try cursor.first()
                while let (key, _) = entry {
                    if let moving, let prior = try txn.get(moving, key: [ImportStaging.priorFactsTag] + Array(key)), prior.isEmpty {
                        entry = try cursor.next()
                        continue
                    }
                    if let slash = key.firstIndex(of: UInt8(ascii: "/")),
                       let kind = StreamKind(rawValue: String(decoding: UnsafeRawBufferPointer(rebasing: key[..<slash]), as: UTF8.self)) {
                        stats.streamsByKind[kind, default: 0] += 1
                    }
                    entry = try cursor.next()
                }
            }
            stats.voidedEvents = try voidedCount(txn, through: head)
            let size = stats.events
            stats.treeHead = try StoredSubtrees.withSource(txn, store: self) { source in
                TreeHead(size: size, root: try MerkleProof.root(size: size, source: source))
            }
        }
        for type in EventType.allCases where counts[Int(type.code)] > 0 { stats.eventsByType[type] = counts[Int(type.code)] }
        if let first { stats.firstOccurredAt = try event(at: first.1)?.occurredAt.text }
        if let last { stats.lastOccurredAt = try event(at: last.1)?.occurredAt.text }
        stats.fileBytes = (try? environment.fileBytes()) ?? 0
        stats.usedBytes = (try? environment.usedBytes()) ?? 0
        return stats
    }
}

extension EventStore {
    /// The number of voided events up to `head` (a running import's voids beyond it are left out).
    fileprivate func voidedCount(_ txn: borrowing LMDBReadTransaction, through head: UInt64) throws -> Int {
        if try LedgerReads(store: self).lastSeq(txn) == head { return try txn.count(voided) }
        var count = 0
        try txn.withCursor(voided) { cursor in
            var entry = try cursor.first()
            while let (_, value) = entry {
                if (UInt64(bigEndianBytes: value) ?? .max) <= head { count += 1 }
                entry = try cursor.next()
            }
        }
        return count
    }
}
