import PLPEvents
import Foundation

/// A figure as rows and named columns, with typed cells: the one shape every projection hands to the command line,
/// which writes it as CSV (the contract's columns), JSON (an array of objects, keys in column order) or a text table.
public struct FigureTable: Sendable, Equatable {
    /// One cell.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case integer(Int)
        /// A one-decimal number; nil when undefined (division by zero): empty in CSV, `null` in JSON.
        case decimal(Tenths?)
        /// No value: empty in CSV, `null` in JSON.
        case empty
        /// A yes/no value: `true`/`false` in CSV and JSON (as in every CSV the tool writes), `yes`/`no` in a table
        /// for people.
        case boolean(Bool)
        /// A list of codes: space-separated in CSV and tables, an array of strings in JSON.
        case list([String])
        /// A figure for a period the ledger's data does not cover (contract section 6): empty in CSV, `null` in
        /// JSON, "no data" in a table for people — never 0.
        case noData

        /// The CSV (and table) form.
        public var plain: String {
            switch self {
            case .text(let text): text
            case .integer(let value): String(value)
            case .decimal(let value): value?.description ?? ""
            case .empty, .noData: ""
            case .boolean(let value): value ? "true" : "false"
            case .list(let values): values.joined(separator: " ")
            }
        }

        /// The CSV cell: a text (and a list) neutralised and quoted as ``CSVText`` says, a number as it is.
        public var csv: String {
            switch self {
            case .text, .list: CSVText.cell(plain)
            default: plain
            }
        }

        /// The JSON form.
        public var json: String {
            switch self {
            case .text(let text): FigureTable.jsonString(text)
            case .integer(let value): String(value)
            case .decimal(let value): value?.description ?? "null"
            case .empty, .noData: "null"
            case .boolean(let value): value ? "true" : "false"
            case .list(let values): "[" + values.map(FigureTable.jsonString).joined(separator: ",") + "]"
            }
        }

        /// The form in a text table for people: "no data" where the period is not covered.
        public var forPeople: String {
            if case .noData = self { return "no data" }
            if case .boolean(let value) = self { return value ? "yes" : "no" }
            return plain
        }

        /// True for numbers (right-aligned in tables).
        var isNumber: Bool {
            switch self {
            case .integer, .decimal, .noData: true
            case .text, .empty, .boolean, .list: false
            }
        }
    }

    /// Column names, in order.
    public var columns: [String]
    /// Rows of cells, one per column.
    public var rows: [[Cell]]

    /// Makes a table.
    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The header line and one line per row, RFC 4180 quoting, `\n` endings.
    public var csv: String {
        var out = Self.csvLine(columns)
        for row in rows { out += row.map(\.csv).joined(separator: ",") + "\n" }
        return out
    }

    /// `[{"column":value,…},…]`, one row per line.
    public var json: String {
        if rows.isEmpty { return "[]\n" }
        let lines = rows.map { row in
            "{" + zip(columns, row).map { Self.jsonString($0) + ":" + $1.json }.joined(separator: ",") + "}"
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// Columns whose cells are all numbers.
    public var numericColumns: Set<Int> {
        Set(columns.indices.filter { column in
            !rows.isEmpty && rows.allSatisfy { $0[column].isNumber || $0[column] == .empty || $0[column] == .decimal(nil) }
        })
    }

    /// One CSV line of text cells (``CSVText``: quoted, and neutralised where a spreadsheet would run them).
    public static func csvLine(_ cells: [String]) -> String {
        cells.map(CSVText.cell).joined(separator: ",") + "\n"
    }

    /// A JSON string literal with minimal escapes (RFC 8785, as the ledger's own lines).
    public static func jsonString(_ text: String) -> String {
        var writer = CanonicalJSONWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
