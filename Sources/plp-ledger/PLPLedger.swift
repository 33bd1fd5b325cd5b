import ArgumentParser
import CFaultGuard
import Foundation
import PLPEvents

/// `plp-ledger`: the event-sourced system of record of Belgium's Partenariats Locaux de Prévention.
///
/// Every command's configuration names it (`commandName`): without it ArgumentParser derives each name from
/// `String(describing:)` of the type, whose protocol-conformance lookups cost ≈ 2 ms at every start (a fifth of a
/// `--version`, an eighth of a durable `append`; BENCHMARKS.md).
@main
struct PLPLedger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plp-ledger",
        abstract: "The system of record of the PLP / BIN network: an append-only, verifiable event ledger.",
        discussion: """
        Every action of the network — a PLP approved, a member joined, a report filed, an alert sent, a burglary \
        recorded — is an immutable event in the ledger (an LMDB directory). Projections rebuild the state and the \
        figures from the events; auditors verify that nothing was altered.

        The ledger is --ledger PATH, else $PLP_LEDGER, else ./plp.ledger. Data goes to standard output, \
        messages to standard error.

        First steps:
          plp-ledger demo                      # build a demo ledger, show its figures
          plp-ledger init                      # create an empty ledger
          plp-ledger import history.ndjson.gz  # import a history (all or nothing)
          plp-ledger stats                     # what the ledger holds
          plp-ledger verify                    # recompute every hash and the tree
          plp-ledger digest                    # the tree head (size, root) to keep
          plp-ledger project registry          # every PLP, its status and members
          plp-ledger report annual --year 2024 # the annual statistics
        """,
        version: "0.1.0",
        subcommands: [
            Init.self, Append.self, Import.self, Export.self, Log.self, History.self, Stats.self, Verify.self,
            Project.self, Report.self, Tables.self, Digest.self, Prove.self, VerifyProof.self, CheckpointCommand.self, Keygen.self,
            Publish.self, WitnessCommand.self,
            Forget.self, Backup.self, Restore.self, Demo.self, Generate.self, Bench.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    /// Parses the command line and runs the command. Exit status: 0 success; 1 a failure (invalid input, a refused
    /// import, a failed verification, a damaged ledger), as one sentence on standard error; 64 a wrong command line
    /// (argument-parser's own: unknown option, missing or malformed argument, an option value out of range), with
    /// the usage. A signal from a damaged file or a bug is turned into one sentence and status 1 as well.
    static func main() {
        FaultGuard.install()
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch is StandardOutputClosed {
            // The reader of standard output went away: the output is no longer wanted.
            Foundation.exit(0)
        } catch let error as CommandFailure {
            fail(code: error.code, message: error.message)
        } catch where error is ValidationError || error is CleanExit || error is ExitCode {
            exit(withError: error)
        } catch where exitCode(for: error) == .success {
            // `--help`, `-h` and `help CMD` parse as argument-parser's own help command, whose run() throws
            // its (internal) help request: argument-parser prints the help and exits 0.
            exit(withError: error)
        } catch {
            let ledger = (command as? any LedgerCommand)?.global.ledgerPath
            fail(code: PlainSentence.code(of: error), message: PlainSentence.describe(error, ledger: ledger))
        }
    }

    /// True when `PLP_LEDGER_ERRORS=json`: failures are printed as JSON lines with their code.
    static var errorsAsJSON: Bool { ProcessInfo.processInfo.environment["PLP_LEDGER_ERRORS"] == "json" }

    /// Prints a runtime failure on standard error and exits 1: `Error: SENTENCE`, or with `PLP_LEDGER_ERRORS=json`
    /// the one line `{"error":{"code":"CODE","message":"SENTENCE"}}` (RFC 8785), for scripts that match the code.
    static func fail(code: LedgerError.Code, message: String) -> Never {
        if errorsAsJSON {
            var writer = CanonicalJSONWriter()
            writer.beginObject()
            writer.key("error")
            writer.beginObject()
            writer.key("code")
            writer.string(code.rawValue)
            writer.key("message")
            writer.string(message)
            writer.endObject()
            writer.endObject()
            Console.note(String(decoding: writer.bytes, as: UTF8.self))
        } else {
            Console.note("Error: \(message)")
        }
        Foundation.exit(1)
    }
}

/// A runtime failure of a command, as the one sentence it prints (exit status 1, no usage block), with the code
/// scripts see with `PLP_LEDGER_ERRORS=json`.
struct CommandFailure: Error, CustomStringConvertible {
    /// The sentence.
    let message: String
    /// What kind of failure it is.
    let code: LedgerError.Code
    init(_ message: String, code: LedgerError.Code = .other) {
        self.message = message
        self.code = code
    }
    var description: String { message }
}

/// Installs the signal handlers of `CFaultGuard` with the CLI's sentences.
enum FaultGuard {
    static func install() {
        plp_fault_guard_install(
            "Error: plp-ledger stopped reading a damaged file: a ledger's data file is cut short or its pages are not "
                + "what they should be (an interrupted copy, a full disk, a change made while it was in use); nothing "
                + "more was written. Check the ledger with `plp-ledger verify`, or restore a backup.\n",
            "Error: plp-ledger stopped on an internal error; nothing more was written. Please report it with the "
                + "command that caused it.\n")
    }
}
