extension CivilDate {
    /// The English names of the months, January first.
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                    "September", "October", "November", "December"]

    /// Why the `YYYY-MM-DD` that `text` starts with is not a day of the calendar, for a message after "is not a date:"
    /// (`February 2024 has 29 days`, `there is no month 13`); nil when `text` does not start with digits shaped like
    /// `YYYY-MM-DD`, or when that date exists.
    public static func problem(_ text: String) -> String? {
        let utf8 = Array(text.utf8.prefix(11))
        guard utf8.count >= 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
        if utf8.count == 11, ![UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(utf8[10]) { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in utf8[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        let days = daysInMonth(year: year, month: month)
        guard (1...days).contains(day) else {
            return day == 0 ? "there is no day 0" : "\(monthNames[month - 1]) \(year) has \(days) days"
        }
        return nil
    }
}
