internal import CMemoryHints
extension EventStore {
    /// Writes the canonical export line (contract section 5, with its hash and a newline) of every event from seq
    /// `first` through `last`, in seq order, handing `write` the bytes of many lines at a time.
    ///
    /// The lines are written from the stored bytes (``StoredEventTranscoder``) on both cores by
    /// ``StoredEventPipeline``; `write` is called on the calling thread, in order, so the bytes it receives are exactly
    /// those of ``exportLinesSequentially(from:through:progress:write:)``, also when a stored event cannot be read:
    /// then the lines before it are written and its error is thrown.
    ///
    /// - Parameters:
    ///   - progress: called on the calling thread with the number of lines written so far, after each batch.
    /// - Returns: the number of lines written.
    @discardableResult
    public func exportLines(from first: UInt64 = 1, through last: UInt64 = .max, progress: ((Int) -> Void)? = nil,
                            write: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        try exportLines(from: first, through: last, chunkSize: StoredEventPipeline.defaultChunkSize,
                        chunks: StoredEventPipeline.defaultChunks, progress: progress, write: write)
    }

    /// `exportLines` with the pipeline's shape given (tests try small chunks).
    func exportLines(from first: UInt64 = 1, through last: UInt64 = .max, chunkSize: Int, chunks: Int,
                     progress: ((Int) -> Void)? = nil, write: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        var written = 0
        try runStoredEventPipeline(
            from: first, through: last, chunkSize: chunkSize, chunks: chunks,
            makeOutput: { ExportLines() },
            makeScratch: { () },
            process: { chunk, _ in chunk.output.write(chunk) },
            fold: { chunk in
                let lines = chunk.output
                try lines.bytes.withUnsafeBytes { try write($0) }
                written += lines.failure?.index ?? chunk.count
                if let failure = lines.failure { throw failure.error }
                progress?(written)
                switch chunk.end {
                case nil, .finished?: return true
                case .notASeq?: throw LedgerError.damaged(path, "a key of its events database is not a seq")
                case .failed(let error)?: throw error
                }
            })
        return written
    }

    /// `exportLines` on one core, one line at a time: the reference the two-core path is tested against.
    @discardableResult
    func exportLinesSequentially(from first: UInt64 = 1, through last: UInt64 = .max, progress: ((Int) -> Void)? = nil,
                                 write: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        var writer = CanonicalJSONWriter(capacity: 1024)
        var written = 0
        try forEachStoredEvent(from: first, through: last) { seq, bytes in
            writer.reset()
            try StoredEventTranscoder.write(seq: seq, stored: bytes, includingHash: true, into: &writer)
            writer.bytes.append(0x0A)
            try writer.bytes.withUnsafeBytes { try write($0) }
            written += 1
            progress?(written)
            return true
        }
        return written
    }
}

/// The export lines of one chunk of stored events (``StoredEventPipeline``), one after the other in one buffer, up to
/// the first event that cannot be read.
struct ExportLines {
    /// The lines, each ended by a newline.
    var bytes: [UInt8] = []
    /// Where each line is written first (a fixed buffer: no growing array on every byte), then copied at once.
    let line = CanonicalEventLine.lineBuffer()
    /// The first event of the chunk that cannot be read: its index and the error (the lines before it are in `bytes`).
    var failure: (index: Int, error: BinaryFormatError)?

    init() { bytes.reserveCapacity(512 << 10) }

    /// Writes the lines of `chunk`'s events.
    mutating func write(_ chunk: StoredEventChunk<ExportLines>) {
        bytes.removeAll(keepingCapacity: true)
        failure = nil
        let seqs = chunk.seqs, values = chunk.values   // read once: each read of a class property is an access check
        for index in 0..<seqs.count {
            if index + 4 < values.count { plp_prefetch_record(values[index + 4].baseAddress) }
            do {
                try line.withWriter { (w: inout FixedJSONWriter) throws(BinaryFormatError) in
                    try StoredEventTranscoder.write(seq: seqs[index], stored: values[index], includingHash: true, into: &w)
                    try StoredEventTranscoder.checkFits(w)
                    bytes.append(contentsOf: w.written)
                }
            } catch {
                failure = (index, error)
                return
            }
            bytes.append(0x0A)
        }
    }
}
