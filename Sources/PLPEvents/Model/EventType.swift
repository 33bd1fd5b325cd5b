/// The event types of contract section 3 (schema 1), with their stream kind and storage code.
public enum EventType: String, Sendable, CaseIterable, Hashable {
    case plpProposed = "PLPProposed"
    case consultationHeld = "ConsultationHeld"
    case informationSessionHeld = "InformationSessionHeld"
    case charterSigned = "CharterSigned"
    case charterAmended = "CharterAmended"
    case plpApproved = "PLPApproved"
    case coordinatorChanged = "CoordinatorChanged"
    case mandatedOfficerChanged = "MandatedOfficerChanged"
    case plpSuspended = "PLPSuspended"
    case plpReinstated = "PLPReinstated"
    case plpEvaluated = "PLPEvaluated"
    case plpDissolved = "PLPDissolved"
    case memberJoined = "MemberJoined"
    case memberContactChanged = "MemberContactChanged"
    case memberLeft = "MemberLeft"
    case memberErased = "MemberErased"
    case reportFiled = "ReportFiled"
    case reportAssessed = "ReportAssessed"
    case feedbackGiven = "FeedbackGiven"
    case alertSent = "AlertSent"
    case crimeRecorded = "CrimeRecorded"
    case courseDelivered = "CourseDelivered"
    case bestPracticeShared = "BestPracticeShared"
    case steeringCommitteeMet = "SteeringCommitteeMet"
    case eventVoided = "EventVoided"

    /// The one-byte storage code (stable: append new types at the end).
    public var code: UInt8 {
        switch self {
        case .plpProposed: 1
        case .consultationHeld: 2
        case .informationSessionHeld: 3
        case .charterSigned: 4
        case .charterAmended: 5
        case .plpApproved: 6
        case .coordinatorChanged: 7
        case .mandatedOfficerChanged: 8
        case .plpSuspended: 9
        case .plpReinstated: 10
        case .plpEvaluated: 11
        case .plpDissolved: 12
        case .memberJoined: 13
        case .memberContactChanged: 14
        case .memberLeft: 15
        case .memberErased: 16
        case .reportFiled: 17
        case .reportAssessed: 18
        case .feedbackGiven: 19
        case .alertSent: 20
        case .crimeRecorded: 21
        case .courseDelivered: 22
        case .bestPracticeShared: 23
        case .steeringCommitteeMet: 24
        case .eventVoided: 25
        }
    }

    /// The type stored under `code`, or nil.
    public init?(code: UInt8) {
        switch code {
        case 1: self = .plpProposed
        case 2: self = .consultationHeld
        case 3: self = .informationSessionHeld
        case 4: self = .charterSigned
        case 5: self = .charterAmended
        case 6: self = .plpApproved
        case 7: self = .coordinatorChanged
        case 8: self = .mandatedOfficerChanged
        case 9: self = .plpSuspended
        case 10: self = .plpReinstated
        case 11: self = .plpEvaluated
        case 12: self = .plpDissolved
        case 13: self = .memberJoined
        case 14: self = .memberContactChanged
        case 15: self = .memberLeft
        case 16: self = .memberErased
        case 17: self = .reportFiled
        case 18: self = .reportAssessed
        case 19: self = .feedbackGiven
        case 20: self = .alertSent
        case 21: self = .crimeRecorded
        case 22: self = .courseDelivered
        case 23: self = .bestPracticeShared
        case 24: self = .steeringCommitteeMet
        case 25: self = .eventVoided
        default: return nil
        }
    }
}
