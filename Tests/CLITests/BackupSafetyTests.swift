import Foundation
import LMDBKit
import PLPEvents
import PLPTestSupport
import Testing

/// A backup is one that restores: `backup` refuses a ledger that fails `verify`, leaves out what an unfinished import
/// holds beyond the head, and clears what stopped backups left; `restore` refuses a backup whose key store was
/// altered, naming what it found; a backup is read, never written, until it is restored. Real ledgers changed behind
/// the tool's back, real processes killed.
@Suite struct BackupSafetyTests {
    /// A ledger with an approved PLP, `members` members (contact data sealed under their own keys) and `burglaries`
    /// burglaries, made by `init` (so with its master key `NAME.key` beside it).
    static func ledger(_ scratch: Scratch, members: Int = 5, burglaries: Int = 500) throws -> String {
        let ledger = scratch.path("source.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        var lines = Lines.approvedPLP("K", commune: "21004") + (0..<members).map { Lines.memberJoined("m\($0)", plp: "K") }
        lines += (0..<burglaries).map { Events.burglary(["21004", "11002", "72004", "62063"][$0 % 4], day: $0) }
        let imported = try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(imported.status == 0, "\(imported.stderr)")
        return ledger
    }

    /// Changes the ledger at `path` directly in LMDB, behind the tool's back.
    static func alter(_ path: String, database: String, _ change: (inout LMDBWriteTransaction, LMDBDatabase) throws -> Void) throws {
        let environment = try LMDBEnvironment.open(directory: path)
        defer { try? environment.close() }
        let handle = try environment.openDatabase(database)
        try environment.write { txn in try change(&txn, handle) }
    }

    /// The number of entries of a database of the ledger at `path`.
    static func entries(_ path: String, database: String) throws -> Int {
        var options = LMDBOptions()
        options.readOnly = true
        let environment = try LMDBEnvironment.open(directory: path, options: options)
        defer { try? environment.close() }
        let handle = try environment.openDatabase(database)
        return try environment.read { txn in try txn.count(handle) }
    }

    static func dataBytes(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path + "/data.mdb")[.size] as? Int)
    }

    static func partials(in scratch: Scratch) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".partial-") }.sorted()
    }

    @Test func aBackupOfALedgerThatFailsVerifyIsRefusedAndNothingIsWritten() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch)
        // One byte of the stored event at seq 20 changed, as a bad disk or a hand would.
        try Self.alter(ledger, database: "events") { txn, events in
            try UInt64(20).withBigEndianBytes { key in
                var bytes = [UInt8](try #require(try txn.get(events, key: key)))
                bytes[bytes.count - 1] ^= 0x01
                _ = try bytes.withUnsafeBytes { try txn.put(events, key: key, value: $0) }
            }
        }
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 1)
        let target = scratch.path("backup-2026-01-31")
        let result = try CLI.run(["--ledger", ledger, "backup", target])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("the ledger at \(ledger) does not verify (seq 20: "), "\(result.stderr)")
        #expect(result.stderr.contains("a backup of it would not restore; nothing was written to \(target)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1 && !result.stderr.contains("USAGE"))
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try Self.partials(in: scratch).isEmpty)
    }

    @Test func aBackupAfterAKilledImportIsAsSmallAsTheHead() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch)
        let before = scratch.path("before")
        #expect(try CLI.run(["--ledger", ledger, "backup", before]).status == 0)
        // An import killed during its merge: its batches (events, and the keys of its 300 new members with their
        // sealed contacts) stay beyond the head, seen by nobody.
        var lines = (0..<300).map { Lines.memberJoined("n\($0)", plp: "K") }
        lines += (0..<20_000).map { Events.burglary(["21004", "11002", "72004", "62063"][$0 % 4], day: $0) }
        let file = try scratch.write("more.ndjson", lines.joined(separator: "\n") + "\n")
        let killed = try CLI.run(["--ledger", ledger, "import", file, "--batch-size", "5000"],
                                 environment: ["PLP_LEDGER_FAULT": "merging:kill"])
        #expect(killed.diedBySignal && killed.status == SIGKILL, "\(killed.status) \(killed.stderr)")
        #expect(try Self.dataBytes(ledger) > 3 * (try Self.dataBytes(before)), "the killed import left little beyond the head")

        let after = scratch.path("after")
        let result = try CLI.run(["--ledger", ledger, "backup", after])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("backed up 510 events to \(after)"), "\(result.stderr)")
        #expect(result.stderr.contains(" of an import that did not finish"), "\(result.stderr)")
        let small = try Self.dataBytes(before), copied = try Self.dataBytes(after)
        #expect(copied <= small + small / 10 + 65_536, "the backup holds \(copied) bytes, the ledger's head \(small)")
        #expect(try Self.entries(after, database: "member-keys") == 5)
        #expect(try Self.entries(after, database: "events") == 510)
        // It restores, and the same import then runs on the restored ledger.
        let restored = scratch.path("restored.ledger")
        let restore = try CLI.run(["restore", after, "--ledger", restored])
        #expect(restore.status == 0, "\(restore.stderr)")
        try FileManager.default.copyItem(atPath: ledger + ".key", toPath: restored + ".key")
        let again = try CLI.run(["--ledger", restored, "import", file])
        #expect(again.status == 0 && !again.stderr.contains("removing what an interrupted import left"), "\(again.stderr)")
        // The ledger itself was not written by the backup: the next import there still removes the killed one's work.
        let rerun = try CLI.run(["--ledger", ledger, "import", file])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try ImportFaultTests.events(in: ledger) == 20_810 && ImportFaultTests.events(in: restored) == 20_810)
    }

    @Test func whatAStoppedBackupLeftIsRemovedByTheNextWhateverItsName() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch, members: 0, burglaries: 20)
        // A killed backup to another (dated) name, of a process that no longer runs (no pid is that large).
        let dead = scratch.path(".plp-2026-01-31.partial-99999999")
        try FileManager.default.createDirectory(atPath: dead, withIntermediateDirectories: true)
        try Data(repeating: 7, count: 4096).write(to: URL(fileURLWithPath: dead + "/data.mdb"))
        // One of a process that runs (this one), and a directory named alike that holds something else: both stay.
        let running = scratch.path(".plp-2026-02-28.partial-\(getpid())")
        try FileManager.default.createDirectory(atPath: running, withIntermediateDirectories: true)
        let foreign = scratch.path(".photos.partial-99999999")
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: foreign + "/notes.txt"))

        let result = try CLI.run(["--ledger", ledger, "backup", scratch.path("plp-2026-03-31")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("removed 1 temporary directory left by a backup or restore that was stopped: "
                                       + ".plp-2026-01-31.partial-99999999"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: running) && FileManager.default.fileExists(atPath: foreign + "/notes.txt"))
        // Nothing more to remove, nothing named.
        let next = try CLI.run(["--ledger", ledger, "backup", scratch.path("plp-2026-04-30")])
        #expect(next.status == 0 && !next.stderr.contains("removed"), "\(next.stderr)")
    }

    /// A copy of the backup `backup` under `name`, with `change` made to its database `database`.
    static func alteredCopy(of backup: String, _ name: String, scratch: Scratch, database: String,
                            _ change: (inout LMDBWriteTransaction, LMDBDatabase) throws -> Void) throws -> String {
        let copy = scratch.path(name)
        try FileManager.default.copyItem(atPath: backup, toPath: copy)
        try alter(copy, database: database, change)
        return copy
    }

    @Test func aRestoreOfABackupWithAnAlteredKeyStoreIsRefusedNamingWhatWasFound() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch)
        let key = try MasterKey.read(file: ledger + ".key", origin: nil)
        let backup = scratch.path("backup")
        let made = try CLI.run(["--ledger", ledger, "backup", backup])
        #expect(made.status == 0 && made.stderr.contains("key store checked with the master key \(key.identifier)"), "\(made.stderr)")
        let withKey = ["PLP_LEDGER_KEY": ledger + ".key"]
        let check = Array("master-key/check".utf8)

        let zeroed = try Self.alteredCopy(of: backup, "zeroed", scratch: scratch, database: "meta") { txn, meta in
            _ = try txn.put(meta, key: check, value: [UInt8](repeating: 0, count: 32))
        }
        let flipped = try Self.alteredCopy(of: backup, "flipped", scratch: scratch, database: "meta") { txn, meta in
            var value = [UInt8](try #require(try txn.get(meta, key: check)))
            value[3] ^= 0x40
            _ = try txn.put(meta, key: check, value: value)
        }
        let deleted = try Self.alteredCopy(of: backup, "deleted", scratch: scratch, database: "member-keys") { txn, keys in
            _ = try txn.delete(keys, key: Array("m3".utf8))
        }
        let changed = try Self.alteredCopy(of: backup, "changed", scratch: scratch, database: "member-keys") { txn, keys in
            var wrapped = [UInt8](try #require(try txn.get(keys, key: Array("m1".utf8))))
            wrapped[30] ^= 0x01
            _ = try txn.put(keys, key: Array("m1".utf8), value: wrapped)
        }
        let id = key.identifier
        let cases: [(backup: String, environment: [String: String], finding: String)] = [
            (zeroed, withKey, "the check value of its master key \(id) is all zeros"),
            (zeroed, [:], "the check value of its master key \(id) is all zeros"),
            (flipped, withKey, "the check value it keeps of its master key \(id) does not match that key"),
            (flipped, [:], "its master key's check value or its wrapped member keys are not the ones the backup recorded"),
            (deleted, withKey, "it holds 4 wrapped member keys where the backup recorded 5"),
            (deleted, [:], "it holds 4 wrapped member keys where the backup recorded 5"),
            (changed, withKey, "the wrapped key of member/m1 does not open with its master key \(id)"),
            (changed, [:], "its master key's check value or its wrapped member keys are not the ones the backup recorded"),
        ]
        for (index, item) in cases.enumerated() {
            let target = scratch.path("restored-\(index).ledger")
            let result = try CLI.run(["restore", item.backup, "--ledger", target], environment: item.environment)
            #expect(result.status == 1, "\(index): \(result.stderr)")
            #expect(result.stderr.contains("the key store of \(item.backup) was altered: \(item.finding)"), "\(index): \(result.stderr)")
            #expect(result.stderr.contains("nothing was written to \(target)"), "\(index): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1 && !result.stderr.contains("is not this ledger's"), "\(index): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target), "\(index)")
        }
        #expect(try Self.partials(in: scratch).isEmpty)

        // Another ledger's key is named as such, with the backup's own identifier.
        let other = MasterKey.generate()
        let wrongKey = try CLI.run(["restore", backup, "--ledger", scratch.path("wrong.ledger")], environment: ["PLP_LEDGER_KEY": other.base64])
        #expect(wrongKey.status == 1 && wrongKey.stderr.contains("the master key \(other.identifier) is not the one of the ledger backed up "
                                                                 + "in \(backup) (its key is \(id))"), "\(wrongKey.stderr)")
        // The backup as it was made restores, says how far its key store was checked, and opens its contact data.
        let restored = scratch.path("restored.ledger")
        let result = try CLI.run(["restore", backup, "--ledger", restored], environment: withKey)
        #expect(result.status == 0 && result.stderr.contains("its key store opens with the master key \(id): the check value and 5 member keys"),
                "\(result.stderr)")
        let revealed = try CLI.run(["--ledger", restored, "history", "member/m3", "--reveal"], environment: withKey)
        #expect(revealed.status == 0 && revealed.stdout.contains("Jan Peeters"), "\(revealed.stderr)")
        let unchecked = try CLI.run(["restore", backup, "--ledger", scratch.path("unchecked.ledger")])
        #expect(unchecked.status == 0 && unchecked.stderr.contains("5 member keys as backed up, not opened"), "\(unchecked.stderr)")

        // backup refuses what restore would refuse: a ledger whose key store was altered gets no backup.
        try Self.alter(ledger, database: "member-keys") { txn, keys in
            var wrapped = [UInt8](try #require(try txn.get(keys, key: Array("m2".utf8))))
            wrapped[40] ^= 0x01
            _ = try txn.put(keys, key: Array("m2".utf8), value: wrapped)
        }
        let refused = try CLI.run(["--ledger", ledger, "backup", scratch.path("after-the-change")])
        #expect(refused.status == 1 && refused.stderr.contains("the key store of the ledger at \(ledger) was altered: the wrapped key of "
                                                               + "member/m2 does not open with its master key \(id)"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("after-the-change")))
    }

    @Test func aBackupIsReadButNotWrittenUntilItIsRestored() throws {
        let scratch = try Scratch()
        let ledger = try Self.ledger(scratch)
        let backup = scratch.path("backup")
        #expect(try CLI.run(["--ledger", ledger, "backup", backup]).status == 0)
        try FileManager.default.copyItem(atPath: ledger + ".key", toPath: backup + ".key")  // the key at hand, as for the ledger
        let before = try fileDigest(backup + "/data.mdb")
        let file = try scratch.write("more.ndjson", Events.course(4) + "\n")
        let refusal = "\(backup) is a backup, not a ledger: restore it first with plp-ledger restore \(backup) --ledger NEW-LEDGER"
        for command in [["append"], ["import", file], ["forget", "m1"]] {
            let result = try CLI.run(["--ledger", backup] + command, stdin: Events.course(3))
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains(refusal) && result.stderr.split(separator: "\n").count == 1, "\(command): \(result.stderr)")
        }
        let json = try CLI.run(["--ledger", backup, "append"], stdin: Events.course(3), environment: ["PLP_LEDGER_ERRORS": "json"])
        #expect(json.stderr.contains(#"{"error":{"code":"is-backup","#), "\(json.stderr)")
        // Reading commands work on it as they do on the ledger, and leave it as it is.
        #expect(try CLI.run(["--ledger", backup, "stats"]).status == 0)  // its file sizes are the compacted copy's
        for command in [["verify"], ["digest", "--format", "json"], ["export"],
                        ["project", "registry", "--format", "csv"], ["history", "member/m1", "--reveal"]] {
            let onBackup = try CLI.run(["--ledger", backup] + command)
            let onLedger = try CLI.run(["--ledger", ledger] + command)
            #expect(onBackup.status == 0 && onBackup.stdout == onLedger.stdout, "\(command): \(onBackup.stderr)")
        }
        #expect(try fileDigest(backup + "/data.mdb") == before, "a command wrote to the backup")
        // A backup of the backup is a backup too; a restored one is a ledger that takes appends.
        let again = scratch.path("backup-of-backup")
        #expect(try CLI.run(["--ledger", backup, "backup", again]).status == 0)
        #expect(try CLI.run(["--ledger", again, "append"], stdin: Events.course(3)).stderr.contains("is a backup, not a ledger"))
        let restored = scratch.path("restored.ledger")
        #expect(try CLI.run(["restore", again, "--ledger", restored]).status == 0)
        let appended = try CLI.run(["--ledger", restored, "append"], stdin: Events.course(3))
        #expect(appended.status == 0, "\(appended.stderr)")
    }
}
