/// Why an event is refused: the field concerned and the reason, in plain words.
///
/// Import prefixes the line number: `line 12: data.kind: 'house' is not one of residential, independents, sectoral, other`.
public struct EventLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field path (`stream`, `data.contact.name`), or nil when the whole line is at fault.
    public var field: String?
    /// What is wrong, as a phrase a person can act on.
    public var reason: String

    /// Makes an error about `field`.
    public init(field: String?, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    /// `field: reason`, or the reason alone.
    public var description: String {
        if let field { return "\(field): \(reason)" }
        return reason
    }
}
