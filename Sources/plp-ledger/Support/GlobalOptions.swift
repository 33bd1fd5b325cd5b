import ArgumentParser
import Foundation
import PLPEvents

/// Options every command takes: where the ledger is.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger directory (default: $PLP_LEDGER, else ./plp.ledger).", valueName: "path"))
    var ledger: String?

    /// The ledger path after defaults.
    var ledgerPath: String {
        if let ledger { return ledger }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PLP_LEDGER"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "./plp.ledger"
    }

    /// What a command does with the ledger it opens.
    enum Access {
        /// Only reads: the ledger is opened read-only, so it works on read-only media and changes nothing.
        case reading
        /// Reads, and saves projection state to catch up faster next time when the ledger can be written; on
        /// read-only media, or in a backup, it reads only.
        case readingWithSavedState
        /// Writes: refused with one sentence when the ledger is read-only.
        case writing
    }

    /// Opens the existing ledger, with its master key when this process can find it.
    ///
    /// The master key is read by writing commands and by reading ones that say they need it (`needsKey`: `--reveal`,
    /// `init`, `backup`); the others never touch the key file, so one they may not read, or one that is not a file,
    /// does not stop them.
    func openStore(for access: Access, needsKey: Bool = false) throws -> EventStore {
        var options = EventStore.Options()
        if access == .writing {
            // A ledger this user may not write says so first, rather than that its key file cannot be read.
            do { options.masterKey = try MasterKey.locate(forLedger: ledgerPath) } catch {
                _ = try EventStore.open(at: ledgerPath, options: options)
                throw error
            }
        } else if needsKey {
            options.masterKey = try MasterKey.locate(forLedger: ledgerPath)
        }
        switch access {
        case .reading:
            options.readOnly = true
            return try EventStore.open(at: ledgerPath, options: options)
        case .writing:
            return try EventStore.open(at: ledgerPath, options: options)
        case .readingWithSavedState:
            do {
                return try EventStore.open(at: ledgerPath, options: options)
            } catch let error as LedgerError where error == LedgerError.readOnly(ledgerPath) || error.code == .isBackup {
                options.readOnly = true
                return try EventStore.open(at: ledgerPath, options: options)
            }
        }
    }

    /// The master key of the ledger at `path`: the one this process can find, or a new one written next to it.
    static func masterKey(creatingFor path: String) throws -> MasterKey {
        if let existing = try MasterKey.locate(forLedger: path) { return existing }
        let key = MasterKey.generate()
        try key.write(to: MasterKey.defaultFile(forLedger: path))
        return key
    }
}

/// The `--ledger` option, taken from the command itself or from before it (`plp-ledger --ledger X import F`).
protocol LedgerCommand: ParsableCommand {
    var parent: PLPLedger { get }
    var own: GlobalOptions { get }
}

extension LedgerCommand {
    /// The options in force: the command's own `--ledger` wins over the one given before the command.
    var global: GlobalOptions {
        if own.ledger != nil { return own }
        return parent.global
    }
}
