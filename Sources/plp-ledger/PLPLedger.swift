import ArgumentParser
import PLPEvents

/// `plp-ledger`: the event-sourced system of record of Belgium's Partenariats Locaux de Prévention.
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
          plp-ledger demo                      build a demo ledger, show its figures
          plp-ledger init                      create an empty ledger
          plp-ledger import events.ndjson.gz   import a history (all or nothing)
          plp-ledger stats                     what the ledger holds
          plp-ledger verify                    recompute every hash and the tree
          plp-ledger digest                    the tree head (size and root) to keep
          plp-ledger project registry          every PLP, its status and members
          plp-ledger report annual --year 2024 the annual statistics
        """,
        version: "0.1.0",
        subcommands: [
            Init.self, Append.self, Import.self, Export.self, Log.self, History.self, Stats.self, Verify.self,
            Project.self, Report.self, Digest.self, Prove.self, VerifyProof.self, CheckpointCommand.self, Keygen.self,
            Forget.self, Backup.self, Restore.self, Demo.self, Generate.self, Bench.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
}
