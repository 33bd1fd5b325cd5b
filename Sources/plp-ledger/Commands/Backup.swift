import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger backup DIR`: a consistent, compacted copy.
struct Backup: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent, compacted copy of the ledger (events, indexes, key store) into a new directory.",
        discussion: """
        The copy is taken from one snapshot while others may keep appending. It is written to .DIR.partial-PID next to \
        DIR, opened, verified (every hash and the tree recomputed: a ledger that fails `verify` is refused, since its \
        backup would not restore) and checked against the ledger (event count and tree head), flushed to disk, and \
        only then renamed to DIR: a failure, a full disk or a kill never leaves a half copy under DIR. What an import \
        that did not finish holds beyond the head is left out; temporary directories of stopped backups next to DIR \
        are removed. Free pages are not copied, so a backup \
        made after `forget` holds no trace of the erased member's key. The master key is not in the backup: keep it \
        apart. Reading commands open a backup directly with --ledger DIR; commands that write refuse it until it is \
        made a ledger again with `plp-ledger restore DIR --ledger NEW`.
          plp-ledger backup backups/plp-2026-02-28
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("A new or empty directory.", valueName: "dir")) var directory: String

    func run() throws {
        let store = try global.openStore(for: .reading, needsKey: true)
        let report = try store.backup(to: directory)
        let keys: String
        switch report.keyStore {
        case .opens(let key, _): keys = "; key store checked with the master key \(key)"
        case .notChecked: keys = ""
        }
        Console.note("backed up \(counted(report.events, "event")) to \(directory) (verified: every hash and the tree recomputed, "
                     + "tree head \(report.head.root.hex) of \(counted(report.head.size, "event"))\(keys))")
        if report.leftOut > 0 {
            Console.note("left out \(counted(report.leftOut, "event")) of an import that did not finish (beyond the ledger's head, "
                         + "seen by nobody; the next import or append removes them from the ledger)")
        }
        StagedLeftovers.note(report.removedLeftovers)
    }
}

/// The note on what stopped backups or restores left next to the destination and this run removed.
enum StagedLeftovers {
    static func note(_ names: [String]) {
        guard !names.isEmpty else { return }
        Console.note("removed \(counted(names.count, "temporary directory", plural: "temporary directories")) left by a backup "
                     + "or restore that was stopped: \(names.joined(separator: ", "))")
    }
}

/// `plp-ledger restore DIR`: a backup becomes the ledger.
struct Restore: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Make a ledger (--ledger, which must not exist) from a backup directory.",
        discussion: """
        The backup is checked in full before anything is written (a whole data file, the format, every hash and the \
        tree, and its key store: as the backup recorded it, and with the master key from PLP_LEDGER_KEY or the key \
        file next to --ledger, the key's check value and every member key wrapped under it), then copied through a \
        temporary directory and renamed into place, like a backup.
          plp-ledger restore backups/plp-2026-02-28 --ledger restored.ledger
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("A directory written by `plp-ledger backup`.", valueName: "dir")) var directory: String

    func run() throws {
        let target = global.ledgerPath
        let report = try EventStore.restore(backup: directory, to: target, masterKey: try MasterKey.locate(forLedger: target))
        switch report.keyStore {
        case .opens(let key, let members):
            Console.note("restored \(directory) as \(target) (\(counted(report.events, "event")), verified; its key store opens with "
                         + "the master key \(key): the check value and \(counted(members, "member key")))")
        case .notChecked(let members):
            Console.note("restored \(directory) as \(target) (\(counted(report.events, "event")), verified; \(counted(members, "member key")) "
                         + "as backed up, not opened: no master key in PLP_LEDGER_KEY or at \(MasterKey.defaultFile(forLedger: target))); "
                         + "its master key is needed to read contact data")
        }
        StagedLeftovers.note(report.removedLeftovers)
    }
}
