import BieuCore
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// .docx files from bieu, python-docx and LibreOffice imported back into the model.
@Suite("Word (.docx) import", .serialized)
struct DocxImportTests {
    static let root = ExternalTools.repositoryRoot()
    static func catalog() throws -> TemplateCatalog { try TemplateCatalog(directory: root + "/Templates") }
    static func example() throws -> Report { try ReportJSON.load(path: root + "/Examples/tam-duong-2024.json") }

    static func importFile(_ path: String, base: Report? = nil) throws -> (SpreadsheetFile, ImportResult) {
        let file = try SpreadsheetFile.read(path: path)
        let options = base.map { ImportOptions(base: $0, strategy: .replace) } ?? ImportOptions()
        return (file, Importer(catalog: try catalog()).run(file.workbook, source: file.name, isCSV: file.kind == .csv, options: options))
    }

    static func expectSame(_ a: Report, _ b: Report, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if a == b { return }
        Issue.record("\(context): reports differ:\n\(ReportDiff.compute(old: a, new: b).text(.en))", sourceLocation: sourceLocation)
    }

    @Test("Export .docx → import .docx is the identity on the example data: all tables, and each alone",
          arguments: [[], ["phu-luc"], ["bieu-01"], ["bieu-02"]])
    func identity(_ tables: [String]) throws {
        var report = try Self.example()
        if !tables.isEmpty { report.tables = report.tables.filter { tables.contains($0.id) } }
        let path = try ExternalTools.temporaryDirectory("docx-identity") + "/t.docx"
        try DocxExporter(catalog: try Self.catalog()).export(report, to: path)
        let (file, result) = try Self.importFile(path, base: report)
        #expect(file.kind == .docx)
        #expect(result.summary.errors == 0)
        let sameJSON = ReportJSON.encode(result.report) == ReportJSON.encode(report)
        #expect(sameJSON, "the canonical JSON differs")
        Self.expectSame(report, result.report, "\(tables)")
        #expect(result.diff?.isEmpty == true)
    }

    /// Writes a document with python-docx from the table's header (with its merges) and its rows as
    /// the printed table shows them, as a person typing it in Word would: the table split in two
    /// `w:tbl` (the second starting with the header typed again), a spacer row, the header repeated
    /// mid-table, manual line breaks (`add_break`), every text in two runs, the second bold.
    static let pythonDocx = #"""
    import sys, json, docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    spec = json.load(open(sys.argv[1]))
    n, depth, rows = spec["columns"], spec["header_rows"], spec["rows"]
    d = docx.Document()
    d.add_paragraph(spec["title"])
    def write(cell, text):
        p = cell.paragraphs[0]
        for i, line in enumerate(text.split("\n")):
            if i: p.add_run().add_break()
            half = len(line) // 2
            if half:
                p.add_run(line[:half])
                p.add_run(line[half:]).bold = True
            elif line:
                p.add_run(line)
    def header(t, top, mark):
        for a in spec["header"]:
            cell = t.cell(top + a["r"], a["c"])
            if a["r2"] > a["r"] or a["c2"] > a["c"]:
                cell = cell.merge(t.cell(top + a["r2"], a["c2"]))
            write(cell, a["text"])
        if mark:
            for r in range(depth):
                t.rows[top + r]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    def table(part, spacer, repeat):
        t = d.add_table(rows=depth, cols=n)
        t.style = "Table Grid"
        header(t, 0, part == 0)
        for i, values in enumerate(rows):
            if i == spacer: t.add_row()
            if i == repeat:
                top = len(t.rows)
                for _ in range(depth): t.add_row()
                header(t, top, False)
            row = t.add_row()
            for j, v in enumerate(values):
                if v: write(row.cells[j], v)
        return t
    half = len(rows) // 2
    all_rows = rows
    rows = all_rows[:half]
    table(0, 2, 5)
    p = d.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    rows = all_rows[half:]
    table(1, 3, -1)
    d.add_paragraph("Nơi nhận: …")
    d.save(sys.argv[2])
    """#

    @Test("A .docx made by python-docx (merged header, split table, spacer row, repeated header, line breaks, split runs) imports to the cells of the XLSX export", arguments: ["bieu-01", "bieu-02"])
    func pythonDocx(_ tableID: String) throws {
        var report = try Self.example()
        report.tables = report.tables.filter { $0.id == tableID }
        // A note with a manual line break.
        let k = try #require(report.tables[0].rows.firstIndex { $0.kind == .indicator })
        report.tables[0].rows[k].note = "số liệu ước\nđến 30/11"
        let table = report.tables[0]
        let layout = TableLayout(template: try Self.catalog().template(table.template), values: PlaceholderValues(report: report))
        var grid = TableGrid(layout: layout)
        let top = grid.headerRows.lowerBound
        let header: [[String: Any]] = grid.areas.filter { grid.headerRows.contains($0.range.start.row) }.map {
            ["r": $0.range.start.row - top, "c": $0.range.start.column, "r2": $0.range.end.row - top, "c2": $0.range.end.column, "text": $0.text]
        }
        let rows: [[String]] = table.rows.map { row in
            let rendered = grid.render(row)
            return layout.columns.indices.map { grid.shown(rendered, column: $0, style: .vietnamese).string }
        }
        let spec: [String: Any] = ["columns": layout.columns.count, "header_rows": grid.headerRows.count, "header": header, "rows": rows, "title": table.title ?? table.id]
        let dir = try ExternalTools.temporaryDirectory("docx-python")
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: dir + "/spec.json"))
        _ = try ExternalTools.python(Self.pythonDocx, [dir + "/spec.json", dir + "/typed.docx"])

        let (file, fromDocx) = try Self.importFile(dir + "/typed.docx", base: report)
        #expect(file.workbook.sheets.count == 1, "the two w:tbl are one table")
        #expect(file.notes.contains { $0.en.contains("joined from 2 tables") })
        #expect(fromDocx.summary.errors == 0, "\(fromDocx.findings.filter { $0.severity == .error }.map { $0.line(.en) })")
        Self.expectSame(report, fromDocx.report, "python-docx")

        try XLSXExporter(catalog: try Self.catalog()).export(report, to: dir + "/same.xlsx")
        let (_, fromXLSX) = try Self.importFile(dir + "/same.xlsx")
        Self.expectSame(fromXLSX.report, fromDocx.report, "docx vs xlsx")
    }

    @Test("bieu's .docx re-saved by LibreOffice (MS Word 2007 XML) imports to the same report")
    func libreOffice() throws {
        let report = try Self.example()
        let dir = try ExternalTools.temporaryDirectory("docx-lo")
        try DocxExporter(catalog: try Self.catalog()).export(report, to: dir + "/bieu.docx")
        let out = try ExternalTools.temporaryDirectory("docx-lo-out")
        let resaved = try ExternalTools.libreOfficeConvert(dir + "/bieu.docx", to: "docx:MS Word 2007 XML", extension: "docx", outDir: out)
        #expect(try Data(contentsOf: URL(fileURLWithPath: resaved)) != Data(contentsOf: URL(fileURLWithPath: dir + "/bieu.docx")))
        let (file, result) = try Self.importFile(resaved, base: report)
        #expect(file.workbook.sheets.count == 3)
        #expect(result.summary.errors == 0)
        Self.expectSame(report, result.report, "LibreOffice")
    }

    @Test("Export warnings and import findings name the same place of the document", arguments: [Language.vi, .en])
    func samePlaces(_ language: Language) throws {
        var report = try Self.example()
        report.tables = report.tables.filter { $0.id == "bieu-02" }
        let path = try ExternalTools.temporaryDirectory("docx-same-places") + "/bieu-02.docx"
        let warnings = try DocxExporter(catalog: try Self.catalog()).export(report, to: path)
        let (_, result) = try Self.importFile(path, base: report)
        let exported = warnings.map { $0.message(language) }.filter { $0.contains("b02-098") }
        let imported = result.findings.filter { $0.code == "computed-mismatch" && $0.rowID == "b02-098" }
        let place = try #require(imported.first?.location?.text(language))
        #expect(place == (language == .vi ? "Bảng 1, hàng 112, cột F" : "table 1, row 112, column F"))
        #expect(exported.count == 1 && exported[0].hasPrefix("bieu-02.docx, \(place) "), "\(exported)")
    }

    @Test("Findings name the document's table, row and column, in each language")
    func findingPlaces() throws {
        var report = try Self.example()
        report.tables = report.tables.filter { $0.id == "bieu-01" }
        let dir = try ExternalTools.temporaryDirectory("docx-places")
        try DocxExporter(catalog: try Self.catalog()).export(report, to: dir + "/t.docx")
        // A value typed with letters for digits in the third data row, column E.
        let fileURL = URL(fileURLWithPath: dir + "/t.docx")
        let file = try SpreadsheetFile.read(path: fileURL.path)
        var workbook = file.workbook
        let row = try #require(Set(workbook.sheets[0].cells.map(\.address.row)).sorted().dropFirst(4).first)
        let column = 4
        workbook.sheets[0].cells.removeAll { $0.address == CellAddress(row: row, column: column) }
        workbook.sheets[0].cells.append(GridCell(address: CellAddress(row: row, column: column), value: .string("1O0")))
        workbook.sheets[0].cells.sort { $0.address < $1.address }
        let result = Importer(catalog: try Self.catalog()).run(workbook, source: "t.docx", options: ImportOptions(base: report, strategy: .replace))
        let finding = try #require(result.findings.first { $0.code == "digit-letter" })
        #expect(finding.line(.vi).hasPrefix("Bảng 1, hàng \(row + 1), cột E: "))
        #expect(finding.line(.en).hasPrefix("table 1, row \(row + 1), column E: "))
        #expect(!result.findings.contains { $0.code == "number-as-text" })
    }
}

/// `--template T` on a document (or workbook) of several tables: only T's tables are imported.
@Suite("--template on several tables")
struct TemplateAmongTablesTests {
    @Test("A document of three tables imported with one template: that table is imported, the others are skipped with a warning naming the better match",
          arguments: ["phu-luc", "bieu-01", "bieu-02"])
    func onlyThatTemplate(_ id: String) throws {
        let report = try DocxImportTests.example()
        let path = try ExternalTools.temporaryDirectory("docx-template") + "/all.docx"
        try DocxExporter(catalog: try DocxImportTests.catalog()).export(report, to: path)
        let file = try SpreadsheetFile.read(path: path)
        let result = Importer(catalog: try DocxImportTests.catalog()).run(file.workbook, source: file.name,
                                                                        options: ImportOptions(templateID: id))
        #expect(result.imported.map(\.located.template.id) == [id], "\(result.imported.map { $0.located.explanation(.en) })")
        let skipped = result.findings.filter { $0.code == "other-template" }
        // Each other table is either not found for this template (a note) or found and skipped.
        let notFound = result.findings.filter { $0.code == "table-not-found" }
        #expect(skipped.count + notFound.count == 2, "\(result.findings.map { $0.line(.en) })")
        #expect(!skipped.isEmpty, "some other table matches this template's header partly")
        for finding in skipped {
            #expect(finding.severity == .warning)
            let other = report.tables.map(\.template).first { $0 != id && finding.message.en.contains("matches template \($0) ") }
            #expect(other != nil, "\(finding.message.en)")
        }
    }
}
