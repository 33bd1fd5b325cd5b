import Testing
@testable import PLPProjections

@Suite struct ProjectionsPlaceholderTests {
    @Test func theContractIsV1() { #expect(PLPProjections.contract == "ledger-v1") }
}
