import PLPEvents
import PLPProjections
import PLPTestSupport
import Testing

/// What the network fold keeps of a member: no contact unless asked, one shared array per list of channels.
@Suite struct NetworkFactsMemoryTests {
    /// A ledger of one PLP and three members who chose the same channels.
    static func threeMembers() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        var lines = History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00")
        lines += (1...3).map { Lines.memberJoined("m\($0)", plp: "A") }
        _ = try ledger.store.importEvents(from: try ledger.file("history.ndjson", lines: lines))
        return ledger
    }

    /// The network fold of `ledger`, keeping contacts or not.
    static func fold(_ ledger: TemporaryLedger, keepsContacts: Bool = false) throws -> NetworkFacts {
        var facts = NetworkFacts(keepsContacts: keepsContacts)
        try ProjectionEngine(store: ledger.store).rebuild(&facts)
        return facts
    }

    @Test("contacts are kept only when the fold is asked to; the figures are the same either way")
    func contactsOnlyWhenAsked() throws {
        let ledger = try Self.threeMembers()
        let figures = try Self.fold(ledger), withContacts = try Self.fold(ledger, keepsContacts: true)

        #expect(figures.members.count == 3 && figures.members.values.allSatisfy { $0.contact == nil })
        #expect(withContacts.members.values.allSatisfy { if case .sealed? = $0.contact { true } else { false } })
        var stripped = withContacts.members
        for key in stripped.keys { stripped[key]?.contact = nil }
        #expect(stripped == figures.members)
        #expect(Registry.table(figures) == Registry.table(withContacts))
    }

    @Test("members with the same channels share one array")
    func channelListsAreShared() throws {
        let facts = try Self.fold(try Self.threeMembers())
        let storages = Set(facts.members.values.map { $0.channels.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        #expect(storages.count == 1)
        #expect(facts.members["m1"]?.channels == [.sms, .email])
    }
}
