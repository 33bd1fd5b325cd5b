/// A problem with the ledger as a whole (not with one event): one sentence a person can act on, and a code a
/// program can match.
///
/// The code is an open struct (``LedgerError/Code``) rather than an enum, so that new codes break nobody, as with
/// `LMDBError`. Its static constants are patterns:
///
/// ```swift
/// do {
///     let store = try EventStore.open(at: path)
///     …
/// } catch LedgerError.Code.noLedger {
///     …                                  // offer to create one
/// } catch LedgerError.Code.damaged {
///     …                                  // restore a backup
/// }
/// ```
///
/// A pattern matches any error whose code (``PlainSentence/code(of:)``) is that code, so `catch
/// LedgerError.Code.noSpace` also catches a full disk reported by the storage layer. Two `LedgerError`s are equal when
/// their codes and their messages are.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is: a stable, lowercase, hyphenated word (`damaged`, `read-only`, …) for scripts.
    public let code: Code

    /// The sentence.
    public let message: String

    /// Makes an error with a code.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Makes an error of code ``Code/other``.
    public init(_ message: String) { self.init(.other, message) }

    public var description: String { message }

    /// No ledger at `path`.
    public static func noLedger(_ path: String) -> LedgerError {
        LedgerError(.noLedger, "there is no ledger at \(path); create one with `plp-ledger init` or name another with --ledger")
    }

    /// The ledger at `path` is damaged: `what` says how it was found so.
    public static func damaged(_ path: String, _ what: String) -> LedgerError {
        LedgerError(.damaged, "the ledger at \(path) is damaged: \(what); nothing was changed (restore a backup, "
            + "or keep a copy for investigation)")
    }

    /// The ledger at `path` cannot be written and the command needs to.
    public static func readOnly(_ path: String) -> LedgerError {
        LedgerError(.readOnly, "the ledger at \(path) is read-only (read-only media or no write permission): this command writes "
            + "to it; reading commands (verify, export, digest, stats, log, project, report) work there")
    }
}

extension LedgerError {
    /// The code of an error of the ledger: what kind of problem it is, whatever the sentence says.
    ///
    /// `rawValue` is what scripts see (`plp-ledger`'s JSON errors, see `PLP_LEDGER_ERRORS`): lowercase words joined by
    /// hyphens, never changed once published.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as scripts see it, e.g. `not-a-ledger`.
        public let rawValue: String

        /// A code; prefer the static constants.
        public init(rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        // MARK: The ledger itself

        /// There is no ledger at the path given (nothing there, or an empty directory).
        public static let noLedger = Code(rawValue: "no-ledger")
        /// The path holds something that is not a plp-ledger ledger (a file, another LMDB environment, other files).
        public static let notALedger = Code(rawValue: "not-a-ledger")
        /// The ledger is of a format this version of plp-ledger does not read (made by a later version).
        public static let laterFormat = Code(rawValue: "later-format")
        /// The ledger was written by, or is in use by, an incompatible version of the storage library (LMDB).
        public static let incompatibleStorage = Code(rawValue: "incompatible-storage")
        /// The ledger is damaged (a data file cut short, a bad page, an index or tree that disagrees with the events).
        public static let damaged = Code(rawValue: "damaged")
        /// The ledger is read-only (read-only media or no write permission) and the command writes to it.
        public static let readOnly = Code(rawValue: "read-only")
        /// The path is a backup (made by `backup`, not restored) and the command writes: restore it first.
        public static let isBackup = Code(rawValue: "is-backup")
        /// The master key given is not this ledger's, so nothing is sealed or opened with it.
        public static let wrongMasterKey = Code(rawValue: "wrong-master-key")
        /// An act that needs the master key (`--reveal`) found none.
        public static let noMasterKey = Code(rawValue: "no-master-key")

        // MARK: The system

        /// A file or directory cannot be read or written for lack of permission.
        public static let permissionDenied = Code(rawValue: "permission-denied")
        /// The device is full; nothing was written.
        public static let noSpace = Code(rawValue: "no-space")
        /// The device reported an input/output error.
        public static let inputOutput = Code(rawValue: "input-output")
        /// Another process holds what is needed (a lock, every reader slot); trying again later may work.
        public static let busy = Code(rawValue: "busy")
        /// A file the command needs is not there (a ledger's file, an input file, a key file).
        public static let noSuchFile = Code(rawValue: "no-such-file")
        /// The storage failed in another way than the codes above say.
        public static let storage = Code(rawValue: "storage")

        // MARK: What the command was asked

        /// The destination exists already (a backup directory, a key file, a non-empty directory for a new ledger)
        /// and is never overwritten.
        public static let exists = Code(rawValue: "exists")
        /// A seq or a tree size outside the ledger (seq 0, beyond the ledger's size, a proof from a larger tree).
        public static let outOfRange = Code(rawValue: "out-of-range")
        /// An argument is not of the form asked for (a member id, a master key, options that exclude each other).
        public static let invalidArgument = Code(rawValue: "invalid-argument")
        /// What the command names is not in the ledger (a member, a stream, a PLP).
        public static let notFound = Code(rawValue: "not-found")
        /// The directory given to restore is not a whole backup of a ledger, or it does not verify; nothing was written.
        public static let invalidBackup = Code(rawValue: "invalid-backup")
        /// A backup or restore could not write its copy, or the copy does not match the ledger; nothing was left.
        public static let copyFailed = Code(rawValue: "copy-failed")
        /// The ledger's rules refuse the request as a whole (e.g. a member that cannot be erased).
        public static let refused = Code(rawValue: "refused")

        // MARK: Errors that are not LedgerErrors (see PlainSentence.code(of:))

        /// An event line is invalid (an `EventLineError`: its `field` says where).
        public static let invalidEvent = Code(rawValue: "invalid-event")
        /// An import was refused for its invalid lines (an `ImportFailure`); nothing was written.
        public static let importRefused = Code(rawValue: "import-refused")
        /// An import was stopped by something other than its lines (an `ImportAborted`); nothing was written.
        public static let importStopped = Code(rawValue: "import-stopped")
        /// An input cannot be read (an `InputError`, a key file): missing, unreadable, bad gzip, a line too long.
        public static let unreadableInput = Code(rawValue: "unreadable-input")
        /// A check of an export, a proof, a checkpoint or tiles failed: what it was given is not what it claims to be.
        public static let verificationFailed = Code(rawValue: "verification-failed")
        /// Something that should not fail did (a bug, or the platform's cryptography).
        public static let internalError = Code(rawValue: "internal")
        /// No more precise code applies.
        public static let other = Code(rawValue: "other")

        /// Matches any error whose code (``PlainSentence/code(of:)``) is `pattern`, which enables
        /// `catch LedgerError.Code.damaged { … }`.
        public static func ~= (pattern: Code, value: any Error) -> Bool {
            PlainSentence.code(of: value) == pattern
        }
    }
}
