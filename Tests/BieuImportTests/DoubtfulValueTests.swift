import BieuCore
import BieuModel
import BieuTemplates
import Foundation
import Testing
@testable import BieuImport

/// Issue 15 items 7 and 8, and the `kind: text` docs point: what the cell
/// interpreter keeps, and which findings name which cell.
@Suite("Doubtful values")
struct DoubtfulValueTests {
    static func column(_ kind: ColumnKind) throws -> Column {
        var c = try #require(try Env.catalog().template("bieu-01").column("th_nam"))
        c.kind = kind
        return c
    }

    static func interpret(_ value: GridValue, _ kind: ColumnKind, format: String? = nil, csv: Bool = false) throws -> (cell: Cell?, findings: [Finding]) {
        let interpreter = CellInterpreter(sheet: "Biểu 01", tableID: "bieu-01", fromCSV: csv)
        var findings: [Finding] = []
        let grid = GridCell(address: CellAddress(a1: "F9")!, value: value, numberFormat: format)
        switch interpreter.interpret(grid, column: try column(kind), rowID: "r1", expectedFormula: nil, findings: &findings) {
        case .value(let c): return (c, findings)
        case .derived, .empty: return (nil, findings)
        }
    }

    @Test func letterOForZeroIsNotAQuantity() throws {
        // Before: quantity 61 with unit "O000", no finding.
        #expect(ValueParser.parse("61O000") == .text("61O000"))
        let (cell, findings) = try Self.interpret(.string("61O000"), .value)
        #expect(cell?.text == "61O000" && cell?.value == .text("61O000"))
        #expect(findings.map(\.code) == ["digit-letter"])
        #expect(findings.first?.location?.description == "Biểu 01!F9")
        #expect(findings.first?.message.en == "\"61O000\" looks like the number \"610000\" mistyped (the letter O for the digit 0); kept as text, not read as a number — please correct it")
        for (text, corrected) in [("l5", "15"), ("1O,5", "10,5"), ("2I0", "210"), (">1O", nil), ("5OO ha", "500 ha")] as [(String, String?)] {
            let (_, f) = try Self.interpret(.string(text), .value)
            if let corrected {
                #expect(f.map(\.code) == ["digit-letter"], "\(text)")
                #expect(ValueParser.digitLetterConfusion(text)?.corrected == corrected, "\(text)")
            } else {
                #expect(ValueParser.parse(text).typeName == "text", "\(text)")
            }
        }
        // Litres and real units stay what they were.
        #expect(ValueParser.parse("5l") == .quantity(5, unit: "l"))
        #expect(ValueParser.parse("15 m2").typeName == "quantity")
        #expect(ValueParser.digitLetterConfusion("Đạt 100%") == nil)
    }

    @Test func freeTextInAValueColumnIsAWarningAKnownStatusIsNot() throws {
        let (cell, findings) = try Self.interpret(.string("chưa thống kê"), .value)
        #expect(cell?.text == "chưa thống kê")
        #expect(findings.map(\.code) == ["not-a-value"])
        #expect(findings.first?.message.vi.hasPrefix("\"chưa thống kê\" không phải số") == true)
        #expect(try Self.interpret(.string("Chưa đạt"), .value).findings.isEmpty)
        #expect(try Self.interpret(.string("HTTNV"), .value).findings.isEmpty)
        #expect(try Self.interpret(.string("16/19"), .value).findings.isEmpty)
        // A sentence is content (Biểu 02 writes results as sentences): kept quietly.
        let sentence = "Thực hiện bảo tồn và duy trì ít nhất 01 di sản văn hóa"
        #expect(try Self.interpret(.string(sentence), .value).findings.isEmpty)
        // Text columns take text as it is.
        #expect(try Self.interpret(.string("chưa thống kê"), .text).findings.isEmpty)
    }

    @Test func textColumnKeepsTheTextUninterpreted() throws {
        for text in ["17.000 tấn/năm", "1.022", "29,2%", ">90", "Đạt", "5-6", "16/19"] {
            let (cell, findings) = try Self.interpret(.string(text), .text)
            #expect(cell?.text == text && cell?.value == .text(text), "\(text)")
            #expect(findings.isEmpty, "\(text): \(findings.map(\.code))")
        }
        // The same text in a value column is read (and the ambiguous one flagged by validation).
        #expect(try Self.interpret(.string("1.022"), .value).cell?.value.isAmbiguous == true)
        // A number Excel stored in a text column: its text is bieu's, said with a note.
        let (cell, findings) = try Self.interpret(.number("17000"), .text, format: "#,##0")
        #expect(cell?.text == "17.000" && cell?.value == .text("17.000"))
        #expect(findings.map(\.code) == ["number-in-text-column"])
    }

    @Test func unreadableValueIsAFindingForItsCellAndTheTextIsKept() throws {
        let (cell, findings) = try Self.interpret(.unreadable(text: "10:10:10x", declared: .date), .value)
        #expect(cell?.text == "10:10:10x")
        #expect(findings.map(\.code) == ["unreadable-value"])
        #expect(findings.first?.severity == .warning && findings.first?.location?.description == "Biểu 01!F9")
        #expect(findings.first?.message.en == "the file stores this cell as a date (t=\"d\") but its value \"10:10:10x\" cannot be read as such; kept as text")
        // A time-only date reads back as the time, with the date note.
        let (time, timeFindings) = try Self.interpret(.date(serial: "0.4237268518518518", date1904: false), .value)
        #expect(time?.text == "10:10:10")
        #expect(timeFindings.map(\.code) == ["date-converted"])
    }

    @Test func textLongerThanExcelKeepsIsAWarning() throws {
        let long = String(repeating: "a", count: 32_768)
        #expect(try Self.interpret(.string(long), .text).findings.map(\.code) == ["text-over-excel-limit"])
        #expect(try Self.interpret(.string(String(repeating: "a", count: 32_767)), .text).findings.isEmpty)
    }

    @Test("A number converted by a spreadsheet's other regional settings is reported with what was sent, never reverted silently")
    func conventionConverted() throws {
        let data = try Env.example()
        let dir = try Env.dir("convention")
        try Env.exportXLSX(data, tables: ["bieu-01"], to: dir + "/sent.xlsx")
        let row = try Env.sheetRow(data, "bieu-01", "b01-003")
        // Sent "41,160" (41160: the data's text, recorded as written); typed back under other settings as 41.16.
        #expect(data.table("bieu-01")?.row("b01-003")?.cells["th_nam"]?.text == "41,160")
        try Env.edit(dir + "/sent.xlsx", [["op": "set", "sheet": "Biểu 01", "cell": "F\(row)", "value": 41.16]], to: dir + "/back.xlsx")
        let result = try Env.importFile(dir + "/back.xlsx", options: ImportOptions(base: data))
        let cell = try #require(result.report.table("bieu-01")?.row("b01-003")?.cells["th_nam"])
        // The value that came back, not the base's (before: the recorded text equal to the base's kept 41160, no word).
        #expect(cell.value.numericValue == Decimal(string: "41.16"), "\(cell.text) \(cell.value)")
        let finding = try #require(result.findings.first { $0.code == "number-convention-changed" }, "\(result.findings.map { $0.line(.en) })")
        #expect(finding.location?.description == "Biểu 01!F\(row)" && finding.severity == .warning)
        #expect(finding.message.en.contains("sent as \"41,160\" (41160) came back as 41.16"), "\(finding.message.en)")
        #expect(finding.message.vi.contains("(41.160) nhận về là 41,16"), "\(finding.message.vi)")
        #expect(result.diff?.isEmpty == false)
        // The same number typed again is no change and no finding.
        try Env.edit(dir + "/sent.xlsx", [["op": "set", "sheet": "Biểu 01", "cell": "F\(row)", "value": 41160]], to: dir + "/same.xlsx")
        let same = try Env.importFile(dir + "/same.xlsx", options: ImportOptions(base: data))
        #expect(!same.findings.contains { $0.code == "number-convention-changed" })
        #expect(same.report.table("bieu-01")?.row("b01-003")?.cells["th_nam"] == data.table("bieu-01")?.row("b01-003")?.cells["th_nam"])
    }
}
