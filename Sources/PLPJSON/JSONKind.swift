/// The kind of a JSON value, as named in error messages ("an object", "a string", "a number", "true or false", "null", "an array").
public enum JSONKind: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `{ ... }`
    case object
    /// `[ ... ]`
    case array
    /// `"..."`
    case string
    /// A number such as `-12`, `0.5` or `1e3`.
    case number
    /// `true` or `false`.
    case bool
    /// `null`
    case null

    /// The kind as named in a sentence: "an object", "an array", "a string", "a number", "true or false", "null".
    public var description: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }
}
