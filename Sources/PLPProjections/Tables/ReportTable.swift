import PLPEvents

/// One row of `reports`: a citizen report folded from the standing events of its `report/ID` stream.
///
/// `filed_at` is the `occurredAt` of `ReportFiled` as written in the ledger (RFC 3339), `filed_on` its Brussels
/// date; `outcome` and `assessed_on` come from `ReportAssessed`; `feedback_count` counts the `FeedbackGiven`, and
/// `feedback_outcome`, `feedback_on`, `feedback_message` are those of the latest one.
public struct ReportRow: Sendable, Equatable {
    /// The columns of `reports`, in order.
    public static let columns = (["report", "plp", "member", "category", "via", "filed_at", "filed_on"]
                                 + PlaceColumns.names
                                 + ["outcome", "assessed_on", "feedback_count", "feedback_outcome", "feedback_on",
                                    "feedback_message", "seqs"]).columns

    /// The stream ID.
    public let id: String
    /// From `ReportFiled`.
    public var plp: String?, member: String?, category: ReportCategory, via: ReportVia, commune: NISCode
    /// When it was filed, as written, and its Brussels day.
    public var filedAt: String, filedOn: CivilDate
    /// The assessment.
    public var outcome: ReportOutcome?, assessedOn: CivilDate?
    /// The feedback given: how many, and the latest.
    public var feedbackCount = 0, feedbackOutcome: FeedbackOutcome?, feedbackOn: CivilDate?, feedbackMessage: String?
    /// The seqs of the standing events of the stream.
    public var seqs: [UInt64]

    /// The row of a `ReportFiled`.
    init(_ event: RecordedEvent, _ r: ReportFiled) {
        id = event.stream.id
        plp = r.plp
        member = r.member
        category = r.category
        via = r.via
        commune = r.commune
        filedAt = event.occurredAt.text
        filedOn = Brussels.date(ofInstant: event.occurredAt.instant)
        seqs = [event.seq]
    }

    /// Takes a later event of the stream into the row.
    mutating func take(_ event: RecordedEvent) {
        seqs.append(event.seq)
        switch event.payload {
        case .reportAssessed(let a):
            outcome = a.outcome
            assessedOn = Brussels.date(ofInstant: event.occurredAt.instant)
        case .feedbackGiven(let f):
            feedbackCount += 1
            feedbackOutcome = f.outcome
            feedbackOn = Brussels.date(ofInstant: event.occurredAt.instant)
            feedbackMessage = f.message
        default:
            break
        }
    }

    /// Encodes the row's cells.
    func encode(into row: inout RowEncoder) {
        row.text(id)
        row.text(plp)
        row.text(member)
        row.text(category.rawValue)
        row.text(via.rawValue)
        row.text(filedAt)
        row.date(filedOn)
        PlaceColumns.encode(commune, into: &row)
        row.text(outcome?.rawValue)
        row.date(assessedOn)
        row.int(feedbackCount)
        row.text(feedbackOutcome?.rawValue)
        row.date(feedbackOn)
        row.text(feedbackMessage)
        row.seqs(seqs)
    }
}
