import BieuCore
import Testing
@testable import BieuDocxReader

/// What is read from a document's tables, on packages written in the test.
@Suite("Word (.docx) tables as grids")
struct DocxReaderTests {
    typealias F = DocxFixture

    static func read(_ body: String) throws -> DocxReader { try DocxReader(bytes: F.package(body: body), name: "t.docx") }

    static func texts(_ sheet: GridSheet) -> [String: String] {
        var out: [String: String] = [:]
        for c in sheet.cells { if case let .string(s) = c.value { out[c.address.a1] = s } }
        return out
    }

    @Test("gridSpan and vMerge restart/continue become merged ranges; continued cells hold no text")
    func merges() throws {
        let body = F.tbl(widths: [500, 500, 500, 500],
                         F.tr(F.tc(F.r("STT"), merge: "restart"), F.tc(F.r("Chỉ tiêu"), merge: "restart"), F.tc(F.r("So sánh"), span: 2)),
                         F.tr(F.tc(merge: "continue"), F.tc(F.r("ignored"), merge: "continue"), F.tc(F.r("a")), F.tc(F.r("b"))),
                         F.tr(F.tc(F.r("1")), F.tc(F.r("Dân số")), F.tc(F.r("41.160")), F.tc(F.r("29,2%"))))
        let sheet = try #require(try Self.read(body).workbook.sheets.first)
        #expect(sheet.name == "[1]")
        #expect(sheet.merges.map(\.a1) == ["A1:A2", "B1:B2", "C1:D1"])
        #expect(Self.texts(sheet) == ["A1": "STT", "B1": "Chỉ tiêu", "C1": "So sánh", "C2": "a", "D2": "b",
                                      "A3": "1", "B3": "Dân số", "C3": "41.160", "D3": "29,2%"])
    }

    @Test("Runs split by formatting are joined; w:br and paragraphs are \\n, w:tab a tab; w:del left out, w:ins kept")
    func text() throws {
        let split = "<w:r><w:t>Tổng </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>sản</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\"> phẩm</w:t></w:r>"
        let breaks = "<w:r><w:t>dòng 1</w:t><w:br/><w:t>dòng 2</w:t><w:tab/><w:t>x</w:t></w:r>"
        let revised = "<w:r><w:t>giữ </w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>bỏ </w:delText></w:r></w:del><w:del w:id=\"3\" w:author=\"a\"><w:r><w:t>cũng bỏ </w:t></w:r></w:del><w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>thêm</w:t></w:r></w:ins>"
        let field = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        let body = F.tbl(widths: [500, 500, 500, 500],
                         F.tr(F.tc(split), F.tc(breaks, F.r("đoạn 2")), F.tc(revised), F.tc("<w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>" + field)))
        let sheet = try #require(try Self.read(body).workbook.sheets.first)
        #expect(Self.texts(sheet) == ["A1": "Tổng sản phẩm", "B1": "dòng 1\ndòng 2\tx\nđoạn 2", "C1": "giữ thêm", "D1": "7"])
    }

    @Test("Empty paragraphs at a cell's start and end are dropped; text is NFC")
    func paragraphs() throws {
        let decomposed = "Chi\u{0309} tiêu"   // ỉ as i + combining hook above
        let body = F.tbl(widths: [500], F.tr("<w:tc><w:p/><w:p>\(F.r(decomposed))</w:p><w:p/></w:tc>"))
        let sheet = try #require(try Self.read(body).workbook.sheets.first)
        #expect(Self.texts(sheet) == ["A1": "Chỉ tiêu"])
    }

    @Test("A row deleted with tracked changes is left out")
    func deletedRow() throws {
        let body = F.tbl(widths: [500], F.tr(F.tc(F.r("a"))),
                         "<w:tr><w:trPr><w:del w:id=\"3\" w:author=\"a\"/></w:trPr>\(F.tc(F.r("b")))</w:tr>", F.tr(F.tc(F.r("c"))))
        let sheet = try #require(try Self.read(body).workbook.sheets.first)
        #expect(Self.texts(sheet) == ["A1": "a", "A2": "c"])
    }

    @Test("A nested table is not read, and a note names its cell")
    func nested() throws {
        let inner = F.tbl(widths: [200], F.tr(F.tc(F.r("inner"))))
        let body = F.tbl(widths: [500, 500], F.tr(F.tc(F.r("a")), F.tc(F.r("b"))),
                         F.tr(F.tc(F.r("c")), "<w:tc><w:p>\(F.r("outer"))</w:p>\(inner)<w:p/></w:tc>"))
        let reader = try Self.read(body)
        #expect(reader.workbook.sheets.count == 1)
        #expect(Self.texts(reader.workbook.sheets[0]) == ["A1": "a", "B1": "b", "A2": "c", "B2": "outer"])
        #expect(reader.notes.map(\.vi) == ["t.docx, Bảng 1, hàng 2, cột B: ô chứa một bảng lồng bên trong; bảng lồng không được đọc"])
        #expect(reader.notes.map(\.en) == ["t.docx, table 1, row 2, column B: the cell holds a nested table, which is not read"])
    }

    static let header = [F.tr(F.tc(F.r("STT")), F.tc(F.r("Chỉ tiêu")), F.tc(F.r("Đơn vị")), header: true)]
    static func data(_ n: Int) -> String { F.tr(F.tc(F.r("\(n)")), F.tc(F.r("chỉ tiêu \(n)")), F.tc(F.r("ha"))) }

    @Test("A table split across pages is one sheet: the piece starting with the repeated header, rows counted through both")
    func splitWithHeader() throws {
        let first = F.tbl(widths: [500, 3000, 800], Self.header[0], Self.data(1), Self.data(2))
        // Typed again, not marked as header, other widths: joined by the repeated text.
        let second = F.tbl(widths: [600, 2900, 800], F.tr(F.tc(F.r("STT")), F.tc(F.r(" Chỉ  tiêu")), F.tc(F.r("Đơn vị"))), Self.data(3))
        let reader = try Self.read(F.paragraph("BIỂU 01") + first + "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p><w:p/>" + second)
        #expect(reader.workbook.sheets.count == 1)
        let sheet = reader.workbook.sheets[0]
        #expect(Self.texts(sheet) == ["A1": "STT", "B1": "Chỉ tiêu", "C1": "Đơn vị", "A2": "1", "B2": "chỉ tiêu 1", "C2": "ha",
                                      "A3": "2", "B3": "chỉ tiêu 2", "C3": "ha", "A5": "3", "B5": "chỉ tiêu 3", "C5": "ha"])
        #expect(reader.notes.map(\.en) == ["t.docx: table 1 is joined from 2 tables (w:tbl 1, 2) continued across pages; rows are counted through them"])
    }

    @Test("A continuation without a header joins by the same column widths; text between tables keeps them apart")
    func splitWithoutHeader() throws {
        let first = F.tbl(widths: [500, 3000, 800], Self.header[0], Self.data(1))
        let same = F.tbl(widths: [500, 3010, 800], Self.data(2))
        let other = F.tbl(widths: [900, 900, 900], Self.data(3))
        let joined = try Self.read(first + "<w:p/>" + same + "<w:p/>" + other)
        #expect(joined.workbook.sheets.map(\.name) == ["[1]", "[2]"])
        #expect(Self.texts(joined.workbook.sheets[0])["B3"] == "chỉ tiêu 2")
        let apart = try Self.read(first + F.paragraph("BIỂU 02") + same)
        #expect(apart.workbook.sheets.count == 2)
        // A piece whose first row is a header of its own is another table.
        let headed = F.tbl(widths: [500, 3000, 800], F.tr(F.tc(F.r("TT")), F.tc(F.r("Nội dung")), F.tc(F.r("Ghi chú")), header: true), Self.data(5))
        #expect(try Self.read(first + "<w:p/>" + headed).workbook.sheets.count == 2)
    }

    @Test("Spacer rows and a header repeated mid-table (same text, or w:tblHeader) are empty rows; numbering kept")
    func spacersAndRepeats() throws {
        let repeatMarked = F.tr(F.tc(F.r("x")), F.tc(F.r("y")), F.tc(F.r("z")), header: true)
        let body = F.tbl(widths: [500, 3000, 800], Self.header[0], Self.data(1), F.tr(F.tc(), F.tc(F.r(" ")), F.tc()),
                         F.tr(F.tc(F.r("STT")), F.tc(F.r("Chỉ tiêu")), F.tc(F.r("Đơn vị"))), Self.data(2), repeatMarked, Self.data(3))
        let sheet = try #require(try Self.read(body).workbook.sheets.first)
        let rows = Set(sheet.cells.map { $0.address.row + 1 })
        #expect(rows == [1, 2, 5, 7])
    }

    @Test("A document without tables gives no sheet and says so")
    func noTables() throws {
        let reader = try Self.read(F.paragraph("chỉ văn bản"))
        #expect(reader.workbook.sheets.isEmpty)
        #expect(reader.notes.map(\.en) == ["t.docx: the document has no table"])
    }
}
