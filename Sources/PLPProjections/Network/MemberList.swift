import PLPEvents

/// `project members --plp ID`: a PLP's members — kind, channels, joined and left dates, newsletter — and their
/// contact data only when asked (`--reveal`).
public enum MemberList {
    /// The event types the member list reads.
    public static let reads: EventTypeSet = [.plpProposed, .memberJoined, .memberContactChanged, .memberLeft, .memberErased]

    /// The columns without contact data.
    public static let columns = ["member", "kind", "channels", "joined", "left", "newsletter", "status"]
    /// The columns added by `--reveal`.
    public static let contactColumns = ["name", "phone", "email"]

    /// The members of `plp`, sorted by member ID; `reveal` adds the contact columns (sealed contact data shows as
    /// `(sealed)` until the personal-data issue provides the keys, erased as `(erased)`).
    public static func table(_ facts: NetworkFacts, plp: String, reveal: Bool) -> FigureTable {
        let members = facts.members.filter { $0.value.plp == plp }
        let rows: [[FigureTable.Cell]] = members.keys.sorted().compactMap { id in
            guard let member = members[id] else { return nil }
            var row: [FigureTable.Cell] = [
                .text(id), .text(member.kind.rawValue), .text(member.channels.map(\.rawValue).joined(separator: " ")),
                .text(Brussels.date(ofInstant: member.joinedAt).description),
                member.leftAt.map { .text(Brussels.date(ofInstant: $0).description) } ?? .empty,
                member.newsletter.map { .text($0 ? "yes" : "no") } ?? .empty,
                .text(member.erased ? "erased" : member.leftAt == nil ? "active" : "left"),
            ]
            if reveal {
                switch (member.erased, member.contact) {
                case (true, _): row += [.text("(erased)"), .empty, .empty]
                case (false, .clear(let details)):
                    row += [.text(details.name), details.phone.map { .text($0) } ?? .empty, details.email.map { .text($0) } ?? .empty]
                case (false, .sealed): row += [.text("(sealed)"), .empty, .empty]
                }
            }
            return row
        }
        return FigureTable(columns: reveal ? columns + contactColumns : columns, rows: rows)
    }
}
