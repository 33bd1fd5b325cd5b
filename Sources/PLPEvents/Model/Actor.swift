/// The role of whoever records an event (contract, section 1).
public enum ActorRole: String, Sendable, CaseIterable, Hashable {
    case citizen, coordinator, police, commune, spf, system

    /// The roles in storage order (a role is stored as its index here), built once: the synthesised `allCases`
    /// makes a new array at every call.
    static let storageOrder: [ActorRole] = allCases
}

/// Who records an event: `ROLE:ID`, e.g. `police:z5427`.
public struct Actor: Sendable, Hashable, CustomStringConvertible {
    /// The role.
    public let role: ActorRole
    /// The ID within that role.
    public let id: String
    /// The text as written, `ROLE:ID`.
    public var description: String { "\(role.rawValue):\(id)" }

    /// Appends `ROLE:ID` as UTF-8.
    @inline(__always)
    public func write<Sink: ByteSink>(into bytes: inout Sink) {
        bytes.appendUTF8(role.rawValue)
        bytes.appendByte(UInt8(ascii: ":"))
        bytes.appendUTF8(id)
    }

    /// Makes an actor from parts already checked.
    public init(role: ActorRole, id: String) {
        self.role = role
        self.id = id
    }

    /// Parses `ROLE:ID`, or explains what is wrong.
    public static func parse(_ text: String) -> Result<Actor, StreamNameError> {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else {
            return .failure(StreamNameError(reason: "'\(text)' is not of the form ROLE:ID (e.g. police:z5427)"))
        }
        let roleText = text[..<colon]
        guard let role = ActorRole(rawValue: String(roleText)) else {
            let roles = ActorRole.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(StreamNameError(reason: "unknown role '\(roleText)'; the roles are \(roles)"))
        }
        let id = text[text.utf8.index(after: colon)...]
        if let problem = EntityID.problem(id) {
            return .failure(StreamNameError(reason: problem))
        }
        return .success(Actor(role: role, id: String(id)))
    }
}
