/// Reads the `data` object of an event line field by field, checking each value and naming the field in every error.
public struct DataDecoder {
    /// The reader positioned on the object.
    var reader: JSONReader
    /// The path of the object, e.g. `data` or `data.contact`.
    let path: String

    /// Reads the object at the reader's position, whose path is `path`.
    public init(reader: JSONReader, path: String) {
        self.reader = reader
        self.path = path
    }

    /// The full path of a field of this object.
    func field(_ key: String) -> String { "\(path).\(key)" }

    /// Walks the object's members; `body` reads a known field's value and returns true, or returns false for an unknown one.
    ///
    /// Duplicate and unknown fields are errors naming the allowed fields of `Body`.
    public mutating func forEachField<Body: EventBody>(
        of _: Body.Type,
        _ body: (String, inout DataDecoder) throws(EventLineError) -> Bool
    ) throws(EventLineError) {
        try forEachField(allowed: Body.fieldNames, body)
    }

    /// Walks the object's members; see ``forEachField(of:_:)``.
    public mutating func forEachField(
        allowed: [String],
        _ body: (String, inout DataDecoder) throws(EventLineError) -> Bool
    ) throws(EventLineError) {
        let kind: JSONKind
        do throws(JSONError) { kind = try reader.peekKind() } catch { throw EventLineError(field: path, error.description) }
        guard kind == .object else { throw EventLineError(field: path, "must be an object, not \(kind)") }
        do throws(JSONError) { try reader.beginObject() } catch { throw EventLineError(field: path, error.description) }
        var seen: [String] = []
        while true {
            let key: String?
            do throws(JSONError) { key = try reader.nextKey() } catch { throw EventLineError(field: path, error.description) }
            guard let key else { return }
            if seen.contains(key) { throw EventLineError(field: field(key), "appears twice") }
            seen.append(key)
            guard try body(key, &self) else {
                let list = allowed.isEmpty ? "this type has no data fields" : "the fields are \(allowed.joined(separator: ", "))"
                throw EventLineError(field: field(key), "unknown field; \(list)")
            }
        }
    }

    /// Unwraps a required field, or reports it missing.
    public func required<T>(_ value: T?, _ key: String) throws(EventLineError) -> T {
        guard let value else { throw EventLineError(field: field(key), "is required") }
        return value
    }

    // MARK: Values

    /// Maps a reader error on `key` to a field error.
    private func fail(_ key: String, _ error: JSONError) -> EventLineError {
        switch error.kind {
        case .typeMismatch(let expected, let found):
            return EventLineError(field: field(key), "must be \(expected), not \(found)")
        case .notAnInteger:
            return EventLineError(field: field(key), "must be a whole number")
        case .integerOutOfRange:
            return EventLineError(field: field(key), "is too large")
        case .syntax:
            return EventLineError(field: field(key), error.description)
        }
    }

    /// Any string.
    public mutating func optionalText(_ key: String) throws(EventLineError) -> String {
        do throws(JSONError) { return try reader.readString() } catch { throw fail(key, error) }
    }

    /// A string with at least one character that is not white space.
    public mutating func text(_ key: String) throws(EventLineError) -> String {
        let value = try optionalText(key)
        if value.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw EventLineError(field: field(key), "must not be empty")
        }
        return value
    }

    /// A whole number from 0 to 1,000,000 (contract section 9).
    public mutating func count(_ key: String) throws(EventLineError) -> Int {
        let value: Int64
        do throws(JSONError) { value = try reader.readInteger() } catch { throw fail(key, error) }
        if let problem = EventLimits.countProblem(value) { throw EventLineError(field: field(key), problem) }
        return Int(value)
    }

    /// A year, 1900–2100 (contract section 9).
    public mutating func year(_ key: String) throws(EventLineError) -> Int {
        let value: Int64
        do throws(JSONError) { value = try reader.readInteger() } catch { throw fail(key, error) }
        if let problem = EventLimits.yearProblem(value) { throw EventLineError(field: field(key), problem) }
        return Int(value)
    }

    /// `true` or `false`.
    public mutating func bool(_ key: String) throws(EventLineError) -> Bool {
        do throws(JSONError) { return try reader.readBool() } catch { throw fail(key, error) }
    }

    /// One value of a closed enumeration.
    public mutating func choice<V: Vocabulary>(_ key: String, _: V.Type) throws(EventLineError) -> V {
        let text = try optionalText(key)
        guard let value = V(rawValue: text) else {
            throw EventLineError(field: field(key), "'\(text)' is not one of \(V.allowedValues)")
        }
        return value
    }

    /// A non-empty list of distinct values of a closed enumeration.
    public mutating func choiceList<V: Vocabulary>(_ key: String, _: V.Type) throws(EventLineError) -> [V] {
        var values: [V] = []
        let kind: JSONKind
        do throws(JSONError) { kind = try reader.peekKind() } catch { throw fail(key, error) }
        guard kind == .array else { throw EventLineError(field: field(key), "must be a list, not \(kind)") }
        do throws(JSONError) { try reader.beginArray() } catch { throw fail(key, error) }
        while true {
            let text: String
            do throws(JSONError) {
                guard try reader.hasNextElement() else { break }
                text = try reader.readString()
            } catch { throw fail(key, error) }
            guard let value = V(rawValue: text) else {
                throw EventLineError(field: field(key), "'\(text)' is not one of \(V.allowedValues)")
            }
            if values.contains(value) { throw EventLineError(field: field(key), "'\(text)' is listed twice") }
            values.append(value)
        }
        if values.isEmpty { throw EventLineError(field: field(key), "must list at least one of \(V.allowedValues)") }
        return values
    }

    /// An ID of a PLP, member or report (1–64 characters of `A-Z a-z 0-9 . _ -`).
    public mutating func entityID(_ key: String) throws(EventLineError) -> String {
        let text = try optionalText(key)
        if let problem = EntityID.problem(text[...]) { throw EventLineError(field: field(key), problem) }
        return text
    }

    /// A 5-digit NIS code (whether it is in force is checked against the event's date later).
    public mutating func nis(_ key: String) throws(EventLineError) -> NISCode {
        let text = try optionalText(key)
        guard let code = NISCode(text) else {
            throw EventLineError(field: field(key), "'\(text)' is not a 5-digit NIS commune code")
        }
        return code
    }

    /// A police zone number: 4 digits.
    public mutating func policeZone(_ key: String) throws(EventLineError) -> String {
        let text = try optionalText(key)
        guard text.utf8.count == 4, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw EventLineError(field: field(key), "'\(text)' is not a police zone (4 digits, e.g. 5340)")
        }
        return text
    }

    /// A calendar date, `YYYY-MM-DD`, of a year 1900–2100 (contract section 9).
    public mutating func date(_ key: String) throws(EventLineError) -> CivilDate {
        let text = try optionalText(key)
        guard let date = CivilDate.parse(text) else {
            throw EventLineError(field: field(key), "'\(text)' is not a date YYYY-MM-DD")
        }
        if let problem = EventLimits.yearProblem(Int64(date.year)) {
            throw EventLineError(field: field(key), "'\(text)': \(problem)")
        }
        return date
    }

    /// The UUID of another event.
    public mutating func eventID(_ key: String) throws(EventLineError) -> EventID {
        let text = try optionalText(key)
        guard let id = EventID(text) else { throw EventLineError(field: field(key), "'\(text)' is not a UUID") }
        return id
    }

    /// `{name, phone, email}` in clear, or `{"sealed": "BASE64"}`.
    public mutating func contact(_ key: String) throws(EventLineError) -> Contact {
        var nested = DataDecoder(reader: reader, path: field(key))
        var name: String?
        var phone: String?
        var email: String?
        var sealed: [UInt8]?
        try nested.forEachField(allowed: ["email", "name", "phone", "sealed"]) { field, d throws(EventLineError) in
            switch field {
            case "name": name = try d.text(field)
            case "phone": phone = try d.optionalText(field)
            case "email": email = try d.optionalText(field)
            case "sealed":
                let text = try d.text(field)
                guard let bytes = Base64.decode(text) else {
                    throw EventLineError(field: d.field(field), "is not valid base64")
                }
                sealed = bytes
            default: return false
            }
            return true
        }
        reader = nested.reader
        if let sealed {
            guard name == nil, phone == nil, email == nil else {
                throw EventLineError(field: field(key), "a sealed contact has only the field sealed")
            }
            return .sealed(sealed)
        }
        return .clear(ContactDetails(name: try nested.required(name, "name"), phone: phone, email: email))
    }
}
