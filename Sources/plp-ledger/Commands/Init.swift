import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger init`: creates an empty ledger.
struct Init: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an empty ledger (a directory).",
        discussion: """
        Also creates the ledger's master key next to it (<ledger>.key, mode 0600) unless $PLP_LEDGER_KEY names one: \
        contact data is sealed with a key per member, and the master key wraps those keys.
        Does nothing to a ledger that already exists, but says so.
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    func run() throws {
        let path = global.ledgerPath
        let existed = FileManager.default.fileExists(atPath: path + "/data.mdb")
        let hadKey = try MasterKey.locate(forLedger: path) != nil
        var options = EventStore.Options(create: true)
        options.masterKey = try GlobalOptions.masterKey(creatingFor: path)
        let store = try EventStore.open(at: path, options: options)
        if existed {
            try? store.adoptMasterKey()  // an older ledger learns its key's check value; a wrong key changes nothing
            Console.note("a ledger already exists at \(path) (\(grouped(try store.count())) events); left as it is")
        } else {
            try store.adoptMasterKey()
            Console.note("created an empty ledger at \(path)")
        }
        if !hadKey {
            Console.note("""
                its master key is \(MasterKey.defaultFile(forLedger: path)) (readable by you only): it opens the members' \
                contact data. Keep a copy apart from the ledger's backups, e.g. in a password safe.
                """)
        }
    }
}
