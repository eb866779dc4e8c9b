import BieuCore
import BieuZip
import Testing
@testable import BieuXLSXReader

/// Sheets above `XLSXReader.pipelineThreshold` are inflated on a second thread.
@Suite("Large sheets (background inflation)")
struct LargeSheetTests {
    static let rows = 40_000

    /// About 6 MB of sheet XML: 40,000 rows of a number, a shared string and an inline string.
    static func workbook() -> WorkbookBuilder {
        var data = ""
        data.reserveCapacity(7 << 20)
        for r in 1...rows {
            data += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c><c r=\"B\(r)\" t=\"s\"><v>\(r % 3)</v></c>"
            data += "<c r=\"C\(r)\" t=\"inlineStr\"><is><t>Chỉ tiêu số \(r) &amp; ghi chú dài cho đủ dung lượng</t></is></c></row>"
        }
        var b = WorkbookBuilder(sheetData: data)
        b.sharedStrings = WorkbookBuilder.sst(["<t>Đạt</t>", "<t>Vượt</t>", "<t>Chưa đạt</t>"])
        return b
    }

    @Test func readsEveryCell() throws {
        let b = Self.workbook()
        let reader = try b.reader()
        let entry = try #require(reader.sheets.first)
        #expect(entry.isWorksheet)
        let sheet = try reader.readSheet(at: 0)
        #expect(sheet.cells.count == 3 * Self.rows)
        #expect(sheet.value("A40000") == .number("40000"))
        #expect(sheet.value("B39999") == .string("Đạt"))
        #expect(sheet.value("C12345") == .string("Chỉ tiêu số 12345 & ghi chú dài cho đủ dung lượng"))
        var streamedRows = 0
        try reader.readSheet(at: 0) { _ in streamedRows += 1 }
        #expect(streamedRows == Self.rows)
    }

    @Test func stoppingEarlyDoesNotHang() throws {
        struct Enough: Error {}
        let reader = try Self.workbook().reader()
        for _ in 0..<20 {
            var seen = 0
            #expect(throws: Enough.self) {
                try reader.readSheet(at: 0) { _ in
                    seen += 1
                    if seen == 10 { throw Enough() }
                }
            }
        }
    }

    @Test func errorsFromTheInflatingThreadArrive() throws {
        var z = ZipBuilder()
        z.entries = Self.workbook().entries().map { e in
            var e = e
            if e.name == "xl/worksheets/sheet1.xml" { e.crcOverride = 1 }
            return e
        }
        let reader = try XLSXReader(bytes: z.build(), name: "big.xlsx")
        #expect(throws: XLSXError.zip(.checksumMismatch(file: "big.xlsx", entry: "xl/worksheets/sheet1.xml"))) {
            try reader.readSheet(at: 0)
        }
    }
}
