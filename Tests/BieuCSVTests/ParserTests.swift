import BieuTestSupport
import Foundation
import Testing
@testable import BieuCSV
import BieuCore

@Suite("RFC 4180 parsing")
struct ParserTests {
    @Test func plainRecords() throws {
        #expect(try records("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
        let text = "STT,Chỉ tiêu,Ghi chú\r\n1,\"Tổng số, gồm: \"\"A\"\" và \"\"B\"\"\",\"dòng 1\r\ndòng 2\ndòng 3\rdòng 4\"\r\n2,x,y\r\n"
        let rows = try numberedRecords(text)
        #expect(rows.map(\.1) == [
            ["STT", "Chỉ tiêu", "Ghi chú"],
            ["1", "Tổng số, gồm: \"A\" và \"B\"", "dòng 1\r\ndòng 2\ndòng 3\rdòng 4"],
            ["2", "x", "y"],
        ])
        // The second record spans lines 2–5; the third starts on line 6.
        #expect(rows.map(\.0) == [1, 2, 6])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEnds(_ end: String) throws {
        let text = ["a;b", "c;d", "e;f"].joined(separator: end) + end
        let rows = try numberedRecords(text)
        #expect(rows.map(\.1) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(rows.map(\.0) == [1, 2, 3])
    }

    @Test func mixedLineEnds() throws {
        #expect(try records("a\r\nb\nc\rd") == [["a"], ["b"], ["c"], ["d"]])
    }

    @Test func lastRecordWithoutLineEnd() throws {
        #expect(try records("a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try records("a,") == [["a", ""]])
        #expect(try records("\"x\"") == [["x"]])
    }

    @Test func raggedRecordsAreKept() throws {
        #expect(try records("a,b,c\nd\ne,f,g,h,i\n,\n") == [["a", "b", "c"], ["d"], ["e", "f", "g", "h", "i"], ["", ""]])
    }

    @Test func trailingEmptyLinesAreIgnoredInnerOnesKept() throws {
        let rows = try numberedRecords("a\n\n\nb\r\n\r\n\n\r\n")
        #expect(rows.map(\.1) == [["a"], [], [], ["b"]])
        #expect(rows.map(\.0) == [1, 2, 3, 4])
        let doc = try CSVReader.read(bytes: Array("a\n\n\nb\n\n\n".utf8), name: "x")
        #expect(doc.sheet.cells.map(\.address.a1) == ["A1", "A4"])
        #expect(doc.info.recordCount == 4)
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpened() throws {
        let text = "a,b\nc,d\ne,\"f\ng\nh,i\n"
        let error = readError(Array(text.utf8))
        #expect(error == .unterminatedQuote(file: "test.csv", line: 3, column: 3, offset: 10))
        #expect(error?.message(.vi).contains("dòng 3, cột 3") == true)
        #expect(error?.message(.en).contains("line 3, column 3") == true)
        // The field began after a multi-line quoted field and non-ASCII text: its own line and column.
        let text2 = "STT;Chỉ tiêu\n1;\"hai\ndòng\";Đạt;\"mở\nx\n"
        #expect(readError(Array(text2.utf8)) == .unterminatedQuote(file: "test.csv", line: 3, column: 11, offset: 37))
    }

    @Test func strayQuoteInUnquotedFieldIsKeptLiterally() throws {
        #expect(try records("Đĩa 5\" inch,ab\"c\"d,x\"\n") == [["Đĩa 5\" inch", "ab\"c\"d", "x\""]])
    }

    /// Issue 15 item 2: `"abc"d,` was read Excel-style as `abcd` and the rows
    /// after it shifted silently; now an error names where.
    @Test func textAfterClosingQuoteIsAnError() throws {
        #expect(readError(Array("\"ab\"c,d\n".utf8)) == .textAfterClosingQuote(file: "test.csv", line: 1, column: 5, offset: 4, quoteLine: 1, quoteColumn: 1))
        #expect(readError(Array("x,y\n1,\"a\"b\"c\",d\n".utf8)) == .textAfterClosingQuote(file: "test.csv", line: 2, column: 6, offset: 9, quoteLine: 2, quoteColumn: 3))
        #expect(readError(Array("\"a\" ,b\n".utf8)) == .textAfterClosingQuote(file: "test.csv", line: 1, column: 4, offset: 3, quoteLine: 1, quoteColumn: 1))
        // A quoted field spanning lines: the column counts from the last line start, in characters.
        let error = readError(Array("Tên;Ghi chú\r\n1;\"dòng một\r\nhết\"x;y\r\n".utf8))
        #expect(error == .textAfterClosingQuote(file: "test.csv", line: 3, column: 5, offset: 37, quoteLine: 2, quoteColumn: 3))
        #expect(error?.message(.vi) == "Tệp test.csv: dòng 3, cột 5 (vị trí 37): sau dấu ngoặc kép đóng ô (ô bắt đầu ở dòng 2, cột 3) phải là dấu phân cách hoặc xuống dòng; nếu dấu ngoặc kép là một phần nội dung, hãy viết nó hai lần (\"\")")
        // Delimiter, line end and end of file after a closing quote are fine.
        #expect(try records("\"a\",\"b\"\r\n\"c\"\n\"d\"") == [["a", "b"], ["c"], ["d"]])
    }

    @Test func quoteOnlyCountsAtTheVeryStartOfAField() throws {
        #expect(try records(" \"a,b\"\n") == [[" \"a", "b\""]])
    }

    @Test func emptyQuotedFieldsAndDoubledQuotes() throws {
        #expect(try records("\"\",\"\"\"\",x\n") == [["", "\"", "x"]])
    }

    @Test func sheetHasTextCellsWithoutEmptyFields() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/Biểu 01.csv"
        try writeFile(path, Array("STT;Chỉ tiêu;;Ghi chú\n1;Tổng số;;\n".utf8))
        let doc = try CSVReader.read(path: path)
        #expect(doc.sheet.name == "Biểu 01")
        #expect(doc.sheet.cells == [
            GridCell(address: CellAddress(row: 0, column: 0), value: .string("STT")),
            GridCell(address: CellAddress(row: 0, column: 1), value: .string("Chỉ tiêu")),
            GridCell(address: CellAddress(row: 0, column: 3), value: .string("Ghi chú")),
            GridCell(address: CellAddress(row: 1, column: 0), value: .string("1")),
            GridCell(address: CellAddress(row: 1, column: 1), value: .string("Tổng số")),
        ])
        #expect(doc.sheet.cell(at: CellAddress(a1: "B2")!)?.value == .string("Tổng số"))
    }

    @Test func zeroByteFileIsAnEmptySheetWithANote() throws {
        let doc = try CSVReader.read(bytes: [], name: "rỗng")
        #expect(doc.sheet.cells.isEmpty)
        #expect(doc.sheet.name == "rỗng")
        #expect(doc.info.recordCount == 0)
        #expect(doc.notes.contains { $0.en == "The file is empty" })
    }

    @Test func byteOrderMarkOnlyIsAnEmptySheetWithANote() throws {
        let doc = try CSVReader.read(bytes: [0xEF, 0xBB, 0xBF], name: "bom")
        #expect(doc.sheet.cells.isEmpty)
        #expect(doc.hadBOM)
        #expect(doc.notes.contains { $0.en.contains("only a byte-order mark") })
        let blank = try CSVReader.read(bytes: Array("\n\r\n\n".utf8), name: "blank")
        #expect(blank.sheet.cells.isEmpty)
        #expect(blank.notes.contains { $0.en.contains("only empty lines") })
    }

    @Test func unneutralizeOption() throws {
        let text = "'=SUM(A1),''abc,'- Phát triển,-5\n"
        #expect(try records(text) == [["'=SUM(A1)", "''abc", "'- Phát triển", "-5"]])
        #expect(try records(text, CSVReadOptions(unneutralize: true)) == [["=SUM(A1)", "'abc", "- Phát triển", "-5"]])
    }

    @Test func decomposedTextIsNormalisedToNFC() throws {
        let nfd = "Tổng số người".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Tổng số người".unicodeScalars.count)
        let doc = try CSVReader.read(bytes: Array("\(nfd),x\n".utf8), name: "nfd")
        #expect(doc.sheet.cells.first?.value == .string("Tổng số người"))
        guard case let .string(text) = doc.sheet.cells.first?.value else { Issue.record("no cell"); return }
        #expect(Array(text.unicodeScalars) == Array("Tổng số người".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(doc.notes.contains { $0.en.contains("1 fields with decomposed Vietnamese marks") })
    }

    @Test func streamingAndWholeFileAgree() throws {
        let text = "a;b;c\n\n\"x\ny\";;z\n1;2\n"
        var streamed: [(Int, [String])] = []
        let info = try CSVReader.forEachRow(bytes: Array(text.utf8), name: "s") { streamed.append(($0, $1)) }
        let doc = try CSVReader.read(bytes: Array(text.utf8), name: "s")
        #expect(info == doc.info)
        var rebuilt: [GridCell] = []
        for (row, record) in streamed.enumerated() {
            for (column, field) in record.1.enumerated() where !field.isEmpty {
                rebuilt.append(GridCell(address: CellAddress(row: row, column: column), value: .string(field)))
            }
        }
        #expect(rebuilt == doc.sheet.cells)
        #expect(streamed.map(\.0) == [1, 2, 3, 5])
    }

    @Test func errorsFromTheBodyAreRethrownUnchanged() throws {
        struct Stop: Error, Equatable {}
        #expect(throws: Stop.self) {
            try CSVReader.forEachRow(bytes: Array("a\nb\n".utf8), name: "x") { _, _ in throw Stop() }
        }
    }

    /// Characters that straddle the 64 KiB read chunks, in every decoder.
    @Test(arguments: [CSVOutputEncoding.utf8WithBOM, .utf8, .utf16LE])
    func chunkBoundaries(_ encoding: CSVOutputEncoding) throws {
        var rows: [[CSVField]] = []
        var expected: [[String]] = []
        var generator = SplitMix(seed: 42)
        let pieces = ["ắ", "Đ", "ư", "😀", "a", "\"", ";", "\r\n", "\n", " ", "𝔸", "₫"]
        for _ in 0..<3000 {
            var record: [CSVField] = [], strings: [String] = []
            for _ in 0..<(1 + generator.next() % 6) {
                var s = "x"
                for _ in 0..<(generator.next() % 40) { s += pieces[Int(generator.next() % UInt64(pieces.count))] }
                record.append(.text(s))
                strings.append(s)
            }
            rows.append(record)
            expected.append(strings)
        }
        let bytes = CSVWriter.bytes(rows, options: CSVWriteOptions(delimiter: .semicolon, encoding: encoding))
        #expect(bytes.count > 3 * 65_536)
        #expect(try records(bytes, CSVReadOptions(delimiter: .semicolon)) == expected)
    }

    @Test func chunkBoundariesInWindows1258() throws {
        // Every byte value in turn, so combining marks and CR/LF land on chunk edges.
        var bytes: [UInt8] = []
        var expectedBytes: [UInt8] = []
        for i in 0..<200_000 {
            let b = UInt8(truncatingIfNeeded: i * 7 + 3)
            let safe: UInt8 = (b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D || b < 0x20) ? 0x41 : b
            bytes.append(safe)
            expectedBytes.append(safe)
            if i % 97 == 96 { bytes.append(0x0A); expectedBytes.append(0x0A) }
        }
        let decoded = try records(bytes, CSVReadOptions(delimiter: .comma, encoding: .windows1258, legacy: .off))
        let lines = expectedBytes.split(separator: 0x0A, omittingEmptySubsequences: false).filter { !$0.isEmpty }
        let expected = lines.map { line -> [String] in
            var view = String.UnicodeScalarView()
            for b in line { view.append(Unicode.Scalar(CodePages.windows1258[Int(b)])!) }
            return [String(view).precomposedStringWithCanonicalMapping]
        }
        #expect(decoded == expected)
    }
}

/// The tests' seeded generator (SplitMix64, in BieuTestSupport).
typealias SplitMix = SeededRandom
