import Crypto
import Foundation

/// One line of an import file, decoded (or refused) on the pipeline's second thread.
struct DecodedLine: Sendable {
    /// The 1-based line number.
    let number: Int
    /// The event, or why the line is invalid.
    let outcome: Result<NewEvent, EventLineError>
}

/// Reads and decodes the lines of an NDJSON source on a second thread while the caller consumes them in order:
/// JSON parsing and field checks overlap with the stream rules and the writes. Chunks are bounded, so memory is too.
final class DecodingPipeline: @unchecked Sendable {
    /// Lines per chunk handed over.
    static let chunkSize = 4096
    /// Chunks decoded ahead of the consumer at most.
    static let depth = 4

    private let condition = NSCondition()
    private var ready: [(lines: [DecodedLine], bytesRead: Int64)] = []
    /// Bytes of the source read up to the end of the last chunk handed to the consumer (before decompression).
    private(set) var bytesConsumed: Int64 = 0
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private var hasher = SHA256()
    private var lineCount = 0

    /// Starts decoding `path` (`-` for standard input); lines up to `skipThrough` are counted but not decoded.
    convenience init(path: String, decoder: EventLineDecoder, skipThrough: Int = 0) throws {
        try self.init(reader: LineReader(path: path), decoder: decoder, skipThrough: skipThrough)
    }

    /// Starts decoding the lines of `reader`.
    init(reader: LineReader, decoder: EventLineDecoder, skipThrough: Int = 0) throws {
        // The thread holds the pipeline until it ends (and the pipeline does not hold the thread): a consumer that
        // gives up (``cancel()``) while the producer is between two chunks must not leave it a freed pipeline.
        let thread = Thread { [self] in
            self.produce(reader: reader, decoder: decoder, skipThrough: skipThrough)
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func produce(reader: LineReader, decoder: EventLineDecoder, skipThrough: Int) {
        reader.onRawBytes = { [unowned self] bytes in
            self.hasher.update(bufferPointer: bytes)
        }
        var chunk: [DecodedLine] = []
        chunk.reserveCapacity(Self.chunkSize)
        do {
            while let line = try reader.nextLine({ bytes -> DecodedLine? in
                if reader.lineNumber <= skipThrough || EventStore.isBlank(bytes) { return nil }
                do {
                    return DecodedLine(number: reader.lineNumber, outcome: .success(try decoder.decode(bytes)))
                } catch let error as EventLineError {
                    return DecodedLine(number: reader.lineNumber, outcome: .failure(error))
                }
            }) {
                guard let line else { continue }
                chunk.append(line)
                if chunk.count == Self.chunkSize {
                    guard hand(chunk, bytesRead: reader.bytesRead) else { return }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { _ = hand(chunk, bytesRead: reader.bytesRead) }
        } catch {
            condition.lock()
            failure = error
            condition.unlock()
        }
        condition.lock()
        lineCount = reader.lineNumber
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Hands a chunk to the consumer, waiting while it is `depth` chunks behind; false when cancelled.
    private func hand(_ chunk: [DecodedLine], bytesRead: Int64) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= Self.depth && !cancelled { condition.wait() }
        if cancelled { return false }
        ready.append((chunk, bytesRead))
        condition.broadcast()
        return true
    }

    /// The next chunk in file order, or nil at the end; rethrows a read error of the source.
    func next() throws -> [DecodedLine]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        if !ready.isEmpty {
            let chunk = ready.removeFirst()
            bytesConsumed = chunk.bytesRead
            condition.broadcast()
            return chunk.lines
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer early (the consumer gave up).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// After the last chunk: the SHA-256 of the raw bytes read and the number of lines.
    func summary() -> (digest: [UInt8], lines: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (Array(hasher.finalize()), lineCount)
    }

    deinit { cancel() }
}
