/// Turns one NDJSON event line into a checked ``NewEvent``: JSON syntax, every field, closed enumerations,
/// IDs, RFC 3339 times and NIS codes in force on the event's date (contract sections 1–3).
///
/// Stream rules that depend on the ledger's state are checked by the store when the event is appended.
public struct EventLineDecoder: Sendable {
    /// Whether the line is an export whose `seq`, `version`, `recordedAt` and `hash` must be kept (`import --preserve`).
    public var preserve: Bool
    /// The commune table.
    public let communes: CommuneRegistry

    /// A decoder.
    public init(preserve: Bool = false, communes: CommuneRegistry = .shared) {
        self.preserve = preserve
        self.communes = communes
    }

    /// The field names an event line may have.
    public static let topLevelFields = ["actor", "data", "expectedVersion", "hash", "id", "occurredAt", "recordedAt",
                                        "schema", "seq", "stream", "type", "version"]

    /// Decodes and checks a line (without its `\n`).
    public func decode(_ line: UnsafeRawBufferPointer) throws(EventLineError) -> NewEvent {
        var reader = JSONReader(bytes: line)
        var id: EventID?
        var stream: StreamName?
        var type: EventType?
        var schema = 1
        var occurredAt: RFC3339Timestamp?
        var actor: Actor?
        var dataRange: Range<Int>?
        var expectedVersion: UInt64?
        var seq: UInt64?, version: UInt64?, recordedAt: Int64?, hash: Digest32?
        var seen: [String] = []
        let kind: JSONKind
        do throws(JSONError) { kind = try reader.peekKind() } catch {
            throw EventLineError(field: nil, "not valid JSON: \(error.description)")
        }
        guard kind == .object else { throw EventLineError(field: nil, "an event line must be a JSON object, not \(kind)") }
        do throws(JSONError) { try reader.beginObject() } catch {
            throw EventLineError(field: nil, "not valid JSON: \(error.description)")
        }
        while true {
            let key: String?
            do throws(JSONError) { key = try reader.nextKey() } catch { throw EventLineError(field: nil, "not valid JSON: \(error.description)") }
            guard let key else { break }
            if seen.contains(key) { throw EventLineError(field: key, "appears twice") }
            seen.append(key)
            var field = FieldReader(reader: reader, name: key)
            switch key {
            case "id":
                let text = try field.string()
                guard let parsed = EventID(text) else { throw EventLineError(field: key, "'\(text)' is not a UUID") }
                id = parsed
            case "stream":
                switch StreamName.parse(try field.string()) {
                case .success(let name): stream = name
                case .failure(let error): throw EventLineError(field: key, error.reason)
                }
            case "type":
                let text = try field.string()
                guard let parsed = EventType(rawValue: text) else {
                    throw EventLineError(field: key, "'\(text)' is not an event type of the contract (e.g. PLPProposed, MemberJoined, CrimeRecorded)")
                }
                type = parsed
            case "schema":
                let value = try field.integer()
                guard value == 1 else { throw EventLineError(field: key, "schema \(value) is not supported; this ledger knows schema 1") }
                schema = 1
            case "occurredAt":
                let text = try field.string()
                let parsed: RFC3339Timestamp
                do throws(TimeFormatError) { parsed = try RFC3339Timestamp.parse(text) } catch {
                    throw EventLineError(field: key, "'\(text)': \(error.reason)")
                }
                if let problem = EventLimits.yearProblem(Int64(parsed.writtenYear)) {
                    throw EventLineError(field: key, "'\(text)': \(problem)")
                }
                occurredAt = parsed
            case "actor":
                switch Actor.parse(try field.string()) {
                case .success(let parsed): actor = parsed
                case .failure(let error): throw EventLineError(field: key, error.reason)
                }
            case "data":
                dataRange = try field.skip()
            case "expectedVersion":
                let value = try field.integer()
                guard value >= 0 else { throw EventLineError(field: key, "must be 0 or more") }
                expectedVersion = UInt64(value)
            case "seq", "version":
                if preserve {
                    let value = try field.integer()
                    guard value >= 1 else { throw EventLineError(field: key, "must be 1 or more") }
                    if key == "seq" { seq = UInt64(value) } else { version = UInt64(value) }
                } else {
                    _ = try field.skip()
                }
            case "recordedAt":
                if preserve {
                    let text = try field.string()
                    guard let micros = RecordedAt.parse(text) else {
                        throw EventLineError(field: key, "'\(text)' is not of the form YYYY-MM-DDTHH:MM:SS.ffffffZ")
                    }
                    recordedAt = micros
                } else {
                    _ = try field.skip()
                }
            case "hash":
                if preserve {
                    let text = try field.string()
                    guard text.utf8.count == 64, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }),
                          let digest = Digest32(hex: text) else {
                        throw EventLineError(field: key, "must be 64 lowercase hex digits")
                    }
                    hash = digest
                } else {
                    _ = try field.skip()
                }
            default:
                throw EventLineError(field: key, "unknown field; an event line has \(Self.topLevelFields.joined(separator: ", "))")
            }
            reader = field.reader
        }
        do throws(JSONError) { try reader.finish() } catch {
            throw EventLineError(field: nil, "not valid JSON: \(error.description)")
        }
        guard let stream else { throw EventLineError(field: "stream", "is required") }
        guard let type else { throw EventLineError(field: "type", "is required") }
        guard let occurredAt else { throw EventLineError(field: "occurredAt", "is required") }
        guard let actor else { throw EventLineError(field: "actor", "is required") }
        guard let dataRange else { throw EventLineError(field: "data", "is required") }
        if let home = type.streamKind, home != stream.kind {
            throw EventLineError(field: "type", "\(type.rawValue) belongs in a \(home.rawValue)/ID stream, not in \(stream)")
        }
        var data = DataDecoder(reader: reader.reader(for: dataRange), path: "data")
        let payload = try EventPayload.decode(type, from: &data)
        var preserved: PreservedPlacement?
        if preserve {
            guard let id else { throw EventLineError(field: "id", "is required with --preserve") }
            guard let seq else { throw EventLineError(field: "seq", "is required with --preserve") }
            guard let version else { throw EventLineError(field: "version", "is required with --preserve") }
            guard let recordedAt else { throw EventLineError(field: "recordedAt", "is required with --preserve") }
            guard let hash else { throw EventLineError(field: "hash", "is required with --preserve") }
            _ = id
            preserved = PreservedPlacement(seq: seq, version: version, recordedAt: recordedAt, hash: hash)
        }
        let event = NewEvent(id: id, stream: stream, occurredAt: occurredAt, actor: actor, schema: schema,
                             payload: payload, expectedVersion: expectedVersion, preserved: preserved)
        try checkReferenceData(event)
        return event
    }

    /// Checks NIS codes against the commune table on the event's date, and `occurredOn` against `occurredAt`.
    public func checkReferenceData(_ event: NewEvent) throws(EventLineError) {
        let day = Brussels.date(ofInstant: event.occurredAt.instant)
        switch event.payload {
        case .plpProposed(let proposed):
            if let problem = communes.problem(proposed.commune, on: day) { throw EventLineError(field: "data.commune", problem) }
        case .reportFiled(let filed):
            if let problem = communes.problem(filed.commune, on: day) { throw EventLineError(field: "data.commune", problem) }
        case .crimeRecorded(let crime):
            if crime.occurredOn > day {
                throw EventLineError(field: "data.occurredOn", "\(crime.occurredOn) is after occurredAt (\(day) in Brussels)")
            }
            guard let nis = NISCode(event.stream.id) else {
                throw EventLineError(field: "stream", "\(event.stream.id) is not a 5-digit NIS code")
            }
            if let problem = communes.problem(nis, on: crime.occurredOn) { throw EventLineError(field: "stream", problem) }
        default:
            break
        }
    }
}

/// Reads one top-level value of an event line, naming the field in errors.
struct FieldReader {
    var reader: JSONReader
    let name: String

    private func fail(_ error: JSONError) -> EventLineError {
        switch error.kind {
        case .typeMismatch(let expected, let found): EventLineError(field: name, "must be \(expected), not \(found)")
        case .notAnInteger: EventLineError(field: name, "must be a whole number")
        case .integerOutOfRange: EventLineError(field: name, "is too large")
        case .syntax: EventLineError(field: name, "not valid JSON: \(error.description)")
        }
    }

    mutating func string() throws(EventLineError) -> String {
        do throws(JSONError) { return try reader.readString() } catch { throw fail(error) }
    }

    mutating func integer() throws(EventLineError) -> Int64 {
        do throws(JSONError) { return try reader.readInteger() } catch { throw fail(error) }
    }

    mutating func skip() throws(EventLineError) -> Range<Int> {
        do throws(JSONError) { return try reader.skipValue() } catch { throw fail(error) }
    }
}
