extension AnnualReportHTML {
    /// The classes the markup gives its blocks, for the stylesheet.
    enum Block {
        /// A container that scrolls sideways when what it holds (a table, a chart) is wider than the screen.
        static let scroll = "scroll"
        /// A group printed on one page: a heading with its table, a figure with its comparison and caveat.
        static let keep = "keep"
    }

    /// The document's CSS: black on white, on a screen of any width and on A4.
    ///
    /// - Printed: the cover has its own page; the sections follow one another without forced breaks (a short
    ///   section does not leave a page mostly empty), and no chart, table, heading with what it introduces, or group
    ///   marked ``Block/keep`` is split across two pages.
    /// - On a narrow screen: tables and charts sit in a ``Block/scroll`` container; a table wraps its cells and
    ///   scrolls sideways only beyond that, and a chart is never drawn narrower than
    ///   ``SVGChart/minimumDisplayWidth`` (its smallest text at 10 px), scrolling sideways instead.
    static let stylesheet = """
        @page { size: A4; margin: 16mm 14mm; }
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 10.5pt; color: #000; background: #fff;
               max-width: 190mm; margin: 0 auto; padding: 8mm; line-height: 1.4; }
        h1 { font-size: 22pt; margin: 0 0 4mm; } h2 { font-size: 15pt; border-bottom: 2px solid #0072B2; padding-bottom: 1mm; }
        h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
        section { margin-bottom: 10mm; }
        .coverage { border-left: 3pt solid #D55E00; padding-left: 3mm; font-weight: bold; }
        .cover .root { display: block; margin-top: 1mm; font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
        .cover .root .group { white-space: nowrap; }
        .\(Block.scroll) { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
        th, td { border-bottom: 1px solid #999; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } td.n { white-space: nowrap; }
        .up { font-weight: bold; } .down { font-style: italic; }
        figure { margin: 3mm 0; }
        svg.chart { display: block; width: 100%; height: auto; min-width: \(SVGChart.minimumDisplayWidth)px; }
        figcaption { margin-top: 1mm; }
        .caveat { border-left: 3px solid #D55E00; padding-left: 3mm; font-size: 9.5pt; }
        .note { font-size: 9pt; color: #333; }
        @media (max-width: 600px) { body { padding: 3mm; } h1 { font-size: 18pt; } th, td { padding: 1mm; } }
        h2, h3 { break-after: avoid; page-break-after: avoid; }
        figure, table, tr, .\(Block.keep) { break-inside: avoid; page-break-inside: avoid; }
        p, li { orphans: 3; widows: 3; }
        #key-figures { break-before: page; page-break-before: always; }
        @media print {
          body { padding: 0; max-width: none; }
          a { color: #000; }
          .\(Block.scroll) { overflow: visible; }
          svg.chart { min-width: 0; }
        }
        """
}
