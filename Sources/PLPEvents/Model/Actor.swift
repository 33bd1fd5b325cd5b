/// The role of whoever records an event (contract, section 1).
public enum ActorRole: String, Sendable, CaseIterable, Hashable {
    case citizen, coordinator, police, commune, spf, system
}

/// Who records an event: `ROLE:ID`, e.g. `police:z5427`.
public struct Actor: Sendable, Hashable, CustomStringConvertible {
    /// The role.
    public let role: ActorRole
    /// The ID within that role.
    public let id: String
    /// The text as written, `ROLE:ID`.
    public var description: String { "\(role.rawValue):\(id)" }

    /// Makes an actor from parts already checked.
    public init(role: ActorRole, id: String) {
        self.role = role
        self.id = id
    }

    /// Parses `ROLE:ID`, or explains what is wrong.
    public static func parse(_ text: String) -> Result<Actor, StreamNameError> {
        guard let colon = text.firstIndex(of: ":") else {
            return .failure(StreamNameError(reason: "'\(text)' is not of the form ROLE:ID (e.g. police:z5427)"))
        }
        let roleText = text[..<colon]
        guard let role = ActorRole(rawValue: String(roleText)) else {
            let roles = ActorRole.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(StreamNameError(reason: "unknown role '\(roleText)'; the roles are \(roles)"))
        }
        let id = text[text.index(after: colon)...]
        if let problem = EntityID.problem(id) {
            return .failure(StreamNameError(reason: problem))
        }
        return .success(Actor(role: role, id: String(id)))
    }
}
