/// Why a witness refused to cosign a checkpoint: the refusals of C2SP tlog-witness (`add-checkpoint`), each with the
/// HTTP status the spec gives it, and one sentence a person can act on. Nothing was cosigned or recorded.
public struct WitnessRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of refusal: the tlog-witness HTTP status, as an open set of constants.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The HTTP status of tlog-witness.
        public let status: Int
        /// The spec's name for it.
        public let name: String

        /// 400 Bad Request: the request does not hold together (a proof of other sizes than the checkpoint's, a
        /// checkpoint that cannot be read).
        public static let badRequest = Code(status: 400, name: "bad request")
        /// 403 Forbidden: no signature by the key the witness trusts for the log.
        public static let forbidden = Code(status: 403, name: "forbidden")
        /// 404 Not Found: the origin is not a log the witness follows with this key.
        public static let unknownOrigin = Code(status: 404, name: "unknown origin")
        /// 409 Conflict: the checkpoint does not follow the latest one the witness cosigned (another old size, a
        /// smaller tree, or the same size with another root: a fork).
        public static let conflict = Code(status: 409, name: "conflict")
        /// 422 Unprocessable Entity: the consistency proof does not verify.
        public static let badProof = Code(status: 422, name: "bad proof")

        public var description: String { "\(status) \(name)" }

        /// Lets `catch WitnessRefusal.Code.conflict` and `case .conflict` match a refusal of that code.
        public static func ~= (code: Code, refusal: WitnessRefusal) -> Bool { refusal.code == code }
    }

    /// The kind of refusal.
    public let code: Code
    /// The sentence.
    public let message: String

    /// Makes a refusal.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "the witness refused the checkpoint (\(code.name)): \(message); nothing was cosigned" }
}
