import Testing
@testable import BieuCore

@Suite("Cell addresses")
struct CellAddressTests {
    static let columns: [(Int, String)] = [
        (0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD"),
    ]

    @Test("column letters ⇄ index at the edges", arguments: columns)
    func columnLetters(_ index: Int, _ letters: String) {
        #expect(CellAddress.columnLetters(index) == letters)
        #expect(CellAddress.columnIndex(letters: letters) == index)
        #expect(CellAddress.columnIndex(letters: letters.lowercased()) == index)
    }

    @Test("column letters beyond Excel or not letters are refused")
    func badColumns() {
        for s in ["", "XFE", "ZZZ", "AAAA", "A1", "Ă", "Đ", "$A", " A"] {
            #expect(CellAddress.columnIndex(letters: s) == nil, "\(s)")
        }
    }

    static let valid: [(String, Int, Int, String)] = [
        ("A1", 0, 0, "A1"), ("a1", 0, 0, "A1"), ("$A$1", 0, 0, "A1"), ("$B5", 4, 1, "B5"), ("C$7", 6, 2, "C7"),
        ("F12", 11, 5, "F12"), ("Z1", 0, 25, "Z1"), ("AA10", 9, 26, "AA10"), ("AZ1", 0, 51, "AZ1"), ("ZZ1", 0, 701, "ZZ1"),
        ("AAA1", 0, 702, "AAA1"), ("XFD1", 0, 16383, "XFD1"), ("A1048576", 1_048_575, 0, "A1048576"),
        ("XFD1048576", 1_048_575, 16383, "XFD1048576"), ("A01", 0, 0, "A1"),
    ]

    @Test("A1 references parse to indices and print back", arguments: valid)
    func parse(_ text: String, _ row: Int, _ column: Int, _ canonical: String) throws {
        let a = try #require(CellAddress(a1: text))
        #expect(a.row == row && a.column == column)
        #expect(a.a1 == canonical)
        #expect(a.description == canonical)
        #expect(a.isWithinExcelLimits)
    }

    static let invalid = ["XFE1", "A0", "A1048577", "A99999999999999999999", "A18446744073709551617", "1A", "", "$", "$$A1",
                          "A", "1", "AAAA1", "A-1", "A1 ", " A1", "A1.5", "Ä1", "A１", "A$", "A1$", "$A$", "R1C1", "A1:B2"]

    @Test("invalid references are refused without traps", arguments: invalid)
    func reject(_ text: String) {
        #expect(CellAddress(a1: text) == nil)
    }

    @Test("order is row-major; limits")
    func ordering() {
        #expect(CellAddress(row: 0, column: 5) < CellAddress(row: 1, column: 0))
        #expect(CellAddress(row: 3, column: 1) < CellAddress(row: 3, column: 2))
        #expect(!CellAddress(row: 1_048_576, column: 0).isWithinExcelLimits)
        #expect(!CellAddress(row: 0, column: 16384).isWithinExcelLimits)
        #expect(!CellAddress(row: -1, column: 0).isWithinExcelLimits)
    }
}

@Suite("Cell ranges")
struct CellRangeTests {
    @Test("C3:F13 and its reversed corners")
    func corners() throws {
        for text in ["C3:F13", "F13:C3", "F3:C13", "C13:F3", "$C$3:$F$13", "c3:f13"] {
            let r = try #require(CellRange(a1: text), "\(text)")
            #expect(r.start == CellAddress(row: 2, column: 2) && r.end == CellAddress(row: 12, column: 5), "\(text)")
            #expect(r.a1 == "C3:F13")
            #expect(r.rowCount == 11 && r.columnCount == 4)
        }
        let single = try #require(CellRange(a1: "B2"))
        #expect(single.a1 == "B2" && single.rowCount == 1 && single.columnCount == 1)
        #expect(CellRange(row: 5, column: 3, lastRow: 1, lastColumn: 0).a1 == "A2:D6")
        let whole = try #require(CellRange(a1: "A1:XFD1048576"))
        #expect(whole.rowCount == 1_048_576 && whole.columnCount == 16_384)
    }

    @Test("contains")
    func contains() throws {
        let r = try #require(CellRange(a1: "C3:F13"))
        #expect(r.contains(CellAddress(a1: "C3")!))
        #expect(r.contains(CellAddress(a1: "F13")!))
        #expect(r.contains(CellAddress(a1: "D10")!))
        #expect(!r.contains(CellAddress(a1: "B3")!))
        #expect(!r.contains(CellAddress(a1: "C14")!))
        #expect(!r.contains(CellAddress(a1: "G3")!))
    }

    @Test("malformed ranges", arguments: ["", ":", "A1:", ":A1", "A1:B2:C3", "A1:XFE1", "A0:B2", "A1-B2", "A1::B2"])
    func malformed(_ text: String) {
        #expect(CellRange(a1: text) == nil)
    }
}

@Suite("Sheet cells")
struct SheetCellTests {
    @Test("shown to people unquoted, quoted in formulas when needed")
    func quoting() {
        let c = SheetCell(sheet: "Biểu 01", address: CellAddress(row: 11, column: 5))
        #expect(c.description == "Biểu 01!F12")
        #expect(c.formulaReference == "'Biểu 01'!F12")
        #expect(SheetCell(sheet: "Sheet1", address: CellAddress(row: 0, column: 0)).formulaReference == "Sheet1!A1")
    }

    static let names: [(String, String)] = [
        ("Sheet1", "Sheet1"), ("Data", "Data"), ("bieu_01", "bieu_01"), ("BieuTongHop", "BieuTongHop"),
        ("Biểu 01", "'Biểu 01'"), ("bieu-01", "'bieu-01'"), ("O'Brien", "'O''Brien'"), ("1abc", "'1abc'"),
        ("2024", "'2024'"), ("", "''"), ("Phụ lục", "'Phụ lục'"), ("a.b", "'a.b'"),
        // Names that read as references must be quoted too.
        ("PL1", "'PL1'"), ("B01", "'B01'"), ("XFD1048576", "'XFD1048576'"), ("A1", "'A1'"),
        ("R1C1", "'R1C1'"), ("RC", "'RC'"), ("R", "'R'"), ("C", "'C'"), ("R12", "'R12'"), ("rc3", "'rc3'"),
        ("TRUE", "'TRUE'"), ("false", "'false'"),
    ]

    @Test("quotedSheetName", arguments: names)
    func quotedName(_ name: String, _ expected: String) {
        #expect(SheetCell.quotedSheetName(name) == expected)
    }
}
