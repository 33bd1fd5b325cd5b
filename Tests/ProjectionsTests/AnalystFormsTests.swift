import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// The filters and forms analysts ask for: areas on registry, alerts and burglary-trend, a national total, every
/// member at once, typed JSON, and a range of years of the annual statistics.
@Suite struct AnalystFormsTests {
    /// PLP A in Bree (Limburg, Flemish Region), PLP W in Namur (Walloon Region); burglaries in both and in Brussels.
    func ledger() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        try ledger.append(History.plp("A", commune: "72004", approvedAt: "2019-06-01T10:00:00+02:00"))
        try ledger.append(History.plp("W", commune: "92094", approvedAt: "2019-07-01T10:00:00+02:00"))
        try ledger.append([
            History.joined("m1", plp: "A", at: "2020-01-10T19:00:00+01:00"),
            History.joined("w1", plp: "W", at: "2020-02-10T19:00:00+01:00"),
            History.crime("72004", on: "2023-01-05"), History.crime("72004", on: "2024-01-05"),
            History.crime("92094", on: "2023-03-05"), History.crime("92094", on: "2024-03-05"),
            History.crime("92094", on: "2024-04-05"), History.crime("21004", on: "2024-05-05"),
        ])
        return ledger
    }

    func csv(_ arguments: [String], _ l: TemporaryLedger) throws -> String {
        let result = try CLI.run(arguments + ["--ledger", l.path, "--format", "csv"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    @Test func areasNarrowTheRegistryTheAlertsAndTheTrend() throws {
        let l = try ledger()
        #expect(try csv(["project", "registry", "--region", "03000"], l).split(separator: "\n").dropFirst().map { $0.prefix(2) } == ["W,"])
        #expect(try csv(["project", "registry", "--province", "Limburg"], l).contains("\nA,"))
        #expect(!(try csv(["project", "registry", "--province", "Limburg"], l)).contains("\nW,"))
        #expect(try csv(["project", "registry", "--commune", "92094"], l).contains("\nW,"))
        let alerts = try csv(["project", "alerts", "--region", "Vlaams Gewest"], l)
        #expect(alerts.contains("\narea,,"))
        #expect(alerts.contains("\nplp,A,") && !alerts.contains("\nplp,W,"))
        let walloon = try csv(["project", "burglary-trend", "--by", "year", "--region", "03000"], l)
        #expect(walloon == "commune,period,burglaries,attempted,previous,change_pct,complete\n92094,2023,1,0,,,false\n92094,2024,2,0,1,,false\n")
        let national = try csv(["project", "burglary-trend", "--by", "year", "--national"], l)
        #expect(national == "commune,period,burglaries,attempted,previous,change_pct,complete\nBE,2023,2,0,,,false\nBE,2024,4,0,2,,false\n")
        let regional = try csv(["project", "burglary-trend", "--by", "year", "--national", "--region", "03000"], l)
        #expect(regional.contains("\n03000,2024,2,0,1,,false\n"))
        let bad = try CLI.run(["project", "registry", "--ledger", l.path, "--region", "Atlantis"])
        #expect(bad.status == 64 && bad.stderr.contains("--region Atlantis is not a region"))
    }

    @Test func everyMemberAtOnceAndTypedJSON() throws {
        let l = try ledger()
        let all = try csv(["project", "members"], l)
        #expect(all.hasPrefix("plp,member,kind,channels,joined_on,left_on,newsletter,status\nA,m1,"))
        #expect(all.contains("\nW,w1,"))
        let json = try CLI.run(["project", "members", "--ledger", l.path, "--format", "json"])
        #expect(json.stdout.contains(#""channels":["sms"]"#))
        #expect(json.stdout.contains(#""newsletter":true"#))
    }

    @Test func aRangeOfYearsGivesEachYearsFigures() throws {
        let l = try ledger()
        let range = try csv(["report", "annual", "--from", "2023", "--to", "2024"], l)
        #expect(range.hasPrefix("year,metric,value\n2023,plps_active_end,2\n"))
        for year in [2023, 2024] {
            let single = try csv(["report", "annual", "--year", String(year)], l)
            let fromRange = range.split(separator: "\n").filter { $0.hasPrefix("\(year),") }.map { $0.dropFirst(5) }
            #expect(fromRange == single.split(separator: "\n").dropFirst().map { $0[...] })
        }
        let json = try CLI.run(["report", "annual", "--from", "2023", "--to", "2024", "--ledger", l.path, "--format", "json"])
        #expect(json.stdout.hasPrefix("[\n{\"year\":2023,\"plps_active_end\":2,"))
        let table = try CLI.run(["report", "annual", "--from", "2023", "--to", "2024", "--ledger", l.path])
        #expect(table.status == 64)
    }
}
