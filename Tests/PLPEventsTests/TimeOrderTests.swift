import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// The time order of contract section 3 and the "no event from the future" of section 1, through the real store.
@Suite struct TimeOrderTests {
    private func refused(_ ledger: TemporaryLedger, _ line: String, _ reasons: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try ledger.append(line)
            Issue.record("accepted: \(line)", sourceLocation: sourceLocation)
        } catch {
            let text = String(describing: error)
            for reason in reasons { #expect(text.contains(reason), "\(text)", sourceLocation: sourceLocation) }
        }
    }

    private static func inAYear() -> String {
        let next = Brussels.date(ofInstant: RecordedAt.now()).year + 1
        return "\(next)-03-04T19:00:00+01:00"
    }

    @Test func anEventFromTheFutureIsRefusedAndFiveMinutesAreAllowed() throws {
        let ledger = try TemporaryLedger()
        let future = Self.inAYear()
        refused(ledger, Lines.event("programme/BE", "CourseDelivered", #"{"academy":"ANPA","participants":18}"#, at: future),
                "occurredAt: \(future) is in the future", "5 minutes")
        refused(ledger, Lines.burglary("11002", on: String(future.prefix(10))), "is in the future")
        // Two minutes ahead of the clock is within the allowance.
        let soon = RFC3339Timestamp.text(instant: RecordedAt.now() + 120_000_000, offsetSeconds: 3600)
        try ledger.append(Lines.event("programme/BE", "CourseDelivered", #"{"academy":"ANPA","participants":1}"#, at: soon))
        #expect(try ledger.store.statistics().events == 1)
    }

    @Test func aStreamsEventMayNotPrecedeTheLiveEventItFollows() throws {
        let ledger = try TemporaryLedger()
        let plp = Lines.approvedPLP("p1")
        try ledger.append(plp[0], plp[1])
        // The information session dated before the consultation it follows.
        refused(ledger, Lines.event("plp/p1", "InformationSessionHeld", #"{"attendees":3,"supportSufficient":true}"#,
                                    at: "2019-03-01T20:00:00+01:00"),
                "occurredAt: 2019-03-01T20:00:00+01:00 is before the event it follows in plp/p1, ConsultationHeld of 2019-03-14T10:00:00+01:00")
        // The same instant is not before.
        try ledger.append(Lines.event("plp/p1", "InformationSessionHeld", #"{"attendees":3,"supportSufficient":true}"#,
                                      at: "2019-03-14T09:00:00Z"))
        // A member who leaves years before joining.
        try ledger.append(Lines.memberJoined("m1", plp: "p1"))
        refused(ledger, Lines.event("member/m1", "MemberLeft", #"{"reason":"moved"}"#, at: "2006-01-10T19:00:00+01:00"),
                "is before the event it follows in member/m1, MemberJoined of 2020-01-10T19:00:00+01:00")
        // A report assessed before it was filed.
        try ledger.append(Lines.event("report/r1", "ReportFiled", #"{"commune":"72004","category":"vandalism","via":"101"}"#,
                                      at: "2021-05-05T22:00:00+02:00"))
        refused(ledger, Lines.event("report/r1", "ReportAssessed", #"{"outcome":"confirmed"}"#, at: "2021-05-05T21:59:00+02:00"),
                "before the event it follows in report/r1, ReportFiled of 2021-05-05T22:00:00+02:00")
        // Crime facts come in any order of their days.
        try ledger.append(Lines.burglary("72004", on: "2024-01-15"), Lines.burglary("72004", on: "2020-01-15"))
    }

    @Test func aMemberNotBeforeTheProposalAndAnAlertNotBeforeItsReport() throws {
        let ledger = try TemporaryLedger()
        for line in Lines.approvedPLP("p1") { try ledger.append(line) }
        refused(ledger, Lines.event("member/m1", "MemberJoined",
                                    #"{"plp":"p1","kind":"resident","channels":["sms"],"contact":{"name":"A"}}"#,
                                    at: "2018-12-31T10:00:00+01:00"),
                "occurredAt: 2018-12-31T10:00:00+01:00 is before plp/p1 (data.plp) began, PLPProposed of 2019-02-08T10:00:00+01:00")
        try ledger.append(Lines.event("report/r1", "ReportFiled", #"{"commune":"72004","category":"vandalism","via":"101","plp":"p1"}"#,
                                      at: "2021-05-05T22:00:00+02:00"))
        let alert = #"{"plp":"p1","kind":"urgent","channel":"sms","advice":"Fermez","recipients":4,"report":"r1"}"#
        refused(ledger, Lines.event("alert/a1", "AlertSent", alert, at: "2016-05-05T22:00:00+02:00"),
                "is before report/r1 (data.report) began, ReportFiled of 2021-05-05T22:00:00+02:00")
        try ledger.append(Lines.event("alert/a1", "AlertSent", alert, at: "2021-05-05T22:10:00+02:00"))
    }

    @Test func aVoidedEventNoLongerSetsTheOrder() throws {
        let ledger = try TemporaryLedger()
        let plp = Lines.approvedPLP("p1")
        try ledger.append(plp[0])
        let consultation = try ledger.append(Lines.event("plp/p1", "ConsultationHeld", #"{"parties":["police"]}"#,
                                                         at: "2023-01-01T10:00:00+01:00"))
        refused(ledger, plp[1], "before the event it follows in plp/p1, ConsultationHeld of 2023-01-01T10:00:00+01:00")
        let id = try #require(consultation.first?.id)
        // The void is not checked against the stream's order, and the stream then follows the proposal again.
        try ledger.append(Lines.event("plp/p1", "EventVoided", #"{"ref":"\#(id)","reason":"wrong year"}"#, at: "2023-02-01T10:00:00+01:00"))
        try ledger.append(plp[1])
    }

    @Test func anImportWithOneEventOutOfOrderWritesNothing() throws {
        let ledger = try TemporaryLedger()
        var lines = Lines.approvedPLP("p1")
        lines.append(Lines.memberJoined("m1", plp: "p1"))
        lines.append(Lines.event("member/m1", "MemberLeft", #"{"reason":"moved"}"#, at: "2001-06-04T10:00:00+02:00"))
        let file = try ledger.file("out-of-order.ndjson", lines: lines)
        #expect(throws: (any Error).self) { try ledger.store.importEvents(from: file) }
        #expect(try ledger.store.statistics().events == 0)
    }

    @Test func aPreservedEventMayNotHaveOccurredAfterItsRecordedAt() throws {
        let source = try TemporaryLedger()
        try source.append(Lines.event("programme/BE", "CourseDelivered", #"{"academy":"ANPA","participants":18}"#,
                                      at: "2025-03-04T19:00:00+01:00"))
        var line = String(decoding: try source.export(), as: UTF8.self)
        line = line.replacingOccurrences(of: "\n", with: "")
        // Move recordedAt before occurredAt: the hash no longer matches either, but the time is named first.
        let recorded = try #require(line.range(of: #""recordedAt":"[^"]*""#, options: .regularExpression))
        line.replaceSubrange(recorded, with: #""recordedAt":"2020-01-01T00:00:00.000000Z""#)
        let copy = try TemporaryLedger()
        do {
            _ = try copy.store.append([try Lines.decode(line, preserve: true)])
            Issue.record("accepted")
        } catch {
            #expect(String(describing: error).contains("is after the event's recordedAt 2020-01-01T00:00:00.000000Z"), "\(error)")
        }
    }

    @Test func theTimeOfAnOffsetIsWrittenBack() {
        #expect(RFC3339Timestamp.text(instant: 0, offsetSeconds: 0) == "1970-01-01T00:00:00Z")
        #expect(RFC3339Timestamp.text(instant: 1_500_000, offsetSeconds: 3600) == "1970-01-01T01:00:01.500000+01:00")
        #expect(RFC3339Timestamp.text(instant: 0, offsetSeconds: -34_200) == "1969-12-31T14:30:00-09:30")
    }
}
