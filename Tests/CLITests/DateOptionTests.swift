import Foundation
import PLPEvents
import PLPTestSupport
import Testing

/// A date that is not in the calendar, given to `--since`, `--until`, `--as-of` or `--at`, is a wrong command line
/// (exit 64) said in one sentence that names the option and why, with the usage of the command, not of the tool.
@Suite struct DateOptionTests {
    @Test(arguments: [
        ("2024-02-30", "February 2024 has 29 days"), ("2023-02-29", "February 2023 has 28 days"),
        ("2024-04-31", "April 2024 has 30 days"), ("2024-13-01", "there is no month 13"), ("2024-00-10", "there is no month 0"),
        ("2024-01-00", "there is no day 0"), ("2024-02-30T10:00:00+01:00", "February 2024 has 29 days"),
    ])
    func theReasonADateIsNotInTheCalendar(_ text: String, _ reason: String) {
        #expect(CivilDate.problem(text) == reason)
    }

    @Test func realDatesAndOtherTextsHaveNoCalendarProblem() {
        for text in ["2024-02-29", "2025-12-31", "yesterday", "2024-2-3", "2024-02-30x", "20240230", ""] {
            #expect(CivilDate.problem(text) == nil, "\(text)")
        }
    }

    @Test func logSaysWhichDateIsWrongAndWhy() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("l.ledger")
        #expect(try CLI.run(["init", "--ledger", ledger]).status == 0)
        for (arguments, sentence) in [
            (["--since", "2024-02-30"], "Error: --since 2024-02-30 is not a date: February 2024 has 29 days."),
            (["--until", "2023-02-29"], "Error: --until 2023-02-29 is not a date: February 2023 has 28 days."),
            (["--until", "2023-02-29T23:00:00Z"], "Error: --until 2023-02-29T23:00:00Z is not a time: February 2023 has 28 days."),
            (["--since", "yesterday"], "Error: --since yesterday is neither a date YYYY-MM-DD nor an RFC 3339 time: "),
            (["--type", "Burglary"], "Error: --type Burglary is not an event type; the types are PLPProposed, "),
            (["--stream", "nope"], "Error: --stream nope: "),
        ] {
            let result = try CLI.run(["log", "--ledger", ledger] + arguments)
            #expect(result.status == 64, "\(arguments)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.first?.hasPrefix(sentence) == true, "\(arguments): \(result.stderr)")
            #expect(lines.dropFirst().first?.hasPrefix("Usage: plp-ledger log ") == true, "\(arguments): \(result.stderr)")
        }
        let at = try CLI.run(["project", "registry", "--ledger", ledger, "--at", "2024-02-30"])
        #expect(at.status == 64 && at.stderr.hasPrefix("Error: --at 2024-02-30 is not a date: February 2024 has 29 days.\n"))
        let asOf = try CLI.run(["tables", scratch.path("t"), "--ledger", ledger, "--as-of", "2024-06-31"])
        #expect(asOf.status == 64 && asOf.stderr.hasPrefix("Error: --as-of 2024-06-31 is not a date: June 2024 has 30 days.\n"))
    }
}
