/// What went wrong reading JSON, and where (byte offset in the input).
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of a JSON error.
    public enum Kind: Sendable, Equatable {
        /// The bytes are not valid JSON (RFC 8259) or break a documented limit; the string says why,
        /// e.g. "unterminated string", "invalid UTF-8", "expected ':' after an object key".
        case syntax(String)
        /// The value is valid JSON but of another kind than the one asked for.
        case typeMismatch(expected: JSONKind, found: JSONKind)
        /// A number with a fraction or exponent where a whole number is needed.
        case notAnInteger
        /// A whole number beyond the range of `Int64`.
        case integerOutOfRange
    }

    /// What went wrong.
    public var kind: Kind
    /// Byte offset in the input where the problem was found (for type errors: where the value starts).
    public var offset: Int

    /// Makes an error of `kind` at byte `offset`.
    public init(kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// Makes a syntax error with a plain-English `reason` at byte `offset`.
    public static func syntax(_ reason: String, at offset: Int) -> JSONError {
        JSONError(kind: .syntax(reason), offset: offset)
    }

    /// One sentence without the offset, e.g. "expected a string, found a number".
    public var description: String {
        switch kind {
        case .syntax(let reason):
            return reason
        case .typeMismatch(let expected, let found):
            return "expected \(expected), found \(found)"
        case .notAnInteger:
            return "expected a whole number, found a number with a fraction or exponent"
        case .integerOutOfRange:
            return "whole number out of range (beyond 64-bit signed integers)"
        }
    }

    /// The description followed by the byte offset, e.g. "expected a string, found a number (at byte 12)".
    public var detailedDescription: String {
        "\(description) (at byte \(offset))"
    }
}
