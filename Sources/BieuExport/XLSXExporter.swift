import BieuCore
import BieuModel
import BieuTemplates
import BieuXLSXWriter
import Foundation

/// Writes annex tables to an XLSX workbook that looks like the printed tables.
///
/// One sheet per table, named after it; merged title and header cells; thin
/// borders on every table cell; bold centred headers; wrapped long names with
/// row heights computed from the text so nothing is clipped or overlaps when
/// printed; numbers stored as numbers with formats that follow the reader's
/// regional settings; computed columns as printed, or as live formulas with
/// cached results where the data has no value; frozen header; A4 landscape
/// print setup from the template; document properties. The file appears
/// complete or not at all.
public struct XLSXExporter {
    public struct Options: Sendable {
        /// Write the hidden row-id column and metadata sheet (needed for exact re-import).
        public var identity = true
        public init(identity: Bool = true) { self.identity = identity }
    }

    public let catalog: TemplateCatalog
    public var options: Options

    public init(catalog: TemplateCatalog, options: Options = Options()) {
        self.catalog = catalog
        self.options = options
    }

    /// Exports the given tables (all when `tableIDs` is empty) and returns the warnings.
    @discardableResult
    public func export(_ report: Report, tableIDs: [String] = [], to path: String) throws -> [ExportWarning] {
        let tables = try ExportSelection.tables(of: report, ids: tableIDs)
        var rendered: [RenderedTable] = []
        for t in tables {
            rendered.append(RenderedTable(table: t, template: try catalog.template(t.template), report: report))
        }
        let workbook = try XLSXWorkbook(path: path)
        var warnings: [ExportWarning] = []
        var usedNames = Set<String>()
        var metadata: [[String]] = [[WorkbookMetadata.markerKey, WorkbookMetadata.formatTag]]
        var meta = report
        meta.tables = []
        metadata.append([WorkbookMetadata.reportKey, String(decoding: ReportJSON.encode(meta), as: UTF8.self)])
        for (i, r) in rendered.enumerated() {
            var name = r.layout.sheetName
            var n = 2
            while usedNames.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(r.layout.sheetName.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            usedNames.insert(name.lowercased())
            let sheet = try workbook.addWorksheet(name)
            if i == 0 { sheet.activate() }
            warnings += try SheetWriter(workbook: workbook, sheet: sheet, rendered: r, identity: options.identity).write()
            let titleJSON = JSONLines.array(r.table.title)
            metadata.append([WorkbookMetadata.tableKey, name, r.table.id, r.table.template, String(r.layout.template.version),
                             titleJSON, String(r.layout.firstDataRow + 1), String(r.rows.count)])
            if options.identity {
                for row in r.table.rows {
                    metadata.append([WorkbookMetadata.rowKey, r.table.id, row.id, row.kind.rawValue, row.direction?.rawValue ?? ""])
                    for (column, cell) in row.cells {
                        if let text = SheetWriter.textRecordNeeded(cell) { metadata.append([WorkbookMetadata.textKey, r.table.id, row.id, column, text]) }
                    }
                }
            }
        }
        if options.identity {
            let metaSheet = try workbook.addWorksheet(WorkbookMetadata.sheetName)
            for (row, record) in metadata.enumerated() {
                for (col, value) in record.enumerated() { try metaSheet.writeString(row, col, value, nil) }
            }
            metaSheet.hide()
            workbook.setCustomProperty("bieu.format", WorkbookMetadata.formatTag)
            workbook.setCustomProperty("bieu.templates", Set(tables.map(\.template)).sorted().joined(separator: ","))
        }
        let title = tables.count == 1 ? (rendered[0].layout.titleLines.first?.block.text ?? report.title) : report.title
        workbook.setProperties(title: title, subject: report.title.isEmpty ? nil : report.title,
                               author: report.issuer.isEmpty ? nil : report.issuer,
                               company: report.issuer.isEmpty ? nil : report.issuer,
                               comments: report.number.isEmpty ? nil : "Kèm theo Báo cáo số \(report.number)\(report.date.map { " ngày \($0.vietnamese)" } ?? "")",
                               keywords: "bieu")
        try workbook.close()
        return warnings
    }
}

/// Picks the tables to export, in the report's order.
public enum ExportSelection {
    public static func tables(of report: Report, ids: [String]) throws -> [AnnexTable] {
        guard !ids.isEmpty else {
            guard !report.tables.isEmpty else {
                throw BieuMessageError(vi: "Báo cáo không có biểu nào để xuất", en: "The report has no tables to export")
            }
            return report.tables
        }
        var result: [AnnexTable] = []
        for id in ids {
            guard let t = report.table(id) else {
                let known = report.tables.map(\.id).joined(separator: ", ")
                throw BieuMessageError(vi: "Báo cáo không có biểu \"\(id)\" (có: \(known))", en: "The report has no table \"\(id)\" (available: \(known))")
            }
            if !result.contains(where: { $0.id == id }) { result.append(t) }
        }
        return result
    }
}

/// Tiny JSON helpers for metadata cells.
enum JSONLines {
    static func array(_ items: [String]) -> String {
        var w = JSONWriter()
        w.beginArray(inline: true)
        for s in items { w.element(); w.string(s) }
        w.endArray()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

/// Writes one rendered table into one worksheet.
struct SheetWriter {
    let workbook: XLSXWorkbook
    let sheet: XLSXWorksheet
    let rendered: RenderedTable
    let identity: Bool

    var layout: TableLayout { rendered.layout }
    var template: Template { layout.template }
    var styles: Styles { template.styles }

    /// The text to record in the metadata sheet for a numeric cell, when its Vietnamese rendering differs.
    static func textRecordNeeded(_ cell: Cell) -> String? {
        let suffix: String
        let d: Decimal
        switch cell.value {
        case .number(let v): d = v; suffix = ""
        case .percent(let v): d = v; suffix = "%"
        case .perMille(let v): d = v; suffix = "‰"
        default: return nil
        }
        let reading = NumberText(cell.text, value: d)
        let canonical = reading.literal != nil && DecimalFormatting.parseLiteral(reading.literal!) == d
            ? reading.vietnamese.map { $0 + suffix }
            : cell.value.rendered(style: .vietnamese, decimals: reading.decimals)
        return canonical == cell.text ? nil : cell.text
    }

    func spec(_ style: TextStyle, align: XLSXFormatSpec.HAlign, wrap: Bool, border: Bool, numberFormat: String? = nil) -> XLSXFormatSpec {
        var s = XLSXFormatSpec()
        s.fontName = styles.font
        s.fontSize = style.size ?? styles.body.size ?? 12
        s.bold = style.bold ?? false
        s.italic = style.italic ?? false
        s.horizontal = align
        s.vertical = .center
        s.wrap = wrap
        s.border = border
        s.numberFormat = numberFormat
        return s
    }

    static func hAlign(_ a: Alignment) -> XLSXFormatSpec.HAlign {
        switch a {
        case .left: return .left
        case .center: return .center
        case .right: return .right
        }
    }

    func write() throws -> [ExportWarning] {
        var warnings = rendered.warnings
        let columns = layout.columns
        let lastColumn = columns.count - 1
        for (i, c) in columns.enumerated() { try sheet.setColumns(i, i, width: c.width) }
        let tableWidth = columns.reduce(0.0) { $0 + $1.width }

        // Title block.
        for (block, style) in layout.titleLines {
            let ts: TextStyle
            switch style {
            case .title: ts = styles.title.over(styles.body)
            case .subtitle: ts = styles.subtitle.over(styles.body)
            case .plain: ts = styles.body
            }
            let f = workbook.format(spec(ts, align: .center, wrap: true, border: false))
            try sheet.merge(block.range, block.text, f)
            let lines = FontMetrics.lineCount(block.text, size: ts.size ?? 12, bold: ts.bold ?? false, available: FontMetrics.usableWidth(columnWidth: tableWidth))
            try sheet.setRow(block.range.start.row, height: FontMetrics.rowHeight(lines: lines, size: ts.size ?? 12))
        }

        // Header block: heights per row so that every block fits its rows.
        let hs = styles.header.over(styles.body)
        let hf = workbook.format(spec(hs, align: .center, wrap: true, border: true))
        var headerHeights = Array(repeating: FontMetrics.rowHeight(lines: 1, size: hs.size ?? 12), count: layout.headerRows.count)
        let blocks = layout.headerBlocks.sorted { $0.range.rowCount < $1.range.rowCount }
        for block in blocks {
            let width = columns[block.range.start.column...block.range.end.column].reduce(0.0) { $0 + $1.width }
            let lines = FontMetrics.lineCount(block.text, size: hs.size ?? 12, bold: hs.bold ?? false, available: FontMetrics.usableWidth(columnWidth: width))
            let needed = FontMetrics.rowHeight(lines: lines, size: hs.size ?? 12)
            let rows = (block.range.start.row - layout.headerRows.lowerBound)...(block.range.end.row - layout.headerRows.lowerBound)
            let have = rows.reduce(0.0) { $0 + headerHeights[$1] }
            if have < needed { headerHeights[rows.upperBound] += needed - have }
        }
        for block in layout.headerBlocks { try sheet.merge(block.range, block.text, hf) }
        for (i, h) in headerHeights.enumerated() {
            try sheet.setRow(layout.headerRows.lowerBound + i, height: min(h, FontMetrics.maxRowHeight))
        }

        // Data rows.
        for row in rendered.rows {
            let rs = styles.row(row.kind)
            let last = row.span - 1
            for piece in 0...last {
                let sheetRow = row.sheetRow + piece
                // A row split over several physical rows is drawn as one block: no inner horizontal borders.
                func format(_ align: XLSXFormatSpec.HAlign, wrap: Bool, numberFormat: String? = nil) -> XLSXFormat {
                    var f = spec(rs, align: align, wrap: wrap, border: true, numberFormat: numberFormat)
                    f.openTop = piece > 0
                    f.openBottom = piece < last
                    if piece > 0 || last > 0 { f.vertical = .top }
                    return workbook.format(f)
                }
                for (i, column) in columns.enumerated() {
                    let align = Self.hAlign(column.align)
                    let content: RenderedTable.Content = piece == 0 ? row.cells[i] : (row.continuations[piece - 1][i].map { .text($0) } ?? .empty)
                    switch content {
                    case .empty:
                        try sheet.writeBlank(sheetRow, i, format(align, wrap: column.wrap))
                    case .text(let t):
                        // Sentences in a value column read left to right; short values keep the column's alignment.
                        let textAlign = column.kind == .value && row.heights[piece] > FontMetrics.rowHeight(lines: 1, size: rs.size ?? 12)
                            && FontMetrics.lineCount(t, size: rs.size ?? 12, bold: rs.bold ?? false, available: FontMetrics.usableWidth(columnWidth: column.width)) > 1
                            ? .left : align
                        try sheet.writeString(sheetRow, i, t, format(textAlign, wrap: column.wrap))
                    case let .number(_, numberFormat, _, double):
                        try sheet.writeNumber(sheetRow, i, double, format(align, wrap: false, numberFormat: numberFormat))
                    case let .formula(f, cached, numberFormat):
                        let fmt = format(align, wrap: column.wrap, numberFormat: numberFormat)
                        switch cached {
                        case .number(let d): try sheet.writeFormula(sheetRow, i, f, cachedNumber: d.correctlyRoundedDouble, fmt)
                        case .double(let v): try sheet.writeFormula(sheetRow, i, f, cachedNumber: v, fmt)
                        case .text(let t): try sheet.writeFormula(sheetRow, i, f, cachedText: t, fmt)
                        }
                    }
                }
                try sheet.setRow(sheetRow, height: min(row.heights[piece], FontMetrics.maxRowHeight))
                if identity {
                    try sheet.writeString(sheetRow, lastColumn + 1, piece == 0 ? row.rowID : RenderedTable.DataRow.continuationID(row.rowID, piece + 1), nil)
                }
            }
        }
        if identity {
            try sheet.writeString(layout.headerRows.lowerBound, lastColumn + 1, WorkbookMetadata.idHeader, nil)
            try sheet.setColumns(lastColumn + 1, lastColumn + 1, width: 12, hidden: true)
        }

        // Print setup.
        let page = template.page
        if page.orientation == .landscape { sheet.setLandscape() } else { sheet.setPortrait() }
        sheet.setPaper(page.paper == .a4 ? 9 : 8)
        sheet.setMargins(left: page.marginLeft / 2.54, right: page.marginRight / 2.54, top: page.marginTop / 2.54, bottom: page.marginBottom / 2.54)
        if page.repeatHeader { try sheet.repeatRows(layout.headerRows.lowerBound, layout.headerRows.upperBound - 1) }
        if page.fitToWidth { sheet.fitToPages(width: 1, height: 0) }
        if page.freezeHeader { sheet.freezePanes(row: layout.firstDataRow, column: 0) }
        if page.centerHorizontally { sheet.centerHorizontally() }
        if let footer = page.footer {
            let text = layout.values.fill(footer.replacingOccurrences(of: "&", with: "&&")
                .replacingOccurrences(of: "{pages}", with: "&N").replacingOccurrences(of: "{page}", with: "&P"))
            try sheet.setFooter("&C" + text)
        }
        return warnings
    }
}
