// Generated from the event catalogue (contract section 3): each payload read from its stored form and written as
// canonical JSON directly, strings copied from the stored bytes. Kept in step with Model/Payloads/*.swift by
// StoredEventTranscoderTests, which compares it with the typed path for every event type.

extension StoredEventTranscoder {
    /// Writes the `data` object of a stored payload of type `type`.
    static func transcodePayload(_ type: EventType, from r: inout BinaryReader, into w: inout CanonicalJSONWriter) throws(BinaryFormatError) {
        switch type {
        case .plpProposed:
            let name = try r.rawString()
            let kind = try r.choice(PLPKind.self)
            let commune = try r.nis()
            let policeZone = try r.optionalRawString()
            let initiator = try r.choice(PLPInitiator.self)
            let area = try r.optionalRawString()
            w.beginObject()
            if let area { w.key("area"); w.rawString(area) }
            w.key("commune"); w.asciiString { $0.append(contentsOf: commune.description.utf8) }
            w.key("initiator"); w.asciiString { $0.append(contentsOf: initiator.rawValue.utf8) }
            w.key("kind"); w.asciiString { $0.append(contentsOf: kind.rawValue.utf8) }
            w.key("name"); w.rawString(name)
            if let policeZone { w.key("policeZone"); w.rawString(policeZone) }
            w.endObject()
        case .consultationHeld:
            let parties = try r.choiceList(ConsultationParty.self)
            w.beginObject()
            w.key("parties"); w.beginArray(); for item in parties { w.asciiString { $0.append(contentsOf: item.rawValue.utf8) } }; w.endArray()
            w.endObject()
        case .informationSessionHeld:
            let attendees = try r.int()
            let supportSufficient = try r.bool()
            w.beginObject()
            w.key("attendees"); w.integer(Int64(attendees))
            w.key("supportSufficient"); w.bool(supportSufficient)
            w.endObject()
        case .charterSigned:
            let mayor = try r.rawString()
            let chiefOfPolice = try r.rawString()
            let mandatedOfficer = try r.rawString()
            let coordinator = try r.rawString()
            let financingPlan = try r.bool()
            let communicationPlan = try r.bool()
            w.beginObject()
            w.key("chiefOfPolice"); w.rawString(chiefOfPolice)
            w.key("communicationPlan"); w.bool(communicationPlan)
            w.key("coordinator"); w.rawString(coordinator)
            w.key("financingPlan"); w.bool(financingPlan)
            w.key("mandatedOfficer"); w.rawString(mandatedOfficer)
            w.key("mayor"); w.rawString(mayor)
            w.endObject()
        case .charterAmended:
            let changes = try r.rawString()
            w.beginObject()
            w.key("changes"); w.rawString(changes)
            w.endObject()
        case .plpApproved:
            let approvalRef = try r.rawString()
            w.beginObject()
            w.key("approvalRef"); w.rawString(approvalRef)
            w.endObject()
        case .coordinatorChanged:
            let coordinator = try r.rawString()
            let reason = try r.optionalChoice(CoordinatorChangeReason.self)
            w.beginObject()
            w.key("coordinator"); w.rawString(coordinator)
            if let reason { w.key("reason"); w.asciiString { $0.append(contentsOf: reason.rawValue.utf8) } }
            w.endObject()
        case .mandatedOfficerChanged:
            let officer = try r.rawString()
            w.beginObject()
            w.key("officer"); w.rawString(officer)
            w.endObject()
        case .plpSuspended:
            let reason = try r.rawString()
            w.beginObject()
            w.key("reason"); w.rawString(reason)
            w.endObject()
        case .plpReinstated:
            w.beginObject()
            w.endObject()
        case .plpEvaluated:
            let year = try r.int()
            let assessment = try r.choice(EvaluationAssessment.self)
            let notes = try r.optionalRawString()
            w.beginObject()
            w.key("assessment"); w.asciiString { $0.append(contentsOf: assessment.rawValue.utf8) }
            if let notes { w.key("notes"); w.rawString(notes) }
            w.key("year"); w.integer(Int64(year))
            w.endObject()
        case .plpDissolved:
            let reason = try r.rawString()
            w.beginObject()
            w.key("reason"); w.rawString(reason)
            w.endObject()
        case .memberJoined:
            let plp = try r.rawString()
            let kind = try r.choice(MemberKind.self)
            let channels = try r.choiceList(Channel.self)
            let newsletter = try r.optionalBool()
            let contact = try r.contact()
            w.beginObject()
            w.key("channels"); w.beginArray(); for item in channels { w.asciiString { $0.append(contentsOf: item.rawValue.utf8) } }; w.endArray()
            w.key("contact"); contact.encodeJSON(into: &w)
            w.key("kind"); w.asciiString { $0.append(contentsOf: kind.rawValue.utf8) }
            if let newsletter { w.key("newsletter"); w.bool(newsletter) }
            w.key("plp"); w.rawString(plp)
            w.endObject()
        case .memberContactChanged:
            let contact = try r.contact()
            w.beginObject()
            w.key("contact"); contact.encodeJSON(into: &w)
            w.endObject()
        case .memberLeft:
            let reason = try r.optionalChoice(LeaveReason.self)
            w.beginObject()
            if let reason { w.key("reason"); w.asciiString { $0.append(contentsOf: reason.rawValue.utf8) } }
            w.endObject()
        case .memberErased:
            w.beginObject()
            w.endObject()
        case .reportFiled:
            let commune = try r.nis()
            let category = try r.choice(ReportCategory.self)
            let via = try r.choice(ReportVia.self)
            let plp = try r.optionalRawString()
            let member = try r.optionalRawString()
            w.beginObject()
            w.key("category"); w.asciiString { $0.append(contentsOf: category.rawValue.utf8) }
            w.key("commune"); w.asciiString { $0.append(contentsOf: commune.description.utf8) }
            if let member { w.key("member"); w.rawString(member) }
            if let plp { w.key("plp"); w.rawString(plp) }
            w.key("via"); w.asciiString { $0.append(contentsOf: via.rawValue.utf8) }
            w.endObject()
        case .reportAssessed:
            let outcome = try r.choice(ReportOutcome.self)
            w.beginObject()
            w.key("outcome"); w.asciiString { $0.append(contentsOf: outcome.rawValue.utf8) }
            w.endObject()
        case .feedbackGiven:
            let plp = try r.rawString()
            let outcome = try r.choice(FeedbackOutcome.self)
            let message = try r.optionalRawString()
            w.beginObject()
            if let message { w.key("message"); w.rawString(message) }
            w.key("outcome"); w.asciiString { $0.append(contentsOf: outcome.rawValue.utf8) }
            w.key("plp"); w.rawString(plp)
            w.endObject()
        case .alertSent:
            let plp = try r.rawString()
            let kind = try r.choice(AlertKind.self)
            let channel = try r.choice(Channel.self)
            let advice = try r.rawString()
            let recipients = try r.int()
            let report = try r.optionalRawString()
            w.beginObject()
            w.key("advice"); w.rawString(advice)
            w.key("channel"); w.asciiString { $0.append(contentsOf: channel.rawValue.utf8) }
            w.key("kind"); w.asciiString { $0.append(contentsOf: kind.rawValue.utf8) }
            w.key("plp"); w.rawString(plp)
            w.key("recipients"); w.integer(Int64(recipients))
            if let report { w.key("report"); w.rawString(report) }
            w.endObject()
        case .crimeRecorded:
            let category = try r.choice(CrimeCategory.self)
            let attempted = try r.bool()
            let occurredOn = try r.date()
            let policeZone = try r.optionalRawString()
            w.beginObject()
            w.key("attempted"); w.bool(attempted)
            w.key("category"); w.asciiString { $0.append(contentsOf: category.rawValue.utf8) }
            w.key("occurredOn"); w.asciiString { occurredOn.appendISO(to: &$0) }
            if let policeZone { w.key("policeZone"); w.rawString(policeZone) }
            w.endObject()
        case .courseDelivered:
            let academy = try r.rawString()
            let participants = try r.int()
            w.beginObject()
            w.key("academy"); w.rawString(academy)
            w.key("participants"); w.integer(Int64(participants))
            w.endObject()
        case .bestPracticeShared:
            let title = try r.rawString()
            let theme = try r.rawString()
            let plp = try r.optionalRawString()
            w.beginObject()
            if let plp { w.key("plp"); w.rawString(plp) }
            w.key("theme"); w.rawString(theme)
            w.key("title"); w.rawString(title)
            w.endObject()
        case .steeringCommitteeMet:
            let year = try r.int()
            let decisions = try r.optionalRawString()
            w.beginObject()
            if let decisions { w.key("decisions"); w.rawString(decisions) }
            w.key("year"); w.integer(Int64(year))
            w.endObject()
        case .eventVoided:
            let ref = try r.eventID()
            let reason = try r.rawString()
            w.beginObject()
            w.key("reason"); w.rawString(reason)
            w.key("ref"); w.asciiString { ref.write(into: &$0) }
            w.endObject()
        }
    }
}
