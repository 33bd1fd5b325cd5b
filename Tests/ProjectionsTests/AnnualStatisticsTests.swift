import PLPTestSupport
import Testing
@testable import PLPEvents
@testable import PLPProjections

/// A hand-made history whose 2024 statistics are known, key by key (the comment next to each event says why).
@Suite struct AnnualStatisticsTests {
    static func history() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        // PLPs. A: active since 2019, suspended 2024-12-31T23:30Z (= 2025 in Brussels): active at the end of 2024.
        try ledger.append(History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00"))
        // B: approved and dissolved in 2024.
        try ledger.append(History.plp("B", commune: "21004", approvedAt: "2024-03-01T10:00:00+01:00"))
        // C: approved 2023-12-31T23:30:00Z, which is 1 January 2024 in Brussels.
        try ledger.append(History.plp("C", commune: "62063", kind: "independents", approvedAt: "2023-12-31T23:30:00Z"))
        // D: approved 2024-12-31T23:30:00Z = 2025 in Brussels: not approved in 2024, proposed at its end.
        try ledger.append(History.plp("D", approvedAt: "2024-12-31T23:30:00Z"))
        // E: approval voided: counts nowhere.
        try ledger.append(History.plp("E", approvedAt: nil))
        try ledger.append(Lines.event("plp/E", "PLPApproved", #"{"approvalRef":"SPF-E"}"#, at: "2024-05-01T10:00:00+02:00", id: History.id(50)))
        try ledger.append(History.void("plp/E", History.id(50)))

        // Members.
        try ledger.append([
            History.joined("m1", plp: "A", at: "2020-01-10T19:00:00+01:00"),              // active at end
            History.joined("m2", plp: "A", at: "2024-02-10T19:00:00+01:00"),              // joined 2024
            History.left("m2", at: "2024-05-10T19:00:00+02:00"),                          // left 2024
            History.joined("m3", plp: "B", at: "2024-06-01T19:00:00+02:00"),              // joined 2024, active at end
            History.left("m3", at: "2025-01-02T10:00:00+01:00"),
            History.joined("m4", plp: "A", at: "2024-12-31T23:30:00Z"),                   // joined in 2025 (Brussels)
            History.joined("m5", plp: "A", at: "2024-04-01T19:00:00+02:00", id: History.id(60)),
            History.void("member/m5", History.id(60)),                                     // voided: nowhere
            History.joined("m6", plp: "A", at: "2023-03-01T19:00:00+01:00"),
            History.left("m6", at: "2024-12-31T22:59:59Z"),                                // 23:59:59 Brussels: left in 2024
        ])

        // Reports (all through PLP A unless said).
        try ledger.append([
            History.report("r1", at: "2024-06-10T21:49:59+02:00"),
            History.assessed("r1", "false-alarm", at: "2024-06-10T23:00:00+02:00"),
            History.feedback("r1", at: "2024-06-11T10:00:00+02:00"),                        // feedback 2024
            History.report("r2", at: "2024-06-10T19:40:00Z"),
            History.assessed("r2", "confirmed", at: "2024-06-11T10:00:00+02:00", eventID: History.id(70)),
            History.void("report/r2", History.id(70)),                                      // r2: not assessed
            History.report("r3", at: "2024-01-15T05:29:59+01:00"),
            History.assessed("r3", "unfounded", at: "2025-01-05T10:00:00+01:00"),          // assessed later: counts
            History.report("r4", at: "2024-08-01T10:00:00+02:00", plp: nil),               // never assessed
            History.report("r6", at: "2023-12-31T23:30:00Z"),                               // 2024 in Brussels
            History.assessed("r6", "false-alarm", at: "2024-01-01T09:00:00+01:00"),
            History.feedback("r6", at: "2024-01-02T10:00:00+01:00"),                        // feedback 2024
            History.report("r5", at: "2023-11-01T10:00:00+01:00"),                          // 2023
            History.assessed("r5", "false-alarm", at: "2023-11-02T10:00:00+01:00"),
            History.feedback("r5", at: "2023-11-05T10:00:00+01:00"),
        ])

        // Alerts of PLP A, 10 recipients each. Night = 22:00 to 05:59:59 Brussels.
        try ledger.append([
            History.alert("a1", "urgent", at: "2024-06-10T21:59:59+02:00", report: "r1"),  // day; 10 min after r1
            History.alert("a2", "urgent", at: "2024-06-10T20:00:00Z", report: "r2"),       // 22:00 CEST night; 20 min
            History.alert("a3", "urgent", at: "2024-01-15T05:59:59+01:00", report: "r3"),  // night; 30 min
            History.alert("a4", "urgent", at: "2024-01-15T05:00:00Z"),                      // 06:00 CET day
            History.alert("a5", "urgent", at: "2024-03-31T03:59:59Z"),                      // 05:59:59 CEST (DST day) night
            History.alert("a6", "urgent", at: "2024-03-31T04:00:00Z"),                      // 06:00 CEST day
            History.alert("a7", "prevention", at: "2024-06-10T23:00:00+02:00"),             // not urgent
            History.alert("a8", "bulletin", at: "2024-02-01T10:00:00+01:00"),
            History.alert("a9", "urgent", at: "2024-01-01T00:45:00+01:00", report: "r6"),  // night; 15 min after r6
            History.alert("a10", "urgent", at: "2023-12-31T22:30:00Z", report: "r5"),       // 23:30 on 31 Dec 2023
            History.alert("a11", "urgent", at: "2024-07-01T23:00:00+02:00", eventID: History.id(80)),
            History.void("alert/a11", History.id(80)),                                       // voided
            History.alert("a12", "urgent", at: "2023-12-31T23:00:00Z"),                      // 00:00 1 Jan 2024: night
        ])
        // Now the suspension of A and the dissolution of B.
        try ledger.append(Lines.event("plp/A", "PLPSuspended", #"{"reason":"inactive"}"#, at: "2024-12-31T23:30:00Z"))
        try ledger.append(Lines.event("plp/B", "PLPDissolved", #"{"reason":"merged"}"#, at: "2024-11-01T10:00:00+01:00"))

        // Burglaries.
        try ledger.append([
            History.crime("72004", on: "2024-02-03"),
            History.crime("72004", on: "2024-07-01", category: "burglary-business", attempted: true),
            History.crime("21004", on: "2024-12-31", at: "2024-12-31T23:30:00Z"),           // occurredOn 2024
            History.crime("21004", on: "2024-05-05", id: History.id(90)),
            History.void("commune/21004", History.id(90)),
            History.crime("72004", on: "2024-05-05", category: "theft-from-vehicle"),
            History.crime("72004", on: "2023-05-05"),
            History.crime("72004", on: "2023-12-31", at: "2023-12-31T23:30:00Z"),           // occurredOn 2023
        ])
        // Courses.
        try ledger.append([
            History.course(at: "2024-03-04T19:00:00+01:00", participants: 18),
            History.course(at: "2023-12-31T23:30:00Z", participants: 12),                   // 2024 in Brussels
            History.course(at: "2023-06-01T19:00:00+02:00", participants: 40),
            History.course(at: "2024-09-01T19:00:00+02:00", participants: 99, id: History.id(95)),
            History.void("programme/BE", History.id(95)),
        ])
        return ledger
    }

    @Test func everyKeyOf2024() throws {
        let ledger = try Self.history()
        let (report, provenance) = try AnnualReport.compute(year: 2024, engine: ProjectionEngine(store: ledger.store), selection: .wholeLog)
        #expect(provenance.size == (try ledger.store.count()))
        let s = report.current
        #expect(s.plpsActiveEnd == 2)          // A and C
        #expect(s.plpsApproved == 2)           // B and C
        #expect(s.plpsDissolved == 1)          // B
        #expect(s.membersActiveEnd == 2)       // m1, m3
        #expect(s.membersJoined == 2)          // m2, m3
        #expect(s.membersLeft == 2)            // m2, m6
        #expect(s.reportsFiled == 5)           // r1, r2, r3, r4, r6
        #expect(s.reportsFalseAlarmPct?.description == "66.7")   // r1, r6 of r1, r3, r6
        #expect(s.alertsSent == 10)            // a1–a9, a12
        #expect(s.alertsUrgent == 8)
        #expect(s.alertsUrgentNight == 5)      // a2, a3, a5, a9, a12
        #expect(s.alertRecipients == 100)
        #expect(s.alertMedianDelayMin?.description == "17.5")    // 10, 15, 20, 30
        #expect(s.feedbackGiven == 2)          // r1, r6
        #expect(s.burglaries == 3)
        #expect(s.burglariesAttempted == 1)
        #expect(s.burglariesPrevious == 2)
        #expect(s.coursesDelivered == 2)
        #expect(s.courseParticipants == 30)

        #expect(s.json == """
            {"plps_active_end":2,"plps_approved":2,"plps_dissolved":1,"members_active_end":2,"members_joined":2,\
            "members_left":2,"reports_filed":5,"reports_false_alarm_pct":66.7,"alerts_sent":10,"alerts_urgent":8,\
            "alerts_urgent_night":5,"alert_recipients":100,"alert_median_delay_min":17.5,"feedback_given":2,"burglaries":3,\
            "burglaries_attempted":1,"burglaries_previous":2,"courses_delivered":2,"course_participants":30}

            """)
    }

    @Test func previousYearAndUndefinedDecimals() throws {
        let ledger = try Self.history()
        let (report, _) = try AnnualReport.compute(year: 2023, engine: ProjectionEngine(store: ledger.store), selection: .wholeLog)
        let s = report.current
        #expect(s.plpsActiveEnd == 1)          // A (C approved in 2024 Brussels time)
        #expect(s.membersActiveEnd == 2)       // m1, m6
        #expect(s.reportsFiled == 1)
        #expect(s.reportsFalseAlarmPct?.description == "100.0")
        #expect(s.alertsSent == 1 && s.alertsUrgentNight == 1)   // a10 at 23:30
        #expect(s.alertMedianDelayMin != nil)
        #expect(s.burglaries == 2 && s.burglariesPrevious == 0)

        let (empty, _) = try AnnualReport.compute(year: 2010, engine: ProjectionEngine(store: ledger.store), selection: .wholeLog)
        #expect(empty.current.reportsFalseAlarmPct == nil)
        #expect(empty.current.alertMedianDelayMin == nil)
        #expect(empty.current.json.contains(#""reports_false_alarm_pct":null"#))
        #expect(empty.current.csv.contains("\nreports_false_alarm_pct,\n"))
        #expect(empty.current.csv.split(separator: "\n").map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
                == ["metric"] + AnnualStatistics.keys)
    }

    @Test func breakdownsSumToTheNation() throws {
        let ledger = try Self.history()
        let (report, _) = try AnnualReport.compute(year: 2024, engine: ProjectionEngine(store: ledger.store), selection: .wholeLog)
        let regions = report.breakdown(by: .region, language: .fr)
        #expect(regions.reduce(0) { $0 + $1.figures.burglaries } == report.current.burglaries)
        #expect(regions.reduce(0) { $0 + $1.figures.plpsActiveEnd } == report.current.plpsActiveEnd)
        #expect(regions.reduce(0) { $0 + $1.figures.reportsFiled } == report.current.reportsFiled)
        let provinces = report.breakdown(by: .province, language: .nl)
        #expect(provinces.reduce(0) { $0 + $1.figures.membersActiveEnd } == report.current.membersActiveEnd)
        let kinds = report.breakdown(by: .plpKind, language: .fr)
        #expect(kinds.first { $0.label.hasPrefix("indépendants") }?.figures.plpsActiveEnd == 1)   // C
    }
}
