import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PLPTestSupport
import Testing
@testable import PLPEvents
@testable import PLPProjections

/// The report's charts of "Truthful figures", point 5: the alert funnel and the reports by category drawn, the rises
/// and falls with their absolute change and ranking, a plain-language method note, no legend for a series not
/// drawn, and the cover's root laid out in groups.
@Suite struct AnnualReportHTMLChartsTests {
    /// The markup of the `<svg>` whose id is `id`, up to its `</svg>`.
    static func svg(_ id: String, in html: String) throws -> String {
        let start = try #require(html.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\""), "no chart \(id)")
        let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The markup of the element with `id="id"` (a section), up to the next `</section>`.
    static func section(_ id: String, in html: String) throws -> String {
        let start = try #require(html.range(of: "id=\"\(id)\""))
        let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Text without its tags.
    static func text(_ markup: String) -> String { markup.replacing(#/<[^>]*>/#, with: " ") }

    /// The `<title>` of every `rect class="bar"` of a chart.
    static func barTitles(_ svg: String) -> [String] {
        svg.matches(of: #/<rect class="bar"[^>]*><title>([^<]*)</title></rect>/#).map { String($0.output.1) }
    }

    @Test func theFunnelAndTheCategoriesAreDrawn() throws {
        for language in ReportLanguage.allCases {
            let (content, html) = try AnnualReportHTMLTests.render(language)
            let format = NumberFormat(language)
            // The funnel of 2024: filed, assessed, assessed with feedback (r1, r6 of r1, r3, r6: the 66.7 % feedback rate).
            let funnel = content.reportFunnel
            #expect(funnel.filed == content.report.current.reportsFiled)
            #expect(funnel.assessed == 3 && funnel.withFeedback == 2)
            let funnelChart = try Self.svg("chart-funnel", in: html)
            let stages = Self.barTitles(funnelChart)
            #expect(stages.count == 3)
            #expect(stages[safe: 0] == "\(language.text("funnel_filed")): \(format.integer(funnel.filed))")
            #expect(stages[safe: 1]?.hasPrefix("\(language.text("funnel_assessed")): 3 (") == true)
            #expect(stages[safe: 2] == HTMLText.escape(
                "\(language.text("funnel_feedback")): 2 (\(language.text("funnel_feedback_share", format.percent(Tenths(tenths: 667)))))"))
            #expect(funnelChart.contains("<title id=\"chart-funnel-title\">") && funnelChart.contains("<desc id=\"chart-funnel-desc\">"))
            #expect(funnelChart.contains("role=\"img\"") && funnelChart.contains("url(#chart-funnel-fill1)"))
            #expect(XMLParser(data: Data(funnelChart.utf8)).parse())

            // One bar per category, in the vocabulary's order, its value written per language; the table stays.
            let categoriesChart = try Self.svg("chart-categories", in: html)
            let bars = Self.barTitles(categoriesChart)
            #expect(bars.count == ReportCategory.allCases.count)
            #expect(bars == content.reportsByCategory.map { HTMLText.escape("\(language.text($0.category.rawValue)): \(format.integer($0.count))") })
            #expect(categoriesChart.contains("<desc id=\"chart-categories-desc\">"))
            let communication = try Self.section("communication", in: html)
            let chartAt = try #require(communication.range(of: "id=\"chart-categories\""))
            let tableAt = try #require(communication.range(of: "<th>\(language.text("category"))</th>"))
            #expect(chartAt.lowerBound < tableAt.lowerBound)
        }
        // Values with thousands, per language, in a bar's title.
        let text = ChartText(title: "T", description: "D", xTitle: "X", yTitle: "Y", format: NumberFormat(.nl))
        let chart = SVGChart.horizontalBars(id: "h", text: text, labels: ["a", "b"], values: [12_345, 0])
        #expect(Self.barTitles(chart) == ["a: 12.345", "b: 0"])
        let fr = SVGChart.funnel(id: "f", text: ChartText(title: "T", description: "D", xTitle: "", yTitle: "", format: NumberFormat(.fr)),
                                 stages: [.init(name: "x", value: 1_500, note: ""), .init(name: "y", value: 1_000, note: "n")])
        #expect(Self.barTitles(fr) == ["x: 1\u{202F}500", "y: 1\u{202F}000 (n)"])
    }

    /// Burglaries of 2024 and 2025 in three communes: Antwerp 30 → 40 (+10, +33.3 %), Ghent 8 → 14 (+6, +75 %),
    /// Liège 25 → 10 (−15, −60 %).
    static func burglaryHistory() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        var crimes: [(day: String, nis: String)] = []
        for (nis, before, now) in [("11002", 30, 40), ("44021", 8, 14), ("62063", 25, 10)] {
            for (year, count) in [(2024, before), (2025, now)] {
                for i in 0..<count {
                    let month = i % 12 + 1, day = i / 12 + 1
                    crimes.append((String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-0" + String(day), nis))
                }
            }
        }
        let lines = crimes.sorted { ($0.day, $0.nis) < ($1.day, $1.nis) }.map { History.crime($0.nis, on: $0.day) }
        try ledger.append(lines)
        return ledger
    }

    @Test func risesAndFallsShowTheAbsoluteChangeAndHowTheyAreRanked() throws {
        let ledger = try Self.burglaryHistory()
        let content = try AnnualReportContent.compute(year: 2025, engine: ProjectionEngine(store: ledger.store), selection: .wholeLog,
                                                      producedOn: AnnualReportHTMLTests.producedOn)
        // Ranked by the absolute change: Antwerp (+10) before Ghent (+6), though Ghent's percentage is larger.
        #expect(content.communeChanges.rises.map(\.commune.nis) == [NISCode("11002"), NISCode("44021")].compactMap { $0 })
        #expect(content.communeChanges.rises.map(\.change) == [10, 6])
        #expect(content.communeChanges.falls.map(\.change) == [-15])
        for language in ReportLanguage.allCases {
            let html = AnnualReportHTML.render(content, language: language)
            let burglaries = try Self.section("burglaries", in: html)
            let risesAt = try #require(burglaries.range(of: "id=\"rises\""))
            let rises = String(burglaries[risesAt.lowerBound...])
            let pct = NumberFormat(language).signedPercent
            #expect(rises.contains("<th class=\"n\">\(language.text("change_abs"))</th><th class=\"n\">\(language.text("change"))</th>"))
            #expect(rises.contains("<td class=\"n\">30</td><td class=\"n\">40</td><td class=\"n\">+10</td><td class=\"n\">\(pct(Tenths(tenths: 333)))</td>"))
            #expect(rises.contains("<td class=\"n\">8</td><td class=\"n\">14</td><td class=\"n\">+6</td><td class=\"n\">\(pct(Tenths(tenths: 750)))</td>"))
            #expect(rises.contains("<td class=\"n\">25</td><td class=\"n\">10</td><td class=\"n\">−15</td><td class=\"n\">\(pct(Tenths(tenths: -600)))</td>"))
            let ranking = try #require(burglaries.firstMatch(of: #/id="changes-ranking">([^<]*)</p>/#)).output.1
            #expect(ranking.contains(HTMLText.escape(language == .fr ? "Classement selon l'écart absolu du nombre de cambriolages entre 2024 et 2025"
                                                      : "Gerangschikt volgens het absolute verschil in het aantal inbraken tussen 2024 en 2025")))
        }
    }

    @Test func theMethodNoteSpeaksPlainLanguage() throws {
        for language in ReportLanguage.allCases {
            let (_, html) = try AnnualReportHTMLTests.render(language)
            let method = Self.text(try Self.section("method", in: html))
            for word in ["CrimeRecorded", "EventVoided", "burglary-home", "burglary-business", "occurredAt", "occurredOn", "seq "] {
                #expect(!method.contains(word), "\(language): \(word)")
            }
            let camelCase = method.matches(of: #/\b[a-z]+[A-Z][A-Za-z]*\b/#).map { String($0.output) }
            #expect(camelCase.isEmpty, "\(language): \(camelCase)")
            #expect(method.contains(language == .fr ? "cambriolages enregistrés par la police (habitations et commerces, tentatives comprises)"
                                                     : "door de politie geregistreerde inbraken (woningen en handelszaken, pogingen inbegrepen)"))
        }
    }

    @Test func aSeriesNotDrawnHasNoLegendEntry() throws {
        let text = ChartText(title: "T", description: "D", xTitle: "X", yTitle: "Y", format: NumberFormat(.fr))
        let series = [ChartSeries(name: "drawn-one", values: [1, 2]), ChartSeries(name: "no-data", values: [nil, nil]),
                      ChartSeries(name: "all-zero", values: [0, 0]), ChartSeries(name: "drawn-two", values: [0, 3])]
        let skipped = SVGChart.line(id: "l", text: text, xLabels: ["a", "b"], series: series, omitAllZero: true)
        #expect(skipped.contains(">drawn-one<") && skipped.contains(">drawn-two<"))
        #expect(!skipped.contains(">no-data<") && !skipped.contains(">all-zero<"))
        #expect(skipped.components(separatedBy: "fill=\"none\" stroke=").count - 1 == 2)   // two lines drawn
        // The fourth series keeps its own style (dash-dot), not the second's.
        #expect(skipped.contains("stroke-dasharray=\"10 3 2 3\"") && !skipped.contains("stroke-dasharray=\"8 4\""))
        let zeros = SVGChart.line(id: "l", text: text, xLabels: ["a", "b"], series: series)
        #expect(zeros.contains(">all-zero<") && !zeros.contains(">no-data<"))
        // Bars: no legend for the hatched kind when none of its bars is above 0.
        let bars = SVGChart.bars(id: "b", text: text, labels: ["0", "1"], values: [0, 4], highlighted: [0], plainName: "day", highlightName: "night")
        #expect(bars.contains(">day<") && !bars.contains(">night<"))

        // In the report of 2024: the Brussels region never had a PLP active at a year's end (B was approved and
        // dissolved in 2024): not drawn, not in the legend, said under the chart.
        for language in ReportLanguage.allCases {
            let (content, html) = try AnnualReportHTMLTests.render(language)
            let regions = content.activeByRegion(language: language)
            let left = regions.filter { !SVGChart.draws($0, omitAllZero: true) }
            let brussels = try #require(left.first).name
            #expect(brussels.contains(language == .fr ? "Bruxelles" : "Brussel"))
            let chart = try Self.svg("chart-active", in: html)
            #expect(!chart.contains(">\(HTMLText.escape(brussels))<"))
            for region in regions where SVGChart.draws(region, omitAllZero: true) { #expect(chart.contains(">\(HTMLText.escape(region.name))<")) }
            let caption = try #require(html.firstMatch(of: #/<figcaption class="note">([^<]*)</figcaption>/#)).output.1
            #expect(caption.contains(HTMLText.escape(brussels)))
        }
    }

    @Test func theCoverRootReadsBackAndIsGrouped() throws {
        for language in ReportLanguage.allCases {
            let (content, html) = try AnnualReportHTMLTests.render(language)
            let root = try #require(content.provenance.root)
            #expect(root.count == 64)
            let match = try #require(html.firstMatch(of: #/<span class="root" id="ledger-root" data-root="([0-9a-f]*)">(.*?)</span></span>/#))
            #expect(String(match.output.1) == root)
            let shown = (String(match.output.2) + "</span>").replacing(#/<[^>]*>/#, with: "")   // the text content
            #expect(shown.replacingOccurrences(of: " ", with: "") == root)
            #expect(shown.components(separatedBy: " ") == [0, 16, 32, 48].map {
                String(root.dropFirst($0).prefix(16))
            })
            #expect(match.output.2.components(separatedBy: "<span class=\"group\">").count - 1 == 4)
            #expect(!AnnualReportHTML.stylesheet.contains("break-all"))
            #expect(AnnualReportHTML.stylesheet.contains(".cover .root .group { white-space: nowrap; }"))
        }
        #expect(AnnualReportHTML.rootGroups("0123456789abcdef0123") == ["0123456789abcdef", "0123"])
    }
}
