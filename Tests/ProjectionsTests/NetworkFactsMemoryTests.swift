import PLPEvents
import PLPProjections
import PLPTestSupport
import Testing

/// What the network fold keeps of a member: no contact unless asked, one shared array per list of channels.
@Suite struct NetworkFactsMemoryTests {
    @Test("contacts are kept only when the fold is asked to; the figures are the same either way")
    func contactsOnlyWhenAsked() throws {
        let ledger = try TemporaryLedger()
        var lines = History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00")
        lines += (1...3).map { Lines.memberJoined("m\($0)", plp: "A") }
        _ = try ledger.store.importEvents(from: try ledger.file("history.ndjson", lines: lines))

        var figures = NetworkFacts()
        try ProjectionEngine(store: ledger.store).rebuild(&figures)
        var withContacts = NetworkFacts(keepsContacts: true)
        try ProjectionEngine(store: ledger.store).rebuild(&withContacts)

        #expect(figures.members.count == 3 && figures.members.values.allSatisfy { $0.contact == nil })
        #expect(withContacts.members.values.allSatisfy { if case .sealed? = $0.contact { true } else { false } })
        var stripped = withContacts.members
        for key in stripped.keys { stripped[key]?.contact = nil }
        #expect(stripped == figures.members)
        #expect(Registry.table(figures) == Registry.table(withContacts))
    }

    @Test("members with the same channels share one array")
    func channelListsAreShared() throws {
        let ledger = try TemporaryLedger()
        var lines = History.plp("A", approvedAt: "2019-06-01T10:00:00+02:00")
        lines += (1...3).map { Lines.memberJoined("m\($0)", plp: "A") }
        _ = try ledger.store.importEvents(from: try ledger.file("history.ndjson", lines: lines))
        var facts = NetworkFacts()
        try ProjectionEngine(store: ledger.store).rebuild(&facts)
        let storages = Set(facts.members.values.map { $0.channels.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        #expect(storages.count == 1)
        #expect(facts.members["m1"]?.channels == [.sms, .email])
    }
}
