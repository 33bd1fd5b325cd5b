import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger init`: creates an empty ledger.
struct Init: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty ledger (a directory).",
        discussion: """
        Also creates the ledger's master key next to it (<ledger>.key, mode 0600) unless $PLP_LEDGER_KEY names one: \
        contact data is sealed with a key per member, and the master key wraps those keys.
        Does nothing to a ledger that already exists, but says so; refuses a directory that holds anything else \
        (another program's LMDB environment, a damaged ledger, other files).
          plp-ledger init --ledger ./plp.ledger
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    func run() throws {
        let path = global.ledgerPath
        if FileManager.default.fileExists(atPath: path + "/data.mdb") {
            // An existing ledger is only checked: no database, marker or key is added to it.
            let store = try global.openStore(for: .reading, needsKey: true)
            Console.note("a ledger already exists at \(path) (\(counted(try store.count(), "event"))); left as it is")
            return
        }
        let parentDirectory = PathNames.parent(of: path)
        if !parentDirectory.isEmpty {
            try FileManager.default.createDirectory(atPath: parentDirectory, withIntermediateDirectories: true)
        }
        let keyFile = MasterKey.defaultFile(forLedger: path)
        let hadKey = try MasterKey.locate(forLedger: path) != nil
        var options = EventStore.Options(create: true)
        options.masterKey = try GlobalOptions.masterKey(creatingFor: path)
        let store: EventStore
        do {
            store = try EventStore.open(at: path, options: options)
        } catch {
            if !hadKey { try? FileManager.default.removeItem(atPath: keyFile) }
            throw error
        }
        try store.adoptMasterKey()
        Console.note("created an empty ledger at \(path)")
        if !hadKey {
            Console.note("""
                its master key is \(keyFile) (readable by you only): it opens the members' \
                contact data. Keep a copy apart from the ledger's backups, e.g. in a password safe.
                """)
        }
    }
}
