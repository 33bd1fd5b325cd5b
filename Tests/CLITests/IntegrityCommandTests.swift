import Foundation
import PLPTestSupport
import Testing

/// `digest`, `prove`, `verify-proof`, `verify --export`, `keygen` and `checkpoint` as an auditor runs them.
@Suite struct IntegrityCommandTests {
    static func ledger(_ scratch: Scratch, events: Int) throws -> String {
        let ledger = scratch.path("i.ledger")
        try CLI.run(["--ledger", ledger, "init"])
        let lines = (0..<events).map { Events.burglary(["21004", "11002", "72004"][$0 % 3], day: $0) }.joined(separator: "\n") + "\n"
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines).status == 0)
        return ledger
    }

    @Test func lastYearsHeadIsExtendedByThisYearsLedger() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch, events: 100)
        // Last year: keep the tree head.
        let old = try CLI.run(["--ledger", ledger, "digest", "--format", "json"])
        #expect(old.status == 0 && old.stdout.hasPrefix(#"{"size":100,"root":""#))
        let oldFile = try scratch.write("2025.json", old.stdout)
        // This year: more events, a consistency proof, a check with no ledger.
        let more = (0..<37).map { Events.burglary("21004", day: 200 + $0) }.joined(separator: "\n") + "\n"
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: more).status == 0)
        let new = try CLI.run(["--ledger", ledger, "digest", "--format", "json"])
        let newFile = try scratch.write("2026.json", new.stdout)
        let proof = try CLI.run(["--ledger", ledger, "prove", "consistency", "100", "--format", "json"])
        #expect(proof.stdout.hasPrefix(#"{"from":100,"to":137,"path":["#))
        let proofFile = try scratch.write("c.json", proof.stdout)
        let ok = try CLI.run(["verify-proof", proofFile, "--old-head", oldFile, "--head", newFile])
        #expect(ok.status == 0 && ok.stdout.hasPrefix("ok: "))
        // Swapped heads or a made-up old root fail.
        #expect(try CLI.run(["verify-proof", proofFile, "--old-head", newFile, "--head", newFile]).status != 0)
        let bogus = try CLI.run(["verify-proof", proofFile, "--old-root", String(repeating: "ab", count: 32), "--old-size", "100", "--head", newFile])
        #expect(bogus.status == 1 && bogus.stderr.contains("FAILED"))
        // Inclusion of an event, through standard input.
        let inclusion = try CLI.run(["--ledger", ledger, "prove", "inclusion", "42", "--size", "100", "--format", "json"])
        #expect(inclusion.stdout.hasPrefix(#"{"seq":42,"size":100,"leafHash":""#))
        #expect(try CLI.run(["verify-proof", "-", "--head", oldFile], stdin: inclusion.stdout).status == 0)
        #expect(try CLI.run(["verify-proof", "-", "--head", newFile], stdin: inclusion.stdout).status != 0)
    }

    @Test func verifyOfTheExportEqualsDigest() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch, events: 300)
        let export = scratch.path("e.ndjson.gz")
        #expect(try CLI.run(["--ledger", ledger, "export", "-o", export]).status == 0)
        let checked = try CLI.run(["verify", "--export", export, "--format", "json"])
        #expect(checked.status == 0)
        let digest = try CLI.run(["--ledger", ledger, "digest", "--format", "json"])
        #expect(checked.stdout == digest.stdout && digest.stdout.hasPrefix(#"{"size":300,"root":""#))  // one head, byte for byte
        let verify = try CLI.run(["--ledger", ledger, "verify", "--format", "json"])
        #expect(verify.stdout == checked.stdout)
    }

    @Test func anExportIsCheckedAgainstTheHeadTheAuditorKept() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch, events: 30)
        let export = scratch.path("e.ndjson")
        #expect(try CLI.run(["--ledger", ledger, "export", "-o", export]).status == 0)
        let head = try scratch.write("head.json", try CLI.run(["--ledger", ledger, "digest", "--format", "json"]).stdout)
        let ok = try CLI.run(["verify", "--export", export, "--head", head])
        #expect(ok.status == 0 && ok.stdout.contains("it is the head in \(head)"), "\(ok.stderr)")
        // A forged history of the same size, every hash recomputed: it verifies on its own, not against the head.
        let forger = scratch.path("forged.ledger")
        try CLI.run(["--ledger", forger, "init"])
        let forgedLines = (0..<30).map { Events.burglary("21004", day: $0) }.joined(separator: "\n") + "\n"
        #expect(try CLI.run(["--ledger", forger, "import", "-"], stdin: forgedLines).status == 0)
        let forged = scratch.path("forged.ndjson")
        #expect(try CLI.run(["--ledger", forger, "export", "-o", forged]).status == 0)
        #expect(try CLI.run(["verify", "--export", forged]).status == 0)
        let refused = try CLI.run(["verify", "--export", forged, "--head", head])
        #expect(refused.status == 1 && refused.stderr.contains("the same size 30 with another root"), "\(refused.stderr)")
        let json = try CLI.run(["verify", "--export", forged, "--head", head, "--format", "json"])
        #expect(json.status == 1 && json.stdout.hasPrefix(#"{"ok":false,"reason":"the tree head of the export"#))
        // A cut export: another size.
        let cut = try scratch.write("cut.ndjson", try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n").prefix(29)
            .joined(separator: "\n") + "\n")
        let short = try CLI.run(["verify", "--export", cut, "--head", head])
        #expect(short.status == 1 && short.stderr.contains("size 29"))
        // A signed checkpoint as the head: the log's public key checks it; without the key, one sentence.
        let prefix = scratch.path("ck")
        #expect(try CLI.run(["keygen", "--name", "plp-ledger.example.be", "-o", prefix]).status == 0)
        let checkpoint = try scratch.write("cp", try CLI.run(["--ledger", ledger, "checkpoint", "--key", prefix + ".key"]).stdout)
        let signed = try CLI.run(["verify", "--export", export, "--head", checkpoint, "--key", prefix + ".pub"])
        #expect(signed.status == 0 && signed.stdout.contains("signed by plp-ledger.example.be"), "\(signed.stderr)")
        #expect(try CLI.run(["verify", "--export", forged, "--head", checkpoint, "--key", prefix + ".pub"]).status == 1)
        let keyless = try CLI.run(["verify", "--export", export, "--head", checkpoint])
        #expect(keyless.status == 1 && keyless.stderr.contains("give --key PREFIX.pub"))
        // The ledger itself against the head.
        #expect(try CLI.run(["--ledger", ledger, "verify", "--head", head]).status == 0)
        #expect(try CLI.run(["--ledger", forger, "verify", "--head", head]).status == 1)
    }

    @Test func signedCheckpointsVerifyWithThePublicKeyOnly() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch, events: 20)
        let prefix = scratch.path("ck")
        #expect(try CLI.run(["keygen", "--name", "plp-ledger.example.be", "-o", prefix]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: prefix + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try CLI.run(["keygen", "--name", "x", "-o", prefix]).status != 0)  // never replaces a key
        let signed = try CLI.run(["--ledger", ledger, "checkpoint", "--key", prefix + ".key"])
        #expect(signed.status == 0)
        #expect(signed.stdout.hasPrefix("plp-ledger/i.ledger\n20\n"))
        #expect(signed.stdout.contains("\n\n\u{2014} plp-ledger.example.be "))
        let file = try scratch.write("2026.checkpoint", signed.stdout)
        let ok = try CLI.run(["checkpoint", "verify", file, "--key", prefix + ".pub"])
        #expect(ok.status == 0 && ok.stdout.hasPrefix("ok: "))
        let altered = try scratch.write("altered", signed.stdout.replacingOccurrences(of: "\n20\n", with: "\n21\n"))
        let bad = try CLI.run(["checkpoint", "verify", altered, "--key", prefix + ".pub"])
        #expect(bad.status == 1 && bad.stderr.contains("does not match"))
        // The log's signature line twice, the second altered: refused, as Go's note.Open refuses it.
        let lines = signed.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let signature = try #require(lines.last { $0.hasPrefix("\u{2014} ") })
        var forged = Array(signature)
        let last = forged.count - 3
        forged[last] = forged[last] == "A" ? "B" : "A"
        let twice = try scratch.write("twice", signed.stdout + String(forged) + "\n")
        let refused = try CLI.run(["checkpoint", "verify", twice, "--key", prefix + ".pub"])
        #expect(refused.status == 1 && refused.stderr.contains("signature line 2 of 2"), "\(refused.stderr)")
        let wrongKey = try CLI.run(["checkpoint", "verify", file, "--key", prefix + ".key"])
        #expect(wrongKey.status != 0 && wrongKey.stderr.contains("private key"))
    }

    @Test func badRequestsGiveOneSentence() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch, events: 10)
        for arguments in [["prove", "inclusion", "0"], ["prove", "inclusion", "11"], ["prove", "inclusion", "3", "--size", "11"],
                          ["prove", "consistency", "9", "--size", "3"], ["prove", "consistency", "3", "--size", "11"],
                          ["digest", "--size", "11"]] {
            let result = try CLI.run(["--ledger", ledger] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.hasPrefix("Error: "), "\(arguments)")
            #expect(!result.stderr.contains("Fatal error"))
        }
        let malformed = try CLI.run(["verify-proof", "-", "--root", String(repeating: "0", count: 64), "--size", "3"], stdin: "{\"seq\":1")
        #expect(malformed.status != 0 && malformed.stderr.contains("not valid JSON"))
        let noHead = try CLI.run(["verify-proof", "-"], stdin: #"{"seq":1,"size":1,"leafHash":"00","path":[]}"#)
        #expect(noHead.status != 0 && noHead.stderr.contains("--root and --size"))
        let noKey = try CLI.run(["--ledger", ledger, "checkpoint", "--key", scratch.path("missing.key")])
        #expect(noKey.status != 0 && noKey.stderr.contains("no such file"))
    }
}
