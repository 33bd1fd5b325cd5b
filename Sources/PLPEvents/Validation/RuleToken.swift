/// The part of an event that the stream rules look at: its type, for an information session whether support was
/// sufficient, and when it occurred (the time order).
public struct RuleToken: Sendable, Hashable {
    /// The event type.
    public var type: EventType
    /// For `InformationSessionHeld`: the session found sufficient support.
    public var supportSufficient: Bool
    /// When it occurred; nil where the time does not matter (a token made for the rules alone).
    public var occurredAt: OccurrenceMark?

    /// Makes a token.
    public init(type: EventType, supportSufficient: Bool = false, occurredAt: OccurrenceMark? = nil) {
        self.type = type
        self.supportSufficient = supportSufficient
        self.occurredAt = occurredAt
    }

    /// The token of a payload.
    public init(_ payload: EventPayload) {
        if case .informationSessionHeld(let session) = payload {
            self.init(type: .informationSessionHeld, supportSufficient: session.supportSufficient)
        } else {
            self.init(type: payload.type)
        }
    }

    /// The token of a payload that occurred at `occurredAt`.
    public init(_ payload: EventPayload, occurredAt: RFC3339Timestamp) {
        self.init(payload)
        self.occurredAt = OccurrenceMark(occurredAt, type: payload.type)
    }
}
