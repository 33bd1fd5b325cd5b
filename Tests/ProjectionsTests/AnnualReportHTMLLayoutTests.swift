import Foundation
import Testing
@testable import PLPEvents
@testable import PLPProjections

/// The comité's report printed and on a phone, as far as text can tell: the print rules (the cover alone, no other
/// forced page break, groups kept on one page, the PLP effect whole), tables and charts in containers that scroll
/// sideways, and chart text never drawn below 10 px.
@Suite struct AnnualReportHTMLLayoutTests {
    static let css = AnnualReportHTML.stylesheet

    @Test func printingKeepsGroupsWholeAndForcesOnlyTheCoversPage() throws {
        // One forced break: after the cover. A section as short as the programme no longer leaves a page empty.
        #expect(Self.css.components(separatedBy: "break-before: page").count - 1 == 1)
        #expect(Self.css.contains("#key-figures { break-before: page; page-break-before: always; }"))
        #expect(!Self.css.contains("section + section") && !Self.css.contains("break-after: page"))
        // Nothing read as one is cut between pages; a heading stays with what follows it.
        #expect(Self.css.contains("figure, table, tr, .keep { break-inside: avoid; page-break-inside: avoid; }"))
        #expect(Self.css.contains("h2, h3 { break-after: avoid; page-break-after: avoid; }"))
        #expect(Self.css.contains("p, li { orphans: 3; widows: 3; }"))

        for language in ReportLanguage.allCases {
            let (_, html) = try AnnualReportHTMLTests.render(language)
            // The PLP effect: its heading, the headline figure with its comparison, what was left out and the caveat,
            // in one group.
            let effect = try #require(html.firstMatch(of: #/<div class="keep" id="plp-effect">(.*?)</div>/#), "\(language)")
            let group = String(effect.output.1)
            #expect(group.hasPrefix("<h3>\(HTMLText.escape(language.text("effect")))</h3><p>"))
            #expect(group.hasSuffix("<p class=\"caveat\">\(HTMLText.escape(language.text("effect_caveat")))</p>"))
            // The rises and falls, each heading with its table.
            for id in ["rises", "falls"] { #expect(html.contains("<div class=\"keep\"><h3 id=\"\(id)\">")) }
        }
    }

    @Test func tablesAndChartsScrollSidewaysOnANarrowScreen() throws {
        #expect(Self.css.contains(".scroll { overflow-x: auto; max-width: 100%; }"))
        #expect(Self.css.contains("svg.chart { display: block; width: 100%; height: auto; min-width: \(SVGChart.minimumDisplayWidth)px; }"))
        // Printed, nothing scrolls and a chart takes the page's width.
        let print = try #require(Self.css.firstMatch(of: #/@media print \{(.*)\}/#.dotMatchesNewlines())).output.1
        #expect(print.contains(".scroll { overflow: visible; }") && print.contains("svg.chart { min-width: 0; }"))

        for language in ReportLanguage.allCases {
            let (_, html) = try AnnualReportHTMLTests.render(language)
            let tables = html.components(separatedBy: "<table").count - 1
            #expect(tables >= 6)   // key figures, network by year, provinces, communication, categories, programme
            #expect(html.components(separatedBy: "<div class=\"scroll\"><table").count - 1 == tables, "\(language)")
            let charts = html.components(separatedBy: "<svg").count - 1
            #expect(charts == 5)
            #expect(html.components(separatedBy: "<div class=\"scroll\"><svg").count - 1 == charts, "\(language)")
        }
    }

    @Test func chartTextIsNeverDrawnBelowTenPixels() throws {
        for language in ReportLanguage.allCases {
            let (_, html) = try AnnualReportHTMLTests.render(language)
            for svg in html.matches(of: #/<svg [^>]*>.*?</svg>/#) {
                let markup = String(svg.output)
                let width = try #require(markup.firstMatch(of: #/viewBox="0 0 ([0-9.]+) [0-9.]+"/#).flatMap { Double($0.output.1) })
                let sizes = markup.matches(of: #/font-size="([0-9.]+)"/#).compactMap { Double($0.output.1) }
                let smallest = try #require(sizes.min())
                // Drawn `minimumDisplayWidth` pixels wide at the least, the viewBox's units are scaled by this much.
                let pixels = smallest * Double(SVGChart.minimumDisplayWidth) / width
                #expect(pixels >= 10, "\(language): text of \(smallest) units is \(pixels) px at the narrowest")
            }
        }
        // The narrowest a chart is drawn still fits the text column of a printed A4 page (182 mm, 688 px).
        #expect(SVGChart.minimumDisplayWidth <= 688)
    }
}
