import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// The annual report says when the ledger does not cover the year: no event in it, data starting or ending within
/// it; burglary figures of a year without burglary data are "no data" (`null`), never 0, and the HTML report says
/// "pas de données" / "geen gegevens" instead of "new".
@Suite struct AnnualCoverageTests {
    /// A PLP approved in 2019; burglaries from January 2023 to June 2024.
    func ledger() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        try ledger.append(History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00"))
        try ledger.append([
            History.crime("72004", on: "2023-01-05"),
            History.crime("72004", on: "2023-12-31"),
            History.crime("72004", on: "2024-06-05"),
        ])
        return ledger
    }

    @Test func burglariesOfAYearWithoutDataAreNoData() throws {
        let l = try ledger()
        let y2023 = try CLI.run(["report", "annual", "--year", "2023", "--ledger", l.path, "--format", "json"])
        #expect(y2023.stdout.contains(#""burglaries":2,"burglaries_attempted":0,"burglaries_previous":null"#))
        let y2024 = try CLI.run(["report", "annual", "--year", "2024", "--ledger", l.path, "--format", "csv"])
        #expect(y2024.stdout.contains("burglaries,1\nburglaries_attempted,0\nburglaries_previous,2\n"))
        #expect(y2024.stderr.contains("note: 2024 is not finished in the ledger: its latest event occurred on 2024-06-05"))
        // The table form: the unfinished year's column says where it stops, and nothing of it is compared.
        let table = try CLI.run(["report", "annual", "--year", "2024", "--ledger", l.path])
        #expect(table.stdout.contains("2024 (jusqu'au 5 juin 2024)"), "\(table.stdout)")
        #expect(table.stdout.contains("non comparé : 2024 n'est couvert qu'en partie"), "\(table.stdout)")
        #expect(!table.stdout.split(separator: "\n").contains { $0.hasSuffix(" %") }, "\(table.stdout)")
        let y2021 = try CLI.run(["report", "annual", "--year", "2021", "--ledger", l.path, "--format", "csv"])
        #expect(y2021.stdout.contains("burglaries,\nburglaries_attempted,\nburglaries_previous,\n"))
    }

    @Test func aYearWithNoEventSaysSo() throws {
        let l = try ledger()
        let result = try CLI.run(["report", "annual", "--year", "2030", "--ledger", l.path, "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("note: the ledger holds no event that occurred in 2030"))
        let table = try CLI.run(["report", "annual", "--year", "2030", "--ledger", l.path, "--lang", "nl"])
        #expect(table.stdout.contains("Het register bevat geen enkele gebeurtenis uit 2030"))
        #expect(table.stdout.contains("geen gegevens"))
    }

    @Test func theHTMLReportSaysNoDataNotNew() throws {
        let l = try ledger()
        let file = l.directory.appendingPathComponent("r.html").path
        let result = try CLI.run(["report", "annual", "--year", "2023", "--ledger", l.path, "--format", "html", "-o", file])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.contains("pas de données pour 2022"))
        let y2024 = l.directory.appendingPathComponent("r2024.html").path
        _ = try CLI.run(["report", "annual", "--year", "2024", "--ledger", l.path, "--format", "html", "-o", y2024])
        let html2024 = try String(contentsOfFile: y2024, encoding: .utf8)
        #expect(html2024.contains(#"id="coverage-note""#))
        #expect(html2024.contains("est pas terminée dans le registre : son dernier événement date du 5 juin 2024"))
    }
}
