import Foundation
import Testing
@testable import PLPEvents

/// The commune table shipped inside the program is `data/*.csv`, read whole.
@Suite struct ReferenceDataTests {
    /// The repository's `data/` directory (the tests run from a checkout).
    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data")

    static func file(_ name: String) throws -> String {
        try String(contentsOf: dataDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("the shipped copies are data/communes.csv and data/regions_provinces.csv")
    func shippedCopiesAgree() throws {
        #expect(ReferenceData.communesCSV == (try Self.file("communes.csv")).trimmingCharacters(in: .newlines))
        #expect(ReferenceData.regionsProvincesCSV == (try Self.file("regions_provinces.csv")).trimmingCharacters(in: .newlines))
    }

    @Test("every commune row is in the registry, with its names and dates as written")
    func registryHoldsEveryRow() throws {
        // An independent reading: the shipped files have no quoted field, so a plain split is the whole format.
        let rows = try Self.file("communes.csv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let registry = CommuneRegistry.shared
        #expect(registry.communes.count == rows.count)
        for row in rows {
            let commune = try #require(NISCode(row[0]).flatMap { registry.commune($0) }, "\(row[0])")
            #expect([commune.nameFR, commune.nameNL, commune.nameDE] == Array(row[1...3]))
            #expect(commune.validFrom.description == row[7])
            #expect(commune.validUntil?.description ?? "" == row[8])
            #expect(commune.population2020.map(String.init) ?? "" == row[10])
        }
        let units = try Self.file("regions_provinces.csv").split(separator: "\n").dropFirst()
        #expect(registry.units.count == units.count)
        #expect(registry.unit(2000)?.nameNL == "Vlaams Gewest")
    }

    @Test("quoted fields keep their commas; CR, blank lines and a missing last newline are read as before")
    func csvQuotesAndLineEnds() {
        #expect(CSVRows.parse("a,b\r\n\n\"x, y\",é,\n\"q\"\nlast") == [["a", "b"], ["x, y", "é", ""], ["q"], ["last"]])
        #expect(CSVRows.parse("") == [])
    }
}
