import BieuCore
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

@Suite("Files re-saved or edited by other programs", .serialized)
struct InteropTests {
    @Test("Re-saved by LibreOffice as XLSX: imports to the same data, without the base")
    func libreOfficeXLSX() throws {
        let report = try Env.example()
        let dir = try Env.dir("lo")
        try Env.exportXLSX(report, to: dir + "/bao-cao.xlsx")
        // Convert into another folder so the output does not overwrite the input.
        let resaved = try ExternalTools.libreOfficeConvert(dir + "/bao-cao.xlsx", to: "xlsx", extension: "xlsx", outDir: try Env.dir("lo-out"))
        let result = try Env.importFile(resaved)
        #expect(result.summary.errors == 0)
        expectSame(report, result.report, "LibreOffice re-save")
    }

    @Test("Converted to CSV by LibreOffice (values as shown and raw): imports to the same data against the base",
          arguments: [ExternalTools.libreOfficeRawCSV, "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false"])
    func libreOfficeCSV(_ filter: String) throws {
        let report = try Env.example()
        let dir = try Env.dir("lo-csv")
        try Env.exportXLSX(report, tables: ["bieu-01"], to: dir + "/bieu-01.xlsx")
        let csv = try ExternalTools.libreOfficeConvert(dir + "/bieu-01.xlsx", to: filter, extension: "csv")
        let result = try Env.importFile(csv, options: ImportOptions(base: report, strategy: .replace))
        #expect(result.summary.errors == 0)
        var expected = report
        expected.tables = expected.tables.filter { $0.id == "bieu-01" }
        var got = result.report
        got.tables = got.tables.filter { $0.id == "bieu-01" }
        expectSame(expected, got, "LibreOffice CSV \(filter)")
    }

    /// 1-based sheet row of a row id in the exported Phụ lục, as the export lays it out.
    func sheetRow(_ report: Report, _ id: String) throws -> Int { try Env.sheetRow(report, "phu-luc", id) }

    @Test("Edits made with openpyxl come back as exactly those edits, at the right addresses")
    func openpyxlEdits() throws {
        let report = try Env.example()
        let dir = try Env.dir("edits")
        try Env.exportXLSX(report, tables: ["phu-luc"], to: dir + "/pl.xlsx")
        let r2 = try sheetRow(report, "pl-002"), r3 = try sheetRow(report, "pl-003"), r4 = try sheetRow(report, "pl-004"), r7 = try sheetRow(report, "pl-007")
        let edits: [[String: Any]] = [
            ["op": "set", "sheet": "Phụ lục", "cell": "E\(r3)", "value": 41200],           // th_nam: a number
            ["op": "set", "sheet": "Phụ lục", "cell": "G\(r2)", "value": "56,5"],           // mt_nam_sau: a Vietnamese decimal typed as text
            ["op": "set", "sheet": "Phụ lục", "cell": "H\(r4)", "value": "Số liệu ước tính"], // note
            ["op": "set", "sheet": "Phụ lục", "cell": "D\(r7)", "value": NSNull()],         // kh_nam cleared
        ]
        try Env.edit(dir + "/pl.xlsx", edits, to: dir + "/pl-edited.xlsx")
        let result = try Env.importFile(dir + "/pl-edited.xlsx", options: ImportOptions(base: report))
        let diff = try #require(result.diff)
        let changes = Set(diff.tables.flatMap(\.changes).map { "\($0.newAddress?.description ?? "?") \($0.rowID) \($0.column)" })
        #expect(changes == ["Phụ lục!E\(r3) pl-003 th_nam", "Phụ lục!G\(r2) pl-002 mt_nam_sau", "Phụ lục!H\(r4) pl-004 note", "Phụ lục!D\(r7) pl-007 kh_nam"])
        #expect(diff.tables.allSatisfy { $0.addedRows.isEmpty && $0.removedRows.isEmpty && $0.movedRows.isEmpty })
        let table = try #require(result.report.table("phu-luc"))
        #expect(table.row("pl-003")?.cells["th_nam"]?.value == .number(41200))
        #expect(table.row("pl-003")?.cells["th_nam"]?.text == "41.200")
        #expect(table.row("pl-002")?.cells["mt_nam_sau"]?.value == .number(Decimal(string: "56.5")!))
        #expect(table.row("pl-004")?.note == "Số liệu ước tính")
        #expect(table.row("pl-007")?.cells["kh_nam"] == nil)
        #expect(result.findings.contains { $0.code == "number-as-text" && $0.location?.description == "Phụ lục!G\(r2)" })
    }

    @Test("Inserted rows, a moved row and a renamed sheet are recognised; nothing else changes")
    func structuralEdits() throws {
        let report = try Env.example()
        let dir = try Env.dir("struct")
        try Env.exportXLSX(report, tables: ["phu-luc"], to: dir + "/pl.xlsx")
        let r2 = try sheetRow(report, "pl-002"), r6 = try sheetRow(report, "pl-006")
        let insertAt = r6 + 2
        let edits: [[String: Any]] = [
            ["op": "move_row", "sheet": "Phụ lục", "from": r2, "to": r6 + 1],            // pl-002 moved below pl-006
            ["op": "insert_rows", "sheet": "Phụ lục", "row": insertAt, "count": 1],      // a new row among the data
            ["op": "set", "sheet": "Phụ lục", "cell": "B\(insertAt)", "value": "Tỷ lệ hộ dùng nước sạch"],
            ["op": "set", "sheet": "Phụ lục", "cell": "C\(insertAt)", "value": "%"],
            ["op": "set", "sheet": "Phụ lục", "cell": "E\(insertAt)", "value": 87.5],
            ["op": "rename_sheet", "sheet": "Phụ lục", "name": "PL kèm báo cáo"],
        ]
        try Env.edit(dir + "/pl.xlsx", edits, to: dir + "/pl-edited.xlsx")
        let result = try Env.importFile(dir + "/pl-edited.xlsx", options: ImportOptions(base: report))
        let diff = try #require(result.diff?.tables.first { $0.tableID == "phu-luc" })
        #expect(diff.movedRows == ["pl-002"])
        #expect(diff.addedRows.count == 1)
        #expect(diff.removedRows.isEmpty)
        let added = try #require(result.report.table("phu-luc")?.row(diff.addedRows[0]))
        #expect(added.name == "Tỷ lệ hộ dùng nước sạch")
        #expect(added.cells["th_nam"]?.value == .number(Decimal(string: "87.5")!))
        #expect(result.findings.contains { $0.code == "row-added" && $0.location?.description == "PL kèm báo cáo!A\(insertAt)" },
                "\(result.findings.filter { $0.code == "row-added" }.map { $0.line(.en) })")
        #expect(diff.changes.isEmpty, "\(diff.changes)")
    }
}
