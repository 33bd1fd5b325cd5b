/// How the tool writes a text cell of CSV: RFC 4180 quoting, and no formula for a spreadsheet to run.
///
/// A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or tab or carriage return before one) as a formula:
/// free text from events (`advice`, names, notes) could then carry `=HYPERLINK("…")` into the analyst's machine. Such
/// a text cell gets a leading apostrophe, as OWASP recommends ("CSV injection"); a number (`-6.1`, `+3`) is left as it
/// is. JSON and NDJSON are never changed.
public enum CSVText {
    /// The cell as written to a CSV file: neutralised, then quoted when it holds `,`, `"`, CR or LF.
    public static func cell(_ value: String) -> String {
        let text = neutralised(value)
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Appends the cell's bytes to `bytes` (the flat tables' hot path: no copy when nothing needs changing).
    public static func append(_ value: String, to bytes: inout [UInt8]) {
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
        if !needsQuotes && !isFormula(value) {
            bytes.append(contentsOf: value.utf8)
            return
        }
        bytes.append(contentsOf: cell(value).utf8)
    }

    /// The text with a leading apostrophe when a spreadsheet would read it as a formula.
    public static func neutralised(_ value: String) -> String {
        isFormula(value) ? "'" + value : value
    }

    /// Whether a spreadsheet would run the text: it begins with `=`, `+`, `-`, `@`, tab or carriage return and is not
    /// a plain number.
    public static func isFormula(_ value: String) -> Bool {
        guard let first = value.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D:
            return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return !isPlainNumber(value.utf8.dropFirst())
        default:
            return false
        }
    }

    /// Digits with at most one decimal point between digits (`6`, `6.1`).
    private static func isPlainNumber(_ bytes: Substring.UTF8View) -> Bool {
        var digits = 0, points = 0, previousWasDigit = false
        for byte in bytes {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                previousWasDigit = true
            } else if byte == UInt8(ascii: "."), previousWasDigit, points == 0 {
                points += 1
                previousWasDigit = false
            } else {
                return false
            }
        }
        return digits > 0 && previousWasDigit
    }
}
