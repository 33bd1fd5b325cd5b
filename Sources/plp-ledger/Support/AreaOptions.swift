import ArgumentParser
import PLPEvents
import PLPProjections

/// `--region` and `--province`: the part of Belgium a figure is narrowed to (repeatable; a NIS code or a name in
/// French, Dutch or German, as people write it: see `AreaNames`).
struct RegionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this region: 02000 (Flemish), 03000 (Walloon), 04000 (Brussels), or a name such as Vlaanderen, Wallonie or Brussel (any case or accents). Repeatable.",
                               valueName: "REGION"))
    var region: [String] = []

    @Option(help: ArgumentHelp("Only this province: its NIS code (e.g. 70000) or a name in French, Dutch or German, with or without 'Province de' (e.g. Limburg, Anvers, Liege). Repeatable.",
                               valueName: "PROVINCE"))
    var province: [String] = []

    func validate() throws {
        for text in region where Area.unit(text, level: "region") == nil {
            throw ValidationError("--region \(text) is not a region; the regions are \(Area.choices(level: "region")).")
        }
        for text in province where Area.unit(text, level: "province") == nil {
            throw ValidationError("--province \(text) is not a province; the provinces are \(Area.choices(level: "province")).")
        }
    }

    /// The area, with `communes` (codes already checked) as its commune bound.
    func area(communes: [String] = []) -> Area {
        Area(regions: Set(region.compactMap { Area.unit($0, level: "region")?.nis }),
             provinces: Set(province.compactMap { Area.unit($0, level: "province")?.nis }),
             communes: Set(communes.compactMap { NISCode($0).map { CommuneRegistry.shared.boundary2025($0).value } }))
    }
}

/// `--region`, `--province` and `--commune` for the figures listed by PLP (registry, alerts).
struct AreaOptions: ParsableArguments {
    @OptionGroup var regions: RegionOptions

    @Option(help: ArgumentHelp("Only this commune (NIS code; former codes count under their 2025 commune). Repeatable.",
                               valueName: "NIS"))
    var commune: [String] = []

    func validate() throws {
        try CommuneCodes.check(commune)
    }

    /// The area the options describe.
    var area: Area { regions.area(communes: commune) }
}

/// The check of `--commune` values.
enum CommuneCodes {
    static func check(_ codes: [String]) throws {
        for code in codes {
            guard let nis = NISCode(code), CommuneRegistry.shared.commune(nis) != nil else {
                throw ValidationError("--commune \(code) is not a Belgian commune code (5-digit Statbel NIS code).")
            }
        }
    }
}
