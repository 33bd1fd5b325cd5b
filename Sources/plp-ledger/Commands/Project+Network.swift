import ArgumentParser
import PLPEvents
import PLPProjections

/// Folds the network facts a figure needs over the selection.
func foldNetwork(_ global: GlobalOptions, _ analytics: AnalyticsOptions, reads: EventTypeSet,
                 years: ClosedRange<Int>? = nil) throws -> (NetworkFacts, Provenance) {
    let store = try global.openStore(for: .readingWithSavedState)
    var facts = NetworkFacts(reads: reads, years: years)
    let provenance = try ProjectionEngine(store: store).rebuild(&facts, selection: analytics.selection)
    return (facts, provenance)
}

/// `plp-ledger project registry`: every PLP.
struct ProjectRegistry: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Every PLP: name, kind, commune (region, province), status, approval date, coordinator, active members.")

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions
    @OptionGroup var analytics: AnalyticsOptions
    @OptionGroup(title: "Area") var area: AreaOptions

    func run() throws {
        let (facts, provenance) = try foldNetwork(global, analytics, reads: Registry.reads)
        FigureOutput.emit(Registry.table(facts, area: area.area), format: analytics.format, provenance: provenance,
                          title: "PLP registry")
    }
}

/// `plp-ledger project members --plp ID`: one PLP's members.
struct ProjectMembers: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Members: kind, channels, joined and left, newsletter; contact data only with --reveal.",
        discussion: """
        Without --plp, every member of the network, with the PLP in the first column.
          plp-ledger project members --format csv
          plp-ledger project members --plp 21017-0221 --format json
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions
    @OptionGroup var analytics: AnalyticsOptions

    @Option(help: ArgumentHelp("Only this PLP (the ID of its plp/ stream).", valueName: "ID")) var plp: String?
    @Flag(help: "Show contact data in clear (needs the ledger's master key); otherwise no contact column.") var reveal = false

    func run() throws {
        let store = try global.openStore(for: .readingWithSavedState, needsKey: reveal)
        if reveal { try RevealAccess.require(store, ledgerPath: global.ledgerPath) }
        let (table, provenance) = try RevealAccess.atOneHead(store, reveal: reveal) {
            var facts = NetworkFacts(reads: MemberList.reads, keepsContacts: reveal)
            let provenance = try ProjectionEngine(store: store).rebuild(&facts, selection: analytics.selection)
            if let plp, facts.plps[plp] == nil {
                throw CommandFailure("There is no PLP '\(plp)' in the selected ledger (see plp-ledger project registry).", code: .notFound)
            }
            if reveal { store.reachRevealingFaultPoint() }
            let opener: ((String, Contact) -> RevealedContact)? = reveal ? { member, contact in
                (try? store.reveal(contact, member: member)) ?? .sealed
            } : nil
            return (MemberList.table(facts, plp: plp, reveal: opener), provenance)
        }
        FigureOutput.emit(table, format: analytics.format,
                          provenance: provenance, title: plp.map { "Members of \($0)" } ?? "Members of the network")
    }
}

/// `plp-ledger project alerts`: the message funnel.
struct ProjectAlerts: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "The message funnel, nationally and per PLP: reports, false alarms, alerts, delays, feedback.",
        discussion: """
        Reports count for the PLP they were filed through; false_alarm_pct and feedback_rate_pct are shares of the \
        assessed reports; median_delay_min runs from a report's occurredAt to each alert naming it. Urgent alerts \
        sent from 22:00 to 05:59:59 Brussels time count as night. With --year, reports filed and alerts sent that year.
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions
    @OptionGroup var analytics: AnalyticsOptions

    @Option(help: "Only reports filed and alerts sent in this year (Brussels time).") var year: Int?
    @OptionGroup(title: "Area") var area: AreaOptions

    func validate() throws {
        if let year, !(1900...2100).contains(year) { throw ValidationError("--year must be between 1900 and 2100.") }
    }

    func run() throws {
        let (facts, provenance) = try foldNetwork(global, analytics, reads: AlertFunnel.reads, years: year.map { $0...$0 })
        FigureOutput.emit(AlertFunnel.table(facts, year: year, area: area.area), format: analytics.format, provenance: provenance,
                          title: "Alert funnel" + (year.map { " \($0)" } ?? ""))
    }
}

/// `plp-ledger project plp-effect`: burglaries before and after a PLP's approval, against communes without one.
struct ProjectPLPEffect: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "plp-effect",
        abstract: "Burglaries in the 12 months before and after each commune's first PLP approval, against communes without an active PLP.",
        discussion: PLPEffect.caveat)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions
    @OptionGroup var analytics: AnalyticsOptions

    func run() throws {
        let (facts, provenance) = try foldNetwork(global, analytics, reads: PLPEffect.reads)
        let (table, leftOut) = PLPEffect.table(facts)
        var notes = [PLPEffect.caveat]
        if let sentence = leftOut.sentence { notes.append(sentence) }
        FigureOutput.emit(table, format: analytics.format, provenance: provenance,
                          title: "Burglaries before and after a PLP (difference-in-differences)", notes: notes)
    }
}
