import Crypto
import Foundation
import LMDBKit
import PLPEvents
import PLPTestSupport
import Testing

/// A ledger of a small generated history (every event type, contacts sealed), made by the real commands.
struct LedgerFixture {
    let scratch: Scratch
    let ledger: String
    let history: String

    init() throws {
        scratch = try Scratch()
        ledger = scratch.path("plp.ledger")
        history = scratch.path("history.ndjson")
        let generated = try CLI.run(["generate", "--seed", "3", "--from", "2024", "--to", "2024", "--plps", "12",
                                     "--scale", "0.005", "-o", history])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(try CLI.run(["init", "--ledger", ledger]).status == 0)
        let imported = try CLI.run(["import", history, "--ledger", ledger])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    /// A copy of the fixture's ledger directory (and its key) under `name`.
    func copy(_ name: String) throws -> String {
        let target = scratch.path(name)
        try FileManager.default.copyItem(atPath: ledger, toPath: target)
        try FileManager.default.copyItem(atPath: ledger + ".key", toPath: target + ".key")
        return target
    }

    /// Every command worth trying on a ledger, reading and writing, with what it needs.
    func commands(on ledger: String, tag: String) -> [[String]] {
        [
            ["verify"], ["stats"], ["digest"], ["export", "-o", scratch.path("export-\(tag).ndjson")],
            ["log", "--type", "PLPApproved"], ["project", "registry"], ["project", "alerts"],
            ["project", "burglary-trend", "--by", "year"], ["report", "annual", "--year", "2024"],
            ["prove", "inclusion", "1"], ["import", history], ["backup", scratch.path("backup-\(tag)")], ["init"],
        ].map { $0 + ["--ledger", ledger] }
    }
}

/// The SHA-256 of a file's bytes, to show that a command left it as it was.
func fileDigest(_ path: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// Damaged and foreign ledger directories: every command says one sentence and exits 1; none dies by a signal,
/// prints a backtrace, creates or repairs anything.
@Suite struct DamagedLedgerTests {
    @Test func aDataFileCutShortIsNamedByEveryCommandAndLeftAsItIs() throws {
        let fixture = try LedgerFixture()
        let cut = try fixture.copy("cut.ledger")
        let data = cut + "/data.mdb"
        let size = try FileManager.default.attributesOfItem(atPath: data)[.size] as? Int ?? 0
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: data))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        let before = try fileDigest(data)
        for command in fixture.commands(on: cut, tag: "cut") {
            let result = try CLI.run(command)
            #expect(!result.diedBySignal && result.status == 1, "\(command): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("is damaged: its data file is cut short"), "\(command): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(command): \(result.stderr)")
        }
        #expect(try fileDigest(data) == before)
        #expect(!FileManager.default.fileExists(atPath: fixture.scratch.path("backup-cut")))
    }

    @Test func randomBytesChangedNeverKillTheProgram() throws {
        let fixture = try LedgerFixture()
        for seed in 1...10 {
            let damaged = try fixture.copy("random-\(seed).ledger")
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: damaged + "/data.mdb")))
            var generator = SplitMix64(seed: UInt64(seed))
            for _ in 0..<200 {
                // Pages 0 and 1 are LMDB's meta pages; damage there is found by the open check.
                let index = 8192 + Int(generator.next() % UInt64(bytes.count - 8192))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            try Data(bytes).write(to: URL(fileURLWithPath: damaged + "/data.mdb"))
            for command in fixture.commands(on: damaged, tag: "r\(seed)") {
                let result = try CLI.run(command)
                #expect(!result.diedBySignal && [0, 1].contains(result.status), "seed \(seed) \(command): \(result.status)")
                for leak in ["Fatal error", "Backtrac", "LMDBError", "MDB_", "Error Domain"] {
                    #expect(!result.stderr.contains(leak), "seed \(seed) \(command): \(result.stderr)")
                }
            }
        }
    }

    @Test func aMissingOrEmptiedDatabaseIsNamedAndNotRecreated() throws {
        let fixture = try LedgerFixture()
        for (database, deletingIt, expected) in [
            ("events", true, "its 'events' database is missing"),
            ("ids", false, "its 'ids' index holds 0 entries for"),
            ("ids", true, "its 'ids' database is missing"),
            ("tree", true, "its 'tree' database is missing"),
            ("stream-events", false, "its 'stream-events' index holds 0 entries"),
        ] {
            let damaged = try fixture.copy("\(database)-\(deletingIt).ledger")
            let environment = try LMDBEnvironment.open(directory: damaged)
            let flags: LMDBDatabaseFlags = database == "stream-events" ? [.dupSort, .dupFixed] : []
            let handle = try environment.openDatabase(database, flags: flags)
            try environment.write { txn in try txn.drop(handle, deletingIt: deletingIt) }
            let namedBefore = try environment.namedDatabaseCount()
            try environment.close()
            for command in fixture.commands(on: damaged, tag: "\(database)-\(deletingIt)") {
                let result = try CLI.run(command)
                #expect(!result.diedBySignal && result.status == 1, "\(database) \(command): \(result.stderr)")
                #expect(result.stderr.contains(expected), "\(database) \(command): \(result.stderr)")
            }
            let reopened = try LMDBEnvironment.open(directory: damaged, options: { var o = LMDBOptions(); o.readOnly = true; return o }())
            #expect(try reopened.namedDatabaseCount() == namedBefore, "init or a reader recreated \(database)")
            try reopened.close()
        }
    }

    @Test func aForeignLMDBEnvironmentIsNeverWritten() throws {
        let scratch = try Scratch()
        let foreign = scratch.path("customers")
        let environment = try LMDBEnvironment.open(directory: foreign)
        let customers = try environment.openDatabase("customers", flags: .create)
        try environment.write { txn in _ = try txn.put(customers, key: Array("42".utf8), value: Array("Jan".utf8)) }
        try environment.close()
        let before = try fileDigest(foreign + "/data.mdb")
        let file = try scratch.write("e.ndjson", Events.course(3) + "\n")
        for command in [["init"], ["import", file], ["stats"], ["verify"], ["export"]] {
            let result = try CLI.run(command + ["--ledger", foreign], stdin: Events.course(2))
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("is an LMDB environment but not a plp-ledger ledger"), "\(command): \(result.stderr)")
        }
        let append = try CLI.run(["append", "--ledger", foreign], stdin: Events.course(2))
        #expect(append.status == 1 && append.stderr.contains("not a plp-ledger ledger"))
        #expect(try fileDigest(foreign + "/data.mdb") == before)
        #expect(!FileManager.default.fileExists(atPath: foreign + ".key"))
    }

    @Test func aLaterFormatIsNamedAndAFileOrAFullDirectoryIsNotALedger() throws {
        let fixture = try LedgerFixture()
        let later = try fixture.copy("later.ledger")
        let environment = try LMDBEnvironment.open(directory: later)
        let meta = try environment.openDatabase("meta")
        try environment.write { txn in _ = try txn.put(meta, key: Array("format".utf8), value: Array("plp-ledger/2".utf8)) }
        try environment.close()
        let refused = try CLI.run(["stats", "--ledger", later])
        #expect(refused.status == 1 && refused.stderr.contains("is of format 2, which this version of plp-ledger (format 1) does not read"))

        let full = fixture.scratch.path("photos")
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        _ = try fixture.scratch.write("photos/holiday.jpg", "not a picture")
        let initInFull = try CLI.run(["init", "--ledger", full])
        #expect(initInFull.status == 1 && initInFull.stderr.contains("holds other files"), "\(initInFull.stderr)")
        #expect(!FileManager.default.fileExists(atPath: full + "/data.mdb"))
        #expect(!FileManager.default.fileExists(atPath: full + ".key"))

        let notLMDB = fixture.scratch.path("garbage.ledger")
        try FileManager.default.createDirectory(atPath: notLMDB, withIntermediateDirectories: true)
        try Data((0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: URL(fileURLWithPath: notLMDB + "/data.mdb"))
        for command in fixture.commands(on: notLMDB, tag: "garbage") {
            let result = try CLI.run(command)
            #expect(result.status == 1 && result.stderr.contains("not a plp-ledger ledger"), "\(command): \(result.stderr)")
        }
    }
}
