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
    public typealias NumberStyleChoice = NumberStyle

    public struct Options: Sendable {
        public var write = CSVWriteOptions()
        public var numberStyle = NumberStyle.asWritten
        public var title = true
        public var flatHeader = false
        public var ids = false
        public init() {}
        /// The grid a CSV file holds: no measured heights, the title and header as chosen.
        var grid: TableGrid.Options {
            var o = TableGrid.Options()
            o.measure = false
            o.title = title
            o.flatHeader = flatHeader
            return o
        }
    }

    public let catalog: TemplateCatalog
    public var options: Options

    public init(catalog: TemplateCatalog, options: Options = Options()) {
        self.catalog = catalog
        self.options = options
    }

    /// Exports one table. Returns the export warnings (printed ratios that disagree),
    /// naming the line and field of the CSV file.
    @discardableResult
    public func export(_ report: Report, tableID: String?, to path: String) throws -> [ExportWarning] {
        try export(source: InMemoryReportSource(report), tableID: tableID, to: path)
    }

    /// Exports one table from a source read row by row; each row is written as
    /// it arrives. Without `tableID` the report must hold exactly one table.
    @discardableResult
    public func export(source: ReportSource, tableID: String?, to path: String) throws -> [ExportWarning] {
        let source = ReadAheadSource.wrapping(source)
        var seen: [String] = []
        var warnings: [ExportWarning] = []
        let place = ExportWarning.Place.csv(file: (path as NSString).lastPathComponent)
        try CSVWriter.write(to: path, options: options.write) { writer in
            while let table = try source.nextTable() {
                seen.append(table.id)
                guard tableID == nil ? seen.count == 1 : (table.id == tableID && !seen.dropLast().contains(table.id)) else {
                    try source.skipRows()
                    continue
                }
                let layout = TableLayout(template: try catalog.template(table.template), values: PlaceholderValues(report: source.report), titleOverride: table.title)
                var grid = TableGrid(layout: layout, options: options.grid, place: place)
                for record in headerRecords(grid) { try writer.append(record) }
                while let row = try source.nextRow() { try writer.append(record(grid.render(row), grid: grid)) }
                warnings += grid.warnings
            }
            // Checked before the file is committed: a wrong choice leaves no file.
            if let tableID, !seen.contains(tableID) { throw ExportError.noSuchTable(id: tableID, available: seen) }
            if seen.isEmpty { throw ExportError.noTables }
            if tableID == nil && seen.count > 1 { throw ExportError.oneTablePerCSV(available: seen) }
        }
        return warnings
    }

    /// The grid's rows above the data: a title line is one field, a blank row none,
    /// a header row every column (each label in the top-left cell of its area).
    func headerRecords(_ grid: TableGrid) -> [[CSVField]] {
        let width = grid.columns.count + (options.ids ? 1 : 0)
        var out: [[CSVField]] = []
        for r in 0..<grid.firstDataRow {
            let areas = grid.areas.filter { $0.range.start.row == r }
            if grid.headerRows.contains(r) {
                var row = Array(repeating: CSVField.text(""), count: width)
                for area in areas { row[area.range.start.column] = .text(area.text) }
                if options.ids && r == grid.headerRows.lowerBound { row[width - 1] = .text(WorkbookMetadata.idHeader) }
                out.append(row)
            } else {
                out.append(areas.map { .text($0.text) })
            }
        }
        return out
    }

    /// One data row's record: every cell as the grid shows it as text.
    func record(_ row: TableGrid.DataRow, grid: TableGrid) -> [CSVField] {
        var record: [CSVField] = []
        record.reserveCapacity(grid.columns.count + 1)
        for j in grid.columns.indices {
            switch grid.shown(row, column: j, style: options.numberStyle) {
            case .text(let t): record.append(.text(t))
            case .number(let t): record.append(.number(t))
            }
        }
        if options.ids { record.append(.text(row.rowID)) }
        return record
    }
}
