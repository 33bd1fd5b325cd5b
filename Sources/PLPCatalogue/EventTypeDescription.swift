/// One event type of the contract as the catalogue describes it: the one place its name, storage code, stream kind
/// and fields are written. The payload struct, its line decoder, stored form, canonical line and stored-bytes
/// transcoder are rendered from it (``CatalogueRenderer``); its stream rules stay hand-written in
/// `Sources/PLPEvents/Validation/`.
public struct EventTypeDescription: Sendable, Hashable {
    /// The type's name in event lines and in Swift, e.g. `PLPProposed`.
    public let name: String
    /// The one-byte storage code: stable, a new type takes the next free one.
    public let code: UInt8
    /// The raw value of the `StreamKind` its events belong to (`plp`, `member`…); nil for a type that fits any stream.
    public let streamKind: String?
    /// The payload struct's doc comment: one sentence saying what happened.
    public let summary: String
    /// The fields of `data`, in stored (binary) order, which is also the order of the struct's properties.
    public let fields: [FieldDescription]
    /// Whether a `StoredView` of its fields is generated: the fields read in place, strings as bytes, for a type
    /// the figures read on their hot path (`CrimeRecorded`, most of the log).
    public let hasStoredView: Bool

    /// Describes an event type.
    /// - Parameters:
    ///   - name: the name in event lines, e.g. `PLPProposed`.
    ///   - code: the storage code.
    ///   - streamKind: the raw value of its stream kind; nil for any stream.
    ///   - summary: the doc comment of its payload.
    ///   - fields: its `data` fields in stored order.
    ///   - storedView: whether to generate a `StoredView` of its fields.
    public init(_ name: String, code: UInt8, stream streamKind: String?, _ summary: String, fields: [FieldDescription] = [],
                storedView: Bool = false) {
        self.name = name
        self.code = code
        self.streamKind = streamKind
        self.summary = summary
        self.fields = fields
        hasStoredView = storedView
    }

    /// The `EventType` case: the name with its leading capitals in lower case (`PLPProposed` → `plpProposed`).
    public var caseName: String { lowerCamelCase(name) }

    /// The fields in canonical (RFC 8785) order: by UTF-16 code units of the name.
    public var canonicalFields: [FieldDescription] {
        fields.sorted { $0.name.utf16.lexicographicallyPrecedes($1.name.utf16) }
    }
}

/// One field of an event type's `data`: its name, what it holds, and whether it may be absent.
public struct FieldDescription: Sendable, Hashable {
    /// The key in `data` and the payload's property name.
    public let name: String
    /// What the field holds and how it is checked.
    public let kind: FieldKind
    /// Whether the field may be absent (the property is then optional, its parameter defaults to nil).
    public let isOptional: Bool

    /// A field that every event of its type has.
    public static func required(_ name: String, _ kind: FieldKind) -> FieldDescription {
        FieldDescription(name: name, kind: kind, isOptional: false)
    }

    /// A field that may be absent.
    public static func optional(_ name: String, _ kind: FieldKind) -> FieldDescription {
        FieldDescription(name: name, kind: kind, isOptional: true)
    }
}

/// What a field holds, with its checks and limits (contract sections 3 and 9): each kind maps to one `DataDecoder`
/// check, one stored form and one canonical JSON form.
public enum FieldKind: Sendable, Hashable {
    /// A string with at least one character that is not white space.
    case text
    /// Any string, the empty one included.
    case anyText
    /// A whole number from 0 to 1,000,000 (`EventLimits.count`).
    case count
    /// A year, 1900–2100 (`EventLimits.years`).
    case year
    /// `true` or `false`.
    case bool
    /// One value of a closed vocabulary, named by its Swift type (e.g. `PLPKind`).
    case choice(String)
    /// A non-empty list of distinct values of a closed vocabulary.
    case choiceList(String)
    /// The ID of a PLP, member or report (1–64 characters of `A-Z a-z 0-9 . _ -`).
    case entityID
    /// A 5-digit NIS commune code (whether it is in force is a rule, checked on the event's date).
    case nisCode
    /// A police zone number: 4 digits.
    case policeZone
    /// A calendar date `YYYY-MM-DD` of a year 1900–2100.
    case date
    /// The UUID of another event.
    case eventID
    /// A member's contact data, in clear or sealed.
    case contact
}

/// `PLPProposed` → `plpProposed`, `ConsultationHeld` → `consultationHeld`.
func lowerCamelCase(_ name: String) -> String {
    let characters = Array(name)
    var capitals = 0
    while capitals < characters.count, characters[capitals].isUppercase { capitals += 1 }
    // A run of capitals followed by a lower-case letter: its last capital starts the next word.
    let lowered = capitals > 1 && capitals < characters.count ? capitals - 1 : capitals
    return String(characters[..<lowered]).lowercased() + String(characters[lowered...])
}
