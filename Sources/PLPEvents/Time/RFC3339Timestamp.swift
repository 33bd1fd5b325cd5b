/// Why a text is not a valid time/date.
public struct TimeFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A short phrase a person can act on, e.g. "month 13 does not exist".
    public var reason: String

    /// Makes an error with `reason`.
    public init(reason: String) {
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}

/// An RFC 3339 date-time as written (kept byte for byte), with the instant it denotes.
///
/// Grammar: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`. Lowercase `t` and `z` are
/// accepted (RFC 3339 §5.6 note) and kept as written. Rejected: seconds 60 (leap seconds are not
/// supported), dates that do not exist, hours above 23, offsets beyond ±23:59, a missing
/// offset, a space instead of `T`. `-00:00` is accepted as offset 0.
public struct RFC3339Timestamp: Sendable, Hashable {
    /// The text exactly as written.
    public let text: String
    /// Microseconds since 1970-01-01T00:00:00Z; fractional digits beyond 6 are truncated toward
    /// the past.
    public let instant: Int64
    /// The offset from UTC in seconds: `+01:00` -> 3600, `Z` -> 0.
    public let offsetSeconds: Int32

    /// Makes a timestamp from its parts; `parse` is the usual way to get one.
    public init(text: String, instant: Int64, offsetSeconds: Int32) {
        self.text = text
        self.instant = instant
        self.offsetSeconds = offsetSeconds
    }

    /// Parses an RFC 3339 date-time with offset.
    public static func parse(_ text: String) throws(TimeFormatError) -> RFC3339Timestamp {
        let result: Result<RFC3339Timestamp, TimeFormatError> = TimeDigits.withBytes(of: text) { bytes in
            Result { () throws(TimeFormatError) -> RFC3339Timestamp in try parse(bytes) }
        }
        return try result.get()
    }

    /// Parses an RFC 3339 date-time with offset from its UTF-8 bytes (hot path).
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(TimeFormatError) -> RFC3339Timestamp {
        let fields = try RFC3339Fields.parse(bytes)
        return RFC3339Timestamp(
            text: String(decoding: bytes, as: UTF8.self),
            instant: fields.instant,
            offsetSeconds: fields.offsetSeconds
        )
    }

    /// Checks an RFC 3339 date-time with offset and returns only its instant and offset, without
    /// making a `String` (for hot paths that do not need the text).
    public static func parseInstant(_ bytes: UnsafeRawBufferPointer) throws(TimeFormatError) -> (instant: Int64, offsetSeconds: Int32) {
        let fields = try RFC3339Fields.parse(bytes)
        return (fields.instant, fields.offsetSeconds)
    }

    /// The Europe/Brussels calendar date of the instant.
    public var brusselsDate: CivilDate { Brussels.date(ofInstant: instant) }

    /// The year as written (the local date at the timestamp's own offset), e.g. 2025 for `2025-01-01T00:30:00+01:00`.
    public var writtenYear: Int {
        let local = instant &+ Int64(offsetSeconds) &* 1_000_000
        return CivilDate(daysSinceEpoch: Int(Brussels.floorDivMod(local, Brussels.microsPerDay).0)).year
    }
}

/// The Europe/Brussels calendar date on which the timestamp's instant falls.
public func brusselsDateOf(_ t: RFC3339Timestamp) -> CivilDate {
    Brussels.date(ofInstant: t.instant)
}

/// The checked fields of an RFC 3339 date-time (no `String` made).
struct RFC3339Fields {
    var instant: Int64
    var offsetSeconds: Int32

    static let example = "2025-03-04T21:15:00+01:00"
    static let shapeError = TimeFormatError(reason: "not an RFC 3339 date-time with offset (e.g. \(example))")

    static func parse(_ b: UnsafeRawBufferPointer) throws(TimeFormatError) -> RFC3339Fields {
        let n = b.count
        // Date part.
        guard n >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = TimeDigits.number(b, 0, 4),
              let month = TimeDigits.number(b, 5, 2),
              let day = TimeDigits.number(b, 8, 2) else { throw shapeError }
        if n == 10 {
            throw TimeFormatError(reason: "a date without a time; needs a date-time with offset, e.g. \(example)")
        }
        let separator = b[10]
        if separator == UInt8(ascii: " ") {
            throw TimeFormatError(reason: "needs 'T' between date and time, not a space (e.g. \(example))")
        }
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") else { throw shapeError }
        // Time part.
        guard n >= 19, b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let hour = TimeDigits.number(b, 11, 2),
              let minute = TimeDigits.number(b, 14, 2),
              let second = TimeDigits.number(b, 17, 2) else { throw shapeError }
        var i = 19
        var micros = 0
        if i < n && b[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < n && (b[i] &- UInt8(ascii: "0")) < 10 {
                if i - fractionStart < 6 { micros = micros * 10 + Int(b[i] &- UInt8(ascii: "0")) }
                i += 1
            }
            guard i > fractionStart else {
                throw TimeFormatError(reason: "a '.' after the seconds must be followed by digits (e.g. 21:15:00.5+01:00)")
            }
            var digits = i - fractionStart
            while digits < 6 {
                micros *= 10
                digits += 1
            }
        }
        // Offset.
        guard i < n else {
            throw TimeFormatError(reason: "needs an offset or Z, e.g. \(example)")
        }
        var offset = 0
        var offsetSign = 1
        var offsetHour = 0
        var offsetMinute = 0
        let o = b[i]
        if o == UInt8(ascii: "Z") || o == UInt8(ascii: "z") {
            guard i + 1 == n else { throw shapeError }
        } else if o == UInt8(ascii: "+") || o == UInt8(ascii: "-") {
            guard n - i == 6, b[i + 3] == UInt8(ascii: ":"),
                  let oh = TimeDigits.number(b, i + 1, 2),
                  let om = TimeDigits.number(b, i + 4, 2) else { throw shapeError }
            offsetSign = o == UInt8(ascii: "-") ? -1 : 1
            offsetHour = oh
            offsetMinute = om
            offset = offsetSign * (oh * 3600 + om * 60)
        } else {
            throw shapeError
        }
        // Field ranges.
        guard (1...12).contains(month) else { throw TimeFormatError(reason: "month \(month) does not exist") }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            throw TimeFormatError(reason: "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) does not exist")
        }
        guard hour <= 23 else { throw TimeFormatError(reason: "hour \(hour) does not exist (hours run 00 to 23)") }
        guard minute <= 59 else { throw TimeFormatError(reason: "minute \(minute) does not exist (minutes run 00 to 59)") }
        if second == 60 { throw TimeFormatError(reason: "second 60: leap seconds are not supported") }
        guard second <= 59 else { throw TimeFormatError(reason: "second \(second) does not exist (seconds run 00 to 59)") }
        guard offsetMinute <= 59 else {
            throw TimeFormatError(reason: "offset minute \(offsetMinute) does not exist (minutes run 00 to 59)")
        }
        guard offsetHour <= 23 else {
            let sign = offsetSign < 0 ? "-" : "+"
            throw TimeFormatError(reason: "offset \(sign)\(pad(offsetHour, 2)):\(pad(offsetMinute, 2)) is beyond the limit of ±23:59")
        }
        let localSeconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let instant = (localSeconds - Int64(offset)) * 1_000_000 + Int64(micros)
        return RFC3339Fields(instant: instant, offsetSeconds: Int32(offset))
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        var bytes: [UInt8] = []
        TimeDigits.append(value, width: width, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
