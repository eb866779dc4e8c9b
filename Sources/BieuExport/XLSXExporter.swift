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
        /// Plain sheets written after the tables (a consolidation's unit × indicator sheet).
        public var extraSheets: [PlainSheet] = []
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
        try export(source: InMemoryReportSource(report), tableIDs: tableIDs, to: path)
    }

    /// Exports from a source read row by row: each row is rendered and written
    /// as it arrives and the workbook runs in constant-memory mode, so memory
    /// does not grow with the number of rows. `progress` is called with the
    /// number of rows written so far, every 1,000 rows.
    @discardableResult
    public func export(source: ReportSource, tableIDs: [String] = [], to path: String,
                       progress: ((Int) -> Void)? = nil) throws -> [ExportWarning] {
        let source = ReadAheadSource.wrapping(source)
        let report = source.report
        let workbook = try XLSXWorkbook(path: path, options: .init(constantMemory: true))
        var warnings: [ExportWarning] = []
        var usedNames = Set<String>()
        var metadata = WorkbookMetadata(report: report)
        var exported: [String] = []
        var seen: [String] = []
        var templates = Set<String>()
        var firstTitle: String?
        var written = 0
        while let table = try source.nextTable() {
            seen.append(table.id)
            guard tableIDs.isEmpty || tableIDs.contains(table.id), !exported.contains(table.id) else {
                try source.skipRows()
                continue
            }
            let template = try catalog.template(table.template)
            let layout = TableLayout(template: template, values: PlaceholderValues(report: report), titleOverride: table.title)
            let name = MetadataRecords.uniqueSheetName(layout.sheetName, used: &usedNames)
            let sheet = try workbook.addWorksheet(name)
            if exported.isEmpty { sheet.activate() }
            exported.append(table.id)
            templates.insert(table.template)
            if firstTitle == nil { firstTitle = layout.titleLines.first?.block.text }
            let writer = SheetWriter(workbook: workbook, sheet: sheet, layout: layout, identity: options.identity)
            var grid = TableGrid(layout: layout, place: .sheet(name))
            try writer.writeLayout(grid)
            var count = 0
            while let row = try source.nextRow() {
                try writer.writeRow(grid.render(row), identity: options.identity ? SheetWriter.rowIdentity(row) : nil)
                count += 1
                written += 1
                if written % 1000 == 0 { progress?(written) }
            }
            try writer.finish(grid)
            warnings += grid.warnings
            metadata.tables.append(MetadataRecords.table(sheet: name, layout: layout, table: table, rowCount: count))
        }
        try ExportSelection.check(requested: tableIDs, available: seen)
        for extra in options.extraSheets { try extra.write(to: workbook) }
        if options.identity {
            _ = try MetadataRecords.write(metadata, to: workbook)
            workbook.setCustomProperty("bieu.format", WorkbookMetadata.formatTag)
            workbook.setCustomProperty("bieu.templates", templates.sorted().joined(separator: ","))
        }
        let title = exported.count == 1 ? (firstTitle ?? report.title) : report.title
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
    public static func tables(of report: Report, ids: [String]) throws(ExportError) -> [AnnexTable] {
        guard !ids.isEmpty else {
            guard !report.tables.isEmpty else { throw .noTables }
            return report.tables
        }
        try check(requested: ids, available: report.tables.map(\.id))
        var result: [AnnexTable] = []
        for id in ids where !result.contains(where: { $0.id == id }) { if let t = report.table(id) { result.append(t) } }
        return result
    }

    /// Checks, after a source was read, that every requested table was there.
    static func check(requested ids: [String], available: [String]) throws(ExportError) {
        guard !available.isEmpty else { throw .noTables }
        for id in ids where !available.contains(id) { throw .noSuchTable(id: id, available: available) }
    }
}

/// Writing the hidden `_bieu` sheet (its records: ``WorkbookMetadata``), shared by exports and
/// fillable workbooks.
enum MetadataRecords {
    /// The `table` record; the title is the table's own title lines as the model holds them.
    static func table(sheet: String, layout: TableLayout, table: AnnexTable, rowCount: Int) -> WorkbookMetadata.Table {
        WorkbookMetadata.Table(sheet: sheet, tableID: table.id, templateID: table.template, templateVersion: layout.template.version,
                               title: table.title, firstDataRow: layout.firstDataRow + 1, rowCount: rowCount)
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
    static func write(_ metadata: WorkbookMetadata, to workbook: XLSXWorkbook) throws -> XLSXWorksheet {
        let sheet = try workbook.addWorksheet(WorkbookMetadata.sheetName)
        for (row, record) in metadata.encode().enumerated() {
            for (col, value) in record.enumerated() where !value.isEmpty { try sheet.writeString(row, col, value, nil) }
        }
        sheet.hide()
        return sheet
    }
}
