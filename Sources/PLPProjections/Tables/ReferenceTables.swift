import PLPEvents

/// The tables of the reference data shipped inside the program (Statbel, `data/`), written next to the ledger's own so
/// that SQL can name, group and weigh the places of the other tables: `communes` (every commune code valid at any time
/// since 2010) and `regions_provinces` (the 3 regions and 10 provinces).
///
/// They do not depend on the ledger, nor on `--until-seq`, `--as-of` or `--at`.
public enum ReferenceTables {
    /// `communes`: one row per commune code of `data/communes.csv`. `commune` is the key the other tables' `commune`
    /// and `commune_2025` columns join on; `commune_2025` the code on 2025 boundaries; `province` (empty in Brussels),
    /// `region` and `arrondissement` NIS codes with the province's and region's names; `population_2020` the
    /// inhabitants on 1 January 2020 on 2025 boundaries, only on codes still in force; `valid_from`, `valid_until`
    /// the days the code was in force (`valid_until` empty while it is; 1977-01-01 stands for "before 2010").
    public static let communeColumns = ["commune", "name_fr", "name_nl", "name_de", "commune_2025", "arrondissement",
                                        "province", "province_name_fr", "province_name_nl", "region", "region_name_fr",
                                        "region_name_nl", "population_2020", "valid_from", "valid_until"].columns

    /// `regions_provinces`: one row per unit of `data/regions_provinces.csv`; `nis` is the code the other tables'
    /// `province` and `region` columns hold, `level` is `region` or `province`, `region` is the region of a province
    /// (the region itself on a region's row).
    public static let unitColumns = ["nis", "level", "name_fr", "name_nl", "name_de", "region"].columns

    /// Writes the `communes` rows, in NIS order.
    static func communes(into file: TableFile) throws {
        let registry = CommuneRegistry.shared
        for commune in registry.communes {
            let province = commune.province.flatMap(registry.unit)
            let region = registry.unit(commune.region)
            file.row.nis(commune.nis.value)
            file.row.text(commune.nameFR)
            file.row.text(commune.nameNL)
            file.row.text(commune.nameDE)
            file.row.nis(commune.nis2025.value)
            file.row.nis(commune.arrondissement > 0 ? commune.arrondissement : nil)
            file.row.nis(commune.province)
            file.row.text(province?.nameFR)
            file.row.text(province?.nameNL)
            file.row.nis(commune.region)
            file.row.text(region?.nameFR)
            file.row.text(region?.nameNL)
            file.row.int(commune.population2020)
            file.row.date(commune.validFrom)
            file.row.date(commune.validUntil)
            try file.endRow()
        }
    }

    /// Writes the `regions_provinces` rows, regions first, in NIS order.
    static func units(into file: TableFile) throws {
        for unit in CommuneRegistry.shared.units.sorted(by: { $0.nis < $1.nis }) {
            file.row.nis(unit.nis)
            file.row.text(unit.level)
            file.row.text(unit.nameFR)
            file.row.text(unit.nameNL)
            file.row.text(unit.nameDE)
            file.row.nis(unit.parent ?? unit.nis)
            try file.endRow()
        }
    }
}
