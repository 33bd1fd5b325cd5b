import Foundation
import PLPEvents

/// `--reveal`: contact data in clear, for whoever holds the ledger's master key. Without the key, or with another
/// ledger's, the command fails before it prints anything, in one sentence that names where it looked — never a
/// listing of `(sealed)` names with exit status 0.
enum RevealAccess {
    /// Where this process takes the master key of the ledger at `ledgerPath` from, for sentences.
    static func keySource(forLedger ledgerPath: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let value = environment["PLP_LEDGER_KEY"], !value.isEmpty {
            return MasterKey(base64: value) != nil ? "PLP_LEDGER_KEY" : "the key file \(value) (named by PLP_LEDGER_KEY)"
        }
        return "the key file \(MasterKey.defaultFile(forLedger: ledgerPath))"
    }

    /// Fails unless `store` holds the ledger's master key.
    static func require(_ store: EventStore, ledgerPath: String) throws {
        let source = keySource(forLedger: ledgerPath)
        do {
            guard try store.holdsMasterKey() else {
                do { _ = try MasterKey.locate(forLedger: ledgerPath) } catch {
                    throw CommandFailure("--reveal needs the ledger's master key and cannot read it: "
                                         + PlainSentence.describe(error, ledger: ledgerPath) + "; nothing was shown", code: .noMasterKey)
                }
                throw CommandFailure("--reveal needs the ledger's master key and found none: PLP_LEDGER_KEY is not set and there "
                                     + "is no key file at \(MasterKey.defaultFile(forLedger: ledgerPath)) (a restored or copied "
                                     + "ledger needs its key file put back beside it); nothing was shown", code: .noMasterKey)
            }
        } catch let error as LedgerError where error.code == .wrongMasterKey {
            throw CommandFailure("--reveal cannot open contact data with the master key from \(source): "
                                 + error.message.replacingOccurrences(of: "; nothing was written", with: "") + "; nothing was shown",
                                 code: .wrongMasterKey)
        }
    }

    /// Runs `body` (a fold and the reveals it prints) so that everything it returns comes from one head: when the
    /// ledger's head moved while it ran (an import or an append committed), it runs again, so that no contact erased
    /// by what came later is shown beside figures of the head before it. Without `reveal`, it runs once.
    static func atOneHead<R>(_ store: EventStore, reveal: Bool, _ body: () throws -> R) throws -> R {
        guard reveal else { return try body() }
        for _ in 0..<5 {
            let before = try store.count()
            let result = try body()
            if try store.count() == before { return result }
        }
        throw CommandFailure("the ledger kept changing while its contact data was read (an import or appends were "
                             + "committing); nothing was shown: run the command again", code: .busy)
    }
}
