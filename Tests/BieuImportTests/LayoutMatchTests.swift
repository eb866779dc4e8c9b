import BieuCore
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// Import matches a sheet against the template's layout: headers worded
/// differently, columns and cells the layout does not have, sheets renamed,
/// formulas replaced — each is matched or reported, never dropped silently.
@Suite("Matching a sheet against the layout", .serialized)
struct LayoutMatchTests {
    /// Builds an XLSX file with openpyxl (an independent writer) from rows of values (None for empty).
    func make(_ name: String, rows: [[Any]], merges: [String] = [], sheet: String = "Sheet") throws -> String {
        let path = try Env.dir("layout") + "/\(name).xlsx"
        let script = """
        import openpyxl, json, sys
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = sys.argv[4]
        for r in json.loads(sys.argv[2]):
            ws.append(r)
        for m in json.loads(sys.argv[3]):
            ws.merge_cells(m)
        wb.save(sys.argv[1])
        """
        let rowsJSON = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
        let mergesJSON = String(decoding: try JSONSerialization.data(withJSONObject: merges), as: UTF8.self)
        _ = try ExternalTools.python(script, [path, rowsJSON, mergesJSON, sheet])
        return path
    }

    /// A phụ lục typed with a two-level header: "Năm 2024" over "Kế hoạch | Thực hiện | So sánh (%)".
    func groupedHeader(merged: Bool, extra: [Any]? = nil) -> (rows: [[Any]], merges: [String]) {
        let null = NSNull()
        var rows: [[Any]] = [
            ["KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU"],
            [null],
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2024", null, null, "Mục tiêu năm 2025", "Ghi chú"],
            [null, null, null, "Kế hoạch", "Thực hiện", "So sánh (%)", null, null],
            [1, "Thu nhập bình quân đầu người", "Triệu đồng", 46, 47.5, 103.3, 50, null],
            [2, "Tỷ lệ che phủ rừng", "%", 51.3, 51.8, 101, 52, "ước"],
        ]
        if let extra {
            for i in rows.indices { rows[i].append(i < extra.count ? extra[i] : null) }
        }
        let merges = merged ? ["A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4", "H3:H4"] : []
        return (rows, merges)
    }

    @Test("A group header supplies the year: \"Năm 2024\" over \"Kế hoạch | Thực hiện | So sánh (%)\" matches every column",
          arguments: [true, false])
    func groupHeaderSuppliesYear(merged: Bool) throws {
        let shape = groupedHeader(merged: merged)
        let path = try make("grouped-\(merged)", rows: shape.rows, merges: shape.merges)
        let result = try Env.importFile(path)
        let t = try #require(result.imported.first)
        #expect(t.located.template.id == "phu-luc", "\(t.located.explanation(.en))")
        #expect(t.located.missingColumns.isEmpty, "\(t.located.explanation(.en))")
        #expect(t.located.columns["ss_th_kh"] == 5)
        #expect(t.located.firstDataRow == 4)
        #expect(t.table.rows.map { $0.cells["ss_th_kh"]?.value.numericValue } == [Decimal(string: "103.3"), 101])
        #expect(t.table.rows.map { $0.cells["kh_nam"]?.value.numericValue } == [46, Decimal(string: "51.3")])
        #expect(result.report.period.year == 2024, "the group header gives the year")
        #expect(result.summary.errors == 0, "\(result.findings.map { $0.line(.en) })")
        #expect(!result.findings.contains { $0.code == "extra-column" || $0.code == "unmapped-column" })
        // How the sheet differs from the layout is said, cell by cell.
        let differs = Set(result.findings.filter { $0.code == "layout-header-differs" }.compactMap { $0.location?.address.a1 })
        #expect(differs.isSuperset(of: ["D4", "E4", "F4"]), "\(differs)")
        let inspect = TableDetection.text(TableDetection.detect(try SpreadsheetFile.read(path: path).workbook, catalog: try Env.catalog(), isCSV: false),
                                          language: .en)
        #expect(inspect.contains("header cell F4 reads \"So sánh (%)\", the layout reads \"So sánh với kế hoạch năm 2024 (%)\""), "\(inspect)")
    }

    @Test("A column with data that matches no template column stops the import, naming it and its cells")
    func unmappedColumnWithData() throws {
        let null = NSNull()
        let shape = groupedHeader(merged: true, extra: [null, null, "Ghi chép riêng", null, "x", "y"])
        let path = try make("extra-data", rows: shape.rows, merges: shape.merges)
        let result = try Env.importFile(path)
        let f = try #require(result.findings.first { $0.code == "unmapped-column" }, "\(result.findings.map { $0.line(.en) })")
        #expect(f.severity == .error)
        #expect(f.location?.description == "Sheet!I3")
        #expect(f.message.en.contains("column I \"Ghi chép riêng\"") && f.message.en.contains("holds 2 non-empty cells (I5…I6)"), "\(f.message.en)")
        #expect(!result.findings.contains { $0.code == "extra-column" })
        // The command line writes nothing without --force, and everything else with it.
        let out = try Env.dir("layout") + "/extra-data.json"
        unlink(out)
        let refused = try Env.bieu(["import", path, "-o", out])
        #expect(refused.status != 0)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(refused.stdout.contains("unmapped-column") || refused.stderr.contains("unmapped-column"), "\(refused.stdout)\(refused.stderr)")
        let forced = try Env.bieu(["import", path, "-o", out, "--force"])
        #expect(FileManager.default.fileExists(atPath: out), "\(forced.stderr)")

        // A header alone, with no data under it: a warning at the header cell.
        let empty = groupedHeader(merged: true, extra: [null, null, "Ghi chép riêng"])
        let emptyResult = try Env.importFile(try make("extra-empty", rows: empty.rows, merges: empty.merges))
        let w = try #require(emptyResult.findings.first { $0.code == "extra-column" })
        #expect(w.severity == .warning && w.location?.description == "Sheet!I3")
        #expect(emptyResult.summary.errors == 0)
    }

    @Test("Cells outside the table are findings with their addresses: warnings outside, errors in data rows")
    func cellsOutsideTable() throws {
        let report = try Env.example()
        let dir = try Env.dir("layout-outside")
        try Env.exportXLSX(report, tables: ["phu-luc"], to: dir + "/pl.xlsx")
        let r = try Env.sheetRow(report, "phu-luc", "pl-003")
        try Env.edit(dir + "/pl.xlsx", [
            ["op": "set", "sheet": "Phụ lục", "cell": "XFD1048576", "value": "x"],
            ["op": "set", "sheet": "Phụ lục", "cell": "M1", "value": "Mẫu số 3"],
            ["op": "set", "sheet": "Phụ lục", "cell": "M\(r)", "value": 5],
        ], to: dir + "/pl-outside.xlsx")
        let result = try Env.importFile(dir + "/pl-outside.xlsx")
        let outside = result.findings.filter { $0.code == "cell-outside-table" }
        #expect(Set(outside.compactMap { $0.location?.description }) == ["Phụ lục!M1", "Phụ lục!XFD1048576"], "\(result.findings.map { $0.line(.en) })")
        #expect(outside.allSatisfy { $0.severity == .warning })
        let inRow = try #require(result.findings.first { $0.code == "unmapped-column" })
        #expect(inRow.severity == .error)
        #expect(inRow.location?.description == "Phụ lục!M\(r)")
        #expect(inRow.message.en.contains("holds 1 non-empty cells (M\(r))"), "\(inRow.message.en)")
        // Streamed, the same findings.
        let out = dir + "/pl-outside.json"
        let streamed = try StreamingImport(catalog: try Env.catalog()).run(path: dir + "/pl-outside.xlsx", output: out, force: true, language: .en, keepFindings: true)
        guard case .done(let s) = streamed else { Issue.record("not streamed"); return }
        #expect(s.findings?.map { $0.line(.en) } == result.findings.map { $0.line(.en) })
    }

    @Test("A row filled across all 16,384 columns: bounded findings naming the cells, not a silent row")
    func fullWidthRow() throws {
        let report = try Env.example()
        let dir = try Env.dir("layout-wide")
        try Env.exportXLSX(report, tables: ["phu-luc"], to: dir + "/pl.xlsx")
        let last = try Env.sheetRow(report, "phu-luc", try #require(report.table("phu-luc")?.rows.last?.id))
        let row = last + 2
        let edits: [[String: Any]] = (0..<CellAddress.maxColumns).map { c in
            ["op": "set", "sheet": "Phụ lục", "cell": CellAddress(row: row - 1, column: c).a1, "value": "x"]
        }
        try Env.edit(dir + "/pl.xlsx", edits, to: dir + "/pl-wide.xlsx")
        let result = try Env.importFile(dir + "/pl-wide.xlsx")
        let unmapped = result.findings.filter { $0.code == "unmapped-column" }
        #expect(unmapped.allSatisfy { $0.severity == .error })
        #expect(unmapped.count <= 11, "\(unmapped.count)")
        #expect(unmapped.first?.location?.description == "Phụ lục!K\(row)", "\(unmapped.first?.line(.en) ?? "")")
        #expect(unmapped.last?.message.en.contains("XFD\(row)") == true, "\(unmapped.last?.message.en ?? "")")
        let total = unmapped.reduce(0) { n, f in
            n + (f.message.en.split(separator: " ").compactMap { Int($0) }.first ?? 0)
        }
        #expect(total == CellAddress.maxColumns - 10, "every cell beyond the table's eight columns and bieu's two is counted")
        #expect(result.summary.errors > 0)
    }

    @Test("A renamed staff sheet keeps its recorded title and says it was renamed")
    func renamedStaffSheet() throws {
        let template = try Env.catalog().template("phu-luc")
        let plan = try FillablePlan.make(template: template, data: try Env.example(), period: nil, blankRows: 3)
        let dir = try Env.dir("layout-renamed")
        _ = try FillableWorkbook(plan: plan, options: .init(unit: "Xã Bản Bo")).write(to: dir + "/pl.xlsx")
        let sheet = TableLayout(template: template, values: PlaceholderValues(report: plan.report)).sheetName
        try Env.edit(dir + "/pl.xlsx", [["op": "rename_sheet", "sheet": sheet, "name": "Xã Bản Bo"]], to: dir + "/pl-renamed.xlsx")
        let original = try Env.importFile(dir + "/pl.xlsx")
        let renamed = try Env.importFile(dir + "/pl-renamed.xlsx")
        let title = try #require(renamed.report.tables.first).title
        #expect(!title.contains { $0.contains("Đơn vị báo cáo") }, "\(title)")
        #expect(title == original.report.tables.first?.title)
        #expect(renamed.report.tables.first?.id == original.report.tables.first?.id)
        let f = try #require(renamed.findings.first { $0.code == "sheet-renamed" })
        #expect(f.message.en.contains("\"\(sheet)\" was renamed \"Xã Bản Bo\""))
    }

    @Test("A deleted table sheet and a sheet added by hand are not taken for a renamed sheet")
    func deletedAndAddedIsNotRenamed() throws {
        let dir = try Env.dir("layout-not-renamed")
        try Env.exportXLSX(try Env.example(), to: dir + "/all.xlsx")
        _ = try ExternalTools.python("""
        import openpyxl, sys
        wb = openpyxl.load_workbook(sys.argv[1])
        wb.remove(wb["Biểu 02"])
        wb.create_sheet("Ghi chú")["A1"] = "Bảng tính của xã"
        wb.save(sys.argv[2])
        """, [dir + "/all.xlsx", dir + "/edited.xlsx"])
        let result = try Env.importFile(dir + "/edited.xlsx")
        #expect(!result.findings.contains { $0.code == "sheet-renamed" })
        #expect(result.imported.map(\.table.id).sorted() == ["bieu-01", "phu-luc"])
        #expect(result.summary.errors == 0, "\(result.findings.filter { $0.severity == .error }.map { $0.line(.en) })")
    }

    @Test("A formula replaced by a number is reported as such, at its cell")
    func formulaReplaced() throws {
        // A row whose ratio the data leaves to the formula.
        var report = try Env.example()
        let t = try #require(report.tables.firstIndex { $0.id == "phu-luc" })
        let k = try #require(report.tables[t].rows.firstIndex {
            $0.kind == .indicator && $0.cells["th_nam"]?.value.numericValue != nil && $0.cells["kh_nam"]?.value.numericValue != nil
        })
        report.tables[t].rows[k].cells["ss_th_kh"] = nil
        let row = report.tables[t].rows[k]
        let dir = try Env.dir("layout-formula")
        try Env.exportXLSX(report, tables: ["phu-luc"], to: dir + "/pl.xlsx")
        let r = try Env.sheetRow(report, "phu-luc", row.id)
        try Env.edit(dir + "/pl.xlsx", [["op": "set", "sheet": "Phụ lục", "cell": "F\(r)", "value": 12.5]], to: dir + "/pl-typed.xlsx")
        let result = try Env.importFile(dir + "/pl-typed.xlsx", options: ImportOptions(base: report))
        let f = try #require(result.findings.first { $0.code == "formula-replaced" }, "\(result.findings.map { $0.line(.en) })")
        #expect(f.location?.description == "Phụ lục!F\(r)")
        #expect(f.severity == .warning)
        #expect(f.message.en.contains("replaced by the value \"12.5\""), "\(f.message.en)")
        // An untouched export has none.
        let clean = try Env.importFile(dir + "/pl.xlsx", options: ImportOptions(base: report))
        #expect(!clean.findings.contains { $0.code == "formula-replaced" })
    }

    @Test("Rows inserted above the header of bieu's own workbook are reported as such")
    func rowsInsertedAboveHeader() throws {
        let report = try Env.example()
        let dir = try Env.dir("layout-shifted")
        try Env.exportXLSX(report, tables: ["phu-luc"], to: dir + "/pl.xlsx")
        try Env.edit(dir + "/pl.xlsx", [["op": "insert_rows", "sheet": "Phụ lục", "row": 1, "count": 2]], to: dir + "/pl-shifted.xlsx")
        let result = try Env.importFile(dir + "/pl-shifted.xlsx", options: ImportOptions(base: report))
        let t = try #require(result.imported.first)
        #expect(t.located.distance.rowsShifted == 2)
        let f = try #require(result.findings.first { $0.code == "layout-rows-shifted" })
        #expect(f.message.en.contains("2 rows inserted above it"), "\(f.message.en)")
        #expect(result.diff?.tables.allSatisfy { $0.changes.isEmpty && $0.addedRows.isEmpty && $0.removedRows.isEmpty } == true)
    }

    @Test("bieu's own exports match their layout exactly: no distance, no unused cells")
    func ownExportsAtZeroDistance() throws {
        let report = try Env.example()
        let dir = try Env.dir("layout-own")
        try Env.exportXLSX(report, to: dir + "/all.xlsx")
        let result = try Env.importFile(dir + "/all.xlsx")
        #expect(result.imported.count == 3)
        for t in result.imported { #expect(t.located.distance.isZero, "\(t.located.distance.lines(.en, template: t.located.template))") }
        let codes: Set<String> = ["layout-rows-shifted", "layout-columns-moved", "layout-header-differs", "cell-outside-table", "unmapped-column", "extra-column"]
        #expect(!result.findings.contains { codes.contains($0.code) }, "\(result.findings.filter { codes.contains($0.code) }.map { $0.line(.en) })")
    }
}
