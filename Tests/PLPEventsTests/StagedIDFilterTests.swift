@testable import PLPEvents
import Testing

/// The filter over an import's given ids never answers a wrong "no", and keeps its false positives near what its
/// bits promise, also when more ids come than the first filter expected.
@Suite struct StagedIDFilterTests {
    static func ids(_ range: Range<UInt64>, salt: UInt64 = 0) -> [EventID] {
        range.map { EventID(high: $0 &* 0x9E37_79B9_7F4A_7C15 ^ salt, low: ~$0 ^ salt) }
    }

    @Test func everyAddedIDIsFoundAndStrangersAreMostlyTurnedAway() {
        var filter = StagedIDFilter(expectedIDs: 65_536)
        let runs = (0..<6).map { Self.ids(UInt64($0) * 50_000..<UInt64($0 + 1) * 50_000) }
        for ids in runs { filter.add(ids) }
        for ids in runs {
            for id in ids { #expect(filter.mayContain(id)) }
        }
        let strangers = Self.ids(0..<100_000, salt: 0xABCD_EF01)
        let maybes = strangers.filter { filter.mayContain($0) }.count
        // 300,000 ids in filters of 12 bits each (the first expected 65,536): well under 2 % false positives.
        #expect(maybes < 2_000, "\(maybes) false positives in 100,000")
        // At most twice the 12 bits per id (capacities double).
        #expect(filter.bytes <= 300_000 * 2 * 12 / 8, "\(filter.bytes) bytes")
    }
}
