import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The walk a publish makes of its tile directory before it writes (under ``TileDirectoryLock``): every symbolic
/// link below the directory is refused, and the temporary files of publishes that were stopped (`.NAME.tmp-PID`, whose
/// process no longer runs) are found, to be removed once the directory is known to be one the publish can extend.
///
/// The walk never follows a link: entries are looked at with `lstat`, and a directory is entered only when it is one.
enum TileDirectoryScan {
    /// Walks `files`' directory; returns the leftovers of stopped publishes, as paths relative to it, sorted.
    ///
    /// - Throws: ``TileError`` naming the first symbolic link found, or a directory that cannot be read.
    static func run(_ files: TileFiles) throws(TileError) -> [String] {
        var leftovers: [String] = []
        try walk(files, relative: "", leftovers: &leftovers)
        return leftovers.sorted()
    }

    /// Removes the `leftovers` that ``run(_:)`` found; returns those removed.
    static func remove(_ leftovers: [String], in files: TileFiles) -> [String] {
        leftovers.filter { unlink(files.path($0)) == 0 }
    }

    private static func walk(_ files: TileFiles, relative: String, leftovers: inout [String]) throws(TileError) {
        let directory = relative.isEmpty ? files.directory : files.path(relative)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw TileError("cannot read the directory \(directory): \(TileFiles.reason(error))")
        }
        for name in names.sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            guard lstat(files.path(path), &status) == 0 else { continue }  // gone meanwhile
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                throw files.linkRefusal(path)
            case S_IFDIR:
                try walk(files, relative: path, leftovers: &leftovers)
            case S_IFREG where isLeftover(name):
                leftovers.append(path)
            default:
                continue
            }
        }
    }

    /// Whether `name` is a temporary file (`.NAME.tmp-PID`) of a process that no longer runs.
    static func isLeftover(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards),
              marker.lowerBound > name.index(after: name.startIndex) else { return false }
        let digits = name[marker.upperBound...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let pid = Int64(digits) else { return false }
        return ProcessLiveness.hasEnded(pid)
    }
}
