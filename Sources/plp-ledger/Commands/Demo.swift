import ArgumentParser
import Foundation
import PLPEvents
import PLPProjections
import PLPSynthetic

/// `plp-ledger demo`: the first thing to run.
struct Demo: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo ledger, verify it and show what it holds — the first command to try.",
        discussion: """
        Generates a synthetic national history of the PLP network (the same one every time: seed 1, a few years, \
        a few hundred thousand events — see `plp-ledger generate --help`), imports it into a fresh ledger, verifies \
        every hash and prints what the ledger holds, then suggests what to try next.
        The demo ledger is ./plp-demo.ledger unless --ledger names another. A ledger the demo made carries a mark and is \
        rebuilt from nothing each time; any other path that holds something (a ledger of yours, a file) is left as it \
        is and the demo refuses. The master key file <ledger>.key is kept and used again, never removed.
        """)

    /// The demo's history: three years ending with the 2025 mergers, a network of 200 PLPs (a seventh
    /// of the real one) and a twenty-fifth of the national crime: about 260,000 events.
    static let history = HistoryConfiguration(seed: 1, fromYear: 2023, toYear: 2025, plps: 200, scale: 0.04)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    func run() throws {
        let path = own.ledger ?? parent.global.ledger ?? "./plp-demo.ledger"
        switch EventStore.demoPlace(path) {
        case .free:
            break
        case .demoLedger:
            // Only a ledger the demo made is removed; its key file (<ledger>.key) is kept and used again.
            try FileManager.default.removeItem(atPath: path)
        case .otherLedger:
            throw CommandFailure("\(path) is a ledger that demo did not make; it is left as it is; name another path with --ledger")
        case .notALedger:
            throw CommandFailure("\(path) is not a ledger that demo made; it is left as it is; name another path with --ledger")
        }
        var options = EventStore.Options(create: true)
        options.masterKey = try GlobalOptions.masterKey(creatingFor: path)
        let store = try EventStore.open(at: path, options: options)
        try store.markAsDemo()
        try store.adoptMasterKey()
        let started = Date()

        // 1. Generate the history into a temporary file next to the ledger's parent directory.
        let history = FileManager.default.temporaryDirectory.appendingPathComponent("plp-demo-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: history) }
        let line = ProgressLine()
        let summary = try HistoryWriter.write(Self.history, to: try OutputSink.file(history)) { progress in
            line.update("generating the history: \(grouped(progress.events)) events (\(Int(progress.fraction * 100))%)")
        }

        // 2. Import it (all or nothing), 3. verify every hash.
        let report = try store.importEvents(from: history) { progress in
            switch progress.phase {
            case .waitingForWriter:
                break  // the history is a file the demo wrote, never a FIFO
            case .waiting:
                Console.note("another import is running in this ledger; this one starts when it ends")
            case .rollingBack:
                Console.note("removing what an interrupted import left (nothing of it was visible)…")
            case .importing:
                let percent = summary.events > 0 ? progress.lines * 100 / summary.events : 100
                line.update("importing: \(grouped(progress.lines)) / \(grouped(summary.events)) events (\(percent)%)")
            case .indexing:
                line.update("indexing \(grouped(progress.lines)) events")
            case .committing:
                line.update("committing \(grouped(progress.lines)) events")
            }
        }
        let verification = try store.verify { checked in
            if checked % 100_000 == 0 { line.update("verifying: \(grouped(checked)) / \(grouped(report.appended)) events") }
        }
        line.finish()
        guard verification.isIntact else {
            throw CommandFailure("the demo ledger does not verify: \(verification.firstProblem?.reason ?? "unknown problem")", code: .damaged)
        }
        let seconds = Date().timeIntervalSince(started)
        Console.note(String(format: "built %@ in %.1f s: a synthetic national history %d–%d (seed %llu, %d PLPs, scale %g), %@",
                            path, seconds, Self.history.fromYear, Self.history.toYear, Self.history.seed,
                            Self.history.networkSize, Self.history.scale, counted(report.appended, "event")))

        // 4. What the ledger holds, and what matters to the comité: the year's figures and the burglary trend.
        Console.print(Stats.render(try store.statistics(), path: path, format: .table))
        Console.print("\nverify: ok, \(counted(verification.checked, "event")), root \(verification.root.hex)\n\n")
        let engine = ProjectionEngine(store: store)
        let (annual, provenance) = try AnnualReport.compute(year: Self.history.toYear, engine: engine, selection: .wholeLog)
        Console.print(ReportAnnual.text(annual, language: .fr) + "\n")
        let (trend, _) = try engine.run(BurglaryTrend.self, selection: .wholeLog, rebuild: false)
        let largest = CommuneRegistry.shared.communes
            .filter { $0.validUntil == nil }
            .sorted { ($0.population2020 ?? 0) > ($1.population2020 ?? 0) }
            .prefix(5)
        let query = BurglaryTrendQuery(by: .year, communes: largest.map(\.nis))
        Console.print(FigureOutput.text(trend.table(query), title: "Burglaries in the five largest communes, by year") + "\n")
        Console.print(provenance.sentence + "\n")
        let plp = try firstStream(of: .plpApproved, in: store) ?? "plp/…"
        let member = try firstStream(of: .memberLeft, in: store) ?? "member/…"
        Console.print("""

        The ledger is \(path). Try next:
          plp-ledger --ledger \(path) log --type PLPApproved --since 2025-01-01 --limit 10
          plp-ledger --ledger \(path) history \(plp)
          plp-ledger --ledger \(path) history \(member) --reveal
          plp-ledger --ledger \(path) log --type AlertSent --since 2025-12-31 --limit 10
          plp-ledger --ledger \(path) report annual --year \(Self.history.toYear) --lang nl
          plp-ledger --ledger \(path) project burglary-trend --by quarter --commune 21004 --format csv
          plp-ledger --ledger \(path) project registry
          plp-ledger --ledger \(path) digest
          plp-ledger --ledger \(path) export | head -3
          plp-ledger --ledger \(path) verify
          plp-ledger generate --help            make a bigger history (national scale: 10 million events)

        """)
    }

    /// The stream of the first event of `type` in the ledger.
    private func firstStream(of type: EventType, in store: EventStore) throws -> String? {
        var found: String?
        try store.forEachEvent { event in
            if event.type == type { found = event.stream.description }
            return found == nil
        }
        return found
    }
}
