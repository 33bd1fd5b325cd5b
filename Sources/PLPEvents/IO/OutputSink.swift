import CZlib
import Foundation

/// Where export lines go: standard output, a file, or a gzip file (`-o FILE.gz`), through one large buffer.
public final class OutputSink {
    private let fd: Int32
    private let closesFD: Bool
    private var pending: [UInt8] = []
    private var deflater: Deflater?
    private let path: String?
    private let temporaryPath: String?

    /// Standard output.
    public static func standardOutput() -> OutputSink { OutputSink(fd: 1, path: nil, temporaryPath: nil, gzip: false) }

    /// A file, written under a temporary name and renamed when closed, so a failed export leaves no half file;
    /// gzip-compressed when the name ends in `.gz`.
    public static func file(_ path: String) throws -> OutputSink {
        let temporary = path + ".partial-\(getpid())"
        let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw InputError("cannot write \(path): \(String(cString: strerror(errno)))") }
        return OutputSink(fd: fd, path: path, temporaryPath: temporary, gzip: path.hasSuffix(".gz"))
    }

    private init(fd: Int32, path: String?, temporaryPath: String?, gzip: Bool) {
        self.fd = fd
        self.closesFD = path != nil
        self.path = path
        self.temporaryPath = temporaryPath
        pending.reserveCapacity(1 << 20)
        deflater = gzip ? Deflater() : nil
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let deflater {
            try deflater.deflate(bytes, finish: false) { try self.writeOut($0) }
        } else {
            pending.append(contentsOf: bytes)
            if pending.count >= 1 << 20 { try flush() }
        }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Appends a string's UTF-8.
    public func write(_ text: String) throws { try write(Array(text.utf8)) }

    private func writeOut(_ bytes: UnsafeRawBufferPointer) throws {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered.
    public func flush() throws {
        var offset = 0
        while offset < pending.count {
            let written = pending.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw fd == 1 ? StandardOutputClosed() : InputError("the output pipe was closed") }
                throw InputError("writing failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Finishes the output: the gzip trailer, the data on disk, the file under its final name.
    public func close() throws {
        if let deflater {
            try deflater.deflate(UnsafeRawBufferPointer(start: nil, count: 0), finish: true) { try self.writeOut($0) }
        }
        try flush()
        if closesFD {
            fsync(fd)
            Foundation.close(fd)
            if let temporaryPath, let path {
                guard rename(temporaryPath, path) == 0 else {
                    throw InputError("cannot rename \(temporaryPath) to \(path): \(String(cString: strerror(errno)))")
                }
            }
        }
    }

    /// Removes a file output that will not be completed.
    public func abandon() {
        if closesFD {
            Foundation.close(fd)
            if let temporaryPath { unlink(temporaryPath) }
        }
    }
}

/// zlib deflation into the gzip format.
final class Deflater {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 1 << 18)

    init() {
        _ = deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    }

    deinit { deflateEnd(&stream) }

    func deflate(_ input: UnsafeRawBufferPointer, finish: Bool, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        stream.avail_in = uInt(input.count)
        while true {
            let (produced, status): (Int, Int32) = output.withUnsafeMutableBytes { out in
                stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(out.count)
                let status = CZlib.deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                return (out.count - Int(stream.avail_out), status)
            }
            if produced > 0 { try output.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            if status == Z_STREAM_ERROR { throw InputError("gzip compression failed") }
            if finish {
                if status == Z_STREAM_END { return }
            } else if stream.avail_in == 0 && stream.avail_out > 0 {
                return
            }
        }
    }
}

extension OutputSink {
    /// Removes the temporary files (`NAME.partial-PID`) that writers of `path` left when their process was killed, and
    /// returns their names. A file of a process still running is left alone.
    public static func removeLeftovers(of path: String) -> [String] {
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let leftover = (directory.isEmpty ? "" : directory + "/") + name
            if (try? FileManager.default.removeItem(atPath: leftover)) != nil { removed.append(leftover) }
        }
        return removed
    }
}

/// The reader of standard output went away (`plp-ledger export | head -3`): the output is no longer wanted, and the
/// command ends quietly with status 0. Only standard output ends a command this way: a closed standard error changes
/// nothing (its writes are dropped), so an exit status never depends on whether error messages could be read.
public struct StandardOutputClosed: Error, Sendable {
    /// Makes the error.
    public init() {}
}
