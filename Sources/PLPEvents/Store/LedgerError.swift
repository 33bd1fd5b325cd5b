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

    /// The ledger at `path` is damaged: `what` says how it was found so.
    public static func damaged(_ path: String, _ what: String) -> LedgerError {
        LedgerError("the ledger at \(path) is damaged: \(what); nothing was changed (restore a backup, "
            + "or keep a copy for investigation)")
    }

    /// The ledger at `path` cannot be written and the command needs to.
    public static func readOnly(_ path: String) -> LedgerError {
        LedgerError("the ledger at \(path) is read-only (read-only media or no write permission): this command writes "
            + "to it; reading commands (verify, export, digest, stats, log, project, report) work there")
    }
}
