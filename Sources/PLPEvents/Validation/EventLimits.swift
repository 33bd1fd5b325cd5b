/// The bounds of contract section 9: how long an event may be once stored, how large a count, which years.
///
/// Counts and years are checked when a line is decoded (``DataDecoder``, ``EventLineDecoder``); the stored size and a
/// preserved `recordedAt` are checked when the event is admitted, at `append` and in an import's check pass.
public enum EventLimits {
    /// The most bytes an event's leaf bytes (its canonical line without `hash`, `contact` sealed) may have: one entry
    /// of a C2SP tile.
    public static let leafBytes = 65_535
    /// The largest `participants`, `recipients` or `attendees`.
    public static let count: Int64 = 1_000_000
    /// The years of `occurredAt`, `occurredOn` and `year`.
    public static let years: ClosedRange<Int64> = 1900...2100

    /// Why a count is refused, or nil when it is within 0…1,000,000.
    static func countProblem(_ value: Int64) -> String? {
        if value < 0 { return "must be 0 or more, not \(value)" }
        if value > count { return "\(value) is above the limit of \(grouped(count))" }
        return nil
    }

    /// Why a year is refused, or nil when it is within 1900–2100.
    static func yearProblem(_ year: Int64) -> String? {
        years.contains(year) ? nil : "\(year) is not a plausible year (1900–2100)"
    }

    /// `65,535`: a number with a comma between groups of three digits, as the contract writes it.
    static func grouped(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var out = value < 0 ? "-" : ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
