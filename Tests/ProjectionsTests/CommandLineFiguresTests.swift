import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// The figure commands as a user runs them: the real executable, its standard output and error.
@Suite struct CommandLineFiguresTests {
    func ledger() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        try ledger.append(History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00"))
        try ledger.append([
            History.joined("m1", plp: "A", at: "2020-01-10T19:00:00+01:00"),
            History.joined("m2", plp: "A", at: "2021-01-10T19:00:00+01:00"),
            History.left("m2", at: "2022-01-10T19:00:00+01:00"),
            History.report("r1", at: "2024-06-10T21:49:59+02:00"),
            History.assessed("r1", "false-alarm", at: "2024-06-10T23:00:00+02:00"),
            History.alert("a1", "urgent", at: "2024-06-10T21:59:59+02:00", report: "r1"),
            History.crime("72004", on: "2023-01-05"),
            History.crime("72004", on: "2024-01-05"),
            History.crime("72004", on: "2024-03-05"),
        ])
        return ledger
    }

    @Test func burglaryTrendCSVHasTheContractHeaderAndProvenanceOnStandardError() throws {
        let l = try ledger()
        let result = try CLI.run(["project", "burglary-trend", "--ledger", l.path, "--by", "year", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout == "commune,period,burglaries,attempted,previous,change_pct,complete\n72004,2023,1,0,,,false\n72004,2024,2,0,1,,false\n")
        #expect(result.stderr.contains("computed from 14 events"))
        #expect(result.stderr.contains("note: the crime data covers 2023, 2024 only in part (complete false, no change_pct)"), "\(result.stderr)")
        // The second run catches up from the saved state and prints the same.
        let again = try CLI.run(["project", "burglary-trend", "--ledger", l.path, "--by", "year", "--format", "csv"])
        #expect(again.stdout == result.stdout)
        let rebuilt = try CLI.run(["--ledger", l.path, "project", "burglary-trend", "--by", "year", "--format", "csv", "--rebuild"])
        #expect(rebuilt.stdout == result.stdout)
    }

    @Test func annualReportJSONAndCSVHaveExactlyTheKeys() throws {
        let l = try ledger()
        let json = try CLI.run(["report", "annual", "--year", "2024", "--ledger", l.path, "--format", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?.count == 19)
        #expect(json.stdout.hasPrefix(#"{"plps_active_end":1,"plps_approved":0,"#))
        #expect(json.stdout.contains(#""reports_false_alarm_pct":100.0"#))
        #expect(json.stdout.contains(#""alert_median_delay_min":10.0"#))
        #expect(json.stderr.contains("computed from"))
        let csv = try CLI.run(["report", "annual", "--year", "2024", "--ledger", l.path, "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "metric,value")
        #expect(lines.count == 20)
        #expect(lines.contains("burglaries_previous,1"))
        let table = try CLI.run(["report", "annual", "--year", "2024", "--ledger", l.path, "--lang", "nl"])
        #expect(table.stdout.contains("Inbraken"))
        #expect(table.stdout.contains("Per gewest"))
        let french = try CLI.run(["report", "annual", "--year", "2024", "--ledger", l.path])
        #expect(french.stdout.contains("Cambriolages"))
    }

    @Test func projectionsPrintEveryFormat() throws {
        let l = try ledger()
        let registry = try CLI.run(["project", "registry", "--ledger", l.path, "--format", "csv"])
        #expect(registry.stdout.hasPrefix("plp,name,kind,commune,commune_name,region,province,status,approved,coordinator,active_members\n"))
        #expect(registry.stdout.contains("A,PLP A,residential,72004,Bree,Région flamande,Province du Limbourg,active,2019-06-01,K,1\n"))
        let members = try CLI.run(["project", "members", "--plp", "A", "--ledger", l.path, "--format", "csv"])
        #expect(members.stdout == "member,kind,channels,joined_on,left_on,newsletter,status\nm1,resident,sms,2020-01-10,,true,active\nm2,resident,sms,2021-01-10,2022-01-10,true,left\n")
        let revealed = try CLI.run(["project", "members", "--plp", "A", "--reveal", "--ledger", l.path, "--format", "json"],
                                   environment: ["PLP_LEDGER_KEY": l.masterKey.base64])
        #expect(revealed.stdout.contains(#""name":"N m1""#))
        // --reveal that cannot reveal fails in one sentence naming where it looked, and prints nothing.
        let withoutKey = try CLI.run(["project", "members", "--plp", "A", "--reveal", "--ledger", l.path, "--format", "csv"])
        #expect(withoutKey.status == 1 && withoutKey.stdout.isEmpty)
        #expect(withoutKey.stderr.contains("--reveal needs the ledger's master key and found none") && withoutKey.stderr.contains(l.path + ".key"))
        let history = try CLI.run(["history", "member/m1", "--reveal", "--ledger", l.path])
        #expect(history.status == 1 && history.stdout.isEmpty && history.stderr.contains("found none"))
        let otherKey = MasterKey.generate().base64
        for arguments in [["project", "members", "--plp", "A", "--reveal"], ["history", "member/m1", "--reveal"]] {
            let wrong = try CLI.run(arguments + ["--ledger", l.path], environment: ["PLP_LEDGER_KEY": otherKey])
            #expect(wrong.status == 1 && wrong.stdout.isEmpty, "\(arguments)")
            #expect(wrong.stderr.contains("--reveal cannot open contact data with the master key from PLP_LEDGER_KEY"), "\(wrong.stderr)")
        }
        let opened = try CLI.run(["history", "member/m1", "--reveal", "--ledger", l.path], environment: ["PLP_LEDGER_KEY": l.masterKey.base64])
        #expect(opened.status == 0 && opened.stdout.contains("N m1"))
        #expect(!members.stdout.contains("N m1"))
        let alerts = try CLI.run(["project", "alerts", "--ledger", l.path, "--format", "csv"])
        #expect(alerts.stdout.contains("national,,,1,1,100.0,1,0,0,0,10,10.0,0.0\n"))
        let effect = try CLI.run(["project", "plp-effect", "--ledger", l.path])
        #expect(effect.status == 0)
        #expect(effect.stdout.contains("cannot prove"))
    }

    @Test func badOptionsAreOneSentence() throws {
        let l = try ledger()
        let from = try CLI.run(["project", "burglary-trend", "--ledger", l.path, "--from", "2024-13"])
        #expect(from.status != 0)
        #expect(from.stderr.contains("--from 2024-13 is not a period"))
        let order = try CLI.run(["project", "burglary-trend", "--ledger", l.path, "--from", "2025", "--to", "2024"])
        #expect(order.stderr.contains("comes after"))
        let asOf = try CLI.run(["project", "registry", "--ledger", l.path, "--as-of", "yesterday"])
        #expect(asOf.stderr.contains("--as-of needs an RFC 3339 time"))
        let plp = try CLI.run(["project", "members", "--plp", "nope", "--ledger", l.path])
        #expect(plp.stderr.contains("There is no PLP 'nope'"))
        let commune = try CLI.run(["project", "burglary-trend", "--ledger", l.path, "--commune", "99999"])
        #expect(commune.stderr.contains("not a Belgian commune code"))
    }
}
