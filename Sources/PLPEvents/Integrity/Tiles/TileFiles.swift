import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The files of a tile directory (internal): each one written under a temporary name in its own directory and renamed
/// into place, so a reader sees the old file or the new one, never half of one; read whole with a bound on the size.
struct TileFiles {
    /// The tile directory (the log's prefix on disk).
    let directory: String

    /// The path of `relative` (for instance `tile/0/000`) inside the directory.
    func path(_ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    /// Writes `bytes` to `relative`: parent directories are made (mode 0755), the bytes go to a temporary file next
    /// to it (mode 0644), optionally flushed to disk, then renamed over `relative`.
    func write(_ bytes: [UInt8], to relative: String, flush: Bool = false) throws(TileError) {
        let target = path(relative)
        let parent = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
        } catch {
            throw TileError("cannot make the directory \(parent): \(Self.reason(error))")
        }
        let temporary = parent + "/." + (target as NSString).lastPathComponent + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
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
                unlink(temporary)
                throw TileError("cannot write \(target): \(Self.reason(code))")
            }
            offset += written
        }
        if flush && fsync(fd) != 0 {
            let code = errno
            close(fd)
            unlink(temporary)
            throw TileError("cannot write \(target) to disk: \(Self.reason(code))")
        }
        close(fd)
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw TileError("cannot put \(target) in place: \(Self.reason(code))")
        }
    }

    /// The whole content of `relative`, or nil when there is no such file.
    ///
    /// - Throws: ``TileError`` when it is not a regular file (a FIFO, a device, a symbolic link), holds more than
    ///   `limit` bytes or cannot be read: opened without blocking and read bounded (``InputFile``), since a tile
    ///   directory is often someone else's.
    func read(_ relative: String, limit: Int) throws(TileError) -> [UInt8]? {
        do throws(InputError) {
            let input = try InputFile.open(path(relative), subject: relative, acceptsStreams: false, followsLinks: false)
            return try input.readWhole(limit: limit)
        } catch {
            if error.kind == .missing { return nil }
            throw TileError(error.message)
        }
    }

    /// Removes the directory `relative` and what it holds, if it exists; true when something was removed.
    @discardableResult
    func remove(_ relative: String) throws(TileError) -> Bool {
        let target = path(relative)
        guard FileManager.default.fileExists(atPath: target) else { return false }
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
        let parent = (path(relative) as NSString).deletingLastPathComponent
        let fd = open(parent, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
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
