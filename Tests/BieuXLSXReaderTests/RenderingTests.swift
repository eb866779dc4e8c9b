import BieuCore
import Foundation
import Testing

/// `GridRendering` (what `bieu inspect` prints).
@Suite("Grid rendering")
struct RenderingTests {
    static let workbook = GridWorkbook(sheets: [
        GridSheet(name: "Biểu 01", state: .visible, cells: [
            GridCell(address: CellAddress(a1: "A1")!, value: .string("BIỂU 01\n\"x\"")),
            GridCell(address: CellAddress(a1: "D4")!, value: .number("41160"), numberFormat: "#,##0"),
            GridCell(address: CellAddress(a1: "F4")!, value: .formulaWithoutValue, formula: "E4/D4"),
            GridCell(address: CellAddress(a1: "C6")!, value: .date(serial: "45631", date1904: false), numberFormat: "dd/mm/yyyy"),
            GridCell(address: CellAddress(a1: "D6")!, value: .boolean(true)),
            GridCell(address: CellAddress(a1: "E6")!, value: .error("#DIV/0!"), formula: "1/0"),
        ], merges: [CellRange(a1: "A1:G1")!], hiddenRows: [6], hiddenColumns: [7]),
        GridSheet(name: "Ẩn", state: .veryHidden),
    ], definedNames: ["bieu.template": "\"bieu-01\""])

    @Test func summaryInVietnameseAndEnglish() {
        let vi = GridRendering.text(Self.workbook, options: .init(cells: false, file: "a.xlsx"), language: .vi)
        #expect(vi.contains("Tệp: a.xlsx"))
        #expect(vi.contains("Trang 1: Biểu 01 [hiện]"))
        #expect(vi.contains("Vùng dữ liệu: A1:F6"))
        #expect(vi.contains("Số ô có dữ liệu: 6"))
        #expect(vi.contains("Ô gộp: A1:G1"))
        #expect(vi.contains("Dòng ẩn: 7"))
        #expect(vi.contains("Cột ẩn: H"))
        #expect(vi.contains("Trang 2: Ẩn [ẩn sâu (veryHidden)]"))
        #expect(!vi.contains("41160"))
        let en = GridRendering.text(Self.workbook, options: .init(cells: false), language: .en)
        #expect(en.contains("Sheet 1: Biểu 01 [visible]"))
        #expect(en.contains("Used range: A1:F6"))
        #expect(en.contains("Hidden rows: 7"))
        #expect(en.contains("(empty)"))
    }

    @Test func cellsInText() {
        let vi = GridRendering.text(Self.workbook, options: .init(cells: true), language: .vi)
        #expect(vi.contains("A1\tchuỗi\t\"BIỂU 01\\n\\\"x\\\"\""))
        #expect(vi.contains("D4\tsố\t41160\t[#,##0]"))
        #expect(vi.contains("F4\tcông-thức-chưa-tính\t\t=E4/D4"))
        #expect(vi.contains("C6\tngày\t45631 (2024-12-05)\t[dd/mm/yyyy]"))
        #expect(vi.contains("D6\tlogic\tTRUE"))
        #expect(vi.contains("E6\tlỗi\t#DIV/0!\t=1/0"))
        let en = GridRendering.text(Self.workbook, options: .init(cells: true), language: .en)
        #expect(en.contains("F4\tformula-without-value\t\t=E4/D4"))
        #expect(en.contains("C6\tdate\t45631 (2024-12-05)"))
    }

    @Test func jsonIsValidAndComplete() throws {
        let text = GridRendering.json(Self.workbook, options: .init(cells: true, file: "a.xlsx"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["file"] as? String == "a.xlsx")
        let sheets = try #require(root["sheets"] as? [[String: Any]])
        #expect(sheets.count == 2)
        #expect(sheets[0]["dimension"] as? String == "A1:F6")
        #expect(sheets[0]["cellCount"] as? Int == 6)
        #expect(sheets[0]["hiddenRows"] as? [Int] == [7])
        #expect(sheets[0]["hiddenColumns"] as? [String] == ["H"])
        #expect(sheets[1]["state"] as? String == "veryHidden")
        #expect(sheets[1]["dimension"] is NSNull)
        let cells = try #require(sheets[0]["cells"] as? [[String: Any]])
        #expect(cells[0]["value"] as? String == "BIỂU 01\n\"x\"")
        #expect(cells[2]["type"] as? String == "formula-without-value")
        #expect(cells[2]["value"] == nil)
        #expect(cells[3]["date1904"] as? Bool == false)
        #expect(root["definedNames"] as? [String: String] == ["bieu.template": "\"bieu-01\""])
        let summary = GridRendering.json(Self.workbook)
        #expect(!summary.contains("\"cells\""))
    }

    @Test(arguments: [("1", false, "1900-01-01"), ("59", false, "1900-02-28"), ("60", false, "1900-02-29"), ("61", false, "1900-03-01"),
                      ("45631", false, "2024-12-05"), ("45631.5", false, "2024-12-05 12:00"), ("0", true, "1904-01-01"),
                      ("44169", true, "2024-12-05")])
    func serialDates(serial: String, date1904: Bool, iso: String) {
        #expect(GridRendering.isoDate(serial: serial, date1904: date1904) == iso)
    }
}
