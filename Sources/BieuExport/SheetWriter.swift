import BieuCore
import BieuModel
import BieuTemplates
import BieuXLSXWriter
import Foundation

/// How a caller adjusts one data cell (fillable workbooks unlock and shade input cells).
struct DataCellStyle: Hashable {
    var unlocked = false
    /// Solid fill, 0xRRGGBB.
    var fill: UInt32?
}

/// Writes one table into one worksheet, top to bottom: ``writeLayout()`` (title,
/// header, column widths, print setup), then ``writeRow(_:identity:)`` for each
/// data row in order. Rows are never revisited, so the workbook can run in
/// constant-memory mode: merged areas are written cell by cell and registered
/// as merges separately.
struct SheetWriter {
    let workbook: XLSXWorkbook
    let sheet: XLSXWorksheet
    let layout: TableLayout
    /// Write the hidden `bieu:id` and `bieu:row` columns.
    let identity: Bool
    /// Per-cell adjustments of data cells: (row, physical piece — 0 for the first —, column index).
    /// Nil in exports.
    var dataCellStyle: ((TableGrid.DataRow, Int, Int) -> DataCellStyle)? = nil

    private let formats: StyleSpecs
    /// The hidden id cells: number format `;;;` shows nothing, so LibreOffice, which prints
    /// the text of hidden columns next to the print area into a PDF, prints none of it.
    private let idFormat: XLSXFormat

    init(workbook: XLSXWorkbook, sheet: XLSXWorksheet, layout: TableLayout, identity: Bool) {
        self.workbook = workbook
        self.sheet = sheet
        self.layout = layout
        self.identity = identity
        formats = StyleSpecs(workbook: workbook, styles: layout.template.styles)
        var hidden = XLSXFormatSpec()
        hidden.numberFormat = ";;;"
        idFormat = workbook.format(hidden)
    }

    var template: Template { layout.template }
    var styles: Styles { template.styles }
    var idColumn: Int { layout.columns.count }
    var rowIdentityColumn: Int { layout.columns.count + 1 }

    /// What the row's hidden `bieu:row` cell records (nil: nothing to record).
    static func rowIdentity(_ row: Row) -> RowIdentity? {
        var texts: [(column: String, text: String)] = []
        for (column, cell) in row.cells {
            if let text = textRecordNeeded(cell) { texts.append((column, text)) }
        }
        // Exactly when `RowIdentity.encoded()` is nil, without encoding it here.
        guard row.kind != .indicator || row.direction != nil || !texts.isEmpty else { return nil }
        return RowIdentity(kind: row.kind, direction: row.direction, texts: texts)
    }

    /// The text as written of a numeric cell, when its Vietnamese rendering differs.
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

    static func hAlign(_ a: Alignment) -> XLSXFormatSpec.HAlign {
        switch a {
        case .left: return .left
        case .center: return .center
        case .right: return .right
        }
    }

    /// Column widths, the grid's title and header areas and print setup: everything above the data.
    func writeLayout(_ grid: TableGrid) throws {
        for (i, c) in layout.columns.enumerated() { try sheet.setColumns(i, i, width: c.width) }
        if identity {
            try sheet.setColumns(idColumn, idColumn, width: 12, hidden: true)
            try sheet.setColumns(rowIdentityColumn, rowIdentityColumn, width: 12, hidden: true)
        }
        var formatOf: [TableGrid.AreaRole: XLSXFormat] = [:]
        for area in grid.areas where formatOf[area.role] == nil {
            let header = area.role == .header
            formatOf[area.role] = workbook.format(formats.spec(TableGrid.style(area.role, styles), align: .center, wrap: true, border: header))
        }
        // Row by row: the text in each area's top-left cell, its format on every cell.
        let headerStart = grid.headerRows.lowerBound
        let lastRow = max(grid.firstDataRow - 1, grid.areas.map(\.range.end.row).max() ?? -1)
        if lastRow >= 0 {
            for r in 0...lastRow {
                for area in grid.areas where area.range.start.row <= r && r <= area.range.end.row {
                    let format = formatOf[area.role]
                    for c in area.range.start.column...area.range.end.column {
                        if r == area.range.start.row && c == area.range.start.column {
                            try sheet.writeString(r, c, area.text, format)
                        } else {
                            try sheet.writeBlank(r, c, format)
                        }
                    }
                }
                if identity && r == headerStart { try sheet.writeString(r, idColumn, WorkbookMetadata.idHeader, idFormat) }
                if identity && r == headerStart { try sheet.writeString(r, rowIdentityColumn, WorkbookMetadata.rowHeader, idFormat) }
                if let h = grid.topHeights[r] { try sheet.setRow(r, height: h) }
            }
        }
        for area in grid.areas { try sheet.addMergedRange(area.range) }

        // Print setup.
        let page = template.page
        if page.orientation == .landscape { sheet.setLandscape() } else { sheet.setPortrait() }
        sheet.setPaper(page.paper == .a4 ? 9 : 8)
        sheet.setMargins(left: page.marginLeft / 2.54, right: page.marginRight / 2.54, top: page.marginTop / 2.54, bottom: page.marginBottom / 2.54)
        if page.repeatHeader { try sheet.repeatRows(grid.headerRows.lowerBound, grid.headerRows.upperBound - 1) }
        if page.fitToWidth { sheet.fitToPages(width: 1, height: 0) }
        if page.freezeHeader { sheet.freezePanes(row: grid.firstDataRow, column: 0) }
        if page.centerHorizontally { sheet.centerHorizontally() }
        if let footer = page.footer {
            let text = layout.values.fill(footer.replacingOccurrences(of: "&", with: "&&")
                .replacingOccurrences(of: "{pages}", with: "&N").replacingOccurrences(of: "{page}", with: "&P"))
            try sheet.setFooter("&C" + text)
        }
    }

    /// Writes one data row (all its physical rows), below the rows written before.
    func writeRow(_ row: TableGrid.DataRow, identity rowIdentity: RowIdentity?) throws {
        let columns = layout.columns
        let rs = styles.row(row.kind)
        let size = rs.size ?? 12
        let last = row.span - 1
        for piece in 0...last {
            let sheetRow = row.sheetRow + piece
            // A row split over several physical rows is drawn as one block: no inner horizontal borders.
            func format(_ column: Int, _ align: XLSXFormatSpec.HAlign, wrap: Bool, numberFormat: String? = nil) -> XLSXFormat {
                var f = formats.spec(rs, align: align, wrap: wrap, border: true, numberFormat: numberFormat)
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
                let content: TableGrid.Content = piece == 0 ? row.cells[i] : (row.continuations[piece - 1][i].map { .text($0) } ?? .empty)
                switch content {
                case .empty:
                    try sheet.writeBlank(sheetRow, i, format(i, align, wrap: column.wrap))
                case .text(let t):
                    // Sentences in a value column read left to right; short values keep the column's alignment.
                    let textAlign = column.kind == .value && row.heights[piece] > FontMetrics.rowHeight(lines: 1, size: size)
                        && FontMetrics.lineCount(t, size: size, bold: rs.bold ?? false, available: FontMetrics.usableWidth(columnWidth: column.width)) > 1
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
            if identity {
                try sheet.writeString(sheetRow, idColumn, piece == 0 ? row.rowID : TableGrid.DataRow.continuationID(row.rowID, piece + 1), idFormat)
                if piece == 0, let text = rowIdentity?.encoded() { try sheet.writeString(sheetRow, rowIdentityColumn, text, idFormat) }
            }
            try sheet.setRow(sheetRow, height: min(row.heights[piece], FontMetrics.maxRowHeight))
        }
    }

    /// After the last data row: the print area is the table alone, so the hidden
    /// `bieu:id`/`bieu:row` columns never reach paper or a PDF's text.
    func finish(_ grid: TableGrid) throws {
        try sheet.printArea(CellRange(row: 0, column: 0, lastRow: max(grid.nextRow - 1, 0), lastColumn: max(layout.columns.count - 1, 0)))
    }

    /// Writes a whole rendered table (fillable workbooks). Rows whose ids are in
    /// `withoutIdentity` get no `bieu:row` cell.
    func write(_ rendered: RenderedTable, withoutIdentity: Set<String> = []) throws -> [ExportWarning] {
        try writeLayout(rendered.grid)
        for row in rendered.rows {
            try writeRow(row, identity: identity && !withoutIdentity.contains(row.rowID) ? Self.rowIdentity(row.source) : nil)
        }
        try finish(rendered.grid)
        return rendered.warnings
    }
}

/// Builds format specs from a template's styles.
struct StyleSpecs {
    let workbook: XLSXWorkbook
    let styles: Styles

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
}
