import Foundation
internal import LMDBKit

extension EventStore {
    /// Restores a backup made by ``backup(to:)`` as a new ledger at `ledgerPath` (which must not exist yet, or be an
    /// empty directory). The backup is checked in full first — a whole data file, the format, every database, every
    /// hash and the tree, and its key store (``KeyStoreCheck``: as the backup recorded it, and with `masterKey` the
    /// check value and every wrapped member key) — and nothing is written when it fails; the ledger is then written
    /// through the same temporary directory and rename as a backup, without the backup's mark.
    @discardableResult
    public static func restore(backup directory: String, to ledgerPath: String, masterKey: MasterKey? = nil) throws -> BackupReport {
        let exists = "\(ledgerPath) exists already; restore into a new path"
        guard StagedDirectory.isFreeName(ledgerPath) else { throw LedgerError(.exists, exists) }
        let (source, standing) = try checkedBackup(directory, target: ledgerPath, masterKey: masterKey)
        return try source.stagedCopy(to: ledgerPath, exists: exists, purpose: .restore(standing))
    }

    /// Opens the backup in `directory` after checking its data file, verifies it and checks its key store.
    private static func checkedBackup(_ directory: String, target: String,
                                      masterKey: MasterKey?) throws -> (EventStore, KeyStoreStanding) {
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
        do {
            let checked = try KeyStoreCheck.check(source, master: masterKey, mark: try source.backupMark(), ignoringAnotherKey: false)
            return (source, checked.standing)
        } catch KeyStoreProblem.anotherKey(let given, let recorded) {
            let whose = recorded.map { "its key is \($0)" } ?? "it does not open its key store"
            throw LedgerError(.wrongMasterKey, "the master key \(given) is not the one of the ledger backed up in \(directory) "
                              + "(\(whose)); \(nothing) (give its own key in PLP_LEDGER_KEY or at \(MasterKey.defaultFile(forLedger: target)))")
        } catch let problem as KeyStoreProblem {
            throw LedgerError(.invalidBackup, "the key store of \(directory) was altered: \(problem.finding), so contact data "
                              + "could no longer be read with its master key; \(nothing) (restore an earlier backup)")
        }
    }
}
