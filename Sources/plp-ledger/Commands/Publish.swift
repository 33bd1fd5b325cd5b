import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger publish DIR --key FILE`: the log as C2SP tlog-tiles, for static hosting and standard tools.
struct Publish: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the log as C2SP tlog-tiles under DIR: a signed checkpoint, hash tiles and entry bundles.",
        discussion: """
        DIR gets `checkpoint` (signed as `checkpoint` signs it), the hash tiles tile/<L>/<N>[.p/<W>] and the entry \
        bundles tile/entries/<N>[.p/<W>], whose entries are the events' leaf bytes (the exported line without \
        `hash`, contact sealed), so that the level-0 hashes are the events' `hash`. Serve DIR as static files, or hand \
        it to an auditor: `verify --tiles DIR --key PREFIX.pub` checks it with no ledger, and so do other C2SP \
        clients. Run it again after appends: it writes only the new tiles, the new partial tiles and the checkpoint \
        (full tiles never change; each file is written under a temporary name, then renamed). DIR must hold a \
        checkpoint of the same origin, signed by the same key, of a tree that this one extends, or none, and the \
        tiles of that checkpoint, whole (they are audited as `verify --tiles` does before anything is written); \
        a symbolic link anywhere in DIR is refused. Two publishes into one DIR take turns (a lock on DIR/.publish.lock).
          plp-ledger keygen --name plp-ledger.example.be -o publish-key
          plp-ledger publish public-log --key publish-key.key
          plp-ledger publish public-log --key publish-key.key  # nothing new
          plp-ledger verify --tiles public-log --key publish-key.pub
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("The tile directory (made when missing).", valueName: "dir")) var directory: String
    @Option(help: ArgumentHelp("The private key file (from keygen).", valueName: "file")) var key: String
    @Option(help: ArgumentHelp("The log's name, the checkpoint's first line (default: plp-ledger/<ledger directory name>).", valueName: "origin"))
    var origin: String?
    @Option(help: ArgumentHelp("Publish the tree of the first N events (default: all).", valueName: "N")) var size: UInt64?

    func run() throws {
        let signer = try NoteSigningKey(text: try TextFiles.read(key, what: "private key"))
        let store = try global.openStore(for: .reading)
        let head = try size.map { try store.treeHead(size: $0) } ?? store.treeHead()
        let name = URL(fileURLWithPath: global.ledgerPath).standardizedFileURL.lastPathComponent
        let origin = self.origin ?? "plp-ledger/\(name)"
        _ = try Checkpoint(origin: origin, treeHead: head)
        let publication: TilePublication
        do {
            publication = try TileLog.publish(store, size: head.size, origin: origin, key: signer, to: directory) {
                Console.note("another publish is writing to \(directory); waiting for it to end")
            }
        } catch let error as TileError {
            throw CommandFailure(error.message, code: PlainSentence.code(of: error))
        }
        let tiles = publication.written.filter { $0.kind != .entries }.count
        let bundles = publication.written.count - tiles
        if publication.written.isEmpty && publication.previousSize == head.size {
            Console.note("\(directory) already holds the tree of \(counted(head.size, "event")); nothing was written")
        } else {
            let from = publication.previousSize == 0 ? "" : " (it held \(grouped(publication.previousSize)))"
            Console.note("published \(counted(head.size, "event")) to \(directory)\(from): "
                         + "\(counted(tiles, "hash tile")), \(counted(bundles, "entry bundle")) and the checkpoint written"
                         + (publication.removed.isEmpty ? "" : ", \(counted(publication.removed.count, "superseded partial tile")) removed"))
        }
        if !publication.leftovers.isEmpty {
            Console.note("removed \(counted(publication.leftovers.count, "temporary file")) left by a publish that was stopped: "
                         + publication.leftovers.joined(separator: ", "))
        }
        Console.print(head.json + "\n")
    }
}
