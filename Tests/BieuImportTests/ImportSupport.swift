import BieuCore
import BieuCSV
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

enum Env {
    static let root = ExternalTools.repositoryRoot()
    static let loadedCatalog = Result { try TemplateCatalog(directory: root + "/Templates") }
    static func catalog() throws -> TemplateCatalog { try loadedCatalog.get() }
    static func example() throws -> Report { try ReportJSON.load(path: root + "/Examples/tam-duong-2024.json") }
    static func dir(_ name: String) throws -> String { try ExternalTools.temporaryDirectory(name) }

    /// A random report (every value form, odd texts) with one table of `template`, filling its value columns.
    static func randomReport(seed: UInt64, template: String, rows: Int) throws -> Report {
        let columns = try catalog().template(template).columns.filter { $0.field == .cell }.map(\.id)
        return RandomReports.make(seed: seed, template: template, columns: columns, rows: rows)
    }

    static func exportXLSX(_ report: Report, tables: [String] = [], to path: String) throws {
        try XLSXExporter(catalog: try catalog()).export(report, tableIDs: tables, to: path)
    }

    static func exportCSV(_ report: Report, table: String, options: CSVExporter.Options = CSVExporter.Options(), to path: String) throws {
        try CSVExporter(catalog: try catalog(), options: options).export(report, tableID: table, to: path)
    }

    static func importFile(_ path: String, options: ImportOptions = ImportOptions()) throws -> ImportResult {
        let file = try SpreadsheetFile.read(path: path)
        return Importer(catalog: try catalog()).run(file.workbook, source: file.name, isCSV: file.kind == .csv, options: options)
    }

    /// The 1-based sheet row where export puts a row of a table.
    static func sheetRow(_ report: Report, _ table: String, _ id: String) throws -> Int {
        let t = try #require(report.table(table))
        let rendered = RenderedTable(table: t, template: try catalog().template(t.template), report: report)
        return try #require(rendered.rows.first { $0.rowID == id }).sheetRow + 1
    }

    /// Applies edits with openpyxl (an independent writer), as a person would.
    static func edit(_ input: String, _ edits: [[String: Any]], to output: String) throws {
        let editsPath = (output as NSString).deletingPathExtension + "-edits.json"
        let data = try JSONSerialization.data(withJSONObject: edits)
        try data.write(to: URL(fileURLWithPath: editsPath))
        let out = try ExternalTools.run("python3", [root + "/Tests/Support/openpyxl_edit.py", input, output, editsPath])
        guard out.status == 0 else { throw ExternalTools.Failure(description: "openpyxl edit failed: \(out.stderr)") }
    }

    /// The bieu executable built next to the tests.
    static var bieuBinary: String { ExternalTools.bieuBinary }

    static func bieu(_ arguments: [String]) throws -> ExternalTools.Output {
        try ExternalTools.run(bieuBinary, arguments, environment: ["BIEU_TEMPLATES": root + "/Templates"])
    }
}

/// Compares two reports and records readable differences.
func expectSame(_ a: Report, _ b: Report, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    if a == b { return }
    let diff = ReportDiff.compute(old: a, new: b)
    Issue.record("\(context): reports differ:\n\(diff.text(.en))", sourceLocation: sourceLocation)
}
