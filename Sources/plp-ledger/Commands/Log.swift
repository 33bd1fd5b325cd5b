import ArgumentParser
import PLPEvents

/// `plp-ledger log`: lists events, filtered.
struct Log: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List events, filtered by stream, type, seq range or time range.",
        discussion: """
        Examples:
          plp-ledger log --type PLPApproved --since 2024-01-01 --until 2024-12-31
          plp-ledger log --stream plp/46020-0056 --format json
          plp-ledger log --from-seq 1000 --limit 20
        Times filter on occurredAt (business time); a date alone means that whole day in Brussels.
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Option(help: ArgumentHelp("Only this stream (KIND/ID); repeatable.", valueName: "stream"))
    var stream: [String] = []
    @Option(help: ArgumentHelp("Only this event type; repeatable.", valueName: "type"))
    var type: [String] = []
    @Option(help: ArgumentHelp("Only events from this seq.", valueName: "seq")) var fromSeq: UInt64 = 1
    @Option(help: ArgumentHelp("Only events up to this seq (default: the last).", valueName: "seq")) var toSeq: UInt64?
    @Option(help: ArgumentHelp("Only events that occurred at or after this time (RFC 3339, or YYYY-MM-DD).", valueName: "time"))
    var since: String?
    @Option(help: ArgumentHelp("Only events that occurred at or before this time (RFC 3339, or YYYY-MM-DD).", valueName: "time"))
    var until: String?
    @Option(help: ArgumentHelp("At most this many events (default: all).", valueName: "n")) var limit: Int?
    @Option(help: "table, or json (canonical export lines).") var format: OutputFormat = .table

    func validate() throws {
        _ = try streamNames()
        _ = try eventTypes()
        if let since { _ = try TimeBound.parse(since, option: "--since", end: false) }
        if let until { _ = try TimeBound.parse(until, option: "--until", end: true) }
    }

    private func streamNames() throws -> Set<StreamName> {
        try Set(stream.map { text -> StreamName in
            switch StreamName.parse(text) {
            case .success(let name): return name
            case .failure(let error): throw ValidationError("--stream \(text): \(error.reason).")
            }
        })
    }

    private func eventTypes() throws -> Set<EventType> {
        try Set(type.map { text -> EventType in
            guard let parsed = EventType(rawValue: text) else {
                throw ValidationError("--type \(text) is not an event type; the types are \(EventType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return parsed
        })
    }

    func run() throws {
        let streams = try streamNames()
        let types = try eventTypes()
        let lower = try since.map { try TimeBound.parse($0, option: "--since", end: false) }
        let upper = try until.map { try TimeBound.parse($0, option: "--until", end: true) }
        let limit = self.limit ?? .max
        let store = try global.openStore(for: .reading)
        var table = TextTable(header: ["seq", "occurredAt", "stream", "v", "type", "actor"], rightAligned: [0, 3])
        var shown = 0
        let sink = OutputSink.standardOutput()
        var writer = CanonicalJSONWriter(capacity: 1024)
        try store.forEachEvent(from: fromSeq, through: toSeq ?? .max) { event in
            if shown >= limit { return false }
            if !streams.isEmpty && !streams.contains(event.stream) { return true }
            if !types.isEmpty && !types.contains(event.type) { return true }
            if let lower, event.occurredAt.instant < lower { return true }
            if let upper, event.occurredAt.instant > upper { return true }
            shown += 1
            switch format {
            case .json:
                writer.reset()
                CanonicalEventLine.write(event, includingHash: true, into: &writer)
                writer.bytes.append(0x0A)
                try sink.write(writer.bytes)
            case .table, .csv:
                table.rows.append([String(event.seq), event.occurredAt.text, event.stream.description, String(event.version),
                                   event.type.rawValue, event.actor.description])
            }
            return true
        }
        switch format {
        case .json: break
        case .table: try sink.write(table.render())
        case .csv:
            try sink.write(csvLine(table.header))
            for row in table.rows { try sink.write(csvLine(row)) }
        }
        try sink.close()
    }
}

/// A time given on the command line: RFC 3339, or a date meaning that day in Brussels.
enum TimeBound {
    /// The instant (µs); for a date, the start of the day, or its last microsecond when `end`.
    static func parse(_ text: String, option: String, end: Bool) throws -> Int64 {
        if let date = CivilDate.parse(text) {
            return end ? Brussels.startOfDay(date.adding(days: 1)) - 1 : Brussels.startOfDay(date)
        }
        if let problem = CivilDate.problem(text) {
            let what = text.utf8.count == 10 ? "a date" : "a time"
            throw ValidationError("\(option) \(text) is not \(what): \(problem).")
        }
        do {
            return try RFC3339Timestamp.parse(text).instant
        } catch {
            throw ValidationError("\(option) \(text) is neither a date YYYY-MM-DD nor an RFC 3339 time: \(error.reason).")
        }
    }
}
