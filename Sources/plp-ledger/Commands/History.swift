import ArgumentParser
import PLPEvents

/// `plp-ledger history STREAM`: one stream's events.
struct History: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the events of one stream, in version order (voided events are marked).",
        discussion: """
        Example:
          plp-ledger history plp/46020-0056
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Argument(help: ArgumentHelp("The stream, KIND/ID (plp/…, member/…, report/…, alert/…, commune/NIS, programme/BE).", valueName: "stream"))
    var stream: String

    @Option(help: "table, csv, or json (canonical export lines).") var format: OutputFormat = .table

    @Flag(help: "Show members' contact data in clear (needs the ledger's master key); otherwise it stays sealed.")
    var reveal = false

    /// A wrong stream or option pair is a wrong command line: this command's usage, exit 64.
    func validate() throws {
        if case .failure(let error) = StreamName.parse(stream) { throw ValidationError(error.reason) }
        if format == .json && reveal {
            throw ValidationError("--reveal goes with --format table or csv: json prints the events as exported, sealed")
        }
    }

    func run() throws {
        let name: StreamName
        switch StreamName.parse(stream) {
        case .success(let parsed): name = parsed
        case .failure(let error): throw ValidationError(error.reason)
        }
        let store = try global.openStore(for: .reading, needsKey: reveal && format != .json)
        if reveal && format != .json { try RevealAccess.require(store, ledgerPath: global.ledgerPath) }
        // The events and the contacts they reveal come from one head (see RevealAccess.atOneHead).
        let (events, table) = try RevealAccess.atOneHead(store, reveal: reveal) { () throws -> ([RecordedEvent], TextTable) in
            let events = try store.history(of: name)
            guard !events.isEmpty else { throw CommandFailure("\(name) has no events in the ledger at \(global.ledgerPath)", code: .notFound) }
            let voided = Set(events.compactMap { event -> EventID? in
                if case .eventVoided(let void) = event.payload { return void.ref }
                return nil
            })
            var table = TextTable(header: ["v", "seq", "occurredAt", "type", "actor", "data"], rightAligned: [0, 1])
            guard format != .json else { return (events, table) }
            for event in events {
                var writer = CanonicalJSONWriter()
                var payload = event.payload
                if reveal, let contact = payload.contact, event.stream.kind == .member {
                    switch try store.reveal(contact, member: event.stream.id) {
                    case .clear(let details): payload = payload.replacingContact(.clear(details))
                    case .erased: payload = payload.replacingContact(.clear(ContactDetails(name: "(erased)")))
                    case .sealed: payload = payload.replacingContact(.clear(ContactDetails(name: "(sealed: no key to open it)")))
                    }
                }
                payload.encodeJSON(into: &writer)
                let mark = voided.contains(event.id) ? " (voided)" : ""
                table.rows.append([String(event.version), String(event.seq), event.occurredAt.text, event.type.rawValue + mark,
                                   event.actor.description, String(decoding: writer.bytes, as: UTF8.self)])
            }
            return (events, table)
        }
        switch format {
        case .json:
            for event in events { Console.print(String(decoding: CanonicalEventLine.exportLine(of: event), as: UTF8.self)) }
        case .table, .csv:
            if format == .csv {
                Console.print(csvLine(table.header) + table.rows.map(csvLine).joined())
            } else {
                Console.print(table.render())
            }
        }
    }
}
