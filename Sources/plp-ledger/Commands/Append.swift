import ArgumentParser
import PLPEvents

/// `plp-ledger append`: appends one event read from standard input.
struct Append: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append one event: an NDJSON event line read from standard input.",
        discussion: """
        Prints the event as recorded (with its seq, version, recordedAt and hash) on standard output.
        Use "expectedVersion" in the line for optimistic concurrency: the append is refused if the stream moved on.

        Example:
          echo '{"stream":"programme/BE","type":"CourseDelivered",' \\
               '"occurredAt":"2025-03-04T19:00:00+01:00","actor":"spf:expertise",' \\
               '"data":{"academy":"ANPA","participants":18}}' | plp-ledger append
        """)

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    func run() throws {
        let store = try global.openStore(for: .writing)
        let reader = try LineReader(path: "-")
        var events: [NewEvent] = []
        let decoder = EventLineDecoder()
        while let event = try reader.nextLine({ line -> NewEvent? in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
            do { return try decoder.decode(line) } catch let error as EventLineError {
                throw CommandFailure("line \(reader.lineNumber): \(error.description)", code: .invalidEvent)
            }
        }) {
            if let event { events.append(event) }
        }
        guard events.count == 1 else {
            throw CommandFailure(events.isEmpty
                ? "no event on standard input: append reads one NDJSON event line"
                : "append takes one event line, not \(events.count); use `plp-ledger import -` for several", code: .invalidArgument)
        }
        if store.isImportInProgress {
            Console.note("an import is running in this ledger; this append waits for it to end")
        }
        do {
            let decisions = try store.append(events)
            switch decisions.first {
            case .appended(let recorded):
                Console.print(String(decoding: CanonicalEventLine.exportLine(of: recorded), as: UTF8.self))
            case .skipped(let seq):
                Console.note("already in the ledger at seq \(seq) (same id, same content): nothing appended")
            case nil:
                break
            }
        } catch let error as AppendError {
            throw CommandFailure(error.description, code: .invalidEvent)
        }
    }
}
