/// What an event needs of another stream it names (contract section 2: references must name streams that exist).
public enum ReferenceRequirement: Sendable, Hashable {
    /// The stream exists (its first event stands).
    case exists
    /// The PLP exists and is not dissolved.
    case notDissolved
    /// The PLP is active (approved, not suspended, not dissolved).
    case active

    /// Whether `facts` satisfy the requirement.
    public func isMet(by facts: StreamFacts) -> Bool {
        switch self {
        case .exists: facts.flags.contains(.exists)
        case .notDissolved: facts.flags.contains(.exists) && !facts.flags.contains(.dissolved)
        case .active: facts.plpStatus == .active
        }
    }
}

/// A cross-stream reference carried by an event's data.
public struct StreamReference: Sendable, Hashable {
    /// The field that names it, e.g. `data.plp`.
    public var field: String
    /// The stream named.
    public var stream: StreamName
    /// What must hold of it.
    public var requirement: ReferenceRequirement
    /// The event may not have occurred before the named stream's first event (contract section 3, time order).
    public var followsOpening = false

    /// The error when the requirement is not met, given the referenced stream's facts.
    public func failure(given facts: StreamFacts) -> EventLineError {
        guard facts.flags.contains(.exists) else {
            return EventLineError(field: field, "\(stream) does not exist in the ledger")
        }
        let status = facts.plpStatus?.rawValue ?? "unknown"
        switch requirement {
        case .exists: return EventLineError(field: field, "\(stream) does not exist in the ledger")
        case .notDissolved: return EventLineError(field: field, "\(stream) is dissolved")
        case .active: return EventLineError(field: field, "\(stream) is \(status), not active")
        }
    }
}

extension EventPayload {
    /// The other streams this event names, and what it needs of them.
    public var references: [StreamReference] {
        func plp(_ id: String, _ requirement: ReferenceRequirement) -> StreamReference {
            StreamReference(field: "data.plp", stream: StreamName(kind: .plp, id: id), requirement: requirement)
        }
        switch self {
        case .memberJoined(let joined):
            var proposal = plp(joined.plp, .notDissolved)
            proposal.followsOpening = true
            return [proposal]
        case .reportFiled(let filed):
            var references: [StreamReference] = []
            if let id = filed.plp { references.append(plp(id, .exists)) }
            if let id = filed.member {
                references.append(StreamReference(field: "data.member", stream: StreamName(kind: .member, id: id), requirement: .exists))
            }
            return references
        case .feedbackGiven(let feedback):
            return [plp(feedback.plp, .exists)]
        case .alertSent(let alert):
            var references = [plp(alert.plp, .active)]
            if let id = alert.report {
                var report = StreamReference(field: "data.report", stream: StreamName(kind: .report, id: id), requirement: .exists)
                report.followsOpening = true
                references.append(report)
            }
            return references
        case .bestPracticeShared(let practice):
            return practice.plp.map { [plp($0, .exists)] } ?? []
        default:
            return []
        }
    }
}
