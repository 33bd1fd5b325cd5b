extension EventType {
    /// The kind of stream this type belongs to; nil for `EventVoided`, which fits any stream.
    public var streamKind: StreamKind? {
        switch self {
        case .plpProposed, .consultationHeld, .informationSessionHeld, .charterSigned, .charterAmended, .plpApproved,
             .coordinatorChanged, .mandatedOfficerChanged, .plpSuspended, .plpReinstated, .plpEvaluated, .plpDissolved:
            .plp
        case .memberJoined, .memberContactChanged, .memberLeft, .memberErased:
            .member
        case .reportFiled, .reportAssessed, .feedbackGiven:
            .report
        case .alertSent:
            .alert
        case .crimeRecorded:
            .commune
        case .courseDelivered, .bestPracticeShared, .steeringCommitteeMet:
            .programme
        case .eventVoided:
            nil
        }
    }
}

extension EventType {
    /// Appends the type's name as UTF-8.
    @inline(__always)
    public func writeName(into bytes: inout [UInt8]) {
        bytes.append(contentsOf: rawValue.utf8)
    }
}
