import PLPEvents

/// The place columns shared by the tables that name a commune: the commune's NIS code as recorded and its names,
/// the code on 2025 boundaries, and the province and region codes (Statbel NIS, five digits).
///
/// `commune,commune_name_fr,commune_name_nl,commune_2025,province,region` — `province` is empty in Brussels (the
/// region has no province); `region` is `02000` (Flanders), `03000` (Wallonia) or `04000` (Brussels-Capital).
public enum PlaceColumns {
    /// The column names, in order.
    public static let names = ["commune", "commune_name_fr", "commune_name_nl", "commune_2025", "province", "region"]

    /// Encodes the place cells of `nis` into `row`.
    static func encode(_ nis: NISCode?, into row: inout RowEncoder) {
        row.cachedCells(key: nis?.value ?? -1, count: names.count) { encodeCells(nis, into: &$0) }
    }

    private static func encodeCells(_ nis: NISCode?, into row: inout RowEncoder) {
        guard let nis else {
            for _ in names { row.null() }
            return
        }
        let registry = CommuneRegistry.shared
        let commune = registry.commune(nis)
        let current = commune.map { registry.commune($0.nis2025) ?? $0 }
        row.nis(nis.value)
        row.text(commune?.nameFR)
        row.text(commune?.nameNL)
        row.nis(commune?.nis2025.value ?? nis.value)
        row.nis(current?.province)
        row.nis(current?.region)
    }
}

extension Array where Element == String {
    /// Table columns with these names.
    var columns: [TableColumn] { map(TableColumn.init) }
}
