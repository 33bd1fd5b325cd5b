import Testing
@testable import PLPProjections

@Suite struct TenthsTests {
    @Test func changeRoundsHalfAwayFromZero() {
        #expect(Tenths.change(from: 1, to: 0)?.description == "-100.0")
        #expect(Tenths.change(from: 3, to: 4)?.description == "33.3")
        #expect(Tenths.change(from: 3, to: 2)?.description == "-33.3")
        #expect(Tenths.change(from: 3, to: 5)?.description == "66.7")
        #expect(Tenths.change(from: 3, to: 1)?.description == "-66.7")
        #expect(Tenths.change(from: 16, to: 17)?.description == "6.3")    // 6.25
        #expect(Tenths.change(from: 16, to: 15)?.description == "-6.3")   // -6.25
        #expect(Tenths.change(from: 8, to: 9)?.description == "12.5")
        #expect(Tenths.change(from: 4, to: 4)?.description == "0.0")
        #expect(Tenths.change(from: 2000, to: 1999)?.description == "-0.1") // -0.05
        #expect(Tenths.change(from: 3000, to: 2999)?.description == "0.0")  // -0.033…: no "-0.0"
        #expect(Tenths.change(from: 0, to: 5) == nil)
        #expect(Tenths.change(from: 1, to: 3)?.description == "200.0")
    }

    @Test func percentage() {
        #expect(Tenths.percentage(2, of: 3)?.description == "66.7")
        #expect(Tenths.percentage(1, of: 3)?.description == "33.3")
        #expect(Tenths.percentage(1, of: 8)?.description == "12.5")
        #expect(Tenths.percentage(0, of: 0) == nil)
        #expect(Tenths.percentage(5, of: 5)?.description == "100.0")
    }

    @Test func medianOfOddAndEvenCounts() {
        let minute: Int64 = 60_000_000
        #expect(Tenths.medianMinutes(ofMicros: []) == nil)
        #expect(Tenths.medianMinutes(ofMicros: [3 * minute, minute, 2 * minute])?.description == "2.0")
        #expect(Tenths.medianMinutes(ofMicros: [minute, 2 * minute])?.description == "1.5")
        // Mean of the middle two is 1.55 min: half away from zero.
        #expect(Tenths.medianMinutes(ofMicros: [minute, 21 * minute / 10])?.description == "1.6")
        #expect(Tenths.medianMinutes(ofMicros: [-minute, -21 * minute / 10])?.description == "-1.6")
        #expect(Tenths.medianMinutes(ofMicros: [10 * minute, 15 * minute, 20 * minute, 30 * minute, 1000 * minute, 0])?.description == "17.5")
        // 1 min 2.999 s: 1.04998 → 1.0
        #expect(Tenths.medianMinutes(ofMicros: [62_999_000])?.description == "1.0")
        #expect(Tenths.medianMinutes(ofMicros: [63_000_000])?.description == "1.1")
    }

    @Test func periods() {
        #expect(PeriodGrouping.month.label(2024 * 12) == "2024-01")
        #expect(PeriodGrouping.month.label(2024 * 12 + 11) == "2024-12")
        #expect(PeriodGrouping.quarter.label(PeriodGrouping.quarter.period(ofMonth: 2024 * 12 + 3)) == "2024-Q2")
        #expect(PeriodGrouping.year.label(2024) == "2024")
        #expect(PeriodGrouping.parseMonths("2024-Q4") == (2024 * 12 + 9)...(2024 * 12 + 11))
        #expect(PeriodGrouping.parseMonths("2024") == (2024 * 12)...(2024 * 12 + 11))
        #expect(PeriodGrouping.parseMonths("2024-02") == (2024 * 12 + 1)...(2024 * 12 + 1))
        #expect(PeriodGrouping.parseMonths("2024-13") == nil)
        #expect(PeriodGrouping.parseMonths("2024-Q5") == nil)
        #expect(PeriodGrouping.parseMonths("24") == nil)
    }
}
