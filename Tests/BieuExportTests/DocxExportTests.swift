import BieuCore
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing
@testable import BieuExport

@Suite("Word (.docx) export, checked by python-docx and LibreOffice", .serialized)
struct DocxExportTests {
    static func example() throws -> Report { try ReportJSON.load(path: Fixture.root + "/Examples/tam-duong-2024.json") }

    /// Compares every header and data cell, and the header's merges, of each table of a
    /// .docx (python-docx, merges from the XML) with the same table of an XLSX (openpyxl,
    /// cached values; continuation rows joined by their bieu:id). Prints the differences as JSON.
    static let compare = #"""
    import sys, json, re, openpyxl, docx
    from docx.oxml.ns import qn
    wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
    doc = docx.Document(sys.argv[2])
    sheets = [ws for ws in wb.worksheets if ws.title != "_bieu"]
    problems, counted = [], 0
    if len(sheets) != len(doc.tables): problems.append(f"{len(sheets)} sheets, {len(doc.tables)} tables")
    def number(text):
        t = text.replace(".", "").replace(",", ".").rstrip("%‰")
        return float(t)
    for ws, table in zip(sheets, doc.tables):
        idcol = header = None
        for row in ws.iter_rows():
            for c in row:
                if c.value == "bieu:id": idcol, header = c.column, c.row
        ncols = idcol - 1
        first = next(r for r in range(header + 1, ws.max_row + 2) if ws.cell(r, idcol).value)
        depth = first - header
        xm = {(m.min_row - header, m.min_col - 1, m.max_row - header, m.max_col - 1) for m in ws.merged_cells.ranges
              if m.min_row >= header and m.max_row < first}
        dm, open_ = set(), {}
        for r, tr in enumerate(table._tbl.tr_lst[:depth]):
            col = 0
            for tc in tr.tc_lst:
                pr = tc.tcPr
                span = int(pr.find(qn("w:gridSpan")).get(qn("w:val"))) if pr is not None and pr.find(qn("w:gridSpan")) is not None else 1
                vm = pr.find(qn("w:vMerge")) if pr is not None else None
                if vm is None:
                    if span > 1: dm.add((r, col, r, col + span - 1))
                elif vm.get(qn("w:val")) == "restart": open_[col] = [r, col, r, col + span - 1]
                else: open_[col][2] = r
                col += span
            if col != ncols: problems.append(f"{ws.title}: header row {r} covers {col} of {ncols} columns")
        dm |= {tuple(v) for v in open_.values()}
        if xm != dm: problems.append(f"{ws.title}: merges xlsx {sorted(xm)} docx {sorted(dm)}")
        for (r0, c0, r1, c1) in xm:
            x, d = ws.cell(header + r0, c0 + 1).value, table.cell(r0, c0).text
            if x != d: problems.append(f"{ws.title}: header {r0},{c0}: {x!r} vs {d!r}")
        for r in range(depth):
            for c in range(ncols):
                x = ws.cell(header + r, c + 1).value
                if x is not None and x != table.cell(r, c).text: problems.append(f"{ws.title}: header {r},{c}: {x!r} vs {table.cell(r, c).text!r}")
        rows = []
        for r in range(first, ws.max_row + 1):
            rid = ws.cell(r, idcol).value
            vals = [ws.cell(r, c).value for c in range(1, ncols + 1)]
            if rid and "#" in rid:
                for j, v in enumerate(vals):
                    if v is not None: rows[-1][1][j] = (rows[-1][1][j] or "") + v
            elif rid: rows.append((rid, vals))
        drows = table.rows[depth:]
        if len(drows) != len(rows): problems.append(f"{ws.title}: {len(rows)} rows in xlsx, {len(drows)} in docx")
        for (rid, vals), dr in zip(rows, drows):
            cells = dr.cells
            for j, v in enumerate(vals):
                text, counted = cells[j].text, counted + 1
                if v is None or v == "": ok = text == ""
                elif isinstance(v, (int, float)):
                    try: ok = abs(number(text) - v) <= 1e-9 * max(1, abs(v))
                    except ValueError: ok = False
                else: ok = text == v
                if not ok: problems.append(f"{ws.title} {rid} col {j + 1}: xlsx {v!r} docx {text!r}")
    print(json.dumps({"problems": problems[:30], "cells": counted}))
    """#

    struct Comparison: Decodable { var problems: [String]; var cells: Int }

    @Test("python-docx reads every cell of each shipped table as the XLSX export has it, merges included")
    func sameCellsAsXLSX() throws {
        let report = try Self.example()
        let dir = try ExternalTools.temporaryDirectory("docx")
        try XLSXExporter(catalog: try Fixture.catalog()).export(report, to: dir + "/all.xlsx")
        try DocxExporter(catalog: try Fixture.catalog()).export(report, to: dir + "/all.docx")
        let out = try ExternalTools.python(Self.compare, [dir + "/all.xlsx", dir + "/all.docx"])
        let result = try JSONDecoder().decode(Comparison.self, from: Data(out.utf8))
        #expect(result.problems.isEmpty, "\(result.problems.joined(separator: "\n"))")
        #expect(result.cells == report.tables.reduce(0) { $0 + $1.rows.count * (try! Fixture.catalog().template($1.template).columns.count) })
    }

    @Test("LibreOffice prints it on A4 landscape, the header again on page 2, no word of any cell lost")
    func libreOfficePDF() throws {
        let report = try Self.example()
        let dir = try ExternalTools.temporaryDirectory("docx-pdf")
        let path = dir + "/bieu-02.docx"
        try DocxExporter(catalog: try Fixture.catalog()).export(report, tableIDs: ["bieu-02"], to: path)
        let pdf = try ExternalTools.libreOfficeConvert(path, to: "pdf", extension: "pdf")
        let info = try ExternalTools.run("pdfinfo", [pdf]).stdout
        let size = try #require(info.split(separator: "\n").first { $0.hasPrefix("Page size:") })
        #expect(size.contains("841.") && size.contains("x 595."), "\(size)")
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "0") ?? 0
        #expect(pages >= 2)
        let page2 = try ExternalTools.run("pdftotext", ["-f", "2", "-l", "2", pdf, "-"]).stdout
        let table = try #require(report.table("bieu-02"))
        let layout = TableLayout(template: try Fixture.catalog().template("bieu-02"), values: PlaceholderValues(report: report))
        for block in layout.headerBlocks {
            for word in block.text.split(whereSeparator: \.isWhitespace) { #expect(page2.contains(word), "page 2 lacks header word \(word)") }
        }
        // Words as LibreOffice may break lines: at spaces and after hyphens.
        func words(_ s: String) -> [Substring] { s.split { $0.isWhitespace || $0 == "-" } }
        let printed = Set(words(try ExternalTools.run("pdftotext", [pdf, "-"]).stdout).map(String.init))
        var grid = TableGrid(layout: layout)
        var missing: [String] = []
        for row in table.rows {
            let rendered = grid.render(row)
            for j in layout.columns.indices {
                for word in words(grid.shown(rendered, column: j, style: .vietnamese).string) where !printed.contains(String(word)) {
                    missing.append("\(row.id): \(word)")
                }
            }
        }
        #expect(missing.isEmpty, "\(missing.prefix(20))")
    }
}
