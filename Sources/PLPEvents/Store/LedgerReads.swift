import Crypto
internal import LMDBKit

/// Reads of the ledger's databases shared by read and write transactions.
///
/// A reader sees the ledger up to its *head* (``head(_:)``): the size of the tree saved by the last whole commit.
/// An import commits its batches beyond the head and moves the head in its last transaction, so what lies beyond it
/// (an import running, or one killed) is nobody's to see: with `visibleThrough` set to the head, lookups by id,
/// voids and stream histories leave it out. Writers, which see their own work, read with no bound.
struct LedgerReads {
    let store: EventStore
    /// The last seq this reader sees (``head(_:)`` for readers; `.max` for the writer, which sees its own tail).
    var visibleThrough: UInt64 = .max

    /// A reader that sees the ledger up to its head in `txn`.
    static func visible(_ store: EventStore, _ txn: borrowing some LMDBReadableTransaction & ~Copyable) throws -> LedgerReads {
        LedgerReads(store: store, visibleThrough: try LedgerReads(store: store).head(txn))
    }

    /// The visible head: the number of events whole commits made visible, the size of the saved tree (its compact
    /// range is written only by a whole commit: an append, or an import's last transaction).
    func head(_ txn: borrowing some LMDBReadableTransaction & ~Copyable) throws -> UInt64 {
        guard let bytes = try txn.get(store.meta, key: StoreKeys.treeRange) else { return 0 }
        guard bytes.count >= 8, let size = UInt64(bigEndianBytes: UnsafeRawBufferPointer(rebasing: bytes[0..<8])) else {
            throw LedgerError.damaged(store.path, "its saved tree head is not readable")
        }
        return size
    }

    /// The last seq stored, beyond the head too (an import's batches).
    func lastSeq(_ txn: borrowing some LMDBReadableTransaction & ~Copyable) throws -> UInt64 {
        try txn.withCursor(store.events) { cursor in
            guard let last = try cursor.last() else { return 0 }
            return UInt64(bigEndianBytes: last.key) ?? 0
        }
    }

    func event(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, at seq: UInt64) throws -> RecordedEvent? {
        guard seq <= visibleThrough else { return nil }
        return try UInt64(seq).withBigEndianBytes { key in
            guard let bytes = try txn.get(store.events, key: key) else { return nil }
            return try StoredEventCodec.decode(seq: seq, bytes)
        }
    }

    func header(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, at seq: UInt64) throws -> StoredEventHeader? {
        guard seq <= visibleThrough else { return nil }
        return try UInt64(seq).withBigEndianBytes { key in
            guard let bytes = try txn.get(store.events, key: key) else { return nil }
            return try StoredEventHeader(bytes)
        }
    }

    func streamSeqs(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, _ stream: StreamName) throws -> [UInt64] {
        let key = StoreKeys.stream(stream)
        return try txn.withCursor(store.streamEvents) { cursor in
            var seqs: [UInt64] = []
            var entry = try cursor.seek(key: key)
            while let (_, value) = entry {
                // A stream's seqs grow: past the visible head, the rest is beyond it too.
                if let seq = UInt64(bigEndianBytes: value) { if seq > visibleThrough { break }; seqs.append(seq) }
                entry = try cursor.nextDuplicate()
            }
            return seqs
        }
    }

    /// A stream's facts as a reader sees them: while an import moves its facts into `streams` before its last
    /// transaction, a moved stream's facts from before the import.
    func visibleFacts(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, of stream: StreamName) throws -> StreamFacts {
        if let staging = try ImportStaging.movingFacts(txn, store: store),
           let prior = try txn.get(staging, key: [ImportStaging.priorFactsTag] + StoreKeys.stream(stream)) {
            return prior.isEmpty ? StreamFacts.empty : try StreamFacts(stored: prior)
        }
        return try facts(txn, of: stream)
    }

    /// A stream's facts in `streams` (a writer's view: no import is moving facts while another writer runs).
    func facts(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, of stream: StreamName) throws -> StreamFacts {
        try StoreKeys.stream(stream).withUnsafeBytes { key in
            guard let bytes = try txn.get(store.streams, key: key) else { return StreamFacts.empty }
            return try StreamFacts(stored: bytes)
        }
    }

    func seq(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, of id: EventID) throws -> UInt64? {
        try StoreKeys.withID(id) { key in
            try txn.get(store.ids, key: key).flatMap { UInt64(bigEndianBytes: $0) }.flatMap { $0 <= visibleThrough ? $0 : nil }
        }
    }

    func isVoided(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, _ seq: UInt64) throws -> Bool {
        try UInt64(seq).withBigEndianBytes { key in
            guard let by = try txn.get(store.voided, key: key) else { return false }
            return (UInt64(bigEndianBytes: by) ?? 0) <= visibleThrough
        }
    }

    func known(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, _ id: EventID) throws -> KnownEvent? {
        guard let seq = try seq(txn, of: id) else { return nil }
        return try known(txn, at: seq)
    }

    /// The event at `seq` as admission knows it (its id is indexed, or about to be).
    func known(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, at seq: UInt64) throws -> KnownEvent {
        guard let event = try event(txn, at: seq) else {
            throw LedgerError.damaged(store.path, "its id index names seq \(seq), which is missing")
        }
        return KnownEvent(stream: event.stream, seq: seq, token: RuleToken(event.payload, occurredAt: event.occurredAt),
                          isVoided: try isVoided(txn, seq), contentFingerprint: ContentFingerprint(event, includingContact: false),
                          contact: event.payload.contact)
    }

    /// Rule tokens of the stream's stored events that stand (not voided, not `EventVoided`), leaving out `excluding`.
    func standingTokens(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, of stream: StreamName,
                        excluding: EventID, alsoVoided: Set<EventID> = []) throws -> [RuleToken] {
        try standingTokens(txn, seqs: try streamSeqs(txn, stream), excluding: excluding, alsoVoided: alsoVoided)
    }

    /// Rule tokens of the events at `seqs` (a stream's, in version order) that stand, leaving out `excluding`.
    func standingTokens(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, seqs: [UInt64],
                        excluding: EventID, alsoVoided: Set<EventID> = []) throws -> [RuleToken] {
        var tokens: [RuleToken] = []
        for seq in seqs {
            if try isVoided(txn, seq) { continue }
            guard let event = try event(txn, at: seq) else { continue }
            if event.id == excluding || event.type == .eventVoided || alsoVoided.contains(event.id) { continue }
            tokens.append(RuleToken(event.payload, occurredAt: event.occurredAt))
        }
        return tokens
    }

    /// The key of `member`, unwrapped with the master key; nil when it does not exist (never created, or destroyed).
    func memberKey(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, member: String, master: MasterKey) throws -> SymmetricKey? {
        guard let wrapped = try txn.get(store.memberKeys, key: Array(member.utf8)) else { return nil }
        guard let key = ContactSealing.unwrap(wrapped, member: member, master: master) else {
            throw try wrongMasterKey(txn, master, member: member)
        }
        return key
    }

    /// Whether a contact submitted again matches the one the ledger holds for `member`.
    func contactsMatch(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, stored: Contact?, new: Contact?, member: String) throws -> Bool {
        switch (stored, new) {
        case (nil, nil): return true
        case (.sealed(let a), .sealed(let b)): return a == b
        case (.clear(let a), .clear(let b)): return a == b
        case (.sealed(let box), .clear(let details)):
            guard let master = store.masterKey, let key = try memberKey(txn, member: member, master: master) else {
                // The member's key was destroyed (erased) or cannot be read here: what can be compared matched.
                return true
            }
            return ContactSealing.open(box, member: member, key: key) == details
        default: return false
        }
    }
}
