import ArgumentParser
import PLPEvents

/// `plp-ledger init`: creates an empty ledger.
struct Init: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an empty ledger (a directory).",
        discussion: "Does nothing to a ledger that already exists, but says so.")

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    func run() throws {
        let path = global.ledgerPath
        let existed = (try? EventStore.open(at: path)) != nil
        let store = try EventStore.open(at: path, options: .init(create: true))
        if existed {
            Console.note("a ledger already exists at \(path) (\(grouped(try store.count())) events); left as it is")
        } else {
            Console.note("created an empty ledger at \(path)")
        }
    }
}
