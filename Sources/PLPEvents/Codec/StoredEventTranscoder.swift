/// Writes the canonical JSON of a stored event straight from its stored bytes, without building the typed event or
/// any `String`: the hot path of `verify` and `export` (the result is byte for byte that of ``CanonicalEventLine``).
public enum StoredEventTranscoder {
    /// Writes the event at `seq` whose stored bytes are `bytes`; with `includingHash` an export line, else the leaf bytes.
    /// Returns the header read on the way (its stored hash, type…).
    @discardableResult
    public static func write<Writer: JSONLineWriting>(seq: UInt64, stored bytes: UnsafeRawBufferPointer, includingHash: Bool,
                                                      into w: inout Writer) throws(BinaryFormatError) -> StoredEventHeader {
        let header = try StoredEventHeader(bytes)
        var r = BinaryReader(bytes, offset: StoredEventCodec.headerSize)
        let streamID = try r.rawString()
        let roleCode = try r.byte()
        guard Int(roleCode) < ActorRole.storageOrder.count else { throw BinaryFormatError("bad actor role \(roleCode)") }
        let role = ActorRole.storageOrder[Int(roleCode)]
        let actorID = try r.rawString()
        let occurredAt = try r.rawString()
        guard let signedSeq = Int64(exactly: seq) else { throw BinaryFormatError("bad seq \(seq)") }
        // The envelope's keys and commas are constant: written as fragments (the line is a top-level object, so each
        // value written between them, at depth 0, takes no comma of its own); the payload is a nested object.
        assert(w.depth == 0, "an event line is written at the top level")
        w.fragment(#"{"actor":"#)
        w.asciiString { out in
            out.appendUTF8(role.rawValue)
            out.appendByte(UInt8(ascii: ":"))
            out.appendBytes(actorID)
        }
        w.fragment(#","data":"#)
        try transcodePayload(header.type, from: &r, into: &w)
        guard r.isAtEnd else { throw BinaryFormatError("\(bytes.count - r.offset) trailing bytes") }
        if includingHash {
            w.fragment(#","hash":"#)
            w.asciiString { header.hash.appendHex(to: &$0) }
        }
        w.fragment(#","id":"#)
        w.asciiString { header.id.write(into: &$0) }
        w.fragment(#","occurredAt":"#)
        w.rawString(occurredAt)
        w.fragment(#","recordedAt":"#)
        w.asciiString { RecordedAt.format(header.recordedAt, into: &$0) }
        w.fragment(#","schema":"#)
        w.integer(Int64(header.schema))
        w.fragment(#","seq":"#)
        w.integer(signedSeq)
        w.fragment(#","stream":"#)
        w.asciiString { out in
            out.appendUTF8(header.streamKind.rawValue)
            out.appendByte(UInt8(ascii: "/"))
            out.appendBytes(streamID)
        }
        w.fragment(#","type":"#)
        w.asciiString { header.type.writeName(into: &$0) }
        w.fragment(#","version":"#)
        w.integer(Int64(header.version))
        w.fragment("}")
        return header
    }

    /// The stored hash and the hash recomputed from the stored content, the leaf bytes written in `buffer`.
    public static func hashes(seq: UInt64, stored bytes: UnsafeRawBufferPointer,
                              buffer: FixedJSONBuffer) throws(BinaryFormatError) -> (stored: Digest32, recomputed: Digest32) {
        try buffer.withWriter { (w: inout FixedJSONWriter) throws(BinaryFormatError) in
            let header = try write(seq: seq, stored: bytes, includingHash: false, into: &w)
            try checkFits(w)
            return (header.hash, MerkleHash.leaf(w.written))
        }
    }

    /// Refuses a line that did not fit its buffer: no event the ledger admits has one, so the stored bytes are damaged.
    static func checkFits(_ w: borrowing FixedJSONWriter) throws(BinaryFormatError) {
        guard !w.overflowed else {
            throw BinaryFormatError("its canonical form is longer than \(EventLimits.grouped(CanonicalEventLine.lineBufferBytes)) bytes, which no event the ledger admits has")
        }
    }
}
