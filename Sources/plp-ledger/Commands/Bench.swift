import ArgumentParser
import PLPEvents

/// `plp-ledger bench`: measures ingest and replay (see BENCHMARKS.md).
struct Bench: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure ingest and replay speed (use a release build; see BENCHMARKS.md).")

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    func run() throws {
        throw ValidationError("bench is not built yet")
    }
}
