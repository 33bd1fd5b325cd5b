import PLPEvents

/// `project registry`: every PLP with its kind, commune (2025 boundaries, region, province), status, approval date,
/// coordinator and active members (joined, not left), as the selection knows them.
public enum Registry {
    /// The event types the registry reads.
    public static let reads: EventTypeSet = [
        .plpProposed, .charterSigned, .plpApproved, .coordinatorChanged, .plpSuspended, .plpReinstated, .plpDissolved,
        .memberJoined, .memberLeft,
    ]

    /// The columns.
    public static let columns = ["plp", "name", "kind", "commune", "commune_name", "region", "province", "status",
                                 "approved", "coordinator", "active_members"]

    /// The registry, sorted by PLP ID; only the PLPs whose commune lies in `area`.
    public static func table(_ facts: NetworkFacts, area: Area = .belgium) -> FigureTable {
        var active: [String: Int] = [:]
        for member in facts.members.values where member.leftAt == nil { active[member.plp, default: 0] += 1 }
        let registry = CommuneRegistry.shared
        let rows: [[FigureTable.Cell]] = facts.plps.keys.sorted().compactMap { id in
            guard let plp = facts.plps[id], area.contains(plp.commune2025) else { return nil }
            let commune = plp.commune2025.flatMap { registry.commune($0) }
            return [
                .text(id), .text(plp.name), .text(plp.kind.rawValue), plp.commune2025.map { .text($0.description) } ?? .empty,
                commune.map { .text($0.nameFR == $0.nameNL ? $0.nameFR : "\($0.nameFR) / \($0.nameNL)") } ?? .empty,
                commune.flatMap { registry.unit($0.region) }.map { .text($0.nameFR) } ?? .empty,
                commune.flatMap { $0.province }.flatMap { registry.unit($0) }.map { .text($0.nameFR) } ?? .empty,
                plp.status.map { .text($0.rawValue) } ?? .empty,
                plp.approvedAt.map { .text(Brussels.date(ofInstant: $0).description) } ?? .empty,
                plp.coordinator.map { .text($0) } ?? .empty,
                .integer(active[id] ?? 0),
            ]
        }
        return FigureTable(columns: columns, rows: rows)
    }
}
