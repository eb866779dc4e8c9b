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
        var metadata = MetadataRecords.header(report: report)
        for (i, r) in rendered.enumerated() {
            let name = MetadataRecords.uniqueSheetName(r.layout.sheetName, used: &usedNames)
            let sheet = try workbook.addWorksheet(name)
            if i == 0 { sheet.activate() }
            warnings += try SheetWriter(workbook: workbook, sheet: sheet, rendered: r, identity: options.identity).write()
            metadata.append(MetadataRecords.table(sheet: name, rendered: r, title: r.table.title))
            if options.identity { metadata += MetadataRecords.rows(tableID: r.table.id, r.table.rows) }
        }
        if options.identity {
            _ = try MetadataRecords.write(metadata, to: workbook)
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

/// The records of the hidden `_bieu` sheet (format in ``WorkbookMetadata``),
/// shared by exports and fillable workbooks.
enum MetadataRecords {
    /// `bieu | xlsx/1` and `report | <JSON without tables>`.
    static func header(report: Report) -> [[String]] {
        var meta = report
        meta.tables = []
        return [[WorkbookMetadata.markerKey, WorkbookMetadata.formatTag],
                [WorkbookMetadata.reportKey, String(decoding: ReportJSON.encode(meta), as: UTF8.self)]]
    }

    /// The `table` record; `title` is the table's own title lines as the model holds them.
    static func table(sheet: String, rendered r: RenderedTable, title: [String]) -> [String] {
        [WorkbookMetadata.tableKey, sheet, r.table.id, r.table.template, String(r.layout.template.version),
         JSONLines.array(title), String(r.layout.firstDataRow + 1), String(r.rows.count)]
    }

    /// `row` and `text` records of the given rows.
    static func rows(tableID: String, _ rows: [Row]) -> [[String]] {
        var out: [[String]] = []
        for row in rows {
            out.append([WorkbookMetadata.rowKey, tableID, row.id, row.kind.rawValue, row.direction?.rawValue ?? ""])
            for (column, cell) in row.cells {
                if let text = SheetWriter.textRecordNeeded(cell) { out.append([WorkbookMetadata.textKey, tableID, row.id, column, text]) }
            }
        }
        return out
    }

    /// A sheet name not used yet (case-insensitive), shortened to fit 31 characters with its suffix.
    static func uniqueSheetName(_ base: String, used: inout Set<String>) -> String {
        var name = base
        var n = 2
        while used.contains(name.lowercased()) {
            let suffix = " (\(n))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        used.insert(name.lowercased())
        return name
    }

    /// Writes the records into a new hidden `_bieu` sheet.
    static func write(_ records: [[String]], to workbook: XLSXWorkbook) throws -> XLSXWorksheet {
        let sheet = try workbook.addWorksheet(WorkbookMetadata.sheetName)
        for (row, record) in records.enumerated() {
            for (col, value) in record.enumerated() { try sheet.writeString(row, col, value, nil) }
        }
        sheet.hide()
        return sheet
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

/// How a caller adjusts one data cell (fillable workbooks unlock and shade input cells).
struct DataCellStyle: Hashable {
    var unlocked = false
    /// Solid fill, 0xRRGGBB.
    var fill: UInt32?
}

/// Writes one rendered table into one worksheet.
struct SheetWriter {
    let workbook: XLSXWorkbook
    let sheet: XLSXWorksheet
    let rendered: RenderedTable
    let identity: Bool
    /// Per-cell adjustments of data cells: (row, physical piece — 0 for the first —, column index).
    /// Nil in exports.
    var dataCellStyle: ((RenderedTable.DataRow, Int, Int) -> DataCellStyle)? = nil

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
                func format(_ column: Int, _ align: XLSXFormatSpec.HAlign, wrap: Bool, numberFormat: String? = nil) -> XLSXFormat {
                    var f = spec(rs, align: align, wrap: wrap, border: true, numberFormat: numberFormat)
                    f.openTop = piece > 0
                    f.openBottom = piece < last
                    if piece > 0 || last > 0 { f.vertical = .top }
                    if let style = dataCellStyle?(row, piece, column) {
                        f.unlocked = style.unlocked
                        f.fill = style.fill
                    }
                    return workbook.format(f)
                }
                for (i, column) in columns.enumerated() {
                    let align = Self.hAlign(column.align)
                    let content: RenderedTable.Content = piece == 0 ? row.cells[i] : (row.continuations[piece - 1][i].map { .text($0) } ?? .empty)
                    switch content {
                    case .empty:
                        try sheet.writeBlank(sheetRow, i, format(i, align, wrap: column.wrap))
                    case .text(let t):
                        // Sentences in a value column read left to right; short values keep the column's alignment.
                        let textAlign = column.kind == .value && row.heights[piece] > FontMetrics.rowHeight(lines: 1, size: rs.size ?? 12)
                            && FontMetrics.lineCount(t, size: rs.size ?? 12, bold: rs.bold ?? false, available: FontMetrics.usableWidth(columnWidth: column.width)) > 1
                            ? .left : align
                        try sheet.writeString(sheetRow, i, t, format(i, textAlign, wrap: column.wrap))
                    case let .number(_, numberFormat, _, double):
                        try sheet.writeNumber(sheetRow, i, double, format(i, align, wrap: false, numberFormat: numberFormat))
                    case let .formula(f, cached, numberFormat):
                        let fmt = format(i, align, wrap: column.wrap, numberFormat: numberFormat)
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
