/// What the check of an import keeps in memory between two scratch transactions: the place the next event would
/// get, and the events of the ledger that the file voids (few).
struct OverlayMemory {
    var nextSeq: UInt64
    var lastRecordedAt: Int64
    var voidedInLedger: Set<EventID> = []
    var voidedInFile: Set<EventID> = []
    /// Whether the master key was found to be the ledger's (checked once, at the first contact in clear).
    var masterKeyChecked = false
}

/// ``LedgerState`` for checking an import file before anything is written: the ledger as a read snapshot, with the
/// effects of the file's earlier lines layered on top in a scratch LMDB environment (bounded memory).
struct ImportOverlay: LedgerState {
    let reads: LedgerReads
    let ledger: UnsafePointer<LMDBReadTransaction>
    let scratch: ImportScratch
    let txn: UnsafeMutablePointer<LMDBWriteTransaction>
    var memory: OverlayMemory

    var nextSeq: UInt64 { memory.nextSeq }
    var lastRecordedAt: Int64 { memory.lastRecordedAt }

    /// The state the check starts from: the ledger as it is.
    static func start(reads: LedgerReads, ledger: borrowing LMDBReadTransaction) throws -> OverlayMemory {
        let last = try reads.lastSeq(ledger)
        return OverlayMemory(nextSeq: last + 1, lastRecordedAt: try reads.header(ledger, at: last)?.recordedAt ?? 0)
    }

    mutating func facts(of stream: StreamName) throws -> StreamFacts {
        let key = StoreKeys.stream(stream)
        if let stored = try txn.pointee.get(scratch.facts, key: key) { return try StreamFacts(stored: stored) }
        return try reads.facts(ledger.pointee, of: stream)
    }

    mutating func known(_ id: EventID) throws -> KnownEvent? {
        let record: KnownEvent? = try StoreKeys.withID(id) { key in
            guard let bytes = try txn.pointee.get(scratch.events, key: key) else { return nil }
            var reader = BinaryReader(bytes)
            let seq = try reader.uint64LittleEndian()
            let token = try ImportScratch.decodeToken(try reader.raw(2))
            let high = Int(Int64(bitPattern: try reader.uint64LittleEndian()))
            let low = Int(Int64(bitPattern: try reader.uint64LittleEndian()))
            let rest = try reader.raw(bytes.count - reader.offset)
            guard case .success(let stream) = StreamName.parse(String(decoding: rest, as: UTF8.self)) else {
                throw BinaryFormatError("bad scratch stream")
            }
            return KnownEvent(stream: stream, seq: seq, token: token, isVoided: memory.voidedInFile.contains(id),
                              contentFingerprint: ContentFingerprint(high: high, low: low), fingerprintIncludesContact: true)
        }
        if let record { return record }
        guard var event = try reads.known(ledger.pointee, id) else { return nil }
        if memory.voidedInLedger.contains(id) { event.isVoided = true }
        return event
    }

    mutating func standingTokens(of stream: StreamName, excluding: EventID) throws -> [RuleToken] {
        var tokens = try reads.standingTokens(ledger.pointee, of: stream, excluding: excluding, alsoVoided: memory.voidedInLedger)
        let prefix = StoreKeys.stream(stream) + [0]
        let voidedInFile = memory.voidedInFile
        try txn.pointee.withCursor(scratch.tokens) { cursor in
            var entry = try cursor.seek(atLeast: prefix)
            while let (key, value) = entry, key.starts(with: prefix) {
                let token = try ImportScratch.decodeToken(value)
                if value.count >= 18 {
                    let id = EventID(high: UInt64(bigEndian: value.loadUnaligned(fromByteOffset: 2, as: UInt64.self)),
                                     low: UInt64(bigEndian: value.loadUnaligned(fromByteOffset: 10, as: UInt64.self)))
                    if id == excluding || voidedInFile.contains(id) {
                        entry = try cursor.next()
                        continue
                    }
                }
                tokens.append(token)
                entry = try cursor.next()
            }
        }
        return tokens
    }

    mutating func sealContacts(in payload: EventPayload, stream: StreamName) throws -> EventPayload {
        // Nothing is sealed while checking; only make sure it will be possible.
        if case .clear = payload.contact, reads.store.sealsContacts {
            guard let master = reads.store.masterKey else { throw StoreLedgerState.noMasterKey(reads.store) }
            if !memory.masterKeyChecked {
                _ = try reads.standing(ledger.pointee, of: master)
                memory.masterKeyChecked = true
            }
        }
        return payload
    }

    mutating func contactsMatch(stored: Contact?, new: Contact?, member: String) throws -> Bool {
        try reads.contactsMatch(ledger.pointee, stored: stored, new: new, member: member)
    }

    mutating func storedHash(at seq: UInt64) throws -> Digest32? {
        try reads.header(ledger.pointee, at: seq)?.hash
    }

    mutating func record(_ event: RecordedEvent, facts newFacts: StreamFacts, fingerprint: @autoclosure () -> ContentFingerprint,
                         hadID: Bool, voids: EventID?) throws {
        let stream = StoreKeys.stream(event.stream)
        _ = try newFacts.storedBytes.withUnsafeBytes { value in
            try stream.withUnsafeBytes { try txn.pointee.put(scratch.facts, key: $0, value: value) }
        }
        let (type, support) = ImportScratch.encode(RuleToken(event.payload))
        if event.type != .eventVoided {
            // Only an id written in the file can be named again by a later line (a duplicate, or a void's ref).
            if hadID {
                let print = fingerprint()
                var value = BinaryWriter(capacity: 64)
                value.uint64LittleEndian(event.seq)
                value.byte(type)
                value.byte(support)
                value.uint64LittleEndian(UInt64(bitPattern: Int64(print.high)))
                value.uint64LittleEndian(UInt64(bitPattern: Int64(print.low)))
                value.bytes.append(contentsOf: stream)
                _ = try StoreKeys.withID(event.id) { key in
                    try value.bytes.withUnsafeBytes { try txn.pointee.put(scratch.events, key: key, value: $0) }
                }
            }
            switch event.stream.kind {
            case .plp, .member, .report, .alert:
                var value: [UInt8] = [type, support]
                if hadID { StoreKeys.withID(event.id) { value.append(contentsOf: $0) } }
                _ = try txn.pointee.put(scratch.tokens, key: ImportScratch.tokenKey(stream, version: event.version), value: value)
            case .commune, .programme:
                break  // their rules do not depend on their history
            }
        }
        if let voids {
            if try reads.seq(ledger.pointee, of: voids) != nil { memory.voidedInLedger.insert(voids) }
            memory.voidedInFile.insert(voids)
        }
        memory.nextSeq = event.seq + 1
        memory.lastRecordedAt = max(memory.lastRecordedAt, event.recordedAt)
    }
}
