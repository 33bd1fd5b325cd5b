/// The event types of contract section 3 (schema 1), written once: each type's name, storage code, stream kind and
/// fields. Everything in `Sources/PLPEvents/Generated/` is rendered from this list by `swift run plp-codegen`.
///
/// Adding a type: append its description here with the next free code, run `swift run plp-codegen`, then write its
/// stream rules (`Validation/StreamRules.swift`) and its tests. Field order is the stored order: never reorder the
/// fields of an existing type, and give a new field of an existing type a new schema.
public enum EventCatalogue {
    /// The catalogue of the contract, in storage-code order.
    public static let contract: [EventTypeDescription] = plpLife + membership + messageChain + crimeFacts + programme + corrections

    /// PLP life (`plp/ID`): from proposal to dissolution.
    static let plpLife: [EventTypeDescription] = [
        EventTypeDescription("PLPProposed", code: 1, stream: "plp", "A PLP is proposed: the first event of its stream.", fields: [
            .required("name", .text),
            .required("kind", .choice("PLPKind")),
            .required("commune", .nisCode),
            .optional("policeZone", .policeZone),
            .required("initiator", .choice("PLPInitiator")),
            .optional("area", .anyText),
        ]),
        EventTypeDescription("ConsultationHeld", code: 2, stream: "plp", "The *concertation* with the commune and the police was held.", fields: [
            .required("parties", .choiceList("ConsultationParty")),
        ]),
        EventTypeDescription("InformationSessionHeld", code: 3, stream: "plp", "The information evening was held, with or without enough support.", fields: [
            .required("attendees", .count),
            .required("supportSufficient", .bool),
        ]),
        EventTypeDescription("CharterSigned", code: 4, stream: "plp", "The local charter was signed by its four signatories.", fields: [
            .required("mayor", .text),
            .required("chiefOfPolice", .text),
            .required("mandatedOfficer", .text),
            .required("coordinator", .text),
            .required("financingPlan", .bool),
            .required("communicationPlan", .bool),
        ]),
        EventTypeDescription("CharterAmended", code: 5, stream: "plp", "The charter was amended.", fields: [
            .required("changes", .text),
        ]),
        EventTypeDescription("PLPApproved", code: 6, stream: "plp", "The SPF Intérieur (DGSP) approved the PLP: its *agrément*.", fields: [
            .required("approvalRef", .text),
        ]),
        EventTypeDescription("CoordinatorChanged", code: 7, stream: "plp", "The PLP has a new coordinator.", fields: [
            .required("coordinator", .text),
            .optional("reason", .choice("CoordinatorChangeReason")),
        ]),
        EventTypeDescription("MandatedOfficerChanged", code: 8, stream: "plp", "The police mandated a new officer for the PLP.", fields: [
            .required("officer", .text),
        ]),
        EventTypeDescription("PLPSuspended", code: 9, stream: "plp", "An active PLP is suspended.", fields: [
            .required("reason", .text),
        ]),
        EventTypeDescription("PLPReinstated", code: 10, stream: "plp", "A suspended PLP is active again."),
        EventTypeDescription("PLPEvaluated", code: 11, stream: "plp", "The yearly evaluation of an approved PLP.", fields: [
            .required("year", .year),
            .required("assessment", .choice("EvaluationAssessment")),
            .optional("notes", .anyText),
        ]),
        EventTypeDescription("PLPDissolved", code: 12, stream: "plp", "The PLP is dissolved; nothing may follow but corrections.", fields: [
            .required("reason", .text),
        ]),
    ]

    /// Membership (`member/ID`): one member of one PLP.
    static let membership: [EventTypeDescription] = [
        EventTypeDescription("MemberJoined", code: 13, stream: "member", "A resident, self-employed person or company joined a PLP.", fields: [
            .required("plp", .entityID),
            .required("kind", .choice("MemberKind")),
            .required("channels", .choiceList("Channel")),
            .optional("newsletter", .bool),
            .required("contact", .contact),
        ]),
        EventTypeDescription("MemberContactChanged", code: 14, stream: "member", "A member's contact details changed.", fields: [
            .required("contact", .contact),
        ]),
        EventTypeDescription("MemberLeft", code: 15, stream: "member", "A member left the PLP.", fields: [
            .optional("reason", .choice("LeaveReason")),
        ]),
        EventTypeDescription("MemberErased", code: 16, stream: "member", "A member's contact data is erased (GDPR): the key that seals it is destroyed."),
    ]

    /// Reports, feedback (`report/ID`) and alerts (`alert/ID`): the PLP message chain.
    static let messageChain: [EventTypeDescription] = [
        EventTypeDescription("ReportFiled", code: 17, stream: "report", "A citizen reported something suspicious to the police.", fields: [
            .required("commune", .nisCode),
            .required("category", .choice("ReportCategory")),
            .required("via", .choice("ReportVia")),
            .optional("plp", .entityID),
            .optional("member", .entityID),
        ]),
        EventTypeDescription("ReportAssessed", code: 18, stream: "report", "The police assessed a report.", fields: [
            .required("outcome", .choice("ReportOutcome")),
        ]),
        EventTypeDescription("FeedbackGiven", code: 19, stream: "report", "The police told the PLP what came of a report.", fields: [
            .required("plp", .entityID),
            .required("outcome", .choice("FeedbackOutcome")),
            .optional("message", .anyText),
        ]),
        EventTypeDescription("AlertSent", code: 20, stream: "alert", "The police sent a message to a PLP's members.", fields: [
            .required("plp", .entityID),
            .required("kind", .choice("AlertKind")),
            .required("channel", .choice("Channel")),
            .required("advice", .text),
            .required("recipients", .count),
            .optional("report", .entityID),
        ]),
    ]

    /// Crime facts (`commune/NIS`).
    static let crimeFacts: [EventTypeDescription] = [
        EventTypeDescription("CrimeRecorded", code: 21, stream: "commune", "A crime fact recorded by the police in a commune.", fields: [
            .required("category", .choice("CrimeCategory")),
            .required("attempted", .bool),
            .required("occurredOn", .date),
            .optional("policeZone", .policeZone),
        ], storedView: true),
    ]

    /// The national programme (`programme/BE`).
    static let programme: [EventTypeDescription] = [
        EventTypeDescription("CourseDelivered", code: 22, stream: "programme", "A police-academy course for PLP members or coordinators.", fields: [
            .required("academy", .text),
            .required("participants", .count),
        ]),
        EventTypeDescription("BestPracticeShared", code: 23, stream: "programme", "A best practice shared across the network.", fields: [
            .required("title", .text),
            .required("theme", .text),
            .optional("plp", .entityID),
        ]),
        EventTypeDescription("SteeringCommitteeMet", code: 24, stream: "programme", "The comité d'accompagnement met.", fields: [
            .required("year", .year),
            .optional("decisions", .anyText),
        ]),
    ]

    /// Corrections (any stream).
    static let corrections: [EventTypeDescription] = [
        EventTypeDescription("EventVoided", code: 25, stream: nil, "Voids an earlier event of the same stream: it stays in the log, projections ignore it.", fields: [
            .required("ref", .eventID),
            .required("reason", .text),
        ]),
    ]
}
