import PLPTestSupport
import Testing
@testable import PLPEvents

/// The rules of contract section 3, through the real store.
@Suite struct StreamRulesTests {
    private func refused(_ ledger: TemporaryLedger, _ line: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try ledger.append(line)
            Issue.record("accepted: \(line)", sourceLocation: sourceLocation)
        } catch let error as AppendError {
            #expect(error.description.contains(reason), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aPLPGoesFromProposalToApprovalInOrder() throws {
        let ledger = try TemporaryLedger()
        let steps = Lines.approvedPLP("p1")
        refused(ledger, steps[1], "needs the PLP to be proposed first")
        try ledger.append(steps[0])
        refused(ledger, steps[0], "must be the first event")
        refused(ledger, steps[3], "needs a consultation first")
        refused(ledger, steps[4], "needs the signed charter first")
        try ledger.append(steps[1])
        refused(ledger, steps[3], "needs an information session with sufficient support")
        try ledger.append(Lines.event("plp/p1", "InformationSessionHeld", #"{"attendees":3,"supportSufficient":false}"#,
                                      at: "2019-03-20T20:00:00+01:00"))
        refused(ledger, steps[3], "needs an information session with sufficient support")
        try ledger.append(steps[2])
        refused(ledger, Lines.event("plp/p1", "CoordinatorChanged", #"{"coordinator":"X"}"#), "needs the signed charter")
        refused(ledger, Lines.event("plp/p1", "PLPEvaluated", #"{"year":2019,"assessment":"continue"}"#), "needs an approved PLP")
        try ledger.append(steps[3])
        refused(ledger, steps[3], "happens once")
        try ledger.append(steps[4])
        refused(ledger, steps[4], "happens once")
        #expect(try ledger.store.facts(of: StreamName(kind: .plp, id: "p1")).plpStatus == .active)
    }

    @Test func suspensionReinstatementAndDissolution() throws {
        let ledger = try TemporaryLedger()
        try Lines.approvedPLP("p1").forEach { try ledger.append($0) }
        refused(ledger, Lines.event("plp/p1", "PLPReinstated", "{}"), "needs a suspended PLP")
        try ledger.append(Lines.event("plp/p1", "PLPSuspended", #"{"reason":"inactive"}"#))
        #expect(try ledger.store.facts(of: StreamName(kind: .plp, id: "p1")).plpStatus == .suspended)
        refused(ledger, Lines.event("plp/p1", "PLPSuspended", #"{"reason":"again"}"#), "needs an active PLP")
        refused(ledger, Lines.event("alert/a1", "AlertSent", #"{"plp":"p1","kind":"prevention","channel":"sms","advice":"a","recipients":1}"#), "is suspended, not active")
        try ledger.append(Lines.event("plp/p1", "PLPReinstated", "{}"))
        try ledger.append(Lines.event("plp/p1", "PLPDissolved", #"{"reason":"end"}"#))
        refused(ledger, Lines.event("plp/p1", "CharterAmended", #"{"changes":"x"}"#), "cannot follow PLPDissolved")
        refused(ledger, Lines.event("plp/p1", "PLPDissolved", #"{"reason":"again"}"#), "cannot follow PLPDissolved")
        refused(ledger, Lines.memberJoined("m1", plp: "p1"), "is dissolved")
        #expect(try ledger.store.facts(of: StreamName(kind: .plp, id: "p1")).plpStatus == .dissolved)
    }

    @Test func membersReportsAndAlerts() throws {
        let ledger = try TemporaryLedger()
        refused(ledger, Lines.memberJoined("m1", plp: "p1"), "plp/p1 does not exist")
        try ledger.append(Lines.approvedPLP("p1")[0])
        try ledger.append(Lines.memberJoined("m1", plp: "p1"))  // a proposed PLP can take members
        refused(ledger, Lines.memberJoined("m1", plp: "p1"), "must be the first event")
        refused(ledger, Lines.event("member/m2", "MemberLeft", "{}"), "needs the member to have joined")
        try ledger.append(Lines.event("member/m1", "MemberErased", "{}"))
        refused(ledger, Lines.event("member/m1", "MemberContactChanged", #"{"contact":{"name":"B"}}"#), "erased")
        refused(ledger, Lines.event("member/m1", "MemberErased", "{}"), "happens once")
        try ledger.append(Lines.event("member/m1", "MemberLeft", #"{"reason":"request"}"#))
        refused(ledger, Lines.event("member/m1", "MemberLeft", "{}"), "happens once")

        refused(ledger, Lines.event("report/r1", "ReportFiled", #"{"commune":"72004","category":"other","via":"101","member":"m9"}"#), "member/m9 does not exist")
        try ledger.append(Lines.event("report/r1", "ReportFiled", #"{"commune":"72004","category":"other","via":"101","plp":"p1","member":"m1"}"#))
        refused(ledger, Lines.event("report/r1", "FeedbackGiven", #"{"plp":"p1","outcome":"no-trace"}"#), "needs the report to be assessed")
        try ledger.append(Lines.event("report/r1", "ReportAssessed", #"{"outcome":"confirmed"}"#))
        refused(ledger, Lines.event("report/r1", "ReportAssessed", #"{"outcome":"confirmed"}"#), "happens once")
        try ledger.append(Lines.event("report/r1", "FeedbackGiven", #"{"plp":"p1","outcome":"no-trace"}"#))

        let alert = Lines.event("alert/a1", "AlertSent", #"{"plp":"p1","kind":"urgent","channel":"sms","advice":"a","recipients":1,"report":"r1"}"#)
        refused(ledger, alert, "is proposed, not active")
        try Lines.approvedPLP("p1").dropFirst().forEach { try ledger.append($0) }
        try ledger.append(alert)
        refused(ledger, alert, "the stream's only event")
    }

    @Test func expectedVersionIsOptimisticConcurrency() throws {
        let ledger = try TemporaryLedger()
        let first = Lines.event("programme/BE", "CourseDelivered", #"{"academy":"A","participants":1}"#, extra: #","expectedVersion":0"#)
        try ledger.append(first)
        refused(ledger, first, "is at version 1, not 0")
        try ledger.append(Lines.event("programme/BE", "CourseDelivered", #"{"academy":"A","participants":2}"#, extra: #","expectedVersion":1"#))
    }

    @Test func voidingRefoldsTheStreamWithoutTheVoidedEvent() throws {
        let ledger = try TemporaryLedger()
        let ids = (0..<5).map { _ in EventID.random().description }
        let steps = Lines.approvedPLP("p1")
        for (step, id) in zip(steps, ids) {
            let withID = step.replacingOccurrences(of: "{\"stream\"", with: "{\"id\":\"\(id)\",\"stream\"")
            try ledger.append(withID)
        }
        let plp = StreamName(kind: .plp, id: "p1")
        // Voiding the charter while the approval stands would break "approval needs the charter".
        refused(ledger, Lines.event("plp/p1", "EventVoided", #"{"ref":"\#(ids[3])","reason":"x"}"#), "would leave plp/p1 breaking its rules")
        // Voiding the approval makes the PLP proposed again; it can then be approved again.
        try ledger.append(Lines.event("plp/p1", "EventVoided", #"{"ref":"\#(ids[4])","reason":"wrong date"}"#))
        #expect(try ledger.store.facts(of: plp).plpStatus == .proposed)
        refused(ledger, Lines.event("plp/p1", "EventVoided", #"{"ref":"\#(ids[4])","reason":"again"}"#), "already voided")
        try ledger.append(steps[4])
        #expect(try ledger.store.facts(of: plp).plpStatus == .active)
        // A void names an event of the same stream; an EventVoided cannot be voided.
        let crime = EventID.random().description
        try ledger.append(Lines.burglary("21004", id: crime))
        refused(ledger, Lines.event("plp/p1", "EventVoided", #"{"ref":"\#(crime)","reason":"x"}"#), "is not an earlier event of plp/p1")
        let voids = try ledger.store.history(of: plp).filter { $0.type == .eventVoided }
        refused(ledger, Lines.event("plp/p1", "EventVoided", #"{"ref":"\#(voids[0].id)","reason":"x"}"#), "cannot be voided")
        #expect(try ledger.store.voidedEvents().count == 1)
    }

    @Test func versionsAndSeqsRunWithoutGaps() throws {
        let ledger = try TemporaryLedger()
        try Lines.approvedPLP("p1").forEach { try ledger.append($0) }
        try ledger.append(Lines.burglary("21004"))
        try Lines.approvedPLP("p2").forEach { try ledger.append($0) }
        let p2 = try ledger.store.history(of: StreamName(kind: .plp, id: "p2"))
        #expect(p2.map(\.version) == [1, 2, 3, 4, 5])
        #expect(p2.map(\.seq) == [7, 8, 9, 10, 11])
        #expect(try ledger.store.count() == 11)
    }
}

/// Voiding the only standing event of a stream empties it.
@Suite struct VoidingFirstEventsTests {
    @Test func voidingTheOnlyStandingEventLetsTheStreamStartAgain() throws {
        let ledger = try TemporaryLedger()
        try Lines.approvedPLP("p1").forEach { try ledger.append($0) }
        let id = EventID.random().description
        try ledger.append(Lines.memberJoined("m1", plp: "p1", id: id))
        try ledger.append(Lines.event("member/m1", "EventVoided", #"{"ref":"\#(id)","reason":"wrong PLP"}"#))
        let member = StreamName(kind: .member, id: "m1")
        #expect(try ledger.store.facts(of: member).flags.contains(.exists) == false)
        #expect(try ledger.store.facts(of: member).version == 2)
        // Nothing can follow but a new first event.
        do {
            try ledger.append(Lines.event("member/m1", "MemberLeft", "{}"))
            Issue.record("MemberLeft accepted on an emptied stream")
        } catch let error as AppendError {
            #expect(error.description.contains("needs the member to have joined first"))
        }
        try ledger.append(Lines.memberJoined("m1", plp: "p1"))
        #expect(try ledger.store.history(of: member).map(\.version) == [1, 2, 3])
        // A report naming a member whose joining was voided refers to a stream that does not stand.
        let other = EventID.random().description
        try ledger.append(Lines.memberJoined("m2", plp: "p1", id: other))
        try ledger.append(Lines.event("member/m2", "EventVoided", #"{"ref":"\#(other)","reason":"duplicate"}"#))
        do {
            try ledger.append(Lines.event("report/r1", "ReportFiled", #"{"commune":"72004","category":"other","via":"101","member":"m2"}"#))
            Issue.record("a report named a voided member")
        } catch let error as AppendError {
            #expect(error.description.contains("member/m2 does not exist"))
        }
    }
}
