/// The part of an event that the stream rules look at: its type, and for an information session whether support was sufficient.
public struct RuleToken: Sendable, Hashable {
    /// The event type.
    public var type: EventType
    /// For `InformationSessionHeld`: the session found sufficient support.
    public var supportSufficient: Bool

    /// Makes a token.
    public init(type: EventType, supportSufficient: Bool = false) {
        self.type = type
        self.supportSufficient = supportSufficient
    }

    /// The token of a payload.
    public init(_ payload: EventPayload) {
        if case .informationSessionHeld(let session) = payload {
            self.init(type: .informationSessionHeld, supportSufficient: session.supportSufficient)
        } else {
            self.init(type: payload.type)
        }
    }
}
