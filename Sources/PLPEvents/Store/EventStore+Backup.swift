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
    /// (a killed one's batches, or a running one's) is left out of the copy.
    @discardableResult
    public func backup(to directory: String) throws -> BackupReport {
        try stagedCopy(to: directory, exists: "\(directory) exists already; a backup goes to a new directory", verifying: true)
    }

    /// Restores a backup made by ``backup(to:)`` as a new ledger at `ledgerPath` (which must not exist yet, or be an
    /// empty directory). The backup is checked in full first — a whole data file, the format, every database, every
    /// hash and the tree — and nothing is written when it fails; the ledger is then written through the same
    /// temporary directory and rename as a backup.
    @discardableResult
    public static func restore(backup directory: String, to ledgerPath: String) throws -> BackupReport {
        let exists = "\(ledgerPath) exists already; restore into a new path"
        guard StagedDirectory.isFreeName(ledgerPath) else { throw LedgerError(.exists, exists) }
        let source = try checkedBackup(directory, target: ledgerPath)
        return try source.stagedCopy(to: ledgerPath, exists: exists, verifying: false)
    }

    /// Opens the backup in `directory` after checking its data file, and verifies it.
    private static func checkedBackup(_ directory: String, target: String) throws -> EventStore {
        let nothing = "nothing was written to \(target)"
        let data = directory + "/data.mdb"
        guard FileManager.default.fileExists(atPath: data) else {
            throw LedgerError(.invalidBackup, "\(directory) is not a backup of a ledger (it has no data.mdb); \(nothing)")
        }
        do {
            _ = try LMDBDataFileHeader.read(path: data)
        } catch {
            throw LedgerError(.invalidBackup, "\(directory) is not a whole backup (\(error.message)); \(nothing)")
        }
        let source: EventStore
        do {
            var options = EventStore.Options()
            options.readOnly = true  // a backup on read-only media restores too; nothing is written to it
            source = try EventStore.open(at: directory, options: options)
        } catch let error as LedgerError {
            throw LedgerError(.invalidBackup, "\(directory) is not a backup of a ledger (\(error.message)); \(nothing)")
        } catch let error as LMDBError {
            throw LedgerError(.invalidBackup, "\(directory) is not a backup of a ledger (\(Self.plainReason(error.code))); \(nothing)")
        }
        let verification: VerificationReport
        do {
            verification = try source.verify()
        } catch let error as LMDBError {
            throw LedgerError(.invalidBackup, "\(directory) does not verify (\(Self.plainReason(error.code))); \(nothing)")
        }
        // verify also compares the stored tree head with the one recomputed from the events.
        if let problem = verification.firstProblem {
            throw LedgerError(.invalidBackup, "\(directory) does not verify (seq \(problem.seq): \(problem.reason)); \(nothing)")
        }
        return source
    }

    /// Copies the ledger to a temporary directory next to `destination`, checks the copy (`verifying`: every hash
    /// and the tree as well) and renames it into place.
    private func stagedCopy(to destination: String, exists: String, verifying: Bool) throws -> BackupReport {
        let stage: StagedDirectory
        do {
            stage = try StagedDirectory.begin(destination)
        } catch {
            throw Self.plain(error, destination: destination, exists: exists)
        }
        do {
            let before = try count()
            let leftOut = try copyLeavingOutUnfinishedImport(to: stage.temporary)
            var report = try checkCopy(at: stage.temporary, eventsBefore: before, destination: destination, verifying: verifying)
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
    /// there is such work (a killed import's batches, a running one's, the runs of one killed after its last commit),
    /// it is rolled back in the copy (``ImportRollback``, as the next writer would in the ledger), the copy is
    /// compacted again into `temporary/compacted` and its data file moved up over the first. The ledger itself is not
    /// written. Returns the number of events left out.
    private func copyLeavingOutUnfinishedImport(to temporary: String) throws -> UInt64 {
        try environment.copy(to: temporary, compact: true)
        guard try ImportRollback.isNeeded(self) else { return 0 }
        let compacted = temporary + "/" + StagedDirectory.compactedName
        let copy = try EventStore.open(at: temporary)
        let removed: UInt64
        do {
            defer { try? copy.environment.close() }
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

    /// Opens the copy at `temporary` and checks that it is the ledger as of one snapshot taken during the copy, and
    /// with `verifying` that it verifies.
    private func checkCopy(at temporary: String, eventsBefore: UInt64, destination: String, verifying: Bool) throws -> BackupReport {
        let nothing = "nothing was written to \(destination)"
        do {
            _ = try LMDBDataFileHeader.read(path: temporary + "/data.mdb")
        } catch {
            let why = error == .corrupted ? "its data file is cut short" : Self.plainReason(error.code)
            throw LedgerError(.copyFailed, "the copy is incomplete (\(why)); \(nothing)")
        }
        var options = EventStore.Options()
        options.readOnly = true
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
            if verifying, let problem = try copy.verify().firstProblem {
                throw LedgerError(.damaged, "the ledger at \(path) does not verify (seq \(problem.seq): \(problem.reason)), so a "
                                  + "backup of it would not restore; \(nothing) (run plp-ledger verify, and restore an earlier backup)")
            }
            report = BackupReport(events: events, head: head)
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
