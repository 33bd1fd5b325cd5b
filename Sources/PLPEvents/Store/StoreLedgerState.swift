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
///
/// The transaction is a parameter of each call that reads or writes; the state holds only what it caches.
///
/// Two modes. An append (``init(store:txn:)``) writes everything in its transaction, which makes it visible whole
/// (the tree saved, the head moved). An import (``init(store:continuing:)``) writes one batch of its events
/// beyond the head: the index entries go to ``ImportStaging`` as sorted runs, the stream facts and member-key
/// destructions are staged too, and the tree is not saved; ``position`` carries the import to its next batch.
struct StoreLedgerState: LedgerState {
    let store: EventStore
    private(set) var nextSeq: UInt64
    private(set) var lastRecordedAt: Int64
    /// The staging database, for an import; nil for an append.
    private let staging: LMDBDatabase?
    /// The import's runs written so far, and a filter of the ids its lines gave.
    private var indexRuns = StagedIndexRuns()
    private var givenIDs = StagedIDFilter()
    /// The stream facts the import's earlier batches staged.
    private var stagedFacts = StagedValueRuns(tag: ImportStaging.factsTag)
    /// The member keys the import's earlier batches created, and those this batch created (member id → wrapped key).
    private var stagedKeys = StagedValueRuns(tag: ImportStaging.keyRunTag)
    private var createdKeys: [(member: [UInt8], wrapped: [UInt8])] = []
    /// The ids of this batch's lines not yet in a run (for the run's filter).
    private var pendingGiven: [EventID] = []
    private var key: [UInt8] = []
    private var factsCache: [StreamName: StreamFacts] = [:]
    private var dirtyStreams: Set<StreamName> = []
    /// `ids` entries not yet written: id → seq.
    private var pendingIDs: [EventID: UInt64] = [:]
    /// `stream-events` entries not yet written: each stream's new seqs, in increasing order.
    private var pendingStreamEvents: [StreamName: [UInt64]] = [:]
    private var writer = BinaryWriter(capacity: 1024)
    /// Member keys used in this transaction.
    private var memberKeys: [String: SymmetricKey] = [:]
    /// Member keys and AES-GCM nonces, drawn 4 KiB of kernel randomness at a time (swift-crypto makes a `getrandom`
    /// call per 8 bytes: six calls for a new member's key, its wrapping and its contact).
    private var random = PooledRandom()
    /// Whether the master key was checked against the ledger in this transaction.
    private var masterKeyChecked = false
    /// The right edge of the Merkle tree over events 1 … nextSeq − 1.
    private var tree: CompactRange

    private var reads: LedgerReads { LedgerReads(store: store) }

    /// The state of an append: the ledger must hold nothing beyond its head (``ImportRollback`` removes a killed
    /// import's batches first).
    init(store: EventStore, txn: inout LMDBWriteTransaction) throws {
        self.store = store
        staging = nil
        let reads = LedgerReads(store: store)
        let last = try reads.lastSeq(txn)
        nextSeq = last + 1
        lastRecordedAt = try reads.header(txn, at: last)?.recordedAt ?? 0
        let range = try TreeNodes.loadRange(txn, store: store) ?? CompactRange()
        guard range.size == last else {
            throw LedgerError(.damaged, "the Merkle tree covers \(range.size) events but the ledger holds \(last): the ledger is damaged (run `plp-ledger verify`)")
        }
        tree = range
    }

    /// The state of one batch of an import, continuing from `position` (``ImportPosition/start(store:txn:)`` for
    /// the first).
    init(store: EventStore, continuing position: ImportPosition) {
        self.store = store
        staging = position.staging
        nextSeq = position.nextSeq
        lastRecordedAt = position.lastRecordedAt
        tree = position.tree
        indexRuns = position.indexRuns
        givenIDs = position.givenIDs
        stagedFacts = position.stagedFacts
        stagedKeys = position.stagedKeys
        masterKeyChecked = position.masterKeyChecked
    }

    /// Where the import stands after this batch (call after ``flushAndForget()``); nil for an append.
    var position: ImportPosition? {
        staging.map { ImportPosition(staging: $0, nextSeq: nextSeq, lastRecordedAt: lastRecordedAt, tree: tree,
                                     indexRuns: indexRuns, givenIDs: givenIDs,
                                     stagedFacts: stagedFacts, stagedKeys: stagedKeys, masterKeyChecked: masterKeyChecked) }
    }

    mutating func facts(of stream: StreamName, in txn: inout LMDBWriteTransaction) throws -> StreamFacts {
        if let cached = factsCache[stream] { return cached }
        // An import's staged facts are newer than the ledger's.
        let facts: StreamFacts
        if let staging, let staged = try stagedFacts.latest(of: StoreKeys.stream(stream), staging: staging, key: &key, in: txn, {
            try StreamFacts(stored: $0)
        }) {
            facts = staged
        } else {
            facts = try reads.facts(txn, of: stream)
        }
        factsCache[stream] = facts
        return facts
    }

    mutating func known(_ id: EventID, in txn: inout LMDBWriteTransaction) throws -> KnownEvent? {
        guard let seq = try seq(of: id, in: &txn) else { return nil }
        return try reads.known(txn, at: seq)
    }

    /// The seq of the event with this id: this batch's, the ledger's, or one of the import's earlier batches'.
    private mutating func seq(of id: EventID, in txn: inout LMDBWriteTransaction) throws -> UInt64? {
        if let seq = pendingIDs[id] { return seq }
        if let seq = try reads.seq(txn, of: id) { return seq }
        // Only an id the import's lines gave can be in its runs; each run is read, the newest first.
        guard let staging, givenIDs.mayContain(id) else { return nil }
        for run in indexRuns.ids.reversed() {
            let found = try StoreKeys.withID(id) { idKey in
                ImportStaging.runKey(ImportStaging.idRunTag, run: run, idKey, into: &key)
                return try txn.get(staging, key: key).flatMap { UInt64(bigEndianBytes: $0) }
            }
            if let found { return found }
        }
        return nil
    }

    mutating func standingTokens(of stream: StreamName, excluding: EventID, in txn: inout LMDBWriteTransaction) throws -> [RuleToken] {
        guard let staging else {
            try writePendingIndexEntries(in: &txn)
            return try reads.standingTokens(txn, of: stream, excluding: excluding)
        }
        // The ledger's seqs of the stream, then the import's: its runs, the oldest first (their seqs grow
        // with the run), then this batch's, still in memory.
        var seqs = try reads.streamSeqs(txn, stream)
        let name = StoreKeys.stream(stream) + [0]
        for run in indexRuns.ids {
            name.withUnsafeBytes { ImportStaging.runKey(ImportStaging.streamRunTag, run: run, $0, into: &key) }
            let prefix = key
            try txn.withCursor(staging) { cursor in
                var entry = try cursor.seek(atLeast: prefix)
                while let (found, _) = entry, found.count == prefix.count + 8, found.starts(with: prefix) {
                    if let seq = UInt64(bigEndianBytes: UnsafeRawBufferPointer(rebasing: found[prefix.count...])) { seqs.append(seq) }
                    entry = try cursor.next()
                }
            }
        }
        seqs += pendingStreamEvents[stream] ?? []
        return try reads.standingTokens(txn, seqs: seqs, excluding: excluding)
    }

    mutating func sealContacts(in payload: EventPayload, stream: StreamName, txn: inout LMDBWriteTransaction) throws -> EventPayload {
        guard case .clear(let details) = payload.contact else { return payload }
        guard store.sealsContacts else { return payload }
        guard let master = store.masterKey else { throw StoreLedgerState.noMasterKey(store) }
        if !masterKeyChecked {
            try reads.checkBeforeSealing(&txn, master)
            masterKeyChecked = true
        }
        let key: SymmetricKey
        if let cached = memberKeys[stream.id] {
            key = cached
        } else if let existing = try reads.memberKey(txn, member: stream.id, master: master) {
            key = existing
        } else if let staging, let staged = try stagedKeys.latest(of: Array(stream.id.utf8), staging: staging, key: &self.key, in: txn, {
            ContactSealing.unwrap($0, member: stream.id, master: master)
        }) {
            // A key an earlier batch of this import created.
            guard let staged else { throw LedgerError(.damaged, "the key the import staged for member \(stream.id) does not open with the master key") }
            key = staged
        } else {
            key = SymmetricKey(data: random.bytes(32))
            let wrapped = try ContactSealing.wrap(key, member: stream.id, master: master, nonce: random.bytes(ContactSealing.nonceBytes))
            if staging != nil {
                // Staged as a run (``StagedValueRuns``), moved into `member-keys` in key order at the import's end.
                createdKeys.append((Array(stream.id.utf8), wrapped))
            } else {
                _ = try txn.put(store.memberKeys, key: Array(stream.id.utf8), value: wrapped)
            }
        }
        memberKeys[stream.id] = key
        return payload.replacingContact(.sealed(try ContactSealing.seal(details, member: stream.id, key: key,
                                                                        nonce: random.bytes(ContactSealing.nonceBytes))))
    }

    mutating func contactsMatch(stored: Contact?, new: Contact?, member: String, in txn: inout LMDBWriteTransaction) throws -> Bool {
        try reads.contactsMatch(txn, stored: stored, new: new, member: member)
    }

    /// The error when contact data must be sealed and no master key is at hand.
    static func noMasterKey(_ store: EventStore) -> EventLineError {
        EventLineError(field: "data.contact", "sealing contact data needs the ledger's master key: set PLP_LEDGER_KEY or create \(MasterKey.defaultFile(forLedger: store.path)) (plp-ledger init does)")
    }

    mutating func storedHash(at seq: UInt64, in txn: inout LMDBWriteTransaction) throws -> Digest32? {
        try reads.header(txn, at: seq)?.hash
    }

    mutating func record(_ event: RecordedEvent, facts: StreamFacts, voids: EventID?, idGiven: Bool, in txn: inout LMDBWriteTransaction) throws {
        writer.reset()
        StoredEventCodec.encode(event, into: &writer)
        try UInt64(event.seq).withBigEndianBytes { seqKey in
            try writer.bytes.withUnsafeBytes { value in
                _ = try txn.put(store.events, key: seqKey, value: value, flags: .append)
            }
            guard pendingIDs.updateValue(event.seq, forKey: event.id) == nil else {
                throw EventLineError(field: "id", "\(event.id) is already in the ledger")
            }
            pendingStreamEvents[event.stream, default: []].append(event.seq)
            if idGiven, staging != nil { pendingGiven.append(event.id) }
            if let voids {
                guard let target = try seq(of: voids, in: &txn) else {
                    throw EventLineError(field: "data.ref", "\(voids) is not in the ledger")
                }
                try UInt64(target).withBigEndianBytes { targetKey in
                    _ = try txn.put(store.voided, key: targetKey, value: seqKey)
                }
            }
        }
        if event.type == .memberErased {
            // Crypto-shredding: the member's key goes in the transaction that makes the MemberErased event visible.
            if let staging {
                _ = try txn.put(staging, key: ImportStaging.nameKey(ImportStaging.erasedTag, event.stream.id), value: [])
            } else {
                _ = try txn.delete(store.memberKeys, key: Array(event.stream.id.utf8))
            }
            memberKeys[event.stream.id] = nil
        }
        let nodeStore = store
        try tree.append(event.hash) { level, index, hash in
            if level > 0 { try TreeNodes.put(hash, level: level, index: index, store: nodeStore, in: &txn) }
        }
        factsCache[event.stream] = facts
        dirtyStreams.insert(event.stream)
        nextSeq = event.seq + 1
        lastRecordedAt = max(lastRecordedAt, event.recordedAt)
        // Random inserts into the indexes touch pages all over the map: hand them back as we go (always safe).
        if event.seq % 1_024 == 0 { store.environment.releaseMappedPages() }
    }

    /// Writes the pending `ids` and `stream-events` entries, each index in key order: into the indexes for an
    /// append, as one more run of the staging database for an import.
    private mutating func writePendingIndexEntries(in txn: inout LMDBWriteTransaction) throws {
        if let staging {
            try writePendingRun(staging, in: &txn)
            return
        }
        if !pendingIDs.isEmpty {
            for (id, seq) in pendingIDsInKeyOrder {
                let fresh = try StoreKeys.withID(id) { idKey in
                    try UInt64(seq).withBigEndianBytes { seqKey in
                        try txn.put(store.ids, key: idKey, value: seqKey, flags: .noOverwrite)
                    }
                }
                guard fresh else { throw EventLineError(field: "id", "\(id) is already in the ledger") }
            }
            pendingIDs.removeAll(keepingCapacity: true)
        }
        if !pendingStreamEvents.isEmpty {
            // Streams in key order; a stream's seqs grow, so each put appends to its stream's duplicates.
            let streams = pendingStreamEvents.map { (key: StoreKeys.stream($0.key), seqs: $0.value) }
                .sorted { KeyOrder.precedes($0.key, $1.key) }
            for (key, seqs) in streams {
                try key.withUnsafeBytes { key in
                    for seq in seqs {
                        try UInt64(seq).withBigEndianBytes { seqKey in
                            _ = try txn.put(store.streamEvents, key: key, value: seqKey, flags: .appendDup)
                        }
                    }
                }
            }
            pendingStreamEvents.removeAll(keepingCapacity: true)
        }
    }

    /// The pending `ids` entries in the order of their key bytes (the id's two halves, big-endian).
    private var pendingIDsInKeyOrder: [(key: EventID, value: UInt64)] {
        pendingIDs.sorted { ($0.key.high, $0.key.low) < ($1.key.high, $1.key.low) }
    }

    /// Writes the pending entries as run number `runs`: each sorted, so that neighbouring puts touch neighbouring pages
    /// at the end of their tag's range (not at the end of the database, which other tags follow: plain puts).
    private mutating func writePendingRun(_ staging: LMDBDatabase, in txn: inout LMDBWriteTransaction) throws {
        guard !pendingIDs.isEmpty || !pendingStreamEvents.isEmpty else { return }
        let run = indexRuns.nextRunID
        indexRuns.appended()
        givenIDs.add(pendingGiven)
        pendingGiven.removeAll(keepingCapacity: true)
        for (id, seq) in pendingIDsInKeyOrder {
            StoreKeys.withID(id) { idKey in
                ImportStaging.runKey(ImportStaging.idRunTag, run: run, idKey, into: &key)
            }
            try UInt64(seq).withBigEndianBytes { seqValue in
                try key.withUnsafeBytes { key in _ = try txn.put(staging, key: key, value: seqValue) }
            }
        }
        pendingIDs.removeAll(keepingCapacity: true)
        let streams = pendingStreamEvents.map { (key: StoreKeys.stream($0.key) + [0], seqs: $0.value) }
            .sorted { KeyOrder.precedes($0.key, $1.key) }
        for (name, seqs) in streams {
            for seq in seqs {
                name.withUnsafeBytes { ImportStaging.runKey(ImportStaging.streamRunTag, run: run, $0, into: &key) }
                withUnsafeBytes(of: seq.bigEndian) { key.append(contentsOf: $0) }
                _ = try txn.put(staging, key: key, value: [])
            }
        }
        pendingStreamEvents.removeAll(keepingCapacity: true)
    }

    /// Writes the cached stream facts, the pending index entries and, for an append, the tree's compact range (call
    /// before the transaction commits). An import stages the facts; its last transaction writes them and the tree.
    mutating func flush(in txn: inout LMDBWriteTransaction) throws {
        try writePendingIndexEntries(in: &txn)
        if staging == nil { try TreeNodes.saveRange(tree, store: store, in: &txn) }
        // Sorted by key bytes, LMDB's order: neighbouring puts touch neighbouring pages.
        let entries = dirtyStreams.compactMap { stream in factsCache[stream].map { (name: StoreKeys.stream(stream), facts: $0) } }
            .sorted { KeyOrder.precedes($0.name, $1.name) }
        if let staging {
            // An import stages them as one more run of facts, which a later batch reads and its end merges.
            let environment = store.environment
            try stagedFacts.append(entries.map { ($0.name, $0.facts.storedBytes) }, staging: staging, key: &key,
                                   releasePages: { environment.releaseMappedPages() }, in: &txn)
            createdKeys.sort { KeyOrder.precedes($0.member, $1.member) }
            try stagedKeys.append(createdKeys.map { ($0.member, $0.wrapped) }, staging: staging, key: &key,
                                  releasePages: { environment.releaseMappedPages() }, in: &txn)
            createdKeys.removeAll(keepingCapacity: true)
        } else {
            for (name, facts) in entries { _ = try txn.put(store.streams, key: name, value: facts.storedBytes) }
        }
        dirtyStreams.removeAll(keepingCapacity: true)
    }

    /// Writes what is cached (``flush()``) and forgets it, so that a long transaction keeps a bounded memory:
    /// later reads of those streams go to the transaction, which sees its own writes.
    mutating func flushAndForget(in txn: inout LMDBWriteTransaction) throws {
        try flush(in: &txn)
        factsCache.removeAll(keepingCapacity: true)
        memberKeys.removeAll(keepingCapacity: true)
    }
}
