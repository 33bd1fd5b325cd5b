import Foundation
import PLPEvents
import PLPProjections
import PLPTestSupport
import Testing

/// The PLP effect counts only communes whose whole window — twelve months before approval, twelve after — lies inside
/// the months the ledger's burglary data covers; the others are left out and counted by reason.
@Suite struct PLPEffectCoverageTests {
    /// Burglary data from January 2020 to December 2022 (one a month in each of three communes), and three PLPs:
    /// A (Bree) approved in January 2021, window 2020-01 … 2022-01 inside the data; B (Antwerpen) approved in
    /// December 2020, window starting one month before the data; C (Genk) approved in February 2022, window ending
    /// one month after it.
    @Test func aWindowMustLieInsideTheData() throws {
        let ledger = try TemporaryLedger()
        var lines = History.plp("A", commune: "72004", approvedAt: "2021-01-15T10:00:00+01:00")
        lines += History.plp("B", commune: "11002", approvedAt: "2020-12-15T10:00:00+01:00")
        lines += History.plp("C", commune: "71016", approvedAt: "2022-02-15T10:00:00+01:00")
        for year in 2020...2022 {
            for month in 1...12 {
                for nis in ["72004", "11002", "71016", "72020", "11008"] {
                    lines.append(Lines.burglary(nis, on: String(format: "%d-%02d-01", year, month)))
                }
            }
        }
        // The crime data covers every day from 1 January 2020 to 31 December 2022 (any category counts).
        lines.append(Lines.event("commune/72020", "CrimeRecorded", #"{"category":"vandalism","attempted":false,"occurredOn":"2022-12-31"}"#,
                                 at: "2022-12-31T18:00:00+01:00"))
        let file = try ledger.file("history.ndjson", lines: lines)
        _ = try ledger.store.importEvents(from: file)

        var facts = NetworkFacts(reads: PLPEffect.reads)
        try ProjectionEngine(store: ledger.store).rebuild(&facts)
        #expect(facts.burglaries.coverage?.months == (2020 * 12)...(2022 * 12 + 11))
        let (table, leftOut) = PLPEffect.table(facts)
        #expect(leftOut == PLPEffect.LeftOut(windowBeforeData: 1, windowNotFinished: 1))
        #expect(leftOut.sentence == "2 commune(s) with a PLP left out: 1 whose twelve months before approval are not all covered by "
            + "the crime data; 1 whose twelve months after approval are not all covered by the crime data yet.")
        let communeRows = table.rows.filter { $0.first == .text("commune") }
        #expect(communeRows.count == 1)
        #expect(communeRows.first?[1] == .text("72004"))
        // The national row is built from exactly the communes listed.
        let national = try #require(table.rows.first)
        #expect(national[5] == .integer(1))
        #expect(national[7] == .integer(12) && national[8] == .integer(12))
    }

    @Test func noBurglaryDataMeansNoEstimate() throws {
        let ledger = try TemporaryLedger()
        let file = try ledger.file("history.ndjson", lines: History.plp("A", approvedAt: "2021-01-15T10:00:00+01:00"))
        _ = try ledger.store.importEvents(from: file)
        var facts = NetworkFacts(reads: PLPEffect.reads)
        try ProjectionEngine(store: ledger.store).rebuild(&facts)
        let (table, leftOut) = PLPEffect.table(facts)
        #expect(table.rows.isEmpty && leftOut.total == 0)
    }
}
