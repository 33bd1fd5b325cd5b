import Foundation

/// Streams the lines of a file or of standard input, gunzipping on the fly when the data starts with the
/// gzip magic bytes (1f 8b). Memory stays bounded whatever the size: one read buffer and the current line.
/// One thread at a time uses a reader (it may be handed to another thread, as the decoding pipeline does).
public final class LineReader: @unchecked Sendable {
    /// The longest line accepted.
    public static let maximumLineLength = 1 << 20

    /// The file or stream read (nil when the bytes come from `chunks`).
    private let input: InputFile?
    /// The read buffer, left unwritten until `read(2)` fills it: zeroing its 1 MiB cost every short command (an
    /// `append` reading one line) a memset and 256 page faults, the largest piece of its own work in a profile.
    private var raw = [UInt8](unsafeUninitializedCapacity: 1 << 20) { _, count in count = 1 << 20 }
    private var buffer: [UInt8] = []
    private var start = 0
    private var inflater: Inflater?
    private var sniffed = false
    private var endOfInput = false
    /// The number of the last line returned (1-based).
    public private(set) var lineNumber = 0
    /// Bytes read from the file or pipe so far (compressed size for gzip).
    public private(set) var bytesRead: Int64 = 0
    /// Called with every chunk of raw bytes read (e.g. to spool standard input or hash the file).
    public var onRawBytes: ((UnsafeRawBufferPointer) -> Void)?
    /// Where bytes come from when not from a file descriptor (an encrypted spool).
    private var chunks: (() throws -> [UInt8]?)?

    /// Reads the lines of the bytes that `chunks` returns one after the other (nil at the end).
    init(chunks: @escaping () throws -> [UInt8]?) {
        input = nil
        self.chunks = chunks
        buffer.reserveCapacity(4 << 20)
    }

    /// Reads the file at `path`, or standard input for `-` (see ``InputFile`` for what is refused).
    public convenience init(path: String) throws {
        self.init(input: try InputFile.open(path, expecting: "a file of event lines"))
    }

    /// Reads `input` from where it is.
    public init(input: InputFile) {
        self.input = input
        buffer.reserveCapacity(4 << 20)
    }

    /// Calls `body` with the next line (without `\n` or `\r\n`); returns false at the end of input.
    public func nextLine<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R? {
        while true {
            if let newline = buffer.withUnsafeBufferPointer({ pointer -> Int? in
                guard start < pointer.count, let base = pointer.baseAddress else { return nil }
                guard let found = memchr(base + start, 0x0A, pointer.count - start) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }) {
                lineNumber += 1
                let lineStart = start
                start = newline + 1
                var end = newline
                if end > lineStart && buffer[end - 1] == 0x0D { end -= 1 }
                if end - lineStart > Self.maximumLineLength { throw lineTooLong(lineNumber) }
                return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[lineStart..<end])) }
            }
            if buffer.count - start > Self.maximumLineLength { throw lineTooLong(lineNumber + 1) }
            if endOfInput {
                guard start < buffer.count else { return nil }
                // A last line without its newline.
                buffer.append(0x0A)
                continue
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            try fill()
        }
    }

    /// The refusal of a line longer than the limit, which also stops an input without newlines (`/dev/zero` on a
    /// pipe) after its first MiB.
    private func lineTooLong(_ number: Int) -> InputError {
        InputError("line \(number): longer than \(Self.maximumLineLength) bytes (1 MiB), the longest line accepted")
    }

    /// Decompressed bytes one fill adds at most: a MiB of gzip can inflate to a GB (of zeros, say), which must not
    /// all be in memory before the line limit is checked.
    static let inflatedPerFill = 4 << 20

    private func fill() throws {
        if let inflater, inflater.hasPendingInput {
            try inflater.inflate(into: &buffer, upTo: Self.inflatedPerFill)
            return
        }
        if let chunks {
            guard let chunk = try chunks() else {
                endOfInput = true
                return
            }
            raw = chunk.isEmpty ? raw : chunk
            if chunk.isEmpty { return }
            try consume(chunk.count)
            return
        }
        guard let input else { endOfInput = true; return }
        let count = raw.withUnsafeMutableBytes { input.read(into: $0) }
        if count < 0 {
            if errno == EINTR { return }
            throw InputError("reading \(input.subject) failed: \(InputFile.reason(errno))")
        }
        if count == 0 {
            if let inflater, !inflater.isFinished {
                throw InputError("the gzip data is cut short (a truncated file?)")
            }
            endOfInput = true
            return
        }
        try consume(count)
    }

    /// Takes the first `count` bytes of `raw`: hashing/spooling, gzip detection, decompression.
    private func consume(_ count: Int) throws {
        bytesRead += Int64(count)
        raw.withUnsafeBytes { onRawBytes?(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        if !sniffed {
            sniffed = true
            if count >= 2 && raw[0] == 0x1F && raw[1] == 0x8B { inflater = try Inflater() }
        }
        if let inflater {
            raw.withUnsafeBytes { inflater.give(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            try inflater.inflate(into: &buffer, upTo: Self.inflatedPerFill)
        } else {
            buffer.append(contentsOf: raw[0..<count])
        }
    }
}
