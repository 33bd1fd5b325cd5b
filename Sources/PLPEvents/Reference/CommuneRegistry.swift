/// One Belgian commune code and its validity (Statbel REFNIS).
public struct Commune: Sendable, Hashable {
    /// The NIS code.
    public let nis: NISCode
    /// Official names.
    public let nameFR: String, nameNL: String, nameDE: String
    /// The arrondissement's NIS code.
    public let arrondissement: Int
    /// The province's NIS code; nil in Brussels.
    public let province: Int?
    /// The region's NIS code (02000 Flanders, 03000 Wallonia, 04000 Brussels).
    public let region: Int
    /// First day in force.
    public let validFrom: CivilDate
    /// Last day in force; nil while still in force.
    public let validUntil: CivilDate?
    /// The commune covering this one on 2025 boundaries (itself when still in force).
    public let nis2025: NISCode
    /// Inhabitants on 1 January 2020, on 2025 boundaries; only on codes still in force.
    public let population2020: Int?

    /// True when the code is in force on `date`.
    public func isInForce(on date: CivilDate) -> Bool {
        date >= validFrom && (validUntil.map { date <= $0 } ?? true)
    }
}

/// A region or province (Statbel `regions_provinces.csv`).
public struct AdministrativeUnit: Sendable, Hashable {
    /// The NIS code (e.g. 02000, 10000).
    public let nis: Int
    /// `region` or `province`.
    public let level: String
    /// Official names.
    public let nameFR: String, nameNL: String, nameDE: String
    /// The region of a province.
    public let parent: Int?
}

/// The commune table that every NIS code is checked against, shipped inside the program.
public final class CommuneRegistry: Sendable {
    /// The table built from the shipped Statbel data.
    public static let shared = CommuneRegistry()

    /// Every commune code valid at any time since 2010, in NIS order.
    public let communes: [Commune]
    /// Regions and provinces.
    public let units: [AdministrativeUnit]
    private let indexByCode: [Int32]

    private init() {
        var communes: [Commune] = []
        for row in CSVRows.parse(ReferenceData.communesCSV).dropFirst() where row.count >= 11 {
            guard let nis = NISCode(row[0]), let from = CivilDate.parse(row[7]), let nis2025 = NISCode(row[9]) else { continue }
            communes.append(Commune(
                nis: nis, nameFR: row[1], nameNL: row[2], nameDE: row[3],
                arrondissement: Int(row[4]) ?? 0, province: Int(row[5]), region: Int(row[6]) ?? 0,
                validFrom: from, validUntil: CivilDate.parse(row[8]), nis2025: nis2025, population2020: Int(row[10])))
        }
        communes.sort { $0.nis < $1.nis }
        var index = [Int32](repeating: -1, count: 100_000)
        for (position, commune) in communes.enumerated() { index[commune.nis.value] = Int32(position) }
        self.communes = communes
        self.indexByCode = index
        units = CSVRows.parse(ReferenceData.regionsProvincesCSV).dropFirst().compactMap { row in
            guard row.count >= 6, let nis = Int(row[0]) else { return nil }
            return AdministrativeUnit(nis: nis, level: row[1], nameFR: row[2], nameNL: row[3], nameDE: row[4], parent: Int(row[5]))
        }
    }

    /// The commune with this code, if it is in the table.
    public func commune(_ nis: NISCode) -> Commune? {
        let position = indexByCode[nis.value]
        return position < 0 ? nil : communes[Int(position)]
    }

    /// Why `nis` cannot be used on `date`, or nil when it is in force then.
    public func problem(_ nis: NISCode, on date: CivilDate) -> String? {
        guard let commune = commune(nis) else { return "\(nis) is not a Belgian commune code (Statbel REFNIS)" }
        if commune.isInForce(on: date) { return nil }
        let until = commune.validUntil.map { " until \($0)" } ?? ""
        var reason = "\(nis) (\(commune.nameFR)) was not in force on \(date): valid from \(commune.validFrom)\(until)"
        if date > (commune.validUntil ?? date), commune.nis2025 != nis {
            reason += "; on 2025 boundaries it is \(commune.nis2025)"
        }
        return reason
    }

    /// The region or province with this code.
    public func unit(_ nis: Int) -> AdministrativeUnit? { units.first { $0.nis == nis } }

    /// The code in force on 2025 boundaries for `nis` (itself if unknown).
    public func boundary2025(_ nis: NISCode) -> NISCode { commune(nis)?.nis2025 ?? nis }
}

/// A minimal reader of the shipped CSV files (comma-separated, double quotes for fields with commas).
///
/// It reads UTF-8 bytes, not `Character`s: every command builds the commune table when it starts (an `append` too),
/// and walking the 60 KB of text by grapheme cost about 4 ms of each process's start. Quotes, commas, CR and LF are
/// ASCII, so they never occur inside a multi-byte character.
enum CSVRows {
    static func parse(_ text: String) -> [[String]] {
        var text = text
        return text.withUTF8 { utf8 in
            var rows: [[String]] = []
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false, lineIsEmpty = true
            func endField() {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\n"):
                    if !lineIsEmpty {
                        endField()
                        rows.append(fields)
                        fields.removeAll(keepingCapacity: true)
                    }
                    quoted = false
                    lineIsEmpty = true
                    continue
                case UInt8(ascii: "\""): quoted.toggle()
                case UInt8(ascii: ",") where !quoted: endField()
                case UInt8(ascii: "\r"): break
                default: field.append(byte)
                }
                lineIsEmpty = false
            }
            if !lineIsEmpty {
                endField()
                rows.append(fields)
            }
            return rows
        }
    }
}
