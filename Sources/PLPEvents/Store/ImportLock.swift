import Foundation
internal import LMDBKit

/// The sign that an import is running in a ledger: an advisory `flock` on its data file, held from the import's
/// first batch to its last transaction and dropped by the kernel when the process ends, however it ends (a kill -9
/// leaves no stale lock).
///
/// An import commits several transactions (its batches beyond the head, its merge, its last transaction), so LMDB's
/// writer lock alone would let another writer in between: every append takes this lock too, briefly, and waits for
/// an import that holds it. It lets a command whose write is optional (saving a projection's state, a cache) skip it
/// instead of waiting for a long import.
/// `flock` locks are independent of the `fcntl` record locks LMDB keeps on `lock.mdb`, and none is taken there.
///
/// An import also holds a second `flock`, on the ledger's directory, which appends never take: that one tells a
/// running import from another append holding the data file's lock for a moment (``isHeld(onLedger:)``).
final class ImportLock {
    private let descriptor: Int32
    private var directoryDescriptor: Int32 = -1

    /// Takes the lock on `ledger`'s data file, waiting for another import or append that holds it; `waiting` is
    /// called first when it has to wait. An import (`importing`) then marks the ledger's directory as well.
    init(ledger: String, importing: Bool = false, waiting: () -> Void) throws {
        descriptor = open(ledger + "/data.mdb", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LMDBError(code: errno, context: "opening \(ledger)/data.mdb") }
        let code = ExclusiveFileLock.take(descriptor, waiting: waiting)
        guard code == 0 else {
            close(descriptor)
            throw LMDBError(code: code, context: "locking \(ledger)/data.mdb for an import")
        }
        // Only the holder of the data file's lock takes the directory's, so this never waits for long.
        guard importing else { return }
        directoryDescriptor = open(ledger, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            while flock(directoryDescriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
    }

    deinit {
        if directoryDescriptor >= 0 { close(directoryDescriptor) }
        close(descriptor)
    }

    /// Whether an import (not an append) holds the lock on `ledger` now.
    static func isHeld(onLedger ledger: String) -> Bool {
        let descriptor = open(ledger, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }
}

extension EventStore {
    /// Whether an import is running in this ledger now (in any process): a write started now waits for its end.
    public var isImportInProgress: Bool { ImportLock.isHeld(onLedger: path) }
}

/// What imports of earlier versions could leave in a ledger directory when their process died: scratch environments
/// of the check pass (`import-check-PID-N/`) and encrypted spools of standard input (`import-stdin-PID.spool`, whose
/// key died with the process). Imports are one transaction now and leave nothing; an import removes these leftovers
/// of dead processes when it starts.
enum ImportLeftovers {
    static func remove(in ledger: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: ledger) else { return }
        for name in names {
            let rest: Substring
            if name.hasPrefix("import-check-") {
                rest = name.dropFirst("import-check-".count)
            } else if name.hasPrefix("import-stdin-"), name.hasSuffix(".spool") {
                rest = name.dropFirst("import-stdin-".count).dropLast(".spool".count)
            } else {
                continue
            }
            guard let pid = Int32(rest.prefix { $0.isNumber }), pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: ledger + "/" + name)
        }
    }
}
