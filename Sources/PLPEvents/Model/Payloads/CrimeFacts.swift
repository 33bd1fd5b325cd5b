// Crime facts (`commune/NIS`).
// The payloads of contract section 3; each knows its JSON and binary forms.

/// A crime fact recorded by the police in a commune.
public struct CrimeRecorded: EventBody {
    public static let eventType = EventType.crimeRecorded
    public static let fieldNames: [String] = ["attempted", "category", "occurredOn", "policeZone"]

    public var category: CrimeCategory
    public var attempted: Bool
    public var occurredOn: CivilDate
    public var policeZone: String?

    /// Makes the payload from values already checked.
    public init(category: CrimeCategory, attempted: Bool, occurredOn: CivilDate, policeZone: String? = nil) {
        self.category = category
        self.attempted = attempted
        self.occurredOn = occurredOn
        self.policeZone = policeZone
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var category: CrimeCategory?
        var attempted: Bool?
        var occurredOn: CivilDate?
        var policeZone: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "category": category = try d.choice(key, CrimeCategory.self)
            case "attempted": attempted = try d.bool(key)
            case "occurredOn": occurredOn = try d.date(key)
            case "policeZone": policeZone = try d.policeZone(key)
            default: return false
            }
            return true
        }
        self.init(
            category: try d.required(category, "category"),
            attempted: try d.required(attempted, "attempted"),
            occurredOn: try d.required(occurredOn, "occurredOn"),
            policeZone: policeZone
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("attempted"); w.bool(attempted)
        w.key("category"); w.string(category.rawValue)
        w.key("occurredOn"); w.string(occurredOn.description)
        if let policeZone { w.key("policeZone"); w.string(policeZone) }
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            category: try r.choice(CrimeCategory.self),
            attempted: try r.bool(),
            occurredOn: try r.date(),
            policeZone: try r.optionalString()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.choice(category)
        w.bool(attempted)
        w.date(occurredOn)
        w.optionalString(policeZone)
    }
}
