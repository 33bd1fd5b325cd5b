/// One member of a JSON object in a `JSONValue` tree: a key and its value.
public struct JSONMember: Sendable, Equatable {
    /// The member's key.
    public var key: String
    /// The member's value.
    public var value: JSONValue

    /// Makes a member.
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON value as a tree, for cold paths.
///
/// Numbers: a whole number within `Int64` (no fraction, no exponent) becomes `.integer`; any
/// other number becomes `.number` (a `Double`, so digits beyond its precision are lost).
/// Objects keep their members in input order; duplicate keys are rejected by `parse`.
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`
    case null
    /// `true` or `false`
    case bool(Bool)
    /// A whole number written without fraction or exponent, within `Int64`.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in input order.
    case object([JSONMember])

    /// Parses one JSON text (strict RFC 8259, see `JSONReader`). Duplicate keys in an object are
    /// a syntax error "duplicate key \"x\"". Nesting is limited to `JSONReader.maxDepth` levels.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            parseResult(UnsafeRawBufferPointer(buffer))
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBytes { parseResult($0) }.get()
    }

    private static func parseResult(_ bytes: UnsafeRawBufferPointer) -> Result<JSONValue, JSONError> {
        do throws(JSONError) {
            var reader = JSONReader(bytes: bytes)
            return .success(try parse(&reader))
        } catch {
            return .failure(error)
        }
    }

    /// A container being filled while parsing (an explicit stack, so deep input cannot overflow
    /// the call stack).
    private enum Frame {
        case array([JSONValue])
        case object([JSONMember], Set<String>, pendingKey: String)
    }

    /// Parses the next value from `reader` and checks that nothing but white space follows.
    static func parse(_ reader: inout JSONReader) throws(JSONError) -> JSONValue {
        var stack: [Frame] = []
        while true {
            var value: JSONValue
            switch try reader.peekKind() {
            case .object:
                try reader.beginObject()
                if let key = try reader.nextKey() {
                    stack.append(.object([], [key], pendingKey: key))
                    continue
                }
                value = .object([])
            case .array:
                try reader.beginArray()
                if try reader.hasNextElement() {
                    stack.append(.array([]))
                    continue
                }
                value = .array([])
            case .string:
                value = .string(try reader.readString())
            case .number:
                value = try reader.readNumberValue()
            case .bool:
                value = .bool(try reader.readBool())
            case .null:
                try reader.readNull()
                value = .null
            }
            // Attach the finished value to its container, closing containers that end here.
            attach: while true {
                guard let frame = stack.popLast() else {
                    try reader.finish()
                    return value
                }
                switch frame {
                case .array(var items):
                    items.append(value)
                    if try reader.hasNextElement() {
                        stack.append(.array(items))
                        break attach
                    }
                    value = .array(items)
                case .object(var members, var seen, let key):
                    members.append(JSONMember(key, value))
                    if let next = try reader.nextKey() {
                        guard seen.insert(next).inserted else {
                            throw JSONError.syntax("duplicate key \"\(next)\"", at: reader.lastKeyOffset)
                        }
                        stack.append(.object(members, seen, pendingKey: next))
                        break attach
                    }
                    value = .object(members)
                }
            }
        }
    }

    /// The value of the first member named `key` when this is an object; nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// The element at `index` when this is an array and the index is in range; nil otherwise.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The whole number, when this is an integer.
    public var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// The number as a `Double`, when this is an integer or a number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// The Boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The members in order, when this is an object.
    public var objectMembers: [JSONMember]? {
        if case .object(let m) = self { return m }
        return nil
    }

    /// True when this is `null`.
    public var isNull: Bool { self == .null }

    /// The kind of this value.
    public var kind: JSONKind {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .integer, .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    /// RFC 8785 (JCS) canonical form: object keys sorted by UTF-16 code units, no white space,
    /// RFC 8785 string escaping, integers in plain decimal, doubles as ECMAScript writes them.
    ///
    /// Limits: `.integer` values are written exactly, even beyond 2^53 where a JCS implementation
    /// working with IEEE doubles would round them; NaN and infinities (which `parse` never
    /// produces) are written as `null`; if an object built by hand has duplicate keys, all are
    /// written (stable order).
    public func canonicalBytes() -> [UInt8] {
        var writer = CanonicalJSONWriter(capacity: 256)
        writeCanonical(into: &writer)
        return writer.bytes
    }

    /// Writes the RFC 8785 canonical form of this value into `writer`.
    public func writeCanonical(into writer: inout CanonicalJSONWriter) {
        // Explicit stack of pending work so that deep trees cannot overflow the call stack.
        enum Task {
            case value(JSONValue)
            case key(String)
            case endObject
            case endArray
        }
        var tasks: [Task] = [.value(self)]
        while let task = tasks.popLast() {
            switch task {
            case .key(let k):
                writer.key(k)
            case .endObject:
                writer.endObject()
            case .endArray:
                writer.endArray()
            case .value(let v):
                switch v {
                case .null: writer.null()
                case .bool(let b): writer.bool(b)
                case .integer(let i): writer.integer(i)
                case .number(let d): writer.number(d)
                case .string(let s): writer.string(s)
                case .array(let items):
                    writer.beginArray()
                    tasks.append(.endArray)
                    for item in items.reversed() { tasks.append(.value(item)) }
                case .object(let members):
                    writer.beginObject()
                    tasks.append(.endObject)
                    let sorted = members.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
                    for member in sorted.reversed() {
                        tasks.append(.value(member.value))
                        tasks.append(.key(member.key))
                    }
                }
            }
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// A `.string` from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An `.integer` from a literal.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A `.number` from a literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A `.bool` from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An `.array` from a literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An `.object` from a literal, members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { JSONMember($0.0, $0.1) })
    }
}
