extension AnnualReportHTML {
    /// A4, one section per page, black on white; charts keep their aspect and never split across pages.
    static let stylesheet = """
        @page { size: A4; margin: 16mm 14mm; }
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 10.5pt; color: #000; background: #fff;
               max-width: 190mm; margin: 0 auto; padding: 8mm; line-height: 1.4; }
        h1 { font-size: 22pt; margin: 0 0 4mm; } h2 { font-size: 15pt; border-bottom: 2px solid #0072B2; padding-bottom: 1mm; }
        h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
        section { margin-bottom: 10mm; }
        section + section { break-before: page; page-break-before: always; }
        .cover { min-height: 120mm; } .coverage { border-left: 3pt solid #D55E00; padding-left: 3mm; font-weight: bold; }
        .cover .root { display: block; margin-top: 1mm; font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
        .cover .root .group { white-space: nowrap; }
        table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; break-inside: avoid; }
        th, td { border-bottom: 1px solid #999; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } td.n { white-space: nowrap; }
        .up { font-weight: bold; } .down { font-style: italic; }
        figure { margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; }
        h2, h3 { break-after: avoid; page-break-after: avoid; }
        svg.chart { width: 100%; height: auto; }
        figcaption { margin-top: 1mm; }
        .caveat { border-left: 3px solid #D55E00; padding-left: 3mm; font-size: 9.5pt; }
        .note { font-size: 9pt; color: #333; }
        @media print { body { padding: 0; max-width: none; } a { color: #000; } }
        """
}
