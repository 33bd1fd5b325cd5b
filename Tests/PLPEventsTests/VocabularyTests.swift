import Testing
@testable import PLPEvents

/// Storage codes of the closed enumerations are their positions in `allCases`, and round-trip.
@Suite struct VocabularyTests {
    func check<V: Vocabulary>(_: V.Type) {
        for (index, value) in V.allCases.enumerated() {
            #expect(Int(value.code) == index, "\(V.self).\(value)")
            #expect(V(code: value.code) == value)
        }
        #expect(V(code: UInt8(V.allCases.count)) == nil)
    }

    @Test func everyVocabulary() {
        check(PLPKind.self); check(PLPInitiator.self); check(ConsultationParty.self); check(CoordinatorChangeReason.self)
        check(EvaluationAssessment.self); check(MemberKind.self); check(Channel.self); check(LeaveReason.self)
        check(ReportCategory.self); check(ReportVia.self); check(ReportOutcome.self); check(FeedbackOutcome.self)
        check(AlertKind.self); check(CrimeCategory.self)
    }

    @Test func eventTypeCodesRoundTrip() {
        for type in EventType.allCases { #expect(EventType(code: type.code) == type) }
        #expect(EventType(code: 0) == nil)
    }
}
