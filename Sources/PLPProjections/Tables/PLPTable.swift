import PLPEvents

/// One row of `plps`: a PLP folded from the standing events of its `plp/ID` stream, in stream order.
///
/// Dates are the Brussels dates of the events' `occurredAt`. `suspended_on` is the day of the suspension not
/// followed by a reinstatement (empty otherwise); `evaluated_year` and `assessment` are those of the latest
/// `PLPEvaluated`. `seqs` lists every standing event of the stream the row was folded from.
public struct PLPRow: Sendable, Equatable {
    /// The columns of `plps`, in order.
    public static let columns = (["plp", "name", "kind", "initiator", "status", "proposed_on", "charter_signed_on",
                                  "approved_on", "approval_ref", "suspended_on", "dissolved_on", "dissolution_reason",
                                  "coordinator", "evaluated_year", "assessment", "police_zone", "area"]
                                 + PlaceColumns.names + ["seqs"]).columns

    /// The stream ID.
    public let id: String
    /// From `PLPProposed`.
    public var name: String, kind: PLPKind, initiator: PLPInitiator, policeZone: String?, area: String?
    /// The commune as proposed.
    public var commune: NISCode
    /// The status after the standing events.
    public var status: PLPStatus = .proposed
    /// The days of the life events.
    public var proposedOn: CivilDate, charterSignedOn: CivilDate?, approvedOn: CivilDate?, suspendedOn: CivilDate?,
               dissolvedOn: CivilDate?
    /// The SPF's reference of the approval.
    public var approvalRef: String?
    /// Why it was dissolved.
    public var dissolutionReason: String?
    /// The coordinator: from the charter, then each `CoordinatorChanged`.
    public var coordinator: String?
    /// The latest evaluation.
    public var evaluatedYear: Int?, assessment: EvaluationAssessment?
    /// The seqs of the standing events of the stream.
    public var seqs: [UInt64]

    /// The row of a `PLPProposed`.
    init(_ event: RecordedEvent, _ p: PLPProposed) {
        id = event.stream.id
        name = p.name
        kind = p.kind
        initiator = p.initiator
        policeZone = p.policeZone
        area = p.area
        commune = p.commune
        proposedOn = Brussels.date(ofInstant: event.occurredAt.instant)
        seqs = [event.seq]
    }

    /// Takes a later event of the stream into the row.
    mutating func take(_ event: RecordedEvent) {
        let day = Brussels.date(ofInstant: event.occurredAt.instant)
        seqs.append(event.seq)
        switch event.payload {
        case .charterSigned(let c):
            charterSignedOn = day
            coordinator = c.coordinator
        case .coordinatorChanged(let c):
            coordinator = c.coordinator
        case .plpApproved(let a):
            approvedOn = day
            approvalRef = a.approvalRef
            status = .active
        case .plpSuspended:
            suspendedOn = day
            status = .suspended
        case .plpReinstated:
            suspendedOn = nil
            status = .active
        case .plpEvaluated(let e):
            evaluatedYear = e.year
            assessment = e.assessment
        case .plpDissolved(let d):
            dissolvedOn = day
            dissolutionReason = d.reason
            status = .dissolved
        default:
            break
        }
    }

    /// Encodes the row's cells.
    func encode(into row: inout RowEncoder) {
        row.text(id)
        row.text(name)
        row.text(kind.rawValue)
        row.text(initiator.rawValue)
        row.text(status.rawValue)
        row.date(proposedOn)
        row.date(charterSignedOn)
        row.date(approvedOn)
        row.text(approvalRef)
        row.date(suspendedOn)
        row.date(dissolvedOn)
        row.text(dissolutionReason)
        row.text(coordinator)
        row.int(evaluatedYear)
        row.text(assessment?.rawValue)
        row.text(policeZone)
        row.text(area)
        PlaceColumns.encode(commune, into: &row)
        row.seqs(seqs)
    }
}
