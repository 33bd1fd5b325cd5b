import ArgumentParser
import Foundation
import PLPProjections

/// Output formats of commands that print data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// The output formats of commands that print one result rather than rows (verify, digest, prove, checkpoint):
/// argument-parser refuses any other value, naming these two.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Messages for people go to standard error; data goes to standard output.
enum Console {
    /// Writes a line to standard error (dropped when standard error is closed: it never changes the exit status).
    static func note(_ text: String) {
        write(text + "\n", to: 2)
    }

    /// True when standard error is a terminal (progress is shown only then).
    static var isInteractive: Bool { isatty(2) != 0 && ProcessInfo.processInfo.environment["CI"] == nil }

    /// Writes text to standard output; when its reader went away (`| head`), the command ends quietly with status 0.
    static func print(_ text: String) {
        if !write(text, to: 1) && errno == EPIPE { Foundation.exit(0) }
    }

    /// Writes all of `text` to the descriptor; false on an error (`errno` says which). SIGPIPE is ignored
    /// (``FaultGuard``), so a closed pipe is an `EPIPE` here rather than the end of the process.
    @discardableResult
    static func write(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                guard let base = bytes.baseAddress else { return true }
                let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

/// A progress line on standard error, redrawn at most a few times a second, only on a terminal.
final class ProgressLine {
    private var lastDraw = 0.0
    private let enabled = Console.isInteractive
    private let started = Date()

    /// Redraws the line with `text`.
    func update(_ text: String) {
        guard enabled else { return }
        let now = Date().timeIntervalSince1970
        guard now - lastDraw > 0.2 else { return }
        lastDraw = now
        Console.write("\r\u{1B}[K\(text)", to: 2)
    }

    /// Seconds since the line was created.
    var elapsed: Double { Date().timeIntervalSince(started) }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        Console.write("\r\u{1B}[K", to: 2)
    }
}

/// Number formatting for people: `1,234,567`.
func grouped(_ value: some BinaryInteger) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return (value < 0 ? "-" : "") + result
}

/// A count and its noun, singular for one: `1 event`, `0 events`, `1,234 events` (`grouping` false: `1234 events`,
/// for sizes a script may read back). The plural adds an s unless `plural` is given.
func counted(_ value: some BinaryInteger, _ noun: String, plural: String? = nil, grouping: Bool = true) -> String {
    (grouping ? grouped(value) : String(value)) + " " + (value == 1 ? noun : plural ?? noun + "s")
}

/// A plain text table with aligned columns.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns aligned to the right (numbers).
    var rightAligned: Set<Int> = []

    func render() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return rightAligned.contains(index) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }
}

/// CSV with RFC 4180 quoting, text that a spreadsheet would run as a formula neutralised (``CSVText``).
func csvLine(_ cells: [String]) -> String {
    FigureTable.csvLine(cells)
}
