import Foundation
import PLPTestSupport
import Testing

/// `backup` and `restore` never leave a half copy under the final name, and say why they fail in one sentence.
@Suite struct BackupTests {
    /// A ledger of `count` burglaries in `scratch`.
    private func ledger(_ scratch: Scratch, events count: Int) throws -> String {
        let ledger = scratch.path("source.ledger")
        try CLI.run(["--ledger", ledger, "init"])
        let lines = (0..<count).map { Events.burglary(["21004", "11002", "72004", "62063"][$0 % 4], day: $0) }
        let file = try scratch.write("events.ndjson", lines.joined(separator: "\n") + "\n")
        let imported = try CLI.run(["--ledger", ledger, "import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        return ledger
    }

    private func partials(in scratch: Scratch) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".partial-") }
    }

    @Test func aSecondBackupToTheSameDirectoryIsRefusedPlainly() throws {
        let scratch = try Scratch()
        let ledger = try ledger(scratch, events: 50)
        let target = scratch.path("backup")
        let first = try CLI.run(["--ledger", ledger, "backup", target])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("backed up 50 events"))
        let second = try CLI.run(["--ledger", ledger, "backup", target])
        #expect(second.status == 1)
        #expect(second.stderr.contains("\(target) exists already; a backup goes to a new directory"))
        #expect(!second.stderr.contains("USAGE"))
        // An empty directory is replaced by the backup.
        let empty = scratch.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        #expect(try CLI.run(["--ledger", ledger, "backup", empty]).status == 0)
        #expect(try CLI.run(["--ledger", empty, "verify"]).status == 0)
        #expect(try partials(in: scratch).isEmpty)
    }

    @Test func aKilledBackupLeavesNothingUnderItsNameAndTheNextOneWorks() throws {
        let scratch = try Scratch()
        let ledger = try ledger(scratch, events: 40_000)
        let target = scratch.path("backup")
        var killedMidway = 0
        for round in 0..<4 {
            let (process, out, err) = try CLI.start(["--ledger", ledger, "backup", target])
            let partial = scratch.path(".backup.partial-\(process.processIdentifier)")
            // Wait until the copy has started, then a little more each round.
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && !FileManager.default.fileExists(atPath: partial) && Date() < deadline { usleep(200) }
            if round > 0 { usleep(UInt32(round) * 15_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            _ = out.fileHandleForReading.readDataToEndOfFile()
            _ = err.fileHandleForReading.readDataToEndOfFile()
            if process.terminationReason == .uncaughtSignal {
                // Killed: the final name holds nothing, or (killed after the rename) a whole backup.
                if FileManager.default.fileExists(atPath: target) {
                    let restored = try CLI.run(["restore", target, "--ledger", scratch.path("check-\(round).ledger")])
                    #expect(restored.status == 0, "a killed backup left \(target) that does not restore: \(restored.stderr)")
                } else {
                    killedMidway += 1
                }
            } else {
                #expect(process.terminationStatus == 0)
            }
            try? FileManager.default.removeItem(atPath: target)
        }
        #expect(killedMidway > 0, "no kill landed during the copy")
        let next = try CLI.run(["--ledger", ledger, "backup", target])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("backed up 40,000 events"))
        #expect(try partials(in: scratch).isEmpty, "stale temporary directories were not removed")
        #expect(try CLI.run(["--ledger", target, "verify"]).status == 0)
    }

    @Test func aBackupOnAFullFileSystemSaysSoAndLeavesNothing() throws {
        let scratch = try Scratch()
        let ledger = try ledger(scratch, events: 3_000)
        let mountPoint = scratch.path("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint]
        mount.standardError = FileHandle.nullDevice
        do { try mount.run() } catch {
            print("skipped: cannot run mount (\(error))")
            return
        }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            print("skipped: mounting a small tmpfs failed (not root?)")
            return
        }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run()
            umount.waitUntilExit()
        }
        let target = mountPoint + "/backup"
        let result = try CLI.run(["--ledger", ledger, "backup", target])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no space left on the device holding \(mountPoint); nothing was written to \(target)"),
                "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint).isEmpty)
    }

    @Test func restoringATruncatedBackupSaysOneSentenceAndCreatesNothing() throws {
        let scratch = try Scratch()
        let ledger = try ledger(scratch, events: 2_000)
        let backup = scratch.path("backup")
        #expect(try CLI.run(["--ledger", ledger, "backup", backup]).status == 0)
        let data = backup + "/data.mdb"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: data)[.size] as? Int)
        #expect(truncate(data, off_t(size / 2)) == 0)
        let target = scratch.path("restored.ledger")
        let (process, out, err) = try CLI.start(["restore", backup, "--ledger", target])
        _ = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "restore died of a signal")
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("\(backup) is not a whole backup"), "\(stderr)")
        #expect(stderr.contains("nothing was written to \(target)"))
        #expect(stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try partials(in: scratch).isEmpty)
    }

    @Test func aRestoredBackupIsTheLedger() throws {
        let scratch = try Scratch()
        let ledger = try ledger(scratch, events: 500)
        let backup = scratch.path("backup")
        #expect(try CLI.run(["--ledger", ledger, "backup", backup]).status == 0)
        let target = scratch.path("restored.ledger")
        let restored = try CLI.run(["restore", backup, "--ledger", target])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try CLI.run(["--ledger", target, "digest"]).stdout == (try CLI.run(["--ledger", ledger, "digest"]).stdout))
        let again = try CLI.run(["restore", backup, "--ledger", target])
        #expect(again.status == 1 && again.stderr.contains("\(target) exists already; restore into a new path"))
    }
}
