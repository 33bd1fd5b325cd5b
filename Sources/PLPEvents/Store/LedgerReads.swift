import Crypto
internal import LMDBKit

/// Reads of the ledger's databases shared by read and write transactions.
struct LedgerReads {
    let store: EventStore

    func lastSeq(_ txn: borrowing some LMDBReadableTransaction & ~Copyable) throws -> UInt64 {
        try txn.withCursor(store.events) { cursor in
            guard let last = try cursor.last() else { return 0 }
            return UInt64(bigEndianBytes: last.key) ?? 0
        }
    }

    func event(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, at seq: UInt64) throws -> RecordedEvent? {
        try UInt64(seq).withBigEndianBytes { key in
            guard let bytes = try txn.get(store.events, key: key) else { return nil }
            return try StoredEventCodec.decode(seq: seq, bytes)
        }
    }

    func header(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, at seq: UInt64) throws -> StoredEventHeader? {
        try UInt64(seq).withBigEndianBytes { key in
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
                if let seq = UInt64(bigEndianBytes: value) { seqs.append(seq) }
                entry = try cursor.nextDuplicate()
            }
            return seqs
        }
    }

    func facts(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, of stream: StreamName) throws -> StreamFacts {
        try StoreKeys.stream(stream).withUnsafeBytes { key in
            guard let bytes = try txn.get(store.streams, key: key) else { return StreamFacts.empty }
            return try StreamFacts(stored: bytes)
        }
    }

    func seq(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, of id: EventID) throws -> UInt64? {
        try StoreKeys.withID(id) { key in
            try txn.get(store.ids, key: key).flatMap { UInt64(bigEndianBytes: $0) }
        }
    }

    func isVoided(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, _ seq: UInt64) throws -> Bool {
        try UInt64(seq).withBigEndianBytes { try txn.get(store.voided, key: $0) != nil }
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
        return KnownEvent(stream: event.stream, seq: seq, token: RuleToken(event.payload),
                          isVoided: try isVoided(txn, seq), contentFingerprint: ContentFingerprint(event, includingContact: false),
                          contact: event.payload.contact)
    }

    /// Rule tokens of the stream's stored events that stand (not voided, not `EventVoided`), leaving out `excluding`.
    func standingTokens(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, of stream: StreamName,
                        excluding: EventID, alsoVoided: Set<EventID> = []) throws -> [RuleToken] {
        var tokens: [RuleToken] = []
        for seq in try streamSeqs(txn, stream) {
            if try isVoided(txn, seq) { continue }
            guard let event = try event(txn, at: seq) else { continue }
            if event.id == excluding || event.type == .eventVoided || alsoVoided.contains(event.id) { continue }
            tokens.append(RuleToken(event.payload))
        }
        return tokens
    }

    /// The key of `member`, unwrapped with the master key; nil when it does not exist (never created, or destroyed).
    func memberKey(_ txn: borrowing some LMDBReadableTransaction & ~Copyable, member: String, master: MasterKey) throws -> SymmetricKey? {
        guard let wrapped = try txn.get(store.memberKeys, key: Array(member.utf8)) else { return nil }
        guard let key = ContactSealing.unwrap(wrapped, member: member, master: master) else {
            throw try wrongMasterKey(txn, master)
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
