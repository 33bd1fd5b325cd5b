import Foundation
import PLPTestSupport
import Testing

/// The sentences that sum up what a command did count in good English: `1 event`, `2 events`.
@Suite struct SummaryMessagesTests {
    @Test func oneEventIsSingular() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("one.ledger")
        #expect(try CLI.run(["init", "--ledger", ledger]).status == 0)
        let file = try scratch.write("one.ndjson", Events.burglary("21004", day: 1) + "\n")
        let imported = try CLI.run(["import", file, "--ledger", ledger])
        #expect(imported.status == 0)
        #expect(imported.stderr.hasPrefix("imported 1 event in ") && imported.stderr.hasSuffix("; the ledger holds 1 event\n"),
                "\(imported.stderr)")
        let again = try CLI.run(["import", file, "--ledger", ledger])
        #expect(again.stderr.contains("1 line was already imported from this same file"), "\(again.stderr)")
        #expect(try CLI.run(["init", "--ledger", ledger]).stderr.contains("(1 event); left as it is"))
        #expect(try CLI.run(["export", "--ledger", ledger, "-o", scratch.path("e.ndjson")]).stderr == "exported 1 event to \(scratch.path("e.ndjson"))\n")
        #expect(try CLI.run(["verify", "--ledger", ledger]).stdout.hasPrefix("ok: 1 event, every hash and tree node recomputed;"))
        #expect(try CLI.run(["verify", "--export", scratch.path("e.ndjson")]).stdout.hasPrefix("ok: 1 line of "))
        #expect(try CLI.run(["stats", "--ledger", ledger]).stdout.hasPrefix("Ledger \(ledger): 1 event,"))
        #expect(try CLI.run(["backup", scratch.path("b"), "--ledger", ledger]).stderr.hasPrefix("backed up 1 event to "))
        let figures = try CLI.run(["project", "burglary-trend", "--ledger", ledger, "--format", "csv"])
        #expect(figures.stderr.contains("computed from 1 event (seq ≤ 1)"), "\(figures.stderr)")
        let tables = try CLI.run(["tables", scratch.path("t"), "--ledger", ledger])
        #expect(tables.stderr.contains("crimes.csv") && tables.stderr.contains(" 1 row\n") && tables.stderr.contains(" 0 rows\n"))
        #expect(try CLI.run(["prove", "inclusion", "1", "--ledger", ledger]).stdout.hasPrefix("seq 1 in the tree of 1 event\n"))
    }

    @Test func manyEventsArePlural() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("two.ledger")
        #expect(try CLI.run(["init", "--ledger", ledger]).status == 0)
        let file = try scratch.write("two.ndjson", Events.burglary("21004", day: 1) + "\n" + Events.burglary("21004", day: 2) + "\n")
        let imported = try CLI.run(["import", file, "--ledger", ledger])
        #expect(imported.stderr.hasPrefix("imported 2 events in ") && imported.stderr.hasSuffix("; the ledger holds 2 events\n"))
        #expect(try CLI.run(["verify", "--ledger", ledger]).stdout.hasPrefix("ok: 2 events, every hash"))
    }
}
