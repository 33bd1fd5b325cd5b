import Crypto
import Foundation
import PLPTestSupport
import Testing

/// `prove inclusion SEQ --format tlog-proof` and `verify-proof` of a C2SP tlog-proof, offline, with the log's key.
@Suite struct TlogProofTests {
    struct Setup {
        let scratch: Scratch
        let ledger: String

        init(events: Int = 40) throws {
            scratch = try Scratch()
            ledger = try IntegrityCommandTests.ledger(scratch, events: events)
            #expect(try CLI.run(["keygen", "--name", "log.example.be", "-o", scratch.path("log")]).status == 0)
        }

        func prove(_ seq: Int, _ extra: [String] = ["--key"]) throws -> CLI.Result {
            let arguments = extra == ["--key"] ? ["--key", scratch.path("log.key")] : extra
            return try CLI.run(["--ledger", ledger, "prove", "inclusion", "\(seq)", "--format", "tlog-proof"] + arguments)
        }

        func verify(_ text: String, _ extra: [String] = []) throws -> CLI.Result {
            try CLI.run(["verify-proof", try scratch.write("p-\(UUID().uuidString).tlog-proof", text), "--key", scratch.path("log.pub")] + extra)
        }
    }

    @Test func aProofFileRoundTripsOffline() throws {
        let setup = try Setup()
        let made = try setup.prove(17)
        #expect(made.status == 0, "\(made.stderr)")
        let lines = made.stdout.components(separatedBy: "\n")
        #expect(lines[0] == "c2sp.org/tlog-proof@v1")
        #expect(lines[1].hasPrefix("extra "))
        #expect(lines[2] == "index 16")
        // The extra data is the event's leaf bytes: its hash is the event's hash; the path is the audit path.
        let json = try CLI.run(["--ledger", setup.ledger, "prove", "inclusion", "17", "--format", "json"])
        let proof = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let leaf = try #require(Data(base64Encoded: String(lines[1].dropFirst(6))))
        let hash = SHA256.hash(data: [0] + leaf).map { String(format: "%02x", $0) }.joined()
        #expect(hash == proof["leafHash"] as? String)
        let path = (proof["path"] as? [String]) ?? []
        let hashLines = Array(lines[3..<(3 + path.count)])
        #expect(hashLines.map { Data(base64Encoded: $0)!.map { String(format: "%02x", $0) }.joined() } == path)
        #expect(lines[3 + path.count] == "")
        #expect(lines[4 + path.count] == "plp-ledger/i.ledger" && lines[5 + path.count] == "40")
        let ok = try setup.verify(made.stdout)
        #expect(ok.status == 0 && ok.stdout.hasPrefix("ok: seq 17 (leaf hash \(hash)) is in the tree of 40 events"), "\(ok.stderr)")
        // The hash an auditor holds can be given instead.
        #expect(try setup.verify(made.stdout, ["--leaf-hash", hash]).status == 0)
        let other = try setup.verify(made.stdout, ["--leaf-hash", String(repeating: "ab", count: 32)])
        #expect(other.status == 1 && other.stderr.hasPrefix("FAILED: "))
        // Every seq, including the first and the last.
        for seq in [1, 2, 39, 40] {
            #expect(try setup.verify(try setup.prove(seq).stdout).status == 0, "seq \(seq)")
        }
    }

    @Test func aChangedHashIndexEntryOrCheckpointIsRefused() throws {
        let setup = try Setup()
        let text = try setup.prove(9).stdout
        var lines = text.components(separatedBy: "\n")
        func failed(_ changed: String, _ words: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try setup.verify(changed)
            #expect(result.status == 1, sourceLocation: sourceLocation)
            #expect(result.stderr.contains(words) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        }
        // A hash of the path.
        var bytes = try #require(Data(base64Encoded: lines[4]))
        bytes[0] ^= 1
        var changed = lines
        changed[4] = bytes.base64EncodedString()
        try failed(changed.joined(separator: "\n"), "is not at index 8 (seq 9)")
        // The index.
        changed = lines
        changed[2] = "index 9"
        try failed(changed.joined(separator: "\n"), "is not at index 9 (seq 10)")
        changed[2] = "index 40"
        try failed(changed.joined(separator: "\n"), "beyond the checkpoint's tree of 40 events")
        // The entry.
        changed = lines
        changed[1] = "extra " + Data("{}".utf8).base64EncodedString()
        try failed(changed.joined(separator: "\n"), "FAILED: the entry with leaf hash")
        // The checkpoint: its size after signing, or signed by another key.
        let sizeLine = try #require(lines.firstIndex(of: "40"))
        lines[sizeLine] = "41"
        try failed(lines.joined(separator: "\n"), "does not match the text")
        #expect(try CLI.run(["keygen", "--name", "log.example.be", "-o", setup.scratch.path("impostor")]).status == 0)
        let impostor = try setup.prove(9, ["--key", setup.scratch.path("impostor.key")])
        try failed(impostor.stdout, "no signature by the key log.example.be")
        // Lines that are not a tlog-proof's.
        try failed(text.replacingOccurrences(of: "index 8\n", with: "index 08\n"), "needs an index line")
        try failed(text.replacingOccurrences(of: "index 8\n", with: "index 8\nnot base64!\n"), "is not the base64 of a 32-byte hash")
    }

    @Test func aCosignedCheckpointCarriesItsWitnessesIntoTheProof() throws {
        let setup = try Setup()
        let checkpoint = try CLI.run(["--ledger", setup.ledger, "checkpoint", "--key", setup.scratch.path("log.key"), "--size", "30"])
        #expect(try CLI.run(["witness", "init", "--name", "w1.example.be", "-o", setup.scratch.path("w1")]).status == 0)
        let cosigned = try CLI.run(["witness", "cosign", try setup.scratch.write("c30", checkpoint.stdout), "--state", setup.scratch.path("w1.state"),
                                    "--key", setup.scratch.path("w1.key"), "--log-key", setup.scratch.path("log.pub")])
        #expect(cosigned.status == 0)
        let file = try setup.scratch.write("c30.cosigned", cosigned.stdout)
        let made = try setup.prove(12, ["--checkpoint", file])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasSuffix("\n\n" + cosigned.stdout))
        let ok = try setup.verify(made.stdout, ["--witness", setup.scratch.path("w1.pub")])
        #expect(ok.status == 0 && ok.stdout.contains("in the tree of 30 events") && ok.stdout.contains("cosigned by w1.example.be (1 of 1 needed)"))
        #expect(try setup.verify(try setup.prove(12).stdout, ["--witness", setup.scratch.path("w1.pub")]).status == 1)
        // A seq beyond the checkpoint's tree, or another ledger's checkpoint, is refused when the proof is made.
        let beyond = try setup.prove(31, ["--checkpoint", file])
        #expect(beyond.status == 1 && beyond.stderr.hasPrefix("Error: "))
        let other = try Setup(events: 30)
        let foreign = try CLI.run(["--ledger", other.ledger, "prove", "inclusion", "3", "--format", "tlog-proof", "--checkpoint", file])
        #expect(foreign.status == 1 && foreign.stderr.contains("not this ledger's root at 30 events"))
    }

    @Test func wrongCommandLinesAndInputsGiveOneSentence() throws {
        let setup = try Setup(events: 5)
        let text = try setup.prove(2).stdout
        let file = try setup.scratch.write("2.tlog-proof", text)
        // No key, tree heads given, a JSON proof with --key: one sentence, exit 1.
        for arguments in [["verify-proof", file], ["verify-proof", file, "--key", setup.scratch.path("log.pub"), "--size", "5"],
                          ["verify-proof", file, "--key", setup.scratch.path("log.key")]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 1 && result.stderr.hasPrefix("Error: ") && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        let json = try CLI.run(["--ledger", setup.ledger, "prove", "inclusion", "2", "--format", "json"])
        // --key also checks a signed checkpoint given as a head; --leaf-hash, --witness and --quorum are for tlog-proof files.
        let withLeafHash = try CLI.run(["verify-proof", "-", "--key", setup.scratch.path("log.pub"), "--leaf-hash", String(repeating: "ab", count: 32)],
                                       stdin: json.stdout)
        #expect(withLeafHash.status == 1 && withLeafHash.stderr.contains("are for tlog-proof files"), "\(withLeafHash.stderr)")
        // A tlog-proof needs a checkpoint; --checkpoint and --key are for it only (argument errors, exit 64).
        for arguments in [["prove", "inclusion", "2", "--format", "tlog-proof"], ["prove", "inclusion", "2", "--key", setup.scratch.path("log.key")],
                          ["prove", "inclusion", "2", "--format", "tlog-proof", "--key", setup.scratch.path("log.key"), "--checkpoint", file]] {
            let result = try CLI.run(["--ledger", setup.ledger] + arguments)
            #expect(result.status == 64 && result.stderr.hasPrefix("Error: "), "\(arguments): \(result.stderr)")
        }
        #expect(try setup.verify("c2sp.org/tlog-proof@v1\n").status == 1)
    }
}
