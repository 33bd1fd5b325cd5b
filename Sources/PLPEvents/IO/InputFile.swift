import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An input the program reads: a file of event lines, a key, a checkpoint, a proof named on the command line, or a
/// file found in a directory someone else wrote (a tile directory, a backup, a witness's state). Opened once, read
/// once.
///
/// Opening never blocks: the path is opened with `O_NONBLOCK` (an ordinary `open` of a FIFO waits for a writer,
/// for ever if none comes), then `fstat` on the open descriptor says what it is:
///
/// - a regular file is a *file*: its size is known, and it can be read twice (an import hashes it first);
/// - a pipe (`<(zcat f.gz)`, `/dev/stdin` fed by a pipe), a FIFO, a socket, a terminal or the null device is a
///   *stream*, read once as it comes, when the caller accepts streams; a FIFO that no program has opened for writing
///   yet is waited for, a bounded time;
/// - a directory or another device (`/dev/zero`, `/dev/urandom`, a disk) is refused: it holds no lines, or never
///   ends.
///
/// Whatever the input, ``readWhole(limit:)`` asks for at most `limit + 1` bytes, so a 3 GB file or an endless pipe
/// given where a 1 KiB key is expected costs one small read and a refusal.
public final class InputFile: @unchecked Sendable {
    /// What an input turned out to be.
    public enum Kind: Sendable, Equatable {
        /// A regular file of `bytes` bytes.
        case file(bytes: Int64)
        /// A pipe, a FIFO, a socket, a terminal or the null device: read once, its length unknown.
        case stream
    }

    /// What the input is.
    public let kind: Kind
    /// How sentences name it: the path, `standard input`, or what the caller said (`the checkpoint c.txt`).
    public let subject: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes a FIFO's first read returned while waiting for its writer, handed out before anything else.
    private var pending: [UInt8] = []

    private init(descriptor: Int32, ownsDescriptor: Bool, kind: Kind, subject: String) {
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        self.kind = kind
        self.subject = subject
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Opens `path` (`-` for standard input) without blocking and finds out what it is.
    ///
    /// - Parameters:
    ///   - subject: how sentences name it (the path when nil).
    ///   - expecting: what the command reads, for sentences ("a file of event lines").
    ///   - acceptsStreams: false where only a regular file makes sense (a file in a directory): a FIFO, a socket or
    ///     a terminal is then refused like a device.
    ///   - followsLinks: false where a symbolic link out of a directory matters (`O_NOFOLLOW`).
    ///   - writerWait: how long, in seconds, to wait for a program to open a FIFO for writing.
    ///   - onWait: called once when the wait has lasted a second, to tell the user.
    /// - Throws: ``InputError``, one sentence naming the input.
    public static func open(_ path: String, subject: String? = nil, expecting: String = "a file",
                            acceptsStreams: Bool = true, followsLinks: Bool = true, writerWait: Double = 60,
                            onWait: (() -> Void)? = nil) throws(InputError) -> InputFile {
        if path == "-" {
            return try standardInput(subject: subject ?? "standard input", expecting: expecting, acceptsStreams: acceptsStreams)
        }
        let name = subject ?? path
        var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY
        if !followsLinks { flags |= O_NOFOLLOW }
        let descriptor = Glibc.open(path, flags)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP && !followsLinks {
                throw InputError("\(name) is a symbolic link, not \(expecting) (links are not followed here)", kind: .notAFile)
            }
            throw InputError("cannot open \(name): \(reason(code))", kind: code == ENOENT || code == ENOTDIR ? .missing : .unreadable)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw InputError("cannot read \(name): \(reason(code))")
        }
        let kind: Kind
        do {
            kind = try classify(info, descriptor: descriptor, name: name, expecting: expecting, acceptsStreams: acceptsStreams)
        } catch {
            close(descriptor)
            throw error
        }
        let input = InputFile(descriptor: descriptor, ownsDescriptor: true, kind: kind, subject: name)
        if (info.st_mode & S_IFMT) == S_IFIFO { try input.awaitWriter(seconds: writerWait, onWait: onWait) }
        // Reads block from here on, as they would on any file.
        let current = fcntl(descriptor, F_GETFL)
        if current >= 0 { _ = fcntl(descriptor, F_SETFL, current & ~O_NONBLOCK) }
        return input
    }

    /// Standard input, checked like a path (`fstat` of descriptor 0); its flags are left as they are (they belong to
    /// the shell's terminal or pipe too).
    private static func standardInput(subject: String, expecting: String, acceptsStreams: Bool) throws(InputError) -> InputFile {
        var info = stat()
        guard fstat(0, &info) == 0 else { throw InputError("cannot read \(subject): \(reason(errno))") }
        let kind = try classify(info, descriptor: 0, name: subject, expecting: expecting, acceptsStreams: acceptsStreams)
        return InputFile(descriptor: 0, ownsDescriptor: false, kind: kind, subject: subject)
    }

    /// A regular file, a stream, or a refusal.
    private static func classify(_ info: stat, descriptor: Int32, name: String, expecting: String,
                                 acceptsStreams: Bool) throws(InputError) -> Kind {
        let type = info.st_mode & S_IFMT
        switch type {
        case S_IFREG:
            return .file(bytes: Int64(info.st_size))
        case S_IFIFO where acceptsStreams, S_IFSOCK where acceptsStreams:
            return .stream
        case S_IFCHR where acceptsStreams && (isatty(descriptor) == 1 || isNullDevice(info)):
            // A terminal ends when its user types Ctrl-D; the null device is empty.
            return .stream
        default:
            throw InputError("\(name) is \(kindName(info.st_mode)), not \(expecting)", kind: .notAFile)
        }
    }

    /// What a file of mode `mode` is, in words: `a FIFO (a named pipe)`, `a device`…; `a regular file` for one.
    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (a named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// True for `/dev/null` (the same device numbers), the one device that is neither a terminal nor endless.
    private static func isNullDevice(_ info: stat) -> Bool {
        var null = stat()
        return stat("/dev/null", &null) == 0 && (null.st_mode & S_IFMT) == S_IFCHR && null.st_rdev == info.st_rdev
    }

    /// Waits until a program has opened the FIFO for writing: a read without blocking returns bytes (it wrote),
    /// fails with `EAGAIN` (it is there, silent) or returns 0 (nobody is there; `POLLHUP` then tells a writer that
    /// came and left, an empty input, from one that never came).
    private func awaitWriter(seconds: Double, onWait: (() -> Void)?) throws(InputError) {
        let clock = ContinuousClock()
        let started = clock.now
        let allowed = Duration.seconds(min(max(seconds, 0), 1e9))
        var announced = false
        var probe = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = probe.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                pending = Array(probe[0..<count])
                return
            }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return }
                throw InputError("cannot read \(subject): \(Self.reason(errno))")
            }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) > 0 && (poller.revents & Int16(POLLHUP)) != 0 && (poller.revents & Int16(POLLIN)) == 0 {
                return
            }
            let waited = started.duration(to: clock.now)
            if !announced && waited >= .seconds(1) {
                announced = true
                onWait?()
            }
            if waited >= allowed {
                throw InputError("\(subject) is a FIFO (a named pipe) that no program opened for writing within "
                                 + "\(Self.seconds(seconds)): start the program that writes to it first", kind: .noWriter)
            }
            // Woken as soon as a writer writes or comes and goes; a silent writer is seen at the next read.
            _ = poll(&poller, 1, 200)
        }
    }

    /// Reads up to `buffer.count` bytes as `read(2)` does: the count, 0 at the end, -1 with `errno` set.
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        if !pending.isEmpty, let target = buffer.baseAddress {
            let count = min(buffer.count, pending.count)
            pending.withUnsafeBytes { source in
                if let origin = source.baseAddress { target.copyMemory(from: origin, byteCount: count) }
            }
            pending.removeFirst(count)
            return count
        }
        return Glibc.read(descriptor, buffer.baseAddress, buffer.count)
    }

    /// Every byte of the input, when it holds at most `limit` bytes; a regular file's size is checked before
    /// anything is read, and at most `limit + 1` bytes are ever asked for.
    ///
    /// - Parameter what: what the input claims to be, for the sentence when it is too large ("one" gives "it cannot
    ///   be one"); without it, the sentence says that the limit is the most it may hold.
    /// - Throws: ``InputError`` of kind `tooLarge` beyond the limit, `unreadable` when a read fails.
    public func readWhole(limit: Int, what: String? = nil) throws(InputError) -> [UInt8] {
        let larger = "\(subject) is larger than \(Self.bytes(limit))"
        let tooLarge = InputError(what.map { "\(larger): it cannot be \($0)" } ?? "\(larger), the most it may hold",
                                  kind: .tooLarge)
        if case .file(let size) = kind, size > Int64(limit) { throw tooLarge }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(limit + 1, 1 << 16))
        while bytes.count <= limit {
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let count = chunk.withUnsafeMutableBytes { read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<wanted])) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError("cannot read \(subject): \(Self.reason(errno))")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard bytes.count <= limit else { throw tooLarge }
        return bytes
    }

    /// The SHA-256 of the bytes a read of a regular file will return, from its read position to its end (standard
    /// input redirected from a file may have been read in part already), read with `pread` through one buffer: the
    /// read position does not move. Nil for a stream, which can be read only once.
    public func fileDigest() throws(InputError) -> [UInt8]? {
        guard case .file = kind else { return nil }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset = max(lseek(descriptor, 0, SEEK_CUR), 0)
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, offset)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError("reading \(subject) failed: \(Self.reason(errno))")
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            offset += off_t(count)
        }
        // The file was read once through the page cache: tell the kernel it need not keep it for us.
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
        return Array(hasher.finalize())
    }

    /// True when `path` names a regular file (following links), found without opening it: `stat` never blocks.
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return path != "-" && stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// A system error in plain words: no number, no symbolic name.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "there is no such file"
        case ENOTDIR: return "a part of its path is not a directory"
        case EACCES, EPERM: return "permission denied"
        case ENXIO: return "it is not connected to anything that can be read"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    /// `1 MiB`, `64 KiB` or `N bytes`.
    static func bytes(_ count: Int) -> String {
        if count >= 1 << 20 && count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10 && count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }

    /// `1 second`, `60 seconds`, `0.5 seconds`.
    static func seconds(_ value: Double) -> String {
        let number = value == value.rounded() ? String(Int(value)) : String(value)
        return value == 1 ? "1 second" : "\(number) seconds"
    }
}
