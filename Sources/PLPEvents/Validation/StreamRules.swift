/// The rules of contract section 3 that order the events of one stream, as a fold over ``RuleToken``s.
///
/// Each rule failure is a sentence that names the rule, e.g. "PLPApproved needs a signed charter (CharterSigned) first".
public enum StreamRules {
    /// Applies one event to a stream's facts, or says which rule it breaks.
    /// `EventVoided` is handled by the caller (it refolds the stream without the voided event).
    public static func apply(_ token: RuleToken, to flags: StreamFacts.Flags, kind: StreamKind) throws(EventLineError) -> StreamFacts.Flags {
        var flags = flags
        let type = token.type
        func refuse(_ reason: String) -> EventLineError { EventLineError(field: "type", "\(type.rawValue) \(reason)") }
        let exists = flags.contains(.exists)
        switch kind {
        case .plp:
            if type != .plpProposed && !exists {
                throw refuse("needs the PLP to be proposed first (PLPProposed)")
            }
            if flags.contains(.dissolved) { throw refuse("cannot follow PLPDissolved: the PLP is dissolved") }
            switch type {
            case .plpProposed:
                if exists { throw refuse("must be the first event of the stream: this PLP was already proposed") }
                flags.insert(.exists)
            case .consultationHeld:
                flags.insert(.consulted)
            case .informationSessionHeld:
                if token.supportSufficient { flags.insert(.supported) }
            case .charterSigned:
                if flags.contains(.charterSigned) { throw refuse("happens once: the charter is already signed") }
                if !flags.contains(.consulted) { throw refuse("needs a consultation first (ConsultationHeld)") }
                if !flags.contains(.supported) {
                    throw refuse("needs an information session with sufficient support first (InformationSessionHeld with supportSufficient true)")
                }
                flags.insert(.charterSigned)
            case .charterAmended, .coordinatorChanged, .mandatedOfficerChanged:
                if !flags.contains(.charterSigned) { throw refuse("needs the signed charter first (CharterSigned)") }
            case .plpApproved:
                if flags.contains(.approved) { throw refuse("happens once: the PLP is already approved") }
                if !flags.contains(.charterSigned) { throw refuse("needs the signed charter first (CharterSigned)") }
                flags.insert(.approved)
            case .plpSuspended:
                if !flags.contains(.approved) || flags.contains(.suspended) {
                    throw refuse("needs an active PLP; this one is \(StreamFacts(version: 0, flags: flags).plpStatus?.rawValue ?? "unknown")")
                }
                flags.insert(.suspended)
            case .plpReinstated:
                if !flags.contains(.suspended) { throw refuse("needs a suspended PLP; this one is not suspended") }
                flags.remove(.suspended)
            case .plpEvaluated:
                if !flags.contains(.approved) { throw refuse("needs an approved PLP (PLPApproved)") }
            case .plpDissolved:
                flags.insert(.dissolved)
            default:
                throw wrongStream(type, kind)
            }
        case .member:
            if type != .memberJoined && !exists { throw refuse("needs the member to have joined first (MemberJoined)") }
            switch type {
            case .memberJoined:
                if exists { throw refuse("must be the first event of the stream: this member already joined") }
                flags.insert(.exists)
            case .memberContactChanged:
                if flags.contains(.left) { throw refuse("is not allowed: the member has left") }
                if flags.contains(.erased) { throw refuse("is not allowed: the member's data was erased") }
            case .memberLeft:
                if flags.contains(.left) { throw refuse("happens once: the member already left") }
                flags.insert(.left)
            case .memberErased:
                if flags.contains(.erased) { throw refuse("happens once: the member's data is already erased") }
                flags.insert(.erased)
            default:
                throw wrongStream(type, kind)
            }
        case .report:
            if type != .reportFiled && !exists { throw refuse("needs the report to be filed first (ReportFiled)") }
            switch type {
            case .reportFiled:
                if exists { throw refuse("must be the first event of the stream: this report was already filed") }
                flags.insert(.exists)
            case .reportAssessed:
                if flags.contains(.assessed) { throw refuse("happens once: the report is already assessed") }
                flags.insert(.assessed)
            case .feedbackGiven:
                if !flags.contains(.assessed) { throw refuse("needs the report to be assessed first (ReportAssessed)") }
            default:
                throw wrongStream(type, kind)
            }
        case .alert:
            guard type == .alertSent else { throw wrongStream(type, kind) }
            if exists { throw refuse("must be the stream's only event: this alert was already sent") }
            flags.insert(.exists)
        case .commune:
            guard type == .crimeRecorded else { throw wrongStream(type, kind) }
            flags.insert(.exists)
        case .programme:
            guard type.streamKind == .programme else { throw wrongStream(type, kind) }
            flags.insert(.exists)
        }
        return flags
    }

    /// Folds a whole stream's events that are not voided, in version order.
    public static func fold(_ tokens: some Sequence<RuleToken>, kind: StreamKind) throws(EventLineError) -> StreamFacts.Flags {
        var flags: StreamFacts.Flags = []
        for token in tokens { flags = try apply(token, to: flags, kind: kind) }
        return flags
    }

    private static func wrongStream(_ type: EventType, _ kind: StreamKind) -> EventLineError {
        let home = type.streamKind.map { "a \($0.rawValue)/ID stream" } ?? "any stream"
        return EventLineError(field: "type", "\(type.rawValue) belongs in \(home), not in a \(kind.rawValue) stream")
    }
}
