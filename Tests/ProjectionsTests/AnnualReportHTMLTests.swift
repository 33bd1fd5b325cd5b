import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PLPEvents
@testable import PLPProjections

/// The comité's HTML report of the hand-made history of ``AnnualStatisticsTests``: its key figures are the JSON
/// values written per language; it is well-formed, self-contained and accessible.
@Suite struct AnnualReportHTMLTests {
    static let producedOn = CivilDate(year: 2025, month: 3, day: 1) ?? CivilDate(daysSinceEpoch: 0)

    static func render(_ language: ReportLanguage, year: Int = 2024) throws -> (AnnualReportContent, String) {
        let ledger = try AnnualStatisticsTests.history()
        let content = try AnnualReportContent.compute(year: year, engine: ProjectionEngine(store: ledger.store),
                                                      selection: .wholeLog, producedOn: producedOn)
        return (content, AnnualReportHTML.render(content, language: language))
    }

    /// `data-key="K" data-value="V"` pairs of the key-figures table.
    static func keyValues(_ html: String) -> [(String, String)] {
        let regex = #/data-key="([a-z_]+)" data-value="([^"]*)"/#
        return html.matches(of: regex).map { (String($0.output.1), String($0.output.2)) }
    }

    @Test func keyFiguresEqualTheJSONAndAreWrittenPerLanguage() throws {
        for language in ReportLanguage.allCases {
            let (content, html) = try Self.render(language)
            #expect(content.report.current == (try AnnualReport.compute(year: 2024, engine: ProjectionEngine(
                store: AnnualStatisticsTests.history().store), selection: .wholeLog).0.current))
            let pairs = Self.keyValues(html)
            #expect(pairs.map(\.0) == AnnualStatistics.keys)
            let json = "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
            #expect(json == content.report.current.json)
            // Each figure's cell shows it in the language's conventions.
            let format = NumberFormat(language)
            #expect(html.contains(">\(format.percent(Tenths(tenths: 667)))</td>"))     // reports_false_alarm_pct 66.7
            #expect(html.contains(">\(format.decimal(Tenths(tenths: 175)))</td>"))     // alert_median_delay_min 17.5
            #expect(html.contains("data-value=\"100\">100</td>"))                        // alert_recipients
        }
        let (_, fr) = try Self.render(.fr), (_, nl) = try Self.render(.nl)
        #expect(fr.contains(">66,7\u{202F}%</td>") && fr.contains(">17,5</td>"))
        #expect(nl.contains(">66,7%</td>") && nl.contains(">17,5</td>"))
        #expect(fr.contains("lang=\"fr\"") && nl.contains("lang=\"nl\""))
        #expect(fr.contains("Chiffres clés 2024 par rapport à 2023") && nl.contains("Kerncijfers 2024 tegenover 2023"))
    }

    @Test func numbersFollowTheLanguage() {
        let fr = NumberFormat(.fr), nl = NumberFormat(.nl)
        #expect(fr.decimal(Tenths(tenths: 12345)) == "1\u{202F}234,5")
        #expect(nl.decimal(Tenths(tenths: 12345)) == "1.234,5")
        #expect(fr.integer(1_234_567) == "1\u{202F}234\u{202F}567")
        #expect(nl.integer(1_234_567) == "1.234.567")
        #expect(fr.integer(999) == "999" && nl.integer(0) == "0")
        #expect(fr.decimal(Tenths(tenths: -5)) == "−0,5")
        #expect(fr.decimal(nil) == "—" && nl.percent(nil) == "—")
        #expect(fr.signedPercent(Tenths(tenths: 125)) == "+12,5\u{202F}%")
        #expect(nl.signedPercent(Tenths(tenths: -30)) == "−3,0%")
    }

    @Test func wellFormedSelfContainedAndAccessible() throws {
        for language in ReportLanguage.allCases {
            let (content, html) = try Self.render(language)
            #expect(html.hasPrefix("<!DOCTYPE html>\n"))
            let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
            #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")

            #expect(!html.lowercased().contains("<script"))
            let references = html.matches(of: #/https?://[^"' <]*/#).map { String($0.output) }
            #expect(Set(references).isSubset(of: ["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml"]))
            #expect(!html.contains("@import") && !html.contains("url(http") && !html.contains("@font-face"))

            let charts = html.components(separatedBy: "<svg").dropFirst()
            #expect(charts.count == 5)   // active PLPs, alert funnel, reports by category, urgent alerts by hour, monthly burglaries
            for chart in charts {
                let head = String(chart.prefix(while: { $0 != ">" }))
                #expect(head.contains("role=\"img\"") && head.contains("aria-labelledby="))
                #expect(chart.contains("<title id=") && chart.contains("<desc id="))
            }
            // The cover: the ledger's size and root.
            #expect(html.contains("data-size=\"\(content.provenance.size)\""))
            if let root = content.provenance.root { #expect(html.contains(root)) }
            #expect(html.contains(language == .fr ? "1 mars 2025" : "1 maart 2025"))
            // Every section; the cover on its own printed page (AnnualReportHTMLLayoutTests: the rest of the print).
            for id in ["cover", "key-figures", "network", "communication", "burglaries", "programme", "method"] {
                #expect(html.contains("<section id=\"\(id)\"") || html.contains("id=\"\(id)\">"))
            }
            #expect(html.contains("break-before: page") && html.contains("@page { size: A4"))
        }
    }

    @Test func sectionsShowTheirSeries() throws {
        let (content, _) = try Self.render(.fr)
        // Urgent alerts of 2024 by Brussels hour: a3 05:59:59, a5 05:59:59, a9 00:45, a12 00:00, a1 21:59:59, a2 22:00,
        // a4 06:00, a6 06:00 (a11 voided).
        var hours = Array(repeating: 0, count: 24)
        for h in [5, 5, 0, 0, 21, 22, 6, 6] { hours[h] += 1 }
        #expect(content.urgentAlertsByHour == hours)
        #expect(hours.indices.filter { $0 >= 22 || $0 < 6 }.reduce(0) { $0 + hours[$1] } == content.report.current.alertsUrgentNight)
        #expect(content.reportsByCategory.reduce(0) { $0 + $1.count } == content.report.current.reportsFiled)
        #expect(content.feedbackRatePct?.description == "66.7")   // r1, r6 of r1, r3, r6
        let monthly = try #require(content.monthlyBurglaries)
        #expect(monthly.firstMonth == 2023 * 12 + 4)              // May 2023
        #expect(monthly.counts.reduce(0, +) == 2 + 3)
        #expect(monthly.complete.count == monthly.counts.count && monthly.complete.first == false)   // the data starts within May
        #expect(AnnualReportContent.movingAverage([1, 1, nil, 1], window: 2) == [nil, 1.0, nil, nil])
        #expect(AnnualReportContent.movingAverage([12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 24], window: 12) ==
                Array(repeating: nil, count: 11) + [1.0, 2.0])
        #expect(content.networkByYear.first { $0.year == 2024 }?.approved == 2)
        #expect(content.networkByYear.first { $0.year == 2024 }?.dissolved == 1)
        #expect(content.networkByYear.first { $0.year == 2024 }?.membersActiveEnd == content.report.current.membersActiveEnd)
        #expect(content.independentsShare(year: 2024)?.description == "50.0")   // C of A and C
    }

    @Test func escapingAndCharts() {
        #expect(HTMLText.escape(#"<a & "b" 'c'>"#) == "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;")
        let text = ChartText(title: "T <1>", description: "D & E", xTitle: "X", yTitle: "Y (n)", format: NumberFormat(.nl))
        let line = SVGChart.line(id: "c", text: text, xLabels: ["2024", "2025"],
                                 series: [ChartSeries(name: "a", values: [1, nil]), ChartSeries(name: "b", values: [1500, 2000])])
        #expect(line.contains("<title id=\"c-title\">T &lt;1&gt;</title>") && line.contains("<desc id=\"c-desc\">D &amp; E</desc>"))
        #expect(line.contains("stroke-dasharray=\"8 4\""))              // the second series is dashed
        #expect(line.contains(">2.000<"))                                // ticks in Dutch
        let parser = XMLParser(data: Data(line.utf8))
        #expect(parser.parse())
        let bars = SVGChart.bars(id: "b", text: text, labels: ["0", "1"], values: [3, 0], highlighted: [0], plainName: "day", highlightName: "night")
        #expect(bars.contains("url(#b-hatch)") && XMLParser(data: Data(bars.utf8)).parse())
    }
}

extension AnnualReportHTMLTests {
    @Test func changesInPlainWords() {
        let up = AnnualReportHTML.change(key: "burglaries", .percent(Tenths(tenths: 500)), language: .fr)
        #expect(up.0 == "↑" && up.1 == "en hausse de 50,0\u{202F}%" && up.2 == "up")
        let fresh = AnnualReportHTML.change(key: "burglaries", .fromZero(year: 2023), language: .nl)
        #expect(fresh.1 == "nieuw (geen in 2023)")
        let points = AnnualReportHTML.change(key: "reports_false_alarm_pct", .difference(Tenths(tenths: -67)), language: .nl)
        #expect(points.0 == "↓" && points.1 == "gedaald met 6,7 procentpunt")
        let undefined = AnnualReportHTML.change(key: "alert_median_delay_min", .undefined, language: .fr)
        #expect(undefined.1 == "non comparable")
        // Small counts are given as counts, not in bold; a partial year and a missing year are named.
        let small = AnnualReportHTML.change(key: "plps_dissolved", .counts(now: 7, before: 2), language: .fr)
        #expect(small.0 == "↑" && small.1 == "7 contre 2 : trop peu pour un pourcentage" && small.2 == "same")
        let partial = AnnualReportHTML.change(key: "burglaries", .partial(year: 2024), language: .nl)
        #expect(partial.1 == "niet vergeleken: 2024 is maar gedeeltelijk gedekt" && partial.2 == "same")
        let missing = AnnualReportHTML.change(key: "burglaries_previous", .noData(year: 2022), language: .fr)
        #expect(missing.1 == "pas de données pour 2022")
    }

}
