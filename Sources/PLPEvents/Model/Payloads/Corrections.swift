// Corrections (any stream).
// The payloads of contract section 3; each knows its JSON and binary forms.

/// Voids an earlier event of the same stream: it stays in the log, projections ignore it.
public struct EventVoided: EventBody {
    public static let eventType = EventType.eventVoided
    public static let fieldNames: [String] = ["reason", "ref"]

    public var ref: EventID
    public var reason: String

    /// Makes the payload from values already checked.
    public init(ref: EventID, reason: String) {
        self.ref = ref
        self.reason = reason
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var ref: EventID?
        var reason: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "ref": ref = try d.eventID(key)
            case "reason": reason = try d.text(key)
            default: return false
            }
            return true
        }
        self.init(
            ref: try d.required(ref, "ref"),
            reason: try d.required(reason, "reason")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("reason"); w.string(reason)
        w.key("ref"); w.string(ref.description)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            ref: try r.eventID(),
            reason: try r.string()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.eventID(ref)
        w.string(reason)
    }
}
