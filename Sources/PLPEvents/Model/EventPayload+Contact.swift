extension EventPayload {
    /// The contact data the event carries (`MemberJoined`, `MemberContactChanged`), if any.
    public var contact: Contact? {
        switch self {
        case .memberJoined(let joined): joined.contact
        case .memberContactChanged(let changed): changed.contact
        default: nil
        }
    }

    /// The same payload with its contact replaced.
    public func replacingContact(_ contact: Contact) -> EventPayload {
        switch self {
        case .memberJoined(var joined):
            joined.contact = contact
            return .memberJoined(joined)
        case .memberContactChanged(var changed):
            changed.contact = contact
            return .memberContactChanged(changed)
        default:
            return self
        }
    }
}
