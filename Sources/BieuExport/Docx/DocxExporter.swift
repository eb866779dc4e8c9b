import BieuCore
import BieuModel
import BieuTemplates
import BieuZip
import Foundation

/// Writes annex tables into one Word document (.docx), as they are printed:
/// one section per table (the template's paper, orientation and margins), the
/// title lines as centred paragraphs, the table with the header's merges
/// (`gridSpan`/`vMerge`) repeated on every page (`w:tblHeader`), the template's
/// column widths (scaled to the page width when the template fits the width),
/// its font and sizes, bold/italic rows as in the XLSX, and numbers as the
/// template shows them in Vietnamese (`41.160`, `29,2%`; computed columns with
/// their decimals). Rendered from the same ``TableGrid`` as XLSX and CSV;
/// the package is written with ``ZipWriter``, atomically.
public struct DocxExporter {
    public let catalog: TemplateCatalog

    public init(catalog: TemplateCatalog) { self.catalog = catalog }

    /// Exports the given tables (all when `tableIDs` is empty) and returns the warnings.
    @discardableResult
    public func export(_ report: Report, tableIDs: [String] = [], to path: String) throws -> [ExportWarning] {
        try export(source: InMemoryReportSource(report), tableIDs: tableIDs, to: path)
    }

    /// Exports from a source read row by row: each row is rendered and turned into
    /// XML as it arrives (the document's XML is held until the package is written).
    @discardableResult
    public func export(source: ReportSource, tableIDs: [String] = [], to path: String) throws -> [ExportWarning] {
        let source = ReadAheadSource.wrapping(source)
        let file = (path as NSString).lastPathComponent
        var document = DocxDocument()
        var warnings: [ExportWarning] = []
        var seen: [String] = []
        var exported: [String] = []
        var font = "Times New Roman", bodySize = 12.0
        while let table = try source.nextTable() {
            seen.append(table.id)
            guard tableIDs.isEmpty || tableIDs.contains(table.id), !exported.contains(table.id) else {
                try source.skipRows()
                continue
            }
            let layout = TableLayout(template: try catalog.template(table.template), values: PlaceholderValues(report: source.report), titleOverride: table.title)
            if exported.isEmpty {
                font = layout.template.styles.font
                bodySize = layout.template.styles.body.size ?? 12
            }
            exported.append(table.id)
            var options = TableGrid.Options()
            options.measure = false
            var grid = TableGrid(layout: layout, options: options, place: .docx(file: file, table: exported.count, firstRow: layout.headerRows.lowerBound))
            try document.begin(grid)
            while let row = try source.nextRow() { try document.append(grid.render(row), of: grid) }
            document.end(grid)
            warnings += grid.warnings
        }
        try ExportSelection.check(requested: tableIDs, available: seen)
        let parts = document.finish(font: font, size: bodySize)
        try AtomicFile.write(to: path) { temporary in
            var zip = ZipWriter(file: path)
            for (name, content) in parts { try zip.add(name, content) }
            try AtomicFile.write(zip.bytes(), to: temporary)
        }
        return warnings
    }
}
