import PLPEvents

/// The form of the flat tables: RFC 4180 CSV with a header row, or NDJSON with one typed JSON object per line.
public enum TableFormat: String, Sendable, CaseIterable {
    case csv, ndjson

    /// The file name extension, without the dot.
    public var fileExtension: String { rawValue }
}

/// One column of a flat table: its name (the CSV header, the NDJSON key).
public struct TableColumn: Sendable, Hashable {
    /// The column name.
    public let name: String
    /// Makes a column.
    public init(_ name: String) { self.name = name }
}

/// Encodes the cells of one row after another in a table's format, into a byte buffer.
///
/// CSV: `,` between cells, a cell quoted only when it holds `,`, `"`, CR or LF (quotes doubled), an empty cell for
/// null, rows ended by CRLF (RFC 4180); lists are space-separated. NDJSON: one object per row with the columns as
/// keys in order, numbers as numbers, booleans as booleans, lists as arrays, null for a missing value.
public struct RowEncoder {
    /// The table's columns.
    public let columns: [TableColumn]
    /// The format.
    public let format: TableFormat
    /// The encoded rows not yet written out.
    public internal(set) var bytes: [UInt8] = []
    private var json = CanonicalJSONWriter(capacity: 512)
    private var column = 0
    private var cache: [Int: [UInt8]] = [:]

    /// An encoder for rows of `columns` in `format`.
    public init(columns: [TableColumn], format: TableFormat) {
        self.columns = columns
        self.format = format
        bytes.reserveCapacity(1 << 20)
    }

    /// The CSV header row (nothing for NDJSON).
    public mutating func header() {
        guard format == .csv else { return }
        for column in columns { text(column.name) }
        endRow()
    }

    private mutating func nextCell() {
        precondition(column < columns.count, "more cells than columns")
        switch format {
        case .csv:
            if column > 0 { bytes.append(UInt8(ascii: ",")) }
        case .ndjson:
            if column == 0 { json.reset(); json.beginObject() }
            json.key(columns[column].name)
        }
        column += 1
    }

    /// An empty cell (CSV) or `null` (NDJSON).
    public mutating func null() {
        nextCell()
        if format == .ndjson { json.null() }
    }

    /// A text cell; nil is null.
    public mutating func text(_ value: String?) {
        guard let value else { return null() }
        nextCell()
        switch format {
        case .csv: appendCSV(value)
        case .ndjson: json.string(value)
        }
    }

    /// An integer cell; nil is null.
    public mutating func int<I: BinaryInteger>(_ value: I?) {
        guard let value else { return null() }
        nextCell()
        switch format {
        case .csv: bytes.append(contentsOf: String(value).utf8)
        case .ndjson: json.integer(Int64(value))
        }
    }

    /// A boolean cell, `true` or `false`; nil is null.
    public mutating func bool(_ value: Bool?) {
        guard let value else { return null() }
        nextCell()
        switch format {
        case .csv: bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .ndjson: json.bool(value)
        }
    }

    /// A date cell, ISO `YYYY-MM-DD`; nil is null.
    public mutating func date(_ value: CivilDate?) {
        guard let value else { return null() }
        nextCell()
        switch format {
        case .csv: value.appendISO(to: &bytes)
        case .ndjson: json.string(value.description)
        }
    }

    /// A NIS code cell, five digits (a string in NDJSON: codes keep their leading zero); nil is null.
    public mutating func nis(_ value: Int?) {
        guard let value else { return null() }
        text(Self.fiveDigits(value))
    }

    /// A list of words: space-separated in CSV, an array of strings in NDJSON.
    public mutating func words(_ values: [String]) {
        nextCell()
        switch format {
        case .csv: appendCSV(values.joined(separator: " "))
        case .ndjson:
            json.beginArray()
            for value in values { json.string(value) }
            json.endArray()
        }
    }

    /// A list of seqs: space-separated in CSV, an array of numbers in NDJSON.
    public mutating func seqs(_ values: [UInt64]) {
        nextCell()
        switch format {
        case .csv:
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: " ")) }
                bytes.append(contentsOf: String(value).utf8)
            }
        case .ndjson:
            json.beginArray()
            for value in values { json.integer(Int64(value)) }
            json.endArray()
        }
    }

    /// `count` cells that depend on `key` only (the place columns of a commune), encoded by `encode` the first time
    /// and copied from a cache after that in CSV, where the cells of a key are always the same bytes at the same column.
    mutating func cachedCells(key: Int, count: Int, _ encode: (inout RowEncoder) -> Void) {
        guard format == .csv else { return encode(&self) }
        if let cached = cache[key] {
            bytes.append(contentsOf: cached)
            column += count
            return
        }
        let start = bytes.count, first = column
        encode(&self)
        precondition(column == first + count, "cached cells: \(column - first) cells for \(count)")
        cache[key] = Array(bytes[start...])
    }

    /// Ends the row: every column must have had its cell.
    public mutating func endRow() {
        precondition(column == columns.count, "row has \(column) cells for \(columns.count) columns")
        column = 0
        switch format {
        case .csv:
            bytes.append(0x0D)
            bytes.append(0x0A)
        case .ndjson:
            json.endObject()
            bytes.append(contentsOf: json.bytes)
            bytes.append(0x0A)
        }
    }

    /// Forgets the rows already written out.
    mutating func drain() { bytes.removeAll(keepingCapacity: true) }

    private mutating func appendCSV(_ value: String) {
        CSVText.append(value, to: &bytes)
    }

    static func fiveDigits(_ value: Int) -> String {
        let digits = String(value)
        return digits.count >= 5 ? digits : String(repeating: "0", count: 5 - digits.count) + digits
    }
}

/// One table file being written: under a temporary name in its directory, renamed into place by ``close()``, so
/// that no reader ever sees half a table.
public final class TableFile {
    /// The file name, e.g. `plps.csv`.
    public let name: String
    /// The rows written so far (the header row not counted).
    public private(set) var rows = 0
    /// The row encoder: fill one row, then call ``endRow()``.
    public var row: RowEncoder
    private let sink: OutputSink
    private var open = true

    /// Opens `DIRECTORY/BASE.EXT` under a temporary name and writes the header.
    public init(directory: String, base: String, columns: [TableColumn], format: TableFormat) throws {
        name = base + "." + format.fileExtension
        sink = try OutputSink.file(directory + "/" + name)
        row = RowEncoder(columns: columns, format: format)
        row.header()
    }

    /// Ends the current row; writes the buffer out when it is large.
    public func endRow() throws {
        row.endRow()
        rows += 1
        if row.bytes.count >= 1 << 20 { try writeOut() }
    }

    private func writeOut() throws {
        try sink.write(row.bytes)
        row.drain()
    }

    /// Writes the rest, syncs the file and renames it into place.
    public func close() throws {
        guard open else { return }
        try writeOut()
        try sink.flush()
        open = false
        try sink.close()
    }

    /// Removes the temporary file of a table that will not be completed (nothing once it is closed).
    public func abandon() {
        guard open else { return }
        open = false
        sink.abandon()
    }
}
