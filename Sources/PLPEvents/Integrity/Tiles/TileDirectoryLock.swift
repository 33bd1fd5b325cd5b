import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The sign that a publish is writing to a tile directory: an advisory `flock` on the file `.publish.lock` in it,
/// held from the first look at the directory's checkpoint to the last file written, and dropped by the kernel when
/// the process ends, however it ends (a kill leaves no stale lock).
///
/// Two publishes into one directory (a cron job overlapping a manual run) take turns: the second reads the checkpoint
/// the first wrote, so a published log never goes back and a checkpoint never names a tile the other removed. The
/// file stays (removing a lock file races with whoever opens it next); it is empty, and clients never ask for it.
final class TileDirectoryLock {
    /// The lock file's name in the tile directory.
    static let fileName = ".publish.lock"

    private let descriptor: Int32

    /// Makes the directory when missing and takes its lock, waiting for another publish that holds it; `waiting` is
    /// called first when it has to wait.
    ///
    /// - Throws: ``TileError`` when the directory cannot be made or the lock file cannot be opened (a link there is
    ///   refused, as every link below the directory is).
    init(directory: String, waiting: () -> Void) throws(TileError) {
        var status = stat()
        if stat(directory, &status) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o755])
            } catch {
                throw TileError("cannot make the directory \(directory): \(TileFiles.reason(error))")
            }
        } else if status.st_mode & S_IFMT != S_IFDIR {
            throw TileError("cannot make the directory \(directory): a file is in the way of a directory")
        }
        let files = TileFiles(directory: directory, refusesLinks: true)
        descriptor = open(files.path(Self.fileName), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw files.linkRefusal(Self.fileName) }
            throw TileError("cannot lock \(directory) for publishing: \(TileFiles.reason(errno))")
        }
        let code = ExclusiveFileLock.take(descriptor, waiting: waiting)
        guard code == 0 else {
            close(descriptor)
            throw TileError("cannot lock \(directory) for publishing: \(TileFiles.reason(code))")
        }
    }

    deinit { close(descriptor) }
}
