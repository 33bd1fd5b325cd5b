/// Writes new events as NDJSON import lines (``CanonicalEventLine/writeSubmission(_:into:)``) to an ``OutputSink``,
/// a megabyte of whole lines at a time.
public struct SubmissionWriter {
    private let sink: OutputSink
    private var writer = CanonicalJSONWriter(capacity: 1 << 20 + 4096)
    /// Lines written so far.
    public private(set) var count = 0

    /// Writes into `sink`.
    public init(_ sink: OutputSink) { self.sink = sink }

    /// Appends one event line.
    public mutating func write(_ event: NewEvent) throws {
        CanonicalEventLine.writeSubmission(event, into: &writer)
        writer.bytes.append(0x0A)
        count += 1
        if writer.bytes.count >= 1 << 20 {
            try sink.write(writer.bytes)
            writer.reset()
        }
    }

    /// Writes what is buffered and closes the sink.
    public mutating func close() throws {
        try sink.write(writer.bytes)
        writer.reset()
        try sink.close()
    }
}
