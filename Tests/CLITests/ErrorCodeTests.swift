import Foundation
import PLPTestSupport
import Testing

/// `PLP_LEDGER_ERRORS=json` prints a runtime failure as one JSON line with its code; without it, the sentence is
/// printed as always. The exit status is the same either way.
@Suite struct ErrorCodeTests {
    @Test func aFailureIsOneJSONLineWithItsCodeWhenAsked() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("none.ledger")
        let plain = try CLI.run(["--ledger", ledger, "stats"])
        let json = try CLI.run(["--ledger", ledger, "stats"], environment: ["PLP_LEDGER_ERRORS": "json"])
        #expect(plain.status == 1 && json.status == 1)
        #expect(plain.stderr.hasPrefix("Error: there is no ledger at"))
        let sentence = String(plain.stderr.dropFirst("Error: ".count).dropLast())
        let object = try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: [String: String]]
        #expect(object?["error"]?["code"] == "no-ledger")
        #expect(object?["error"]?["message"] == sentence)
        #expect(json.stdout.isEmpty)
    }

    @Test func aRefusedImportAndACommandFailureHaveTheirCodes() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("l.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let bad = try scratch.write("bad.ndjson", "not json\n")
        let refused = try CLI.run(["--ledger", ledger, "import", bad], environment: ["PLP_LEDGER_ERRORS": "json"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(#"{"error":{"code":"import-refused","message":"import refused, nothing was written"#))
        let empty = try CLI.run(["--ledger", ledger, "append"], stdin: "", environment: ["PLP_LEDGER_ERRORS": "json"])
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix(#"{"error":{"code":"invalid-argument","message":"no event on standard input"#))
    }
}
