import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// The WordprocessingML of a document being written, table after table, and
/// the package's other parts.
struct DocxDocument {
    private var body: [UInt8] = []
    /// The section properties of the table written last (closed by the next table or the end).
    private var pendingSection: String?

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// Column widths in twentieths of a point: Excel's character widths (7 px + 5 px padding
    /// at 96 dpi), scaled down to the page's width when the template fits the table to it.
    static func columnWidths(_ grid: TableGrid) -> [Int] {
        let page = grid.template.page
        let twips = grid.columns.map { ($0.width * 7 + 5) * 15 }
        let (w, h) = paper(page)
        let usable = Double(page.orientation == .landscape ? max(w, h) : min(w, h)) - (page.marginLeft + page.marginRight) * 567
        let total = twips.reduce(0, +)
        let scale = page.fitToWidth && total > usable ? usable / total : 1
        return twips.map { Int(($0 * scale).rounded(.down)) }
    }

    /// Paper size in twips (portrait).
    static func paper(_ page: PageSetup) -> (Int, Int) { page.paper == .a4 ? (11906, 16838) : (16838, 23811) }

    static func section(_ page: PageSetup) -> String {
        let (w, h) = paper(page)
        let size = page.orientation == .landscape ? "<w:pgSz w:w=\"\(h)\" w:h=\"\(w)\" w:orient=\"landscape\"/>" : "<w:pgSz w:w=\"\(w)\" w:h=\"\(h)\"/>"
        func tw(_ cm: Double) -> Int { Int((cm * 567).rounded()) }
        return "<w:sectPr>\(size)<w:pgMar w:top=\"\(tw(page.marginTop))\" w:right=\"\(tw(page.marginRight))\" w:bottom=\"\(tw(page.marginBottom))\" w:left=\"\(tw(page.marginLeft))\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
    }

    /// The title paragraphs, the table's properties and its header rows.
    mutating func begin(_ grid: TableGrid) throws(ExportError) {
        if let section = pendingSection { put("<w:p><w:pPr>\(section)</w:pPr></w:p>") }
        let styles = grid.template.styles
        for r in grid.titleRows.lowerBound..<grid.headerRows.lowerBound {
            if let area = grid.areas.first(where: { $0.range.start.row == r }) {
                try paragraph(area.text, style: TableGrid.style(area.role, styles), align: "center", place: grid.place, at: area.range.start)
            } else {
                put("<w:p/>")
            }
        }
        let widths = Self.columnWidths(grid)
        put("<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>")
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] { put("<w:\(side) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>") }
        put("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>")
        for w in widths { put("<w:gridCol w:w=\"\(w)\"/>") }
        put("</w:tblGrid>")
        let header = TableGrid.style(.header, styles)
        for r in grid.headerRows {
            put("<w:tr><w:trPr><w:cantSplit/>\(grid.template.page.repeatHeader ? "<w:tblHeader/>" : "")</w:trPr>")
            var c = 0
            while c < grid.columns.count {
                guard let area = grid.areas.first(where: { $0.range.start.column == c && $0.range.start.row <= r && r <= $0.range.end.row }) else {
                    try cell(widths[c], span: 1, merge: nil, vCenter: true) { $0.put("<w:p/>") }
                    c += 1
                    continue
                }
                let span = area.range.columnCount
                let width = widths[c..<(c + span)].reduce(0, +)
                let merge: String? = area.range.rowCount == 1 ? nil : (r == area.range.start.row ? "restart" : "continue")
                if r == area.range.start.row {
                    try cell(width, span: span, merge: merge, vCenter: true) { (d: inout DocxDocument) throws(ExportError) in
                        try d.paragraph(area.text, style: header, align: "center", place: grid.place, at: area.range.start)
                    }
                } else {
                    try cell(width, span: span, merge: merge, vCenter: true) { $0.put("<w:p/>") }
                }
                c += span
            }
            put("</w:tr>")
        }
    }

    /// One data row: every cell as the grid shows it as text, numbers in the Vietnamese style.
    mutating func append(_ row: TableGrid.DataRow, of grid: TableGrid) throws(ExportError) {
        let widths = Self.columnWidths(grid)
        let style = grid.template.styles.row(row.kind)
        put("<w:tr>")
        for j in grid.columns.indices {
            let column = grid.columns[j]
            let text = grid.shown(row, column: j, style: .vietnamese).string
            try cell(widths[j], span: 1, merge: nil, vCenter: true) { (d: inout DocxDocument) throws(ExportError) in
                try d.paragraph(text, style: style, align: column.align.rawValue == "right" ? "right" : column.align.rawValue == "center" ? "center" : "left",
                                place: grid.place, at: CellAddress(row: row.sheetRow, column: j))
            }
        }
        put("</w:tr>")
    }

    mutating func end(_ grid: TableGrid) {
        put("</w:tbl>")
        pendingSection = Self.section(grid.template.page)
    }

    private mutating func cell(_ width: Int, span: Int, merge: String?, vCenter: Bool, _ content: (inout DocxDocument) throws(ExportError) -> Void) throws(ExportError) {
        put("<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>")
        if span > 1 { put("<w:gridSpan w:val=\"\(span)\"/>") }
        if let merge { put(merge == "restart" ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>") }
        if vCenter { put("<w:vAlign w:val=\"center\"/>") }
        put("</w:tcPr>")
        try content(&self)
        put("</w:tc>")
    }

    /// A paragraph of `text` (line breaks as `w:br`, tabs as `w:tab`) in the style's size and weight.
    private mutating func paragraph(_ text: String, style: TextStyle, align: String, place: ExportWarning.Place, at cell: CellAddress) throws(ExportError) {
        var props = ""
        if style.bold == true { props += "<w:b/>" }
        if style.italic == true { props += "<w:i/>" }
        if let size = style.size { props += "<w:sz w:val=\"\(Int((size * 2).rounded()))\"/>" }
        put("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"\(align)\"/></w:pPr>")
        guard !text.isEmpty else { put("</w:p>"); return }
        put("<w:r><w:rPr>\(props)</w:rPr>")
        var run = ""
        func flush(_ d: inout DocxDocument) {
            if !run.isEmpty { d.put("<w:t xml:space=\"preserve\">\(run)</w:t>"); run = "" }
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": flush(&self); put("<w:br/>")
            case "\r": continue
            case "\t": flush(&self); put("<w:tab/>")
            case "&": run += "&amp;"
            case "<": run += "&lt;"
            case ">": run += "&gt;"
            default:
                guard scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF else {
                    throw .docxUnwritableCharacter(place: place, cell: cell, code: scalar.value)
                }
                run.unicodeScalars.append(scalar)
            }
        }
        flush(&self)
        put("</w:r></w:p>")
    }

    private mutating func put(_ s: String) { body.append(contentsOf: s.utf8) }

    /// The package's parts, the document closed with the last table's section.
    func finish(font: String, size: Double) -> [(String, [UInt8])] {
        let w = Self.wordNamespace
        let fontName = font.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
        let document = Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"\(w)\"><w:body>".utf8)
            + body + Array("\(pendingSection ?? "")</w:body></w:document>".utf8)
        let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="\(w)"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="\(fontName)" w:hAnsi="\(fontName)" w:cs="\(fontName)" w:eastAsia="\(fontName)"/><w:sz w:val="\(Int((size * 2).rounded()))"/><w:szCs w:val="\(Int((size * 2).rounded()))"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>
        """
        let types = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
        """
        let rels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """
        let documentRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """
        return [("[Content_Types].xml", Array(types.utf8)), ("_rels/.rels", Array(rels.utf8)), ("word/document.xml", document),
                ("word/_rels/document.xml.rels", Array(documentRels.utf8)), ("word/styles.xml", Array(styles.utf8))]
    }
}
