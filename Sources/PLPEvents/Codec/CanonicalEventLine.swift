/// The canonical JSON of an event (contract section 5): the exported line, and the leaf bytes that are hashed.
///
/// Keys are written in RFC 8785 order: actor, data, hash, id, occurredAt, recordedAt, schema, seq, stream, type, version.
public enum CanonicalEventLine {
    /// Writes the event's canonical JSON; with `includingHash` the `hash` field is written (an export line),
    /// without it these are the leaf bytes.
    public static func write<Writer: JSONLineWriting>(_ event: RecordedEvent, includingHash: Bool, into w: inout Writer) {
        w.beginObject()
        w.key("actor"); w.asciiString { event.actor.write(into: &$0) }
        w.key("data"); event.payload.encodeJSON(into: &w)
        if includingHash { w.key("hash"); w.asciiString { event.hash.appendHex(to: &$0) } }
        w.key("id"); w.asciiString { event.id.write(into: &$0) }
        w.key("occurredAt"); w.string(event.occurredAt.text)
        w.key("recordedAt"); w.asciiString { RecordedAt.format(event.recordedAt, into: &$0) }
        w.key("schema"); w.integer(Int64(event.schema))
        w.key("seq"); w.integer(Int64(event.seq))
        w.key("stream"); w.asciiString { event.stream.write(into: &$0) }
        w.key("type"); w.asciiString { event.type.writeName(into: &$0) }
        w.key("version"); w.integer(Int64(event.version))
        w.endObject()
    }

    /// Bytes of the buffers one event's canonical line is written into: four times the largest line an event the
    /// ledger admits can have (its leaf bytes are at most ``EventLimits/leafBytes``; its hash adds 75).
    public static let lineBufferBytes = 4 * (EventLimits.leafBytes + 1)

    /// A buffer for one event's canonical line (`verify`, `export`, admission: one per thread, kept from line to line).
    public static func lineBuffer() -> FixedJSONBuffer { FixedJSONBuffer(capacity: lineBufferBytes) }

    /// The leaf hash of an event: SHA-256(0x00 ‖ canonical JSON without `hash`).
    public static func leafHash(of event: RecordedEvent, scratch w: inout CanonicalJSONWriter) -> Digest32 {
        w.reset()
        write(event, includingHash: false, into: &w)
        return w.bytes.withUnsafeBytes { MerkleHash.leaf($0) }
    }

    /// The leaf hash of an event and the number of its leaf bytes, written in `buffer` (or, for leaf bytes too many
    /// for it, which no admitted event has, in a growing writer).
    static func leafHash(of event: RecordedEvent, buffer: FixedJSONBuffer) -> (hash: Digest32, leafBytes: Int) {
        let fitted: (hash: Digest32, leafBytes: Int)? = buffer.withWriter { (w: inout FixedJSONWriter) in
            write(event, includingHash: false, into: &w)
            return w.overflowed ? nil : (MerkleHash.leaf(w.written), w.count)
        }
        if let fitted { return fitted }
        var scratch = CanonicalJSONWriter()
        return (leafHash(of: event, scratch: &scratch), scratch.bytes.count)
    }

    /// The export line of an event, with its `\n`.
    public static func exportLine(of event: RecordedEvent) -> [UInt8] {
        var w = CanonicalJSONWriter()
        write(event, includingHash: true, into: &w)
        w.bytes.append(UInt8(ascii: "\n"))
        return w.bytes
    }
}

extension CanonicalEventLine {
    /// Writes a new event as an import line (no `seq`, `version`, `recordedAt` or `hash`: the ledger assigns them),
    /// keys in canonical order; `expectedVersion` is written when set.
    public static func writeSubmission(_ event: NewEvent, into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("actor"); w.string(event.actor.description)
        w.key("data"); event.payload.encodeJSON(into: &w)
        if let expected = event.expectedVersion { w.key("expectedVersion"); w.integer(Int64(expected)) }
        if let id = event.id { w.key("id"); w.string(id.description) }
        w.key("occurredAt"); w.string(event.occurredAt.text)
        w.key("stream"); w.string(event.stream.description)
        w.key("type"); w.string(event.type.rawValue)
        w.endObject()
    }
}
