import Foundation
import PLPTestSupport
import Testing

/// `publish` builds only on tiles it checked, never through a link, one run at a time: a changed, missing or linked
/// tile directory is refused in one sentence with nothing written, two runs at once take turns, and what a stopped
/// run left is removed and named. Real ledgers, real files, real processes.
@Suite struct PublishSafetyTests {
    /// A ledger of 300 events published to `site`, then 300 more appended (so that the next publish has work).
    static func published(_ scratch: Scratch) throws -> (ledger: String, key: String, pub: String, site: String) {
        let (ledger, key, pub) = try PublishTests.ledger(scratch, events: 300)
        let site = scratch.path("site")
        let first = try CLI.run(["--ledger", ledger, "publish", site, "--key", key])
        #expect(first.status == 0, "\(first.stderr)")
        try PublishTests.append(300, to: ledger, from: 300)
        return (ledger, key, pub, site)
    }

    /// The bytes of every file below `directory` (the lock file too), by relative path.
    static func contents(_ directory: String) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for file in PublishTests.files(directory, keepingLock: true) {
            contents[file] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
        }
        return contents
    }

    /// The size line of a checkpoint file, or nil while there is none (or it cannot be read).
    static func checkpointSize(_ site: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: site + "/checkpoint", encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count > 1 ? UInt64(lines[1]) : nil
    }

    @Test func aChangedTileIsRefusedAndNothingIsWritten() throws {
        let scratch = try Scratch()
        let (ledger, key, _, site) = try Self.published(scratch)
        let cases: [(file: String, offset: Int, named: String)] = [
            ("tile/0/000", 32 * 7, "does not hash to hash 7 of tile/0/000"),
            ("tile/entries/000", 2 + 10, "entry 0 of tile/entries/000 (leaf 0, seq 1)"),
            ("tile/1/000.p/1", 5, "hash 0 of tile/1/000.p/1 is not the hash of tile/0/000"),
        ]
        for item in cases {
            let copy = scratch.path("changed-\(item.file.replacingOccurrences(of: "/", with: "-"))")
            try FileManager.default.copyItem(atPath: site, toPath: copy)
            try PublishTests.flip(copy + "/" + item.file, at: item.offset)
            let before = try Self.contents(copy)
            let result = try CLI.run(["--ledger", ledger, "publish", copy, "--key", key])
            #expect(result.status == 1, "\(item.file): \(result.stderr)")
            #expect(result.stderr.contains("\(copy) cannot be extended: ") && result.stderr.contains(item.named)
                    && result.stderr.contains("nothing was written"), "\(item.file): \(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1 && result.stdout.isEmpty, "\(item.file): one sentence")
            #expect(try Self.contents(copy) == before, "\(item.file): something was written")
        }
    }

    /// Deleted tiles are refused, not rebuilt: a tile that was published and is gone is a sign that someone touched
    /// the published log (README, "Published tiles"); a new directory gets every tile from the ledger.
    @Test func deletedTilesAreRefusedAndANewDirectoryGetsThemAll() throws {
        let scratch = try Scratch()
        let (ledger, key, pub, site) = try Self.published(scratch)
        let oneGone = scratch.path("one-gone")
        try FileManager.default.copyItem(atPath: site, toPath: oneGone)
        try FileManager.default.removeItem(atPath: oneGone + "/tile/entries/000")
        let refused = try CLI.run(["--ledger", ledger, "publish", oneGone, "--key", key])
        #expect(refused.status == 1 && refused.stderr.contains("the entry bundle tile/entries/000 is missing")
                && refused.stderr.contains("cannot be extended"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: oneGone + "/tile/entries/000"))
        #expect(Self.checkpointSize(oneGone) == 300)

        let allGone = scratch.path("all-gone")
        try FileManager.default.copyItem(atPath: site, toPath: allGone)
        try FileManager.default.removeItem(atPath: allGone + "/tile")
        let empty = try CLI.run(["--ledger", ledger, "publish", allGone, "--key", key])
        #expect(empty.status == 1 && empty.stderr.contains("the tile tile/0/000 is missing"), "\(empty.stderr)")
        #expect(!FileManager.default.fileExists(atPath: allGone + "/tile"))
        #expect(Self.checkpointSize(allGone) == 300)

        // The way out the sentence gives: a new directory, every tile written from the ledger.
        let fresh = scratch.path("fresh")
        #expect(try CLI.run(["--ledger", ledger, "publish", fresh, "--key", key]).status == 0)
        let audit = try CLI.run(["verify", "--tiles", fresh, "--key", pub, "--format", "json"])
        let digest = try CLI.run(["--ledger", ledger, "digest", "--format", "json"])
        #expect(audit.status == 0 && audit.stdout == digest.stdout, "\(audit.stderr)")
    }

    @Test func aLinkInTheDirectoryIsRefusedAndNothingIsWrittenWhereItPoints() throws {
        let scratch = try Scratch()
        let (ledger, key, _, site) = try Self.published(scratch)
        // tile/entries moved elsewhere and linked back: the published log still reads the same through the link.
        let outside = scratch.path("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: site + "/tile/entries", toPath: outside + "/entries")
        try FileManager.default.createSymbolicLink(atPath: site + "/tile/entries", withDestinationPath: outside + "/entries")
        let outsideBefore = try Self.contents(outside)
        let siteBefore = try Self.contents(site)
        let result = try CLI.run(["--ledger", ledger, "publish", site, "--key", key])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(site)/tile/entries is a symbolic link: publish never follows a link out of \(site)"),
                "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(try Self.contents(outside) == outsideBefore, "something was written through the link")
        #expect(try Self.contents(site) == siteBefore)

        // A new directory whose tile/entries links to an empty directory elsewhere: refused before any tile.
        let newSite = scratch.path("new-site")
        let elsewhere = scratch.path("elsewhere")
        try FileManager.default.createDirectory(atPath: newSite + "/tile", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: newSite + "/tile/entries", withDestinationPath: elsewhere)
        let fresh = try CLI.run(["--ledger", ledger, "publish", newSite, "--key", key])
        #expect(fresh.status == 1 && fresh.stderr.contains("is a symbolic link"), "\(fresh.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: newSite + "/checkpoint"))
        #expect(!FileManager.default.fileExists(atPath: newSite + "/tile/0"))
        // A checkpoint that is a link is refused too.
        let linkedCheckpoint = scratch.path("linked-checkpoint")
        try FileManager.default.createDirectory(atPath: linkedCheckpoint, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linkedCheckpoint + "/checkpoint", withDestinationPath: site + "/checkpoint")
        let checkpoint = try CLI.run(["--ledger", ledger, "publish", linkedCheckpoint, "--key", key])
        #expect(checkpoint.status == 1 && checkpoint.stderr.contains("\(linkedCheckpoint)/checkpoint is a symbolic link"), "\(checkpoint.stderr)")
    }

    /// Two publishes at once into one directory take turns: the checkpoint never goes back, and every tile a
    /// checkpoint names is there whenever it is read. A smaller tree started while a larger one is being written
    /// (so that, without the lock, it would read no checkpoint and write its own last) waits, then is refused
    /// ("only grows"); two of the same tree both end well.
    @Test(.timeLimit(.minutes(10)))
    func twoPublishesAtOnceTakeTurns() throws {
        let scratch = try Scratch()
        let (ledger, key, pub) = try PublishTests.ledger(scratch, events: 30_000)
        let digest = try CLI.run(["--ledger", ledger, "digest", "--format", "json"]).stdout
        for round in 0..<8 {
            let site = scratch.path("site-\(round)")
            let first = try CLI.start(["--ledger", ledger, "publish", site, "--key", key])
            // Rounds 0-5: the second run, of 29,000 events, starts once the first has written its first tile.
            let deadline = Date().addingTimeInterval(60)
            while round < 6 && first.0.isRunning && !FileManager.default.fileExists(atPath: site + "/tile/0/000") && Date() < deadline {
                usleep(500)
            }
            let second = try CLI.start(["--ledger", ledger, "publish", site, "--key", key] + (round < 6 ? ["--size", "29000"] : []))
            var largest: UInt64 = 0
            while first.0.isRunning || second.0.isRunning {
                if let size = Self.checkpointSize(site) {
                    #expect(size >= largest, "round \(round): the checkpoint went back from \(largest) to \(size)")
                    largest = max(largest, size)
                }
                usleep(1_000)
            }
            for (name, result) in [("first", CLI.finish(first)), ("second", CLI.finish(second))] {
                let refusedAsSmaller = result.status == 1 && result.stderr.contains("a published log only grows")
                #expect(result.status == 0 || refusedAsSmaller, "round \(round), \(name): \(result.stderr)")
            }
            #expect(Self.checkpointSize(site) == 30_000, "round \(round)")
            let audit = try CLI.run(["verify", "--tiles", site, "--key", pub, "--format", "json"])
            #expect(audit.status == 0 && audit.stdout == digest, "round \(round): \(audit.stderr)")
        }
    }

    @Test func whatAStoppedPublishLeftIsRemovedAndNamed() throws {
        let scratch = try Scratch()
        let (ledger, key, pub, site) = try Self.published(scratch)
        // Temporary files of a dead process (no pid is that large) and one of a process that runs (this one).
        let dead = ["tile/0/001.p/.44.tmp-99999999", ".checkpoint.tmp-99999999", "tile/entries/.000.tmp-99999999"]
        for file in dead { try Data("half a tile".utf8).write(to: URL(fileURLWithPath: site + "/" + file)) }
        let running = "tile/0/.000.tmp-\(getpid())"
        try Data("in progress".utf8).write(to: URL(fileURLWithPath: site + "/" + running))
        let result = try CLI.run(["--ledger", ledger, "publish", site, "--key", key])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("removed 3 temporary files left by a publish that was stopped: "
                                       + dead.sorted().joined(separator: ", ")), "\(result.stderr)")
        for file in dead { #expect(!FileManager.default.fileExists(atPath: site + "/" + file), "\(file)") }
        #expect(FileManager.default.fileExists(atPath: site + "/" + running), "a running process's file was removed")
        #expect(try CLI.run(["verify", "--tiles", site, "--key", pub]).status == 0)
        // Nothing left, nothing named.
        try FileManager.default.removeItem(atPath: site + "/" + running)
        let again = try CLI.run(["--ledger", ledger, "publish", site, "--key", key])
        #expect(again.status == 0 && !again.stderr.contains("removed"), "\(again.stderr)")
    }
}
