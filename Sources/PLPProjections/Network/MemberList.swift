import PLPEvents

/// `project members --plp ID`: a PLP's members — kind, channels, joined and left dates, newsletter — and their
/// contact data only when asked (`--reveal`).
public enum MemberList {
    /// The event types the member list reads.
    public static let reads: EventTypeSet = [.plpProposed, .memberJoined, .memberContactChanged, .memberLeft, .memberErased]

    /// The columns without contact data: the names of the `members` flat table (`joined_on`, `left_on`: Brussels days),
    /// and `status` (`active`, `left` or `erased`).
    public static let columns = ["member", "kind", "channels", "joined_on", "left_on", "newsletter", "status"]
    /// The columns added by `--reveal`.
    public static let contactColumns = ["name", "phone", "email"]

    /// The members of `plp`, sorted by member ID. With `reveal` (which opens a member's stored contact, see
    /// `EventStore.reveal`), the contact columns are added: `(sealed)` when the key is not at hand, `(erased)` after
    /// `MemberErased`.
    ///
    /// `facts` must keep contacts (`NetworkFacts(keepsContacts: true)`) for `reveal` to show any.
    ///
    /// With `plp` nil, every member of the network, with a first column `plp`, sorted by PLP then member ID.
    public static func table(_ facts: NetworkFacts, plp: String?,
                             reveal: ((_ member: String, _ contact: Contact) -> RevealedContact)? = nil) -> FigureTable {
        let members = plp.map { plp in facts.members.filter { $0.value.plp == plp } } ?? facts.members
        let order = members.keys.sorted { a, b in
            let (pa, pb) = (members[a]?.plp ?? "", members[b]?.plp ?? "")
            return pa == pb ? a < b : pa < pb
        }
        let rows: [[FigureTable.Cell]] = order.compactMap { id in
            guard let member = members[id] else { return nil }
            var row: [FigureTable.Cell] = plp == nil ? [.text(member.plp)] : []
            row += [
                .text(id), .text(member.kind.rawValue), .list(member.channels.map(\.rawValue)),
                .text(Brussels.date(ofInstant: member.joinedAt).description),
                member.leftAt.map { .text(Brussels.date(ofInstant: $0).description) } ?? .empty,
                member.newsletter.map { .boolean($0) } ?? .empty,
                .text(member.erased ? "erased" : member.leftAt == nil ? "active" : "left"),
            ]
            if let reveal {
                // A fold that did not keep contacts (``NetworkFacts/keepsContacts``) has nothing to open: sealed.
                switch member.erased ? .erased : member.contact.map({ reveal(id, $0) }) ?? .sealed {
                case .erased: row += [.text("(erased)"), .empty, .empty]
                case .clear(let details):
                    row += [.text(details.name), details.phone.map { .text($0) } ?? .empty, details.email.map { .text($0) } ?? .empty]
                case .sealed: row += [.text("(sealed)"), .empty, .empty]
                }
            }
            return row
        }
        let shown = (plp == nil ? ["plp"] : []) + columns
        return FigureTable(columns: reveal != nil ? shown + contactColumns : shown, rows: rows)
    }
}
