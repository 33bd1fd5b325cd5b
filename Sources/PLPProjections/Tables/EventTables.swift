import PLPEvents

/// The tables with one row per standing event, written as the fold reaches each event: `alerts` (`AlertSent`),
/// `crimes` (`CrimeRecorded`) and `programme` (`CourseDelivered`, `BestPracticeShared`, `SteeringCommitteeMet`).
///
/// Each row keeps the `seq` of its event. Instants are `occurredAt` as written (RFC 3339); days and hours are taken
/// in Brussels (contract section 6).
public enum EventTables {
    /// `alerts`: `sent_hour` is the Brussels hour (0–23) of `sent_at`, for night counts (22–05).
    public static let alertColumns = ["alert", "plp", "kind", "channel", "recipients", "report", "sent_at", "sent_on",
                                      "sent_hour", "advice", "seq"].columns

    /// `crimes`: the commune is that of the `commune/NIS` stream; `burglary` is true for `burglary-home` and
    /// `burglary-business` (the burglaries of contract section 7); `occurred_on` is the data's `occurredOn`.
    public static let crimeColumns = (["seq", "category", "burglary", "attempted", "occurred_on", "police_zone"]
                                      + PlaceColumns.names).columns

    /// `programme`: `type` is `course`, `best-practice` or `steering-committee`; the columns of the other types are
    /// empty (`academy`, `participants` for a course; `title`, `theme`, `plp` for a best practice; `year`,
    /// `decisions` for a comité meeting).
    public static let programmeColumns = ["seq", "type", "occurred_at", "occurred_on", "academy", "participants",
                                          "title", "theme", "plp", "year", "decisions"].columns

    /// Encodes the `alerts` row of an `AlertSent`.
    static func alert(_ event: RecordedEvent, _ a: AlertSent, into row: inout RowEncoder) {
        let local = Brussels.localDateTime(ofInstant: event.occurredAt.instant)
        row.text(event.stream.id)
        row.text(a.plp)
        row.text(a.kind.rawValue)
        row.text(a.channel.rawValue)
        row.int(a.recipients)
        row.text(a.report)
        row.text(event.occurredAt.text)
        row.date(local.date)
        row.int(local.hour)
        row.text(a.advice)
        row.int(event.seq)
    }

    /// Encodes the `crimes` row of a `CrimeRecorded`.
    static func crime(_ event: RecordedEvent, _ c: CrimeRecorded, into row: inout RowEncoder) {
        row.int(event.seq)
        row.text(c.category.rawValue)
        row.bool(c.category.isBurglary)
        row.bool(c.attempted)
        row.date(c.occurredOn)
        row.text(c.policeZone)
        PlaceColumns.encode(NISCode(event.stream.id), into: &row)
    }

    /// Encodes the `crimes` row of a stored `CrimeRecorded` straight from its bytes (crime facts are most of the log):
    /// the same cells as ``crime(_:_:into:)``, without decoding the event.
    static func storedCrime(seq: UInt64, _ bytes: UnsafeRawBufferPointer, into row: inout RowEncoder) throws {
        guard let (crime, policeZone) = try StoredEventCodec.crimeAndPoliceZone(bytes) else {
            throw BinaryFormatError("seq \(seq) is not a crime fact")
        }
        let (category, attempted, occurredOn, nis) = (crime.category, crime.attempted, crime.occurredOn, crime.commune.value)
        row.int(seq)
        row.text(category.rawValue)
        row.bool(category.isBurglary)
        row.bool(attempted)
        row.date(occurredOn)
        row.text(policeZone)
        PlaceColumns.encode(NISCode(value: nis), into: &row)
    }

    /// Encodes the `programme` row of a programme event; false for another type.
    static func programme(_ event: RecordedEvent, into row: inout RowEncoder) -> Bool {
        let type: String
        var academy: String?, participants: Int?, title: String?, theme: String?, plp: String?, year: Int?, decisions: String?
        switch event.payload {
        case .courseDelivered(let c): type = "course"; academy = c.academy; participants = c.participants
        case .bestPracticeShared(let b): type = "best-practice"; title = b.title; theme = b.theme; plp = b.plp
        case .steeringCommitteeMet(let s): type = "steering-committee"; year = s.year; decisions = s.decisions
        default: return false
        }
        row.int(event.seq)
        row.text(type)
        row.text(event.occurredAt.text)
        row.date(Brussels.date(ofInstant: event.occurredAt.instant))
        row.text(academy)
        row.int(participants)
        row.text(title)
        row.text(theme)
        row.text(plp)
        row.int(year)
        row.text(decisions)
        return true
    }
}
