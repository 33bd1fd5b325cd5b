// Membership (`member/ID`): one member of one PLP.
// The payloads of contract section 3; each knows its JSON and binary forms.

/// A resident, self-employed person or company joined a PLP.
public struct MemberJoined: EventBody {
    public static let eventType = EventType.memberJoined
    public static let fieldNames: [String] = ["channels", "contact", "kind", "newsletter", "plp"]

    public var plp: String
    public var kind: MemberKind
    public var channels: [Channel]
    public var newsletter: Bool?
    public var contact: Contact

    /// Makes the payload from values already checked.
    public init(plp: String, kind: MemberKind, channels: [Channel], newsletter: Bool? = nil, contact: Contact) {
        self.plp = plp
        self.kind = kind
        self.channels = channels
        self.newsletter = newsletter
        self.contact = contact
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var plp: String?
        var kind: MemberKind?
        var channels: [Channel]?
        var newsletter: Bool?
        var contact: Contact?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "plp": plp = try d.entityID(key)
            case "kind": kind = try d.choice(key, MemberKind.self)
            case "channels": channels = try d.choiceList(key, Channel.self)
            case "newsletter": newsletter = try d.bool(key)
            case "contact": contact = try d.contact(key)
            default: return false
            }
            return true
        }
        self.init(
            plp: try d.required(plp, "plp"),
            kind: try d.required(kind, "kind"),
            channels: try d.required(channels, "channels"),
            newsletter: newsletter,
            contact: try d.required(contact, "contact")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("channels"); w.beginArray(); for item in channels { w.string(item.rawValue) }; w.endArray()
        w.key("contact"); contact.encodeJSON(into: &w)
        w.key("kind"); w.string(kind.rawValue)
        if let newsletter { w.key("newsletter"); w.bool(newsletter) }
        w.key("plp"); w.string(plp)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            plp: try r.string(),
            kind: try r.choice(MemberKind.self),
            channels: try r.choiceList(Channel.self),
            newsletter: try r.optionalBool(),
            contact: try r.contact()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(plp)
        w.choice(kind)
        w.choiceList(channels)
        w.optionalBool(newsletter)
        w.contact(contact)
    }
}

/// A member's contact details changed.
public struct MemberContactChanged: EventBody {
    public static let eventType = EventType.memberContactChanged
    public static let fieldNames: [String] = ["contact"]

    public var contact: Contact

    /// Makes the payload from values already checked.
    public init(contact: Contact) {
        self.contact = contact
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var contact: Contact?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "contact": contact = try d.contact(key)
            default: return false
            }
            return true
        }
        self.init(
            contact: try d.required(contact, "contact")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("contact"); contact.encodeJSON(into: &w)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            contact: try r.contact()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.contact(contact)
    }
}

/// A member left the PLP.
public struct MemberLeft: EventBody {
    public static let eventType = EventType.memberLeft
    public static let fieldNames: [String] = ["reason"]

    public var reason: LeaveReason?

    /// Makes the payload from values already checked.
    public init(reason: LeaveReason? = nil) {
        self.reason = reason
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var reason: LeaveReason?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "reason": reason = try d.choice(key, LeaveReason.self)
            default: return false
            }
            return true
        }
        self.init(
            reason: reason
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        if let reason { w.key("reason"); w.string(reason.rawValue) }
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            reason: try r.optionalChoice(LeaveReason.self)
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.optionalChoice(reason)
    }
}

/// A member's contact data is erased (GDPR): the key that seals it is destroyed.
public struct MemberErased: EventBody {
    public static let eventType = EventType.memberErased
    public static let fieldNames: [String] = []

    /// Makes the payload from values already checked.
    public init() {
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        try d.forEachField(of: Self.self) { _, _ throws(EventLineError) in false }
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
    }

    public func encodeBinary(into w: inout BinaryWriter) {
    }
}
