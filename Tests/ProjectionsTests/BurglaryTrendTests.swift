import PLPTestSupport
import Testing
@testable import PLPEvents
@testable import PLPProjections

@Suite struct BurglaryTrendTests {
    func trend(_ ledger: TemporaryLedger, _ selection: Selection = .wholeLog) throws -> BurglaryTrend {
        var trend = BurglaryTrend()
        try ProjectionEngine(store: ledger.store).rebuild(&trend, selection: selection)
        return trend
    }

    static let header = "commune,period,burglaries,attempted,previous,change_pct,complete"

    func csv(_ trend: BurglaryTrend, _ query: BurglaryTrendQuery = BurglaryTrendQuery()) -> [String] {
        trend.table(query).csv.split(separator: "\n").map(String.init)
    }

    static let januaryToApril = [
        History.crime("72004", on: "2024-01-05"),
        History.crime("72004", on: "2024-01-20", category: "burglary-business", attempted: true),
        History.crime("72004", on: "2024-01-21", category: "theft-from-vehicle"),   // not a burglary
        History.crime("72004", on: "2024-03-02"),
        History.crime("21004", on: "2024-02-10"),
        History.crime("21004", on: "2024-04-10"),
    ]

    @Test func monthlyRowsWithZerosPreviousAndChange() throws {
        let ledger = try TemporaryLedger()
        // Crime facts of another category elsewhere: the data covers every day from 1 January to 30 April.
        try ledger.append(Self.januaryToApril + [
            History.crime("11002", on: "2024-01-01", category: "vandalism"),
            History.crime("11002", on: "2024-04-30", category: "vandalism"),
        ])
        #expect(csv(try trend(ledger)) == [
            Self.header,
            "21004,2024-02,1,0,,,true",
            "21004,2024-03,0,0,1,-100.0,true",
            "21004,2024-04,1,0,0,,true",
            "72004,2024-01,2,1,,,true",
            "72004,2024-02,0,0,2,-100.0,true",
            "72004,2024-03,1,0,0,,true",
            "72004,2024-04,0,0,1,-100.0,true",
        ])
    }

    @Test func aPeriodCoveredInPartIsMarkedAndNeverCompared() throws {
        let ledger = try TemporaryLedger()
        // The data runs from 5 January to 10 April: January and April are covered in part.
        try ledger.append(Self.januaryToApril)
        #expect(csv(try trend(ledger)) == [
            Self.header,
            "21004,2024-02,1,0,,,true",
            "21004,2024-03,0,0,1,-100.0,true",
            "21004,2024-04,1,0,0,,false",
            "72004,2024-01,2,1,,,false",
            "72004,2024-02,0,0,2,,true",
            "72004,2024-03,1,0,0,,true",
            "72004,2024-04,0,0,1,,false",
        ])
        // The JSON form: `complete` a boolean, no-data values null.
        let json = try trend(ledger).table(BurglaryTrendQuery(by: .quarter, toMonths: PeriodGrouping.parseMonths("2024-Q3"))).json
        #expect(json.contains(#"{"commune":"72004","period":"2024-Q2","burglaries":0,"attempted":0,"previous":3,"change_pct":null,"complete":false}"#))
        #expect(json.contains(#"{"commune":"72004","period":"2024-Q3","burglaries":null,"attempted":null,"previous":0,"change_pct":null,"complete":false}"#))
    }

    @Test func aMonthWithoutAnyCrimeFactIsAGap() throws {
        let ledger = try TemporaryLedger()
        // Crime facts every month of 2023 but June; the burglaries are in May and July.
        var lines = (1...12).filter { $0 != 6 }.map { History.crime("11002", on: String(format: "2023-%02d-01", $0), category: "vandalism") }
        lines += [History.crime("11002", on: "2023-12-31", category: "vandalism"),
                  History.crime("72004", on: "2023-05-10"), History.crime("72004", on: "2023-07-10")]
        try ledger.append(lines)
        let t = try trend(ledger)
        #expect(csv(t, BurglaryTrendQuery(toMonths: PeriodGrouping.parseMonths("2023-08"))) == [
            Self.header,
            "72004,2023-05,1,0,,,true",
            "72004,2023-06,,,1,,false",
            "72004,2023-07,1,0,,,true",
            "72004,2023-08,0,0,1,-100.0,true",
        ])
        // A quarter with a gap month is partial; the year too.
        #expect(csv(t, BurglaryTrendQuery(by: .quarter, toMonths: PeriodGrouping.parseMonths("2023-Q3"))) == [
            Self.header, "72004,2023-Q2,1,0,,,false", "72004,2023-Q3,1,0,1,,true",
        ])
    }

    @Test func quartersYearsAndBounds() throws {
        let ledger = try TemporaryLedger()
        var lines: [String] = []
        for day in ["2023-01-10", "2023-02-10", "2023-03-10"] { lines.append(History.crime("72004", on: day)) }
        for day in ["2023-04-10", "2023-05-10", "2023-06-10", "2023-06-11"] { lines.append(History.crime("72004", on: day)) }
        lines.append(History.crime("72004", on: "2024-11-30", attempted: true))
        try ledger.append(lines)
        let t = try trend(ledger)
        #expect(csv(t, BurglaryTrendQuery(by: .quarter)) == [
            Self.header,
            "72004,2023-Q1,3,0,,,false",        // the data starts on 10 January
            "72004,2023-Q2,4,0,3,,true",
            "72004,2023-Q3,,,4,,false",         // no crime fact at all from July 2023 to October 2024
            "72004,2023-Q4,,,,,false",
            "72004,2024-Q1,,,,,false",
            "72004,2024-Q2,,,,,false",
            "72004,2024-Q3,,,,,false",
            "72004,2024-Q4,1,1,,,false",
        ])
        #expect(csv(t, BurglaryTrendQuery(by: .year)) == [
            Self.header,
            "72004,2023,7,0,,,false",
            "72004,2024,1,1,7,,false",
        ])
        // --from earlier than the ledger's first burglary, --to later than its last: periods the data does not cover
        // have no figure (contract section 6: "no data", never 0), and no change is computed from or to them.
        #expect(csv(t, BurglaryTrendQuery(by: .year, fromMonths: PeriodGrouping.parseMonths("2022"),
                                          toMonths: PeriodGrouping.parseMonths("2025-03"))) == [
            Self.header,
            "72004,2022,,,,,false",
            "72004,2023,7,0,,,false",
            "72004,2024,1,1,7,,false",
            "72004,2025,,,1,,false",
        ])
        // --from after the first burglary: rows start there, previous empty on that row.
        #expect(csv(t, BurglaryTrendQuery(by: .quarter, fromMonths: PeriodGrouping.parseMonths("2023-Q2"),
                                          toMonths: PeriodGrouping.parseMonths("2023-Q3"))) == [
            Self.header,
            "72004,2023-Q2,4,0,,,true",
            "72004,2023-Q3,,,4,,false",
        ])
    }

    @Test func mergersOf2019And2025CountUnder2025Codes() throws {
        let ledger = try TemporaryLedger()
        try ledger.append([
            History.crime("12030", on: "2018-06-01"),   // Puurs, merged into Puurs-Sint-Amands (12041) in 2019
            History.crime("12034", on: "2018-06-15"),   // Sint-Amands
            History.crime("12041", on: "2019-06-01"),
            History.crime("44040", on: "2024-11-05"),   // Melle, merged into Merelbeke-Melle (44088) in 2025
            History.crime("44043", on: "2024-12-20"),   // Merelbeke
            History.crime("44088", on: "2025-01-10"),
        ])
        let t = try trend(ledger)
        #expect(csv(t, BurglaryTrendQuery(by: .year)) == [
            Self.header,
            "12041,2018,2,0,,,false",
            "12041,2019,1,0,2,,false",
            "12041,2020,,,1,,false",
            "12041,2021,,,,,false",
            "12041,2022,,,,,false",
            "12041,2023,,,,,false",
            "12041,2024,0,0,,,false",
            "12041,2025,0,0,0,,false",
            "44088,2024,2,0,,,false",
            "44088,2025,1,0,2,,false",
        ])
        // Asking by an old code gives the 2025 commune.
        #expect(csv(t, BurglaryTrendQuery(by: .year, communes: [NISCode("44040")!])) == [
            Self.header,
            "44088,2024,2,0,,,false",
            "44088,2025,1,0,2,,false",
        ])
    }

    @Test func voidedBurglaryCountsNowhere() throws {
        let ledger = try TemporaryLedger()
        try ledger.append([
            History.crime("72004", on: "2024-01-05"),
            History.crime("72004", on: "2024-02-05", id: History.id(1)),
            History.void("commune/72004", History.id(1)),
        ])
        // The voided February burglary is gone, and so is the February row it would end the series with.
        #expect(csv(try trend(ledger)) == [Self.header, "72004,2024-01,1,0,,,false"])
    }

    @Test func yearBoundaryComesFromOccurredOn() throws {
        let ledger = try TemporaryLedger()
        // 2023-12-31T23:30:00Z is 2024-01-01 in Brussels, but the burglary happened on 31 December (occurredOn).
        try ledger.append([
            History.crime("72004", on: "2023-12-31", at: "2023-12-31T23:30:00Z"),
            History.crime("72004", on: "2024-01-01", at: "2024-01-01T00:30:00+01:00"),
        ])
        #expect(csv(try trend(ledger), BurglaryTrendQuery(by: .year)) == [
            Self.header, "72004,2023,1,0,,,false", "72004,2024,1,0,1,,false",
        ])
    }

    @Test func timeTravelByAsOfAndUntilSeq() throws {
        let ledger = try TemporaryLedger()
        try ledger.append([
            History.crime("72004", on: "2024-01-05"),
            History.crime("72004", on: "2024-02-05", id: History.id(2)),
        ])
        let before = try #require(try ledger.store.event(at: 2)).recordedAt
        try ledger.append(History.void("commune/72004", History.id(2)))
        try ledger.append(History.crime("72004", on: "2024-03-05"))
        // With the February burglary voided, February holds no crime fact: a gap.
        let full = [Self.header, "72004,2024-01,1,0,,,false", "72004,2024-02,,,1,,false", "72004,2024-03,1,0,,,false"]
        let then = [Self.header, "72004,2024-01,1,0,,,false", "72004,2024-02,1,0,1,,false"]
        #expect(csv(try trend(ledger)) == full)
        // As of just before the void was recorded, the voided burglary still counted.
        #expect(csv(try trend(ledger, Selection(asOf: before))) == then)
        #expect(csv(try trend(ledger, Selection(untilSeq: 2))) == then)
        // The void is seq 3: through seq 3 it applies.
        #expect(csv(try trend(ledger, Selection(untilSeq: 3))) == [Self.header, "72004,2024-01,1,0,,,false"])
        let (_, provenance) = try ProjectionEngine(store: ledger.store).run(BurglaryTrend.self, selection: Selection(asOf: before))
        #expect(provenance.size == 2)
    }

    @Test func asOfReadsADateAsTheEndOfThatBrusselsDay() throws {
        let endOf = try Selection.parseAsOf("2025-03-04")
        #expect(endOf == (try RFC3339Timestamp.parse("2025-03-05T00:00:00+01:00")).instant - 1)
        #expect(try Selection.parseAsOf("2025-03-04T21:15:00+01:00") == (try Selection.parseAsOf("2025-03-04T20:15:00Z")))
        #expect(throws: SelectionError.self) { try Selection.parseAsOf("yesterday") }
        // The years of a time are those of occurredAt (section 9): as written, at its own offset.
        #expect(try Selection.parseAsOf("2100-12-31T23:59:59-23:59", option: "--at") > 0)
        #expect(try Selection.parseAsOf("1900-01-01T00:00:00+23:59", option: "--at") < 0)
        #expect(throws: SelectionError.self) { try Selection.parseAsOf("2101-01-01T00:00:00+23:59") }
    }
}
