/// A closed enumeration of the contract: any other value is rejected with the list of allowed ones.
public protocol Vocabulary: RawRepresentable<String>, CaseIterable, Sendable, Hashable where AllCases == [Self] {}

extension Vocabulary {
    /// The allowed values, for error messages: `a, b, c`.
    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The value's position in `allCases`, its storage code.
    ///
    /// A payload-free enumeration is stored as its case's declaration index, which is also its position in the
    /// synthesised `allCases`; `VocabularyTests` checks this for every vocabulary.
    @inline(__always)
    public var code: UInt8 {
        MemoryLayout<Self>.size == 1 ? unsafeBitCast(self, to: UInt8.self) : UInt8(truncatingIfNeeded: Self.allCases.firstIndex(of: self) ?? 0)
    }

    /// The value stored under `code`, or nil.
    @inline(__always)
    public init?(code: UInt8) {
        let all = Self.allCases
        guard Int(code) < all.count else { return nil }
        self = all[Int(code)]
    }
}

/// What a PLP gathers: residents, self-employed people (PLP-I, BIN-Z), a sector, or other.
public enum PLPKind: String, Vocabulary { case residential, independents, sectoral, other }
/// Who took the initiative of a PLP.
public enum PLPInitiator: String, Vocabulary { case residents, association, authority, police }
/// A party to the *concertation* before a PLP is founded.
public enum ConsultationParty: String, Vocabulary { case authority, police }
/// Why a coordinator was replaced.
public enum CoordinatorChangeReason: String, Vocabulary { case resigned, removed, other }
/// The conclusion of a PLP's yearly evaluation.
public enum EvaluationAssessment: String, Vocabulary { case `continue`, adjust, stop }
/// Who a member is.
public enum MemberKind: String, Vocabulary { case resident, independent, company }
/// How a member receives alerts, and how an alert is sent.
public enum Channel: String, Vocabulary { case sms, voice, email, app }
/// Why a member left.
public enum LeaveReason: String, Vocabulary { case moved, request, inactive, excluded, other }
/// What a citizen reported.
public enum ReportCategory: String, Vocabulary {
    case suspiciousPerson = "suspicious-person"
    case suspiciousVehicle = "suspicious-vehicle"
    case burglaryInProgress = "burglary-in-progress"
    case vandalism
    case fireOrCORisk = "fire-or-co-risk"
    case other
}
/// How a report reached the police.
public enum ReportVia: String, Vocabulary {
    case emergency112 = "112"
    case police101 = "101"
    case station, coordinator, app
}
/// The police's assessment of a report.
public enum ReportOutcome: String, Vocabulary {
    case confirmed
    case falseAlarm = "false-alarm"
    case unfounded
}
/// What the police tell the PLP afterwards.
public enum FeedbackOutcome: String, Vocabulary {
    case suspectArrested = "suspect-arrested"
    case noTrace = "no-trace"
    case investigationOngoing = "investigation-ongoing"
    case noOffence = "no-offence"
}
/// The kind of message sent to a PLP's members.
public enum AlertKind: String, Vocabulary { case urgent, prevention, bulletin }
/// A police-recorded crime category.
public enum CrimeCategory: String, Vocabulary {
    case burglaryHome = "burglary-home"
    case burglaryBusiness = "burglary-business"
    case theftFromVehicle = "theft-from-vehicle"
    case vehicleTheft = "vehicle-theft"
    case vandalism
    case other

    /// Burglaries, as the figures count them (contract, section 7).
    public var isBurglary: Bool { self == .burglaryHome || self == .burglaryBusiness }
}
