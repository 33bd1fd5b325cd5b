import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory written under a temporary name next to its final one, then renamed into place in one step, so that
/// the final name never holds a half-written copy.
///
/// The temporary name is `.NAME.partial-PID` in the final directory's parent. A kill leaves at most that
/// temporary directory, which the next staging in the same parent — for any name — removes once its process is gone.
struct StagedDirectory {
    /// The final path, as given.
    let destination: String
    /// The directory holding the final path.
    let parent: String
    /// The temporary directory being written.
    let temporary: String
    /// The temporary directories of stopped stagings that ``begin(_:)`` removed from `parent`, by name.
    var removedLeftovers: [String] = []

    /// The names of what a staging writes in its temporary directory: a stopped one is removed only when it holds
    /// nothing else, so that a directory of another program that happens to be named alike is left alone.
    static let stagedNames: Set<String> = ["data.mdb", "lock.mdb", compactedName]
    /// The directory inside the temporary one where a backup compacts again a copy it rolled an unfinished import
    /// back in.
    static let compactedName = "compacted"

    /// Why a staged directory could not be made or published.
    enum Failure: Error {
        /// The destination exists and is not an empty directory.
        case exists
        /// A file-system call failed with `errno` while doing `what`.
        case system(Int32, String)
    }

    /// Prepares a staging for `destination`: checks that it does not exist (or is an empty directory), creates the
    /// parent if missing, removes the temporary directories of dead processes there (whatever their final name) and
    /// creates a fresh temporary directory.
    static func begin(_ destination: String) throws(Failure) -> StagedDirectory {
        var final = destination
        while final.count > 1 && final.hasSuffix("/") { final.removeLast() }
        let name = PathNames.lastComponent(of: final)
        let parentPath = PathNames.parent(of: final)
        let parent = parentPath.isEmpty ? "." : parentPath
        guard !name.isEmpty, name != ".", name != ".." else { throw .exists }
        if !isFreeName(final) { throw .exists }
        if !FileManager.default.fileExists(atPath: parent) {
            do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                throw .system(errnoOf(error) ?? EACCES, "creating \(parent)")
            }
        }
        let removed = removeStale(in: parent)
        let temporary = parent + "/." + name + ".partial-\(getpid())"
        try? FileManager.default.removeItem(atPath: temporary)  // a pid reused after a kill
        guard mkdir(temporary, 0o755) == 0 else { throw .system(errno, "creating \(temporary)") }
        return StagedDirectory(destination: final, parent: parent, temporary: temporary, removedLeftovers: removed)
    }

    /// Flushes `file` inside the temporary directory and the directory itself to the disk.
    func sync(file: String) throws(Failure) {
        try Self.flush(path: temporary + "/" + file, directory: false)
        try Self.flush(path: temporary, directory: true)
    }

    /// Renames the temporary directory to the final name (replacing an empty directory there) and flushes the
    /// parent, so that the rename itself is durable.
    func publish() throws(Failure) {
        if rename(temporary, destination) != 0 {
            let code = errno
            if code == ENOTEMPTY || code == EEXIST || code == ENOTDIR || code == EISDIR { throw .exists }
            throw .system(code, "renaming \(temporary) to \(destination)")
        }
        try Self.flush(path: parent, directory: true)
    }

    /// Removes the temporary directory (when it can).
    func abandon() {
        try? FileManager.default.removeItem(atPath: temporary)
    }

    /// Whether `path` does not exist or is an empty directory.
    static func isFreeName(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]).isEmpty
    }

    /// Removes the `.NAME.partial-PID` directories in `parent` whose process no longer runs and that hold only what
    /// a staging writes; returns their names, sorted.
    static func removeStale(in parent: String) -> [String] {
        var removed: [String] = []
        for entry in ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).sorted() {
            guard entry.hasPrefix("."), let marker = entry.range(of: ".partial-", options: .backwards),
                  marker.lowerBound > entry.index(after: entry.startIndex) else { continue }
            let digits = entry[marker.upperBound...]
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = Int64(digits),
                  ProcessLiveness.hasEnded(pid) else { continue }
            let path = parent + "/" + entry
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: path),
                  Set(names).isSubset(of: stagedNames) else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(entry) }
        }
        return removed
    }

    private static func flush(path: String, directory: Bool) throws(Failure) {
        let fd = open(path, directory ? (O_RDONLY | O_DIRECTORY | O_CLOEXEC) : (O_RDWR | O_CLOEXEC))
        guard fd >= 0 else { throw .system(errno, "opening \(path)") }
        defer { close(fd) }
        if fsync(fd) != 0 {
            let code = errno
            // Some file systems cannot flush a directory; the data itself was flushed.
            if directory && (code == EINVAL || code == EROFS) { return }
            throw .system(code, "flushing \(path) to disk")
        }
    }

    private static func errnoOf(_ error: any Error) -> Int32? {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        return nil
    }
}
