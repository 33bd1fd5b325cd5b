import Foundation
import PLPTestSupport
import Testing
@testable import PLPProjections

/// Free text from events never reaches a spreadsheet as a formula (OWASP "CSV injection"); numbers stay numbers.
@Suite struct CSVInjectionTests {
    @Test func textThatASpreadsheetWouldRunGetsAnApostrophe() {
        #expect(CSVText.cell(#"=HYPERLINK("http://x","y")"#) == #""'=HYPERLINK(""http://x"",""y"")""#)
        #expect(CSVText.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVText.cell("+32 470 00 00 00") == "'+32 470 00 00 00")
        #expect(CSVText.cell("-1+1") == "'-1+1")
        #expect(CSVText.cell("\tx") == "'\tx")
        #expect(CSVText.cell("-6.1") == "-6.1" && CSVText.cell("+3") == "+3" && CSVText.cell("-") == "'-")
        #expect(CSVText.cell("Fermez vos portes") == "Fermez vos portes")
        #expect(CSVText.cell("a,b") == "\"a,b\"")
        // A typed table: a negative change stays a number, a text cell is neutralised.
        let table = FigureTable(columns: ["name", "change_pct"], rows: [[.text("=1+1"), .decimal(Tenths(tenths: -61))]])
        #expect(table.csv == "name,change_pct\n'=1+1,-6.1\n")
        #expect(table.json.contains(#""name":"=1+1""#))
    }

    @Test func theFlatTablesNeutraliseFreeText() throws {
        let ledger = try TemporaryLedger()
        try ledger.append(History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00"))
        try ledger.append(Lines.event("alert/a1", "AlertSent",
                                      #"{"plp":"A","kind":"urgent","channel":"sms","advice":"=HYPERLINK(\"http://evil\",\"clic\")","recipients":3}"#,
                                      at: "2024-06-10T21:59:59+02:00"))
        let directory = ledger.directory.appendingPathComponent("sql").path
        let result = try CLI.run(["tables", directory, "--ledger", ledger.path])
        #expect(result.status == 0, "\(result.stderr)")
        let alerts = try String(contentsOfFile: directory + "/alerts.csv", encoding: .utf8)
        #expect(alerts.contains(#""'=HYPERLINK(""http://evil"",""clic"")""#), "\(alerts)")
        let ndjson = try CLI.run(["tables", directory + "-nd", "--format", "ndjson", "--ledger", ledger.path])
        #expect(ndjson.status == 0)
        let lines = try String(contentsOfFile: directory + "-nd/alerts.ndjson", encoding: .utf8)
        #expect(lines.contains(#""advice":"=HYPERLINK(\"http://evil\",\"clic\")""#), "\(lines)")
    }
}

/// What a killed `tables` or `export -o` run left (`NAME.partial-PID` of a dead process) is removed by the next run and
/// named; a file of a running process is left alone.
@Suite struct LeftoverFilesTests {
    @Test func aKilledRunsTemporaryFilesAreRemovedByTheNextRun() throws {
        let ledger = try TemporaryLedger()
        try ledger.append(History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00"))
        let directory = ledger.directory.appendingPathComponent("sql").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let dead = directory + "/plps.csv.partial-99999999", alive = directory + "/alerts.csv.partial-\(getpid())"
        for path in [dead, alive, directory + "/members.ndjson.partial-99999998"] { try Data("x".utf8).write(to: URL(fileURLWithPath: path)) }
        let result = try CLI.run(["tables", directory, "--ledger", ledger.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("removed what an interrupted tables run left: "), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dead) && FileManager.default.fileExists(atPath: alive))
        #expect(!FileManager.default.fileExists(atPath: directory + "/members.ndjson.partial-99999998"))
        let export = ledger.directory.appendingPathComponent("e.ndjson").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: export + ".partial-99999999"))
        let exported = try CLI.run(["export", "-o", export, "--ledger", ledger.path])
        #expect(exported.status == 0 && exported.stderr.contains("removed what an interrupted run left: \(export).partial-99999999"))
    }
}
