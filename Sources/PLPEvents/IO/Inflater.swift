import CZlib

/// zlib inflation of gzip data (several members in a row allowed, as `cat a.gz b.gz` makes), a bounded piece at a
/// time: the compressed bytes given are kept until they are used up, and each call inflates only as many as make
/// the number of bytes asked for, so a gzip bomb costs its reader no more memory than a plain file.
final class Inflater {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 1 << 18)
    /// The compressed bytes given, and how many of them zlib has taken.
    private var input: [UInt8] = []
    private var taken = 0
    /// True between the end of a gzip member and the start of the next.
    private(set) var isFinished = false

    init() throws {
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw InputError("cannot start gzip decompression (zlib error \(status))") }
    }

    deinit { inflateEnd(&stream) }

    /// True while some of the compressed bytes given are not inflated yet.
    var hasPendingInput: Bool { taken < input.count }

    /// Gives the next compressed bytes, once the ones before are used up.
    func give(_ bytes: UnsafeRawBufferPointer) {
        input = Array(bytes)
        taken = 0
    }

    /// Appends to `buffer` what the given bytes inflate to, until they are used up or `limit` bytes were added (a
    /// piece of `output` more at most).
    func inflate(into buffer: inout [UInt8], upTo limit: Int) throws {
        var added = 0
        while hasPendingInput && added < limit {
            if isFinished {
                // Another gzip member follows.
                guard inflateReset(&stream) == Z_OK else { throw InputError("the gzip data is damaged") }
                isFinished = false
            }
            let (produced, used) = try input.withUnsafeBytes { source -> (Int, Int) in
                guard let base = source.baseAddress else { return (0, 0) }
                let available = source.count - taken
                stream.next_in = UnsafeMutablePointer(mutating: (base + taken).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(available)
                return try output.withUnsafeMutableBytes { out -> (Int, Int) in
                    stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(out.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    switch status {
                    case Z_OK, Z_BUF_ERROR: break
                    case Z_STREAM_END: isFinished = true
                    default:
                        let detail = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                        throw InputError("the gzip data is damaged: \(detail)")
                    }
                    return (out.count - Int(stream.avail_out), available - Int(stream.avail_in))
                }
            }
            taken += used
            buffer.append(contentsOf: output[0..<produced])
            added += produced
            if produced == 0 && used == 0 && !isFinished { throw InputError("the gzip data is damaged") }
        }
    }
}
