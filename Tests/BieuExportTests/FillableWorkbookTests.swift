import BieuCore
import BieuModel
import BieuTemplates
import BieuTestSupport
import BieuXLSXWriter
import Foundation
import Testing
@testable import BieuExport

/// Staff workbooks made from the Tam Đường example.
enum StaffFixture {
    static let example = Fixture.root + "/Examples/tam-duong-2024.json"
    static func report() throws -> Report { try ReportJSON.load(path: example) }

    struct Made {
        var path: String
        var plan: FillablePlan
        var notices: [FillableNotice]
    }

    static func make(_ templateID: String, data: Report?, period: Int? = nil, unit: String? = nil, password: String? = nil,
                     blankRows: Int = 30, extraRows: Int = 0, blank: Report = Report(period: .year(2025))) throws -> Made {
        let template = try Fixture.catalog().template(templateID)
        let plan = try FillablePlan.make(template: template, data: data, period: period, blank: blank, blankRows: blankRows, extraRows: extraRows)
        let dir = try ExternalTools.temporaryDirectory("staff")
        let path = dir + "/\(templateID).xlsx"
        let notices = try FillableWorkbook(plan: plan, options: .init(unit: unit, password: password)).write(to: path)
        return Made(path: path, plan: plan, notices: notices)
    }

    /// Row id → 1-based sheet row, from the hidden id column as openpyxl reads it.
    static func rowsByID(_ sheet: StaffInspection.Sheet, idColumn: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for (ref, cell) in sheet.cells where ref.hasPrefix(idColumn) && Int(ref.dropFirst(idColumn.count)) != nil {
            if case .string(let id) = cell.value, id != WorkbookMetadata.idHeader { out[id] = Int(ref.dropFirst(idColumn.count))! }
        }
        return out
    }

    static func letter(_ template: Template, _ id: String) -> String {
        CellAddress.columnLetters(template.columns.firstIndex { $0.id == id }!)
    }
}

@Suite("Staff workbooks: structure, as openpyxl reads it", .serialized)
struct FillableWorkbookTests {
    @Test("Biểu 01 for 2025 from the 2024 data: sheets, protection, locked and unlocked cells, hidden ids")
    func lockedStructure() throws {
        let data = try StaffFixture.report()
        let made = try StaffFixture.make("bieu-01", data: data, period: 2025, unit: "Xã Bản Bo")
        let wb = try StaffInspection.load(made.path)
        #expect(wb.sheets.map(\.name) == ["Hướng dẫn", "Biểu 01", "_bieu"])
        #expect(wb.sheets.map(\.state) == ["visible", "visible", "veryHidden"])
        #expect(wb.workbook_protection?.lockStructure == true)
        let sheet = try #require(wb.sheet("Biểu 01"))
        // openpyxl reads each flag as "protected".
        let p = sheet.protection
        #expect(p.sheet && p.password == nil)
        #expect(!p.formatRows && !p.autoFilter && !p.sort && !p.objects, "rows can be resized, filters and sorting used, comments added")
        #expect(p.formatCells && p.formatColumns && p.insertColumns && p.deleteColumns && p.insertRows && p.deleteRows)
        #expect(sheet.autofilter == "A6:O39", "the filter covers the hidden id columns, so sorting moves ids with rows")
        #expect(sheet.freeze == "A7")

        let template = made.plan.template
        let idColumn = CellAddress.columnLetters(template.columns.count)
        #expect(sheet.hidden_columns == [idColumn, CellAddress.columnLetters(template.columns.count + 1)], "bieu:id and bieu:row")
        let rows = StaffFixture.rowsByID(sheet, idColumn: idColumn)
        let source = try #require(data.table("bieu-01"))
        #expect(Set(rows.keys) == Set(source.rows.map(\.id)))
        // The ids are nowhere in the visible columns.
        let ids = Set(source.rows.map(\.id))
        for (ref, cell) in sheet.cells where !ref.hasPrefix(idColumn) {
            if case .string(let s) = cell.value { #expect(!ids.contains(s), "\(ref) shows a row id") }
        }
        #expect(sheet.cells["\(idColumn)8"]?.locked == true)
        // Title block and header: locked, no fill.
        for ref in ["A1", "A3", "A5", "F5", "J6"] {
            #expect(sheet.cells[ref]?.locked == true && sheet.cells[ref]?.fill == nil, "\(ref)")
        }
        #expect(sheet.cells["A3"]?.value == .string("Đơn vị báo cáo: Xã Bản Bo"))

        for row in source.rows {
            let r = try #require(rows[row.id])
            let valueRow = [RowKind.indicator, .subIndicator, .bullet].contains(row.kind)
            for (c, column) in template.columns.enumerated() {
                let ref = "\(CellAddress.columnLetters(c))\(r)"
                let cell = sheet.cells[ref]
                let expectInput: Bool
                switch column.field {
                case .stt, .name, .unit: expectInput = false
                case .note: expectInput = valueRow || row.kind == .group
                case .cell:
                    if column.kind == .computed { expectInput = false }
                    else if column.input { expectInput = valueRow }
                    else {
                        // Not an input column: open only where the carried value is missing.
                        let carried = column.carry.flatMap { row.cells[$0] }
                        expectInput = valueRow && carried == nil
                    }
                }
                if expectInput {
                    #expect(cell?.locked == false && cell?.fill == "FFF2CC", "\(ref) (\(row.id), \(column.id)) should be an input cell")
                } else {
                    #expect(cell == nil || cell!.locked, "\(ref) (\(row.id), \(column.id)) should be locked")
                    #expect(cell?.fill != "FFF2CC", "\(ref) is locked but shaded as input")
                }
                if column.kind == .computed && valueRow {
                    #expect(cell?.type == "f" && cell?.fill == "DDEBF7", "\(ref) should be a live formula, shaded blue")
                }
            }
            // Carry-over: KH năm 2025 is the 2024 "Kế hoạch năm 2025"; the term target stays; the rest is empty.
            let e = sheet.cells["E\(r)"]?.value ?? .null, d = sheet.cells["D\(r)"]?.value ?? .null
            #expect(e == expected(row.cells["kh_nam_sau"]), "\(row.id) KH năm 2025")
            #expect(d == expected(row.cells["mt_nq"]), "\(row.id) mục tiêu NQ")
            for col in ["F", "G", "H", "I", "M"] { #expect(sheet.cells["\(col)\(r)"]?.value ?? .null == .null, "\(row.id) \(col) should start empty") }
        }
    }

    func expected(_ cell: Cell?) -> JSONScalar {
        guard let cell else { return .null }
        switch cell.value {
        case .number(let d), .percent(let d), .perMille(let d): return .number(d.correctlyRoundedDouble)
        default: return .string(cell.text)
        }
    }

    @Test("Every input cell has a validation with a Vietnamese input message; numbers warn, notes stop, assessments offer the list")
    func validations() throws {
        let data = try StaffFixture.report()
        let b01 = try StaffFixture.make("bieu-01", data: data, period: 2025, unit: "Xã Bản Bo")
        let wb = try StaffInspection.load(b01.path)
        let sheet = try #require(wb.sheet("Biểu 01"))
        for (ref, cell) in sheet.cells where !cell.locked {
            let v = try #require(sheet.validation(at: ref), "input cell \(ref) has no validation")
            #expect(v.showInput && !(v.prompt ?? "").isEmpty && !(v.promptTitle ?? "").isEmpty, "\(ref)")
        }
        let rows = StaffFixture.rowsByID(sheet, idColumn: "N")
        // Thực hiện năm 2025 of "Thu nhập bình quân đầu người/năm" (Triệu đồng): a number, warning style.
        let f8 = try #require(sheet.validation(at: "F\(rows["b01-001"]!)"))
        #expect(f8.type == "decimal" && f8.errorStyle == "warning" && f8.showError)
        #expect(f8.promptTitle == "Thực hiện năm 2025")
        #expect(f8.prompt?.contains("Kết quả thực hiện năm 2025.") == true)
        #expect(f8.prompt?.contains("Đơn vị: Triệu đồng.") == true)
        #expect(f8.error?.contains("Yes (Có)") == true && f8.error?.contains("HTTNV") == true)
        #expect(f8.errorTitle == "Kiểm tra lại số liệu")
        // Ghi chú: at most 500 characters, a hard stop.
        let m8 = try #require(sheet.validation(at: "M\(rows["b01-001"]!)"))
        #expect(m8.type == "textLength" && m8.operator == "lessThanOrEqual" && m8.formula1 == "500")
        #expect(m8.errorStyle == nil || m8.errorStyle == "stop")
        #expect(m8.error?.contains("500") == true)

        let b02 = try StaffFixture.make("bieu-02", data: data, period: 2025)
        let wb2 = try StaffInspection.load(b02.path)
        let s2 = try #require(wb2.sheet("Biểu 02"))
        let t2 = b02.plan.template
        let idColumn = CellAddress.columnLetters(t2.columns.count)
        let rows2 = StaffFixture.rowsByID(s2, idColumn: idColumn)
        let assess = StaffFixture.letter(t2, "danh_gia"), luyKe = StaffFixture.letter(t2, "luy_ke")
        // Đánh giá: a dropdown from the list in _bieu, warning style; the cell holds the live suggestion.
        let r73 = try #require(rows2["b02-073"])
        let dv = try #require(s2.validation(at: "\(assess)\(r73)"))
        #expect(dv.type == "list" && dv.formula1 == "bieu_list_danh_gia" && !dv.dropdownHidden && dv.errorStyle == "warning")
        let listRef = try #require(wb2.defined_names["bieu_list_danh_gia"])
        let meta = try #require(wb2.sheet("_bieu")?.rows)
        let listRow = try #require(meta.firstIndex { $0.first == "list" })
        #expect(listRef == "_bieu!$C$\(listRow + 1):$F$\(listRow + 1)")
        #expect(Array(meta[listRow][2...5]) == ["Đạt", "Vượt", "Chưa đạt", "Không đạt"])
        #expect(s2.cells["\(assess)\(r73)"]?.type == "f", "the assessment starts as the live suggestion")
        #expect(s2.cells["\(assess)\(r73)"]?.locked == false)
        // Lũy kế of a row whose target is a number: decimal with warning; of a row whose target is a sentence: anything.
        let v73 = try #require(s2.validation(at: "\(luyKe)\(r73)"))
        #expect(v73.type == "decimal" && v73.errorStyle == "warning")
        let textual = try #require(data.table("bieu-02")?.rows.first { r in
            guard r.kind == .indicator, let c = r.cells["chi_tieu"], case .text = c.value else { return false }
            return true
        })
        let vt = try #require(s2.validation(at: "\(luyKe)\(rows2[textual.id]!)"))
        #expect(vt.type == nil || vt.type == "any", "\(textual.id): a sentence target accepts anything")
        #expect(!vt.showError)
    }

    @Test("Conditional formats: required cells still empty, implausible ratios, assessments that disagree")
    func conditionalFormats() throws {
        let data = try StaffFixture.report()
        let b01 = try StaffFixture.make("bieu-01", data: data, period: 2025)
        let sheet = try #require(try StaffInspection.load(b01.path).sheet("Biểu 01"))
        let rows = StaffFixture.rowsByID(sheet, idColumn: "N")
        let source = try #require(data.table("bieu-01"))
        let missing = sheet.conditional.filter { $0.fill == "F8CBAD" }
        #expect(missing.count == 1)
        let first = rows["b01-001"]!
        #expect(missing.first?.formula == ["LEN(TRIM(F\(first)))=0"])
        for row in source.rows {
            let covered = missing.first?.covers("F\(rows[row.id]!)") == true
            #expect(covered == [RowKind.indicator, .subIndicator, .bullet].contains(row.kind), "\(row.id)")
        }
        // So sánh: outside 0–300 % is highlighted, on every value row.
        for (column, letter) in [("ss_th_kh", "J"), ("ss_gd_nq", "K"), ("ss_uoc_nq", "L")] {
            let rule = try #require(sheet.conditional.first { $0.sqref.hasPrefix("\(letter)\(first)") }, "\(column)")
            #expect(rule.formula == ["AND(ISNUMBER(\(letter)\(first)),OR(\(letter)\(first)<0,\(letter)\(first)>300))"])
            #expect(rule.fill == "FFC7CE" && rule.font == "9C0006")
        }

        let b02 = try StaffFixture.make("bieu-02", data: data, period: 2025)
        let s2 = try #require(try StaffInspection.load(b02.path).sheet("Biểu 02"))
        let t2 = b02.plan.template
        let assess = StaffFixture.letter(t2, "danh_gia"), ratio = StaffFixture.letter(t2, "ty_le")
        let rule = try #require(s2.conditional.first { $0.sqref.hasPrefix(assess) })
        let start = String(rule.sqref.split(separator: " ")[0].split(separator: ":")[0])
        let r = start.dropFirst(assess.count)
        #expect(rule.formula.first?.contains("\(start)<>IF(COUNT(\(ratio)\(r))=0,\"\",IF(\(ratio)\(r)>100,\"Vượt\",IF(\(ratio)\(r)>=100,\"Đạt\",\"Chưa đạt\")))") == true,
                "\(rule.formula)")
        #expect(rule.fill == "FFC7CE")
    }

    @Test("Lower is better is handled per row: Phụ lục ratios of malnutrition rows divide plan by actual")
    func directionPerRow() throws {
        let data = try StaffFixture.report()
        let made = try StaffFixture.make("phu-luc", data: data, period: 2025)
        let sheet = try #require(try StaffInspection.load(made.path).sheet("Phụ lục"))
        let rows = StaffFixture.rowsByID(sheet, idColumn: "I")
        let lower = try #require(rows["pl-022"]), higher = try #require(rows["pl-016"])
        #expect(sheet.cells["F\(lower)"]?.value == .string("=IF(COUNT(D\(lower),E\(lower))<2,\"\",IFERROR(ROUND(D\(lower)/E\(lower)*100,1),\"\"))"))
        #expect(sheet.cells["F\(higher)"]?.value == .string("=IF(COUNT(E\(higher),D\(higher))<2,\"\",IFERROR(ROUND(E\(higher)/D\(higher)*100,1),\"\"))"))
        // Kế hoạch năm 2025 is the 2024 "Mục tiêu năm 2025".
        #expect(sheet.cells["D\(lower)"]?.value == .number(14.98))
    }

    @Test("A blank workbook: empty rows open in every column but the computed ones, direction follows the typed name")
    func blankWorkbook() throws {
        let blank = Report(issuer: "Huyện ủy Tam Đường", period: .year(2025), term: Term(start: 2020, end: 2025))
        let made = try StaffFixture.make("phu-luc", data: nil, blankRows: 12, blank: blank)
        #expect(made.plan.source == .blank && made.plan.slotRowIDs.count == 12)
        let wb = try StaffInspection.load(made.path)
        let sheet = try #require(wb.sheet("Phụ lục"))
        let rows = StaffFixture.rowsByID(sheet, idColumn: "I")
        #expect(rows.count == 12)
        for id in made.plan.slotRowIDs {
            let r = try #require(rows[id])
            for c in ["A", "B", "C", "D", "E", "G", "H"] {
                #expect(sheet.cells["\(c)\(r)"]?.locked == false, "\(c)\(r)")
            }
            let f = try #require(sheet.cells["F\(r)"])
            #expect(f.locked && f.type == "f")
            guard case .string(let formula) = f.value else { Issue.record("F\(r) has no formula"); continue }
            #expect(formula.hasPrefix("=IF(AND(OR(ISNUMBER(SEARCH(\"suy dinh dưỡng\",$B\(r))),"))
            #expect(formula.contains("NOT(OR(ISNUMBER(SEARCH(\"mức giảm\",$B\(r))),ISNUMBER(SEARCH(\"giảm tỷ lệ\",$B\(r)))))"))
        }
        // Đơn vị tính offers a list (a suggestion: other units are kept after an information alert).
        let unitRule = try #require(sheet.validation(at: "C\(rows[made.plan.slotRowIDs[0]]!)"))
        #expect(unitRule.type == "list" && unitRule.formula1 == "bieu_list_don_vi" && unitRule.errorStyle == "information")
        let unitList = try #require(wb.sheet("_bieu")?.rows?.first { $0.first == "list" && $0[1] == "don_vi" })
        #expect(Array(unitList[2...5]) == ["%", "‰", "ha", "tấn"])
        let unitRow = try #require(wb.sheet("_bieu")?.rows?.firstIndex { $0.first == "list" && $0[1] == "don_vi" })
        #expect(wb.defined_names["bieu_list_don_vi"] == "_bieu!$C$\(unitRow + 1):$\(CellAddress.columnLetters(1 + UnitList.common.count))$\(unitRow + 1)")
        // Empty rows have no row record (their kind follows what staff type), but a slot record each.
        let meta = try #require(wb.sheet("_bieu")?.rows)
        #expect(meta.filter { $0.first == "row" }.isEmpty)
        #expect(meta.filter { $0.first == "slot" }.map { $0[2] } == made.plan.slotRowIDs)
        #expect(meta.first { $0.first == "fillable" }.map { Array($0[1...5]) } == ["phu-luc", "blank", "", "", "Hướng dẫn"])
        // Required cells turn orange once a name is typed.
        let missing = try #require(sheet.conditional.first { $0.fill == "F8CBAD" })
        let first = rows[made.plan.slotRowIDs[0]]!
        #expect(missing.formula == ["AND(LEN(TRIM($B\(first)))>0,LEN(TRIM(E\(first)))=0)"])
    }

    @Test("The same period: every value pre-filled; printed ratios become live formulas only where they agree")
    func samePeriod() throws {
        let data = try StaffFixture.report()
        let made = try StaffFixture.make("phu-luc", data: data)
        #expect(made.plan.source == .samePeriod)
        let wb = try StaffInspection.load(made.path)
        let sheet = try #require(wb.sheet("Phụ lục"))
        let rows = StaffFixture.rowsByID(sheet, idColumn: "I")
        let meta = try #require(wb.sheet("_bieu")?.rows)
        let derived = Dictionary(meta.filter { $0.first == "derived" }.map { ($0[2], $0[4]) }, uniquingKeysWith: { a, _ in a })
        let template = made.plan.template
        let ss = try #require(template.column("ss_th_kh"))
        let source = try #require(data.table("phu-luc"))
        var kept = 0
        for row in source.rows where row.kind == .indicator {
            let r = try #require(rows[row.id])
            #expect(sheet.cells["E\(r)"]?.value == expected(row.cells["th_nam"]), "\(row.id) th_nam")
            guard let printed = row.cells["ss_th_kh"] else { continue }
            // Agrees: both operands are plain numbers on the sheet and the printed value rounds the same.
            func plain(_ c: Cell?) -> Bool {
                switch c?.value {
                case .number?, .percent?, .perMille?: return true
                default: return false
                }
            }
            let agrees = plain(row.cells["kh_nam"]) && plain(row.cells["th_nam"])
                && ComputedCheck.check(ss, row: row, template: template) == nil
            let cell = try #require(sheet.cells["F\(r)"])
            if agrees {
                #expect(cell.type == "f" && cell.locked, "\(row.id): agreeing printed ratio becomes a live formula")
                #expect(derived[row.id] == printed.text, "\(row.id): the printed text is recorded")
            } else {
                kept += 1
                #expect(!cell.locked && cell.fill == "FFF2CC", "\(row.id): a disagreeing ratio stays, editable")
                #expect(cell.value == expected(printed), "\(row.id)")
                if case .number = printed.value {
                    #expect(sheet.conditionals(at: "F\(r)").contains { $0.formula.first?.contains("ROUND(") == true }, "\(row.id) flagged when wrong")
                }
            }
        }
        #expect(kept == made.notices.filter { if case .computedKept = $0 { return true } else { return false } }.count)
        #expect(kept > 0)
    }

    @Test("Identity: _bieu records, defined names and properties say what the workbook is")
    func identity() throws {
        let data = try StaffFixture.report()
        let made = try StaffFixture.make("bieu-01", data: data, period: 2025, unit: "Xã Nà Tăm")
        let wb = try StaffInspection.load(made.path)
        let meta = try #require(wb.sheet("_bieu")?.rows)
        #expect(meta.first.map { Array($0[0...1]) } == ["bieu", "xlsx/3"])
        let reportJSON = try #require(meta.first { $0.first == "report" }?[1])
        let report = try ReportJSON.decode(Array(reportJSON.utf8))
        #expect(report.period.year == 2025 && report.number.isEmpty && report.date == nil && report.issuer == "Huyện ủy Tam Đường")
        #expect(report.term == Term(start: 2020, end: 2025))
        let table = try #require(meta.first { $0.first == "table" })
        #expect(Array(table[1...5]) == ["Biểu 01", "bieu-01", "bieu-01", "1", "[]"])
        let source = try #require(data.table("bieu-01"))
        // Each row's kind travels in its hidden bieu:row cell (empty for a plain indicator row).
        let tableSheet = try #require(wb.sheet("Biểu 01"))
        let rowNumbers = StaffFixture.rowsByID(tableSheet, idColumn: "N")
        #expect(tableSheet.cells.contains { $0.key.hasPrefix("O") && $0.value.value == .string(WorkbookMetadata.rowHeader) })
        for row in source.rows {
            let r = try #require(rowNumbers[row.id])
            let cell = tableSheet.cells["O\(r)"]?.value ?? .null
            if case .string(let text) = cell {
                #expect(RowIdentity.decode(text)?.kind == row.kind, "\(row.id)")
                #expect(RowIdentity.decode(text)?.direction == row.direction, "\(row.id)")
            } else {
                #expect(row.kind == .indicator && row.direction == nil, "\(row.id): no bieu:row cell for a \(row.kind.rawValue) row")
            }
        }
        #expect(!meta.contains { $0.first == "row" })
        #expect(meta.first { $0.first == "fillable" }.map { Array($0[1...5]) } == ["bieu-01", "next-period", "2024", "Xã Nà Tăm", "Hướng dẫn"])
        #expect(wb.defined_names["bieu_template"] == "\"bieu-01\"")
        #expect(wb.defined_names["bieu_template_version"] == "1")
        #expect(wb.defined_names["bieu_table"] == "\"bieu-01\"")
        #expect(wb.defined_names["bieu_year"] == "2025")
        #expect(wb.defined_names["bieu_period"] == "\"năm 2025\"")
        #expect(wb.defined_names["bieu_unit"] == "\"Xã Nà Tăm\"")
        #expect(wb.defined_names["bieu_data"] == "'Biểu 01'!$A$7:$O$39")
        #expect(wb.custom["bieu.kind"] == "fillable" && wb.custom["bieu.unit"] == "Xã Nà Tăm" && wb.custom["bieu.templates"] == "bieu-01")
    }

    @Test("The Hướng dẫn sheet: plain Vietnamese, the unit and period, the columns to fill, printable A4 portrait")
    func guide() throws {
        let data = try StaffFixture.report()
        let made = try StaffFixture.make("bieu-02", data: data, period: 2025, unit: "Xã Bản Bo")
        let dump = try OpenpyxlDump.load(made.path)
        let guide = try #require(dump.sheet("Hướng dẫn"))
        let texts = guide.cells.values.compactMap { c -> String? in if case .string(let s) = c.value { return s } else { return nil } }
        let all = texts.joined(separator: "\n")
        for phrase in ["HƯỚNG DẪN ĐIỀN BIỂU", "Đơn vị báo cáo: Xã Bản Bo", "Kỳ báo cáo: năm 2025", "1. Điền vào đâu", "ô nền vàng",
                       "3. Cách ghi số", "dấu phẩy: 31,4", "1.022", "4. Ý nghĩa màu", "6. Gửi lại", ".xlsx", "Enable Editing",
                       "Lũy kế thực hiện từ khi ban hành Đề án, Nghị quyết đến hết năm 2025 (bắt buộc)", "Đạt, Vượt, Chưa đạt, Không đạt"] {
            #expect(all.contains(phrase), "the guide should say \"\(phrase)\"")
        }
        #expect(guide.orientation == "portrait" && guide.paper == 9 && guide.fit_to_page == true)
        // Colour swatches are the workbook's colours.
        let wb = try StaffInspection.load(made.path)
        let fills = Set(try #require(wb.sheet("Hướng dẫn")).cells.values.compactMap(\.fill))
        #expect(fills == ["FFF2CC", "F8CBAD", "DDEBF7", "FFC7CE"])
        #expect(wb.sheet("Hướng dẫn")?.protection.sheet == true)
    }

    @Test("Password: the sheets and the structure carry Excel's verifier, the same one libxlsxwriter computes")
    func password() throws {
        let made = try StaffFixture.make("phu-luc", data: nil, password: "Tam-Duong 2025")
        let wb = try StaffInspection.load(made.path)
        let sheetHash = try #require(wb.sheet("Phụ lục")?.protection.password)
        #expect(wb.sheet("Hướng dẫn")?.protection.password == sheetHash)
        #expect(wb.workbook_protection?.password == sheetHash)
        #expect(XLSXPasswordHash.legacy("Tam-Duong 2025") == sheetHash)
        #expect(throws: ExportError.badPassword) {
            try StaffFixture.make("phu-luc", data: nil, password: "mật khẩu")
        }
    }

    @Test("The rewritten package is a sound zip: every entry's CRC checks, nothing lost")
    func soundPackage() throws {
        let made = try StaffFixture.make("bieu-01", data: try StaffFixture.report(), period: 2025)
        let out = try ExternalTools.python("""
        import sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        bad = z.testzip()
        print(bad or "ok")
        print(",".join(sorted(n for n in z.namelist())))
        """, [made.path])
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.first == "ok")
        #expect(lines.count > 1 && lines[1].contains("xl/workbook.xml") && lines[1].contains("xl/worksheets/sheet3.xml") && lines[1].contains("docProps/custom.xml"))
    }

    @Test("Making a workbook refuses what cannot work, naming it, and writes nothing")
    func refusals() throws {
        let data = try StaffFixture.report()
        let template = try Fixture.catalog().template("bieu-01")
        #expect(throws: ExportError.periodBeforeData(period: 2023, dataYear: 2024)) {
            try FillablePlan.make(template: template, data: data, period: 2023)
        }
        var two = data
        var copy = try #require(data.table("bieu-01"))
        copy.id = "bieu-01-b"
        two.tables.append(copy)
        #expect(throws: ExportError.severalTables(template: "bieu-01", ids: ["bieu-01", "bieu-01-b"])) {
            try FillablePlan.make(template: template, data: two)
        }
        #expect(try FillablePlan.make(template: template, data: two, tableID: "bieu-01-b").table.id == "bieu-01-b")
        let quy = try Fixture.catalog().template("quy-ubnd")
        #expect(throws: ExportError.self) { try FillablePlan.make(template: quy, data: data) }
        #expect(throws: ExportError.tooManyRows(limit: FillablePlan.maxSlotRows)) {
            try FillablePlan.make(template: template, data: nil, blankRows: FillablePlan.maxSlotRows + 1)
        }
        let dir = try ExternalTools.temporaryDirectory("refuse")
        let plan = try FillablePlan.make(template: template, data: data, period: 2025)
        #expect(throws: ExportError.self) {
            try FillableWorkbook(plan: plan, options: .init(unit: "Xã\u{7}Bản Bo")).write(to: dir + "/x.xlsx")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        #expect(ExportError.periodBeforeData(period: 2023, dataYear: 2024).message(.vi).contains("2023"))
    }

    @Test("Two years on: rows carry, values do not, and a term that has ended drops its targets")
    func laterPeriods() throws {
        let data = try StaffFixture.report()
        let template = try Fixture.catalog().template("bieu-01")
        let later = try FillablePlan.make(template: template, data: data, period: 2026)
        #expect(later.source == .laterPeriod)
        #expect(later.table.rows.allSatisfy { $0.cells.isEmpty && $0.note.isEmpty })
        #expect(later.table.rows.map(\.id) == data.table("bieu-01")!.rows.map(\.id))
        #expect(later.notices.contains(.noCarryOver(dataYear: 2024, year: 2026)))
        #expect(later.notices.contains(.termEnded(start: 2020, end: 2025, year: 2026)))
        #expect(later.report.term == nil)
        var shortTerm = data
        shortTerm.term = Term(start: 2019, end: 2024)
        let next = try FillablePlan.make(template: template, data: shortTerm, period: 2025)
        #expect(next.source == .nextPeriod)
        // Term-bound columns (Mục tiêu NQ ĐH) do not carry past the term; KH năm does.
        #expect(next.table.rows.allSatisfy { $0.cells["mt_nq"] == nil })
        #expect(next.table.rows.contains { $0.cells["kh_nam"] != nil })
    }

    @Test("A long table: conditional formats are split within libxlsxwriter's limit, each part anchored on its own first cell")
    func longTableHighlights() throws {
        var table = AnnexTable(id: "phu-luc", template: "phu-luc")
        for i in 0..<1200 {
            table.rows.append(i % 2 == 0
                ? Row(id: "g\(i)", kind: .group, name: "Nhóm \(i)")
                : Row(id: "r\(i)", name: "Chỉ tiêu \(i)", unit: "%", cells: ["kh_nam": Cell("88,5"), "mt_nam_sau": Cell("90")]))
        }
        let report = Report(issuer: "Huyện ủy Tam Đường", period: .year(2024), tables: [table])
        let made = try StaffFixture.make("phu-luc", data: report, period: 2025)
        let sheet = try #require(try StaffInspection.load(made.path).sheet("Phụ lục"))
        let missing = sheet.conditional.filter { $0.fill == "F8CBAD" }
        #expect(missing.count > 1, "the 600 single-cell runs need several rules")
        for rule in missing {
            #expect(rule.sqref.count <= XLSXWorksheet.maxConditionalRangeListLength)
            let first = String(rule.sqref.split(separator: " ")[0].split(separator: ":")[0])
            #expect(rule.formula == ["LEN(TRIM(\(first)))=0"])
        }
        let rows = StaffFixture.rowsByID(sheet, idColumn: "I")
        for row in table.rows {
            let covering = missing.filter { $0.covers("E\(rows[row.id]!)") }.count
            #expect(covering == (row.kind == .indicator ? 1 : 0), "\(row.id)")
        }
    }
}
