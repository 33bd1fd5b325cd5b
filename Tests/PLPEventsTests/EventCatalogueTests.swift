import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// Every event type of contract section 3, valid and invalid.
@Suite struct EventCatalogueTests {
    static let valid: [(String, String, String)] = [
        ("plp/x", "PLPProposed", #"{"name":"PLP Bree","kind":"residential","commune":"72004","initiator":"residents","policeZone":"5305","area":"Dorp"}"#),
        ("plp/x", "ConsultationHeld", #"{"parties":["authority"]}"#),
        ("plp/x", "InformationSessionHeld", #"{"attendees":0,"supportSufficient":false}"#),
        ("plp/x", "CharterSigned", #"{"mayor":"a","chiefOfPolice":"b","mandatedOfficer":"c","coordinator":"d","financingPlan":false,"communicationPlan":true}"#),
        ("plp/x", "CharterAmended", #"{"changes":"BE-Alert"}"#),
        ("plp/x", "PLPApproved", #"{"approvalRef":"SPF-2019-1"}"#),
        ("plp/x", "CoordinatorChanged", #"{"coordinator":"Lars","reason":"resigned"}"#),
        ("plp/x", "MandatedOfficerChanged", #"{"officer":"Insp. Maes"}"#),
        ("plp/x", "PLPSuspended", #"{"reason":"inactive"}"#),
        ("plp/x", "PLPReinstated", #"{}"#),
        ("plp/x", "PLPEvaluated", #"{"year":2024,"assessment":"continue","notes":"ok"}"#),
        ("plp/x", "PLPDissolved", #"{"reason":"merged"}"#),
        ("member/m", "MemberJoined", #"{"plp":"x","kind":"company","channels":["app"],"newsletter":true,"contact":{"name":"Ann","email":"a@b.be"}}"#),
        ("member/m", "MemberContactChanged", #"{"contact":{"name":"Ann","phone":"+32"}}"#),
        ("member/m", "MemberLeft", #"{"reason":"moved"}"#),
        ("member/m", "MemberLeft", #"{}"#),
        ("member/m", "MemberErased", #"{}"#),
        ("report/r", "ReportFiled", #"{"commune":"21004","category":"fire-or-co-risk","via":"112","plp":"x","member":"m"}"#),
        ("report/r", "ReportAssessed", #"{"outcome":"false-alarm"}"#),
        ("report/r", "FeedbackGiven", #"{"plp":"x","outcome":"investigation-ongoing","message":"merci"}"#),
        ("alert/a", "AlertSent", #"{"plp":"x","kind":"urgent","channel":"voice","advice":"Fermez","recipients":12,"report":"r"}"#),
        ("commune/21004", "CrimeRecorded", #"{"category":"vehicle-theft","attempted":true,"occurredOn":"2024-03-01","policeZone":"5339"}"#),
        ("programme/BE", "CourseDelivered", #"{"academy":"ANPA","participants":20}"#),
        ("programme/BE", "BestPracticeShared", #"{"title":"t","theme":"communication","plp":"x"}"#),
        ("programme/BE", "SteeringCommitteeMet", #"{"year":2024}"#),
        ("plp/x", "EventVoided", #"{"ref":"9221b163-123e-44c4-87d8-4e47d17db51d","reason":"typo"}"#),
    ]

    @Test func everyTypeDecodesAndRoundTripsThroughItsStoredForm() throws {
        #expect(Set(Self.valid.map(\.1)) == Set(EventType.allCases.map(\.rawValue)))
        for (stream, type, data) in Self.valid {
            let event = try Lines.decode(Lines.event(stream, type, data, at: "2024-03-05T10:00:00+01:00"))
            #expect(event.type.rawValue == type)
            let recorded = RecordedEvent(id: EventID.random(), stream: event.stream, seq: 7, version: 3, recordedAt: 1_700_000_000_000_000,
                                         occurredAt: event.occurredAt, actor: event.actor, schema: 1, payload: event.payload,
                                         hash: MerkleHash.emptyRoot)
            var writer = BinaryWriter()
            StoredEventCodec.encode(recorded, into: &writer)
            let decoded = try writer.bytes.withUnsafeBytes { try StoredEventCodec.decode(seq: 7, $0) }
            #expect(decoded == recorded)
            // The canonical data is the input with keys sorted (all inputs here are already canonical but for order).
            var json = CanonicalJSONWriter()
            event.payload.encodeJSON(into: &json)
            let reparsed = try JSONValue.parse(json.bytes)
            let original = try JSONValue.parse(Array(data.utf8))
            #expect(reparsed.canonicalBytes() == original.canonicalBytes())
        }
    }

    @Test(arguments: [
        (#"{"name":"P","kind":"house","commune":"72004","initiator":"residents"}"#, "data.kind", "'house' is not one of residential, independents, sectoral, other"),
        (#"{"kind":"residential","commune":"72004","initiator":"residents"}"#, "data.name", "is required"),
        (#"{"name":"P","kind":"residential","commune":"72004","initiator":"residents","colour":"red"}"#, "data.colour", "unknown field"),
        (#"{"name":3,"kind":"residential","commune":"72004","initiator":"residents"}"#, "data.name", "must be a string, not a number"),
        (#"{"name":"P","kind":"residential","commune":"99999","initiator":"residents"}"#, "data.commune", "not a Belgian commune code"),
        (#"{"name":"P","kind":"residential","commune":"7200","initiator":"residents"}"#, "data.commune", "not a 5-digit NIS"),
        (#"{"name":"P","kind":"residential","commune":"72004","initiator":"residents","policeZone":"53"}"#, "data.policeZone", "4 digits"),
        (#"{"name":" ","kind":"residential","commune":"72004","initiator":"residents"}"#, "data.name", "must not be empty"),
        (#"{"name":"P","name":"Q","kind":"residential","commune":"72004","initiator":"residents"}"#, "data.name", "appears twice"),
        (#"[]"#, "data", "must be an object"),
    ])
    func invalidProposalsNameTheFieldAndTheReason(data: String, field: String, reason: String) {
        expectRefused(Lines.event("plp/x", "PLPProposed", data), field: field, reason: reason)
    }

    @Test func invalidValuesOfOtherTypes() {
        expectRefused(Lines.event("plp/x", "ConsultationHeld", #"{"parties":[]}"#), field: "data.parties", reason: "at least one")
        expectRefused(Lines.event("plp/x", "ConsultationHeld", #"{"parties":["police","police"]}"#), field: "data.parties", reason: "twice")
        expectRefused(Lines.event("plp/x", "InformationSessionHeld", #"{"attendees":-1,"supportSufficient":true}"#), field: "data.attendees", reason: "0 or more")
        expectRefused(Lines.event("plp/x", "InformationSessionHeld", #"{"attendees":1.5,"supportSufficient":true}"#), field: "data.attendees", reason: "whole number")
        expectRefused(Lines.event("plp/x", "InformationSessionHeld", #"{"attendees":1,"supportSufficient":"yes"}"#), field: "data.supportSufficient", reason: "true or false")
        expectRefused(Lines.event("member/m", "MemberJoined", #"{"plp":"x","kind":"resident","channels":["fax"],"contact":{"name":"A"}}"#), field: "data.channels", reason: "'fax' is not one of sms, voice, email, app")
        expectRefused(Lines.event("member/m", "MemberJoined", #"{"plp":"x","kind":"resident","channels":["sms"],"contact":{"phone":"1"}}"#), field: "data.contact.name", reason: "is required")
        expectRefused(Lines.event("member/m", "MemberJoined", #"{"plp":"x y","kind":"resident","channels":["sms"],"contact":{"name":"A"}}"#), field: "data.plp", reason: "only A-Z")
        expectRefused(Lines.event("report/r", "ReportFiled", #"{"commune":"21004","category":"other","via":"911"}"#), field: "data.via", reason: "'911' is not one of 112, 101")
        expectRefused(Lines.event("alert/a", "AlertSent", #"{"plp":"x","kind":"urgent","channel":"sms","advice":"a"}"#), field: "data.recipients", reason: "is required")
        expectRefused(Lines.event("commune/21004", "CrimeRecorded", #"{"category":"burglary-home","attempted":false,"occurredOn":"2024-03-06"}"#, at: "2024-03-05T10:00:00+01:00"), field: "data.occurredOn", reason: "after occurredAt")
        expectRefused(Lines.event("commune/44001", "CrimeRecorded", #"{"category":"burglary-home","attempted":false,"occurredOn":"2024-03-01"}"#), field: "stream", reason: "not in force")
        expectRefused(Lines.event("plp/x", "EventVoided", #"{"ref":"nope","reason":"r"}"#), field: "data.ref", reason: "not a UUID")
        expectRefused(Lines.event("plp/x", "PLPEvaluated", #"{"year":20240,"assessment":"continue"}"#), field: "data.year", reason: "plausible year")
        expectRefused(Lines.event("plp/x", "PLPReinstated", #"{"why":"x"}"#), field: "data.why", reason: "no data fields")
    }

    @Test func invalidEnvelopes() {
        expectRefused(Lines.event("plp", "PLPReinstated", "{}"), field: "stream", reason: "KIND/ID")
        expectRefused(Lines.event("club/x", "PLPReinstated", "{}"), field: "stream", reason: "unknown stream kind")
        expectRefused(Lines.event("programme/FR", "CourseDelivered", #"{"academy":"a","participants":1}"#), field: "stream", reason: "programme/BE")
        expectRefused(Lines.event("plp/x", "PLPDisbanded", "{}"), field: "type", reason: "not an event type")
        expectRefused(Lines.event("member/x", "PLPReinstated", "{}"), field: "type", reason: "belongs in a plp/ID stream")
        expectRefused(Lines.event("plp/x", "PLPReinstated", "{}", at: "2024-03-05 10:00:00"), field: "occurredAt", reason: "needs 'T'")
        expectRefused(Lines.event("plp/x", "PLPReinstated", "{}", at: "2024-03-05T10:00:00"), field: "occurredAt", reason: "needs an offset or Z")
        expectRefused(Lines.event("plp/x", "PLPReinstated", "{}", actor: "mayor:x"), field: "actor", reason: "unknown role")
        expectRefused(Lines.event("plp/x", "PLPReinstated", "{}", id: "123"), field: "id", reason: "not a UUID")
        expectRefused(Lines.event("plp/x", "PLPReinstated", "{}", extra: #","colour":1"#), field: "colour", reason: "unknown field")
        expectRefused(Lines.event("plp/x", "PLPReinstated", "{}", extra: #","schema":2"#), field: "schema", reason: "not supported")
        expectRefused(#"{"stream":"plp/x","type":"PLPReinstated","occurredAt":"2024-03-05T10:00:00Z","actor":"spf:x"}"#, field: "data", reason: "is required")
        expectRefused(#"{"stream":"plp/x""#, field: nil, reason: "not valid JSON")
        expectRefused("[1,2]", field: nil, reason: "must be a JSON object")
    }

    @Test func communeCodesMustBeInForceOnTheBrusselsDate() throws {
        // Aalter 44001 became 44084 on 2019-01-01.
        let before = Lines.event("report/r", "ReportFiled", #"{"commune":"44001","category":"other","via":"101"}"#, at: "2018-12-31T22:30:00Z")
        _ = try Lines.decode(before)  // 23:30 in Brussels, still 2018
        let after = Lines.event("report/r", "ReportFiled", #"{"commune":"44001","category":"other","via":"101"}"#, at: "2018-12-31T23:30:00Z")
        expectRefused(after, field: "data.commune", reason: "44084")  // 00:30 on 1 January 2019 in Brussels
        _ = try Lines.decode(Lines.event("report/r", "ReportFiled", #"{"commune":"44084","category":"other","via":"101"}"#, at: "2019-01-01T00:30:00+01:00"))
    }

    private func expectRefused(_ line: String, field: String?, reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Lines.decode(line)
            Issue.record("accepted: \(line)", sourceLocation: sourceLocation)
        } catch let error as EventLineError {
            #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
            #expect(error.reason.contains(reason), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// The string-free reading of stored crime facts agrees with the full decoder.
@Suite struct StoredCrimeTests {
    @Test func theLiteReaderAgreesWithTheDecoder() throws {
        for (index, line) in [
            Lines.event("commune/21004", "CrimeRecorded", #"{"category":"burglary-home","attempted":true,"occurredOn":"2024-03-01","policeZone":"5339"}"#),
            Lines.event("commune/44084", "CrimeRecorded", #"{"category":"vandalism","attempted":false,"occurredOn":"2019-12-31"}"#, at: "2020-01-01T00:10:00+01:00", actor: "police:a-very-long-actor-identifier-of-fifty-characters"),
        ].enumerated() {
            let event = try Lines.decode(line)
            let recorded = RecordedEvent(id: EventID.random(), stream: event.stream, seq: UInt64(index + 1), version: 1,
                                         recordedAt: 0, occurredAt: event.occurredAt, actor: event.actor, schema: 1,
                                         payload: event.payload, hash: MerkleHash.emptyRoot)
            var writer = BinaryWriter()
            StoredEventCodec.encode(recorded, into: &writer)
            let crime = try writer.bytes.withUnsafeBytes { try StoredEventCodec.crime($0) }
            guard case .crimeRecorded(let full) = recorded.payload, let crime else {
                Issue.record("not read as a crime")
                continue
            }
            #expect(crime.commune.description == recorded.stream.id)
            #expect(crime.category == full.category && crime.attempted == full.attempted && crime.occurredOn == full.occurredOn)
            let withZone = try writer.bytes.withUnsafeBytes { try StoredEventCodec.crimeAndPoliceZone($0) }
            #expect(withZone?.0 == crime && withZone?.1 == full.policeZone)
        }
        let other = try Lines.decode(Lines.event("programme/BE", "CourseDelivered", #"{"academy":"A","participants":1}"#))
        let recorded = RecordedEvent(id: EventID.random(), stream: other.stream, seq: 1, version: 1, recordedAt: 0,
                                     occurredAt: other.occurredAt, actor: other.actor, schema: 1, payload: other.payload,
                                     hash: MerkleHash.emptyRoot)
        var writer = BinaryWriter()
        StoredEventCodec.encode(recorded, into: &writer)
        #expect(try writer.bytes.withUnsafeBytes { try StoredEventCodec.crime($0) } == nil)
    }
}
