import Foundation
import PLPTestSupport
import Testing

/// `publish` and `verify --tiles` as an operator and an auditor run them: real ledgers, real files, real processes.
@Suite struct PublishTests {
    /// A ledger of `events` burglaries in its own scratch directory, and a signing key pair `ck.key` / `ck.pub`.
    static func ledger(_ scratch: Scratch, events: Int) throws -> (ledger: String, key: String, pub: String) {
        let ledger = scratch.path("p.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        if events > 0 { try append(events, to: ledger, from: 0) }
        #expect(try CLI.run(["keygen", "--name", "log.example.be", "-o", scratch.path("ck")]).status == 0)
        return (ledger, scratch.path("ck.key"), scratch.path("ck.pub"))
    }

    static func append(_ count: Int, to ledger: String, from first: Int) throws {
        let lines = (first..<(first + count)).map { Events.burglary(["21004", "11002", "72004"][$0 % 3], day: $0) }
        let imported = try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    /// Every file below `directory`, relative, sorted; publish's lock file (`.publish.lock`) only when asked.
    static func files(_ directory: String, keepingLock: Bool = false) -> [String] {
        var files: [String] = []
        let walker = FileManager.default.enumerator(atPath: directory)
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue,
               keepingLock || relative != ".publish.lock" {
                files.append(relative)
            }
        }
        return files.sorted()
    }

    static func inode(_ path: String) throws -> UInt64 {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
    }

    /// The entries of an entry bundle.
    static func entries(_ path: String) throws -> [String] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var entries: [String] = []
        var offset = 0
        while offset + 2 <= bytes.count {
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            entries.append(String(decoding: bytes[(offset + 2)..<(offset + 2 + length)], as: UTF8.self))
            offset += 2 + length
        }
        #expect(offset == bytes.count)
        return entries
    }

    /// Flips one bit of the byte at `offset` of the file.
    static func flip(_ path: String, at offset: Int) throws {
        let url = URL(fileURLWithPath: path)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[offset] ^= 0x01
        try Data(bytes).write(to: url)
    }

    @Test func aPublishedLedgerIsAuditedWithThePublicKeyOnlyAndSurvivesAnErasure() throws {
        let fixture = try LedgerFixture()
        let scratch = fixture.scratch
        #expect(try CLI.run(["keygen", "--name", "plp-ledger.example.be", "-o", scratch.path("ck")]).status == 0)
        let site = scratch.path("site")
        let published = try CLI.run(["--ledger", fixture.ledger, "publish", site, "--key", scratch.path("ck.key")])
        #expect(published.status == 0, "\(published.stderr)")
        let digest = try CLI.run(["--ledger", fixture.ledger, "digest", "--format", "json"])
        #expect(published.stdout == digest.stdout)
        // The checkpoint is the one `checkpoint` signs, byte for byte (same origin, Ed25519 is deterministic).
        let checkpoint = try CLI.run(["--ledger", fixture.ledger, "checkpoint", "--key", scratch.path("ck.key")])
        #expect(try String(contentsOfFile: site + "/checkpoint", encoding: .utf8) == checkpoint.stdout)
        // The entries are the export's lines without `hash`.
        let export = try CLI.run(["--ledger", fixture.ledger, "export"])
        let lines = export.stdout.split(separator: "\n").map(String.init)
        let bundles = Self.files(site).filter { $0.hasPrefix("tile/entries/") }
        let entries = try bundles.sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }.flatMap { try Self.entries(site + "/" + $0) }
        #expect(entries.count == lines.count && lines.count > 256, "\(lines.count) events")
        let unhashed = lines.map { $0.replacingOccurrences(of: #""hash":"[0-9a-f]{64}","#, with: "", options: .regularExpression) }
        #expect(entries == unhashed)
        #expect(!entries.joined().contains("\"phone\""), "contact data goes out sealed only")
        let audit = try CLI.run(["verify", "--tiles", site, "--key", scratch.path("ck.pub")])
        #expect(audit.status == 0 && audit.stdout.hasPrefix("ok: ") && audit.stdout.contains(" entries and "), "\(audit.stderr)")

        // After `forget`, the published entries stay as they were (sealed), the log grows by the erasure.
        let memberLine = try #require(lines.first { $0.contains(#""type":"MemberJoined""#) })
        let stream = try #require(memberLine.range(of: #"member/[^"]+"#, options: .regularExpression).map { String(memberLine[$0]) })
        let firstBundle = site + "/tile/entries/000"
        let before = try Self.inode(firstBundle)
        let forgot = try CLI.run(["--ledger", fixture.ledger, "forget", String(stream.dropFirst("member/".count))])
        #expect(forgot.status == 0, "\(forgot.stderr)")
        let again = try CLI.run(["--ledger", fixture.ledger, "publish", site, "--key", scratch.path("ck.key")])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.inode(firstBundle) == before)
        let afterwards = try CLI.run(["verify", "--tiles", site, "--key", scratch.path("ck.pub"), "--format", "json"])
        let grownDigest = try CLI.run(["--ledger", fixture.ledger, "digest", "--format", "json"])
        #expect(afterwards.status == 0 && afterwards.stdout == grownDigest.stdout && grownDigest.stdout != digest.stdout)
    }

    @Test func aRerunWritesOnlyWhatIsNewAndSizeChoosesTheTree() throws {
        let scratch = try Scratch()
        let (ledger, key, pub) = try Self.ledger(scratch, events: 300)
        let site = scratch.path("site")
        let early = try CLI.run(["--ledger", ledger, "publish", site, "--key", key, "--size", "200"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stdout == (try CLI.run(["--ledger", ledger, "digest", "--size", "200", "--format", "json"])).stdout)
        #expect(Self.files(site) == ["checkpoint", "tile/0/000.p/200", "tile/entries/000.p/200"])
        #expect(try CLI.run(["verify", "--tiles", site, "--key", pub]).status == 0)

        let full = try CLI.run(["--ledger", ledger, "publish", site, "--key", key])
        #expect(full.status == 0 && full.stderr.contains("it held 200"), "\(full.stderr)")
        // The partial tiles of 200 go once their full tile is there; the new partial tiles are added.
        #expect(Self.files(site) == ["checkpoint", "tile/0/000", "tile/0/001.p/44", "tile/1/000.p/1",
                                     "tile/entries/000", "tile/entries/001.p/44"])
        let kept = try ["tile/0/000", "tile/entries/000", "tile/0/001.p/44", "tile/1/000.p/1"].map { ($0, try Self.inode(site + "/" + $0)) }
        let checkpoint = try Self.inode(site + "/checkpoint")

        let unchanged = try CLI.run(["--ledger", ledger, "publish", site, "--key", key])
        #expect(unchanged.status == 0 && unchanged.stderr.contains("nothing was written"))
        #expect(try Self.inode(site + "/checkpoint") == checkpoint)

        try Self.append(300, to: ledger, from: 300)
        let grown = try CLI.run(["--ledger", ledger, "publish", site, "--key", key])
        #expect(grown.status == 0, "\(grown.stderr)")
        #expect(Self.files(site) == ["checkpoint", "tile/0/000", "tile/0/001", "tile/0/002.p/88", "tile/1/000.p/1", "tile/1/000.p/2",
                                     "tile/entries/000", "tile/entries/001", "tile/entries/002.p/88"])
        for (path, inode) in kept where FileManager.default.fileExists(atPath: site + "/" + path) {
            #expect(try Self.inode(site + "/" + path) == inode, "\(path) was written again")
        }
        #expect(try Self.inode(site + "/checkpoint") != checkpoint)
        let audit = try CLI.run(["verify", "--tiles", site, "--key", pub, "--format", "json"])
        let digest = try CLI.run(["--ledger", ledger, "digest", "--format", "json"])
        #expect(audit.status == 0 && audit.stdout == digest.stdout)

        // A published log only grows, and stays of one origin.
        let smaller = try CLI.run(["--ledger", ledger, "publish", site, "--key", key, "--size", "100"])
        #expect(smaller.status == 1 && smaller.stderr.contains("only grows"), "\(smaller.stderr)")
        let renamed = try CLI.run(["--ledger", ledger, "publish", site, "--key", key, "--origin", "example.org/other"])
        #expect(renamed.status == 1 && renamed.stderr.contains("not of example.org/other"), "\(renamed.stderr)")
        let beyond = try CLI.run(["--ledger", ledger, "publish", scratch.path("site2"), "--key", key, "--size", "601"])
        #expect(beyond.status == 1 && beyond.stderr.contains("holds 600 events"), "\(beyond.stderr)")
    }

    @Test func oneChangedByteIsNamedWhereverItIs() throws {
        let scratch = try Scratch()
        let (ledger, key, pub) = try Self.ledger(scratch, events: 300)
        let site = scratch.path("site")
        #expect(try CLI.run(["--ledger", ledger, "publish", site, "--key", key]).status == 0)
        let cases: [(file: String, offset: Int, named: String)] = [
            ("tile/entries/000", 2 + 10, "entry 0 of tile/entries/000 (leaf 0, seq 1)"),
            ("tile/entries/001.p/44", 500, "of tile/entries/001.p/44"),
            ("tile/0/000", 32 * 7, "entry 7 of tile/entries/000 (leaf 7, seq 8) does not hash to hash 7 of tile/0/000"),
            ("tile/0/001.p/44", 32 * 43 + 31, "entry 43 of tile/entries/001.p/44 (leaf 299, seq 300) does not hash to hash 43 of tile/0/001.p/44"),
            ("tile/1/000.p/1", 5, "hash 0 of tile/1/000.p/1 is not the hash of tile/0/000"),
            ("checkpoint", 30, "the checkpoint does not hold"),
        ]
        for item in cases {
            let copy = scratch.path("copy-\(item.file.replacingOccurrences(of: "/", with: "-"))")
            try FileManager.default.copyItem(atPath: site, toPath: copy)
            try Self.flip(copy + "/" + item.file, at: item.offset)
            let result = try CLI.run(["verify", "--tiles", copy, "--key", pub])
            #expect(result.status == 1, "\(item.file)")
            #expect(result.stderr.hasPrefix("verify FAILED in \(copy): ") && result.stderr.contains(item.named), "\(item.file): \(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1 && result.stdout.isEmpty, "\(item.file): one sentence")
        }
        // A missing tile, a cut tile, a tile directory signed by another key.
        let missing = scratch.path("missing")
        try FileManager.default.copyItem(atPath: site, toPath: missing)
        try FileManager.default.removeItem(atPath: missing + "/tile/1/000.p/1")
        let gone = try CLI.run(["verify", "--tiles", missing, "--key", pub])
        #expect(gone.status == 1 && gone.stderr.contains("the tile tile/1/000.p/1 is missing"), "\(gone.stderr)")
        let cut = scratch.path("cut")
        try FileManager.default.copyItem(atPath: site, toPath: cut)
        try Data(repeating: 0, count: 100).write(to: URL(fileURLWithPath: cut + "/tile/0/000"))
        let short = try CLI.run(["verify", "--tiles", cut, "--key", pub])
        #expect(short.status == 1 && short.stderr.contains("tile/0/000 holds 100 bytes, not the 8192"), "\(short.stderr)")
        #expect(try CLI.run(["keygen", "--name", "log.example.be", "-o", scratch.path("other")]).status == 0)
        let other = try CLI.run(["verify", "--tiles", site, "--key", scratch.path("other.pub")])
        #expect(other.status == 1 && other.stderr.contains("no signature by the key log.example.be"), "\(other.stderr)")
    }

    @Test func everyCommandPrintsTheSameTreeHead() throws {
        let scratch = try Scratch()
        let (ledger, key, pub) = try Self.ledger(scratch, events: 40)
        let digest = try CLI.run(["--ledger", ledger, "digest", "--format", "json"])
        #expect(digest.stdout.range(of: #"^\{"size":40,"root":"[0-9a-f]{64}"\}\n$"#, options: .regularExpression) != nil, "\(digest.stdout)")
        let export = scratch.path("e.ndjson")
        #expect(try CLI.run(["--ledger", ledger, "export", "-o", export]).status == 0)
        let site = scratch.path("site")
        let checkpoint = try scratch.write("now.checkpoint", try CLI.run(["--ledger", ledger, "checkpoint", "--key", key]).stdout)
        let outputs = [
            try CLI.run(["--ledger", ledger, "verify", "--format", "json"]),
            try CLI.run(["verify", "--export", export, "--format", "json"]),
            try CLI.run(["--ledger", ledger, "publish", site, "--key", key]),
            try CLI.run(["verify", "--tiles", site, "--key", pub, "--format", "json"]),
            try CLI.run(["checkpoint", "verify", checkpoint, "--key", pub, "--format", "json"]),
        ]
        for (position, output) in outputs.enumerated() {
            #expect(output.status == 0 && output.stdout == digest.stdout, "command \(position + 1): \(output.stdout) \(output.stderr)")
        }
        // The empty ledger too.
        let empty = scratch.path("empty.ledger")
        #expect(try CLI.run(["--ledger", empty, "init"]).status == 0)
        let emptyDigest = try CLI.run(["--ledger", empty, "digest", "--format", "json"])
        #expect(try CLI.run(["--ledger", empty, "publish", scratch.path("empty-site"), "--key", key]).stdout == emptyDigest.stdout)
        #expect(Self.files(scratch.path("empty-site")) == ["checkpoint"])
        #expect(try CLI.run(["verify", "--tiles", scratch.path("empty-site"), "--key", pub, "--format", "json"]).stdout == emptyDigest.stdout)
    }

    @Test func headsAreTakenFromSignedCheckpointsToo() throws {
        let scratch = try Scratch()
        let (ledger, key, pub) = try Self.ledger(scratch, events: 100)
        let old = try scratch.write("2025.checkpoint", try CLI.run(["--ledger", ledger, "checkpoint", "--key", key]).stdout)
        let oldJSON = try scratch.write("2025.json", try CLI.run(["--ledger", ledger, "digest", "--format", "json"]).stdout)
        try Self.append(37, to: ledger, from: 100)
        let new = try scratch.write("2026.checkpoint", try CLI.run(["--ledger", ledger, "checkpoint", "--key", key]).stdout)

        // `prove consistency` reads the old size from the checkpoint (or the JSON head).
        let proof = try CLI.run(["--ledger", ledger, "prove", "consistency", "--old-head", old, "--key", pub, "--format", "json"])
        #expect(proof.status == 0 && proof.stdout.hasPrefix(#"{"from":100,"to":137,"path":["#), "\(proof.stderr)")
        let fromJSON = try CLI.run(["--ledger", ledger, "prove", "consistency", "--old-head", oldJSON, "--format", "json"])
        #expect(fromJSON.stdout == proof.stdout)
        // A checkpoint's text is read only through its signature (C2SP signed-note).
        let unsigned = try CLI.run(["--ledger", ledger, "prove", "consistency", "--old-head", old])
        #expect(unsigned.status == 1 && unsigned.stderr.contains("give --key PREFIX.pub"), "\(unsigned.stderr)")
        let proofFile = try scratch.write("c.json", proof.stdout)

        // `verify-proof` takes checkpoints for --old-head and --head, checked with --key.
        let ok = try CLI.run(["verify-proof", proofFile, "--old-head", old, "--head", new, "--key", pub])
        #expect(ok.status == 0 && ok.stdout.hasPrefix("ok: "), "\(ok.stderr)")
        let mixed = try CLI.run(["verify-proof", proofFile, "--old-head", oldJSON, "--head", new, "--key", pub])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        let unchecked = try CLI.run(["verify-proof", proofFile, "--old-head", old, "--head", new])
        #expect(unchecked.status == 1 && unchecked.stderr.contains("give --key PREFIX.pub"), "\(unchecked.stderr)")
        let inclusion = try CLI.run(["--ledger", ledger, "prove", "inclusion", "42", "--format", "json"])
        #expect(try CLI.run(["verify-proof", "-", "--head", new, "--key", pub], stdin: inclusion.stdout).status == 0)
        // A checkpoint altered, or of another ledger, is refused in one sentence.
        let altered = try scratch.write("altered.checkpoint", (try String(contentsOfFile: new, encoding: .utf8)).replacingOccurrences(of: "\n137\n", with: "\n136\n"))
        let bad = try CLI.run(["verify-proof", proofFile, "--old-head", old, "--head", altered, "--key", pub])
        #expect(bad.status == 1 && bad.stderr.contains("does not match") && bad.stderr.filter { $0 == "\n" }.count == 1, "\(bad.stderr)")
        let otherScratch = try Scratch()
        let (otherLedger, _, _) = try Self.ledger(otherScratch, events: 120)
        let foreign = try CLI.run(["--ledger", otherLedger, "prove", "consistency", "--old-head", old, "--key", pub])
        #expect(foreign.status == 1 && foreign.stderr.contains("is not the one that head was taken from"), "\(foreign.stderr)")
        let garbage = try scratch.write("garbage", "not a head\n")
        let unreadable = try CLI.run(["--ledger", ledger, "prove", "consistency", "--old-head", garbage])
        #expect(unreadable.status == 1 && unreadable.stderr.contains("is not a tree head"), "\(unreadable.stderr)")
        let unreadableSigned = try CLI.run(["--ledger", ledger, "prove", "consistency", "--old-head", garbage, "--key", pub])
        #expect(unreadableSigned.status == 1 && unreadableSigned.stderr.contains("neither a tree head"), "\(unreadableSigned.stderr)")
        let both = try CLI.run(["--ledger", ledger, "prove", "consistency", "100", "--old-head", old])
        #expect(both.status == 64 && both.stderr.contains("one of the two"))
    }

    @Test func wrongInputsGiveOneSentence() throws {
        let scratch = try Scratch()
        let (ledger, key, pub) = try Self.ledger(scratch, events: 10)
        let notADirectory = try scratch.write("file", "x")
        let cases: [(arguments: [String], says: String)] = [
            (["--ledger", ledger, "publish", scratch.path("s1"), "--key", pub], "not a private signing key"),
            (["--ledger", ledger, "publish", scratch.path("s2"), "--key", scratch.path("missing.key")], "no such file"),
            (["--ledger", ledger, "publish", notADirectory + "/site", "--key", key], "cannot make the directory"),
            (["--ledger", scratch.path("none.ledger"), "publish", scratch.path("s3"), "--key", key], "none.ledger"),
            (["verify", "--tiles", scratch.path("nowhere"), "--key", pub], "there is no tile directory"),
            (["verify", "--tiles", scratch.path(""), "--key", key], "private key"),
            (["verify", "--tiles", scratch.path(""), "--key", pub], "the checkpoint is missing"),
        ]
        for item in cases {
            let result = try CLI.run(item.arguments)
            #expect(result.status == 1, "\(item.arguments)")
            #expect(result.stderr.contains(item.says) && result.stderr.filter { $0 == "\n" }.count == 1, "\(item.arguments): \(result.stderr)")
            #expect(!result.diedBySignal && !result.stderr.contains("Fatal error"))
        }
        for arguments in [["verify", "--tiles", scratch.path("")], ["verify", "--key", pub], ["verify", "--tiles", "a", "--export", "b", "--key", pub]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64 && result.stderr.contains("Error: "), "\(arguments): \(result.stderr)")
        }
    }
}
