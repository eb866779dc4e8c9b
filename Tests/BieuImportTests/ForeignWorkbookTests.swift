import BieuCore
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// Workbooks bieu did not write: typed by hand, headers retyped without
/// diacritics or with abbreviations, rows and columns inserted, other sheets first.
@Suite("Workbooks typed by people")
struct ForeignWorkbookTests {
    /// Builds an XLSX file with openpyxl from rows of values (None for empty).
    func make(_ sheets: [(name: String, rows: [[Any]])], merges: [String: [String]] = [:]) throws -> String {
        let path = try Env.dir("foreign") + "/typed.xlsx"
        var script = "import openpyxl, json, sys\nwb = openpyxl.Workbook()\nwb.remove(wb.active)\n"
        let data = try JSONSerialization.data(withJSONObject: sheets.map { ["name": $0.name, "rows": $0.rows] })
        script += "sheets = json.loads(sys.argv[2])\nmerges = json.loads(sys.argv[3])\n"
        script += "for s in sheets:\n    ws = wb.create_sheet(s['name'])\n    for r in s['rows']:\n        ws.append(r)\n    for m in merges.get(s['name'], []):\n        ws.merge_cells(m)\n"
        script += "wb.save(sys.argv[1])\n"
        _ = try ExternalTools.python(script, [path, String(decoding: data, as: UTF8.self),
                                              String(decoding: try JSONSerialization.data(withJSONObject: merges), as: UTF8.self)])
        return path
    }

    @Test("A Biểu 01 typed by hand: retyped headers, an inserted column, rows above, another sheet first")
    func handTyped() throws {
        let null = NSNull()
        let rows: [[Any]] = [
            ["UBND XÃ BẢN BO", null],
            ["BIEU 01: KET QUA THUC HIEN MOT SO CHI TIEU CHU YEU NAM 2025"],
            [null],
            ["TT", "Chi tieu", "DVT", "Muc tieu NQ DH (2020-2025)", "KH nam 2025", "Ghi chép riêng", "TH 2025", "KH 2026", "TH GĐ 2021-2025",
             "Ước TH GĐ 2021-2025", "So sanh (%)", null, null, "Ghi chu"],
            [null, null, null, null, null, null, null, null, null, null, "TH 2025/KH 2025", "TH 2021-2025/MT NQ", "Uoc TH 2021-2025/MT NQ", null],
            ["A", "CHỈ TIÊU KINH TẾ"],
            [1, "Thu nhập bình quân đầu người/năm", "Triệu đồng", 50, 46, "x", 47.5, 52, 47, 50, null, null, null, "ước"],
            [null, "Tổng sản lượng lương thực", "Tấn", "41.000", "41,100", null, "41.160", null, null, null, 100.1],
            [2, "Tỷ lệ che phủ rừng", "%", ">52", 51.3, null, "1.022", 51.8, null, null, null, null, null, null],
        ]
        let path = try make([("Ghi chú", [["Bảng tính của xã"]]), ("Số liệu", rows)], merges: ["Số liệu": ["K4:M4"]])
        let result = try Env.importFile(path)
        let t = try #require(result.imported.first)
        #expect(t.located.template.id == "bieu-01", "\(t.located.explanation(.en))")
        #expect(t.located.sheetName == "Số liệu")
        #expect(t.located.columns["th_nam"] == 6, "the inserted column F shifts Thực hiện to G")
        #expect(t.table.rows.map(\.name) == ["CHỈ TIÊU KINH TẾ", "Thu nhập bình quân đầu người/năm", "Tổng sản lượng lương thực", "Tỷ lệ che phủ rừng"])
        #expect(t.table.rows.map(\.kind) == [.section, .indicator, .indicator, .indicator])
        let r1 = t.table.rows[1]
        #expect(r1.cells["th_nam"]?.value == .number(Decimal(string: "47.5")!))
        #expect(r1.cells["th_nam"]?.text == "47,5")
        #expect(r1.note == "ước")
        #expect(t.table.rows[3].cells["mt_nq"]?.value == .bound(relation: .greater, value: 52, unit: nil))
        // What the titles and headers say about the report.
        #expect(result.report.period.year == 2025)
        #expect(result.report.term == Term(start: 2020, end: 2025))
        // Findings, each at its cell.
        let at = { (code: String) in Set(result.findings.filter { $0.code == code }.compactMap { $0.location?.description }) }
        #expect(at("ambiguous-number").isSuperset(of: ["Số liệu!D8", "Số liệu!E8", "Số liệu!G8", "Số liệu!G9"]))
        #expect(at("number-as-text").isEmpty == true || !at("number-as-text").contains("Số liệu!G7"))
        // How far the sheet is from the layout: the inserted column moved the columns after it.
        #expect(at("layout-columns-moved") == ["Số liệu!G4"])
        #expect(t.located.distance.movedColumns.first.map { ($0.columnID, $0.expected, $0.found) } ?? ("", 0, 0) == ("th_nam", 5, 6))
        // The inserted column holds a value ("x" in F7) the template has no place for: an error naming it.
        #expect(at("unmapped-column") == ["Số liệu!F4"])
        #expect(result.findings.first { $0.code == "unmapped-column" }?.message.en.contains("column F \"Ghi chép riêng\"") == true)
        #expect(result.summary.errors == 1, "\(result.findings.filter { $0.severity == .error }.map { $0.line(.en) })")
    }

    @Test("Header words: abbreviations and missing diacritics", arguments: [
        ("Kế hoạch năm {year}", "KH nam 2024"), ("Đơn vị tính", "ĐVT"), ("STT", "TT"), ("Thực hiện năm {year}", "TH năm 2025"),
        ("Mục tiêu NQ ĐH ({term_start}-{term_end})", "Muc tieu Nghi quyet Dai hoi (2020 - 2025)"), ("Chỉ tiêu", "CHỈ  TIÊU"),
    ])
    func headerWords(_ c: (String, String)) {
        let s = HeaderText.similarity(pattern: HeaderText.tokens(c.0, pattern: true), text: HeaderText.tokens(c.1))
        #expect(s >= TableLocator.columnThreshold, "\(c.0) vs \(c.1): \(s)")
    }

    @Test("Placeholders are read back from printed titles")
    func placeholders() {
        let v = PlaceholderMatcher.match(pattern: "(Kèm theo Báo cáo số {number} ngày {date} của {issuer})",
                                         text: "(Kèm theo báo cáo số 641-BC/HU  ngày 05/12/2024 của Huyện ủy Tam Đường)")
        #expect(v == ["number": "641-BC/HU", "date": "05/12/2024", "issuer": "Huyện ủy Tam Đường"])
        #expect(PlaceholderMatcher.match(pattern: "TH {year}/KH {year}", text: "TH 2024/KH 2025") == nil)
    }
}
