import Foundation
import PLPTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A tile directory, a backup or a key file is often someone else's: a FIFO, a device or a link put where a file
/// should be is refused in one sentence, never waited on (an ordinary `open` of a FIFO waits for a writer for ever).
@Suite struct PlantedFileTests {
    /// Replaces the file at `path` with a FIFO.
    static func plantFIFO(at path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
    }

    /// A ledger of `count` events, published to `site` with the key pair `ck`.
    static func published(_ scratch: Scratch, events count: Int = 5) throws -> (ledger: String, site: String, pub: String) {
        let ledger = scratch.path("t.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let lines = (0..<count).map { Events.burglary("21004", day: $0) }.joined(separator: "\n") + "\n"
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines).status == 0)
        #expect(try CLI.run(["keygen", "--name", "log.example.be", "-o", scratch.path("ck")]).status == 0)
        let site = scratch.path("site")
        let published = try CLI.run(["--ledger", ledger, "publish", site, "--key", scratch.path("ck.key")])
        #expect(published.status == 0, "\(published.stderr)")
        return (ledger, site, scratch.path("ck.pub"))
    }

    @Test func aFIFOInATileDirectoryIsRefusedByVerifyAndPublish() throws {
        let scratch = try Scratch()
        let (ledger, site, pub) = try Self.published(scratch)
        #expect(try BoundedRun.run(["verify", "--tiles", site, "--key", pub], within: 60).status == 0)
        let tile = try #require(PublishTests.files(site).first { $0.hasPrefix("tile/0/") })
        try Self.plantFIFO(at: site + "/" + tile)
        let audit = try BoundedRun.run(["verify", "--tiles", site, "--key", pub], within: 30)
        #expect(!audit.timedOut, "verify --tiles waited on a FIFO")
        #expect(audit.status == 1, "\(audit.stderr)")
        #expect(audit.stderr.contains("\(tile) is a FIFO (a named pipe), not a file"), "\(audit.stderr)")

        try Self.plantFIFO(at: site + "/checkpoint")
        let again = try BoundedRun.run(["verify", "--tiles", site, "--key", pub], within: 30)
        #expect(!again.timedOut, "verify --tiles waited on a FIFO checkpoint")
        #expect(again.status == 1, "\(again.stderr)")
        #expect(again.stderr.contains("checkpoint is a FIFO (a named pipe), not a file"), "\(again.stderr)")
        let publish = try BoundedRun.run(["--ledger", ledger, "publish", site, "--key", scratch.path("ck.key")], within: 30)
        #expect(!publish.timedOut, "publish waited on a FIFO checkpoint")
        #expect(publish.status == 1, "\(publish.stderr)")
        #expect(publish.stderr.contains("checkpoint is a FIFO (a named pipe), not a file"), "\(publish.stderr)")
        #expect(!publish.stderr.contains("Fatal error"))
    }

    @Test func aLinkInATileDirectoryIsNotFollowed() throws {
        let scratch = try Scratch()
        let (_, site, pub) = try Self.published(scratch)
        let elsewhere = scratch.path("checkpoint-elsewhere")
        try FileManager.default.moveItem(atPath: site + "/checkpoint", toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: site + "/checkpoint", withDestinationPath: elsewhere)
        let audit = try BoundedRun.run(["verify", "--tiles", site, "--key", pub], within: 30)
        #expect(audit.status == 1, "\(audit.stderr)")
        #expect(audit.stderr.contains("checkpoint is a symbolic link, not a file"), "\(audit.stderr)")
    }

    @Test func aFIFOInABackupIsRefusedByRestore() throws {
        let scratch = try Scratch()
        let (ledger, _, _) = try Self.published(scratch)
        for planted in ["data.mdb", "lock.mdb"] {
            let backup = scratch.path("backup-\(planted)")
            #expect(try CLI.run(["--ledger", ledger, "backup", backup]).status == 0)
            try Self.plantFIFO(at: backup + "/" + planted)
            let target = scratch.path("restored-\(planted).ledger")
            let restore = try BoundedRun.run(["restore", backup, "--ledger", target], within: 30)
            #expect(!restore.timedOut, "restore waited on a FIFO \(planted)")
            #expect(restore.status == 1, "\(restore.stderr)")
            #expect(restore.stderr.contains("\(backup) is not"), "\(restore.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target))
            let opened = try BoundedRun.run(["--ledger", backup, "verify"], within: 30)
            #expect(!opened.timedOut, "verify waited on a FIFO \(planted)")
            #expect(opened.status == 1, "\(opened.stderr)")
            #expect(!opened.stderr.contains("Fatal error"))
        }
    }

    @Test func aFIFOWhereTheMasterKeyShouldBeIsRefused() throws {
        let scratch = try Scratch()
        let (ledger, _, _) = try Self.published(scratch)
        try Self.plantFIFO(at: ledger + ".key")
        // A command that needs the key (a write) refuses it; one that does not never touches it.
        let written = try BoundedRun.run(["--ledger", ledger, "import", "/dev/null"], within: 30)
        #expect(!written.timedOut, "import waited on a FIFO master key file")
        #expect(written.status == 1, "\(written.stderr)")
        #expect(written.stderr.contains("the master key file \(ledger).key is a FIFO (a named pipe), not a file"), "\(written.stderr)")
        let stats = try BoundedRun.run(["--ledger", ledger, "stats"], within: 30)
        #expect(!stats.timedOut && stats.status == 0, "\(stats.stderr)")
    }
}
