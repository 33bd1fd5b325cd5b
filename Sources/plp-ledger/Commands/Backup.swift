import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger backup DIR`: a consistent, compacted copy.
struct Backup: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent, compacted copy of the ledger (events, indexes, key store) into a new directory.",
        discussion: """
        The copy is taken from one snapshot while others may keep appending. Free pages are not copied, so a backup \
        made after `forget` holds no trace of the erased member's key. The master key is not in the backup: keep it \
        apart. Open a backup directly with --ledger DIR, or make it a ledger again with `plp-ledger restore DIR`.
          plp-ledger backup backups/plp-2026-02-28
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("A new or empty directory.", valueName: "dir")) var directory: String

    func run() throws {
        let store = try global.openStore(for: .reading)
        try store.backup(to: directory)
        Console.note("backed up \(grouped(try store.count())) events to \(directory)")
    }
}

/// `plp-ledger restore DIR`: a backup becomes the ledger.
struct Restore: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a ledger (--ledger, which must not exist) from a backup directory.",
        discussion: "  plp-ledger restore backups/plp-2026-02-28 --ledger restored.ledger")

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("A directory written by `plp-ledger backup`.", valueName: "dir")) var directory: String

    func run() throws {
        try EventStore.restore(backup: directory, to: global.ledgerPath)
        Console.note("restored \(directory) as \(global.ledgerPath); its master key is needed to read contact data")
    }
}
