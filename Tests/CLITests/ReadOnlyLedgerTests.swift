import Foundation
import PLPTestSupport
import Testing

/// A small file system of the test's own: a tmpfs mounted on a scratch directory (needs root, as in CI), which the
/// test can fill or remount read-only. Unmounted when the value goes away.
final class SmallFileSystem {
    let mountPoint: String

    /// Whether this process may mount file systems here (root, and a kernel that lets it).
    static let available: Bool = {
        guard getuid() == 0, let probe = try? SmallFileSystem(megabytes: 1) else { return false }
        _ = probe
        return true
    }()

    init(megabytes: Int) throws {
        mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("plp-mnt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard Self.mount(["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint]) else {
            try? FileManager.default.removeItem(atPath: mountPoint)
            throw CocoaError(.featureUnsupported)
        }
    }

    /// Remounts the file system read-only.
    func makeReadOnly() -> Bool { Self.mount(["-o", "remount,ro", mountPoint]) }

    deinit {
        _ = Self.run("/bin/umount", ["-l", mountPoint])
        try? FileManager.default.removeItem(atPath: mountPoint)
    }

    private static func mount(_ arguments: [String]) -> Bool { run("/bin/mount", arguments) }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// A ledger on read-only media (a snapshot, WORM media, an auditor's copy): reading commands work and print what
/// they print on the writable original; writing commands say the ledger is read-only.
@Suite struct ReadOnlyLedgerTests {
    @Test(.enabled(if: SmallFileSystem.available, "mounting a tmpfs needs root"))
    func readingCommandsWorkOnAReadOnlyMountAndWritingCommandsSaySo() throws {
        let fixture = try LedgerFixture()
        let media = try SmallFileSystem(megabytes: 64)
        let ledger = media.mountPoint + "/plp.ledger"
        try FileManager.default.copyItem(atPath: fixture.ledger, toPath: ledger)
        try FileManager.default.copyItem(atPath: fixture.ledger + ".key", toPath: ledger + ".key")
        try? FileManager.default.removeItem(atPath: ledger + "/lock.mdb")  // media written without a lock file
        #expect(media.makeReadOnly())

        let reading: [[String]] = [
            ["verify"], ["stats", "--format", "json"], ["digest", "--format", "json"], ["export"],
            ["log", "--type", "PLPApproved"], ["project", "registry", "--format", "csv"],
            ["project", "burglary-trend", "--by", "year", "--format", "csv"],
            ["report", "annual", "--year", "2024", "--format", "json"], ["prove", "consistency", "5", "--format", "json"],
        ]
        for command in reading {
            let original = try CLI.run(command + ["--ledger", fixture.ledger])
            let onMedia = try CLI.run(command + ["--ledger", ledger])
            #expect(onMedia.status == 0, "\(command): \(onMedia.stderr)")
            #expect(onMedia.stdout == original.stdout, "\(command) prints something else on read-only media")
        }
        let backup = try CLI.run(["backup", fixture.scratch.path("from-media"), "--ledger", ledger])
        #expect(backup.status == 0, "\(backup.stderr)")

        let file = try fixture.scratch.write("more.ndjson", Events.course(4) + "\n")
        for command in [["append"], ["import", file], ["forget", "x-m1"], ["init"]] {
            let result = try CLI.run(command + ["--ledger", ledger], stdin: Events.course(3))
            if command == ["init"] {
                // init finds a ledger and leaves it as it is: it writes nothing.
                #expect(result.status == 0 && result.stderr.contains("left as it is"), "\(result.stderr)")
                continue
            }
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("is read-only"), "\(command): \(result.stderr)")
        }
    }
}

/// A ledger on a file system that fills up during an import: the failure says "no space left", never an I/O error
/// or an LMDB code (LMDB reports the write cut short by the full disk as EIO).
@Suite struct FullDiskImportTests {
    @Test(.enabled(if: SmallFileSystem.available, "mounting a tmpfs needs root"))
    func anImportThatFillsTheDiskSaysNoSpaceLeft() throws {
        let fixture = try LedgerFixture()
        let disk = try SmallFileSystem(megabytes: 2)
        let ledger = disk.mountPoint + "/plp.ledger"
        #expect(try CLI.run(["init", "--ledger", ledger]).status == 0)
        let result = try CLI.run(["import", fixture.history, "--ledger", ledger])
        #expect(!result.diedBySignal && result.status == 1, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("no space left on the device holding"), "\(result.stderr)")
        for leak in ["LMDBError", "EIO", "Input/output", "MDB_"] { #expect(!result.stderr.contains(leak), "\(result.stderr)") }
        #expect(result.stderr.contains("nothing was written"), "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "nothing was written").count == 2, "said once: \(result.stderr)")
        // Nothing of the import is left: no event, no scratch or spool file, and the ledger still opens and verifies.
        #expect(try FileManager.default.contentsOfDirectory(atPath: ledger).sorted() == ["data.mdb", "lock.mdb"])
        let stats = try CLI.run(["stats", "--format", "json", "--ledger", ledger])
        #expect(stats.status == 0 && stats.stdout.contains(#""events":0"#), "\(stats.stdout) \(stats.stderr)")
        #expect(try CLI.run(["verify", "--ledger", ledger]).status == 0)
    }
}
