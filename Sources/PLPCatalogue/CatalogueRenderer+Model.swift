// The model files: `EventType` and the payload structs with `EventPayload`.

extension CatalogueRenderer {
    /// `EventType`: its cases, storage codes and stream kinds.
    static func eventTypeFile(_ catalogue: [EventTypeDescription]) -> [String] {
        var out = ["/// The event types of contract section 3 (schema 1), with their stream kind and storage code.",
                   "public enum EventType: String, Sendable, CaseIterable, Hashable {"]
        for type in catalogue { out.append("    case \(type.caseName) = \"\(type.name)\"") }
        out += ["", "    /// The one-byte storage code (stable: append new types at the end).",
                "    public var code: UInt8 {", "        switch self {"]
        for type in catalogue { out.append("        case .\(type.caseName): \(type.code)") }
        out += ["        }", "    }", "", "    /// The type stored under `code`, or nil.",
                "    public init?(code: UInt8) {", "        switch code {"]
        for type in catalogue { out.append("        case \(type.code): self = .\(type.caseName)") }
        out += ["        default: return nil", "        }", "    }", "",
                "    /// The kind of stream this type belongs to; nil for a type that fits any stream (`EventVoided`).",
                "    public var streamKind: StreamKind? {", "        switch self {"]
        for type in catalogue { out.append("        case .\(type.caseName): \(type.streamKind.map { "." + $0 } ?? "nil")") }
        out += ["        }", "    }", "}"]
        return out
    }

    /// The payload structs, then `EventPayload` with its type and contact accessors.
    static func payloadsFile(_ catalogue: [EventTypeDescription]) -> [String] {
        var out: [String] = []
        for type in catalogue {
            out += ["/// \(type.summary)", "public struct \(type.name): EventBody {",
                    "    public static let eventType = EventType.\(type.caseName)",
                    "    public static let fieldNames: [String] = [\(type.canonicalFields.map { "\"\($0.name)\"" }.joined(separator: ", "))]"]
            if !type.fields.isEmpty { out.append("") }
            for field in type.fields { out.append("    public var \(field.name): \(field.declaredType)") }
            let parameters = type.fields.map { "\($0.name): \($0.declaredType)\($0.isOptional ? " = nil" : "")" }
            out += ["", "    /// Makes the payload from values already checked.",
                    "    public init(\(parameters.joined(separator: ", "))) {"]
            for field in type.fields { out.append("        self.\(field.name) = \(field.name)") }
            out += ["    }", "}", ""]
        }
        out += ["/// The typed data of an event: one case per event type of contract section 3.",
                "public enum EventPayload: Sendable, Hashable {"]
        for type in catalogue { out.append("    case \(type.caseName)(\(type.name))") }
        out += ["", "    /// The event type of this payload.", "    public var type: EventType {", "        switch self {"]
        for type in catalogue { out.append("        case .\(type.caseName): .\(type.caseName)") }
        out += ["        }", "    }"]
        let withContact = catalogue.compactMap { type in type.fields.first { $0.kind == .contact }.map { (type, $0) } }
        out += ["", "    /// The contact data the event carries (\(withContact.map { "`\($0.0.name)`" }.joined(separator: ", "))), if any.",
                "    public var contact: Contact? {", "        switch self {"]
        for (type, field) in withContact { out.append("        case .\(type.caseName)(let body): body.\(field.name)") }
        out += ["        default: nil", "        }", "    }", "",
                "    /// The same payload with its contact replaced.",
                "    public func replacingContact(_ contact: Contact) -> EventPayload {", "        switch self {"]
        for (type, field) in withContact {
            out += ["        case .\(type.caseName)(var body):", "            body.\(field.name) = contact",
                    "            return .\(type.caseName)(body)"]
        }
        out += ["        default:", "            return self", "        }", "    }", "}"]
        return out
    }
}
