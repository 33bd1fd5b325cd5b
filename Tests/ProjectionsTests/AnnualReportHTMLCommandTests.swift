import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// `report annual --format html` as a user runs it: the file it writes, its figures against `--format json`, and
/// (where Chromium is installed) a real browser that opens it headless.
@Suite struct AnnualReportHTMLCommandTests {
    /// The key figures a report file carries: `"key":value` in the contract's order, as in `--format json`.
    static func json(ofHTML html: String) -> String {
        let pairs = html.matches(of: #/data-key="([a-z_]+)" data-value="([^"]*)"/#).map { "\"\($0.output.1)\":\($0.output.2)" }
        return "{" + pairs.joined(separator: ",") + "}\n"
    }

    @Test func everyYearsFiguresEqualTheJSON() throws {
        let ledger = try AnnualStatisticsTests.history()
        for year in [2023, 2024, 2025] {
            for lang in ["fr", "nl"] {
                let file = ledger.path + "-\(year)-\(lang).html"
                let result = try CLI.run(["report", "annual", "--ledger", ledger.path, "--year", String(year), "--format", "html",
                                          "--lang", lang, "-o", file])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.isEmpty && result.stderr.contains("computed from"))
                let html = try String(contentsOfFile: file, encoding: .utf8)
                let json = try CLI.run(["report", "annual", "--ledger", ledger.path, "--year", String(year), "--format", "json"])
                #expect(Self.json(ofHTML: html) == json.stdout)
                #expect(!FileManager.default.fileExists(atPath: file + ".partial-\(getpid())"))
            }
        }
        // Standard output without -o; the other figure commands keep table, csv and json only.
        let out = try CLI.run(["report", "annual", "--ledger", ledger.path, "--year", "2024", "--format", "html"])
        #expect(out.status == 0 && out.stdout.hasPrefix("<!DOCTYPE html>"))
        let refused = try CLI.run(["project", "registry", "--ledger", ledger.path, "--format", "html"])
        #expect(refused.status != 0)
    }

    /// Chromium, if this machine has it (`apt-get install chromium`).
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed: see README, \"The comité's annual report\""))
    func aRealBrowserRendersIt() throws {
        let ledger = try AnnualStatisticsTests.history()
        let file = ledger.path + "-browser.html", png = ledger.path + "-browser.png"
        let result = try CLI.run(["report", "annual", "--ledger", ledger.path, "--year", "2024", "--format", "html", "-o", file])
        #expect(result.status == 0)
        let browser = try #require(Self.chromium)
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(ledger.path)-profile"]
        // The DOM the browser built: every section is there, the SVG charts among them.
        let dom = try Self.run(browser, common + ["--dump-dom", "file://\(file)"])
        #expect(dom.status == 0)
        for id in ["cover", "key-figures", "network", "communication", "burglaries", "programme", "method", "chart-hours"] {
            #expect(dom.stdout.contains("id=\"\(id)\""), "the browser's DOM has no \(id)")
        }
        // A screenshot, as a person would see it.
        let shot = try Self.run(browser, common + ["--screenshot=\(png)", "--window-size=1200,1800", "file://\(file)"])
        #expect(shot.status == 0)
        let size = (try FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        #expect(size > 10_000)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
