/// A member's contact details in clear: the only personal data of the ledger.
public struct ContactDetails: Sendable, Hashable {
    /// The member's name.
    public var name: String
    /// A phone number, as given.
    public var phone: String?
    /// An e-mail address, as given.
    public var email: String?

    /// Makes contact details.
    public init(name: String, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
    }

    /// Writes `{"email":…,"name":…,"phone":…}` in canonical JSON.
    public func encodeJSON<Writer: JSONLineWriting>(into w: inout Writer) {
        w.beginObject()
        if let email { w.key("email"); w.string(email) }
        w.key("name"); w.string(name)
        if let phone { w.key("phone"); w.string(phone) }
        w.endObject()
    }
}

/// The `contact` field of a member event: in clear as received, or sealed (contract, section 4).
///
/// The stored form has room for both, so that sealing is a change of the value, not of the log format.
public enum Contact: Sendable, Hashable {
    /// Contact details in clear.
    case clear(ContactDetails)
    /// The sealed form `{"sealed":"BASE64"}`: the details encrypted under the member's own key.
    case sealed([UInt8])

    /// Writes the JSON form of the contact.
    public func encodeJSON<Writer: JSONLineWriting>(into w: inout Writer) {
        switch self {
        case .clear(let details):
            details.encodeJSON(into: &w)
        case .sealed(let box):
            w.beginObject()
            w.key("sealed")
            w.string(Base64.encode(box))
            w.endObject()
        }
    }
}
