/// A problem with the ledger as a whole (not with one event): one sentence a person can act on.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public let message: String

    /// Makes an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// No ledger at `path`.
    public static func noLedger(_ path: String) -> LedgerError {
        LedgerError("there is no ledger at \(path); create one with `plp-ledger init` or name another with --ledger")
    }
}
