import Crypto
import Foundation
internal import LMDBKit

/// How an import runs.
public struct ImportOptions: Sendable {
    /// Keep `id`, `seq`, `version` and `recordedAt` of an export, checking every `hash` and the continuity of `seq`.
    public var preserve = false
    /// Lines per batch: each batch is admitted and committed beyond the head in one transaction, then its in-memory
    /// state (stream facts, member keys) is forgotten — the bound on the import's memory. What becomes visible, and
    /// when, does not depend on it.
    public var batchSize = 50_000
    /// How many line errors to report before the import stops admitting lines. It still reads the input to its end,
    /// to recognise an input that was already imported whole, unless one of its lines is not an event line at all
    /// (such an input was never imported whole, and an endless one would be read for ever).
    public var maximumErrors = 20
    /// How long, in seconds, to wait for a program to open a FIFO given as the input for writing.
    public var writerWait = 60.0
    /// Options with defaults.
    public init(preserve: Bool = false) { self.preserve = preserve }
}

/// Where an import is, for progress display.
public struct ImportProgress: Sendable {
    /// `waitingForWriter` (the input is a FIFO that no program has opened for writing yet), `waiting` (for another
    /// import of the same ledger), `importing` (lines read, admitted and written beyond the head: nothing visible
    /// yet), `indexing` (the staged index entries merged) or `committing` (the last transaction, which makes the
    /// whole import visible).
    public enum Phase: String, Sendable { case waitingForWriter, waiting, rollingBack, importing, indexing, committing }
    /// The phase.
    public var phase: Phase
    /// Lines read so far.
    public var lines: Int
    /// Bytes of the file read so far, and the file's size when it is known (not for standard input).
    public var bytesRead: Int64 = 0, totalBytes: Int64? = nil
}

/// What an import did.
public struct ImportReport: Sendable, Equatable {
    /// Event lines read (blank lines not counted).
    public var events = 0
    /// Events appended.
    public var appended = 0
    /// Events skipped because the ledger already held them (same `id`, same content).
    public var skipped = 0
    /// Lines skipped because an earlier run of the same file had already written them (the file journal).
    public var resumed = 0
    /// The ledger's size after the import.
    public var ledgerSize: UInt64 = 0
    /// Seconds spent reading, checking and writing the lines into the transaction, and committing it (durable).
    public var admitSeconds = 0.0, commitSeconds = 0.0
}

/// An import refused: the lines at fault, each `line N: field: reason`. Nothing was written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    /// The errors found, in line order.
    public var errors: [(line: Int, error: EventLineError)]
    /// True when the import stopped at the error limit.
    public var truncated: Bool

    public var description: String {
        var lines = errors.map { "line \($0.line): \($0.error.description)" }
        if truncated { lines.append("(stopped after \(errors.count) errors)") }
        let count = errors.count == 1 ? "1 invalid line" : "\(errors.count)\(truncated ? "+" : "") invalid lines"
        return "import refused, nothing was written (\(count)):\n" + lines.joined(separator: "\n")
    }
}

/// An import stopped by something other than its lines (a full disk, an I/O error, a damaged ledger, a source that
/// cannot be read): one sentence, and the ledger is as it was before the import.
public struct ImportAborted: Error, Sendable, CustomStringConvertible {
    /// What stopped the import, in plain words.
    public let reason: String
    public var description: String {
        // The reason may already say it (a full disk's sentence does): it is said once.
        var reason = Substring(reason)
        for ending in ["; nothing was written", ", nothing was written", "; nothing more was written"] where reason.hasSuffix(ending) {
            reason = reason.dropLast(ending.count)
        }
        return "the import stopped: \(reason); nothing was written (the ledger is as it was before)"
    }
}

extension EventStore {
    /// Imports an NDJSON file (`-` for standard input, gzip detected by its magic bytes), all or nothing.
    ///
    /// The input is opened once (``InputFile``): a regular file is hashed and then read; a pipe, a FIFO or
    /// `/dev/stdin` is read once as it comes, exactly like standard input; a directory or a device that is not a
    /// terminal (`/dev/zero`) is refused before the ledger is touched.
    ///
    /// Each line is decoded once (on a second thread) and admitted against the ledger and the file's earlier lines.
    /// The events are committed in batches *beyond the ledger's head*, which no reader sees; their index entries
    /// are staged as sorted runs (``ImportStaging``) and merged in key order once every line is in; the last
    /// transaction moves the head, and the whole file becomes visible at once. Whatever stops the import before —
    /// an invalid line, a full disk, an I/O error — the batches are rolled back (``ImportRollback``) and the ledger is
    /// as it was; a kill or a power cut leaves them beyond the head, invisible, and the next import or append removes
    /// them first. Other writers wait for the import. The file's SHA-256 is journalled in the last transaction, so
    /// importing the same file again (ids or not) appends nothing; a stream's is known only at its end.
    public func importEvents(from path: String, options: ImportOptions = ImportOptions(),
                             progress: ((ImportProgress) -> Void)? = nil) throws -> ImportReport {
        let started = RecordedAt.now()
        let input = try InputFile.open(path, expecting: "a file of event lines", writerWait: options.writerWait) {
            progress?(ImportProgress(phase: .waitingForWriter, lines: 0))
        }
        let totalBytes: Int64?
        if case .file(let bytes) = input.kind { totalBytes = bytes } else { totalBytes = nil }
        do { try reserveRoom(forInputBytes: totalBytes) } catch {
            throw ImportAborted(reason: PlainSentence.describe(error, ledger: self.path))
        }
        let lock = try ImportLock(ledger: self.path, importing: true) {
            progress?(ImportProgress(phase: .waiting, lines: 0))
        }
        defer { withExtendedLifetime(lock) {} }
        ImportLeftovers.remove(in: self.path)
        do {
            // What an interrupted import left beyond the head goes first; the user is told (it can take a while).
            try ImportRollback.run(self) { progress?(ImportProgress(phase: .rollingBack, lines: 0)) }
            var skipThrough = 0
            // A file is hashed first: one already imported whole is known before anything is written. A stream
            // cannot be read twice: its digest is known at its end.
            if let digest = try input.fileDigest() {
                switch try journalMark(digest: digest) {
                case .some(let marked) where marked.whole:
                    return try alreadyImported(lines: marked.lines)
                case .some(let marked):
                    skipThrough = marked.lines
                case nil:
                    break
                }
            }
            var report = try importInBatches(from: input, skipThrough: skipThrough, totalBytes: totalBytes,
                                             options: options, progress: progress)
            report.admitSeconds = Double(RecordedAt.now() - started) / 1e6 - report.commitSeconds
            report.ledgerSize = try count()
            return report
        } catch let earlier as AlreadyImported {
            try ImportRollback.run(self)
            return try alreadyImported(lines: earlier.lines)
        } catch let failure as ImportFailure {
            try rollBackAfterFailure()
            throw failure
        } catch let aborted as ImportAborted {
            try rollBackAfterFailure()
            throw aborted
        } catch {
            let reason = PlainSentence.describe(error, ledger: self.path)
            try rollBackAfterFailure()
            throw ImportAborted(reason: reason)
        }
    }

    private func alreadyImported(lines: Int) throws -> ImportReport {
        var report = ImportReport()
        report.resumed = lines
        report.events = lines
        report.ledgerSize = try count()
        return report
    }

    /// Removes the batches of an import that stopped; if even that fails (the disk is full), they stay beyond the
    /// head, where nobody sees them, and the next import or append removes them.
    private func rollBackAfterFailure() throws {
        do { try ImportRollback.run(self) } catch {
            throw ImportAborted(reason: "\(PlainSentence.describe(error, ledger: path)), and its batches beyond the ledger's head could not be removed yet (the next import or append removes them)")
        }
    }

    /// The file journal's mark for a file: the lines an import of it wrote, and whether that was the whole file.
    private func journalMark(digest: [UInt8]) throws -> (lines: Int, whole: Bool)? {
        try environment.read { txn in
            guard let mark = try txn.get(meta, key: Array("import/".utf8) + digest) else { return nil }
            var reader = BinaryReader(mark)
            let lines = Int(try reader.uint64LittleEndian())
            // A mark is 8 bytes of line count and a 1 for a whole file. Marks of 8 bytes were written by the batched
            // imports of before, whole or not: the import skips the lines they cover, and finds out at the end.
            return (lines, mark.count > 8 && mark[8] == 1)
        }
    }

    /// The import's batches, merge and last transaction; throws ``AlreadyImported`` when the file journal knows the
    /// file (standard input is recognised only at its end), ``ImportFailure`` for invalid lines.
    private func importInBatches(from input: InputFile, skipThrough: Int, totalBytes: Int64?, options: ImportOptions,
                                 progress: ((ImportProgress) -> Void)?) throws -> ImportReport {
        let staging = try stagingDatabase()
        var position = try environment.write { txn in
            // About 250 bytes per line in the national mix: expect a line per 200 bytes of the file.
            let position = try ImportPosition.start(store: self, staging: staging,
                                                    expectedLines: totalBytes.map { Int($0 / 200) }, txn: txn)
            _ = try txn.put(staging, key: ImportStaging.markKey, value: (position.nextSeq - 1).bigEndianBytes)
            return position
        }
        var report = ImportReport()
        var admission = Admission()
        var errors: [(line: Int, error: EventLineError)] = []
        let pipeline = try DecodingPipeline(reader: LineReader(input: input),
                                            decoder: EventLineDecoder(preserve: options.preserve), skipThrough: skipThrough)
        defer { pipeline.cancel() }
        var batch: [DecodedLine] = []
        // The lines of the decoder's last chunk not yet in a batch (a batch holds `batchSize` lines exactly).
        var carried: ArraySlice<DecodedLine> = []
        var reachedFirstBatch = false
        var linesRead = 0
        var endOfInput = false
        // A line that is not an event line at all: the input was never imported whole.
        var sawUndecodable = false
        // Set when the input was left unread past the error limit: its digest is then not the input's.
        var stoppedEarly = false
        let batchSize = max(options.batchSize, 1)
        while !endOfInput {
            batch.removeAll(keepingCapacity: true)
            while batch.count < batchSize {
                if carried.isEmpty {
                    if errors.count >= options.maximumErrors && sawUndecodable {
                        stoppedEarly = true
                        endOfInput = true
                        break
                    }
                    guard let chunk = try pipeline.next() else { endOfInput = true; break }
                    linesRead = chunk.last?.number ?? linesRead
                    if !sawUndecodable {
                        sawUndecodable = chunk.contains { if case .failure = $0.outcome { true } else { false } }
                    }
                    // Past the error limit, the lines are still read (the file's digest), not admitted.
                    if errors.count < options.maximumErrors { carried = chunk[...] }
                    continue
                }
                let taken = carried.prefix(batchSize - batch.count)
                batch.append(contentsOf: taken)
                carried = carried.dropFirst(taken.count)
            }
            guard !batch.isEmpty else { continue }
            let outcome = try environment.write { txn -> (ImportPosition, Admission, [(line: Int, error: EventLineError)], Int, Int) in
                // LMDB runs the batch again when the map had to grow: it starts again from the same position.
                var admission = admission, errors = errors, appended = 0, skipped = 0
                var state = StoreLedgerState(store: self, continuing: position)
                for line in batch where errors.count < options.maximumErrors {
                    switch line.outcome {
                    case .failure(let error):
                        errors.append((line.number, error))
                    case .success(let event):
                        do {
                            switch try admission.admit(event, into: &state, in: &txn) {
                            case .appended: appended += 1
                            case .skipped: skipped += 1
                            }
                        } catch let error as EventLineError {
                            errors.append((line.number, error))
                        }
                    }
                }
                try state.flushAndForget(in: &txn)
                guard let next = state.position else { throw LedgerError("an import batch lost its staging database") }
                return (next, admission, errors, appended, skipped)
            }
            (position, admission, errors) = (outcome.0, outcome.1, outcome.2)
            report.appended += outcome.3
            report.skipped += outcome.4
            if !reachedFirstBatch {
                reachedFirstBatch = true
                ImportFault.reach(.firstChunk)
            }
            // Eight runs of a tier are merged into one of the next (``RunTiers``).
            try position.stagedFacts.mergeWhileDue(store: self, staging: staging) { ImportFault.reach(.mergingRuns) }
            try position.indexRuns.mergeWhileDue(store: self, staging: staging) { ImportFault.reach(.mergingRuns) }
            try position.stagedKeys.mergeWhileDue(store: self, staging: staging) { ImportFault.reach(.mergingRuns) }
            progress?(ImportProgress(phase: .importing, lines: linesRead, bytesRead: pipeline.bytesConsumed, totalBytes: totalBytes))
        }
        if stoppedEarly { throw ImportFailure(errors: errors, truncated: true) }
        let (digest, lines) = pipeline.summary()
        let journalKey = Array("import/".utf8) + digest
        if let marked = try journalMark(digest: digest) {
            if marked.lines >= lines { throw AlreadyImported(lines: lines) }
            if marked.lines > skipThrough {
                throw ImportAborted(reason: "an earlier, interrupted import of this same input wrote its first \(marked.lines) lines; import it again from a file, which completes it")
            }
        }
        if !errors.isEmpty {
            throw ImportFailure(errors: errors, truncated: errors.count >= options.maximumErrors)
        }
        progress?(ImportProgress(phase: .indexing, lines: lines, bytesRead: pipeline.bytesConsumed, totalBytes: totalBytes))
        try ImportMerge.mergeRuns(store: self, staging: staging, runs: position.indexRuns.ids) { _ in }
        try ImportMerge.moveKeys(store: self, staging: staging, runs: position.stagedKeys.runIDs)
        try ImportMerge.moveFacts(store: self, staging: staging, runs: position.stagedFacts.runIDs)
        var mark = BinaryWriter(capacity: 9)
        mark.uint64LittleEndian(UInt64(lines))
        mark.byte(1)
        progress?(ImportProgress(phase: .committing, lines: lines, bytesRead: pipeline.bytesConsumed, totalBytes: totalBytes))
        ImportFault.reach(.beforeCommit)
        let commitStarted = RecordedAt.now()
        try environment.write { txn in
            try ImportMerge.finish(store: self, staging: staging, tree: position.tree, journal: (journalKey, mark.bytes), in: &txn)
        }
        report.commitSeconds = Double(RecordedAt.now() - commitStarted) / 1e6
        // The import is visible and durable; emptying its runs can no longer change that, and what a failure here
        // leaves is emptied by the next writer.
        ImportFault.reach(.committed)
        try? ImportStaging.clear(self)
        report.resumed = skipThrough
        report.events = report.appended + report.skipped + skipThrough
        return report
    }

    /// Grows the map so that the import's one transaction fits: 40 times the file (gzip shrinks NDJSON about ten
    /// times), 16 GiB at least.
    private func reserveRoom(forInputBytes bytes: Int64?) throws(LMDBError) {
        let room = max(Int(clamping: (bytes ?? 0).multipliedReportingOverflow(by: 40).partialValue), 16 << 30)
        try environment.reserveMap(atLeast: try environment.usedBytes().addingReportingOverflow(room).partialValue)
    }

    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}

/// The file journal knows this file as imported whole: the import's transaction is aborted, nothing changes.
struct AlreadyImported: Error {
    let lines: Int
}

/// The file journal holds a partial mark for this file, left by a ledger written before imports became one
/// transaction (they committed batches): the lines up to it are in the ledger, the import runs again after them.
struct InterruptedEarlierRun: Error {
    let lines: Int
}
