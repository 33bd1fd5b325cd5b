import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger forget MEMBER_ID`: the right to erasure.
struct Forget: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase a member's contact data: append MemberErased and destroy the member's key, in one transaction.",
        discussion: """
        After it, no command, export or later backup can reveal that member's contact data; every hash, proof and \
        figure stays as it was (they cover the sealed form). Backups made before still hold the member's key, wrapped \
        under the master key: see the README on what to do with them.
          plp-ledger forget 91114-0186-m5
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("The member's ID (the ID of its member/ID stream).", valueName: "member-id"))
    var member: String

    @Option(help: ArgumentHelp("Who records the erasure, ROLE:ID.", valueName: "actor"))
    var actor = "system:forget"

    func run() throws {
        let who: Actor
        switch Actor.parse(actor) {
        case .success(let parsed): who = parsed
        case .failure(let error): throw ValidationError("--actor: \(error.reason)")
        }
        let id = member.hasPrefix("member/") ? String(member.dropFirst("member/".count)) : member
        let store = try global.openStore(for: .writing)
        let now = RecordedAt.format(RecordedAt.now())
        let occurredAt = try RFC3339Timestamp.parse(String(now.prefix(19)) + "Z")
        switch try store.forget(member: id, actor: who, at: occurredAt) {
        case .erased(let recorded):
            Console.note("member/\(id): contact data erased (MemberErased at seq \(recorded.seq)); its key is destroyed")
        case .alreadyErased(let seq):
            Console.note("member/\(id) was already erased (seq \(seq)); nothing to do")
        }
    }
}
