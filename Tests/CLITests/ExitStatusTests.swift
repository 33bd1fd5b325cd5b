import Foundation
import PLPTestSupport
import Testing

/// Exit status: 0 success (help included), 1 a runtime failure as one sentence without the usage, 64 a wrong
/// command line with the usage.
@Suite struct ExitStatusTests {
    @Test func helpExitsZero() throws {
        for arguments in [["--help"], ["-h"], ["help"], ["help", "verify"], ["verify", "--help"], ["project", "registry", "--help"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("USAGE:"), "\(arguments)")
        }
    }

    @Test func wrongUsageIs64WithTheUsageAndRuntimeFailuresAre1WithoutIt() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("x.ledger")
        for arguments in [["stats", "--bogus"], ["verify", "--format", "csv"], ["report", "annual"], ["prove", "inclusion"]] {
            let result = try CLI.run(arguments + ["--ledger", ledger])
            #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("Usage:"), "\(arguments)")
        }
        let missing = try CLI.run(["stats", "--ledger", ledger])
        #expect(missing.status == 1 && !missing.stderr.contains("Usage:"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(try CLI.run(["init", "--ledger", ledger]).status == 0)
        let badLine = try CLI.run(["append", "--ledger", ledger], stdin: "{}")
        #expect(badLine.status == 1 && !badLine.stderr.contains("Usage:"), "\(badLine.stderr)")
    }

    @Test func aWrongStreamGivesTheHistoryUsageNotTheRoots() throws {
        let wrong = try CLI.run(["history", "nope"])
        #expect(wrong.status == 64 && wrong.stderr.contains("'nope' is not of the form KIND/ID"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("Usage: plp-ledger history"), "\(wrong.stderr)")
        let json = try CLI.run(["history", "plp/x", "--format", "json", "--reveal"])
        #expect(json.status == 64 && json.stderr.contains("Usage: plp-ledger history"), "\(json.stderr)")
    }
}
