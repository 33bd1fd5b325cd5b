import Foundation
import PLPTestSupport
import Testing

/// `import --preserve` continues a ledger only with an export of its own source from its next seq; any other start
/// is refused in one sentence, not with an error for every line that follows from it.
@Suite struct PreserveContinuityTests {
    /// A source ledger of five courses and its export; a target ledger holding one course of its own.
    struct Ledgers {
        let scratch: Scratch
        var source: String { scratch.path("source.ledger") }
        var target: String { scratch.path("target.ledger") }
        var export: String { scratch.path("export.ndjson") }

        init() throws {
            scratch = try Scratch()
            #expect(try CLI.run(["init", "--ledger", source]).status == 0)
            let file = try scratch.write("courses.ndjson", (1...5).map { Events.course($0) }.joined(separator: "\n") + "\n")
            #expect(try CLI.run(["import", file, "--ledger", source]).status == 0)
            #expect(try CLI.run(["export", "--ledger", source, "-o", export]).status == 0)
            #expect(try CLI.run(["init", "--ledger", target]).status == 0)
            #expect(try CLI.run(["append", "--ledger", target], stdin: Events.course(40)).status == 0)
        }
    }

    @Test func anExportOfAnotherLedgerIsOneSentence() throws {
        let l = try Ledgers()
        let expected = "Error: import refused, nothing was written: line 1: seq: 1 does not continue the ledger, which holds 1 event, "
            + "whose event at seq 1 is another one: --preserve continues only a copy of the export's own source, from its next seq (2); "
            + "import into an empty ledger\n"
        let fromFile = try CLI.run(["import", "--preserve", l.export, "--ledger", l.target])
        #expect(fromFile.status == 1)
        #expect(fromFile.stderr == expected)
        // Standard input cannot be read twice: the same sentence comes from the import's own errors.
        let fromStandardInput = try CLI.run(["import", "--preserve", "-", "--ledger", l.target],
                                            stdin: try String(contentsOfFile: l.export, encoding: .utf8))
        #expect(fromStandardInput.status == 1)
        #expect(fromStandardInput.stderr == expected)
        let json = try CLI.run(["import", "--preserve", l.export, "--ledger", l.target], environment: ["PLP_LEDGER_ERRORS": "json"])
        #expect(json.stderr.hasPrefix(#"{"error":{"code":"import-refused","message":"import refused, nothing was written: line 1: seq: 1 "#))
        #expect(try CLI.run(["stats", "--ledger", l.target, "--format", "json"]).stdout.contains(#""events":1"#))
    }

    @Test func anExportThatStartsTooLateIsOneSentence() throws {
        let l = try Ledgers()
        let late = try CLI.run(["export", "--ledger", l.source, "--since-seq", "3"])
        let file = try l.scratch.write("late.ndjson", "\n" + late.stdout)
        let result = try CLI.run(["import", "--preserve", file, "--ledger", l.target])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: import refused, nothing was written: line 2: seq: 4 does not continue the ledger, which holds "
                + "1 event: --preserve continues a ledger only from its next seq (2); import into an empty ledger, or export "
                + "--since-seq 1 from the source\n")
        let empty = l.scratch.path("empty.ledger")
        #expect(try CLI.run(["init", "--ledger", empty]).status == 0)
        let intoEmpty = try CLI.run(["import", "--preserve", file, "--ledger", empty])
        #expect(intoEmpty.stderr.hasSuffix("line 2: seq: 4 does not continue the ledger, which is empty: --preserve continues a "
                + "ledger only from its next seq (1); import the source's export from its first event (export without --since-seq)\n"))
    }

    @Test func aCopyStillContinuesFromItsNextSeqOrAcrossAnOverlap() throws {
        let l = try Ledgers()
        let copy = l.scratch.path("copy.ledger")
        #expect(try CLI.run(["init", "--ledger", copy]).status == 0)
        let first = try CLI.run(["import", "--preserve", l.export, "--ledger", copy])
        #expect(first.status == 0, "\(first.stderr)")
        let more = try l.scratch.write("more.ndjson", Events.course(6) + "\n")
        #expect(try CLI.run(["import", more, "--ledger", l.source]).status == 0)
        // The whole export again: the five events the copy holds are skipped, the sixth is appended.
        let whole = try CLI.run(["export", "--ledger", l.source])
        let overlap = try CLI.run(["import", "--preserve", "-", "--ledger", copy], stdin: whole.stdout)
        #expect(overlap.status == 0, "\(overlap.stderr)")
        #expect(overlap.stderr.contains("imported 1 event in ") && overlap.stderr.contains("the ledger holds 6 events"))
        #expect(try CLI.run(["export", "--ledger", copy]).stdout == whole.stdout)
    }
}

