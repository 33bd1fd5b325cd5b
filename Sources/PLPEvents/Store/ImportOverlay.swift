/// ``LedgerState`` for checking an import file before anything is written: the ledger as a read snapshot,
/// with the effects of the file's earlier lines layered on top in memory.
struct ImportOverlay: LedgerState {
    let reads: LedgerReads
    let txn: UnsafePointer<LMDBReadTransaction>
    private(set) var nextSeq: UInt64
    private(set) var lastRecordedAt: Int64
    private var facts: [StreamName: StreamFacts] = [:]
    /// Events of the file with an explicit id, as admission needs to see them again.
    private var fileEvents: [EventID: KnownEvent] = [:]
    /// Rule tokens of the file's events in streams whose rules depend on their history, for voids.
    private var fileTokens: [StreamName: [(id: EventID?, token: RuleToken)]] = [:]
    private var voidedInFile: Set<EventID> = []

    init(store: EventStore, txn: UnsafePointer<LMDBReadTransaction>) throws {
        reads = LedgerReads(store: store)
        self.txn = txn
        let last = try reads.lastSeq(txn.pointee)
        nextSeq = last + 1
        lastRecordedAt = try reads.header(txn.pointee, at: last)?.recordedAt ?? 0
    }

    mutating func facts(of stream: StreamName) throws -> StreamFacts {
        if let known = facts[stream] { return known }
        return try reads.facts(txn.pointee, of: stream)
    }

    mutating func known(_ id: EventID) throws -> KnownEvent? {
        if var event = fileEvents[id] {
            event.isVoided = voidedInFile.contains(id)
            return event
        }
        guard var event = try reads.known(txn.pointee, id) else { return nil }
        if voidedInFile.contains(id) { event.isVoided = true }
        return event
    }

    mutating func standingTokens(of stream: StreamName, excluding: EventID) throws -> [RuleToken] {
        var tokens = try reads.standingTokens(txn.pointee, of: stream, excluding: excluding, alsoVoided: voidedInFile)
        for entry in fileTokens[stream] ?? [] {
            if let id = entry.id, id == excluding || voidedInFile.contains(id) { continue }
            tokens.append(entry.token)
        }
        return tokens
    }

    mutating func storedHash(at seq: UInt64) throws -> Digest32? {
        try reads.header(txn.pointee, at: seq)?.hash
    }

    mutating func record(_ event: RecordedEvent, facts newFacts: StreamFacts, fingerprint: @autoclosure () -> ContentFingerprint,
                         hadID: Bool, voids: EventID?) throws {
        facts[event.stream] = newFacts
        let token = RuleToken(event.payload)
        // Only an id written in the file can be named again by a later line (a duplicate, or a void's ref).
        if hadID && event.type != .eventVoided {
            fileEvents[event.id] = KnownEvent(stream: event.stream, seq: event.seq, token: token, isVoided: false,
                                              contentFingerprint: fingerprint())
        }
        switch event.stream.kind {
        case .plp, .member, .report, .alert:
            // Events without an id of their own in the file can never be voided by a later line.
            if event.type != .eventVoided { fileTokens[event.stream, default: []].append((hadID ? event.id : nil, token)) }
        case .commune, .programme:
            break
        }
        if let voids { voidedInFile.insert(voids) }
        nextSeq = event.seq + 1
        lastRecordedAt = max(lastRecordedAt, event.recordedAt)
    }
}
