/// The bound on an event's stored size (contract section 9): its leaf bytes — the canonical line without `hash`, with
/// `contact` sealed (section 5) — are at most 65,535, so every exported line can be read back and every event fits
/// one entry of a C2SP tile.
enum LeafBytesLimit {
    /// The leaf hash of `event`, its leaf bytes written in `buffer`; refuses the event when they are too many.
    static func leafHash(of event: RecordedEvent, buffer: FixedJSONBuffer) throws(EventLineError) -> Digest32 {
        let (hash, size) = CanonicalEventLine.leafHash(of: event, buffer: buffer)
        guard size > EventLimits.leafBytes else { return hash }
        // Too long: written again as a value, to name the text to shorten.
        var scratch = CanonicalJSONWriter()
        CanonicalEventLine.write(event, includingHash: false, into: &scratch)
        throw refusal(size: size, leafBytes: scratch.bytes)
    }

    /// One sentence naming the longest text of the event, the one to shorten.
    static func refusal(size: Int, leafBytes: [UInt8]) -> EventLineError {
        let whole = "the event's stored form is \(EventLimits.grouped(size)) bytes, above the limit of "
            + "\(EventLimits.grouped(EventLimits.leafBytes)) (contract section 9)"
        guard let value = try? JSONValue.parse(leafBytes), let longest = longestText(in: value, path: "") else {
            return EventLineError(field: "event", "its stored form is \(EventLimits.grouped(size)) bytes, above the limit of "
                                  + "\(EventLimits.grouped(EventLimits.leafBytes)) (contract section 9)")
        }
        let length = EventLimits.grouped(longest.bytes)
        if longest.path == "data.contact.sealed" {
            return EventLineError(field: "data.contact", "once sealed it is \(length) bytes, so \(whole)")
        }
        return EventLineError(field: longest.path, "is \(length) bytes long, so \(whole)")
    }

    /// The path and UTF-8 length of the longest string in `value`.
    static func longestText(in value: JSONValue, path: String) -> (path: String, bytes: Int)? {
        switch value {
        case .string(let text):
            return (path, text.utf8.count)
        case .object(let members):
            var best: (path: String, bytes: Int)?
            for member in members {
                let inner = path.isEmpty ? member.key : "\(path).\(member.key)"
                if let found = longestText(in: member.value, path: inner), found.bytes > best?.bytes ?? -1 { best = found }
            }
            return best
        case .array(let elements):
            var best: (path: String, bytes: Int)?
            for element in elements {
                if let found = longestText(in: element, path: path), found.bytes > best?.bytes ?? -1 { best = found }
            }
            return best
        case .null, .bool, .integer, .number:
            return nil
        }
    }
}
