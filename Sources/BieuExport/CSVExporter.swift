import BieuCore
import BieuCSV
import BieuModel
import BieuTemplates
import Foundation

/// Writes one annex table as CSV, laid out as the printed table.
///
/// Layout (documented in docs/CSV.md and the README):
/// - the title lines, one per record in the first field (unless `title` is off),
///   then the template's blank rows;
/// - the header **kept as rows**, as printed: each label in the top-left cell of
///   its merged area, the other cells of the area empty (`flatHeader` writes one
///   header row instead, `Group: Leaf` labels);
/// - one record per table row; computed columns show the printed value, or —
///   where the data has none — the value the formula would show;
/// - with `ids`, a last column `bieu:id` holding each row's id, for exact re-import
///   without the original data.
///
/// Text that a spreadsheet would run as a formula is neutralised by the CSV
/// writer; numbers are written as numbers.
public struct CSVExporter {
    public enum NumberStyleChoice: String, Sendable, CaseIterable {
        /// The text as written in the data (`41.160`, `48.1`, `29,2%`). The default.
        case asWritten = "as-written"
        /// `41.160`, `48,1` — Vietnamese grouping and decimal comma.
        case vietnamese = "vi"
        /// `41160`, `48.1` — no grouping, decimal point.
        case plain
    }

    public struct Options: Sendable {
        public var write = CSVWriteOptions()
        public var numberStyle = NumberStyleChoice.asWritten
        public var title = true
        public var flatHeader = false
        public var ids = false
        public init() {}
    }

    public let catalog: TemplateCatalog
    public var options: Options

    public init(catalog: TemplateCatalog, options: Options = Options()) {
        self.catalog = catalog
        self.options = options
    }

    /// Exports one table. Returns the export warnings (printed ratios that disagree).
    @discardableResult
    public func export(_ report: Report, tableID: String?, to path: String) throws -> [ExportWarning] {
        try export(source: InMemoryReportSource(report), tableID: tableID, to: path)
    }

    /// Exports one table from a source read row by row; each row is written as
    /// it arrives. Without `tableID` the report must hold exactly one table.
    @discardableResult
    public func export(source: ReportSource, tableID: String?, to path: String) throws -> [ExportWarning] {
        var seen: [String] = []
        var warnings: [ExportWarning] = []
        try CSVWriter.write(to: path, options: options.write) { writer in
            while let table = try source.nextTable() {
                seen.append(table.id)
                guard tableID == nil ? seen.count == 1 : (table.id == tableID && !seen.dropLast().contains(table.id)) else {
                    try source.skipRows()
                    continue
                }
                let layout = TableLayout(template: try catalog.template(table.template), values: PlaceholderValues(report: source.report), titleOverride: table.title)
                for record in headerRecords(layout) { try writer.append(record) }
                var renderer = RowRenderer(layout: layout)
                while let row = try source.nextRow() {
                    try writer.append(record(renderer.render(row, sheetRow: layout.firstDataRow, measure: false), source: row, layout: layout))
                }
                warnings += renderer.warnings
            }
            // Checked before the file is committed: a wrong choice leaves no file.
            if let tableID, !seen.contains(tableID) {
                throw BieuMessageError(vi: "Báo cáo không có biểu \"\(tableID)\" (có: \(seen.joined(separator: ", ")))",
                                       en: "The report has no table \"\(tableID)\" (available: \(seen.joined(separator: ", ")))")
            }
            if seen.isEmpty {
                throw BieuMessageError(vi: "Báo cáo không có biểu nào để xuất", en: "The report has no tables to export")
            }
            if tableID == nil && seen.count > 1 {
                throw BieuMessageError(vi: "CSV chỉ chứa một biểu: hãy chọn biểu bằng --table (có: \(seen.joined(separator: ", ")))",
                                       en: "A CSV file holds one table: choose it with --table (available: \(seen.joined(separator: ", ")))")
            }
        }
        return warnings
    }

    /// The records of a rendered table.
    public func records(_ rendered: RenderedTable) -> [[CSVField]] {
        var out = headerRecords(rendered.layout)
        for (i, row) in rendered.rows.enumerated() { out.append(record(row, source: rendered.table.rows[i], layout: rendered.layout)) }
        return out
    }

    /// Title lines and header rows.
    func headerRecords(_ layout: TableLayout) -> [[CSVField]] {
        let width = layout.columns.count + (options.ids ? 1 : 0)
        var out: [[CSVField]] = []
        if options.title {
            for (block, _) in layout.titleLines { out.append([.text(block.text)]) }
            if !layout.titleLines.isEmpty {
                for _ in 0..<layout.template.blankRowsAfterTitle { out.append([]) }
            }
        }
        if options.flatHeader {
            var labels = Array(repeating: "", count: layout.columns.count)
            for (i, c) in layout.columns.enumerated() { labels[i] = layout.values.fill(c.header) }
            for block in layout.headerBlocks where block.range.columnCount > 1 || block.range.start.row != layout.headerRows.upperBound - 1 && block.range.rowCount == 1 {
                for c in block.range.start.column...block.range.end.column where block.range.rowCount == 1 && block.range.end.row < layout.headerRows.upperBound - 1 {
                    labels[c] = block.text + ": " + labels[c]
                }
            }
            var row = labels.map { CSVField.text($0) }
            if options.ids { row.append(.text(WorkbookMetadata.idHeader)) }
            out.append(row)
        } else {
            for r in layout.headerRows {
                var row = Array(repeating: CSVField.text(""), count: width)
                for block in layout.headerBlocks where block.range.start.row == r { row[block.range.start.column] = .text(block.text) }
                if options.ids && r == layout.headerRows.lowerBound { row[width - 1] = .text(WorkbookMetadata.idHeader) }
                out.append(row)
            }
        }
        return out
    }

    /// One table row's record.
    func record(_ row: RenderedTable.DataRow, source: Row, layout: TableLayout) -> [CSVField] {
        var lower: Bool?
        func isLower() -> Bool {
            if let lower { return lower }
            let value = layout.template.isLowerBetter(source)
            lower = value
            return value
        }
        var record: [CSVField] = []
        record.reserveCapacity(layout.columns.count + 1)
        for (j, content) in row.cells.enumerated() {
            let column = layout.columns[j]
            // Field columns and text: the full text (continuation chunks are an XLSX matter).
            switch column.field {
            case .stt: record.append(.text(source.stt)); continue
            case .name: record.append(.text(source.name)); continue
            case .unit: record.append(.text(source.unit)); continue
            case .note: record.append(.text(source.note)); continue
            case .cell: break
            }
            if let cell = source.cells[column.id] {
                record.append(field(cell))
                continue
            }
            switch content {
            case let .formula(_, .number(v), _):
                let text = CellValue.number(v).rendered(style: options.numberStyle == .plain ? .plain : .vietnamese, decimals: column.decimals)
                record.append(.number(text))
            case .formula(_, .double, _):
                // CSV holds no formula: print the exact decimal result (the one import checks against).
                if column.kind == .computed, let d = ComputedCheck.displayValue(column, row: source, template: layout.template,
                                                                                         lowerIsBetter: isLower()) {
                    let text = CellValue.number(d).rendered(style: options.numberStyle == .plain ? .plain : .vietnamese, decimals: column.decimals)
                    record.append(.number(text))
                } else {
                    record.append(.text(""))
                }
            case let .formula(_, .text(t), _):
                record.append(.text(t))
            default:
                record.append(.text(""))
            }
        }
        if options.ids { record.append(.text(row.rowID)) }
        return record
    }

    /// A stored cell in the chosen number style; numbers as numbers, everything else as text.
    func field(_ cell: Cell) -> CSVField {
        switch cell.value {
        case .number(let d), .percent(let d), .perMille(let d):
            let text: String
            switch options.numberStyle {
            case .asWritten: text = cell.text
            case .vietnamese: text = cell.value.rendered(style: .vietnamese, decimals: RenderedTable.decimals(cell.text, value: d))
            case .plain: text = cell.value.rendered(style: .plain, decimals: RenderedTable.decimals(cell.text, value: d))
            }
            return CSVField.isPlainNumber(text) ? .number(text) : .text(text)
        default:
            return .text(cell.text)
        }
    }
}
