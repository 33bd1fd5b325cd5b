#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The ledger's recordedAt format: UTC with microseconds, `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
///
/// Years outside 0000–9999 (which `now()` never yields) are written in ISO 8601 expanded form
/// (`-0001-…`, `+10000-…`), which `parse` rejects.
public enum RecordedAt {
    /// The instant `micros` (µs since 1970-01-01T00:00:00Z) as `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    public static func format(_ micros: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(27)
        format(micros, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the instant `micros` as `YYYY-MM-DDTHH:MM:SS.ffffffZ` to `writer` without making a
    /// `String`.
    public static func format<Sink: ByteSink>(_ micros: Int64, into writer: inout Sink) {
        let rest = writeDateAndTime(micros, into: &writer)
        writer.appendByte(UInt8(ascii: "."))
        TimeDigits.append(rest, width: 6, to: &writer)
        writer.appendByte(UInt8(ascii: "Z"))
    }

    /// Appends `YYYY-MM-DDTHH:MM:SS` of the instant `micros` (read as UTC) and returns the microseconds of its second
    /// that are left (0…999,999).
    static func writeDateAndTime<Sink: ByteSink>(_ micros: Int64, into writer: inout Sink) -> Int {
        var (days, rest) = Brussels.floorDivMod(micros, Brussels.microsPerDay)
        let hour = rest / Brussels.microsPerHour
        rest -= hour * Brussels.microsPerHour
        let minute = rest / 60_000_000
        rest -= minute * 60_000_000
        let second = rest / Brussels.microsPerSecond
        rest -= second * Brussels.microsPerSecond
        CivilDate(daysSinceEpoch: Int(days)).writeISO(into: &writer)
        writer.appendByte(UInt8(ascii: "T"))
        TimeDigits.append(Int(hour), width: 2, to: &writer)
        writer.appendByte(UInt8(ascii: ":"))
        TimeDigits.append(Int(minute), width: 2, to: &writer)
        writer.appendByte(UInt8(ascii: ":"))
        TimeDigits.append(Int(second), width: 2, to: &writer)
        return Int(rest)
    }

    /// The instant written exactly as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (uppercase `T` and `Z`, six
    /// fraction digits, a date that exists, no leap second); nil for anything else.
    public static func parse(_ text: String) -> Int64? {
        TimeDigits.withBytes(of: text) { parse($0) }
    }

    /// As `parse(_: String)`, from UTF-8 bytes.
    public static func parse(_ b: UnsafeRawBufferPointer) -> Int64? {
        guard b.count == 27, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              b[19] == UInt8(ascii: "."), b[26] == UInt8(ascii: "Z"),
              let year = TimeDigits.number(b, 0, 4), let month = TimeDigits.number(b, 5, 2),
              let day = TimeDigits.number(b, 8, 2), let hour = TimeDigits.number(b, 11, 2),
              let minute = TimeDigits.number(b, 14, 2), let second = TimeDigits.number(b, 17, 2),
              let micros = TimeDigits.number(b, 20, 6),
              hour <= 23, minute <= 59, second <= 59,
              let date = CivilDate(year: year, month: month, day: day) else { return nil }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return seconds * 1_000_000 + Int64(micros)
    }

    /// The current time (`clock_gettime(CLOCK_REALTIME)`) in µs since 1970-01-01T00:00:00Z.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }
}
