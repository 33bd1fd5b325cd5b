#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system operations the environment needs, reporting errno as `LMDBError`.
enum LMDBFileSystem {
    /// Creates `path` and its missing parents (mode 0o755), like `mkdir -p`.
    static func makeDirectories(_ path: String) throws(LMDBError) {
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                if code != EEXIST {
                    throw LMDBError(code: code, context: "creating directory \(prefix)")
                }
                if !isDirectory(prefix) {
                    throw LMDBError(code: ENOTDIR, message: "creating directory \(path): \(prefix) exists and is not a directory")
                }
            }
            prefix += "/"
        }
    }

    /// The canonical absolute path of an existing `path` (symlinks resolved).
    static func realPath(_ path: String, doing context: String) throws(LMDBError) -> String {
        guard let resolved = realpath(path, nil) else {
            throw LMDBError(code: errno, context: context)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` exists and is a directory (following symlinks).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The size of the file at `path`, in bytes.
    static func fileSize(_ path: String, doing context: String) throws(LMDBError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw LMDBError(code: errno, context: context) }
        return Int(info.st_size)
    }

    /// Whether the directory at `path` has no entries besides `.` and `..`.
    static func isEmptyDirectory(_ path: String, doing context: String) throws(LMDBError) -> Bool {
        guard let dir = opendir(path) else { throw LMDBError(code: errno, context: context) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { return false }
        }
        return true
    }

    /// Whether something exists at `path` (without following a final symlink's target being required).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether the file system holding `path` is mounted read-only (`statvfs`, `ST_RDONLY`).
    static func isOnReadOnlyFileSystem(_ path: String) -> Bool {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return false }
        return (info.f_flag & UInt(ST_RDONLY)) != 0
    }

    /// The code a failed write in `path` stands for: LMDB reports a write cut short (the file system filled up
    /// mid-write) as `EIO`, so an `EIO` on a file system with next to no room left is `ENOSPC`.
    static func writeFailureCode(_ code: Int32, in path: String) -> Int32 {
        code == EIO && freeBytes(path) < 4 << 20 ? ENOSPC : code
    }

    /// The bytes an unprivileged process may still write on the file system holding `path` (`statvfs`), or
    /// `Int.max` when that cannot be told.
    static func freeBytes(_ path: String) -> Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return .max }
        let (bytes, overflow) = Int(info.f_bavail).multipliedReportingOverflow(by: Int(info.f_frsize))
        return overflow ? .max : bytes
    }
}
