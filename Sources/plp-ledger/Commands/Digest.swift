import ArgumentParser
import PLPEvents

/// `plp-ledger digest`: the tree head.
struct Digest: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print the tree head: the number of events and the RFC 6962 root over them (contract section 5).",
        discussion: """
        Keep it (or a signed `checkpoint`): later, `prove consistency` shows that the ledger still begins with \
        exactly those events. --format json prints {"size":N,"root":"HEX"}.
          plp-ledger digest --format json > head.json       # the head today
          plp-ledger digest --size 1000 --format json > old-head.json  # 1000 events
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Option(help: ArgumentHelp("The head of the first N events (default: all).", valueName: "N")) var size: UInt64?
    @Option(help: "table or json.") var format: ResultFormat = .table

    func run() throws {
        let store = try global.openStore(for: .reading)
        let head = try size.map { try store.treeHead(size: $0) } ?? store.treeHead()
        switch format {
        case .json: Console.print(head.json + "\n")
        default: Console.print("size \(head.size)\nroot \(head.root.hex)\n")
        }
    }
}
