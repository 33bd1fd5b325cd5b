import PLPEvents
@testable import PLPProjections
import PLPTestSupport
import Testing

/// `--region` and `--province` take the names people write: French, Dutch or German, with or without "Province de"
/// or "Gewest", any case, accents or apostrophes, and the everyday short forms.
@Suite struct AreaNamesTests {
    @Test(arguments: [
        ("Anvers", 10000), ("Province d'Anvers", 10000), ("Province d’Anvers", 10000), ("province d´anvers", 10000),
        ("Antwerpen", 10000), ("Provincie Antwerpen", 10000), ("Provinz Antwerpen", 10000), ("Antwerp", 10000),
        ("Liege", 60000), ("Liège", 60000), ("LIÈGE", 60000), ("Luik", 60000), ("Lüttich", 60000), ("Luettich", nil),
        ("Province de Liege", 60000), ("Limburg", 70000), ("Limbourg", 70000), ("Province du Limbourg", 70000),
        ("Brabant wallon", 20002), ("Brabant-Wallon", 20002), ("Waals-Brabant", 20002), ("Vlaams Brabant", 20001),
        ("Flandre-Occidentale", 30000), ("West-Vlaanderen", 30000), ("Oost-Vlaanderen", 40000), ("Hainaut", 50000),
        ("Henegouwen", 50000), ("Namen", 90000), ("Luxembourg", 80000), ("  Namur ", 90000), ("70000", 70000),
        ("7000", nil), ("Brabant", nil), ("Province", nil), ("", nil), ("Vlaanderen", nil), ("10001", nil),
    ] as [(String, Int?)])
    func provinces(_ text: String, _ nis: Int?) {
        #expect(Area.unit(text, level: "province")?.nis == nis, "\(text)")
    }

    @Test(arguments: [
        ("Wallonie", 3000), ("Wallonië", 3000), ("Wallonien", 3000), ("wallonie", 3000), ("Région wallonne", 3000),
        ("Region wallonne", 3000), ("Waals Gewest", 3000), ("Wallonische Region", 3000), ("Région Wallonie", 3000),
        ("Vlaanderen", 2000), ("Flandre", 2000), ("Flandern", 2000), ("Flanders", 2000), ("Vlaams Gewest", 2000),
        ("Région flamande", 2000), ("Flämische Region", 2000), ("Bruxelles", 4000), ("Brussel", 4000),
        ("Brüssel", 4000), ("Brussels", 4000), ("Région de Bruxelles-Capitale", 4000), ("Brussels Hoofdstedelijk Gewest", 4000),
        ("Brussels-Capital Region", 4000), ("Region Brüssel-Hauptstadt", 4000), ("02000", 2000), ("3000", 3000),
        ("Gewest", nil), ("Région", nil), ("Atlantis", nil), ("Limburg", nil), ("10000", nil),
    ] as [(String, Int?)])
    func regions(_ text: String, _ nis: Int?) {
        #expect(Area.unit(text, level: "region")?.nis == nis, "\(text)")
    }

    /// No name, once folded and stripped of its "Province de", names two units of the same level.
    @Test func noNameIsAmbiguous() {
        for level in ["region", "province"] {
            let units = CommuneRegistry.shared.units.filter { $0.level == level }
            var owner: [String: Int] = [:]
            for unit in units {
                for name in [unit.nameFR, unit.nameNL, unit.nameDE] + (AreaNames.everydayNames[unit.nis] ?? []) {
                    let key = AreaNames.bare(AreaNames.fold(name))
                    #expect(owner[key].map { $0 == unit.nis } ?? true, "\(name) names \(owner[key] ?? 0) and \(unit.nis)")
                    owner[key] = unit.nis
                    #expect(Area.unit(name, level: level)?.nis == unit.nis, "\(name)")
                }
            }
        }
    }

    @Test func theCommandLineTakesEverydayNamesAndListsTheChoicesOtherwise() throws {
        let ledger = try TemporaryLedger()
        try ledger.append([History.crime("92094", on: "2024-03-05"), History.crime("11002", on: "2024-03-05")])
        for (option, name) in [("--region", "Wallonie"), ("--region", "Bruxelles"), ("--province", "Province d'Anvers"),
                               ("--province", "Liege")] {
            let result = try CLI.run(["project", "burglary-trend", "--by", "year", option, name, "--ledger", ledger.path,
                                      "--format", "csv"])
            #expect(result.status == 0, "\(option) \(name): \(result.stderr)")
        }
        let walloon = try CLI.run(["project", "burglary-trend", "--by", "year", "--region", "Wallonië", "--ledger", ledger.path,
                                   "--format", "csv"])
        #expect(walloon.stdout.contains("\n92094,2024,") && !walloon.stdout.contains("\n11002,"))
        let antwerp = try CLI.run(["project", "burglary-trend", "--by", "year", "--province", "Anvers", "--ledger", ledger.path,
                                   "--format", "csv"])
        #expect(antwerp.stdout.contains("\n11002,2024,") && !antwerp.stdout.contains("\n92094,"))
        let wrong = try CLI.run(["project", "registry", "--province", "Brabant", "--ledger", ledger.path])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--province Brabant is not a province; the provinces are 10000 Province d’Anvers / Provincie Antwerpen"))
    }
}
