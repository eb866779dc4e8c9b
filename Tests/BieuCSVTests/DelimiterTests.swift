import Foundation
import Testing
@testable import BieuCSV
import BieuCore

@Suite("Delimiter detection")
struct DelimiterTests {
    private func detected(_ text: String, _ options: CSVReadOptions = .init()) throws -> CSVDocumentInfo {
        try CSVReader.read(bytes: Array(text.utf8), name: "d.csv", options: options).info
    }

    @Test func semicolonWithDecimalCommas() throws {
        // Vietnamese regional settings: `;` between fields, `,` in numbers.
        let info = try detected("STT;Chỉ tiêu;KH;TH\n1;Tỷ lệ che phủ rừng;51,3;51,82\n2;Tăng trưởng;7,2;6,1\n")
        #expect(info.delimiter == .semicolon)
        #expect(info.delimiterFound)
    }

    @Test func evenSplitOnBothPrefersSemicolon() throws {
        #expect(try detected("1,5;2,5\n3,1;4,2\n").delimiter == .semicolon)
    }

    @Test func commaFileWithSemicolonsInSomeTexts() throws {
        let text = """
        STT,Chỉ tiêu,Đơn vị,Ghi chú
        1,Thu nhập,Triệu đồng,đạt; vượt
        2,Sản lượng,Tấn,
        3,Rừng,%,chưa đạt; cần cố gắng
        4,Du lịch,Lượt,

        """
        #expect(try detected(text).delimiter == .comma)
    }

    @Test func quotedFieldsHidingOtherDelimiters() throws {
        // Every `;` is inside quotes: the file is comma-separated.
        let comma = "\"a;b;c\",\"d;e\",f\n\"g;h\",\"i;j;k\",l\n\"m\",\"n;o\",p\n"
        #expect(try detected(comma).delimiter == .comma)
        #expect(try records(comma) == [["a;b;c", "d;e", "f"], ["g;h", "i;j;k", "l"], ["m", "n;o", "p"]])
        // Every `,` is inside quotes (decimal commas, lists): semicolon-separated.
        let semicolon = "\"Thôn A, B, C\";\"41,5\"\n\"Bản D, E\";\"7,2\"\n"
        #expect(try detected(semicolon).delimiter == .semicolon)
        // Quoted newlines do not break the counting.
        let tabbed = "\"dòng 1\ndòng 2, 3; 4\"\tb\tc\nd\t\"e\r\nf\"\tg\n"
        #expect(try detected(tabbed).delimiter == .tab)
    }

    @Test func tabWithCommasAndSemicolonsInText() throws {
        #expect(try detected("a, b\tc; d\te\nf, g\th; i\tj\n").delimiter == .tab)
    }

    @Test func excelStyleTitleRowAndPaddedRows() throws {
        let text = "BIỂU 01: KẾT QUẢ THỰC HIỆN;;;;\n;;;;\nSTT;Chỉ tiêu;ĐVT;KH;TH\n1;Thu nhập, bình quân;Triệu đồng;46;46\n2;Thu NSNN;Tỷ đồng;48;48,1\n"
        #expect(try detected(text).delimiter == .semicolon)
    }

    @Test func singleColumnFallsBackToCommaWithANote() throws {
        let info = try detected("Tổng số\nChỉ tiêu\nGhi chú\n")
        #expect(info.delimiter == .comma)
        #expect(!info.delimiterFound)
        #expect(info.notes.contains { $0.en.hasPrefix("No delimiter (, ; or tab) splits the records consistently") })
        #expect(info.summary.en.contains("one column"))
        // A single record gives no reason for a note.
        #expect(try detected("Tổng số\n").notes.isEmpty)
    }

    @Test func overrideWins() throws {
        let text = "a;b,c\nd;e,f\n"
        #expect(try records(text, CSVReadOptions(delimiter: .comma)) == [["a;b", "c"], ["d;e", "f"]])
        #expect(try records(text, CSVReadOptions(delimiter: .semicolon)) == [["a", "b,c"], ["d", "e,f"]])
        let info = try detected(text, CSVReadOptions(delimiter: .comma))
        #expect(info.delimiter == .comma && info.delimiterFound)
    }

    @Test func unicodeTextDefaultsToTab() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Tổng số\r\nChỉ tiêu\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let doc = try CSVReader.read(bytes: bytes, name: "u.txt")
        #expect(doc.delimiter == .tab)
        #expect(!doc.info.delimiterFound)
    }

    @Test func detectionOnlyLooksAtTheStartButParsesEverything() throws {
        var text = "a;b\n"
        for i in 0..<20_000 { text += "\(i);\"x, y\"\n" }
        let rows = try records(text)
        #expect(rows.count == 20_001)
        #expect(rows.last == ["19999", "x, y"])
    }
}
