// What each field kind becomes in the generated Swift: its type, its check, its stored form, its canonical JSON.
// Every fragment names one concrete call (no lookup, no existential): the generated code is as specialised as
// code written by hand.

extension FieldKind {
    /// The Swift type of a present value.
    var swiftType: String {
        switch self {
        case .text, .anyText, .entityID, .policeZone: "String"
        case .count, .year: "Int"
        case .bool: "Bool"
        case .choice(let vocabulary): vocabulary
        case .choiceList(let vocabulary): "[\(vocabulary)]"
        case .nisCode: "NISCode"
        case .date: "CivilDate"
        case .eventID: "EventID"
        case .contact: "Contact"
        }
    }

    /// Whether the value is stored as a length-prefixed string (the transcoder copies its bytes as they are).
    var isStoredString: Bool {
        switch self {
        case .text, .anyText, .entityID, .policeZone: true
        default: false
        }
    }

    /// The `DataDecoder` call that reads and checks the value of `key` in an event line.
    var lineDecoderCall: String {
        switch self {
        case .text: "d.text(key)"
        case .anyText: "d.optionalText(key)"
        case .count: "d.count(key)"
        case .year: "d.year(key)"
        case .bool: "d.bool(key)"
        case .choice(let vocabulary): "d.choice(key, \(vocabulary).self)"
        case .choiceList(let vocabulary): "d.choiceList(key, \(vocabulary).self)"
        case .entityID: "d.entityID(key)"
        case .nisCode: "d.nis(key)"
        case .policeZone: "d.policeZone(key)"
        case .date: "d.date(key)"
        case .eventID: "d.eventID(key)"
        case .contact: "d.contact(key)"
        }
    }

    /// The `BinaryReader` call that reads the stored value, or nil when this kind has no optional stored form.
    func storedRead(optional: Bool) -> String? {
        switch (self, optional) {
        case (.text, false), (.anyText, false), (.entityID, false), (.policeZone, false): "r.string()"
        case (.text, true), (.anyText, true), (.entityID, true), (.policeZone, true): "r.optionalString()"
        case (.count, false), (.year, false): "r.int()"
        case (.bool, false): "r.bool()"
        case (.bool, true): "r.optionalBool()"
        case (.choice(let vocabulary), false): "r.choice(\(vocabulary).self)"
        case (.choice(let vocabulary), true): "r.optionalChoice(\(vocabulary).self)"
        case (.choiceList(let vocabulary), false): "r.choiceList(\(vocabulary).self)"
        case (.nisCode, false): "r.nis()"
        case (.date, false): "r.date()"
        case (.eventID, false): "r.eventID()"
        case (.contact, false): "r.contact()"
        default: nil
        }
    }

    /// The `BinaryWriter` call that stores `value` (`optional` as in ``storedRead(optional:)``).
    func storedWrite(_ value: String, optional: Bool) -> String {
        let method: String
        switch self {
        case .text, .anyText, .entityID, .policeZone: method = optional ? "optionalString" : "string"
        case .count, .year: method = "int"
        case .bool: method = optional ? "optionalBool" : "bool"
        case .choice: method = optional ? "optionalChoice" : "choice"
        case .choiceList: method = "choiceList"
        case .nisCode: method = "nis"
        case .date: method = "date"
        case .eventID: method = "eventID"
        case .contact: method = "contact"
        }
        return "w.\(method)(\(value))"
    }

    /// The `BinaryReader` call of the transcoder: strings are referenced in the stored bytes, never built.
    func transcoderRead(optional: Bool) -> String? {
        guard isStoredString else { return storedRead(optional: optional) }
        return optional ? "r.optionalRawString()" : "r.rawString()"
    }

    /// The `CanonicalJSONWriter` statement that writes a present `value` from the typed payload.
    func canonicalWrite(_ value: String) -> String {
        switch self {
        case .text, .anyText, .entityID, .policeZone: "w.string(\(value))"
        case .count, .year: "w.integer(Int64(\(value)))"
        case .bool: "w.bool(\(value))"
        case .choice: "w.string(\(value).rawValue)"
        case .choiceList: "w.beginArray(); for item in \(value) { w.string(item.rawValue) }; w.endArray()"
        case .nisCode, .date, .eventID: "w.string(\(value).description)"
        case .contact: "\(value).encodeJSON(into: &w)"
        }
    }

    /// The `CanonicalJSONWriter` statement that writes a present `value` read by ``transcoderRead(optional:)``:
    /// byte for byte what ``canonicalWrite(_:)`` writes for the typed value.
    func transcoderWrite(_ value: String) -> String {
        switch self {
        case .text, .anyText, .entityID, .policeZone: "w.rawString(\(value))"
        case .count, .year: "w.integer(Int64(\(value)))"
        case .bool: "w.bool(\(value))"
        case .choice: "w.asciiString { $0.appendUTF8(\(value).rawValue) }"
        case .choiceList: "w.beginArray(); for item in \(value) { w.asciiString { $0.appendUTF8(item.rawValue) } }; w.endArray()"
        case .nisCode: "w.asciiString { \(value).write(into: &$0) }"
        case .date: "w.asciiString { \(value).writeISO(into: &$0) }"
        case .eventID: "w.asciiString { \(value).write(into: &$0) }"
        case .contact: "\(value).encodeJSON(into: &w)"
        }
    }
}
