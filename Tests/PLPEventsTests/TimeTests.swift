import PLPTestSupport
import Foundation
import Testing
@testable import PLPEvents

/// A small deterministic random generator (SplitMix64).
private typealias TimeTestRandom = SplitMix64

private let brusselsZone = TimeZone(identifier: "Europe/Brussels")

/// Foundation's offset for the instant (µs), taken at the whole second at or before it.
private func foundationOffset(_ zone: TimeZone, _ micros: Int64) -> Int32 {
    let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
    return Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
}

private func reason(_ text: String) -> String? {
    do {
        _ = try RFC3339Timestamp.parse(text)
        return nil
    } catch {
        return error.reason
    }
}

private func micros(_ text: String) -> Int64? {
    try? RFC3339Timestamp.parse(text).instant
}

// MARK: - CivilDate

@Suite("CivilDate")
struct CivilDateTests {
    @Test("validates days, months and leap years")
    func validation() throws {
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2025, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2025, month: 12, day: 31) != nil)
        #expect(CivilDate(year: 2025, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2025, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 2025, month: 1, day: 0) == nil)
        #expect(CivilDate(year: 0, month: 1, day: 1) != nil)
        #expect(CivilDate(year: Int.max, month: 1, day: 1) == nil)
        #expect(CivilDate(year: Int.min, month: 1, day: 1) == nil)
    }

    @Test("days since the epoch, both ways")
    func epochDays() throws {
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 31)?.daysSinceEpoch == -1)
        #expect(CivilDate(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11017)
        #expect(CivilDate(year: 2025, month: 3, day: 4)?.daysSinceEpoch == 20151)
        #expect(CivilDate(year: 0, month: 1, day: 1)?.daysSinceEpoch == -719_528)
        #expect(CivilDate(daysSinceEpoch: 20151) == CivilDate(year: 2025, month: 3, day: 4))
        // Round trip over a wide range, and consecutive days are consecutive dates.
        var previous = CivilDate(daysSinceEpoch: -800_001)
        for days in stride(from: -800_000, through: 800_000, by: 1) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            if days % 1000 == 0 || date.day == 1 {
                #expect(previous < date)
                #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
            }
            previous = date
        }
        // Extremes are clamped, never trap.
        #expect(CivilDate(daysSinceEpoch: Int.max).year == CivilDate.supportedYears.upperBound)
        #expect(CivilDate(daysSinceEpoch: Int.min).year == CivilDate.supportedYears.lowerBound)
        _ = CivilDate(daysSinceEpoch: Int.max).adding(days: Int.max)
        _ = CivilDate(daysSinceEpoch: Int.min).adding(days: Int.min)
    }

    @Test("agrees with Foundation's Gregorian calendar 1600-2400")
    func againstFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for days in stride(from: -135_000, through: 157_000, by: 7) {
            let date = CivilDate(daysSinceEpoch: days)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            #expect(parts.year == date.year && parts.month == date.month && parts.day == date.day, "\(days)")
            #expect(parts.weekday.map { $0 - 1 } == date.weekday)
        }
    }

    @Test("weekday: 0 = Sunday")
    func weekdays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.weekday == 4)
        #expect(CivilDate(year: 2025, month: 3, day: 4)?.weekday == 2)
        #expect(CivilDate(year: 2025, month: 3, day: 30)?.weekday == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 27)?.weekday == 6)
        #expect(CivilDate(daysSinceEpoch: -1_000_000).weekday >= 0)
    }

    @Test("parses exactly YYYY-MM-DD and prints it back")
    func parsing() {
        #expect(CivilDate.parse("2025-03-04") == CivilDate(year: 2025, month: 3, day: 4))
        #expect(CivilDate.parse("0001-01-01")?.description == "0001-01-01")
        #expect(CivilDate.parse("2024-02-29") != nil)
        for bad in ["2023-02-29", "2025-3-04", "2025-03-4", "2025-03-04 ", " 2025-03-04", "+2025-03-04", "2025/03/04",
                    "2025-13-01", "2025-00-10", "2025-01-00", "20250304", "", "2025-03-04T00:00:00Z", "２025-03-04", "2025-0３-04"] {
            #expect(CivilDate.parse(bad) == nil, "\(bad)")
        }
        #expect(CivilDate(year: 2025, month: 3, day: 4)?.description == "2025-03-04")
        #expect(CivilDate(year: -1, month: 12, day: 31)?.description == "-0001-12-31")
        #expect(CivilDate(year: 12345, month: 1, day: 2)?.description == "+12345-01-02")
    }

    @Test("orders chronologically")
    func ordering() throws {
        let a = try #require(CivilDate(year: 2024, month: 12, day: 31))
        let b = try #require(CivilDate(year: 2025, month: 1, day: 1))
        let c = try #require(CivilDate(year: 2025, month: 1, day: 2))
        #expect(a < b && b < c && !(c < a))
        #expect(a.adding(days: 2) == c)
        #expect(c.adding(days: -2) == a)
    }
}

// MARK: - RFC 3339

@Suite("RFC3339Timestamp")
struct RFC3339TimestampTests {
    @Test("parses the instant and the offset, keeps the text")
    func valid() throws {
        let t = try RFC3339Timestamp.parse("2025-03-04T21:15:00+01:00")
        #expect(t.text == "2025-03-04T21:15:00+01:00")
        #expect(t.offsetSeconds == 3600)
        #expect(t.instant == 1_741_119_300_000_000)
        #expect(micros("2025-03-04T20:15:00Z") == t.instant)
        #expect(micros("2025-03-04T15:45:00-04:30") == t.instant)
        let lower = try RFC3339Timestamp.parse("2025-03-04t20:15:00z")
        #expect(lower.text == "2025-03-04t20:15:00z")
        #expect(lower.instant == t.instant)
        #expect(lower.offsetSeconds == 0)
        #expect(micros("1970-01-01T00:00:00Z") == 0)
        #expect(micros("1970-01-01T00:00:00.5Z") == 500_000)
        #expect(micros("1970-01-01T00:00:00.000001Z") == 1)
        #expect(micros("1970-01-01T00:00:00.1234567Z") == 123_456)
        #expect(micros("1970-01-01T00:00:00.999999999999999999999999Z") == 999_999)
        #expect(micros("1969-12-31T23:59:59.9999999Z") == -1)          // truncated toward the past
        #expect(micros("1969-12-31T23:59:59.0000009Z") == -1_000_000)
        #expect(micros("0000-01-01T00:00:00Z") == -62_167_219_200_000_000)
        #expect(micros("9999-12-31T23:59:59.999999Z") == 253_402_300_799_999_999)
        #expect(try RFC3339Timestamp.parse("2025-03-04T21:15:00-00:00").offsetSeconds == 0)
        #expect(try RFC3339Timestamp.parse("2025-03-04T21:15:00+23:59").offsetSeconds == 86_340)
        #expect(try RFC3339Timestamp.parse("2025-03-04T21:15:00-23:59").offsetSeconds == -86_340)
        #expect(try RFC3339Timestamp.parse("2024-02-29T00:00:00+05:45").offsetSeconds == 20_700)
    }

    @Test("parses from bytes the same way")
    func fromBytes() throws {
        let bytes = Array("2025-03-04T21:15:00.5+01:00".utf8)
        let parts = try bytes.withUnsafeBytes { raw in
            Result { () throws(TimeFormatError) in try RFC3339Timestamp.parseInstant(raw) }
        }.get()
        #expect(parts.instant == 1_741_119_300_500_000)
        #expect(parts.offsetSeconds == 3600)
        let text = "2025-07-01T12:00:00.25+02:00"
        let fromBytes = try Array(text.utf8).withUnsafeBytes { raw in
            Result { () throws(TimeFormatError) -> RFC3339Timestamp in try RFC3339Timestamp.parse(raw) }
        }.get()
        #expect(fromBytes == (try RFC3339Timestamp.parse(text)))
        #expect(fromBytes.text == text)
    }

    @Test("rejects bad input with a reason a person can act on")
    func invalid() {
        let shape = "not an RFC 3339 date-time with offset (e.g. 2025-03-04T21:15:00+01:00)"
        let cases: [(String, String)] = [
            ("2025-03-04T21:15:00", "needs an offset or Z, e.g. 2025-03-04T21:15:00+01:00"),
            ("2025-03-04T21:15:00.123", "needs an offset or Z, e.g. 2025-03-04T21:15:00+01:00"),
            ("2025-03-04 21:15:00+01:00", "needs 'T' between date and time, not a space (e.g. 2025-03-04T21:15:00+01:00)"),
            ("2025-03-04", "a date without a time; needs a date-time with offset, e.g. 2025-03-04T21:15:00+01:00"),
            ("2025-13-04T21:15:00Z", "month 13 does not exist"),
            ("2025-00-04T21:15:00Z", "month 0 does not exist"),
            ("2023-02-29T21:15:00Z", "2023-02-29 does not exist"),
            ("2025-04-31T21:15:00Z", "2025-04-31 does not exist"),
            ("2025-01-00T21:15:00Z", "2025-01-00 does not exist"),
            ("2025-03-04T24:00:00Z", "hour 24 does not exist (hours run 00 to 23)"),
            ("2025-03-04T23:60:00Z", "minute 60 does not exist (minutes run 00 to 59)"),
            ("2025-03-04T23:59:60Z", "second 60: leap seconds are not supported"),
            ("2016-12-31T23:59:60Z", "second 60: leap seconds are not supported"),
            ("2025-03-04T23:59:61Z", "second 61 does not exist (seconds run 00 to 59)"),
            ("2025-03-04T21:15:00+24:00", "offset +24:00 is beyond the limit of ±23:59"),
            ("2025-03-04T21:15:00-99:00", "offset -99:00 is beyond the limit of ±23:59"),
            ("2025-03-04T21:15:00+01:60", "offset minute 60 does not exist (minutes run 00 to 59)"),
            ("2025-03-04T21:15:00.+01:00", "a '.' after the seconds must be followed by digits (e.g. 21:15:00.5+01:00)"),
            ("2025-03-04T21:15:00+0100", shape),
            ("2025-03-04T21:15:00+01", shape),
            ("2025-03-04T21:15:00+01:00 ", shape),
            ("2025-03-04T21:15:00Z ", shape),
            ("2025-03-04T21:15:00ZZ", shape),
            (" 2025-03-04T21:15:00Z", shape),
            ("2025-03-04T21:15Z", shape),
            ("2025-3-04T21:15:00Z", shape),
            ("25-03-04T21:15:00Z", shape),
            ("2025-03-04X21:15:00Z", shape),
            ("2025-03-04T21.15.00Z", shape),
            ("2025-03-04T21:15:00,5Z", shape),
            ("2025-03-04T21:15:00 +01:00", shape),
            ("2025-03-04T21:15:00UTC", shape),
            ("+2025-03-04T21:15:00Z", shape),
            ("", shape),
            ("2025-03-04T21:15:0０Z", shape),
        ]
        for (text, expected) in cases {
            #expect(reason(text) == expected, "\(text)")
        }
        #expect(TimeFormatError(reason: "x").description == "x")
    }

    @Test("agrees with Foundation's ISO 8601 parser on random timestamps")
    func againstFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var rng = TimeTestRandom(seed: 10)
        for _ in 0..<3000 {
            let seconds = Int64(rng.next() % 8_000_000_000) - 2_000_000_000  // 1906..2223
            let offsetMinutes = Int(rng.next() % (24 * 60 * 2 - 1)) - (24 * 60 - 1)
            let local = seconds + Int64(offsetMinutes * 60)
            let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
            let secondOfDay = Int(local - Int64(days) * 86_400)
            let date = CivilDate(daysSinceEpoch: days)
            let sign = offsetMinutes < 0 ? "-" : "+"
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let text = "\(date)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
                + "\(sign)\(two(abs(offsetMinutes) / 60)):\(two(abs(offsetMinutes) % 60))"
            let parsed = try RFC3339Timestamp.parse(text)
            #expect(parsed.instant == seconds * 1_000_000, "\(text)")
            #expect(parsed.offsetSeconds == Int32(offsetMinutes * 60))
            if let foundation = formatter.date(from: text) {
                #expect(Int64(foundation.timeIntervalSince1970) == seconds, "\(text)")
            }
        }
    }

    @Test("random and mutated bytes never trap")
    func fuzz() {
        var rng = TimeTestRandom(seed: 11)
        let seed = Array("2025-03-04T21:15:00.123456789+01:00".utf8)
        let alphabet = Array("0123456789-:T tZz+.".utf8) + [0x00, 0xFF, 0xC3]
        for _ in 0..<20_000 {
            var m = seed
            for _ in 0..<(1 + Int(rng.next() % 3)) where !m.isEmpty {
                let i = Int(rng.next() % UInt64(m.count))
                switch rng.next() % 3 {
                case 0: m[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: m.remove(at: i)
                default: m.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
                }
            }
            m.withUnsafeBytes { raw in
                _ = try? RFC3339Timestamp.parse(raw)
                _ = RecordedAt.parse(raw)
                _ = CivilDate.parse(UnsafeRawBufferPointer(rebasing: raw.prefix(10)))
            }
        }
    }
}

// MARK: - Brussels

@Suite("Brussels")
struct BrusselsTests {
    static let hour: Int64 = 3_600_000_000

    @Test("offsets at every hour boundary around every transition 1981-2040 match Foundation")
    func transitions() throws {
        let zone = try #require(brusselsZone)
        var checked = 0
        for year in 1981...2040 {
            let (start, end) = TransitionTable.summerTime(year: year)
            for transition in [start, end] {
                for k in Int64(-4)...4 {
                    for delta in [-1, 0, 1, Self.hour / 2] as [Int64] {
                        let t = transition + k * Self.hour + delta
                        #expect(Brussels.offsetSeconds(atInstant: t) == foundationOffset(zone, t), "\(RecordedAt.format(t))")
                        let ours = Brussels.localDateTime(ofInstant: t)
                        let local = Date(timeIntervalSince1970: Double(Brussels.floorDivide(t, 1_000_000)))
                        var calendar = Calendar(identifier: .gregorian)
                        calendar.timeZone = zone
                        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
                        #expect(parts.year == ours.date.year && parts.month == ours.date.month && parts.day == ours.date.day
                                && parts.hour == ours.hour && parts.minute == ours.minute && parts.second == ours.second,
                                "\(RecordedAt.format(t))")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 60 * 2 * 9 * 4)
    }

    @Test("the rule's transitions are the ones expected")
    func knownTransitions() throws {
        #expect(TransitionTable.rangeStart == Int64(try #require(CivilDate(year: 1981, month: 1, day: 1)).daysSinceEpoch) * 86_400_000_000)
        #expect(TransitionTable.rangeEnd == Int64(try #require(CivilDate(year: 2201, month: 1, day: 1)).daysSinceEpoch) * 86_400_000_000)
        #expect(TransitionTable.windows.count == 2 * (2200 - 1981 + 1))
        // 2025: 30 March 01:00 UTC and 26 October 01:00 UTC.
        #expect(RecordedAt.format(TransitionTable.summerTime(year: 2025).start) == "2025-03-30T01:00:00.000000Z")
        #expect(RecordedAt.format(TransitionTable.summerTime(year: 2025).end) == "2025-10-26T01:00:00.000000Z")
        // 1995 still ended in September.
        #expect(RecordedAt.format(TransitionTable.summerTime(year: 1995).end) == "1995-09-24T01:00:00.000000Z")
        #expect(RecordedAt.format(TransitionTable.summerTime(year: 1996).end) == "1996-10-27T01:00:00.000000Z")
        let start = TransitionTable.summerTime(year: 2025).start
        #expect(Brussels.offsetSeconds(atInstant: start - 1) == 3600)
        #expect(Brussels.offsetSeconds(atInstant: start) == 7200)
        #expect(Brussels.localDateTime(ofInstant: start - 1).description == "2025-03-30T01:59:59.999999")
        #expect(Brussels.localDateTime(ofInstant: start).description == "2025-03-30T03:00:00.000000")
        let end = TransitionTable.summerTime(year: 2025).end
        #expect(Brussels.localDateTime(ofInstant: end - 1).description == "2025-10-26T02:59:59.999999")
        #expect(Brussels.localDateTime(ofInstant: end).description == "2025-10-26T02:00:00.000000")
    }

    @Test("offsets of 3 million random instants 1990-2100 match Foundation")
    func randomInstants() throws {
        let zone = try #require(brusselsZone)
        var rng = TimeTestRandom(seed: 12)
        let low: Int64 = 631_152_000_000_000        // 1990-01-01
        let high: Int64 = 4_102_444_800_000_000     // 2100-01-01
        var mismatches = 0
        for _ in 0..<3_000_000 {
            let t = low + Int64(rng.next() % UInt64(high - low))
            if Brussels.offsetSeconds(atInstant: t) != foundationOffset(zone, t) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test("beyond the table (after 2200) the same rule applies; before 1981 Foundation's history is used")
    func outsideTable() throws {
        let zone = try #require(brusselsZone)
        var rng = TimeTestRandom(seed: 13)
        let low: Int64 = 7_258_118_400_000_000      // 2200-01-01
        let high: Int64 = 10_413_792_000_000_000    // 2300-01-01
        for _ in 0..<20_000 {
            let t = low + Int64(rng.next() % UInt64(high - low))
            #expect(Brussels.offsetSeconds(atInstant: t) == foundationOffset(zone, t))
        }
        let early: Int64 = -2_208_988_800_000_000   // 1900-01-01
        let cut: Int64 = 347_155_200_000_000        // 1981-01-01
        for _ in 0..<20_000 {
            let t = early + Int64(rng.next() % UInt64(cut - early))
            #expect(Brussels.offsetSeconds(atInstant: t) == foundationOffset(zone, t))
        }
    }

    @Test("local dates of instants")
    func dates() throws {
        #expect(Brussels.date(ofInstant: try #require(micros("2025-03-04T22:59:59.999999Z"))).description == "2025-03-04")
        #expect(Brussels.date(ofInstant: try #require(micros("2025-03-04T23:00:00Z"))).description == "2025-03-05")
        #expect(Brussels.date(ofInstant: try #require(micros("2025-07-01T21:59:59Z"))).description == "2025-07-01")
        #expect(Brussels.date(ofInstant: try #require(micros("2025-07-01T22:00:00Z"))).description == "2025-07-02")
        let t = try RFC3339Timestamp.parse("2025-12-31T23:30:00-01:00")
        #expect(brusselsDateOf(t).description == "2026-01-01")
        #expect(t.brusselsDate == brusselsDateOf(t))
        #expect(Brussels.date(of: t) == brusselsDateOf(t))
        #expect(Brussels.localDateTime(ofInstant: -1).description == "1970-01-01T00:59:59.999999")
    }

    @Test("start of day: local midnight, 23- and 25-hour days, round trips 1990-2100")
    func startOfDay() throws {
        let march30 = try #require(CivilDate(year: 2025, month: 3, day: 30))
        let october26 = try #require(CivilDate(year: 2025, month: 10, day: 26))
        #expect(RecordedAt.format(Brussels.startOfDay(march30)) == "2025-03-29T23:00:00.000000Z")
        #expect(RecordedAt.format(Brussels.startOfDay(CivilDate(year: 2025, month: 7, day: 1)!)) == "2025-06-30T22:00:00.000000Z")
        #expect(Brussels.startOfDay(march30.adding(days: 1)) - Brussels.startOfDay(march30) == 23 * Self.hour)
        #expect(Brussels.startOfDay(october26.adding(days: 1)) - Brussels.startOfDay(october26) == 25 * Self.hour)
        let first = try #require(CivilDate(year: 1990, month: 1, day: 1)).daysSinceEpoch
        let last = try #require(CivilDate(year: 2100, month: 12, day: 31)).daysSinceEpoch
        for days in first...last {
            let date = CivilDate(daysSinceEpoch: days)
            let start = Brussels.startOfDay(date)
            let local = Brussels.localDateTime(ofInstant: start)
            #expect(local.date == date && local.hour == 0 && local.minute == 0 && local.second == 0 && local.microsecond == 0)
            #expect(Brussels.date(ofInstant: start - 1) == date.adding(days: -1))
        }
    }

    @Test("extreme instants and dates never trap")
    func extremes() {
        for t in [Int64.min, Int64.min + 1, -1, 0, Int64.max - 1, Int64.max] {
            _ = Brussels.offsetSeconds(atInstant: t)
            _ = Brussels.localDateTime(ofInstant: t)
            _ = Brussels.date(ofInstant: t)
            _ = RecordedAt.format(t)
        }
        for date in [CivilDate(daysSinceEpoch: Int.min), CivilDate(daysSinceEpoch: Int.max), CivilDate(daysSinceEpoch: 0)] {
            _ = Brussels.startOfDay(date)
        }
        #expect(Brussels.startOfDay(CivilDate(daysSinceEpoch: Int.max)) == Int64.max)
        #expect(Brussels.startOfDay(CivilDate(daysSinceEpoch: Int.min)) == Int64.min)
    }
}

// MARK: - RecordedAt

@Suite("RecordedAt")
struct RecordedAtTests {
    @Test("formats UTC with six fraction digits")
    func formatting() {
        #expect(RecordedAt.format(0) == "1970-01-01T00:00:00.000000Z")
        #expect(RecordedAt.format(-1) == "1969-12-31T23:59:59.999999Z")
        #expect(RecordedAt.format(1_741_119_300_123_456) == "2025-03-04T20:15:00.123456Z")
        #expect(RecordedAt.format(253_402_300_799_999_999) == "9999-12-31T23:59:59.999999Z")
        #expect(RecordedAt.format(-62_167_219_200_000_000) == "0000-01-01T00:00:00.000000Z")
        #expect(RecordedAt.format(253_402_300_800_000_000) == "+10000-01-01T00:00:00.000000Z")
        var buffer = Array("x".utf8)
        RecordedAt.format(1, into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "x1970-01-01T00:00:00.000001Z")
    }

    @Test("parse is strict and round-trips format")
    func parsing() {
        #expect(RecordedAt.parse("2025-03-04T20:15:00.123456Z") == 1_741_119_300_123_456)
        var rng = TimeTestRandom(seed: 20)
        for _ in 0..<50_000 {
            let t = Int64(rng.next() % 315_537_897_600_000_000) - 62_167_219_200_000_000  // 0000..9999
            #expect(RecordedAt.parse(RecordedAt.format(t)) == t)
        }
        for bad in ["2025-03-04T20:15:00.12345Z", "2025-03-04T20:15:00.1234567Z", "2025-03-04t20:15:00.123456Z",
                    "2025-03-04T20:15:00.123456z", "2025-03-04T20:15:00.123456+00:00", "2025-03-04T20:15:00Z",
                    "2023-02-29T20:15:00.000000Z", "2025-03-04T24:00:00.000000Z", "2025-03-04T23:59:60.000000Z",
                    "2025-03-04 20:15:00.123456Z", "2025-03-04T20:15:00.12345xZ", "", "+10000-01-01T00:00:00.000000Z"] {
            #expect(RecordedAt.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("now is the current time in microseconds")
    func now() {
        let ours = RecordedAt.now()
        let foundation = Int64(Date().timeIntervalSince1970 * 1_000_000)
        #expect(abs(ours - foundation) < 5_000_000)
        #expect(RecordedAt.parse(RecordedAt.format(ours)) == ours)
    }
}
