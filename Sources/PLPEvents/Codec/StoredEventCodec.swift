/// The stored form of a recorded event: a fixed 80-byte header that projections can read without decoding
/// the rest, then the variable part. JSON is never parsed on the replay path.
///
/// ```
/// 0  u8   format (1)          1  u8   event type code      2  u8  schema     3  u8  stream kind code
/// 4  u64  version (LE)        12 i64  recordedAt µs (LE)   20 i64 occurredAt instant µs (LE)
/// 28 i32  occurredAt offset s 32 [16] id (big-endian halves, LE-stored)       48 [32] hash
/// 80 stream id, actor role (u8) + id, occurredAt text (length-prefixed), then the payload (``EventBody``)
/// ```
/// The `seq` is the LMDB key, not part of the value.
public enum StoredEventCodec {
    /// The format byte of this layout.
    public static let format: UInt8 = 1
    /// Size of the fixed header.
    public static let headerSize = 80

    /// Appends the stored form of `event` to `w`.
    public static func encode(_ event: RecordedEvent, into w: inout BinaryWriter) {
        w.byte(format)
        w.byte(event.type.code)
        w.byte(UInt8(truncatingIfNeeded: event.schema))
        w.byte(event.stream.kind.code)
        w.uint64LittleEndian(event.version)
        w.uint64LittleEndian(UInt64(bitPattern: event.recordedAt))
        w.uint64LittleEndian(UInt64(bitPattern: event.occurredAt.instant))
        w.int32LittleEndian(event.occurredAt.offsetSeconds)
        w.eventID(event.id)
        event.hash.withUnsafeBytes { w.raw($0) }
        w.string(event.stream.id)
        w.byte(UInt8(truncatingIfNeeded: ActorRole.allCases.firstIndex(of: event.actor.role) ?? 0))
        w.string(event.actor.id)
        w.string(event.occurredAt.text)
        event.payload.encodeBinary(into: &w)
    }

    /// Decodes a stored event at `seq`.
    public static func decode(seq: UInt64, _ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) -> RecordedEvent {
        let header = try StoredEventHeader(bytes)
        var r = BinaryReader(bytes, offset: headerSize)
        let streamID = try r.string()
        let roleCode = try r.byte()
        guard Int(roleCode) < ActorRole.allCases.count else { throw BinaryFormatError("bad actor role \(roleCode)") }
        let actorID = try r.string()
        let occurredText = try r.string()
        let payload = try EventPayload.decode(header.type, from: &r)
        guard r.isAtEnd else { throw BinaryFormatError("\(bytes.count - r.offset) trailing bytes") }
        return RecordedEvent(
            id: header.id,
            stream: StreamName(kind: header.streamKind, id: streamID),
            seq: seq,
            version: header.version,
            recordedAt: header.recordedAt,
            occurredAt: RFC3339Timestamp(text: occurredText, instant: header.occurredAt, offsetSeconds: header.occurredAtOffset),
            actor: Actor(role: ActorRole.allCases[Int(roleCode)], id: actorID),
            schema: Int(header.schema),
            payload: payload,
            hash: header.hash)
    }
}

/// The fixed part of a stored event, read without decoding strings or payload: what most projections need first.
public struct StoredEventHeader: Sendable {
    /// The event type.
    public let type: EventType
    /// The data shape version.
    public let schema: UInt8
    /// The stream kind.
    public let streamKind: StreamKind
    /// Position in the stream.
    public let version: UInt64
    /// When the ledger appended it (µs UTC).
    public let recordedAt: Int64
    /// Business time instant (µs UTC).
    public let occurredAt: Int64
    /// The offset written in `occurredAt`.
    public let occurredAtOffset: Int32
    /// The event's ID.
    public let id: EventID
    /// The stored hash.
    public let hash: Digest32

    /// Reads the header of a stored event.
    public init(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        guard bytes.count >= StoredEventCodec.headerSize else { throw BinaryFormatError("record of \(bytes.count) bytes is too short") }
        guard bytes[0] == StoredEventCodec.format else { throw BinaryFormatError("unknown format \(bytes[0])") }
        guard let type = EventType(code: bytes[1]) else { throw BinaryFormatError("unknown event type code \(bytes[1])") }
        guard let kind = StreamKind(code: bytes[3]) else {
            throw BinaryFormatError("unknown stream kind code \(bytes[3])")
        }
        self.type = type
        schema = bytes[2]
        streamKind = kind
        var r = BinaryReader(bytes, offset: 4)
        version = try r.uint64LittleEndian()
        guard version >= 1, version <= UInt64(Int64.max) else { throw BinaryFormatError("bad stream version \(version)") }
        recordedAt = Int64(bitPattern: try r.uint64LittleEndian())
        occurredAt = Int64(bitPattern: try r.uint64LittleEndian())
        // Years 0000–9999 (RFC 3339): a damaged record cannot reach the calendar arithmetic with an absurd instant.
        let instants: ClosedRange<Int64> = -62_200_000_000_000_000...253_500_000_000_000_000
        guard instants.contains(recordedAt), instants.contains(occurredAt) else {
            throw BinaryFormatError("a stored time is outside the years the ledger holds")
        }
        occurredAtOffset = try r.int32LittleEndian()
        guard abs(occurredAtOffset) < 86_400 else { throw BinaryFormatError("bad stored UTC offset \(occurredAtOffset)") }
        id = try r.eventID()
        hash = Digest32(bytes: try r.raw(32))
    }
}
