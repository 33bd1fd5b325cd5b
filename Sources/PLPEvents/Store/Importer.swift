import Crypto
import Foundation
internal import LMDBKit

/// How an import runs.
public struct ImportOptions: Sendable {
    /// Keep `id`, `seq`, `version` and `recordedAt` of an export, checking every `hash` and the continuity of `seq`.
    public var preserve = false
    /// Events after which the import's in-memory state (stream facts, member keys) is written into its transaction
    /// and forgotten: the bound on the import's own memory. It does not change what is written, nor when.
    public var batchSize = 50_000
    /// How many line errors to report before the import stops admitting lines (it still reads the file to its end,
    /// to recognise a file that was already imported whole).
    public var maximumErrors = 20
    /// Options with defaults.
    public init(preserve: Bool = false) { self.preserve = preserve }
}

/// Where an import is, for progress display.
public struct ImportProgress: Sendable {
    /// `waiting` (for another import of the same ledger), `importing` (lines read and admitted, nothing visible
    /// yet) or `committing` (making it durable).
    public enum Phase: String, Sendable { case waiting, importing, committing }
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
    public var description: String { "the import stopped: \(reason); nothing was written (the ledger is as it was before)" }
}

extension EventStore {
    /// Imports an NDJSON file (`-` for standard input, gzip detected by its magic bytes), all or nothing.
    ///
    /// The whole import is one LMDB write transaction: each line is decoded once (on a second thread), admitted
    /// against the ledger and the file's earlier lines, and written into the transaction, which commits only if
    /// every line is valid. Until then no reader sees any of it, other writers wait for the transaction, and
    /// whatever stops the import — an invalid line, a full disk, a kill, a power cut — leaves the ledger as it was.
    /// The file's SHA-256 is journalled in the same transaction, so importing the same file again (ids or not)
    /// appends nothing.
    public func importEvents(from path: String, options: ImportOptions = ImportOptions(),
                             progress: ((ImportProgress) -> Void)? = nil) throws -> ImportReport {
        let started = RecordedAt.now()
        let totalBytes = path == "-" ? nil : Self.regularFileSize(path)
        // The transaction streams its input: it cannot be run again on a grown map without reading the input again.
        // Room is reserved first (address space, not disk).
        do { try reserveRoom(forInputBytes: totalBytes) } catch {
            throw ImportAborted(reason: PlainSentence.describe(error, ledger: self.path))
        }
        let lock = try ImportLock(ledger: self.path) {
            progress?(ImportProgress(phase: .waiting, lines: 0))
        }
        defer { withExtendedLifetime(lock) {} }
        ImportLeftovers.remove(in: self.path)
        var skipThrough = 0
        while true {
            do {
                var report = try importInOneTransaction(from: path, skipThrough: skipThrough, totalBytes: totalBytes,
                                                        options: options, progress: progress)
                report.admitSeconds = Double(RecordedAt.now() - started) / 1e6 - report.commitSeconds
                report.ledgerSize = try count()
                return report
            } catch let earlier as AlreadyImported {
                var report = ImportReport()
                report.resumed = earlier.lines
                report.events = earlier.lines
                report.ledgerSize = try count()
                return report
            } catch let partial as InterruptedEarlierRun {
                // A ledger written before imports became one transaction may hold a prefix of this file.
                guard skipThrough == 0, path != "-" else {
                    throw ImportAborted(reason: "an earlier, interrupted import of this same input wrote its first \(partial.lines) lines; import it again from a file, which completes it")
                }
                skipThrough = partial.lines
            } catch let failure as ImportFailure {
                throw failure
            } catch let aborted as ImportAborted {
                throw aborted
            } catch {
                throw ImportAborted(reason: PlainSentence.describe(error, ledger: self.path))
            }
        }
    }

    /// The one transaction of an import; throws ``AlreadyImported`` or ``InterruptedEarlierRun`` (after aborting)
    /// when the file journal knows the file.
    private func importInOneTransaction(from path: String, skipThrough: Int, totalBytes: Int64?, options: ImportOptions,
                                        progress: ((ImportProgress) -> Void)?) throws -> ImportReport {
        var commitStarted: Int64 = 0
        var runs = 0
        var report = try environment.write { txn in
            runs += 1
            // LMDB runs the body again when the map had to grow; a file is read again, standard input cannot be.
            if runs > 1, path == "-" {
                throw ImportAborted(reason: "the ledger's map had to grow during an import from standard input, which cannot be read twice; import from a file")
            }
            return try withUnsafeMutablePointer(to: &txn) { pointer in
                var report = ImportReport()
                let pipeline = try DecodingPipeline(path: path, decoder: EventLineDecoder(preserve: options.preserve),
                                                    skipThrough: skipThrough)
                defer { pipeline.cancel() }
                var state = try StoreLedgerState(store: self, txn: pointer)
                var admission = Admission()
                var errors: [(line: Int, error: EventLineError)] = []
                var sinceFlush = 0
                var reachedFirstChunk = false
                while let chunk = try pipeline.next() {
                    for line in chunk where errors.count < options.maximumErrors {
                        switch line.outcome {
                        case .failure(let error):
                            errors.append((line.number, error))
                        case .success(let event):
                            do {
                                switch try admission.admit(event, into: &state) {
                                case .appended: report.appended += 1
                                case .skipped: report.skipped += 1
                                }
                            } catch let error as EventLineError {
                                errors.append((line.number, error))
                            }
                        }
                    }
                    if !reachedFirstChunk {
                        reachedFirstChunk = true
                        ImportFault.reach(.firstChunk)
                    }
                    sinceFlush += chunk.count
                    if sinceFlush >= options.batchSize {
                        try state.flushAndForget()
                        sinceFlush = 0
                    }
                    progress?(ImportProgress(phase: .importing, lines: chunk.last?.number ?? 0,
                                             bytesRead: pipeline.bytesConsumed, totalBytes: totalBytes))
                }
                let (digest, lines) = pipeline.summary()
                let journalKey = Array("import/".utf8) + digest
                if let mark = try pointer.pointee.get(meta, key: journalKey) {
                    var reader = BinaryReader(mark)
                    let marked = Int(try reader.uint64LittleEndian())
                    if marked >= lines { throw AlreadyImported(lines: lines) }
                    if marked > skipThrough { throw InterruptedEarlierRun(lines: marked) }
                }
                if !errors.isEmpty {
                    throw ImportFailure(errors: errors, truncated: errors.count >= options.maximumErrors)
                }
                try state.flush()
                var mark = BinaryWriter(capacity: 8)
                mark.uint64LittleEndian(UInt64(lines))
                _ = try pointer.pointee.put(meta, key: journalKey, value: mark.bytes)
                report.resumed = skipThrough
                report.events = report.appended + report.skipped + skipThrough
                progress?(ImportProgress(phase: .committing, lines: lines, bytesRead: pipeline.bytesConsumed, totalBytes: totalBytes))
                ImportFault.reach(.beforeCommit)
                commitStarted = RecordedAt.now()
                return report
            }
        }
        report.commitSeconds = Double(RecordedAt.now() - commitStarted) / 1e6
        return report
    }

    /// Grows the map so that the import's one transaction fits: 40 times the file (gzip shrinks NDJSON about ten
    /// times), 16 GiB at least.
    private func reserveRoom(forInputBytes bytes: Int64?) throws(LMDBError) {
        let room = max(Int(clamping: (bytes ?? 0).multipliedReportingOverflow(by: 40).partialValue), 16 << 30)
        try environment.reserveMap(atLeast: try environment.usedBytes().addingReportingOverflow(room).partialValue)
    }

    /// The size of a regular file, or nil (a pipe, a device, a file that cannot be read: the reader will say so).
    private static func regularFileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
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
