import PLPEvents

/// A PLP's status (contract section 3): `proposed` until approved, then `active`; `suspended` between a suspension
/// and a reinstatement; `dissolved` at the end.
public enum PLPStatus: String, Sendable, CaseIterable {
    case proposed, active, suspended, dissolved
}

/// What the figures need of one PLP, from the standing events of its stream in version order.
public struct PLPRecord: Sendable, Equatable {
    /// The stream ID.
    public let id: String
    /// From `PLPProposed`.
    public var name = "", kind = PLPKind.other
    /// The commune as proposed, and on 2025 boundaries.
    public var commune: NISCode?, commune2025: NISCode?
    /// When the SPF approved it (`PLPApproved.occurredAt`, µs).
    public var approvedAt: Int64?
    /// The coordinator: from the charter, then each `CoordinatorChanged`.
    public var coordinator: String?
    /// Status changes in version order: the instant each occurred and the status it leads to.
    public var changes: [(at: Int64, status: PLPStatus)] = []

    /// A PLP known by its ID only.
    public init(id: String) { self.id = id }

    /// The status after all its standing events.
    public var status: PLPStatus? { changes.last?.status }

    /// The status from the events that occurred before `instant` (µs), folded in version order; nil if none had.
    public func status(before instant: Int64) -> PLPStatus? {
        var status: PLPStatus?
        for change in changes where change.at < instant { status = change.status }
        return status
    }

    /// True when the PLP was active at some moment of `[start, end)` (instants, µs), by the events that occurred by then.
    public func wasActive(from start: Int64, until end: Int64) -> Bool {
        if status(before: start + 1) == .active { return true }
        return changes.contains { $0.at > start && $0.at < end && $0.status == .active }
    }

    public static func == (a: PLPRecord, b: PLPRecord) -> Bool {
        a.id == b.id && a.name == b.name && a.kind == b.kind && a.commune == b.commune && a.approvedAt == b.approvedAt
            && a.coordinator == b.coordinator && a.changes.map(\.at) == b.changes.map(\.at)
            && a.changes.map(\.status) == b.changes.map(\.status)
    }
}
