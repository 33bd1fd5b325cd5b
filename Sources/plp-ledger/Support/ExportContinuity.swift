import Foundation
import PLPEvents

/// Whether an export continues the ledger it is imported into with `import --preserve`: its first event must be the
/// ledger's next seq, or an event the ledger already holds (same seq, same hash: the overlap is skipped).
///
/// Checked on the file's first event line before the import starts, so that an export of another ledger, or one that
/// starts too late, is refused with one sentence rather than with an error for each line that follows from it (every
/// stream and reference the missing events would have opened). Standard input cannot be read twice: there, the
/// same sentence is made from the import's first error about a seq.
enum ExportContinuity {
    /// The first event line of a file: its line number, seq and hash; nil for standard input or another stream (a
    /// pipe, a FIFO: it is read once, by the import), a file that cannot be read, or a first line that is not an
    /// exported event (the import then says what is wrong with it).
    static func firstEvent(of path: String) -> (line: Int, seq: UInt64, hash: String?)? {
        // `stat` first: even opening a FIFO and closing it again would let its writer start, then break its pipe.
        guard InputFile.isRegularFile(path), let input = try? InputFile.open(path, acceptsStreams: false) else { return nil }
        let reader = LineReader(input: input)
        while let text = try? reader.nextLine({ String(decoding: $0, as: UTF8.self) }) {
            if text.allSatisfy(\.isWhitespace) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let seq = (object["seq"] as? NSNumber)?.uint64Value, seq > 0 else { return nil }
            return (reader.lineNumber, seq, object["hash"] as? String)
        }
        return nil
    }

    /// The refusal when an export whose first event (on `line`) has `seq` and `hash` cannot continue `store`; nil
    /// when it can.
    static func refusal(line: Int, seq: UInt64, hash: String?, store: EventStore) throws -> String? {
        let size = try store.count()
        if seq == size + 1 { return nil }
        if seq <= size {
            let stored = try store.event(at: seq)
            if let hash, stored?.hash.hex == hash.lowercased() { return nil }
            return anotherLedger(line: line, seq: seq, size: size)
        }
        return gap(line: line, seq: seq, size: size)
    }

    /// The refusal made from an import's errors (standard input): the first error saying that a seq does not
    /// continue the ledger or that the ledger holds another event there; nil when there is none.
    static func refusal(after failure: ImportFailure, store: EventStore) throws -> String? {
        let size = try store.count()
        for (line, error) in failure.errors {
            let reason = error.reason
            if error.field == "seq", let seq = UInt64(reason.prefix { $0.isNumber }), reason.contains("does not continue the ledger") {
                return gap(line: line, seq: seq, size: size)
            }
            if error.field == "hash", reason.hasPrefix("the ledger holds another event at seq "),
               let seq = UInt64(reason.dropFirst("the ledger holds another event at seq ".count)) {
                return anotherLedger(line: line, seq: seq, size: size)
            }
        }
        return nil
    }

    private static func holds(_ size: UInt64) -> String {
        size == 0 ? "which is empty" : "which holds \(counted(size, "event"))"
    }

    /// An export that starts after the ledger's next seq.
    static func gap(line: Int, seq: UInt64, size: UInt64) -> String {
        let remedy = size == 0
            ? "import the source's export from its first event (export without --since-seq)"
            : "import into an empty ledger, or export --since-seq \(size) from the source"
        return "line \(line): seq: \(seq) does not continue the ledger, \(holds(size)): --preserve continues a ledger only "
            + "from its next seq (\(size + 1)); \(remedy)"
    }

    /// An export whose event at a seq the ledger holds is another event: the ledger is not a copy of its source.
    static func anotherLedger(line: Int, seq: UInt64, size: UInt64) -> String {
        "line \(line): seq: \(seq) does not continue the ledger, \(holds(size)), whose event at seq \(seq) is another one: "
            + "--preserve continues only a copy of the export's own source, from its next seq (\(size + 1)); "
            + "import into an empty ledger"
    }
}
