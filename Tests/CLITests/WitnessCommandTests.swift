import Crypto
import Foundation
import PLPTestSupport
import Testing

/// `witness init`, `witness cosign` (C2SP tlog-witness) and `checkpoint verify --witness/--quorum`, run as a witness
/// and an auditor run them.
@Suite struct WitnessCommandTests {
    /// A ledger of `events` burglaries, a log key pair `log.key`/`log.pub` and a witness `w1`, in `scratch`.
    struct Setup {
        let scratch: Scratch
        let ledger: String
        var state: String { scratch.path("w1.state") }

        init(events: Int) throws {
            scratch = try Scratch()
            ledger = try IntegrityCommandTests.ledger(scratch, events: events)
            #expect(try CLI.run(["keygen", "--name", "log.example.be", "-o", scratch.path("log")]).status == 0)
            #expect(try CLI.run(["witness", "init", "--name", "w1.example.be", "-o", scratch.path("w1")]).status == 0)
        }

        func grow(by count: Int, from day: Int) throws {
            let lines = (0..<count).map { Events.burglary("11002", day: day + $0) }.joined(separator: "\n") + "\n"
            #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines).status == 0)
        }

        /// The ledger's checkpoint (of `size` events, or all), signed with the log key, in a file.
        func checkpoint(_ name: String, size: Int? = nil, extra: [String] = []) throws -> String {
            let result = try CLI.run(["--ledger", ledger, "checkpoint", "--key", scratch.path("log.key")] + (size.map { ["--size", "\($0)"] } ?? []) + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try scratch.write(name, result.stdout)
        }

        func proof(from: Int, to: Int? = nil) throws -> String {
            let result = try CLI.run(["--ledger", ledger, "prove", "consistency", "\(from)", "--format", "json"] + (to.map { ["--size", "\($0)"] } ?? []))
            #expect(result.status == 0, "\(result.stderr)")
            return try scratch.write("c-\(from)-\(to ?? 0).json", result.stdout)
        }

        func cosign(_ checkpoint: String, proof: String? = nil, witness: String = "w1", state: String? = nil, logKey: String = "log.pub") throws -> CLI.Result {
            try CLI.run(["witness", "cosign", checkpoint] + (proof.map { ["--proof", $0] } ?? [])
                        + ["--state", state ?? self.state, "--key", scratch.path(witness + ".key"), "--log-key", scratch.path(logKey)])
        }

        /// The bytes of the witness's state files (the lock aside), to show a refusal recorded nothing.
        func stateBytes() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: state) where name != "lock" {
                files[name] = FileManager.default.contents(atPath: state + "/" + name)
            }
            return files
        }
    }

    @Test func initWritesACosignatureV1KeyPair() throws {
        let scratch = try Scratch()
        let prefix = scratch.path("w")
        let made = try CLI.run(["witness", "init", "--name", "witness.example.be", "-o", prefix])
        #expect(made.status == 0 && made.stderr.contains("w.pub"))
        let mode = try FileManager.default.attributesOfItem(atPath: prefix + ".key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let pub = try String(contentsOfFile: prefix + ".pub", encoding: .utf8)
        let fields = pub.trimmingCharacters(in: .newlines).split(separator: "+", maxSplits: 2).map(String.init)
        #expect(fields.count == 3 && fields[0] == "witness.example.be")
        let bytes = try #require(Data(base64Encoded: fields[2]).map(Array.init))
        #expect(bytes.count == 33 && bytes[0] == 0x04)
        let id = SHA256.hash(data: Array("witness.example.be\n".utf8) + bytes).prefix(4).map { String(format: "%02x", $0) }.joined()
        #expect(fields[1] == id)
        let key = try String(contentsOfFile: prefix + ".key", encoding: .utf8)
        #expect(key.hasPrefix("PRIVATE+KEY+witness.example.be+\(id)+"))
        // Never replaces a key; a witness key is no log key, and a log key no witness key.
        #expect(try CLI.run(["witness", "init", "--name", "x", "-o", prefix]).status == 1)
        let bad = try CLI.run(["witness", "init", "--name", "two words", "-o", scratch.path("v")])
        #expect(bad.status == 1 && bad.stderr.hasPrefix("Error: ") && !bad.stderr.contains("\n\n"))
        let note = try scratch.write("n", "o\n1\n\(Data(count: 32).base64EncodedString())\n\n\u{2014} x AAAAAAA=\n")
        let asLogKey = try CLI.run(["checkpoint", "verify", note, "--key", prefix + ".pub"])
        #expect(asLogKey.status == 1 && asLogKey.stderr.contains("witness's key (type 4"))
        #expect(try CLI.run(["keygen", "--name", "log.example.be", "-o", scratch.path("log")]).status == 0)
        let asWitness = try CLI.run(["checkpoint", "verify", note, "--key", scratch.path("log.pub"), "--witness", scratch.path("log.pub")])
        #expect(asWitness.status == 1 && asWitness.stderr.contains("log's signing key (type 1"))
    }

    @Test func firstSightThenGrowthWithAProofThenTheSameSizeAgain() throws {
        let setup = try Setup(events: 20)
        let c20 = try setup.checkpoint("c20")
        let first = try setup.cosign(c20)
        #expect(first.status == 0, "\(first.stderr)")
        let note = try String(contentsOfFile: c20, encoding: .utf8)
        #expect(first.stdout.hasPrefix(note))
        let line = String(first.stdout.dropFirst(note.count))
        #expect(line.hasPrefix("\u{2014} w1.example.be ") && line.hasSuffix("\n") && !line.dropLast().contains("\n"))
        // The line is base64(key id ‖ timestamp ‖ Ed25519 over "cosignature/v1\ntime T\n" + body).
        let bytes = try #require(Data(base64Encoded: String(line.dropFirst("\u{2014} w1.example.be ".count).dropLast())).map(Array.init))
        #expect(bytes.count == 76)
        let time = bytes[4..<12].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(abs(Double(time) - Date().timeIntervalSince1970) < 120)
        let pub = try String(contentsOfFile: setup.scratch.path("w1.pub"), encoding: .utf8).split(separator: "+", maxSplits: 2)
        let key = try Curve25519.Signing.PublicKey(rawRepresentation: Data(base64Encoded: String(pub[2]).trimmingCharacters(in: .newlines))!.dropFirst())
        let body = String(note[..<note.range(of: "\n\n")!.lowerBound]) + "\n"
        #expect(key.isValidSignature(Data(bytes.suffix(64)), for: Data("cosignature/v1\ntime \(time)\n\(body)".utf8)))
        let cosigned = try setup.scratch.write("c20.cosigned", first.stdout)
        #expect(try CLI.run(["checkpoint", "verify", cosigned, "--key", setup.scratch.path("log.pub")]).status == 0)
        // The state holds the size and root cosigned, the log key and the cosigned checkpoint.
        let stateFile = try #require(try setup.stateBytes().values.first)
        let state = try #require(try JSONSerialization.jsonObject(with: stateFile) as? [String: Any])
        let head = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["--ledger", setup.ledger, "digest", "--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect(state["size"] as? Int == 20 && state["root"] as? String == head["root"] as? String)
        #expect(state["origin"] as? String == "plp-ledger/i.ledger" && state["checkpoint"] as? String == first.stdout)
        #expect((state["logKey"] as? String).map { $0 + "\n" } == (try String(contentsOfFile: setup.scratch.path("log.pub"), encoding: .utf8)))

        // The ledger grows: the witness needs the proof from 20, and takes it.
        try setup.grow(by: 15, from: 300)
        let c35 = try setup.checkpoint("c35")
        let noProof = try setup.cosign(c35)
        #expect(noProof.status == 1 && noProof.stderr.contains("prove consistency 20"))
        let grown = try setup.cosign(c35, proof: try setup.proof(from: 20))
        #expect(grown.status == 0, "\(grown.stderr)")
        // The same checkpoint again, with no proof or the empty one from 35, is cosigned again (idempotent).
        let again = try setup.cosign(c35)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try setup.cosign(c35, proof: try setup.proof(from: 35)).status == 0)
        // A cosigned checkpoint shown again keeps one cosignature line by this witness.
        let recosigned = try setup.cosign(try setup.scratch.write("c35.cosigned", again.stdout))
        #expect(recosigned.status == 0 && recosigned.stdout.components(separatedBy: "\u{2014} w1.example.be ").count == 2)
    }

    @Test func aProofFromZeroIsAcceptedOnFirstSightAndNothingElse() throws {
        let setup = try Setup(events: 12)
        let c12 = try setup.checkpoint("c12")
        let fromTen = try setup.cosign(c12, proof: try setup.proof(from: 10))
        #expect(fromTen.status == 1 && fromTen.stderr.contains("(conflict)") && fromTen.stderr.contains("has 0"))
        #expect(try setup.stateBytes().isEmpty)
        let fromZero = try setup.cosign(c12, proof: try setup.proof(from: 0))
        #expect(fromZero.status == 0, "\(fromZero.stderr)")
    }

    @Test func refusalsSayWhyAndRecordNothing() throws {
        let setup = try Setup(events: 30)
        let c20 = try setup.checkpoint("c20", size: 20)
        #expect(try setup.cosign(try setup.checkpoint("c30")).status == 0)
        let recorded = try setup.stateBytes()
        #expect(recorded.count == 1)

        func refused(_ result: CLI.Result, _ code: String, _ words: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(result.status == 1, sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
            #expect(result.stderr.hasPrefix("Error: the witness refused the checkpoint (\(code)): "), "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains(words), "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.hasSuffix("nothing was cosigned\n") && result.stderr.split(separator: "\n").count == 1, sourceLocation: sourceLocation)
            #expect(try setup.stateBytes() == recorded, sourceLocation: sourceLocation)
        }
        // A smaller tree.
        try refused(try setup.cosign(c20), "conflict", "never shrinks")
        // A proof from another size than the one cosigned.
        try setup.grow(by: 10, from: 400)
        let c40 = try setup.checkpoint("c40")
        try refused(try setup.cosign(c40, proof: try setup.proof(from: 20)), "conflict", "has 30: give the proof from 30")
        // A proof that does not verify (one hash changed).
        let good = try String(contentsOfFile: try setup.proof(from: 30), encoding: .utf8)
        let first = try #require(good.range(of: #""path":[""#)).upperBound
        var changed = good
        changed.replaceSubrange(first..<good.index(after: first), with: good[first] == "0" ? "1" : "0")
        try refused(try setup.cosign(c40, proof: try setup.scratch.write("bad.json", changed)), "bad proof", "does not verify")
        // A proof for another size than the checkpoint's.
        try refused(try setup.cosign(c40, proof: try setup.proof(from: 30, to: 35)), "bad request", "the checkpoint has 40")
        // A fork: another history of 30 events under the same origin and key.
        let other = try Setup(events: 29)
        try other.grow(by: 1, from: 900)
        let forkNote = try CLI.run(["--ledger", other.ledger, "checkpoint", "--key", setup.scratch.path("log.key")])
        try refused(try setup.cosign(try setup.scratch.write("fork", forkNote.stdout)), "conflict", "two different histories (a fork)")
        // Another origin under the same log key.
        let renamed = try setup.checkpoint("renamed", extra: ["--origin", "plp-ledger/elsewhere"])
        try refused(try setup.cosign(renamed), "unknown origin", "is the key of plp-ledger/i.ledger")
        // A bad log signature: the size changed after signing; a checkpoint signed by another key.
        let note = try String(contentsOfFile: c40, encoding: .utf8)
        try refused(try setup.cosign(try setup.scratch.write("altered", note.replacingOccurrences(of: "\n40\n", with: "\n41\n"))),
                    "forbidden", "does not match")
        #expect(try CLI.run(["keygen", "--name", "log.example.be", "-o", setup.scratch.path("impostor")]).status == 0)
        let impostor = try CLI.run(["--ledger", setup.ledger, "checkpoint", "--key", setup.scratch.path("impostor.key")])
        try refused(try setup.cosign(try setup.scratch.write("impostor", impostor.stdout)), "forbidden", "no signature by the log's key log.example.be")
        try refused(try setup.cosign(c40, proof: try setup.proof(from: 30), logKey: "impostor.pub"), "forbidden", "this witness trusts the key")
        // After all of that the honest growth still goes through.
        #expect(try setup.cosign(c40, proof: try setup.proof(from: 30)).status == 0)
    }

    /// Two cosignings at once from the same size: the lock lets exactly one through, the other is a conflict, and the
    /// state is the winner's (never rolled back).
    @Test func twoCosigningsAtOnceNeverRollTheLogBack() throws {
        let setup = try Setup(events: 20)
        #expect(try setup.cosign(try setup.checkpoint("c20")).status == 0)
        try setup.grow(by: 20, from: 500)
        let c30 = try setup.checkpoint("c30", size: 30), c40 = try setup.checkpoint("c40")
        let p30 = try setup.proof(from: 20, to: 30), p40 = try setup.proof(from: 20)
        let runs = try [(c30, p30), (c40, p40)].map { checkpoint, proof in
            try CLI.start(["witness", "cosign", checkpoint, "--proof", proof, "--state", setup.state,
                           "--key", setup.scratch.path("w1.key"), "--log-key", setup.scratch.path("log.pub")])
        }
        var statuses: [Int32] = []
        for (process, out, err) in runs {
            _ = out.fileHandleForReading.readDataToEndOfFile()
            _ = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            statuses.append(process.terminationStatus)
        }
        #expect(statuses.sorted() == [0, 1])
        let bytes = try #require(try setup.stateBytes().values.first)
        let state = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        #expect(state["size"] as? Int == (statuses[0] == 0 ? 30 : 40))
    }

    @Test func badInputsGiveOneSentence() throws {
        let setup = try Setup(events: 5)
        let c5 = try setup.checkpoint("c5")
        let notes = try setup.scratch.write("garbage", "not a checkpoint\n")
        let notJSON = try setup.scratch.write("p.json", "{\"from\":")
        let file = try setup.scratch.write("file", "x")
        let cases: [[String]] = [
            ["witness", "cosign", notes, "--state", setup.state, "--key", setup.scratch.path("w1.key"), "--log-key", setup.scratch.path("log.pub")],
            ["witness", "cosign", c5, "--proof", notJSON, "--state", setup.state, "--key", setup.scratch.path("w1.key"), "--log-key", setup.scratch.path("log.pub")],
            ["witness", "cosign", c5, "--state", file, "--key", setup.scratch.path("w1.key"), "--log-key", setup.scratch.path("log.pub")],
            ["witness", "cosign", c5, "--state", setup.state, "--key", setup.scratch.path("log.key"), "--log-key", setup.scratch.path("log.pub")],
            ["witness", "cosign", c5, "--state", setup.state, "--key", setup.scratch.path("w1.key"), "--log-key", setup.scratch.path("w1.pub")],
            ["witness", "cosign", setup.scratch.path("missing"), "--state", setup.state, "--key", setup.scratch.path("w1.key"), "--log-key", setup.scratch.path("log.pub")],
        ]
        for arguments in cases {
            let result = try CLI.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("Error: ") && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        // A damaged state file is named, never a crash.
        #expect(try setup.cosign(c5).status == 0)
        let name = try #require(try setup.stateBytes().keys.first)
        try Data("{\"origin\":".utf8).write(to: URL(fileURLWithPath: setup.state + "/" + name))
        let damaged = try setup.cosign(c5)
        #expect(damaged.status == 1 && damaged.stderr.contains("is damaged"))
    }

    @Test func checkpointVerifyRequiresAQuorumOfWitnesses() throws {
        let setup = try Setup(events: 8)
        for name in ["w2", "w3"] {
            #expect(try CLI.run(["witness", "init", "--name", "\(name).example.be", "-o", setup.scratch.path(name)]).status == 0)
        }
        let c8 = try setup.checkpoint("c8")
        let byOne = try setup.cosign(c8)
        let byTwo = try setup.cosign(try setup.scratch.write("by-one", byOne.stdout), witness: "w2", state: setup.scratch.path("w2.state"))
        #expect(byTwo.status == 0, "\(byTwo.stderr)")
        let cosigned = try setup.scratch.write("by-two", byTwo.stdout)
        func verify(_ witnesses: [String], quorum: Int? = nil, file: String? = nil) throws -> CLI.Result {
            try CLI.run(["checkpoint", "verify", file ?? cosigned, "--key", setup.scratch.path("log.pub")]
                        + witnesses.flatMap { ["--witness", setup.scratch.path($0 + ".pub")] } + (quorum.map { ["--quorum", "\($0)"] } ?? []))
        }
        let both = try verify(["w1", "w2"])
        #expect(both.status == 0 && both.stdout.contains("cosigned by w1.example.be, w2.example.be (2 of 2 needed)"))
        #expect(try verify(["w1", "w2", "w3"], quorum: 2).status == 0)
        let notMet = try verify(["w1", "w2", "w3"], quorum: 3)
        #expect(notMet.status == 1 && notMet.stderr.contains("3 of the 3 witnesses given must have cosigned the checkpoint, but only w1.example.be, w2.example.be did"))
        let wrong = try verify(["w3"])
        #expect(wrong.status == 1 && wrong.stderr.contains("none of them did"))
        #expect(try verify(["w3", "w1"], quorum: 1).status == 0)
        // A cosignature changed after the fact is no cosignature: the note is refused.
        let text = try String(contentsOfFile: cosigned, encoding: .utf8)
        let start = try #require(text.range(of: "\u{2014} w1.example.be ")).upperBound
        let at = text.index(start, offsetBy: 20)
        var altered = text
        altered.replaceSubrange(at...at, with: text[at] == "A" ? "B" : "A")
        let tampered = try verify(["w1"], file: try setup.scratch.write("tampered", altered))
        #expect(tampered.status == 1 && tampered.stderr.contains("cosignature of w1.example.be does not match"))
        // The quorum is a count of the witnesses given.
        #expect(try verify(["w1"], quorum: 2).status == 64)
        #expect(try CLI.run(["checkpoint", "verify", cosigned, "--key", setup.scratch.path("log.pub"), "--quorum", "1"]).status == 64)
    }
}
