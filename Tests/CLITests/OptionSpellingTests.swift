import Foundation
import PLPTestSupport
import Testing

/// Options are spelled alike across commands, and `--help` shows defaults a person can read.
@Suite struct OptionSpellingTests {
    @Test func reportAnnualWritesToOutputAsToO() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("l.ledger")
        #expect(try CLI.run(["init", "--ledger", ledger]).status == 0)
        #expect(try CLI.run(["append", "--ledger", ledger], stdin: Events.course(12)).status == 0)
        let long = try CLI.run(["report", "annual", "--year", "2025", "--format", "json", "--output", scratch.path("long.json"),
                                "--ledger", ledger])
        #expect(long.status == 0, "\(long.stderr)")
        let short = try CLI.run(["report", "annual", "--year", "2025", "--format", "json", "-o", scratch.path("short.json"),
                                 "--ledger", ledger])
        #expect(short.status == 0 && long.stdout.isEmpty)
        let written = try String(contentsOfFile: scratch.path("long.json"), encoding: .utf8)
        #expect(written.contains(#""course_participants":12"#))
        #expect(written == (try String(contentsOfFile: scratch.path("short.json"), encoding: .utf8)))
    }

    /// No `--help` shows 2^64 − 1 or 2^63 − 1 (an "unlimited" written as a number) as a default.
    @Test func noHelpShowsAHugeNumberAsADefault() throws {
        let commands: [[String]] = [
            ["init"], ["append"], ["import"], ["export"], ["log"], ["history"], ["stats"], ["verify"], ["project", "registry"],
            ["project", "members"], ["project", "burglary-trend"], ["project", "alerts"], ["project", "plp-effect"],
            ["report", "annual"], ["tables"], ["digest"], ["prove", "inclusion"], ["prove", "consistency"], ["verify-proof"],
            ["checkpoint"], ["checkpoint", "sign"], ["checkpoint", "verify"], ["keygen"], ["publish"], ["witness", "init"], ["witness", "cosign"], ["forget"], ["backup"],
            ["restore"], ["demo"], ["generate"], ["bench"],
        ]
        for command in commands {
            let help = try CLI.run(command + ["--help"])
            #expect(help.status == 0, "\(command): \(help.stderr)")
            #expect(!help.stdout.contains("18446744073709551615") && !help.stdout.contains("9223372036854775807"), "\(command)")
        }
        let log = try CLI.run(["log", "--help"]).stdout
        #expect(log.contains("--to-seq <seq>") && log.contains("(default: the last)") && log.contains("(default: all)"))
    }
}
