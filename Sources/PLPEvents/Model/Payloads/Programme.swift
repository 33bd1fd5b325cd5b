// The national programme (`programme/BE`).
// The payloads of contract section 3; each knows its JSON and binary forms.

/// A police-academy course for PLP members or coordinators.
public struct CourseDelivered: EventBody {
    public static let eventType = EventType.courseDelivered
    public static let fieldNames: [String] = ["academy", "participants"]

    public var academy: String
    public var participants: Int

    /// Makes the payload from values already checked.
    public init(academy: String, participants: Int) {
        self.academy = academy
        self.participants = participants
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var academy: String?
        var participants: Int?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "academy": academy = try d.text(key)
            case "participants": participants = try d.count(key)
            default: return false
            }
            return true
        }
        self.init(
            academy: try d.required(academy, "academy"),
            participants: try d.required(participants, "participants")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("academy"); w.string(academy)
        w.key("participants"); w.integer(Int64(participants))
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            academy: try r.string(),
            participants: try r.int()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(academy)
        w.int(participants)
    }
}

/// A best practice shared across the network.
public struct BestPracticeShared: EventBody {
    public static let eventType = EventType.bestPracticeShared
    public static let fieldNames: [String] = ["plp", "theme", "title"]

    public var title: String
    public var theme: String
    public var plp: String?

    /// Makes the payload from values already checked.
    public init(title: String, theme: String, plp: String? = nil) {
        self.title = title
        self.theme = theme
        self.plp = plp
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var title: String?
        var theme: String?
        var plp: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "title": title = try d.text(key)
            case "theme": theme = try d.text(key)
            case "plp": plp = try d.entityID(key)
            default: return false
            }
            return true
        }
        self.init(
            title: try d.required(title, "title"),
            theme: try d.required(theme, "theme"),
            plp: plp
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        if let plp { w.key("plp"); w.string(plp) }
        w.key("theme"); w.string(theme)
        w.key("title"); w.string(title)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            title: try r.string(),
            theme: try r.string(),
            plp: try r.optionalString()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(title)
        w.string(theme)
        w.optionalString(plp)
    }
}

/// The comité d'accompagnement met.
public struct SteeringCommitteeMet: EventBody {
    public static let eventType = EventType.steeringCommitteeMet
    public static let fieldNames: [String] = ["decisions", "year"]

    public var year: Int
    public var decisions: String?

    /// Makes the payload from values already checked.
    public init(year: Int, decisions: String? = nil) {
        self.year = year
        self.decisions = decisions
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var year: Int?
        var decisions: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "year": year = try d.year(key)
            case "decisions": decisions = try d.optionalText(key)
            default: return false
            }
            return true
        }
        self.init(
            year: try d.required(year, "year"),
            decisions: decisions
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        if let decisions { w.key("decisions"); w.string(decisions) }
        w.key("year"); w.integer(Int64(year))
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            year: try r.int(),
            decisions: try r.optionalString()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.int(year)
        w.optionalString(decisions)
    }
}
