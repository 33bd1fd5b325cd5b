/// An event as submitted to the ledger (an NDJSON line, or built in code), before it has a place in the log.
public struct NewEvent: Sendable, Hashable {
    /// The event's identity; nil lets the ledger assign a random UUID.
    public var id: EventID?
    /// The aggregate it belongs to.
    public var stream: StreamName
    /// Business time, RFC 3339 as written.
    public var occurredAt: RFC3339Timestamp
    /// Who records it.
    public var actor: Actor
    /// The version of the type's data shape (1).
    public var schema: Int
    /// The typed data.
    public var payload: EventPayload
    /// Optimistic concurrency: the stream's version before this append must equal it.
    public var expectedVersion: UInt64?
    /// The place and stamp of an exported event, kept by `import --preserve`.
    public var preserved: PreservedPlacement?

    /// Makes an event to append.
    public init(id: EventID? = nil, stream: StreamName, occurredAt: RFC3339Timestamp, actor: Actor, schema: Int = 1,
                payload: EventPayload, expectedVersion: UInt64? = nil, preserved: PreservedPlacement? = nil) {
        self.id = id
        self.stream = stream
        self.occurredAt = occurredAt
        self.actor = actor
        self.schema = schema
        self.payload = payload
        self.expectedVersion = expectedVersion
        self.preserved = preserved
    }

    /// The event type.
    public var type: EventType { payload.type }
}

/// What an exported line says of its place in its ledger: kept by `import --preserve`.
public struct PreservedPlacement: Sendable, Hashable {
    /// Global position.
    public var seq: UInt64
    /// Position in the stream.
    public var version: UInt64
    /// When the original ledger appended it, µs since 1970 UTC.
    public var recordedAt: Int64
    /// The `hash` written on the line.
    public var hash: Digest32
}

/// An event in the log: what was submitted plus its place (`seq`, `version`), `recordedAt` and `hash`.
public struct RecordedEvent: Sendable, Hashable {
    /// The event's identity.
    public var id: EventID
    /// The aggregate it belongs to.
    public var stream: StreamName
    /// Global position, 1, 2, 3 … with no gaps.
    public var seq: UInt64
    /// Position within its stream, 1, 2, 3 … with no gaps.
    public var version: UInt64
    /// When the ledger appended it, µs since 1970 UTC.
    public var recordedAt: Int64
    /// Business time, as written.
    public var occurredAt: RFC3339Timestamp
    /// Who recorded it.
    public var actor: Actor
    /// The version of the data shape.
    public var schema: Int
    /// The typed data.
    public var payload: EventPayload
    /// SHA-256(0x00 ‖ leaf bytes): contract section 5.
    public var hash: Digest32

    /// Makes a recorded event.
    public init(id: EventID, stream: StreamName, seq: UInt64, version: UInt64, recordedAt: Int64,
                occurredAt: RFC3339Timestamp, actor: Actor, schema: Int, payload: EventPayload, hash: Digest32) {
        self.id = id
        self.stream = stream
        self.seq = seq
        self.version = version
        self.recordedAt = recordedAt
        self.occurredAt = occurredAt
        self.actor = actor
        self.schema = schema
        self.payload = payload
        self.hash = hash
    }

    /// The event type.
    public var type: EventType { payload.type }
}
