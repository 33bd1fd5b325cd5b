import PLPEvents

/// What part of the log a figure is computed from (contract section 6): the whole log, the events up to
/// `--until-seq N`, what the ledger had recorded by `--as-of T` (record time), and only the events that had occurred
/// by `--at T` (business time: `occurredAt`, or `occurredOn` for `CrimeRecorded`). The bounds combine; an event must
/// meet each one given: `--as-of A --at B` is what the ledger knew at A about the state of the network at B.
///
/// Voids follow record time only: an `EventVoided` in the selection by seq and `--as-of` applies whatever its
/// `occurredAt`, since a correction says the voided event should never have been recorded.
public struct Selection: Sendable, Hashable {
    /// Only events with `seq ≤ untilSeq`.
    public var untilSeq: UInt64?
    /// Only events with `recordedAt ≤ asOf` (µs since 1970 UTC).
    public var asOf: Int64?
    /// Only events that occurred by `at` (µs since 1970 UTC): `occurredAt ≤ at`, or for crime facts `occurredOn` on
    /// or before the Brussels date of `at`.
    public var at: Int64? {
        didSet { atDate = at.map { Brussels.date(ofInstant: $0) } }
    }
    /// The Brussels calendar date of `at`.
    public private(set) var atDate: CivilDate?

    /// The whole log.
    public static let wholeLog = Selection()

    /// Makes a selection.
    public init(untilSeq: UInt64? = nil, asOf: Int64? = nil, at: Int64? = nil) {
        self.untilSeq = untilSeq
        self.asOf = asOf
        self.at = at
        self.atDate = at.map { Brussels.date(ofInstant: $0) }
    }

    /// True when no bound is set.
    public var isWholeLog: Bool { untilSeq == nil && asOf == nil && at == nil }

    /// True when the stored event `bytes` occurred by `at` (always, without `--at`).
    @inline(__always)
    public func occurredInTime(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
        guard let at, let atDate else { return true }
        if let crime = try StoredEventCodec.crime(bytes) { return crime.occurredOn <= atDate }
        return try StoredEventHeader(bytes).occurredAt <= at
    }

    /// True when the event at `seq`, recorded at `recordedAt`, is part of the selection.
    @inline(__always)
    public func includes(seq: UInt64, recordedAt: Int64) -> Bool {
        seq <= (untilSeq ?? .max) && recordedAt <= (asOf ?? .max)
    }

    /// Reads the argument of `--as-of`: an RFC 3339 time with an offset or `Z` (`2025-03-04T21:15:00+01:00`), or a
    /// date alone (`2025-03-04`), read as the end of that day in Brussels — everything recorded on that day counts.
    /// - Returns: the last instant included, µs since 1970 UTC.
    public static func parseAsOf(_ text: String, option: String = "--as-of") throws(SelectionError) -> Int64 {
        if let date = CivilDate.parse(text), (1900...2100).contains(date.year) {
            return Brussels.startOfDay(date.adding(days: 1)) - 1
        }
        // The years as an event's occurredAt is bounded (contract section 9): as written, at its own offset — so every
        // time an event may carry can be asked for.
        if let time = try? RFC3339Timestamp.parse(text), (1900...2100).contains(time.writtenYear) {
            return time.instant
        }
        if let problem = CivilDate.problem(text) {
            throw SelectionError("\(option) \(text) is not \(text.utf8.count == 10 ? "a date" : "a time"): \(problem)")
        }
        throw SelectionError("\(option) needs an RFC 3339 time such as 2025-03-04T21:15:00+01:00 or a date such as 2025-03-04 (years 1900–2100), not '\(text)'")
    }
}

/// A bad option of a figure command: one sentence a person can act on.
public struct SelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public let description: String
    /// Makes an error with its sentence.
    public init(_ description: String) { self.description = description }
}
