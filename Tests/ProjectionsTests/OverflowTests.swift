import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents
@testable import PLPProjections

/// No stored data makes a figure trap: a ledger written before the bounds of contract section 9 can hold counts of
/// 2^63 − 1, and the sums of `recipients` and `participants` saturate at `Int.max` instead.
@Suite struct OverflowTests {
    /// A ledger whose 2024 alerts and courses carry counts of `Int.max`, written through the store's typed API (which,
    /// like a ledger written before the bounds, takes the counts as they are), and 2023 ones with small counts.
    static func ledgerBeforeTheBounds() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        try ledger.append(History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00"))
        try ledger.append([
            History.report("r1", at: "2024-06-10T21:49:59+02:00"),
            History.alert("a0", "urgent", at: "2023-06-10T21:59:59+02:00", recipients: 3),
            History.course(at: "2023-03-01T19:00:00+01:00", participants: 5),
        ])
        var huge: [NewEvent] = []
        for (n, kind) in ["urgent", "prevention", "bulletin"].enumerated() {
            var event = try Lines.decode(History.alert("a\(n + 1)", kind, at: "2024-06-10T22:0\(n):00+02:00", report: "r1"))
            if case .alertSent(var alert) = event.payload {
                alert.recipients = Int.max
                event.payload = .alertSent(alert)
            }
            huge.append(event)
        }
        for day in 1...3 {
            var event = try Lines.decode(History.course(at: "2024-03-0\(day)T19:00:00+01:00", participants: 1))
            if case .courseDelivered(var course) = event.payload {
                course.participants = Int.max
                event.payload = .courseDelivered(course)
            }
            huge.append(event)
        }
        try ledger.store.append(huge)
        return ledger
    }

    @Test func theStoredCountsAreThereAsWritten() throws {
        let ledger = try Self.ledgerBeforeTheBounds()
        let export = String(decoding: try ledger.export(), as: UTF8.self)
        #expect(export.contains(#""recipients":9223372036854775807"#))
        #expect(export.contains(#""participants":9223372036854775807"#))
        #expect(try ledger.store.verify().isIntact)
    }

    @Test func annualStatisticsSaturate() throws {
        let ledger = try Self.ledgerBeforeTheBounds()
        let engine = ProjectionEngine(store: ledger.store)
        let (report, _) = try AnnualReport.compute(year: 2024, engine: engine, selection: .wholeLog)
        #expect(report.current.alertRecipients == Int.max)
        #expect(report.current.courseParticipants == Int.max)
        #expect(report.current.coursesDelivered == 3)
        #expect(report.previous.alertRecipients == 3)
        #expect(report.previous.courseParticipants == 5)
    }

    @Test(arguments: ["json", "csv", "table", "html"])
    func reportAnnualDoesNotTrap(format: String) throws {
        let ledger = try Self.ledgerBeforeTheBounds()
        let result = try CLI.run(["report", "annual", "--year", "2024", "--ledger", ledger.path, "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        if format == "json" {
            #expect(result.stdout.contains(#""alert_recipients":9223372036854775807"#))
            #expect(result.stdout.contains(#""course_participants":9223372036854775807"#))
        }
        if format == "csv" { #expect(result.stdout.contains("alert_recipients,9223372036854775807\n")) }
    }

    @Test(arguments: [["project", "alerts"], ["project", "alerts", "--year", "2024"], ["project", "registry"],
                      ["project", "members", "--plp", "A"], ["project", "plp-effect"], ["project", "burglary-trend"]])
    func projectionsDoNotTrap(command: [String]) throws {
        let ledger = try Self.ledgerBeforeTheBounds()
        for format in ["csv", "json", "table"] {
            let result = try CLI.run(command + ["--ledger", ledger.path, "--format", format, "--rebuild"])
            #expect(result.status == 0, "\(command) --format \(format): \(result.stderr)")
            if command.count >= 2, command[1] == "alerts", format == "csv" {
                let national = result.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
                #expect(national.hasPrefix("national,"))
                #expect(national.contains(",9223372036854775807,"))
            }
        }
    }

    // MARK: The sums themselves

    @Test func sumsSaturateBothWays() {
        #expect(Int.max.saturatingAdding(1) == Int.max)
        #expect((Int.max - 1).saturatingAdding(Int.max) == Int.max)
        #expect(Int.min.saturatingAdding(-1) == Int.min)
        #expect(40.saturatingAdding(2) == 42)
        #expect(Int.max.saturatingAdding(-1) == Int.max - 1)
    }

    @Test func yearCountersSaturateWhenAdded() {
        var one = YearCounters()
        one.alertRecipients = Int.max
        one.courseParticipants = Int.max - 10
        one.alertsSent = 1
        var sum = YearCounters()
        for _ in 0..<1000 { sum.add(one) }
        #expect(sum.alertRecipients == Int.max)
        #expect(sum.courseParticipants == Int.max)
        #expect(sum.alertsSent == 1000)
    }

    @Test func percentagesAndChangesOfHugeCountsDoNotTrap() {
        #expect(Tenths.change(from: 1, to: Int.max)?.tenths == Int64.max)
        #expect(Tenths.change(from: Int.max, to: 0)?.tenths == -1000)
        #expect(Tenths.change(from: Int.max, to: Int.max)?.tenths == 0)
        #expect(Tenths.percentage(Int.max, of: Int.max)?.tenths == 1000)
        #expect(Tenths.percentage(Int.max, of: 1)?.tenths == Int64.max)
        #expect(Tenths.medianMinutes(ofMicros: [Int64.max, Int64.max]) != nil)
        #expect(Tenths.change(from: 8, to: 9)?.tenths == 125)
    }
}
