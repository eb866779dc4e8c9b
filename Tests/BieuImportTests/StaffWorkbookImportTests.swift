import BieuCore
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// Staff workbooks (`bieu template`) filled the way people fill them, re-saved by
/// LibreOffice (which recalculates every formula), and imported back.
@Suite("Staff workbooks back through import", .serialized)
struct StaffWorkbookImportTests {
    func make(_ template: String, data: Report?, period: Int? = nil, blankRows: Int = 30) throws -> (path: String, plan: FillablePlan) {
        let plan = try FillablePlan.make(template: try Env.catalog().template(template), data: data, period: period, blankRows: blankRows)
        let path = try Env.dir("staff") + "/\(template).xlsx"
        _ = try FillableWorkbook(plan: plan).write(to: path)
        return (path, plan)
    }

    @Test("A person's session on the 2025 Biểu 01: every value, the new row, the deleted row, no stored ratios")
    func scenario() throws {
        let data = try Env.example()
        let made = try make("bieu-01", data: data, period: 2025)
        let scenario = StaffScenario.bieu01NextYear
        let filled = try scenario.apply(to: made.path)
        let saved = try LibreOfficeRecalc.convert(filled.path, to: "xlsx", extension: "xlsx")
        let result = try Env.importFile(saved)
        #expect(result.summary.errors == 0, "\(result.findings.filter { $0.severity == .error }.map { $0.line(.en) })")
        let table = try #require(result.report.table("bieu-01"))
        #expect(result.report.period.year == 2025)
        for (id, columns) in scenario.expected {
            let row = try #require(table.row(id), "\(id)")
            for (column, want) in columns {
                if column == "note" {
                    #expect(row.note == want)
                } else if let d = Decimal(string: want) {
                    #expect(row.cells[column]?.value.numericValue == d, "\(id) \(column): \(row.cells[column]?.text ?? "∅")")
                } else {
                    #expect(row.cells[column]?.text == want, "\(id) \(column)")
                }
            }
        }
        for id in scenario.deletedIDs { #expect(table.row(id) == nil) }
        let inserted = table.rows.filter { scenario.insertedNames.contains($0.name) }
        #expect(inserted.count == 1)
        #expect(inserted.first?.cells["th_nam"]?.value == .number(12))
        // The So sánh columns are live formulas in the workbook: derived, not data.
        for row in table.rows {
            for c in ["ss_th_kh", "ss_gd_nq", "ss_uoc_nq"] where row.cells[c] != nil {
                Issue.record("\(row.id) holds a stored \(c) = \(row.cells[c]!.text)")
            }
        }
        // Empty slot rows offered for new entries do not come back as rows.
        #expect(!table.rows.contains { made.plan.slotRowIDs.contains($0.id) && $0.name.isEmpty })
    }

    @Test("An untouched 2025 workbook imports without errors, holding only what was carried over")
    func untouchedNextYear() throws {
        let data = try Env.example()
        let made = try make("bieu-01", data: data, period: 2025)
        let saved = try LibreOfficeRecalc.convert(made.path, to: "xlsx", extension: "xlsx")
        let result = try Env.importFile(saved)
        #expect(result.summary.errors == 0)
        let table = try #require(result.report.table("bieu-01"))
        let carried = Set(made.plan.template.columns.compactMap { $0.carry != nil ? $0.id : nil })
        for row in table.rows {
            for column in row.cells.columns { #expect(carried.contains(column), "\(row.id) has \(column)") }
        }
        #expect(table.rows.count == made.plan.table.rows.filter { !made.plan.slotRowIDs.contains($0.id) }.count)
    }

    @Test("An untouched same-year workbook imports to exactly the data it was made from")
    func sameYearExact() throws {
        let data = try Env.example()
        for id in ["phu-luc", "bieu-01", "bieu-02"] {
            let made = try make(id, data: data, period: 2024, blankRows: 0)
            let saved = try LibreOfficeRecalc.convert(made.path, to: "xlsx", extension: "xlsx")
            let result = try Env.importFile(saved, options: ImportOptions(base: data, strategy: .replace))
            let diff = try #require(result.diff)
            #expect(diff.isEmpty, "\(id): \(diff.text(.en))")
        }
    }

    @Test("A blank workbook: filled rows come back with their typed names, empty ones do not, ratios are derived")
    func blank() throws {
        let made = try make("phu-luc", data: nil, blankRows: 4)
        let slots = made.plan.slotRowIDs
        let filled = try StaffFill.apply(made.path, sheet: "Phụ lục", [
            .text(id: slots[0], column: "B", "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân"),
            .text(id: slots[0], column: "C", "%"),
            .number(id: slots[0], column: "D", 16.9), .number(id: slots[0], column: "E", 16.75),
            .text(id: slots[1], column: "B", "Thu ngân sách trên địa bàn"),
            .number(id: slots[1], column: "D", 48), .text(id: slots[1], column: "E", "48,1"),
        ])
        let saved = try LibreOfficeRecalc.convert(filled.path, to: "xlsx", extension: "xlsx")
        let result = try Env.importFile(saved)
        #expect(result.summary.errors == 0, "\(result.findings.map { $0.line(.en) })")
        let table = try #require(result.report.table("phu-luc"))
        #expect(table.rows.map(\.name) == ["Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân", "Thu ngân sách trên địa bàn"])
        #expect(table.rows[1].cells["th_nam"]?.value == .number(Decimal(string: "48.1")!))
        #expect(table.rows.allSatisfy { $0.cells["ss_th_kh"] == nil })
    }

    @Test("Edits to locked cells are findings naming the cell, what was sent and what came back; no ratio empties")
    func lockedCellsEdited() throws {
        let data = try Env.example()
        let made = try make("bieu-01", data: data, blankRows: 0)
        // Someone lifted the protection and typed over given information (openpyxl, as a person with the sheet
        // unprotected): STT, the indicator's name, its unit and its target; and a heading's empty value cell.
        let filled = try StaffFill.apply(made.path, sheet: "Biểu 01", [
            .text(id: "b01-001", column: "A", "1a"),
            .text(id: "b01-001", column: "B", "Thu nhập bình quân đầu người"),
            .text(id: "b01-001", column: "C", "Nghìn đồng"),
            .number(id: "b01-001", column: "E", 40),
            .number(id: "b01-a", column: "E", 5),
            .number(id: "b01-003", column: "E", 41100),   // the same number typed again: no change
        ])
        for path in [filled.path, try LibreOfficeRecalc.convert(filled.path, to: "xlsx", extension: "xlsx")] {
            let result = try Env.importFile(path, options: ImportOptions(base: data))
            // The printed ratio of the edited row follows its new numbers instead of emptying.
            let table = try #require(result.report.table("bieu-01"))
            let row = try #require(table.row("b01-001"))
            #expect(row.cells["ss_th_kh"]?.value.numericValue == 115, "\(row.cells["ss_th_kh"]?.text ?? "∅")")
            #expect(result.findings.contains { $0.code == "derived-recomputed" && $0.rowID == "b01-001" && $0.columnID == "ss_th_kh" })
            // Nothing the data held is lost: every base value is still there (changed or not).
            let base = try #require(data.table("bieu-01"))
            for baseRow in base.rows {
                let back = try #require(table.row(baseRow.id))
                for (column, _) in baseRow.cells { #expect(back.cells[column] != nil, "\(baseRow.id) \(column) emptied") }
            }
            let locked = result.findings.filter { $0.code == "locked-changed" }
            let row7 = filled.rows["b01-001"]!.row, row6 = filled.rows["b01-a"]!.row
            #expect(locked.map { $0.location?.description ?? "" } == ["Biểu 01!E\(row6)", "Biểu 01!A\(row7)", "Biểu 01!B\(row7)", "Biểu 01!C\(row7)", "Biểu 01!E\(row7)"],
                    "\(locked.map { $0.line(.en) })")
            #expect(locked.allSatisfy { $0.severity == .warning })
            let target = try #require(locked.first { $0.columnID == "kh_nam" && $0.rowID == "b01-001" })
            #expect(target.message.en.contains("sent as \"46\", came back as \"40\""), "\(target.message.en)")
            #expect(target.message.vi.contains("khi gửi đi là \"46\", nhận về \"40\""), "\(target.message.vi)")
            let name = try #require(locked.first { $0.columnID == "name" })
            #expect(name.message.en.contains("\"Thu nhập bình quân đầu người/năm\"") && name.message.en.contains("\"Thu nhập bình quân đầu người\""))
            #expect(locked.first { $0.rowID == "b01-a" }?.message.en.contains("sent as (empty), came back as \"5\"") == true)
        }
        // An untouched workbook: no locked cell is reported.
        let untouched = try Env.importFile(made.path, options: ImportOptions(base: data))
        #expect(!untouched.findings.contains { $0.code == "locked-changed" || $0.code == "derived-recomputed" },
                "\(untouched.findings.filter { $0.code == "locked-changed" }.map { $0.line(.en) })")
    }

    @Test("An edited title line of a staff workbook (made for one unit) is a finding at its cell; an untouched one gives none")
    func titleEdited() throws {
        let data = try Env.example()
        let plan = try FillablePlan.make(template: try Env.catalog().template("bieu-01"), data: data, blankRows: 0)
        let path = try Env.dir("staff-title") + "/bieu-01.xlsx"
        _ = try FillableWorkbook(plan: plan, options: .init(unit: "Xã Bản Bo")).write(to: path)
        let untouched = try Env.importFile(path, options: ImportOptions(base: data))
        #expect(!untouched.findings.contains { $0.code == "title-changed" }, "\(untouched.findings.filter { $0.code == "title-changed" }.map { $0.line(.en) })")
        // openpyxl, as a person who lifted the protection: the second title line retyped.
        let edited = try Env.dir("staff-title") + "/edited.xlsx"
        _ = try ExternalTools.python("""
        import openpyxl, sys
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["Biểu 01"]
        ws["A2"] = "KẾT QUẢ ĐÃ SỬA"
        wb.save(sys.argv[2])
        """, [path, edited])
        let result = try Env.importFile(edited, options: ImportOptions(base: data))
        let title = result.findings.filter { $0.code == "title-changed" }
        #expect(title.map { $0.location?.description ?? "" } == ["Biểu 01!A2"], "\(title.map { $0.line(.en) })")
        #expect(title.first?.severity == .warning)
        #expect(title.first?.message.en.contains("came back \"KẾT QUẢ ĐÃ SỬA\"") == true, "\(title.first?.message.en ?? "")")
    }

    @Test("A carried target changed in a next-year workbook is a finding; the records say what was sent")
    func carriedCellEdited() throws {
        let data = try Env.example()
        let made = try make("bieu-01", data: data, period: 2025)
        let filled = try StaffFill.apply(made.path, sheet: "Biểu 01", [.number(id: "b01-001", column: "E", 60), .number(id: "b01-001", column: "F", 52.5)])
        let result = try Env.importFile(filled.path)
        let locked = result.findings.filter { $0.code == "locked-changed" }
        #expect(locked.count == 1, "\(locked.map { $0.line(.en) })")
        #expect(locked.first?.columnID == "kh_nam" && locked.first?.location?.description == "Biểu 01!E\(filled.rows["b01-001"]!.row)")
        #expect(locked.first?.message.en.contains("came back as \"60\"") == true, "\(locked.first?.message.en ?? "")")
        // th_nam is an input cell: typing there is no finding.
        #expect(!locked.contains { $0.columnID == "th_nam" })
    }
}
