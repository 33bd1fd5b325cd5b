// PLP life (`plp/ID`): from proposal to dissolution.
// The payloads of contract section 3; each knows its JSON and binary forms.

/// A PLP is proposed: the first event of its stream.
public struct PLPProposed: EventBody {
    public static let eventType = EventType.plpProposed
    public static let fieldNames: [String] = ["area", "commune", "initiator", "kind", "name", "policeZone"]

    public var name: String
    public var kind: PLPKind
    public var commune: NISCode
    public var policeZone: String?
    public var initiator: PLPInitiator
    public var area: String?

    /// Makes the payload from values already checked.
    public init(name: String, kind: PLPKind, commune: NISCode, policeZone: String? = nil, initiator: PLPInitiator, area: String? = nil) {
        self.name = name
        self.kind = kind
        self.commune = commune
        self.policeZone = policeZone
        self.initiator = initiator
        self.area = area
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var name: String?
        var kind: PLPKind?
        var commune: NISCode?
        var policeZone: String?
        var initiator: PLPInitiator?
        var area: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "name": name = try d.text(key)
            case "kind": kind = try d.choice(key, PLPKind.self)
            case "commune": commune = try d.nis(key)
            case "policeZone": policeZone = try d.policeZone(key)
            case "initiator": initiator = try d.choice(key, PLPInitiator.self)
            case "area": area = try d.optionalText(key)
            default: return false
            }
            return true
        }
        self.init(
            name: try d.required(name, "name"),
            kind: try d.required(kind, "kind"),
            commune: try d.required(commune, "commune"),
            policeZone: policeZone,
            initiator: try d.required(initiator, "initiator"),
            area: area
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        if let area { w.key("area"); w.string(area) }
        w.key("commune"); w.string(commune.description)
        w.key("initiator"); w.string(initiator.rawValue)
        w.key("kind"); w.string(kind.rawValue)
        w.key("name"); w.string(name)
        if let policeZone { w.key("policeZone"); w.string(policeZone) }
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            name: try r.string(),
            kind: try r.choice(PLPKind.self),
            commune: try r.nis(),
            policeZone: try r.optionalString(),
            initiator: try r.choice(PLPInitiator.self),
            area: try r.optionalString()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(name)
        w.choice(kind)
        w.nis(commune)
        w.optionalString(policeZone)
        w.choice(initiator)
        w.optionalString(area)
    }
}

/// The *concertation* with the commune and the police was held.
public struct ConsultationHeld: EventBody {
    public static let eventType = EventType.consultationHeld
    public static let fieldNames: [String] = ["parties"]

    public var parties: [ConsultationParty]

    /// Makes the payload from values already checked.
    public init(parties: [ConsultationParty]) {
        self.parties = parties
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var parties: [ConsultationParty]?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "parties": parties = try d.choiceList(key, ConsultationParty.self)
            default: return false
            }
            return true
        }
        self.init(
            parties: try d.required(parties, "parties")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("parties"); w.beginArray(); for item in parties { w.string(item.rawValue) }; w.endArray()
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            parties: try r.choiceList(ConsultationParty.self)
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.choiceList(parties)
    }
}

/// The information evening was held, with or without enough support.
public struct InformationSessionHeld: EventBody {
    public static let eventType = EventType.informationSessionHeld
    public static let fieldNames: [String] = ["attendees", "supportSufficient"]

    public var attendees: Int
    public var supportSufficient: Bool

    /// Makes the payload from values already checked.
    public init(attendees: Int, supportSufficient: Bool) {
        self.attendees = attendees
        self.supportSufficient = supportSufficient
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var attendees: Int?
        var supportSufficient: Bool?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "attendees": attendees = try d.count(key)
            case "supportSufficient": supportSufficient = try d.bool(key)
            default: return false
            }
            return true
        }
        self.init(
            attendees: try d.required(attendees, "attendees"),
            supportSufficient: try d.required(supportSufficient, "supportSufficient")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("attendees"); w.integer(Int64(attendees))
        w.key("supportSufficient"); w.bool(supportSufficient)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            attendees: try r.int(),
            supportSufficient: try r.bool()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.int(attendees)
        w.bool(supportSufficient)
    }
}

/// The local charter was signed by its four signatories.
public struct CharterSigned: EventBody {
    public static let eventType = EventType.charterSigned
    public static let fieldNames: [String] = ["chiefOfPolice", "communicationPlan", "coordinator", "financingPlan", "mandatedOfficer", "mayor"]

    public var mayor: String
    public var chiefOfPolice: String
    public var mandatedOfficer: String
    public var coordinator: String
    public var financingPlan: Bool
    public var communicationPlan: Bool

    /// Makes the payload from values already checked.
    public init(mayor: String, chiefOfPolice: String, mandatedOfficer: String, coordinator: String, financingPlan: Bool, communicationPlan: Bool) {
        self.mayor = mayor
        self.chiefOfPolice = chiefOfPolice
        self.mandatedOfficer = mandatedOfficer
        self.coordinator = coordinator
        self.financingPlan = financingPlan
        self.communicationPlan = communicationPlan
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var mayor: String?
        var chiefOfPolice: String?
        var mandatedOfficer: String?
        var coordinator: String?
        var financingPlan: Bool?
        var communicationPlan: Bool?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "mayor": mayor = try d.text(key)
            case "chiefOfPolice": chiefOfPolice = try d.text(key)
            case "mandatedOfficer": mandatedOfficer = try d.text(key)
            case "coordinator": coordinator = try d.text(key)
            case "financingPlan": financingPlan = try d.bool(key)
            case "communicationPlan": communicationPlan = try d.bool(key)
            default: return false
            }
            return true
        }
        self.init(
            mayor: try d.required(mayor, "mayor"),
            chiefOfPolice: try d.required(chiefOfPolice, "chiefOfPolice"),
            mandatedOfficer: try d.required(mandatedOfficer, "mandatedOfficer"),
            coordinator: try d.required(coordinator, "coordinator"),
            financingPlan: try d.required(financingPlan, "financingPlan"),
            communicationPlan: try d.required(communicationPlan, "communicationPlan")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("chiefOfPolice"); w.string(chiefOfPolice)
        w.key("communicationPlan"); w.bool(communicationPlan)
        w.key("coordinator"); w.string(coordinator)
        w.key("financingPlan"); w.bool(financingPlan)
        w.key("mandatedOfficer"); w.string(mandatedOfficer)
        w.key("mayor"); w.string(mayor)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            mayor: try r.string(),
            chiefOfPolice: try r.string(),
            mandatedOfficer: try r.string(),
            coordinator: try r.string(),
            financingPlan: try r.bool(),
            communicationPlan: try r.bool()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(mayor)
        w.string(chiefOfPolice)
        w.string(mandatedOfficer)
        w.string(coordinator)
        w.bool(financingPlan)
        w.bool(communicationPlan)
    }
}

/// The charter was amended.
public struct CharterAmended: EventBody {
    public static let eventType = EventType.charterAmended
    public static let fieldNames: [String] = ["changes"]

    public var changes: String

    /// Makes the payload from values already checked.
    public init(changes: String) {
        self.changes = changes
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var changes: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "changes": changes = try d.text(key)
            default: return false
            }
            return true
        }
        self.init(
            changes: try d.required(changes, "changes")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("changes"); w.string(changes)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            changes: try r.string()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(changes)
    }
}

/// The SPF Intérieur (DGSP) approved the PLP: its *agrément*.
public struct PLPApproved: EventBody {
    public static let eventType = EventType.plpApproved
    public static let fieldNames: [String] = ["approvalRef"]

    public var approvalRef: String

    /// Makes the payload from values already checked.
    public init(approvalRef: String) {
        self.approvalRef = approvalRef
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var approvalRef: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "approvalRef": approvalRef = try d.text(key)
            default: return false
            }
            return true
        }
        self.init(
            approvalRef: try d.required(approvalRef, "approvalRef")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("approvalRef"); w.string(approvalRef)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            approvalRef: try r.string()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(approvalRef)
    }
}

/// The PLP has a new coordinator.
public struct CoordinatorChanged: EventBody {
    public static let eventType = EventType.coordinatorChanged
    public static let fieldNames: [String] = ["coordinator", "reason"]

    public var coordinator: String
    public var reason: CoordinatorChangeReason?

    /// Makes the payload from values already checked.
    public init(coordinator: String, reason: CoordinatorChangeReason? = nil) {
        self.coordinator = coordinator
        self.reason = reason
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var coordinator: String?
        var reason: CoordinatorChangeReason?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "coordinator": coordinator = try d.text(key)
            case "reason": reason = try d.choice(key, CoordinatorChangeReason.self)
            default: return false
            }
            return true
        }
        self.init(
            coordinator: try d.required(coordinator, "coordinator"),
            reason: reason
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("coordinator"); w.string(coordinator)
        if let reason { w.key("reason"); w.string(reason.rawValue) }
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            coordinator: try r.string(),
            reason: try r.optionalChoice(CoordinatorChangeReason.self)
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(coordinator)
        w.optionalChoice(reason)
    }
}

/// The police mandated a new officer for the PLP.
public struct MandatedOfficerChanged: EventBody {
    public static let eventType = EventType.mandatedOfficerChanged
    public static let fieldNames: [String] = ["officer"]

    public var officer: String

    /// Makes the payload from values already checked.
    public init(officer: String) {
        self.officer = officer
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var officer: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "officer": officer = try d.text(key)
            default: return false
            }
            return true
        }
        self.init(
            officer: try d.required(officer, "officer")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("officer"); w.string(officer)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            officer: try r.string()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(officer)
    }
}

/// An active PLP is suspended.
public struct PLPSuspended: EventBody {
    public static let eventType = EventType.plpSuspended
    public static let fieldNames: [String] = ["reason"]

    public var reason: String

    /// Makes the payload from values already checked.
    public init(reason: String) {
        self.reason = reason
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var reason: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "reason": reason = try d.text(key)
            default: return false
            }
            return true
        }
        self.init(
            reason: try d.required(reason, "reason")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("reason"); w.string(reason)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            reason: try r.string()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(reason)
    }
}

/// A suspended PLP is active again.
public struct PLPReinstated: EventBody {
    public static let eventType = EventType.plpReinstated
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

/// The yearly evaluation of an approved PLP.
public struct PLPEvaluated: EventBody {
    public static let eventType = EventType.plpEvaluated
    public static let fieldNames: [String] = ["assessment", "notes", "year"]

    public var year: Int
    public var assessment: EvaluationAssessment
    public var notes: String?

    /// Makes the payload from values already checked.
    public init(year: Int, assessment: EvaluationAssessment, notes: String? = nil) {
        self.year = year
        self.assessment = assessment
        self.notes = notes
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var year: Int?
        var assessment: EvaluationAssessment?
        var notes: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "year": year = try d.year(key)
            case "assessment": assessment = try d.choice(key, EvaluationAssessment.self)
            case "notes": notes = try d.optionalText(key)
            default: return false
            }
            return true
        }
        self.init(
            year: try d.required(year, "year"),
            assessment: try d.required(assessment, "assessment"),
            notes: notes
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("assessment"); w.string(assessment.rawValue)
        if let notes { w.key("notes"); w.string(notes) }
        w.key("year"); w.integer(Int64(year))
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            year: try r.int(),
            assessment: try r.choice(EvaluationAssessment.self),
            notes: try r.optionalString()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.int(year)
        w.choice(assessment)
        w.optionalString(notes)
    }
}

/// The PLP is dissolved; nothing may follow but corrections.
public struct PLPDissolved: EventBody {
    public static let eventType = EventType.plpDissolved
    public static let fieldNames: [String] = ["reason"]

    public var reason: String

    /// Makes the payload from values already checked.
    public init(reason: String) {
        self.reason = reason
    }

    public init(decoding d: inout DataDecoder) throws(EventLineError) {
        var reason: String?
        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in
            switch key {
            case "reason": reason = try d.text(key)
            default: return false
            }
            return true
        }
        self.init(
            reason: try d.required(reason, "reason")
        )
    }

    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        w.beginObject()
        w.key("reason"); w.string(reason)
        w.endObject()
    }

    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {
        self.init(
            reason: try r.string()
        )
    }

    public func encodeBinary(into w: inout BinaryWriter) {
        w.string(reason)
    }
}
