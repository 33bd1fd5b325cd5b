import PLPEvents

/// How far a history being written has got.
public struct HistoryProgress: Sendable {
    /// Events written so far.
    public var events: Int
    /// The `occurredAt` instant (µs since 1970 UTC) reached.
    public var instant: Int64
    /// The share of the history's time span written, 0…1.
    public var fraction: Double
}

/// What a written history holds.
public struct HistorySummary: Sendable {
    /// Events written.
    public var events = 0
    /// Bytes written (before any compression).
    public var bytes = 0
    /// Events by type.
    public var eventsByType: [EventType: Int] = [:]
    /// The generator's peak of planned actions waiting (its working memory, independent of the number of events).
    public var peakPending = 0
    /// Members who ever joined.
    public var members = 0
}

/// Writes a generated history as NDJSON import lines (`CanonicalEventLine.writeSubmission`, one per line, with
/// explicit ids), streaming: a megabyte of lines at a time goes to the output, nothing else is kept.
public enum HistoryWriter {
    /// Generates the history of `configuration` into `sink` (a file, a `.gz` file, standard output) and closes it.
    public static func write(_ configuration: HistoryConfiguration, to sink: OutputSink,
                             progress: ((HistoryProgress) -> Void)? = nil) throws -> HistorySummary {
        do {
            let summary = try write(HistoryGenerator(configuration), progress: progress) { try sink.write($0) }
            try sink.close()
            return summary
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// Writes every event of `generator` through `output`, in chunks of about a megabyte of whole lines;
    /// `progress` is called every 50,000 events.
    public static func write(_ generator: HistoryGenerator, progress: ((HistoryProgress) -> Void)? = nil,
                             output: ([UInt8]) throws -> Void) throws -> HistorySummary {
        var summary = HistorySummary()
        var counts = [Int](repeating: 0, count: 256)
        var writer = CanonicalJSONWriter(capacity: 1 << 20 + 4096)
        let start = SyntheticClock.monthStart(year: generator.configuration.fromYear - 8, month: 1)
        let end = SyntheticClock.monthStart(year: generator.configuration.toYear + 1, month: 1)
        while let event = generator.next() {
            CanonicalEventLine.writeSubmission(event, into: &writer)
            writer.bytes.append(0x0A)
            counts[Int(event.type.code)] += 1
            summary.events += 1
            if writer.bytes.count >= 1 << 20 {
                summary.bytes += writer.bytes.count
                try output(writer.bytes)
                writer.reset()
            }
            if summary.events % 50_000 == 0, let progress {
                let fraction = Double(generator.currentInstant - start) / Double(max(1, end - start))
                progress(HistoryProgress(events: summary.events, instant: generator.currentInstant, fraction: min(1, max(0, fraction))))
            }
        }
        if !writer.bytes.isEmpty {
            summary.bytes += writer.bytes.count
            try output(writer.bytes)
        }
        for type in EventType.allCases where counts[Int(type.code)] > 0 { summary.eventsByType[type] = counts[Int(type.code)] }
        summary.peakPending = generator.peakPending
        summary.members = generator.members.count
        return summary
    }
}
