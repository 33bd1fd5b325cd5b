import Foundation
internal import LMDBKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a backup (or a restored ledger) holds, as checked after the copy: its events and tree head; and what the copy
/// left out or cleared away on the way.
public struct BackupReport: Sendable, Equatable {
    /// The number of events in the copy.
    public let events: UInt64
    /// The copy's tree head, equal to the source's head at the same size.
    public let head: TreeHead
    /// The events of an unfinished import (beyond the head, seen by nobody) left out of the copy.
    public var leftOut: UInt64 = 0
    /// The temporary directories of stopped backups or restores (`.NAME.partial-PID` of processes that no longer
    /// run) removed from the destination's parent, by name.
    public var removedLeftovers: [String] = []
    /// How far the key store was checked (``KeyStoreCheck``).
    public var keyStore: KeyStoreStanding
}

/// What a staged copy is for: a backup (verified, key store checked, marked as a backup) or a restore (the backup's
/// key store checked before the copy; the mark removed).
enum StagedCopyPurpose {
    case backup
    case restore(KeyStoreStanding)
}

extension EventStore {
    /// Writes a consistent, compacted copy of the ledger (its events, indexes and key store) into `directory`, which
    /// must not exist or be an empty directory. Free pages are not copied: a backup made after an erasure holds no
    /// trace of the erased member's key. The master key is not part of it: keep it apart.
    ///
    /// The copy is written to `.NAME.partial-PID` next to `directory`, opened, verified as `verify` does (every
    /// hash and the tree recomputed: a ledger that fails is refused, since its backup would not restore), checked
    /// against the ledger (format, event count, tree head), flushed to disk, and only then renamed to `directory`: a
    /// failure or a kill never leaves a half copy under that name. What an unfinished import holds beyond the head
    /// (a killed one's batches, or a running one's) is left out of the copy. Its key store is checked
    /// (``KeyStoreCheck``, with this store's master key when it is the ledger's) and recorded in the copy's mark
    /// (``BackupMark``), which `restore` compares with the key store it finds.
    @discardableResult
    public func backup(to directory: String) throws -> BackupReport {
        try stagedCopy(to: directory, exists: "\(directory) exists already; a backup goes to a new directory", purpose: .backup)
    }

    /// Copies the ledger to a temporary directory next to `destination`, checks the copy as `purpose` asks and
    /// renames it into place.
    func stagedCopy(to destination: String, exists: String, purpose: StagedCopyPurpose) throws -> BackupReport {
        let stage: StagedDirectory
        do {
            stage = try StagedDirectory.begin(destination)
        } catch {
            throw Self.plain(error, destination: destination, exists: exists)
        }
        do {
            let before = try count()
            let leftOut = try copyLeavingOutUnfinishedImport(to: stage.temporary)
            var report = try checkCopy(at: stage.temporary, eventsBefore: before, destination: destination, purpose: purpose)
            try stage.sync(file: "data.mdb")
            try stage.publish()
            report.leftOut = leftOut
            report.removedLeftovers = stage.removedLeftovers
            return report
        } catch {
            // Worded before the temporary directory goes (its path may name the failure).
            let failure = Self.plain(error, destination: destination, exists: exists, parent: stage.parent)
            stage.abandon()
            throw failure
        }
    }

    /// Copies the ledger, compacted, into `temporary`, without what an unfinished import holds beyond the head: when
    /// the copy holds such work (a killed import's batches, a running one's, the runs of one killed after its last
    /// commit), it is rolled back in the copy (``ImportRollback``, as the next writer would in the ledger), the copy
    /// is compacted again into `temporary/compacted` and its data file moved up over the first. The ledger itself is
    /// not written. Returns the number of events left out.
    private func copyLeavingOutUnfinishedImport(to temporary: String) throws -> UInt64 {
        try environment.copy(to: temporary, compact: true)
        var options = EventStore.Options()
        options.opensBackupForWriting = true  // a backup of a backup is a backup too
        let copy = try EventStore.open(at: temporary, options: options)
        let compacted = temporary + "/" + StagedDirectory.compactedName
        let removed: UInt64
        do {
            defer { try? copy.environment.close() }
            // The copy, not the ledger, is asked: an import may have ended since the copy's snapshot.
            guard try ImportRollback.isNeeded(copy) else { return 0 }
            removed = try ImportRollback.run(copy)
            guard mkdir(compacted, 0o755) == 0 else { throw StagedDirectory.Failure.system(errno, "creating \(compacted)") }
            try copy.environment.copy(to: compacted, compact: true)
        }
        guard rename(compacted + "/data.mdb", temporary + "/data.mdb") == 0 else {
            throw StagedDirectory.Failure.system(errno, "renaming \(compacted)/data.mdb")
        }
        try FileManager.default.removeItem(atPath: compacted)
        return removed
    }

    /// Opens the copy at `temporary` and checks that it is the ledger as of one snapshot taken during the copy; for a
    /// backup, that it verifies and that its key store holds, and marks it as a backup; for a restore, removes the
    /// mark.
    private func checkCopy(at temporary: String, eventsBefore: UInt64, destination: String,
                           purpose: StagedCopyPurpose) throws -> BackupReport {
        let nothing = "nothing was written to \(destination)"
        do {
            _ = try LMDBDataFileHeader.read(path: temporary + "/data.mdb")
        } catch {
            let why = error == .corrupted ? "its data file is cut short" : Self.plainReason(error.code)
            throw LedgerError(.copyFailed, "the copy is incomplete (\(why)); \(nothing)")
        }
        var options = EventStore.Options()
        options.opensBackupForWriting = true  // it is marked or unmarked here
        let copy = try EventStore.open(at: temporary, options: options)
        let report: BackupReport
        do {
            defer { try? copy.environment.close() }
            let head = try copy.treeHead()
            let events = try copy.count()
            let after = try count()
            // The copy is one snapshot taken between `eventsBefore` and `after`: compare it with the ledger's head
            // at the copy's size (events are only ever appended, so that head is the snapshot's).
            guard head.size == events, events >= eventsBefore, events <= after, try treeHead(size: events) == head else {
                throw LedgerError(.copyFailed, "the copy does not match the ledger (its tree head differs); \(nothing)")
            }
            switch purpose {
            case .backup:
                if let problem = try copy.verify().firstProblem {
                    throw LedgerError(.damaged, "the ledger at \(path) does not verify (seq \(problem.seq): \(problem.reason)), so a "
                                      + "backup of it would not restore; \(nothing) (run plp-ledger verify, and restore an earlier backup)")
                }
                let checked: (standing: KeyStoreStanding, summary: BackupMark)
                do {
                    checked = try KeyStoreCheck.check(copy, master: masterKey, mark: nil, ignoringAnotherKey: true)
                } catch let problem as KeyStoreProblem {
                    throw LedgerError(.damaged, "the key store of the ledger at \(path) was altered: \(problem.finding), so a "
                                      + "backup of it would not restore; \(nothing) (restore an earlier backup)")
                }
                try copy.setBackupMark(checked.summary)
                report = BackupReport(events: events, head: head, keyStore: checked.standing)
            case .restore(let standing):
                try copy.setBackupMark(nil)
                report = BackupReport(events: events, head: head, keyStore: standing)
            }
        }
        // The lock file belongs to whoever opens the copy next.
        try? FileManager.default.removeItem(atPath: temporary + "/lock.mdb")
        return report
    }

    /// The one sentence for a failure of a staged copy.
    private static func plain(_ error: any Error, destination: String, exists: String, parent: String? = nil) -> LedgerError {
        let nothing = "nothing was written to \(destination)"
        let code: Int32
        switch error {
        case let error as LedgerError: return error
        case StagedDirectory.Failure.exists: return LedgerError(.exists, exists)
        case StagedDirectory.Failure.system(let errno, _): code = errno
        case let error as LMDBError: code = error.code
        default: return LedgerError(.copyFailed, "the copy could not be written (\(error.localizedDescription)); \(nothing)")
        }
        let place = parent ?? (PathNames.parent(of: destination).isEmpty ? "." : PathNames.parent(of: destination))
        switch code {
        case ENOSPC, EDQUOT: return LedgerError(.noSpace, "no space left on the device holding \(place); \(nothing)")
        case EACCES, EPERM: return LedgerError(.permissionDenied, "no permission to write in \(place); \(nothing)")
        case EROFS: return LedgerError(.readOnly, "\(place) is on a read-only file system; \(nothing)")
        case EEXIST, ENOTEMPTY: return LedgerError(.exists, exists)
        default: return LedgerError(.copyFailed, "the copy could not be written (\(plainReason(code))); \(nothing)")
        }
    }

    /// A system or LMDB error code in plain words, without its number or symbolic name.
    static func plainReason(_ code: Int32) -> String {
        var text = LMDBError.describe(code: code)
        if text.hasPrefix("MDB_"), let colon = text.firstIndex(of: ":") {
            text = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
