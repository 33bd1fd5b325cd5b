import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger demo`: the first thing to run.
struct Demo: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a demo ledger, verify it and show what it holds — the first command to try.",
        discussion: "The demo ledger is ./plp-demo.ledger unless --ledger names another; it is rebuilt from nothing each time.")

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    func run() throws {
        let path = own.ledger ?? parent.global.ledger ?? "./plp-demo.ledger"
        if FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.fileExists(atPath: path + "/data.mdb") else {
                throw ValidationError("\(path) exists and is not a ledger; name another with --ledger")
            }
            try FileManager.default.removeItem(atPath: path)
        }
        let store = try EventStore.open(at: path, options: .init(create: true))
        let sample = FileManager.default.temporaryDirectory.appendingPathComponent("plp-demo-\(getpid()).ndjson").path
        try Data(SampleHistory.contractExamples.utf8).write(to: URL(fileURLWithPath: sample))
        defer { try? FileManager.default.removeItem(atPath: sample) }
        let report = try store.importEvents(from: sample)
        Console.note("imported \(report.appended) events into \(path)")
        let verification = try store.verify()
        guard verification.isIntact, let problem = Optional(verification.root) else {
            throw ValidationError("the demo ledger does not verify: \(verification.firstProblem?.reason ?? "")")
        }
        Console.print(Stats.render(try store.statistics(), path: path, format: .table))
        Console.print("\nverify: ok, \(verification.checked) events, root \(problem.hex)\n")
        Console.print("""

        Try next:
          plp-ledger --ledger \(path) log --type PLPApproved
          plp-ledger --ledger \(path) history plp/72004-0119
          plp-ledger --ledger \(path) export | head -3
          plp-ledger --ledger \(path) verify

        """)
    }
}
