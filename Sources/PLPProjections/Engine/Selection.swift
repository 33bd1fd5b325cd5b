import PLPEvents

/// What part of the log a figure is computed from: the whole log, the events up to `--until-seq N`, or what the
/// ledger had recorded by `--as-of T` (contract section 6). Both bounds may be given; an event must meet both.
public struct Selection: Sendable, Hashable {
    /// Only events with `seq ≤ untilSeq`.
    public var untilSeq: UInt64?
    /// Only events with `recordedAt ≤ asOf` (µs since 1970 UTC).
    public var asOf: Int64?

    /// The whole log.
    public static let wholeLog = Selection()

    /// Makes a selection.
    public init(untilSeq: UInt64? = nil, asOf: Int64? = nil) {
        self.untilSeq = untilSeq
        self.asOf = asOf
    }

    /// True when no bound is set.
    public var isWholeLog: Bool { untilSeq == nil && asOf == nil }

    /// True when the event at `seq`, recorded at `recordedAt`, is part of the selection.
    @inline(__always)
    public func includes(seq: UInt64, recordedAt: Int64) -> Bool {
        seq <= (untilSeq ?? .max) && recordedAt <= (asOf ?? .max)
    }

    /// Reads the argument of `--as-of`: an RFC 3339 time with an offset or `Z` (`2025-03-04T21:15:00+01:00`), or a
    /// date alone (`2025-03-04`), read as the end of that day in Brussels — everything recorded on that day counts.
    /// - Returns: the last instant included, µs since 1970 UTC.
    public static func parseAsOf(_ text: String) throws(SelectionError) -> Int64 {
        if let date = CivilDate.parse(text) {
            return Brussels.startOfDay(date.adding(days: 1)) - 1
        }
        do {
            return try RFC3339Timestamp.parse(text).instant
        } catch {
            throw SelectionError("--as-of needs an RFC 3339 time such as 2025-03-04T21:15:00+01:00 or a date such as 2025-03-04, not '\(text)'")
        }
    }
}

/// A bad option of a figure command: one sentence a person can act on.
public struct SelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public let description: String
    /// Makes an error with its sentence.
    public init(_ description: String) { self.description = description }
}
