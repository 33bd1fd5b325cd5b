/// Writes the canonical JSON of a stored event straight from its stored bytes, without building the typed event or
/// any `String`: the hot path of `verify` and `export` (the result is byte for byte that of ``CanonicalEventLine``).
public enum StoredEventTranscoder {
    /// Writes the event at `seq` whose stored bytes are `bytes`; with `includingHash` an export line, else the leaf bytes.
    /// Returns the header read on the way (its stored hash, type…).
    @discardableResult
    public static func write(seq: UInt64, stored bytes: UnsafeRawBufferPointer, includingHash: Bool,
                             into w: inout CanonicalJSONWriter) throws(BinaryFormatError) -> StoredEventHeader {
        let header = try StoredEventHeader(bytes)
        var r = BinaryReader(bytes, offset: StoredEventCodec.headerSize)
        let streamID = try r.rawString()
        let roleCode = try r.byte()
        guard Int(roleCode) < ActorRole.storageOrder.count else { throw BinaryFormatError("bad actor role \(roleCode)") }
        let role = ActorRole.storageOrder[Int(roleCode)]
        let actorID = try r.rawString()
        let occurredAt = try r.rawString()
        w.beginObject()
        w.key("actor"); w.asciiString { out in
            out.append(contentsOf: role.rawValue.utf8)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: actorID)
        }
        w.key("data"); try transcodePayload(header.type, from: &r, into: &w)
        guard r.isAtEnd else { throw BinaryFormatError("\(bytes.count - r.offset) trailing bytes") }
        if includingHash { w.key("hash"); w.asciiString { header.hash.appendHex(to: &$0) } }
        w.key("id"); w.asciiString { header.id.write(into: &$0) }
        w.key("occurredAt"); w.rawString(occurredAt)
        w.key("recordedAt"); w.asciiString { RecordedAt.format(header.recordedAt, into: &$0) }
        w.key("schema"); w.integer(Int64(header.schema))
        guard let signedSeq = Int64(exactly: seq) else { throw BinaryFormatError("bad seq \(seq)") }
        w.key("seq"); w.integer(signedSeq)
        w.key("stream"); w.asciiString { out in
            out.append(contentsOf: header.streamKind.rawValue.utf8)
            out.append(UInt8(ascii: "/"))
            out.append(contentsOf: streamID)
        }
        w.key("type"); w.asciiString { header.type.writeName(into: &$0) }
        w.key("version"); w.integer(Int64(header.version))
        w.endObject()
        return header
    }

    /// The stored hash and the hash recomputed from the stored content.
    public static func hashes(seq: UInt64, stored bytes: UnsafeRawBufferPointer,
                              scratch w: inout CanonicalJSONWriter) throws(BinaryFormatError) -> (stored: Digest32, recomputed: Digest32) {
        w.reset()
        let header = try write(seq: seq, stored: bytes, includingHash: false, into: &w)
        return (header.hash, w.bytes.withUnsafeBytes { MerkleHash.leaf($0) })
    }
}
