import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents
@testable import PLPProjections

/// Communes in the comité's report are named as readers know them: Statbel's suffix left out where it only repeats
/// the name ("Alost (Alost)"), kept where it tells two places apart ("Saint-Nicolas (Liège)").
@Suite struct AnnualReportCommuneNamesTests {
    @Test func statbelsSuffixThatRepeatsTheNameIsLeftOut() {
        #expect(Commune.plainName("Alost (Alost)") == "Alost")
        #expect(Commune.plainName("Sint-Niklaas (Sint-Niklaas)") == "Sint-Niklaas")
        #expect(Commune.plainName("Neufchâteau (Neufchâteau)") == "Neufchâteau")
        // A suffix naming another place tells two places apart: kept.
        #expect(Commune.plainName("Saint-Nicolas (Liège)") == "Saint-Nicolas (Liège)")
        #expect(Commune.plainName("Hove (Anvers)") == "Hove (Anvers)")
        #expect(Commune.plainName("Hal (Hal-Vilvorde)") == "Hal (Hal-Vilvorde)")
        // Names without a suffix, or with brackets elsewhere, are left as they are.
        #expect(Commune.plainName("Anvers") == "Anvers")
        #expect(Commune.plainName("(Alost)") == "(Alost)")
        #expect(Commune.plainName("Alost(Alost)") == "Alost(Alost)")
        #expect(Commune.plainName("") == "")

        let registry = CommuneRegistry.shared
        let alost = NISCode("41002").flatMap { registry.commune($0) }
        #expect(alost?.plainNameFR == "Alost" && alost?.plainNameNL == "Aalst")
    }

    @Test func noTwoCommunesInForceOnTheSameDayGetTheSameName() throws {
        let registry = CommuneRegistry.shared
        for day in ["2010-01-01", "2018-12-31", "2019-01-01", "2024-12-31", "2025-01-01"] {
            let date = try #require(CivilDate.parse(day))
            let communes = registry.communes.filter { $0.isInForce(on: date) }
            for language in ReportLanguage.allCases {
                let names = communes.map { language.name(of: $0) }
                let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
                #expect(repeated.isEmpty, "\(language) on \(day): \(repeated)")
            }
        }
        // Only a suffix that repeats the name is ever left out.
        for commune in registry.communes {
            for (official, plain) in [(commune.nameFR, commune.plainNameFR), (commune.nameNL, commune.plainNameNL)] where plain != official {
                #expect(official == "\(plain) (\(plain))")
            }
        }
    }

    /// Burglaries of 2024 and 2025: Hove 5 → 16, Alost 10 → 20, Saint-Nicolas (the arrondissement's) 12 → 18,
    /// Saint-Nicolas (Liège) 25 → 10.
    static func namesakesHistory() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        var crimes: [(day: String, nis: String)] = []
        for (nis, before, now) in [("11021", 5, 16), ("41002", 10, 20), ("46021", 12, 18), ("62093", 25, 10)] {
            for (year, count) in [(2024, before), (2025, now)] {
                for i in 0..<count {
                    let month = i % 12 + 1, day = i / 12 + 1
                    crimes.append((String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-0" + String(day), nis))
                }
            }
        }
        try ledger.append(crimes.sorted { ($0.day, $0.nis) < ($1.day, $1.nis) }.map { History.crime($0.nis, on: $0.day) })
        return ledger
    }

    @Test func theRisesAndFallsNameCommunesAsReadersKnowThem() throws {
        let ledger = try Self.namesakesHistory()
        let content = try AnnualReportContent.compute(year: 2025, engine: ProjectionEngine(store: ledger.store), selection: .wholeLog,
                                                      producedOn: AnnualReportHTMLTests.producedOn)
        let expected: [ReportLanguage: (rises: [String], falls: [String])] = [
            .fr: (["Hove (Anvers)", "Alost", "Saint-Nicolas"], ["Saint-Nicolas (Liège)"]),
            .nl: (["Hove (Antwerpen)", "Aalst", "Sint-Niklaas"], ["Saint-Nicolas (Luik)"]),
        ]
        for language in ReportLanguage.allCases {
            let html = AnnualReportHTML.render(content, language: language)
            let burglaries = try AnnualReportHTMLChartsTests.section("burglaries", in: html)
            let falls = try #require(burglaries.range(of: "id=\"falls\""))
            let rises = String(burglaries[..<falls.lowerBound]), fallen = String(burglaries[falls.lowerBound...])
            let names = { (markup: String) in
                markup.matches(of: #/<tr><td>([^<]*)</td>/#).map { String($0.output.1) }
            }
            #expect(names(rises) == expected[language]?.rises.map(HTMLText.escape))
            #expect(names(fallen) == expected[language]?.falls.map(HTMLText.escape))
            #expect(!html.contains("(Alost)") && !html.contains("(Aalst)") && !html.contains("(Sint-Niklaas)"))
        }
    }
}
