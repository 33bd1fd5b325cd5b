import Crypto
import Foundation

/// How an import runs.
public struct ImportOptions: Sendable {
    /// Keep `id`, `seq`, `version` and `recordedAt` of an export, checking every `hash` and the continuity of `seq`.
    public var preserve = false
    /// Events per write transaction.
    public var batchSize = 50_000
    /// How many line errors to report before stopping the check.
    public var maximumErrors = 20
    /// Options with defaults.
    public init(preserve: Bool = false) { self.preserve = preserve }
}

/// Where an import is, for progress display.
public struct ImportProgress: Sendable {
    /// `checking` (nothing is written yet) or `writing`.
    public enum Phase: String, Sendable { case checking, writing }
    /// The phase.
    public var phase: Phase
    /// Lines done in this phase.
    public var lines: Int
    /// Lines in the file (known in the writing phase).
    public var totalLines: Int?
}

/// What an import did.
public struct ImportReport: Sendable, Equatable {
    /// Event lines read (blank lines not counted).
    public var events = 0
    /// Events appended.
    public var appended = 0
    /// Events skipped because the ledger already held them (same `id`, same content).
    public var skipped = 0
    /// Lines skipped because an interrupted run of the same import had already written them.
    public var resumed = 0
    /// The ledger's size after the import.
    public var ledgerSize: UInt64 = 0
    /// Seconds spent checking the file (pass 1) and writing it (pass 2).
    public var checkSeconds = 0.0, writeSeconds = 0.0
}

/// An import refused: the lines at fault, each `line N: field: reason`. Nothing was written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    /// The errors found, in line order.
    public var errors: [(line: Int, error: EventLineError)]
    /// True when the check stopped at the error limit.
    public var truncated: Bool

    public var description: String {
        var lines = errors.map { "line \($0.line): \($0.error.description)" }
        if truncated { lines.append("(stopped after \(errors.count) errors)") }
        let count = errors.count == 1 ? "1 invalid line" : "\(errors.count)\(truncated ? "+" : "") invalid lines"
        return "import refused, nothing was written (\(count)):\n" + lines.joined(separator: "\n")
    }
}

extension EventStore {
    /// Imports an NDJSON file (`-` for standard input, gzip detected by its magic bytes).
    ///
    /// First every line is checked — syntax, fields, and the stream rules against the ledger plus the file's earlier
    /// lines — and if any line is invalid nothing is written. Then the file is appended in batches of
    /// `options.batchSize` events, each one durable transaction that also records how far the import got: if the
    /// process is killed, the ledger holds a prefix of whole events, and running the same import again completes it.
    /// Importing a file that was already imported whole appends nothing.
    public func importEvents(from path: String, options: ImportOptions = ImportOptions(),
                             progress: ((ImportProgress) -> Void)? = nil) throws -> ImportReport {
        var spool: Spool?
        if path == "-" { spool = try Spool(directory: self.path) }
        defer { spool?.remove() }
        // Pass 1: check everything, write nothing.
        let started = RecordedAt.now()
        let checked = try check(path: path, spool: spool, options: options, progress: progress)
        let checkedAt = RecordedAt.now()
        // Pass 2: append in batches, resuming after an interrupted run of the same file.
        var report = try write(path: path, spool: spool, fileDigest: checked.digest, totalLines: checked.lines, options: options, progress: progress)
        report.checkSeconds = Double(checkedAt - started) / 1e6
        report.writeSeconds = Double(RecordedAt.now() - checkedAt) / 1e6
        return report
    }

    private func check(path: String, spool: Spool?, options: ImportOptions,
                       progress: ((ImportProgress) -> Void)?) throws -> (digest: [UInt8], lines: Int) {
        let pipeline = try DecodingPipeline(path: path, decoder: EventLineDecoder(preserve: options.preserve), spool: spool)
        defer { pipeline.cancel() }
        let (errors, truncated) = try checkLines(from: pipeline, options: options, progress: progress)
        if truncated { throw ImportFailure(errors: errors, truncated: true) }
        let (digest, lines) = pipeline.summary()
        if !errors.isEmpty {
            // Errors on lines that an earlier run of this same file already wrote are the echo of that run:
            // check again the lines it did not write.
            let resumeAfter = try journal(for: digest)
            if resumeAfter > 0 {
                let rest = try DecodingPipeline(reader: spool?.reader() ?? LineReader(path: path),
                                                decoder: EventLineDecoder(preserve: options.preserve), skipThrough: resumeAfter)
                defer { rest.cancel() }
                let (remaining, cut) = try checkLines(from: rest, options: options, progress: nil)
                if remaining.isEmpty { return (digest, lines) }
                throw ImportFailure(errors: remaining, truncated: cut)
            }
            throw ImportFailure(errors: errors, truncated: false)
        }
        return (digest, lines)
    }

    /// Admits every decoded line against the ledger plus the earlier lines, writing only to a scratch environment;
    /// returns the errors (up to the limit) and whether it stopped at the limit.
    private func checkLines(from pipeline: DecodingPipeline, options: ImportOptions,
                            progress: ((ImportProgress) -> Void)?) throws -> ([(line: Int, error: EventLineError)], Bool) {
        let scratch = try ImportScratch(ledgerPath: path)
        defer { scratch.remove() }
        let reads = LedgerReads(store: self)
        var errors: [(line: Int, error: EventLineError)] = []
        var truncated = false
        try environment.read { txn in
            try withUnsafePointer(to: txn) { ledger in
                var memory = try ImportOverlay.start(reads: reads, ledger: ledger.pointee)
                var done = 0
                while let chunk = try pipeline.next() {
                    // One scratch transaction per chunk; its body starts again from `memory` if it is re-run.
                    let outcome = try scratch.environment.write { scratchTxn in
                        try withUnsafeMutablePointer(to: &scratchTxn) { pointer in
                            var overlay = ImportOverlay(reads: reads, ledger: ledger, scratch: scratch, txn: pointer, memory: memory)
                            var admission = Admission()
                            admission.computesHashes = false
                            var found: [(line: Int, error: EventLineError)] = []
                            for line in chunk {
                                switch line.outcome {
                                case .failure(let error):
                                    found.append((line.number, error))
                                case .success(let event):
                                    do { _ = try admission.admit(event, into: &overlay) } catch let error as EventLineError {
                                        found.append((line.number, error))
                                    }
                                }
                                if errors.count + found.count >= options.maximumErrors { break }
                            }
                            return (overlay.memory, found)
                        }
                    }
                    memory = outcome.0
                    errors += outcome.1
                    if errors.count >= options.maximumErrors {
                        truncated = true
                        return
                    }
                    done += chunk.count
                    // The scratch and ledger trees are read at random places: hand their pages back often
                    // (every 32,768 lines: more often costs more in page faults than it saves in resident size).
                    if done % (DecodingPipeline.chunkSize * 8) == 0 {
                        environment.releaseMappedPages()
                        scratch.environment.releaseMappedPages()
                    }
                    progress?(ImportProgress(phase: .checking, lines: chunk.last?.number ?? done))
                }
            }
        }
        return (errors, truncated)
    }

    private func write(path: String, spool: Spool?, fileDigest: [UInt8], totalLines: Int, options: ImportOptions,
                       progress: ((ImportProgress) -> Void)?) throws -> ImportReport {
        let resumeAfter = try journal(for: fileDigest)
        let pipeline = try DecodingPipeline(reader: spool?.reader() ?? LineReader(path: path),
                                            decoder: EventLineDecoder(preserve: options.preserve), skipThrough: resumeAfter)
        defer { pipeline.cancel() }
        var report = ImportReport()
        var batch: [NewEvent] = []
        batch.reserveCapacity(options.batchSize)
        var lastLineInBatch = 0
        func commit(lineMark: Int) throws {
            let outcome = try appendBatch(batch, journal: (fileDigest, lineMark))
            report.appended += outcome.appended
            report.skipped += outcome.skipped
            batch.removeAll(keepingCapacity: true)
            environment.releaseMappedPages()
            progress?(ImportProgress(phase: .writing, lines: lineMark, totalLines: totalLines))
        }
        while let chunk = try pipeline.next() {
            for line in chunk {
                switch line.outcome {
                case .failure(let error):
                    // The file changed between the check and now.
                    throw ImportFailure(errors: [(line.number, error)], truncated: false)
                case .success(let event):
                    batch.append(event)
                    lastLineInBatch = line.number
                    if batch.count >= options.batchSize { try commit(lineMark: lastLineInBatch) }
                }
            }
        }
        try commit(lineMark: max(lastLineInBatch, totalLines, resumeAfter))
        report.resumed = resumeAfter == 0 ? 0 : min(resumeAfter, totalLines)
        report.events = report.appended + report.skipped + report.resumed
        report.ledgerSize = try count()
        return report
    }

    /// Appends one batch of an import with its journal mark, in one durable transaction.
    private func appendBatch(_ events: [NewEvent], journal: (digest: [UInt8], line: Int)) throws -> (appended: Int, skipped: Int) {
        let key = Array("import/".utf8) + journal.digest
        return try environment.write { txn in
            try withUnsafeMutablePointer(to: &txn) { pointer in
                var state = try StoreLedgerState(store: self, txn: pointer)
                var admission = Admission()
                var appended = 0
                var skipped = 0
                for event in events {
                    switch try admission.admit(event, into: &state) {
                    case .appended: appended += 1
                    case .skipped: skipped += 1
                    }
                }
                try state.flush()
                var mark = BinaryWriter(capacity: 8)
                mark.uint64LittleEndian(UInt64(journal.line))
                _ = try pointer.pointee.put(meta, key: key, value: mark.bytes)
                return (appended, skipped)
            }
        }
    }

    /// The last line that an earlier import of the file with this digest committed (all of them once it completed), or 0.
    /// The mark stays after completion, so importing the same file again appends nothing, ids or not.
    private func journal(for digest: [UInt8]) throws -> Int {
        let key = Array("import/".utf8) + digest
        return try environment.read { txn in
            guard let bytes = try txn.get(meta, key: key) else { return 0 }
            var reader = BinaryReader(bytes)
            return Int(try reader.uint64LittleEndian())
        }
    }

    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}

/// A copy of standard input kept next to the ledger while it is imported (it must be read twice), encrypted with a
/// key that lives only in memory: contact data in clear never reaches the disk, even if the process dies.
final class Spool: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let key = SymmetricKey(size: .bits256)
    private var pending: [UInt8] = []

    init(directory: String) throws {
        Self.removeStale(in: directory)
        path = "\(directory)/import-stdin-\(getpid()).spool"
        fd = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw InputError("cannot spool standard input to \(path): \(String(cString: strerror(errno)))") }
        pending.reserveCapacity(1 << 20)
    }

    /// Adds raw bytes of the input.
    func append(_ bytes: UnsafeRawBufferPointer) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { writeChunk() }
    }

    /// Seals what is pending as one chunk: length (u32 LE), then nonce ‖ ciphertext ‖ tag.
    private func writeChunk() {
        guard !pending.isEmpty, let box = try? AES.GCM.seal(pending, using: key).combined else { return }
        var frame = BinaryWriter(capacity: box.count + 4)
        frame.int32LittleEndian(Int32(box.count))
        frame.bytes.append(contentsOf: box)
        frame.bytes.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Foundation.write(fd, base + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes the last chunk; call before reading the spool back.
    func finish() { writeChunk() }

    /// A reader of the spooled input, in clear, chunk by chunk.
    func reader() throws -> LineReader {
        finish()
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError("cannot read back the spool \(path)") }
        let key = self.key
        return LineReader(chunks: {
            guard let header = try handle.read(upToCount: 4), header.count == 4 else { return nil }
            let length = Int(UInt32(littleEndian: header.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
            guard let body = try handle.read(upToCount: length), body.count == length,
                  let box = try? AES.GCM.SealedBox(combined: body), let clear = try? AES.GCM.open(box, using: key) else {
                throw InputError("the spool of standard input is damaged")
            }
            return [UInt8](clear)
        })
    }

    func remove() {
        Foundation.close(fd)
        unlink(path)
    }

    /// Deletes spools left by imports whose process died (they are encrypted with a key that died with it).
    static func removeStale(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix("import-stdin-") && name.hasSuffix(".spool") {
            let pid = Int32(name.dropFirst("import-stdin-".count).dropLast(".spool".count)) ?? 0
            if pid > 0, pid != getpid(), kill(pid, 0) != 0 { unlink("\(directory)/\(name)") }
        }
    }
}
