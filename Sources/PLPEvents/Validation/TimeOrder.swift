/// When one event of a stream occurred, as the time order of contract section 3 needs it: the instant, the offset it
/// was written with (to name it back in a refusal) and its type.
public struct OccurrenceMark: Sendable, Hashable {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var instant: Int64
    /// The offset from UTC it was written with, in seconds.
    public var offsetSeconds: Int32
    /// The event's type.
    public var type: EventType

    /// Makes a mark.
    public init(instant: Int64, offsetSeconds: Int32, type: EventType) {
        self.instant = instant
        self.offsetSeconds = offsetSeconds
        self.type = type
    }

    /// The mark of an event that occurred at `occurredAt`.
    public init(_ occurredAt: RFC3339Timestamp, type: EventType) {
        self.init(instant: occurredAt.instant, offsetSeconds: occurredAt.offsetSeconds, type: type)
    }

    /// "MemberJoined of 2015-07-01T10:00:00+02:00".
    public var description: String {
        "\(type.rawValue) of \(RFC3339Timestamp.text(instant: instant, offsetSeconds: offsetSeconds))"
    }
}

/// The time order of contract section 3: nothing recorded before it happened, and in `plp/`, `member/` and `report/`
/// streams nothing before the live event it follows; an alert not before the report it names, a member not before
/// the PLP's proposal. Each refusal is one sentence that names both times.
public enum TimeOrder {
    /// How far `occurredAt` may lie after the moment the ledger records the event (clocks differ): 5 minutes.
    public static let clockAllowance: Int64 = 5 * 60 * 1_000_000

    /// Whether the events of a stream of `kind` keep to their stream's time order.
    public static func isOrdered(_ kind: StreamKind) -> Bool {
        kind == .plp || kind == .member || kind == .report
    }

    /// Refuses an event that occurred after the moment it is recorded (`recordedAt`, µs), beyond the allowance.
    public static func checkNotFuture(_ occurredAt: RFC3339Timestamp, recordedAt: Int64, preserved: Bool) throws(EventLineError) {
        guard occurredAt.instant > recordedAt &+ clockAllowance else { return }
        let recorded = RecordedAt.format(recordedAt)
        if preserved {
            throw EventLineError(field: "occurredAt",
                                 "\(occurredAt.text) is after the event's recordedAt \(recorded): nothing is recorded before it happened")
        }
        throw EventLineError(field: "occurredAt",
                             "\(occurredAt.text) is in the future: the ledger records this event at \(recorded) (5 minutes are allowed for clocks)")
    }

    /// Refuses an event that occurred before the live event it follows in its stream (`latest`).
    public static func checkFollows(_ occurredAt: RFC3339Timestamp, latest: OccurrenceMark?, in stream: StreamName) throws(EventLineError) {
        guard let latest, occurredAt.instant < latest.instant else { return }
        throw EventLineError(field: "occurredAt",
                             "\(occurredAt.text) is before the event it follows in \(stream), \(latest.description)")
    }

    /// Refuses an event that occurred before the first event (`opened`) of a stream it names in `field`.
    public static func checkNotBefore(_ occurredAt: RFC3339Timestamp, opened: OccurrenceMark?, of stream: StreamName,
                                      field: String) throws(EventLineError) {
        guard let opened, occurredAt.instant < opened.instant else { return }
        throw EventLineError(field: "occurredAt",
                             "\(occurredAt.text) is before \(stream) (\(field)) began, \(opened.description)")
    }
}

extension RFC3339Timestamp {
    /// The instant written in RFC 3339 at the given offset: `YYYY-MM-DDTHH:MM:SS[.ffffff]±HH:MM` (`Z` for offset 0;
    /// the fraction only when it is not zero).
    public static func text(instant: Int64, offsetSeconds: Int32) -> String {
        let local = instant &+ Int64(offsetSeconds) &* 1_000_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        let rest = RecordedAt.writeDateAndTime(local, into: &bytes)
        if rest != 0 {
            bytes.append(UInt8(ascii: "."))
            TimeDigits.append(rest, width: 6, to: &bytes)
        }
        if offsetSeconds == 0 {
            bytes.append(UInt8(ascii: "Z"))
        } else {
            let magnitude = Int(offsetSeconds.magnitude)
            bytes.append(UInt8(ascii: offsetSeconds < 0 ? "-" : "+"))
            TimeDigits.append(magnitude / 3600, width: 2, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            TimeDigits.append(magnitude % 3600 / 60, width: 2, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
