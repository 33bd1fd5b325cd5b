import Foundation
import LMDBKit
import PLPEvents
import PLPTestSupport
import Testing

/// A master key that is not the ledger's never seals or opens contact data: refused before anything is written.
@Suite struct MasterKeyCheckTests {
    private let plp = "72004-0119"

    /// A ledger made by `init` (so with its key's check value), holding an approved PLP and one member.
    private func makeLedger(_ scratch: Scratch, _ name: String) throws -> (path: String, key: MasterKey) {
        let path = scratch.path(name)
        #expect(try CLI.run(["--ledger", path, "init"]).status == 0)
        let lines = Lines.approvedPLP(plp) + [Lines.memberJoined("m1", plp: plp, name: "Anna Claes")]
        let imported = try CLI.run(["--ledger", path, "import", "-"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(imported.status == 0, "\(imported.stderr)")
        let key = try MasterKey.read(file: path + ".key", origin: nil)
        return (path, key)
    }

    /// The key's base64 text with one character changed (still 32 bytes of base64).
    private func oneCharacterChanged(_ key: MasterKey) -> String {
        var characters = Array(key.base64)
        characters[10] = characters[10] == "A" ? "B" : "A"
        return String(characters)
    }

    @Test func anotherLedgersKeyIsRefusedForAppendImportAndReveal() throws {
        let scratch = try Scratch()
        let (ledger, key) = try makeLedger(scratch, "a.ledger")
        let (_, otherKey) = try makeLedger(scratch, "b.ledger")
        let expected = "the master key \(otherKey.identifier) is not this ledger's (its key is \(key.identifier)); nothing was written"
        let wrong = ["PLP_LEDGER_KEY": scratch.path("b.ledger.key")]
        let before = try CLI.run(["--ledger", ledger, "export"]).stdout

        let appended = try CLI.run(["--ledger", ledger, "append"], stdin: Lines.memberJoined("m2", plp: plp), environment: wrong)
        #expect(appended.status == 1)
        #expect(appended.stderr.contains(expected), "\(appended.stderr)")
        #expect(!appended.stderr.contains("USAGE"))

        let file = try scratch.write("m3.ndjson", Lines.memberJoined("m3", plp: plp) + "\n")
        let imported = try CLI.run(["--ledger", ledger, "import", file], environment: wrong)
        #expect(imported.status == 1)
        #expect(imported.stderr.contains(expected), "\(imported.stderr)")

        let revealed = try CLI.run(["--ledger", ledger, "history", "member/m1", "--reveal"], environment: wrong)
        #expect(revealed.status == 1)
        #expect(revealed.stderr.contains(expected.replacingOccurrences(of: "; nothing was written", with: "; nothing was shown")),
                "\(revealed.stderr)")
        #expect(!revealed.stdout.contains("Anna Claes"))

        #expect(try CLI.run(["--ledger", ledger, "export"]).stdout == before)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
        // With its own key, the same member is sealed and revealed as before.
        let right = try CLI.run(["--ledger", ledger, "history", "member/m1", "--reveal"])
        #expect(right.status == 0 && right.stdout.contains("Anna Claes"), "\(right.stderr)")
    }

    @Test func aKeyWithOneCharacterChangedIsRefused() throws {
        let scratch = try Scratch()
        let (ledger, key) = try makeLedger(scratch, "a.ledger")
        let changed = oneCharacterChanged(key)
        let wrongKey = try #require(MasterKey(base64: changed))
        let wrong = ["PLP_LEDGER_KEY": changed]
        let before = try CLI.run(["--ledger", ledger, "export"]).stdout
        let expected = "the master key \(wrongKey.identifier) is not this ledger's (its key is \(key.identifier)); nothing was written"
        for member in ["m2", "m3"] {
            let appended = try CLI.run(["--ledger", ledger, "append"], stdin: Lines.memberJoined(member, plp: plp), environment: wrong)
            #expect(appended.status == 1)
            #expect(appended.stderr.contains(expected), "\(appended.stderr)")
        }
        let revealed = try CLI.run(["--ledger", ledger, "history", "member/m1", "--reveal"], environment: wrong)
        #expect(revealed.status == 1
                && revealed.stderr.contains(expected.replacingOccurrences(of: "; nothing was written", with: "; nothing was shown")))
        #expect(try CLI.run(["--ledger", ledger, "export"]).stdout == before)
    }

    /// The ledger's own key, refused because the stored check value or a wrapped key was changed behind the tool's
    /// back: the sentence says the key store was altered, and never names the same key twice as two keys.
    @Test func anAlteredKeyStoreIsNamedAsSuchWithTheLedgersOwnKey() throws {
        let scratch = try Scratch()
        let (ledger, key) = try makeLedger(scratch, "a.ledger")
        let alteredWrappedKey = scratch.path("b.ledger")
        try FileManager.default.copyItem(atPath: ledger, toPath: alteredWrappedKey)
        try FileManager.default.copyItem(atPath: ledger + ".key", toPath: alteredWrappedKey + ".key")
        try BackupSafetyTests.alter(ledger, database: "meta") { txn, meta in
            _ = try txn.put(meta, key: Array("master-key/check".utf8), value: [UInt8](repeating: 0, count: 32))
        }
        let appended = try CLI.run(["--ledger", ledger, "append"], stdin: Lines.memberJoined("m2", plp: plp))
        #expect(appended.status == 1)
        #expect(appended.stderr.contains("the check value it keeps of its master key \(key.identifier) does not match that key "
                                         + "(its key store was altered)"), "\(appended.stderr)")
        #expect(!appended.stderr.contains("is not this ledger's"), "\(appended.stderr)")

        try BackupSafetyTests.alter(alteredWrappedKey, database: "member-keys") { txn, keys in
            var wrapped = [UInt8](try #require(try txn.get(keys, key: Array("m1".utf8))))
            wrapped[20] ^= 0x01
            _ = try txn.put(keys, key: Array("m1".utf8), value: wrapped)
        }
        let revealed = try CLI.run(["--ledger", alteredWrappedKey, "history", "member/m1", "--reveal"])
        #expect(revealed.status == 1)
        #expect(revealed.stderr.contains("the wrapped key of member/m1 does not open with its master key \(key.identifier) "
                                         + "(its key store was altered)"), "\(revealed.stderr)")
        #expect(!revealed.stderr.contains("is not this ledger's"), "\(revealed.stderr)")
    }

    @Test func commandsThatDoNotNeedTheKeyDoNotCareAboutAWrongOne() throws {
        let scratch = try Scratch()
        let (ledger, key) = try makeLedger(scratch, "a.ledger")
        let wrong = ["PLP_LEDGER_KEY": oneCharacterChanged(key)]
        #expect(try CLI.run(["--ledger", ledger, "stats"], environment: wrong).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "verify"], environment: wrong).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "export"], environment: wrong).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "history", "member/m1"], environment: wrong).status == 0)
        let course = try CLI.run(["--ledger", ledger, "append"], stdin: Events.course(4), environment: wrong)
        #expect(course.status == 0, "\(course.stderr)")
        // No key at all: the same, and contact data in clear is refused as before.
        try FileManager.default.moveItem(atPath: ledger + ".key", toPath: scratch.path("kept.key"))
        #expect(try CLI.run(["--ledger", ledger, "stats"]).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "forget", "m1"]).status == 0)
    }

    @Test func aLedgerWithoutACheckValueLearnsItAtItsFirstSealing() throws {
        let scratch = try Scratch()
        let path = scratch.path("old.ledger")
        let key = MasterKey.generate()
        // A ledger made without `init` (like the ones written before the check value existed): no check value yet.
        do {
            var options = EventStore.Options(create: true)
            options.masterKey = key
            let store = try EventStore.open(at: path, options: options)
            #expect(try store.recordedMasterKeyIdentifier() == nil)
        }
        let lines = Lines.approvedPLP(plp) + [Lines.memberJoined("m1", plp: plp)]
        let imported = try CLI.run(["--ledger", path, "import", "-"], stdin: lines.joined(separator: "\n") + "\n",
                                   environment: ["PLP_LEDGER_KEY": key.base64])
        #expect(imported.status == 0, "\(imported.stderr)")
        let other = MasterKey.generate()
        let refused = try CLI.run(["--ledger", path, "append"], stdin: Lines.memberJoined("m2", plp: plp),
                                  environment: ["PLP_LEDGER_KEY": other.base64])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the master key \(other.identifier) is not this ledger's (its key is \(key.identifier)); nothing was written"),
                "\(refused.stderr)")
    }
}
