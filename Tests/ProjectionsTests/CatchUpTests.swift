import PLPTestSupport
import Testing
@testable import PLPEvents
@testable import PLPProjections

@Suite struct CatchUpTests {
    /// A small deterministic generator (SplitMix64).
    typealias Generator = SplitMix64

    @Test(arguments: [1, 2, 3, 4])
    func catchUpEqualsRebuildAfterAnySequenceOfAppends(seed: Int) throws {
        let ledger = try TemporaryLedger()
        var random = Generator(state: UInt64(seed))
        let communes = ["72004", "21004", "12030", "12041", "44040", "44088"]
        var standing: [(stream: String, id: String)] = []
        var next = 1
        let engine = ProjectionEngine(store: ledger.store)
        for _ in 0..<8 {
            // A batch of appends: burglaries (old and new codes), other crimes, and voids of earlier burglaries.
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                if !standing.isEmpty && Int.random(in: 0..<4, using: &random) == 0 {
                    let victim = standing.remove(at: Int.random(in: 0..<standing.count, using: &random))
                    try ledger.append(History.void(victim.stream, victim.id))
                    continue
                }
                var commune = communes.randomElement(using: &random) ?? "72004"
                let year = commune == "12030" ? 2018 : commune == "12041" ? Int.random(in: 2019...2025, using: &random)
                    : commune == "44040" ? 2024 : commune == "44088" ? 2025 : Int.random(in: 2018...2025, using: &random)
                if commune == "44088" && year < 2025 { commune = "44040" }
                let day = "\(year)-\(String(format: "%02d", Int.random(in: 1...12, using: &random)))-1\(Int.random(in: 0...9, using: &random))"
                let id = History.id(next)
                next += 1
                let category = ["burglary-home", "burglary-business", "vandalism"].randomElement(using: &random) ?? "burglary-home"
                try ledger.append(History.crime(commune, on: day, category: category, attempted: Bool.random(using: &random), id: id))
                standing.append(("commune/\(commune)", id))
            }
            // Catch up from the saved state (saved by the previous iteration) and compare with a fold from nothing.
            let (caughtUp, provenance) = try engine.run(BurglaryTrend.self)
            var rebuilt = BurglaryTrend()
            try engine.rebuild(&rebuilt)
            #expect(caughtUp.rows(BurglaryTrendQuery()) == rebuilt.rows(BurglaryTrendQuery()))
            #expect(caughtUp == rebuilt)   // the very same state, not only the same rows
            #expect(provenance.size == (try ledger.store.count()))
            let (forced, _) = try engine.run(BurglaryTrend.self, rebuild: true)
            #expect(forced.rows(BurglaryTrendQuery(by: .quarter)) == rebuilt.rows(BurglaryTrendQuery(by: .quarter)))
        }
        // The saved state is used: it covers the whole log.
        #expect(try ledger.store.loadProjectionState(name: BurglaryTrend.checkpointName)?.throughSeq == (try ledger.store.count()))
    }

    @Test func catchUpRevertsAVoidOfAnEventBeforeTheCheckpoint() throws {
        let ledger = try TemporaryLedger()
        let engine = ProjectionEngine(store: ledger.store)
        try ledger.append([History.crime("72004", on: "2024-01-05", id: History.id(1)), History.crime("72004", on: "2024-02-05")])
        let (first, firstProvenance) = try engine.run(BurglaryTrend.self)
        #expect(!firstProvenance.caughtUp)
        #expect(first.counts.total(months: (2024 * 12)...(2024 * 12 + 11)).burglaries == 2)
        try ledger.append(History.void("commune/72004", History.id(1)))
        let (second, provenance) = try engine.run(BurglaryTrend.self)
        #expect(provenance.caughtUp)
        #expect(second.counts.total(months: (2024 * 12)...(2024 * 12 + 11)).burglaries == 1)
        // Time travel still sees the state before the void, without touching the checkpoint.
        let (before, _) = try engine.run(BurglaryTrend.self, selection: Selection(untilSeq: 2))
        #expect(before.counts.total(months: (2024 * 12)...(2024 * 12 + 11)).burglaries == 2)
        #expect(try ledger.store.loadProjectionState(name: BurglaryTrend.checkpointName)?.throughSeq == 3)
    }

    @Test func aStateOfAnotherLogIsIgnored() throws {
        let ledger = try TemporaryLedger()
        try ledger.append(History.crime("72004", on: "2024-01-05"))
        // A state whose last-event hash does not match this log is not caught up but rebuilt.
        try ledger.store.saveProjectionState(name: BurglaryTrend.checkpointName, throughSeq: 1, bytes: [UInt8](repeating: 7, count: 40))
        let (trend, provenance) = try ProjectionEngine(store: ledger.store).run(BurglaryTrend.self)
        #expect(!provenance.caughtUp)
        #expect(trend.counts.total(months: (2024 * 12)...(2024 * 12 + 11)).burglaries == 1)
    }
}
