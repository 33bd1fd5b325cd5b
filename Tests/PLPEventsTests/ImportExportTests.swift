import Foundation
import Crypto
import PLPTestSupport
import Testing
@testable import PLPEvents

/// Import and export semantics of contract sections 1 and 5.
@Suite struct ImportExportTests {
    static var contractExamples: String {
        get throws {
            let here = URL(fileURLWithPath: #filePath)
            let file = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("samples/contract-examples.ndjson")
            return try String(contentsOf: file, encoding: .utf8)
        }
    }

    @Test func theContractExamplesImport() throws {
        let ledger = try TemporaryLedger()
        let lines = try Self.contractExamples.split(separator: "\n").map(String.init)
        let report = try ledger.store.importEvents(from: try ledger.file("examples.ndjson", lines: lines))
        #expect(report.appended == lines.count)
        #expect(try ledger.store.count() == UInt64(lines.count))
        #expect(try ledger.store.verify().isIntact)
    }

    @Test func anInvalidLineWritesNothingAndEveryErrorIsListed() throws {
        let ledger = try TemporaryLedger()
        var lines = Lines.approvedPLP("p1")
        lines.insert(Lines.event("plp/p1", "PLPApproved", #"{"approvalRef":""}"#), at: 2)   // line 3: empty required text
        lines.append(#"{"stream":"plp/p2""#)                                                 // line 7: broken JSON
        lines.append(Lines.event("plp/p1", "PLPApproved", #"{"approvalRef":"again"}"#))      // line 8: approved twice
        do {
            _ = try ledger.store.importEvents(from: try ledger.file("bad.ndjson", lines: lines))
            Issue.record("the import was accepted")
        } catch let failure as ImportFailure {
            #expect(failure.errors.map(\.line) == [3, 7, 8])
            #expect(failure.errors[0].error.field == "data.approvalRef")
            #expect(failure.description.contains("line 8: type: PLPApproved happens once"))
        }
        #expect(try ledger.store.count() == 0)
    }

    @Test func reimportingSkipsWhatIsThereAndTheSameIDWithOtherContentIsRefused() throws {
        let ledger = try TemporaryLedger()
        let id = EventID.random().description
        let lines = [Lines.burglary("21004", id: id), Lines.burglary("21004", on: "2024-01-16", id: EventID.random().description)]
        let file = try ledger.file("a.ndjson", lines: lines)
        #expect(try ledger.store.importEvents(from: file).appended == 2)
        let again = try ledger.store.importEvents(from: file)
        #expect(again.appended == 0 && again.skipped + again.resumed == 2)
        #expect(try ledger.store.count() == 2)
        let changed = try ledger.file("b.ndjson", lines: [Lines.burglary("21004", on: "2024-01-17", id: id)])
        #expect(throws: ImportFailure.self) { try ledger.store.importEvents(from: changed) }
    }

    @Test func exportThenImportPreserveGivesAByteIdenticalExport() throws {
        let source = try TemporaryLedger()
        let lines = try Self.contractExamples.split(separator: "\n").map(String.init)
        _ = try source.store.importEvents(from: try source.file("examples.ndjson", lines: lines))
        let exported = try source.export()
        let target = try TemporaryLedger()
        let exportFile = target.directory.appendingPathComponent("export.ndjson")
        try Data(exported).write(to: exportFile)
        let report = try target.store.importEvents(from: exportFile.path, options: ImportOptions(preserve: true))
        #expect(report.appended == lines.count)
        #expect(try target.export() == exported)
        // Again: everything is already there.
        let again = try target.store.importEvents(from: exportFile.path, options: ImportOptions(preserve: true))
        #expect(again.appended == 0 && again.skipped + again.resumed == lines.count)
        // The same events in another file are recognised by id and content.
        let copy = target.directory.appendingPathComponent("copy.ndjson")
        try Data(exported + Array("\n".utf8)).write(to: copy)
        #expect(try target.store.importEvents(from: copy.path, options: ImportOptions(preserve: true)).skipped == lines.count)
    }

    @Test func preserveChecksHashesAndContinuity() throws {
        let source = try TemporaryLedger()
        try Lines.approvedPLP("p1").forEach { try source.append($0) }
        let exported = String(decoding: try source.export(), as: UTF8.self).split(separator: "\n").map(String.init)
        let target = try TemporaryLedger()
        // A gap: the file starts at seq 2.
        let gap = try target.file("gap.ndjson", lines: Array(exported.dropFirst()))
        #expect(throws: ImportFailure.self) { try target.store.importEvents(from: gap, options: ImportOptions(preserve: true)) }
        // A tampered line: the hash no longer matches.
        var tampered = exported
        tampered[1] = tampered[1].replacingOccurrences(of: "\"authority\",", with: "")
        let bad = try target.file("bad.ndjson", lines: tampered)
        do {
            _ = try target.store.importEvents(from: bad, options: ImportOptions(preserve: true))
            Issue.record("accepted a tampered export")
        } catch let failure as ImportFailure {
            #expect(failure.errors.first?.line == 2)
            #expect(failure.errors.first?.error.field == "hash")
        }
        #expect(try target.store.count() == 0)
    }

    @Test func gzipImportAndExport() throws {
        let ledger = try TemporaryLedger()
        let lines = try Self.contractExamples.split(separator: "\n").map(String.init)
        // Compress with the export sink itself, then import the .gz.
        let path = ledger.directory.appendingPathComponent("examples.ndjson.gz").path
        let sink = try OutputSink.file(path)
        try sink.write(lines.joined(separator: "\n") + "\n")
        try sink.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(2) == Data([0x1F, 0x8B]))
        #expect(try ledger.store.importEvents(from: path).appended == lines.count)
    }

    @Test func eventsWithoutIDGetOneAndRecordedAtNeverGoesBack() throws {
        let ledger = try TemporaryLedger()
        try ledger.append(Lines.burglary("21004"), Lines.burglary("21004"))
        let events = try ledger.store.history(of: StreamName(kind: .commune, id: "21004"))
        #expect(events.count == 2 && events[0].id != events[1].id)
        #expect(events[0].recordedAt <= events[1].recordedAt)
        let line = String(decoding: CanonicalEventLine.exportLine(of: events[0]), as: UTF8.self)
        #expect(line.hasPrefix(#"{"actor":"police:z5340","data":{"attempted":false,"category":"burglary-home","occurredOn":"2024-01-15"},"hash":""#))
        #expect(line.contains(#","schema":1,"seq":1,"stream":"commune/21004","type":"CrimeRecorded","version":1}"#))
    }

    @Test func theMapGrowsByItself() throws {
        let ledger = try TemporaryLedger(initialMapSize: 1 << 20)
        let lines = (0..<20_000).map { index in
            Lines.event("programme/BE", "BestPracticeShared",
                        #"{"title":"practice \#(index) \#(String(repeating: "x", count: 200))","theme":"communication"}"#)
        }
        let report = try ledger.store.importEvents(from: try ledger.file("big.ndjson", lines: lines), options: {
            var options = ImportOptions()
            options.batchSize = 5_000
            return options
        }())
        #expect(report.appended == 20_000)
        #expect(try ledger.store.verify().isIntact)
    }
}

/// Path parts typed by an operator, by hand (Foundation's trap on a one-character name).
@Suite struct PathNamesTests {
    @Test func parentsAndNames() {
        let cases: [(String, String, String)] = [
            ("l", "", "l"), ("a/b", "a", "b"), ("/x", "/", "x"), ("/", "/", "/"), ("a/b/", "a", "b"),
            ("./l", ".", "l"), ("a//b", "a", "b"), ("", "", ""), ("/a/b/c.ledger", "/a/b", "c.ledger"),
        ]
        for (path, parent, name) in cases {
            #expect(PathNames.parent(of: path) == parent, "\(path)")
            #expect(PathNames.lastComponent(of: path) == name, "\(path)")
        }
    }
}

/// A ledger written when imports committed batches may hold a partial journal mark for a file: importing the same
/// file again skips the lines the mark covers and completes it.
@Suite struct LegacyJournalTests {
    @Test func aPartialMarkOfAnEarlierVersionIsCompleted() throws {
        let ledger = try TemporaryLedger()
        let lines = (0..<300).map { Lines.burglary(["21004", "11002"][$0 % 2], on: String(format: "2024-%02d-%02d", 1 + $0 % 12, 1 + $0 % 28)) }
        let whole = try ledger.file("whole.ndjson", lines: lines)
        // What an interrupted batched import left: the first 120 lines in the ledger, the mark at line 120.
        let prefix = try ledger.file("prefix.ndjson", lines: Array(lines.prefix(120)))
        _ = try ledger.store.importEvents(from: prefix)
        let digest = Array(SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: whole))))
        var mark = BinaryWriter(capacity: 8)
        mark.uint64LittleEndian(120)
        try ledger.store.environment.write { txn in
            _ = try txn.put(ledger.store.meta, key: Array("import/".utf8) + digest, value: mark.bytes)
        }
        let report = try ledger.store.importEvents(from: whole)
        #expect(report.resumed == 120)
        #expect(report.appended == 180)
        #expect(try ledger.store.count() == 300)
        // Done: a third run appends nothing.
        #expect(try ledger.store.importEvents(from: whole).appended == 0)
        #expect(try ledger.store.count() == 300)
    }
}
