import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// `--at T` (business time): only events that occurred by T; with `--as-of` (record time) it answers what the
/// ledger knew at A about the network at B. A selection with no event warns on standard error.
@Suite struct BusinessTimeTests {
    /// Two PLPs approved in 2019 and 2021, burglaries in 2023 and 2024; every event recorded today.
    func ledger() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        try ledger.append(History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00"))
        try ledger.append(History.plp("B", commune: "11002", approvedAt: "2021-06-01T10:00:00+02:00"))
        try ledger.append([
            History.crime("72004", on: "2023-01-05"),
            History.crime("72004", on: "2023-12-31"),
            History.crime("72004", on: "2024-01-05"),
        ])
        return ledger
    }

    func registryPLPs(_ output: String) -> [String] {
        output.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
    }

    @Test func atSelectsWhatHadOccurred() throws {
        let l = try ledger()
        let in2020 = try CLI.run(["project", "registry", "--ledger", l.path, "--at", "2020-12-31", "--format", "csv"])
        #expect(in2020.status == 0)
        // B was proposed in 2019 but approved only in 2021.
        #expect(registryPLPs(in2020.stdout) == ["A", "B"])
        #expect(!in2020.stdout.contains("2021-06-01") && in2020.stdout.contains("2019-06-01"))
        #expect(in2020.stderr.contains("as the network stood at 2020-12-31T22:59:59.999999Z"))
        let now = try CLI.run(["project", "registry", "--ledger", l.path, "--format", "csv"])
        #expect(registryPLPs(now.stdout) == ["A", "B"])

        // Crime facts count by occurredOn: the last day of 2023 is in, 2024 is out.
        let trend = try CLI.run(["project", "burglary-trend", "--ledger", l.path, "--by", "year", "--at", "2023-12-31",
                                 "--format", "csv"])
        #expect(trend.stdout == "commune,period,burglaries,attempted,previous,change_pct,complete\n72004,2023,2,0,,,false\n")

        let annual = try CLI.run(["report", "annual", "--year", "2023", "--ledger", l.path, "--at", "2023-06-30",
                                  "--format", "json"])
        #expect(annual.status == 0)
        #expect(annual.stdout.contains(#""burglaries":1"#))
    }

    @Test func asOfBeforeTheImportSelectsNothingAndSaysSo() throws {
        let l = try ledger()
        let result = try CLI.run(["project", "registry", "--ledger", l.path, "--as-of", "2024-12-31", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: the selection holds no event"))
        #expect(result.stderr.contains("use --at"))
        // Both together: what the ledger knew today about the network at the end of 2020.
        let both = try CLI.run(["project", "registry", "--ledger", l.path, "--as-of", "2100-01-01", "--at", "2020-12-31",
                                "--format", "csv"])
        #expect(!both.stdout.contains("2021-06-01") && both.stdout.contains("2019-06-01"))
        #expect(!both.stderr.contains("warning"))
    }

    @Test func aBadAtIsWrongUsage() throws {
        let l = try ledger()
        let result = try CLI.run(["project", "registry", "--ledger", l.path, "--at", "yesterday"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--at needs an RFC 3339 time"))
    }
}
