import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The files of a tile directory (internal): each one written under a temporary name in its own directory and renamed
/// into place, so a reader sees the old file or the new one, never half of one; read whole with a bound on the size.
///
/// Paths below the directory are walked one component at a time from the directory's descriptor (`openat`), so that
/// with ``refusesLinks`` no symbolic link below it is ever followed — not a directory (`tile/entries` pointing
/// elsewhere), not a file: publishing never reads or writes outside the directory it was given. The directory itself
/// is taken as named.
struct TileFiles {
    /// The tile directory (the log's prefix on disk).
    let directory: String
    /// Whether a symbolic link below the directory is refused (publish) rather than followed (an auditor's check).
    let refusesLinks: Bool

    init(directory: String, refusesLinks: Bool = false) {
        self.directory = directory
        self.refusesLinks = refusesLinks
    }

    /// The path of `relative` (for instance `tile/0/000`) inside the directory.
    func path(_ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    /// The sentence for a symbolic link found at `relative`.
    func linkRefusal(_ relative: String) -> TileError {
        TileError("\(path(relative)) is a symbolic link: publish never follows a link out of \(directory); replace it by "
                  + "what it points to, or publish into a new directory")
    }

    /// Writes `bytes` to `relative`: parent directories are made (mode 0755), the bytes go to a temporary file next
    /// to it (`.NAME.tmp-PID`, mode 0644), optionally flushed to disk, then renamed over `relative`.
    func write(_ bytes: [UInt8], to relative: String, flush: Bool = false) throws(TileError) {
        let target = path(relative)
        let (parentComponents, name) = Self.split(relative)
        guard let parent = try openDirectory(parentComponents, creating: true) else {
            throw TileError("cannot make the directory \(path(parentComponents.joined(separator: "/")))")
        }
        defer { close(parent) }
        let temporary = "." + name + ".tmp-\(getpid())"
        let fd = openat(parent, temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TileError("cannot write \(target): \(Self.reason(errno))") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let code = errno
                close(fd)
                unlinkat(parent, temporary, 0)
                throw TileError("cannot write \(target): \(Self.reason(code))")
            }
            offset += written
        }
        if flush && fsync(fd) != 0 {
            let code = errno
            close(fd)
            unlinkat(parent, temporary, 0)
            throw TileError("cannot write \(target) to disk: \(Self.reason(code))")
        }
        close(fd)
        // renameat replaces a link at `name` by the file, never writes through it.
        guard renameat(parent, temporary, parent, name) == 0 else {
            let code = errno
            unlinkat(parent, temporary, 0)
            throw TileError("cannot put \(target) in place: \(Self.reason(code))")
        }
    }

    /// The whole content of `relative`, or nil when there is no such file.
    ///
    /// - Throws: ``TileError`` when it is not a regular file (a link, with ``refusesLinks``), holds more than `limit`
    ///   bytes or cannot be read.
    func read(_ relative: String, limit: Int) throws(TileError) -> [UInt8]? {
        let (parentComponents, name) = Self.split(relative)
        guard let parent = try openDirectory(parentComponents, creating: false) else { return nil }
        defer { close(parent) }
        // O_NONBLOCK: a FIFO in a tile's place is refused below instead of blocking the open.
        // A link is never followed when a file is read (a tile directory is often someone else's).
        let fd = openat(parent, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            if code == ELOOP {
                if refusesLinks { throw linkRefusal(relative) }
                throw TileError("\(relative) is a symbolic link, not a file (links are not followed here)")
            }
            throw TileError("cannot read \(relative): \(Self.reason(code))")
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw TileError("cannot read \(relative): \(Self.reason(errno))") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw TileError("\(relative) is \(InputFile.kindName(status.st_mode)), not a file") }
        guard status.st_size <= limit else {
            throw TileError("\(relative) holds \(status.st_size) bytes, more than the \(limit) it can hold")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.read(fd, base + offset, buffer.count - offset)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if count == 0 { break }
                throw TileError("cannot read \(relative): \(Self.reason(errno))")
            }
            offset += count
        }
        return Array(bytes[0..<offset])
    }

    /// Removes the directory `relative` and what it holds, if it exists; true when something was removed.
    @discardableResult
    func remove(_ relative: String) throws(TileError) -> Bool {
        let target = path(relative)
        var status = stat()
        guard lstat(target, &status) == 0 else { return false }
        if refusesLinks && status.st_mode & S_IFMT == S_IFLNK { throw linkRefusal(relative) }
        do {
            try FileManager.default.removeItem(atPath: target)
        } catch {
            throw TileError("cannot remove \(target): \(Self.reason(error))")
        }
        return true
    }

    /// Flushes what was written to disk: one `sync` (which on Linux waits for the writes) rather than one `fsync`
    /// per tile, so publishing thousands of tiles costs one flush.
    func flushFileSystem() {
        sync()
    }

    /// Flushes the directory entry of `relative` (after a rename).
    func flushDirectory(of relative: String) {
        let (parentComponents, _) = Self.split(relative)
        guard let fd = try? openDirectory(parentComponents, creating: false) else { return }
        fsync(fd)
        close(fd)
    }

    /// Opens the directory `components` below the tile directory, one component at a time (without following a link
    /// when ``refusesLinks``), making the missing ones when `creating`; nil when one is missing and not `creating`.
    /// The caller closes the descriptor.
    private func openDirectory(_ components: [String], creating: Bool) throws(TileError) -> Int32? {
        var fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 && errno == ENOENT && creating {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o755])
            } catch {
                throw TileError("cannot make the directory \(directory): \(Self.reason(error))")
            }
            fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw TileError("cannot open the directory \(directory): \(Self.reason(code))")
        }
        var walked: [String] = []
        for component in components {
            walked.append(component)
            let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (refusesLinks ? O_NOFOLLOW : 0)
            var next = openat(fd, component, flags)
            if next < 0 && errno == ENOENT && creating {
                if mkdirat(fd, component, 0o755) != 0 && errno != EEXIST {
                    let code = errno
                    close(fd)
                    throw TileError("cannot make the directory \(path(walked.joined(separator: "/"))): \(Self.reason(code))")
                }
                next = openat(fd, component, flags)
            }
            if next < 0 {
                let code = errno
                var status = stat()
                let isLink = fstatat(fd, component, &status, AT_SYMLINK_NOFOLLOW) == 0 && status.st_mode & S_IFMT == S_IFLNK
                close(fd)
                if isLink && refusesLinks { throw linkRefusal(walked.joined(separator: "/")) }
                if code == ENOENT || (code == ENOTDIR && !creating) { return nil }
                let place = path(walked.joined(separator: "/"))
                throw TileError((creating ? "cannot make the directory " : "cannot open the directory ") + "\(place): \(Self.reason(code))")
            }
            close(fd)
            fd = next
        }
        return fd
    }

    /// The directory components of `relative` and its last component.
    private static func split(_ relative: String) -> (directories: [String], name: String) {
        var parts = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let name = parts.popLast() ?? relative
        return (parts, name)
    }

    /// A plain reason for an errno value.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "no space left on the device"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "it is on a read-only file system"
        case ENOTDIR, EEXIST: return "a file is in the way of a directory"
        default: return String(cString: strerror(code))
        }
    }

    /// A plain reason for a Foundation error.
    static func reason(_ error: any Error) -> String {
        if let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code, code > 0 {
            return reason(Int32(code))
        }
        return (error as NSError).localizedDescription
    }
}
