import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// Contract section 4: contact data is sealed, erasure destroys the key, nothing in clear reaches the disk.
@Suite struct PersonalDataTests {
    static let distinctive = "Zébulon Quatremaine-Vandersnickt"

    private func plpAndMember(_ ledger: TemporaryLedger, member: String = "m1", name: String = distinctive, id: String? = nil) throws {
        try Lines.approvedPLP("p1").forEach { try ledger.append($0) }
        try ledger.append(Lines.memberJoined(member, plp: "p1", name: name, id: id))
    }

    @Test func contactIsStoredAndExportedSealedAndRevealedWithTheKey() throws {
        let ledger = try TemporaryLedger()
        try plpAndMember(ledger)
        let joined = try ledger.store.history(of: StreamName(kind: .member, id: "m1"))[0]
        guard case .sealed(let box)? = joined.payload.contact else {
            Issue.record("stored in clear")
            return
        }
        #expect(box.count > 28)
        let export = String(decoding: try ledger.export(), as: UTF8.self)
        #expect(export.contains(#""contact":{"sealed":""#))
        #expect(!export.contains("Quatremaine"))
        #expect(try ledger.store.reveal(.sealed(box), member: "m1") == .clear(ContactDetails(name: Self.distinctive, phone: "+32 470 00 00 00")))
        #expect(try ledger.store.verify().isIntact)
    }

    @Test func withoutTheMasterKeyContactsStaySealedAndClearOnesAreRefused() throws {
        let ledger = try TemporaryLedger()
        try plpAndMember(ledger)
        let keyless = try EventStore.open(at: ledger.path)  // the same ledger, opened without the master key
        let joined = try keyless.history(of: StreamName(kind: .member, id: "m1"))[0]
        #expect(try keyless.reveal(joined.payload.contact ?? .sealed([]), member: "m1") == .sealed)
        let line = Lines.memberJoined("m2", plp: "p1")
        let file = try ledger.file("m2.ndjson", lines: [line])
        do {
            _ = try keyless.importEvents(from: file)
            Issue.record("imported clear contact data without a master key")
        } catch let failure as ImportFailure {
            #expect(failure.errors.first?.error.field == "data.contact")
        }
        // A wrong master key is refused with a clear sentence.
        var wrong = EventStore.Options()
        wrong.masterKey = MasterKey.generate()
        let other = try TemporaryLedger()
        _ = other
        #expect(throws: LedgerError.self) {
            // The registry returns the already open environment; open a fresh path instead and copy the ledger.
            let copy = ledger.directory.appendingPathComponent("copy.ledger").path
            try ledger.store.backup(to: copy)
            let store = try EventStore.open(at: copy, options: wrong)
            _ = try store.reveal(joined.payload.contact ?? .sealed([]), member: "m1")
        }
    }

    @Test func forgetDestroysTheKeyAndChangesNoHash() throws {
        let ledger = try TemporaryLedger()
        try plpAndMember(ledger)
        let before = try ledger.export()
        let rootBefore = try ledger.store.verify().root
        try ledger.store.forget(member: "m1", actor: Actor(role: .system, id: "forget"),
                                at: try RFC3339Timestamp.parse("2025-01-01T10:00:00+01:00"))
        let after = try ledger.export()
        #expect(after.starts(with: before))  // the earlier lines are unchanged, one MemberErased follows
        let verification = try ledger.store.verify()
        #expect(verification.isIntact)
        #expect(verification.checked == 7)
        _ = rootBefore
        let joined = try ledger.store.history(of: StreamName(kind: .member, id: "m1"))[0]
        #expect(try ledger.store.reveal(joined.payload.contact ?? .sealed([]), member: "m1") == .erased)
        // Forgetting again does nothing and says where the erasure is.
        let again = try ledger.store.forget(member: "m1", actor: Actor(role: .system, id: "forget"),
                                            at: try RFC3339Timestamp.parse("2025-01-02T10:00:00+01:00"))
        guard case .alreadyErased(let seq) = again else { Issue.record("forgot m1 twice: \(again)"); return }
        #expect(seq == 7)
        #expect(try ledger.store.count() == 7)
        #expect(throws: LedgerError.self) {
            try ledger.store.forget(member: "nobody", actor: Actor(role: .system, id: "forget"),
                                    at: try RFC3339Timestamp.parse("2025-01-02T10:00:00+01:00"))
        }
    }

    @Test func reimportIsIdempotentBeforeAndAfterSealingAndErasure() throws {
        let ledger = try TemporaryLedger()
        let id = EventID.random().description
        let lines = Lines.approvedPLP("p1") + [Lines.memberJoined("m1", plp: "p1", name: Self.distinctive, id: id)]
        let file = try ledger.file("a.ndjson", lines: lines)
        #expect(try ledger.store.importEvents(from: file).appended == 6)
        // The same event in another file (plain contact) is recognised though the ledger holds it sealed.
        let again = try ledger.file("b.ndjson", lines: [lines[5]])
        #expect(try ledger.store.importEvents(from: again).skipped == 1)
        // Another contact under the same id is refused.
        let changed = try ledger.file("c.ndjson", lines: [Lines.memberJoined("m1", plp: "p1", name: "Someone Else", id: id)])
        #expect(throws: ImportFailure.self) { try ledger.store.importEvents(from: changed) }
        // An export (sealed) re-imported is recognised too.
        let exported = String(decoding: try ledger.export(), as: UTF8.self).split(separator: "\n").map(String.init)
        let sealedLine = exported[5].replacingOccurrences(of: #"\"hash\":\"[0-9a-f]{64}\","#, with: "", options: .regularExpression)
        let sealedFile = try ledger.file("d.ndjson", lines: [sealedLine])
        #expect(try ledger.store.importEvents(from: sealedFile).skipped == 1)
        // After erasure the plain line is still recognised by everything but its contact, which nobody can read.
        try ledger.store.forget(member: "m1", actor: Actor(role: .system, id: "forget"),
                                at: try RFC3339Timestamp.parse("2025-01-01T10:00:00+01:00"))
        let late = try ledger.file("e.ndjson", lines: ["", lines[5]])  // another file than b.ndjson
        #expect(try ledger.store.importEvents(from: late).skipped == 1)
    }

    @Test func noPlaintextInAnyFileOfTheLedgerItsExportsOrBackups() throws {
        let ledger = try TemporaryLedger()
        let names = (0..<50).map { "Zéphyrine-\($0) Kwiatkowska-Dubuisson" }
        var lines = Lines.approvedPLP("p1")
        for (index, name) in names.enumerated() { lines.append(Lines.memberJoined("m\(index)", plp: "p1", name: name)) }
        lines.append(Lines.event("member/m3", "MemberContactChanged", #"{"contact":{"name":"Xanthippe Oosterhuis-Wąsik","email":"xanthippe@example.be"}}"#))
        _ = try ledger.store.importEvents(from: try ledger.file("members.ndjson", lines: lines))
        try FileManager.default.removeItem(atPath: ledger.directory.appendingPathComponent("members.ndjson").path)
        // Standard input is spooled encrypted while it is imported.
        let stdinLines = [Lines.memberJoined("m99", plp: "p1", name: "Ysolde Vercammen-Ptaszyńska")]
        let input = Pipe()
        let saved = dup(0)
        dup2(input.fileHandleForReading.fileDescriptor, 0)
        input.fileHandleForWriting.write(Data((stdinLines.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        _ = try ledger.store.importEvents(from: "-")
        dup2(saved, 0)
        close(saved)
        try ledger.store.forget(member: "m7", actor: Actor(role: .system, id: "forget"),
                                at: try RFC3339Timestamp.parse("2025-01-01T10:00:00+01:00"))
        let exportPath = ledger.directory.appendingPathComponent("export.ndjson")
        try Data(try ledger.export()).write(to: exportPath)
        try ledger.store.backup(to: ledger.directory.appendingPathComponent("backup").path)
        let needles = ["Kwiatkowska", "Xanthippe", "Oosterhuis", "xanthippe@example.be", "Vercammen", "+32 470"].map { Data($0.utf8) }
        let files = FileManager.default.enumerator(atPath: ledger.directory.path)?.compactMap { $0 as? String } ?? []
        var checked = 0
        for file in files {
            let url = ledger.directory.appendingPathComponent(file)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let bytes = try Data(contentsOf: url)
            for needle in needles { #expect(bytes.range(of: needle) == nil, "\(file) holds \(String(decoding: needle, as: UTF8.self))") }
            checked += 1
        }
        #expect(checked >= 4)  // data.mdb, lock.mdb, the export, the backup's data.mdb
        // The backup opens, and without the erased member's key.
        let restored = ledger.directory.appendingPathComponent("restored.ledger").path
        try EventStore.restore(backup: ledger.directory.appendingPathComponent("backup").path, to: restored)
        var options = EventStore.Options()
        options.masterKey = ledger.masterKey
        let copy = try EventStore.open(at: restored, options: options)
        #expect(try copy.count() == ledger.store.count())
        let m7 = try copy.history(of: StreamName(kind: .member, id: "m7"))[0]
        #expect(try copy.reveal(m7.payload.contact ?? .sealed([]), member: "m7") == .erased)
        let m8 = try copy.history(of: StreamName(kind: .member, id: "m8"))[0]
        #expect(try copy.reveal(m8.payload.contact ?? .sealed([]), member: "m8") == .clear(ContactDetails(name: names[8], phone: "+32 470 00 00 00")))
    }
}
