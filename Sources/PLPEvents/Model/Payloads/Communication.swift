// Reports, alerts and feedback: the PLP message chain.
// The payloads of contract section 3; each knows its JSON and binary forms.

/// A citizen reported something suspicious to the police.
public struct ReportFiled: EventBody {
    public static let eventType = EventType.reportFiled
    public static let fieldNames: [String] = ["category", "commune", "member", "plp", "via"]

    public var commune: NISCode
    public var category: ReportCategory
    public var via: ReportVia
    public var plp: String?
    public var member: String?

    /// Makes the payload from values already checked.
    public init(commune: NISCode, category: ReportCategory, via: ReportVia, plp: String? = nil, member: String? = nil) {
        self.commune = commune
        self.category = category
        self.via = via
        self.plp = plp
        self.member = member
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var commune: NISCode?
        var category: ReportCategory?
        var via: ReportVia?
        var plp: String?
        var member: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "commune": commune = try d.nis(key)
            case "category": category = try d.choice(key, ReportCategory.self)
            case "via": via = try d.choice(key, ReportVia.self)
            case "plp": plp = try d.entityID(key)
            case "member": member = try d.entityID(key)
            default: return false
            }
            return true
        }
        self.init(
            commune: try d.required(commune, "commune"),
            category: try d.required(category, "category"),
            via: try d.required(via, "via"),
            plp: plp,
            member: member
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("category"); w.string(category.rawValue)
        w.key("commune"); w.string(commune.description)
        if let member { w.key("member"); w.string(member) }
        if let plp { w.key("plp"); w.string(plp) }
        w.key("via"); w.string(via.rawValue)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            commune: try r.nis(),
            category: try r.choice(ReportCategory.self),
            via: try r.choice(ReportVia.self),
            plp: try r.optionalString(),
            member: try r.optionalString()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.nis(commune)
        w.choice(category)
        w.choice(via)
        w.optionalString(plp)
        w.optionalString(member)
    }
}

/// The police assessed a report.
public struct ReportAssessed: EventBody {
    public static let eventType = EventType.reportAssessed
    public static let fieldNames: [String] = ["outcome"]

    public var outcome: ReportOutcome

    /// Makes the payload from values already checked.
    public init(outcome: ReportOutcome) {
        self.outcome = outcome
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var outcome: ReportOutcome?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "outcome": outcome = try d.choice(key, ReportOutcome.self)
            default: return false
            }
            return true
        }
        self.init(
            outcome: try d.required(outcome, "outcome")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("outcome"); w.string(outcome.rawValue)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            outcome: try r.choice(ReportOutcome.self)
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.choice(outcome)
    }
}

/// The police told the PLP what came of a report.
public struct FeedbackGiven: EventBody {
    public static let eventType = EventType.feedbackGiven
    public static let fieldNames: [String] = ["message", "outcome", "plp"]

    public var plp: String
    public var outcome: FeedbackOutcome
    public var message: String?

    /// Makes the payload from values already checked.
    public init(plp: String, outcome: FeedbackOutcome, message: String? = nil) {
        self.plp = plp
        self.outcome = outcome
        self.message = message
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var plp: String?
        var outcome: FeedbackOutcome?
        var message: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "plp": plp = try d.entityID(key)
            case "outcome": outcome = try d.choice(key, FeedbackOutcome.self)
            case "message": message = try d.optionalText(key)
            default: return false
            }
            return true
        }
        self.init(
            plp: try d.required(plp, "plp"),
            outcome: try d.required(outcome, "outcome"),
            message: message
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        if let message { w.key("message"); w.string(message) }
        w.key("outcome"); w.string(outcome.rawValue)
        w.key("plp"); w.string(plp)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            plp: try r.string(),
            outcome: try r.choice(FeedbackOutcome.self),
            message: try r.optionalString()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(plp)
        w.choice(outcome)
        w.optionalString(message)
    }
}

/// The police sent a message to a PLP's members.
public struct AlertSent: EventBody {
    public static let eventType = EventType.alertSent
    public static let fieldNames: [String] = ["advice", "channel", "kind", "plp", "recipients", "report"]

    public var plp: String
    public var kind: AlertKind
    public var channel: Channel
    public var advice: String
    public var recipients: Int
    public var report: String?

    /// Makes the payload from values already checked.
    public init(plp: String, kind: AlertKind, channel: Channel, advice: String, recipients: Int, report: String? = nil) {
        self.plp = plp
        self.kind = kind
        self.channel = channel
        self.advice = advice
        self.recipients = recipients
        self.report = report
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var plp: String?
        var kind: AlertKind?
        var channel: Channel?
        var advice: String?
        var recipients: Int?
        var report: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "plp": plp = try d.entityID(key)
            case "kind": kind = try d.choice(key, AlertKind.self)
            case "channel": channel = try d.choice(key, Channel.self)
            case "advice": advice = try d.text(key)
            case "recipients": recipients = try d.count(key)
            case "report": report = try d.entityID(key)
            default: return false
            }
            return true
        }
        self.init(
            plp: try d.required(plp, "plp"),
            kind: try d.required(kind, "kind"),
            channel: try d.required(channel, "channel"),
            advice: try d.required(advice, "advice"),
            recipients: try d.required(recipients, "recipients"),
            report: report
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("advice"); w.string(advice)
        w.key("channel"); w.string(channel.rawValue)
        w.key("kind"); w.string(kind.rawValue)
        w.key("plp"); w.string(plp)
        w.key("recipients"); w.integer(Int64(recipients))
        if let report { w.key("report"); w.string(report) }
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            plp: try r.string(),
            kind: try r.choice(AlertKind.self),
            channel: try r.choice(Channel.self),
            advice: try r.string(),
            recipients: try r.int(),
            report: try r.optionalString()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(plp)
        w.choice(kind)
        w.choice(channel)
        w.string(advice)
        w.int(recipients)
        w.optionalString(report)
    }
}
