import BieuCore
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing
@testable import BieuExport

/// Excel's ROUND: half away from zero, on the exact decimal.
func excelRound(_ x: Decimal, _ places: Int) -> Decimal { DecimalFormatting.rounded(x, scale: places) }

@Suite("Staff workbooks in LibreOffice: recalculation, re-save, a person's edits", .serialized)
struct FillableLibreOfficeTests {
    /// The _bieu rows without trailing empty cells.
    func records(_ wb: StaffInspection) throws -> [[String]] {
        try #require(wb.sheet("_bieu")?.rows).map { row in
            var r = row
            while r.last == "" { r.removeLast() }
            return r
        }.filter { !$0.isEmpty }
    }

    @Test("LibreOffice recalculates the live ratios (lower is better per row) and keeps ids, records, names, validations and protection")
    func recalculateAndResave() throws {
        let data = try StaffFixture.report()
        let made = try StaffFixture.make("phu-luc", data: data, period: 2025, unit: "Xã Bản Bo")
        let before = try StaffInspection.load(made.path)
        // Phụ lục: D Kế hoạch năm 2025 (carried), E Thực hiện năm 2025, F So sánh.
        let filled = try StaffFill.apply(made.path, sheet: "Phụ lục", [
            .number(id: "pl-001", column: "E", 52.5),      // 52,5 / 50
            .number(id: "pl-022", column: "E", 14.5),      // malnutrition: 14,98 / 14,5 (lower is better)
            .number(id: "pl-005", column: "E", 60),        // 60 / 51,82
            .text(id: "pl-003", column: "E", "41160,5"),   // typed as text: no ratio
        ])
        let saved = try LibreOfficeRecalc.convert(filled.path, to: "xlsx", extension: "xlsx")
        let after = try StaffInspection.load(saved)
        let sheet = try #require(after.sheet("Phụ lục"))
        let rows = StaffFixture.rowsByID(sheet, idColumn: "I")
        func ratio(_ id: String) -> JSONScalar { sheet.cells["F\(rows[id]!)"]?.cached ?? .null }
        #expect(ratio("pl-001") == .number(excelRound(Decimal(string: "52.5")! / 50 * 100, 1).correctlyRoundedDouble))
        #expect(ratio("pl-022") == .number(excelRound(Decimal(string: "14.98")! / Decimal(string: "14.5")! * 100, 1).correctlyRoundedDouble))
        #expect(ratio("pl-005") == .number(excelRound(Decimal(60) / Decimal(string: "51.82")! * 100, 1).correctlyRoundedDouble))
        #expect([.null, .string("")].contains(ratio("pl-003")))
        #expect(sheet.cells["E\(rows["pl-003"]!)"]?.value == .string("41160,5"))

        // Identity survives the re-save.
        #expect(rows == StaffFixture.rowsByID(try #require(before.sheet("Phụ lục")), idColumn: "I"))
        #expect(try records(after) == records(before))
        #expect(after.sheet("_bieu")?.state == "hidden", "LibreOffice has no very hidden state: the sheet comes back hidden")
        for name in ["bieu_template", "bieu_template_version", "bieu_table", "bieu_year", "bieu_period", "bieu_unit", "bieu_list_danh_gia", "bieu_list_don_vi", "bieu_data"] {
            #expect(after.defined_names[name] == before.defined_names[name], "\(name)")
        }
        #expect(after.custom["bieu.unit"] == "Xã Bản Bo")
        let b = try #require(before.sheet("Phụ lục"))
        #expect(sheet.hidden_columns == ["I"])
        #expect(sheet.validations.count == b.validations.count)
        #expect(sheet.conditional.count == b.conditional.count)
        #expect(sheet.protection.sheet && !sheet.protection.formatRows && !sheet.protection.autoFilter && sheet.protection.formatColumns)
        for (ref, cell) in b.cells where !cell.locked { #expect(sheet.cells[ref]?.locked == false, "\(ref) stays unlocked") }

        // The same values through LibreOffice's CSV export of the table sheet.
        let csvPath = try LibreOfficeRecalc.convert(filled.path, to: LibreOfficeRecalc.csvFilter(sheet: 2), extension: "csv")
        let csv = parseCSVForTest(try String(contentsOfFile: csvPath, encoding: .utf8))
        let byID = Dictionary(csv.compactMap { r in r.count > 8 && !r[8].isEmpty ? (r[8], r) : nil }, uniquingKeysWith: { a, _ in a })
        #expect(byID["pl-001"]?[5] == "105")
        #expect(byID["pl-022"]?[5] == "103.3")
        #expect(byID["pl-005"]?[5] == "115.8")
        #expect(byID["pl-003"]?[4] == "41160,5" && byID["pl-003"]?[5] == "")
        #expect(csv.prefix(6).contains { $0.first == "Đơn vị báo cáo: Xã Bản Bo" })
    }

    @Test("A person's session (typing, inserting, sorting, moving, deleting rows) keeps every id with its row, through a LibreOffice re-save")
    func personEdits() throws {
        let data = try StaffFixture.report()
        let made = try StaffFixture.make("bieu-01", data: data, period: 2025)
        let scenario = StaffScenario.bieu01NextYear
        let filled = try scenario.apply(to: made.path)
        let source = try #require(data.table("bieu-01"))
        let names = Dictionary(source.rows.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        // What openpyxl left: ids with their names, the inserted row without an id, the deleted row gone.
        for (id, state) in filled.rows { #expect(state.cells["B"] ?? .null == (names[id].map { $0.isEmpty ? JSONScalar.null : .string($0) } ?? .null), "\(id)") }
        #expect(filled.unidentified.map { $0.cells["B"] } == [.string("Diện tích trồng mắc ca")])
        #expect(filled.rows["b01-020"] == nil)
        #expect(filled.rows["b01-003"]!.row > filled.rows["b01-005"]!.row, "the sorted block moved rows")
        #expect(filled.rows["b01-013"]!.row < filled.rows["b01-011"]!.row, "the moved row sits before b01-011")

        let saved = try LibreOfficeRecalc.convert(filled.path, to: "xlsx", extension: "xlsx")
        let wb = try StaffInspection.load(saved)
        let sheet = try #require(wb.sheet("Biểu 01"))
        let rows = StaffFixture.rowsByID(sheet, idColumn: "N")
        #expect(Set(rows.keys) == Set(source.rows.map(\.id)).subtracting(scenario.deletedIDs))
        for (id, r) in rows {
            #expect(sheet.cells["B\(r)"]?.value ?? .null == (names[id]!.isEmpty ? .null : .string(names[id]!)), "\(id) keeps its name")
            let row = source.rows.first { $0.id == id }!
            if [RowKind.indicator, .subIndicator, .bullet].contains(row.kind) {
                // Each live formula reads its own row.
                #expect(sheet.cells["J\(r)"]?.value == .string("=IF(COUNT(F\(r),E\(r))<2,\"\",IFERROR(ROUND(F\(r)/E\(r)*100,1),\"\"))"), "\(id)")
            }
        }
        #expect(sheet.cells["F\(rows["b01-001"]!)"]?.value == .number(52.5))
        #expect(sheet.cells["J\(rows["b01-001"]!)"]?.cached == .number(105))
        #expect(sheet.cells["J\(rows["b01-003"]!)"]?.cached == .number(excelRound(Decimal(41000) / 40620 * 100, 1).correctlyRoundedDouble))
        #expect(sheet.cells["F\(rows["b01-004"]!)"]?.value == .string("2300,5"))
        #expect(sheet.cells["F\(rows["b01-007"]!)"]?.value == .string(">5"))
        #expect(sheet.cells["M\(rows["b01-008"]!)"]?.value == .string("Số liệu ước tính đến 30/11"))
        let inserted = sheet.cells.filter { $0.value.value == .string("Diện tích trồng mắc ca") }.map(\.key)
        #expect(inserted.count == 1)
        if let ref = inserted.first {
            let r = ref.dropFirst()
            #expect(sheet.cells["N\(r)"] == nil || sheet.cells["N\(r)"]?.value == .null, "an inserted row has no id")
            #expect(sheet.cells["F\(r)"]?.value == .number(12))
        }
        #expect(try records(wb) == records(try StaffInspection.load(made.path)))
    }

    @Test("A blank workbook: the ratio's direction follows the name staff type")
    func blankDirectionByName() throws {
        let made = try StaffFixture.make("phu-luc", data: nil, blankRows: 4)
        let slots = made.plan.slotRowIDs
        // Phụ lục: B name, C unit, D plan, E actual, F ratio.
        let filled = try StaffFill.apply(made.path, sheet: "Phụ lục", [
            .text(id: slots[0], column: "B", "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân"),
            .number(id: slots[0], column: "D", 16.9), .number(id: slots[0], column: "E", 16.75),
            .text(id: slots[1], column: "B", "Thu ngân sách trên địa bàn"),
            .number(id: slots[1], column: "D", 48), .number(id: slots[1], column: "E", 48.1),
            .text(id: slots[2], column: "B", "Mức giảm tỷ lệ hộ nghèo"),
            .number(id: slots[2], column: "D", 6), .number(id: slots[2], column: "E", 6.25),
        ])
        let saved = try LibreOfficeRecalc.convert(filled.path, to: "xlsx", extension: "xlsx")
        let sheet = try #require(try StaffInspection.load(saved).sheet("Phụ lục"))
        let rows = StaffFixture.rowsByID(sheet, idColumn: "I")
        func ratio(_ i: Int) -> JSONScalar { sheet.cells["F\(rows[slots[i]]!)"]?.cached ?? .null }
        #expect(ratio(0) == .number(excelRound(Decimal(string: "16.9")! / Decimal(string: "16.75")! * 100, 1).correctlyRoundedDouble), "lower is better")
        #expect(ratio(1) == .number(excelRound(Decimal(string: "48.1")! / 48 * 100, 1).correctlyRoundedDouble))
        #expect(ratio(2) == .number(excelRound(Decimal(string: "6.25")! / 6 * 100, 1).correctlyRoundedDouble), "“mức giảm” is an exception")
        #expect([.null, .string("")].contains(ratio(3)))
    }

    @Test("Biểu 02: the suggested assessment follows the ratio as staff type; a chosen one stays")
    func assessmentSuggestion() throws {
        let data = try StaffFixture.report()
        let made = try StaffFixture.make("bieu-02", data: data, period: 2025)
        let t = made.plan.template
        let luyKe = StaffFixture.letter(t, "luy_ke"), ratio = StaffFixture.letter(t, "ty_le"), assess = StaffFixture.letter(t, "danh_gia")
        // b02-073: target 70; b02-093: target 100; b02-011: target 1022.
        let filled = try StaffFill.apply(made.path, sheet: "Biểu 02", [
            .number(id: "b02-073", column: luyKe, 80),
            .number(id: "b02-093", column: luyKe, 50),
            .number(id: "b02-011", column: luyKe, 10),
            .text(id: "b02-093", column: assess, "Đạt"),
        ])
        let saved = try LibreOfficeRecalc.convert(filled.path, to: "xlsx", extension: "xlsx")
        let sheet = try #require(try StaffInspection.load(saved).sheet("Biểu 02"))
        let rows = StaffFixture.rowsByID(sheet, idColumn: CellAddress.columnLetters(t.columns.count))
        let r73 = rows["b02-073"]!, r93 = rows["b02-093"]!
        #expect(sheet.cells["\(ratio)\(r73)"]?.cached == .number(excelRound(Decimal(80) / 70 * 100, 1).correctlyRoundedDouble))
        #expect(sheet.cells["\(assess)\(r73)"]?.cached == .string("Vượt"))
        #expect(sheet.cells["\(ratio)\(r93)"]?.cached == .number(50))
        #expect(sheet.cells["\(assess)\(r93)"]?.value == .string("Đạt"), "what staff chose stays")
        let r11 = rows["b02-011"]!
        #expect(sheet.cells["\(ratio)\(r11)"]?.cached == .number(excelRound(Decimal(10) / 1022 * 100, 1).correctlyRoundedDouble))
        #expect(sheet.cells["\(assess)\(r11)"]?.cached == .string("Chưa đạt"))
    }

    @Test("LibreOffice itself: protected sheets, locked and unlocked cells, dropdowns that resolve to their lists, live ratios and suggestions")
    func libreOfficeUnderstands() throws {
        let data = try StaffFixture.report()
        let b02 = try StaffFixture.make("bieu-02", data: data, period: 2025)
        let t = b02.plan.template
        let idColumn = CellAddress.columnLetters(t.columns.count)
        let rows = StaffFixture.rowsByID(try #require(try StaffInspection.load(b02.path).sheet("Biểu 02")), idColumn: idColumn)
        let r = try #require(rows["b02-073"])
        let assess = "\(StaffFixture.letter(t, "danh_gia"))\(r)", luyKe = "\(StaffFixture.letter(t, "luy_ke"))\(r)"
        let ratio = "\(StaffFixture.letter(t, "ty_le"))\(r)", name = "B\(r)"
        let lo = try LibreOfficeStaffCheck.run(b02.path, sheet: "Biểu 02", cells: [assess, luyKe, ratio, name],
                                               lists: ["bieu_list_danh_gia", "bieu_list_don_vi"], type: [(luyKe, .number(80))], read: [ratio, assess])
        #expect(lo.sheets["Biểu 02"]?.protected == true && lo.sheets["Hướng dẫn"]?.protected == true)
        #expect(lo.sheets["_bieu"]?.visible == false)
        #expect(lo.cells[assess]?.locked == false && lo.cells[luyKe]?.locked == false)
        #expect(lo.cells[ratio]?.locked == true && lo.cells[name]?.locked == true)
        #expect(lo.cells[assess]?.validation.type == "LIST" && lo.cells[assess]?.validation.formula1 == "bieu_list_danh_gia")
        #expect(lo.cells[assess]?.validation.show_list != 0)
        #expect(lo.cells[luyKe]?.validation.type == "DECIMAL")
        #expect(lo.lists["bieu_list_danh_gia"] == ["Đạt", "Vượt", "Chưa đạt", "Không đạt"])
        #expect(lo.lists["bieu_list_don_vi"]?.first == "%")
        #expect(lo.after[ratio]?.value == excelRound(Decimal(80) / 70 * 100, 1).correctlyRoundedDouble)
        #expect(lo.after[assess]?.string == "Vượt")

        // The command of the brief: Biểu 01 from the data as it is: So sánh recalculates as a value is retyped.
        let b01 = try StaffFixture.make("bieu-01", data: data)
        let rows1 = StaffFixture.rowsByID(try #require(try StaffInspection.load(b01.path).sheet("Biểu 01")), idColumn: "N")
        let r1 = try #require(rows1["b01-001"])
        let lo1 = try LibreOfficeStaffCheck.run(b01.path, sheet: "Biểu 01", cells: ["F\(r1)", "J\(r1)"], type: [("F\(r1)", .number(52.5))], read: ["J\(r1)"])
        #expect(lo1.sheets["Biểu 01"]?.protected == true)
        #expect(lo1.cells["F\(r1)"]?.locked == false && lo1.cells["J\(r1)"]?.locked == true)
        let kh = try #require(data.table("bieu-01")?.row("b01-001")?.cells["kh_nam"]?.value.numericValue)
        #expect(lo1.after["J\(r1)"]?.value == excelRound(Decimal(string: "52.5")! / kh * 100, 1).correctlyRoundedDouble)
    }
}
