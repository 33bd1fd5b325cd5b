import PLPEvents

/// One row of `members`: a membership folded from the standing events of its `member/ID` stream.
///
/// No contact data, sealed or not: neither name, phone nor e-mail is kept (`MemberContactChanged` only adds its seq).
/// `erased` is true after `MemberErased` (its day in `erased_on`).
public struct MemberRow: Sendable, Equatable {
    /// The columns of `members`, in order.
    public static let columns = ["member", "plp", "kind", "channels", "newsletter", "joined_on", "left_on",
                                 "leave_reason", "erased", "erased_on", "seqs"].columns

    /// The stream ID.
    public let id: String
    /// From `MemberJoined`.
    public var plp: String, kind: MemberKind, channels: [Channel], newsletter: Bool?
    /// The days it joined, left and was erased.
    public var joinedOn: CivilDate, leftOn: CivilDate?, erasedOn: CivilDate?
    /// Why the member left.
    public var leaveReason: LeaveReason?
    /// The seqs of the standing events of the stream.
    public var seqs: [UInt64]

    /// The row of a `MemberJoined`.
    init(_ event: RecordedEvent, _ m: MemberJoined) {
        id = event.stream.id
        plp = m.plp
        kind = m.kind
        channels = m.channels
        newsletter = m.newsletter
        joinedOn = Brussels.date(ofInstant: event.occurredAt.instant)
        seqs = [event.seq]
    }

    /// Takes a later event of the stream into the row.
    mutating func take(_ event: RecordedEvent) {
        seqs.append(event.seq)
        switch event.payload {
        case .memberLeft(let l):
            leftOn = Brussels.date(ofInstant: event.occurredAt.instant)
            leaveReason = l.reason
        case .memberErased:
            erasedOn = Brussels.date(ofInstant: event.occurredAt.instant)
        default:
            break
        }
    }

    /// Encodes the row's cells.
    func encode(into row: inout RowEncoder) {
        row.text(id)
        row.text(plp)
        row.text(kind.rawValue)
        row.words(channels.map(\.rawValue))
        row.bool(newsletter)
        row.date(joinedOn)
        row.date(leftOn)
        row.text(leaveReason?.rawValue)
        row.bool(erasedOn != nil)
        row.date(erasedOn)
        row.seqs(seqs)
    }
}
