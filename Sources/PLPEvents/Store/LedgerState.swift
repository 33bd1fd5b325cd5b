internal import LMDBKit

/// An event already known to the ledger (or earlier in the file being imported), as admission needs it.
public struct KnownEvent: Sendable {
    /// Its stream.
    public var stream: StreamName
    /// Its global position (for events of a file being checked, the position it would get).
    public var seq: UInt64
    /// What the rules look at.
    public var token: RuleToken
    /// Whether an `EventVoided` already voids it.
    public var isVoided: Bool
    /// A fingerprint of its content without the contact data (compared on its own, since the ledger holds it
    /// sealed), to tell a re-import of the same event from another event with the same `id`.
    public var contentFingerprint: ContentFingerprint
    /// The contact data as the ledger holds it (sealed), for member events.
    public var contact: Contact? = nil
}

/// The ledger state that ``Admission`` reads and updates: the LMDB store inside a write transaction (the one
/// conformer; the protocol keeps the rules apart from the storage). The transaction is a parameter of every call
/// that reads or writes the ledger: the state holds what it caches, never the transaction.
protocol LedgerState {
    /// The `seq` the next event gets.
    var nextSeq: UInt64 { get }
    /// The latest `recordedAt` so far (µs), so that `recordedAt` never goes backwards.
    var lastRecordedAt: Int64 { get }
    /// A stream's facts (``StreamFacts/empty`` for a new stream).
    mutating func facts(of stream: StreamName, in txn: inout LMDBWriteTransaction) throws -> StreamFacts
    /// The event with this `id`, if known.
    mutating func known(_ id: EventID, in txn: inout LMDBWriteTransaction) throws -> KnownEvent?
    /// The rule tokens of a stream's events that are not voided, in version order, leaving out `excluding`.
    mutating func standingTokens(of stream: StreamName, excluding: EventID, in txn: inout LMDBWriteTransaction) throws -> [RuleToken]
    /// The stored hash at `seq` (for `--preserve` re-runs), if `seq` is in the ledger.
    mutating func storedHash(at seq: UInt64, in txn: inout LMDBWriteTransaction) throws -> Digest32?
    /// The payload as it is to be stored: contact data in clear is sealed with the member's own key (created if needed).
    mutating func sealContacts(in payload: EventPayload, stream: StreamName, txn: inout LMDBWriteTransaction) throws -> EventPayload
    /// Whether a contact submitted again (`new`) is the one the ledger holds (`stored`) for `member`.
    mutating func contactsMatch(stored: Contact?, new: Contact?, member: String, in txn: inout LMDBWriteTransaction) throws -> Bool
    /// Records an admitted event with the stream's new facts and, for `EventVoided`, the event it voids; `idGiven`
    /// tells an id of the submitted line from one the ledger drew.
    mutating func record(_ event: RecordedEvent, facts: StreamFacts, voids: EventID?, idGiven: Bool, in txn: inout LMDBWriteTransaction) throws
}

/// A 128-bit fingerprint of an event's content (stream, type, schema, occurredAt as written, actor, data):
/// equal for a re-import of the same event, different (with overwhelming probability) otherwise.
/// It lives only in memory, within one process (it is built on the standard library's seeded hasher).
public struct ContentFingerprint: Sendable, Hashable {
    /// The fingerprint's bits.
    public let high: Int, low: Int

    private init(stream: StreamName, schema: Int, occurredAt: String, actor: Actor, payload: EventPayload, includingContact: Bool) {
        let payload = includingContact ? payload : payload.replacingContact(.sealed([]))
        func digest(_ salt: Int) -> Int {
            var hasher = Hasher()
            hasher.combine(salt)
            hasher.combine(stream)
            hasher.combine(schema)
            hasher.combine(occurredAt)
            hasher.combine(actor)
            hasher.combine(payload)
            return hasher.finalize()
        }
        high = digest(0x5EED)
        low = digest(0xF00D)
    }

    /// The fingerprint of a new event's content, with or without its contact data.
    public init(_ event: NewEvent, includingContact: Bool) {
        self.init(stream: event.stream, schema: event.schema, occurredAt: event.occurredAt.text, actor: event.actor,
                  payload: event.payload, includingContact: includingContact)
    }

    /// The fingerprint of a recorded event's content, with or without its contact data.
    public init(_ event: RecordedEvent, includingContact: Bool) {
        self.init(stream: event.stream, schema: event.schema, occurredAt: event.occurredAt.text, actor: event.actor,
                  payload: event.payload, includingContact: includingContact)
    }
}
