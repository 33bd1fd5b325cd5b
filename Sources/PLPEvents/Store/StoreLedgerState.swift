import Crypto
internal import LMDBKit

/// ``LedgerState`` over an LMDB write transaction: what admission reads and writes when events are appended.
///
/// Stream facts are cached for the transaction and written once at its end, sorted, which keeps a large batch cheap;
/// so are the entries of the `ids` and `stream-events` indexes: an import's random ids and streams would otherwise
/// land each at a random place of a B-tree, they land in key order, neighbour after neighbour, at ``flush()``.
/// Every recorded event's hash is appended to the Merkle tree: the interior nodes it completes are stored at once
/// (LMDB appends), the compact range is saved by ``flush()``. The range is loaded from the transaction, so a
/// transaction that LMDB runs again (map growth) starts again from the committed tree.
struct StoreLedgerState: LedgerState {
    let store: EventStore
    let txn: UnsafeMutablePointer<LMDBWriteTransaction>
    private(set) var nextSeq: UInt64
    private(set) var lastRecordedAt: Int64
    private var factsCache: [StreamName: StreamFacts] = [:]
    private var dirtyStreams: Set<StreamName> = []
    /// `ids` entries not yet written: id → seq.
    private var pendingIDs: [EventID: UInt64] = [:]
    /// `stream-events` entries not yet written: each stream's new seqs, in increasing order.
    private var pendingStreamEvents: [StreamName: [UInt64]] = [:]
    private var writer = BinaryWriter(capacity: 1024)
    /// Member keys used in this transaction.
    private var memberKeys: [String: SymmetricKey] = [:]
    /// Whether the master key was checked against the ledger in this transaction.
    private var masterKeyChecked = false
    /// The right edge of the Merkle tree over events 1 … nextSeq − 1.
    private var tree: CompactRange

    private var reads: LedgerReads { LedgerReads(store: store) }

    init(store: EventStore, txn: UnsafeMutablePointer<LMDBWriteTransaction>) throws {
        self.store = store
        self.txn = txn
        let reads = LedgerReads(store: store)
        let last = try reads.lastSeq(txn.pointee)
        nextSeq = last + 1
        lastRecordedAt = try reads.header(txn.pointee, at: last)?.recordedAt ?? 0
        let range = try TreeNodes.loadRange(txn.pointee, store: store) ?? CompactRange()
        guard range.size == last else {
            throw LedgerError(.damaged, "the Merkle tree covers \(range.size) events but the ledger holds \(last): the ledger is damaged (run `plp-ledger verify`)")
        }
        tree = range
    }

    mutating func facts(of stream: StreamName) throws -> StreamFacts {
        if let cached = factsCache[stream] { return cached }
        let facts = try reads.facts(txn.pointee, of: stream)
        factsCache[stream] = facts
        return facts
    }

    mutating func known(_ id: EventID) throws -> KnownEvent? {
        if let seq = pendingIDs[id] { return try reads.known(txn.pointee, at: seq) }
        return try reads.known(txn.pointee, id)
    }

    mutating func standingTokens(of stream: StreamName, excluding: EventID) throws -> [RuleToken] {
        try writePendingIndexEntries()
        return try reads.standingTokens(txn.pointee, of: stream, excluding: excluding)
    }

    mutating func sealContacts(in payload: EventPayload, stream: StreamName) throws -> EventPayload {
        guard case .clear(let details) = payload.contact else { return payload }
        guard store.sealsContacts else { return payload }
        guard let master = store.masterKey else { throw StoreLedgerState.noMasterKey(store) }
        if !masterKeyChecked {
            try reads.checkBeforeSealing(txn, master)
            masterKeyChecked = true
        }
        let key: SymmetricKey
        if let cached = memberKeys[stream.id] {
            key = cached
        } else if let existing = try reads.memberKey(txn.pointee, member: stream.id, master: master) {
            key = existing
        } else {
            key = SymmetricKey(size: .bits256)
            let wrapped = try ContactSealing.wrap(key, member: stream.id, master: master)
            _ = try txn.pointee.put(store.memberKeys, key: Array(stream.id.utf8), value: wrapped)
        }
        memberKeys[stream.id] = key
        return payload.replacingContact(.sealed(try ContactSealing.seal(details, member: stream.id, key: key)))
    }

    mutating func contactsMatch(stored: Contact?, new: Contact?, member: String) throws -> Bool {
        try reads.contactsMatch(txn.pointee, stored: stored, new: new, member: member)
    }

    /// The error when contact data must be sealed and no master key is at hand.
    static func noMasterKey(_ store: EventStore) -> EventLineError {
        EventLineError(field: "data.contact", "sealing contact data needs the ledger's master key: set PLP_LEDGER_KEY or create \(MasterKey.defaultFile(forLedger: store.path)) (plp-ledger init does)")
    }

    mutating func storedHash(at seq: UInt64) throws -> Digest32? {
        try reads.header(txn.pointee, at: seq)?.hash
    }

    mutating func record(_ event: RecordedEvent, facts: StreamFacts, voids: EventID?) throws {
        writer.reset()
        StoredEventCodec.encode(event, into: &writer)
        try UInt64(event.seq).withBigEndianBytes { seqKey in
            try writer.bytes.withUnsafeBytes { value in
                _ = try txn.pointee.put(store.events, key: seqKey, value: value, flags: .append)
            }
            guard pendingIDs.updateValue(event.seq, forKey: event.id) == nil else {
                throw EventLineError(field: "id", "\(event.id) is already in the ledger")
            }
            pendingStreamEvents[event.stream, default: []].append(event.seq)
            if let voids {
                guard let target = try pendingIDs[voids] ?? reads.seq(txn.pointee, of: voids) else {
                    throw EventLineError(field: "data.ref", "\(voids) is not in the ledger")
                }
                try UInt64(target).withBigEndianBytes { targetKey in
                    _ = try txn.pointee.put(store.voided, key: targetKey, value: seqKey)
                }
            }
        }
        if event.type == .memberErased {
            // Crypto-shredding: the member's key goes in the same transaction as the MemberErased event.
            _ = try txn.pointee.delete(store.memberKeys, key: Array(event.stream.id.utf8))
            memberKeys[event.stream.id] = nil
        }
        let nodeStore = store, nodeTxn = txn
        try tree.append(event.hash) { level, index, hash in
            if level > 0 { try TreeNodes.put(hash, level: level, index: index, store: nodeStore, txn: nodeTxn) }
        }
        factsCache[event.stream] = facts
        dirtyStreams.insert(event.stream)
        nextSeq = event.seq + 1
        lastRecordedAt = max(lastRecordedAt, event.recordedAt)
        // Random inserts into the indexes touch pages all over the map: hand them back as we go (always safe).
        if event.seq % 4_096 == 0 { store.environment.releaseMappedPages() }
    }

    /// Writes the pending `ids` and `stream-events` entries, each index in key order.
    private mutating func writePendingIndexEntries() throws {
        if !pendingIDs.isEmpty {
            let entries = pendingIDs.sorted { ($0.key.high, $0.key.low) < ($1.key.high, $1.key.low) }
            for (id, seq) in entries {
                let fresh = try StoreKeys.withID(id) { idKey in
                    try UInt64(seq).withBigEndianBytes { seqKey in
                        try txn.pointee.put(store.ids, key: idKey, value: seqKey, flags: .noOverwrite)
                    }
                }
                guard fresh else { throw EventLineError(field: "id", "\(id) is already in the ledger") }
            }
            pendingIDs.removeAll(keepingCapacity: true)
        }
        if !pendingStreamEvents.isEmpty {
            // Streams in key order; a stream's seqs grow, so each put appends to its stream's duplicates.
            let streams = pendingStreamEvents.map { (key: StoreKeys.stream($0.key), seqs: $0.value) }
                .sorted { $0.key.lexicographicallyPrecedes($1.key) }
            for (key, seqs) in streams {
                try key.withUnsafeBytes { key in
                    for seq in seqs {
                        try UInt64(seq).withBigEndianBytes { seqKey in
                            _ = try txn.pointee.put(store.streamEvents, key: key, value: seqKey, flags: .appendDup)
                        }
                    }
                }
            }
            pendingStreamEvents.removeAll(keepingCapacity: true)
        }
    }

    /// Writes the cached stream facts, the pending index entries and the tree's compact range (call before the
    /// transaction commits).
    mutating func flush() throws {
        try writePendingIndexEntries()
        try TreeNodes.saveRange(tree, store: store, txn: txn)
        // Sorted by key bytes, LMDB's order: neighbouring puts touch neighbouring pages.
        let entries = dirtyStreams.compactMap { stream in factsCache[stream].map { (StoreKeys.stream(stream), $0) } }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
        for (key, facts) in entries {
            try key.withUnsafeBytes { key in
                try facts.storedBytes.withUnsafeBytes { value in
                    _ = try txn.pointee.put(store.streams, key: key, value: value)
                }
            }
        }
        dirtyStreams.removeAll(keepingCapacity: true)
    }

    /// Writes what is cached (``flush()``) and forgets it, so that a long transaction keeps a bounded memory:
    /// later reads of those streams go to the transaction, which sees its own writes.
    mutating func flushAndForget() throws {
        try flush()
        factsCache.removeAll(keepingCapacity: true)
        memberKeys.removeAll(keepingCapacity: true)
    }
}
