/// The typed data of an event: one case per event type of contract section 3.
public enum EventPayload: Sendable, Hashable {
    case plpProposed(PLPProposed)
    case consultationHeld(ConsultationHeld)
    case informationSessionHeld(InformationSessionHeld)
    case charterSigned(CharterSigned)
    case charterAmended(CharterAmended)
    case plpApproved(PLPApproved)
    case coordinatorChanged(CoordinatorChanged)
    case mandatedOfficerChanged(MandatedOfficerChanged)
    case plpSuspended(PLPSuspended)
    case plpReinstated(PLPReinstated)
    case plpEvaluated(PLPEvaluated)
    case plpDissolved(PLPDissolved)
    case memberJoined(MemberJoined)
    case memberContactChanged(MemberContactChanged)
    case memberLeft(MemberLeft)
    case memberErased(MemberErased)
    case reportFiled(ReportFiled)
    case reportAssessed(ReportAssessed)
    case feedbackGiven(FeedbackGiven)
    case alertSent(AlertSent)
    case crimeRecorded(CrimeRecorded)
    case courseDelivered(CourseDelivered)
    case bestPracticeShared(BestPracticeShared)
    case steeringCommitteeMet(SteeringCommitteeMet)
    case eventVoided(EventVoided)

    /// The event type of this payload.
    public var type: EventType {
        switch self {
        case .plpProposed: .plpProposed
        case .consultationHeld: .consultationHeld
        case .informationSessionHeld: .informationSessionHeld
        case .charterSigned: .charterSigned
        case .charterAmended: .charterAmended
        case .plpApproved: .plpApproved
        case .coordinatorChanged: .coordinatorChanged
        case .mandatedOfficerChanged: .mandatedOfficerChanged
        case .plpSuspended: .plpSuspended
        case .plpReinstated: .plpReinstated
        case .plpEvaluated: .plpEvaluated
        case .plpDissolved: .plpDissolved
        case .memberJoined: .memberJoined
        case .memberContactChanged: .memberContactChanged
        case .memberLeft: .memberLeft
        case .memberErased: .memberErased
        case .reportFiled: .reportFiled
        case .reportAssessed: .reportAssessed
        case .feedbackGiven: .feedbackGiven
        case .alertSent: .alertSent
        case .crimeRecorded: .crimeRecorded
        case .courseDelivered: .courseDelivered
        case .bestPracticeShared: .bestPracticeShared
        case .steeringCommitteeMet: .steeringCommitteeMet
        case .eventVoided: .eventVoided
        }
    }

    /// Reads and checks the `data` object of an event of type `type`.
    public static func decode(_ type: EventType, from d: inout DataDecoder) throws(EventLineError) -> EventPayload {
        switch type {
        case .plpProposed: .plpProposed(try PLPProposed(decoding: &d))
        case .consultationHeld: .consultationHeld(try ConsultationHeld(decoding: &d))
        case .informationSessionHeld: .informationSessionHeld(try InformationSessionHeld(decoding: &d))
        case .charterSigned: .charterSigned(try CharterSigned(decoding: &d))
        case .charterAmended: .charterAmended(try CharterAmended(decoding: &d))
        case .plpApproved: .plpApproved(try PLPApproved(decoding: &d))
        case .coordinatorChanged: .coordinatorChanged(try CoordinatorChanged(decoding: &d))
        case .mandatedOfficerChanged: .mandatedOfficerChanged(try MandatedOfficerChanged(decoding: &d))
        case .plpSuspended: .plpSuspended(try PLPSuspended(decoding: &d))
        case .plpReinstated: .plpReinstated(try PLPReinstated(decoding: &d))
        case .plpEvaluated: .plpEvaluated(try PLPEvaluated(decoding: &d))
        case .plpDissolved: .plpDissolved(try PLPDissolved(decoding: &d))
        case .memberJoined: .memberJoined(try MemberJoined(decoding: &d))
        case .memberContactChanged: .memberContactChanged(try MemberContactChanged(decoding: &d))
        case .memberLeft: .memberLeft(try MemberLeft(decoding: &d))
        case .memberErased: .memberErased(try MemberErased(decoding: &d))
        case .reportFiled: .reportFiled(try ReportFiled(decoding: &d))
        case .reportAssessed: .reportAssessed(try ReportAssessed(decoding: &d))
        case .feedbackGiven: .feedbackGiven(try FeedbackGiven(decoding: &d))
        case .alertSent: .alertSent(try AlertSent(decoding: &d))
        case .crimeRecorded: .crimeRecorded(try CrimeRecorded(decoding: &d))
        case .courseDelivered: .courseDelivered(try CourseDelivered(decoding: &d))
        case .bestPracticeShared: .bestPracticeShared(try BestPracticeShared(decoding: &d))
        case .steeringCommitteeMet: .steeringCommitteeMet(try SteeringCommitteeMet(decoding: &d))
        case .eventVoided: .eventVoided(try EventVoided(decoding: &d))
        }
    }

    /// Writes the `data` object in canonical JSON.
    public func encodeJSON(into w: inout CanonicalJSONWriter) {
        switch self {
        case .plpProposed(let body): body.encodeJSON(into: &w)
        case .consultationHeld(let body): body.encodeJSON(into: &w)
        case .informationSessionHeld(let body): body.encodeJSON(into: &w)
        case .charterSigned(let body): body.encodeJSON(into: &w)
        case .charterAmended(let body): body.encodeJSON(into: &w)
        case .plpApproved(let body): body.encodeJSON(into: &w)
        case .coordinatorChanged(let body): body.encodeJSON(into: &w)
        case .mandatedOfficerChanged(let body): body.encodeJSON(into: &w)
        case .plpSuspended(let body): body.encodeJSON(into: &w)
        case .plpReinstated(let body): body.encodeJSON(into: &w)
        case .plpEvaluated(let body): body.encodeJSON(into: &w)
        case .plpDissolved(let body): body.encodeJSON(into: &w)
        case .memberJoined(let body): body.encodeJSON(into: &w)
        case .memberContactChanged(let body): body.encodeJSON(into: &w)
        case .memberLeft(let body): body.encodeJSON(into: &w)
        case .memberErased(let body): body.encodeJSON(into: &w)
        case .reportFiled(let body): body.encodeJSON(into: &w)
        case .reportAssessed(let body): body.encodeJSON(into: &w)
        case .feedbackGiven(let body): body.encodeJSON(into: &w)
        case .alertSent(let body): body.encodeJSON(into: &w)
        case .crimeRecorded(let body): body.encodeJSON(into: &w)
        case .courseDelivered(let body): body.encodeJSON(into: &w)
        case .bestPracticeShared(let body): body.encodeJSON(into: &w)
        case .steeringCommitteeMet(let body): body.encodeJSON(into: &w)
        case .eventVoided(let body): body.encodeJSON(into: &w)
        }
    }

    /// Reads the stored form of a payload of type `type`.
    public static func decode(_ type: EventType, from r: inout BinaryReader) throws(BinaryFormatError) -> EventPayload {
        switch type {
        case .plpProposed: .plpProposed(try PLPProposed(reading: &r))
        case .consultationHeld: .consultationHeld(try ConsultationHeld(reading: &r))
        case .informationSessionHeld: .informationSessionHeld(try InformationSessionHeld(reading: &r))
        case .charterSigned: .charterSigned(try CharterSigned(reading: &r))
        case .charterAmended: .charterAmended(try CharterAmended(reading: &r))
        case .plpApproved: .plpApproved(try PLPApproved(reading: &r))
        case .coordinatorChanged: .coordinatorChanged(try CoordinatorChanged(reading: &r))
        case .mandatedOfficerChanged: .mandatedOfficerChanged(try MandatedOfficerChanged(reading: &r))
        case .plpSuspended: .plpSuspended(try PLPSuspended(reading: &r))
        case .plpReinstated: .plpReinstated(try PLPReinstated(reading: &r))
        case .plpEvaluated: .plpEvaluated(try PLPEvaluated(reading: &r))
        case .plpDissolved: .plpDissolved(try PLPDissolved(reading: &r))
        case .memberJoined: .memberJoined(try MemberJoined(reading: &r))
        case .memberContactChanged: .memberContactChanged(try MemberContactChanged(reading: &r))
        case .memberLeft: .memberLeft(try MemberLeft(reading: &r))
        case .memberErased: .memberErased(try MemberErased(reading: &r))
        case .reportFiled: .reportFiled(try ReportFiled(reading: &r))
        case .reportAssessed: .reportAssessed(try ReportAssessed(reading: &r))
        case .feedbackGiven: .feedbackGiven(try FeedbackGiven(reading: &r))
        case .alertSent: .alertSent(try AlertSent(reading: &r))
        case .crimeRecorded: .crimeRecorded(try CrimeRecorded(reading: &r))
        case .courseDelivered: .courseDelivered(try CourseDelivered(reading: &r))
        case .bestPracticeShared: .bestPracticeShared(try BestPracticeShared(reading: &r))
        case .steeringCommitteeMet: .steeringCommitteeMet(try SteeringCommitteeMet(reading: &r))
        case .eventVoided: .eventVoided(try EventVoided(reading: &r))
        }
    }

    /// Writes the stored form.
    public func encodeBinary(into w: inout BinaryWriter) {
        switch self {
        case .plpProposed(let body): body.encodeBinary(into: &w)
        case .consultationHeld(let body): body.encodeBinary(into: &w)
        case .informationSessionHeld(let body): body.encodeBinary(into: &w)
        case .charterSigned(let body): body.encodeBinary(into: &w)
        case .charterAmended(let body): body.encodeBinary(into: &w)
        case .plpApproved(let body): body.encodeBinary(into: &w)
        case .coordinatorChanged(let body): body.encodeBinary(into: &w)
        case .mandatedOfficerChanged(let body): body.encodeBinary(into: &w)
        case .plpSuspended(let body): body.encodeBinary(into: &w)
        case .plpReinstated(let body): body.encodeBinary(into: &w)
        case .plpEvaluated(let body): body.encodeBinary(into: &w)
        case .plpDissolved(let body): body.encodeBinary(into: &w)
        case .memberJoined(let body): body.encodeBinary(into: &w)
        case .memberContactChanged(let body): body.encodeBinary(into: &w)
        case .memberLeft(let body): body.encodeBinary(into: &w)
        case .memberErased(let body): body.encodeBinary(into: &w)
        case .reportFiled(let body): body.encodeBinary(into: &w)
        case .reportAssessed(let body): body.encodeBinary(into: &w)
        case .feedbackGiven(let body): body.encodeBinary(into: &w)
        case .alertSent(let body): body.encodeBinary(into: &w)
        case .crimeRecorded(let body): body.encodeBinary(into: &w)
        case .courseDelivered(let body): body.encodeBinary(into: &w)
        case .bestPracticeShared(let body): body.encodeBinary(into: &w)
        case .steeringCommitteeMet(let body): body.encodeBinary(into: &w)
        case .eventVoided(let body): body.encodeBinary(into: &w)
        }
    }
}
