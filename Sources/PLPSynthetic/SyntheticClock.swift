import PLPEvents

/// Time arithmetic of the generator: instants in µs since 1970 UTC, Brussels days and months, and the
/// `occurredAt` text (Brussels local time with its real offset, or UTC with `Z`).
enum SyntheticClock {
    static let second: Int64 = 1_000_000
    static let minute: Int64 = 60 * second
    static let hour: Int64 = 60 * minute
    static let day: Int64 = 24 * hour

    /// The instant of Brussels midnight starting the first day of `month` (1…12) of `year`.
    static func monthStart(year: Int, month: Int) -> Int64 {
        Brussels.startOfDay(CivilDate(year: year, month: month, day: 1) ?? CivilDate(daysSinceEpoch: 0))
    }

    /// The instant `secondsIntoDay` seconds after Brussels midnight of `date` (on a daylight-saving day the wall
    /// clock reads an hour more or less; the instant is what counts).
    static func instant(on date: CivilDate, secondsIntoDay: Int) -> Int64 {
        Brussels.startOfDay(date) + Int64(secondsIntoDay) * second
    }

    /// The RFC 3339 text of `instant` (whole seconds): Brussels local time with its offset, or UTC with `Z`.
    static func timestamp(_ instant: Int64, utc: Bool) -> RFC3339Timestamp {
        let seconds = instant - instant % second
        let offset: Int32 = utc ? 0 : Brussels.offsetSeconds(atInstant: seconds)
        let local = seconds + Int64(offset) * second
        let days = Int(local >= 0 ? local / day : (local - day + 1) / day)
        let date = CivilDate(daysSinceEpoch: days)
        let rest = Int((local - Int64(days) * day) / second)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        date.appendISO(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendTwoDigits(rest / 3600, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(rest / 60 % 60, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendTwoDigits(rest % 60, to: &bytes)
        if offset == 0 {
            bytes.append(UInt8(ascii: "Z"))
        } else {
            bytes.append(UInt8(ascii: "+"))
            appendTwoDigits(Int(offset) / 3600, to: &bytes)
            bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        }
        return RFC3339Timestamp(text: String(decoding: bytes, as: UTF8.self), instant: seconds, offsetSeconds: offset)
    }

    private static func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}

/// When in the day things happen: hour weights for a kind of activity.
enum DayProfile {
    /// Citizen reports: evening and night heavy.
    case reports
    /// Office work (the commune, the SPF, the police administration): weekday office hours.
    case office
    /// Evening meetings (information sessions).
    case evening
    /// Messages to members: daytime and early evening.
    case messages
    /// Police recording crime facts: mostly day, some at night.
    case recording
    /// Members joining: daytime and evening.
    case joining

    private static let tables: [WeightedTable] = [
        WeightedTable([5, 4, 3, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4, 5, 6, 8, 9, 10, 10, 9, 7]),
        WeightedTable([0, 0, 0, 0, 0, 0, 0, 1, 6, 9, 9, 8, 4, 7, 9, 8, 6, 2, 0, 0, 0, 0, 0, 0]),
        WeightedTable([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 6, 3, 1, 0, 0]),
        WeightedTable([0, 0, 0, 0, 0, 0, 0, 2, 5, 7, 7, 6, 5, 5, 5, 5, 5, 5, 5, 4, 3, 2, 1, 0]),
        WeightedTable([1, 1, 1, 1, 1, 1, 2, 4, 7, 8, 8, 7, 5, 6, 7, 7, 6, 5, 4, 3, 3, 2, 2, 1]),
        WeightedTable([1, 0, 0, 0, 0, 0, 1, 2, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 7, 8, 8, 7, 4, 2]),
    ]

    /// A time of day in seconds after midnight.
    func secondsIntoDay(_ random: inout SeededRandom) -> Int {
        let table: WeightedTable
        switch self {
        case .reports: table = Self.tables[0]
        case .office: table = Self.tables[1]
        case .evening: table = Self.tables[2]
        case .messages: table = Self.tables[3]
        case .recording: table = Self.tables[4]
        case .joining: table = Self.tables[5]
        }
        let hour = table.draw(&random)
        if self == .evening { return hour * 3600 + 30 * 60 * random.below(2) }
        return hour * 3600 + random.below(3600)
    }
}
