import BieuCore
import BieuTestSupport
import BieuXLSXWriter
import Foundation
import Testing

/// The Swift face of libxlsxwriter, checked with an independent reader (openpyxl).
@Suite("XLSXWriter")
struct XLSXWriterTests {
    /// openpyxl's view of a workbook: sheets with state, cells with type and value, merges.
    static func openpyxl(_ path: String) throws -> [String: Any] {
        let json = try ExternalTools.python("""
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {"sheets": [], "locked": wb.security is not None and bool(wb.security.lockStructure)}
        for ws in wb.worksheets:
            cells = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        cells[c.coordinate] = [c.data_type, str(c.value), bool(c.font.b), c.number_format]
            out["sheets"].append({"name": ws.title, "state": ws.sheet_state, "cells": cells,
                                  "merges": sorted(str(m) for m in ws.merged_cells.ranges),
                                  "hiddenColumns": sorted(k for k, d in ws.column_dimensions.items() if d.hidden)})
        print(json.dumps(out))
        """, [path])
        return try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    }

    static func sheet(_ view: [String: Any], _ name: String) -> [String: Any]? {
        (view["sheets"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }

    @Test("Strings, numbers, formulas, merges, formats and sheet states as openpyxl reads them")
    func contentReadBack() throws {
        let dir = try ExternalTools.temporaryDirectory("xlsxwriter")
        let path = dir + "/book.xlsx"
        let wb = try XLSXWorkbook(path: path)
        let ws = try wb.addWorksheet("Biểu 01")
        var boldSpec = XLSXFormatSpec()
        boldSpec.bold = true
        var percentSpec = XLSXFormatSpec()
        percentSpec.numberFormat = "0.0%"
        let bold = wb.format(boldSpec), percent = wb.format(percentSpec)
        try ws.writeString(0, 0, "Chỉ tiêu phát triển", bold)
        try ws.writeString(1, 0, "=1+1", nil)          // text stays text, never a formula
        try ws.writeNumber(1, 1, 41160, nil)
        try ws.writeNumber(1, 2, 0.314, percent)
        try ws.writeFormula(1, 3, "=B2*2", cachedNumber: 82320, nil)
        try ws.merge(CellRange(row: 3, column: 0, lastRow: 3, lastColumn: 2), "Gộp ô", bold)
        try ws.setColumns(5, 5, width: 10, hidden: true)
        let hidden = try wb.addWorksheet("_bieu")
        try hidden.writeString(0, 0, "bản ghi", nil)
        wb.hideCompletely(hidden)
        wb.protectStructure(password: nil)
        try wb.close()

        let view = try Self.openpyxl(path)
        let main = try #require(Self.sheet(view, "Biểu 01"))
        let cells = try #require(main["cells"] as? [String: [Any]])
        #expect(cells["A1"]?[0] as? String == "s")
        #expect(cells["A1"]?[1] as? String == "Chỉ tiêu phát triển")
        #expect(cells["A1"]?[2] as? Bool == true)
        #expect(cells["A2"]?[0] as? String == "s")
        #expect(cells["A2"]?[1] as? String == "=1+1")
        #expect(cells["B2"]?[0] as? String == "n")
        #expect(cells["B2"]?[1] as? String == "41160")
        #expect(cells["C2"]?[3] as? String == "0.0%")
        #expect(cells["D2"]?[0] as? String == "f")
        #expect(cells["D2"]?[1] as? String == "=B2*2")
        #expect(cells["A4"]?[1] as? String == "Gộp ô")
        #expect(main["merges"] as? [String] == ["A4:C4"])
        #expect(main["hiddenColumns"] as? [String] == ["F"])
        #expect(main["state"] as? String == "visible")
        #expect(Self.sheet(view, "_bieu")?["state"] as? String == "veryHidden")
        #expect(view["locked"] as? Bool == true)
        // Nothing beside the output: the temporary file was renamed into place.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["book.xlsx"])
    }

    @Test("Refusals carry the sheet and cell, in both languages")
    func refusals() throws {
        let dir = try ExternalTools.temporaryDirectory("xlsxwriter-err")
        let wb = try XLSXWorkbook(path: dir + "/bad.xlsx")
        let ws = try wb.addWorksheet("S")
        #expect(throws: XLSXWriteError.self) { try wb.addWorksheet("S") }
        #expect(throws: XLSXWriteError.self) { try wb.addWorksheet("a/b") }
        #expect(throws: XLSXWriteError.self) { try wb.addWorksheet(String(repeating: "x", count: 32)) }
        do {
            try ws.writeString(2, 1, String(repeating: "a", count: 32_768), nil)
            Issue.record("a text longer than 32,767 characters was written")
        } catch {
            #expect(error.message(.vi) == "Không ghi được ô S!B3: chữ dài quá 32.767 ký tự (giới hạn của Excel)")
            #expect(error.message(.en) == "Cannot write cell S!B3: text longer than 32,767 characters (Excel's limit)")
        }
        do {
            try ws.writeNumber(CellAddress.maxRows, 0, 1, nil)
            Issue.record("a cell below row 1,048,576 was written")
        } catch {
            #expect(error.message(.en).contains("outside A1:XFD1048576"))
        }
    }

    @Test("An abandoned workbook leaves no file, and an existing destination is untouched")
    func abandonedLeavesNothing() throws {
        let dir = try ExternalTools.temporaryDirectory("xlsxwriter-abandon")
        let path = dir + "/out.xlsx"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        do {
            let wb = try XLSXWorkbook(path: path)
            let ws = try wb.addWorksheet("S")
            try ws.writeString(0, 0, "new", nil)
            _ = wb  // dropped without close()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.xlsx"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test("A folder that does not exist: a bilingual error naming the path, nothing printed by libxlsxwriter")
    func missingFolder() throws {
        let path = "/nonexistent-bieu-dir/out.xlsx"
        do {
            let wb = try XLSXWorkbook(path: path)
            _ = try wb.addWorksheet("S")
            try wb.close()
            Issue.record("a workbook was written into a folder that does not exist")
        } catch {
            #expect(error.message(.vi).contains(path))
            #expect(error.message(.en).contains(path))
        }
    }
}
