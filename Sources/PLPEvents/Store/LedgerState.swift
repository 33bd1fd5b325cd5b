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
    /// A fingerprint of its content, to tell a re-import of the same event from another event with the same `id`.
    public var contentFingerprint: ContentFingerprint
}

/// The ledger state that ``Admission`` reads and updates: the LMDB store inside a write transaction,
/// or an overlay over a read transaction while an import file is checked before anything is written.
protocol LedgerState {
    /// The `seq` the next event gets.
    var nextSeq: UInt64 { get }
    /// The latest `recordedAt` so far (µs), so that `recordedAt` never goes backwards.
    var lastRecordedAt: Int64 { get }
    /// A stream's facts (``StreamFacts/empty`` for a new stream).
    mutating func facts(of stream: StreamName) throws -> StreamFacts
    /// The event with this `id`, if known.
    mutating func known(_ id: EventID) throws -> KnownEvent?
    /// The rule tokens of a stream's events that are not voided, in version order, leaving out `excluding`.
    mutating func standingTokens(of stream: StreamName, excluding: EventID) throws -> [RuleToken]
    /// The stored hash at `seq` (for `--preserve` re-runs), if `seq` is in the ledger.
    mutating func storedHash(at seq: UInt64) throws -> Digest32?
    /// Records an admitted event with the stream's new facts and, for `EventVoided`, the event it voids.
    mutating func record(_ event: RecordedEvent, facts: StreamFacts, fingerprint: @autoclosure () -> ContentFingerprint, voids: EventID?) throws
}

/// A 128-bit fingerprint of an event's content (stream, type, schema, occurredAt as written, actor, data):
/// equal for a re-import of the same event, different (with overwhelming probability) otherwise.
public struct ContentFingerprint: Sendable, Hashable {
    /// The fingerprint's bits.
    public let high: UInt64, low: UInt64

    /// The fingerprint of a new event's content.
    public init(_ event: NewEvent) {
        var w = CanonicalJSONWriter(capacity: 256)
        ContentFingerprint.writeContent(stream: event.stream, type: event.type, schema: event.schema,
                                        occurredAt: event.occurredAt, actor: event.actor, payload: event.payload, into: &w)
        self.init(canonical: w.bytes)
    }

    /// The fingerprint of a recorded event's content.
    public init(_ event: RecordedEvent) {
        var w = CanonicalJSONWriter(capacity: 256)
        ContentFingerprint.writeContent(stream: event.stream, type: event.type, schema: event.schema,
                                        occurredAt: event.occurredAt, actor: event.actor, payload: event.payload, into: &w)
        self.init(canonical: w.bytes)
    }

    private init(canonical bytes: [UInt8]) {
        let digest = bytes.withUnsafeBytes { MerkleHash.leaf($0) }
        var high: UInt64 = 0
        var low: UInt64 = 0
        digest.withUnsafeBytes { raw in
            high = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            low = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        }
        self.high = high
        self.low = low
    }

    private static func writeContent(stream: StreamName, type: EventType, schema: Int, occurredAt: RFC3339Timestamp,
                                     actor: Actor, payload: EventPayload, into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("actor"); w.string(actor.description)
        w.key("data"); payload.encodeJSON(into: &w)
        w.key("occurredAt"); w.string(occurredAt.text)
        w.key("schema"); w.integer(Int64(schema))
        w.key("stream"); w.string(stream.description)
        w.key("type"); w.string(type.rawValue)
        w.endObject()
    }
}
