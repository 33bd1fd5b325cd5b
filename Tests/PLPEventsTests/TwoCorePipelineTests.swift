import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// `verify` and `export` on two cores (``StoredEventPipeline``) give exactly what the one-core loops give: the same
/// report (the first bad seq and its reason included) and the same export bytes, on intact and on damaged ledgers.
/// Small chunks and a short ring make a small ledger cross many chunk boundaries and wrap the ring many times.
@Suite struct TwoCorePipelineTests {
    /// Pipeline shapes tried against the sequential path: (events per chunk, chunks in flight).
    static let shapes: [(Int, Int)] = [(1, 2), (7, 3), (64, 4), (StoredEventPipeline.defaultChunkSize, StoredEventPipeline.defaultChunks)]

    /// The contract's examples (every event type, contact data) and 2,000 more events of several shapes, strings
    /// that need escaping included.
    static func ledger() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        var lines = try ImportExportTests.contractExamples.split(separator: "\n").map(String.init)
        for index in 0..<2_000 {
            switch index % 3 {
            case 0: lines.append(Lines.burglary(index % 8 == 0 ? "21004" : "62063", on: "2024-0\(1 + index % 9)-1\(index % 10)"))
            case 1: lines.append(Lines.event("programme/BE", "BestPracticeShared",
                                             #"{"title":"practice \"\#(index)\" — été \\ fin","theme":"communication \#(index)"}"#))
            default: lines.append(Lines.event("programme/BE", "CourseDelivered", #"{"academy":"ANPA","participants":\#(index)}"#))
            }
        }
        let report = try ledger.store.importEvents(from: try ledger.file("mix.ndjson", lines: lines))
        #expect(report.appended == lines.count)
        return ledger
    }

    static func rewrite(_ ledger: TemporaryLedger, seq: UInt64, _ change: (inout [UInt8]) -> Void) throws {
        try ledger.store.environment.write { txn in
            try seq.withBigEndianBytes { key in
                guard let stored = try txn.get(ledger.store.events, key: key) else { return }
                var bytes = [UInt8](stored)
                change(&bytes)
                _ = try bytes.withUnsafeBytes { try txn.put(ledger.store.events, key: key, value: $0) }
            }
        }
    }

    /// The stored hash of `seq` replaced by another one (the content stays).
    static func changeStoredHash(_ ledger: TemporaryLedger, seq: UInt64) throws {
        try rewrite(ledger, seq: seq) { $0[60] ^= 0x40 }
    }

    /// The stored event at `seq` made unreadable (its last byte cut: the payload is truncated).
    static func damageEvent(_ ledger: TemporaryLedger, seq: UInt64) throws {
        try rewrite(ledger, seq: seq) { $0.removeLast() }
    }

    /// What an export gives: the bytes written, then the error that stopped it (its text), if any.
    struct ExportResult: Equatable {
        var bytes: [UInt8] = []
        var error: String?
        var count = 0
    }

    static func export(_ store: EventStore, from first: UInt64 = 1, shape: (Int, Int)?) -> ExportResult {
        var result = ExportResult()
        do {
            if let (chunkSize, chunks) = shape {
                result.count = try store.exportLines(from: first, chunkSize: chunkSize, chunks: chunks) { result.bytes += $0 }
            } else {
                result.count = try store.exportLinesSequentially(from: first) { result.bytes += $0 }
            }
        } catch {
            result.error = "\(error)"
        }
        return result
    }

    /// Every pipeline shape gives the sequential report and export bytes; returns the sequential report.
    @discardableResult
    static func expectSameResults(_ ledger: TemporaryLedger, sourceLocation: SourceLocation = #_sourceLocation) throws -> VerificationReport {
        let sequential = try ledger.store.verifySequentially()
        #expect(try ledger.store.verify() == sequential, sourceLocation: sourceLocation)
        let sequentialExport = export(ledger.store, shape: nil)
        let sequentialTail = export(ledger.store, from: 1_000, shape: nil)
        for shape in shapes {
            let report = try ledger.store.verify(chunkSize: shape.0, chunks: shape.1)
            #expect(report == sequential, "shape \(shape)", sourceLocation: sourceLocation)
            #expect(report.firstProblem?.reason == sequential.firstProblem?.reason, sourceLocation: sourceLocation)
            #expect(export(ledger.store, shape: shape) == sequentialExport, "shape \(shape)", sourceLocation: sourceLocation)
            #expect(export(ledger.store, from: 1_000, shape: shape) == sequentialTail, "shape \(shape)", sourceLocation: sourceLocation)
        }
        return sequential
    }

    @Test func anIntactLedgerGivesTheSameReportAndExport() throws {
        let ledger = try Self.ledger()
        let report = try Self.expectSameResults(ledger)
        #expect(report.isIntact && report.checked == 2_033)
        #expect(report.treeHead == (try ledger.store.treeHead()))
        // And the export from stored bytes is the typed path's, byte for byte.
        #expect(Self.export(ledger.store, shape: (64, 4)).bytes == (try ledger.export()))
    }

    @Test func aChangedStoredHashIsReportedAtTheSameSeq() throws {
        let ledger = try Self.ledger()
        try Self.changeStoredHash(ledger, seq: 1_500)
        let report = try Self.expectSameResults(ledger)
        #expect(report.firstProblem?.seq == 1_500)
        #expect(report.firstProblem?.reason.contains("does not match its hash") == true)
    }

    @Test func aDamagedEventIsReportedAtTheSameSeqAndStopsTheExportThere() throws {
        let ledger = try Self.ledger()
        try Self.damageEvent(ledger, seq: 1_234)
        let report = try Self.expectSameResults(ledger)
        #expect(report.firstProblem?.seq == 1_234)
        let export = Self.export(ledger.store, shape: (64, 4))
        #expect(export.error?.contains("truncated") == true)
        #expect(export.bytes.filter { $0 == 0x0A }.count == 1_233)
    }

    @Test func theFirstOfTwoProblemsIsTheOneReported() throws {
        // A damaged event before a changed hash, in the same chunk and in different chunks.
        for (damaged, changed) in [(700 as UInt64, 703 as UInt64), (900, 1_800), (1_900, 40)] {
            let ledger = try Self.ledger()
            try Self.damageEvent(ledger, seq: damaged)
            try Self.changeStoredHash(ledger, seq: changed)
            let report = try Self.expectSameResults(ledger)
            #expect(report.firstProblem?.seq == min(damaged, changed))
        }
    }

    @Test func aMissingEventAndAKeyThatIsNotASeqAreReportedAlike() throws {
        let ledger = try Self.ledger()
        try ledger.store.environment.write { txn in
            _ = try UInt64(1_100).withBigEndianBytes { try txn.delete(ledger.store.events, key: $0) }
        }
        #expect(try Self.expectSameResults(ledger).firstProblem?.seq == 1_100)

        let other = try Self.ledger()
        try other.store.environment.write { txn in
            _ = try [UInt8](repeating: 0xFF, count: 3).withUnsafeBytes { key in
                try [UInt8](repeating: 0, count: 90).withUnsafeBytes { try txn.put(other.store.events, key: key, value: $0) }
            }
        }
        let report = try Self.expectSameResults(other)
        #expect(report.firstProblem?.reason == "a stored key is not a seq")
        #expect(Self.export(other.store, shape: (64, 4)).error?.contains("not a seq") == true)
    }

    @Test func aGzipExportIsByteIdentical() throws {
        let ledger = try Self.ledger()
        func gzip(_ name: String, _ body: (OutputSink) throws -> Void) throws -> Data {
            let path = ledger.directory.appendingPathComponent(name).path
            let sink = try OutputSink.file(path)
            try body(sink)
            try sink.close()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let sequential = try gzip("sequential.ndjson.gz") { sink in try ledger.store.exportLinesSequentially { try sink.write($0) } }
        let pipelined = try gzip("pipelined.ndjson.gz") { sink in try ledger.store.exportLines { try sink.write($0) } }
        #expect(sequential == pipelined)
    }

    @Test func theWalkProgressAndEarlyStopLeaveNothingRunning() throws {
        // A fold that stops at once, many times over: the second thread is joined every time.
        let ledger = try Self.ledger()
        for _ in 0..<50 {
            var folded = 0
            try ledger.store.runStoredEventPipeline(from: 1, through: .max, chunkSize: 16, chunks: 2,
                                                    makeOutput: { 0 }, makeScratch: { () },
                                                    process: { chunk, _ in chunk.output = chunk.count },
                                                    fold: { chunk in folded += chunk.output; return false })
            #expect(folded == 16)
        }
    }
}
