import Foundation
import Testing
@testable import BieuCSV
import BieuCore

@Suite("Writer")
struct WriterTests {
    // MARK: Neutralising

    @Test(arguments: [
        ("=SUM(A1)", "'=SUM(A1)"), ("-", "'-"), ("- Phát triển", "'- Phát triển"), ("@x", "'@x"), ("'abc", "''abc"),
        ("+84 912 345 678", "'+84 912 345 678"), ("\tx", "'\tx"), ("\r\nx", "'\r\nx"), ("=1+1", "'=1+1"),
        ("Tổng số", "Tổng số"), ("", ""), (" =x", " =x"), ("a=b", "a=b"), ("-5", "'-5"),
    ])
    func neutralize(_ input: String, _ expected: String) {
        #expect(CSVText.neutralize(input) == expected)
        #expect(CSVText.unneutralize(CSVText.neutralize(input)) == input)
    }

    @Test func unneutralizeIsAnExactInverse() {
        var generator = SplitMix(seed: 7)
        let pieces = ["'", "''", "=", "+", "-", "@", "\t", "\r", "\n", "a", "Đ", "ố", " ", "\"", "\u{301}"]
        for _ in 0..<5000 {
            var s = ""
            for _ in 0..<(generator.next() % 6) { s += pieces[Int(generator.next() % UInt64(pieces.count))] }
            #expect(CSVText.unneutralize(CSVText.neutralize(s)) == s)
            #expect(Array(CSVText.unneutralize(CSVText.neutralize(s)).unicodeScalars) == Array(s.unicodeScalars))
        }
        #expect(CSVText.unneutralize("abc") == "abc")
        #expect(CSVText.unneutralize("'") == "")
    }

    @Test func numbersAreWrittenAsTheyAre() {
        for literal in ["-5", "-3,5", "41.160", "2,202.34", "1e-3", "29,2%", "+5", "0", ",5", "-0,25"] {
            #expect(CSVField.isPlainNumber(literal), "\(literal)")
        }
        for literal in ["-1+2", "=1", "5 tỷ", "", "--5", "-", "1e", "e5", "5%%", "@5", "1-2", "+", "%"] {
            #expect(!CSVField.isPlainNumber(literal), "\(literal)")
        }
        let bytes = CSVWriter.bytes([[.number("-5"), .number("-3,5"), .number("=1+1"), .number("-1+2"), .text("-5")]],
                                    options: CSVWriteOptions(delimiter: .semicolon, encoding: .utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == "-5;-3,5;'=1+1;'-1+2;'-5\r\n")
        let comma = CSVWriter.bytes([[.number("-3,5"), .number("7")]], options: CSVWriteOptions(encoding: .utf8))
        #expect(String(decoding: comma, as: UTF8.self) == "\"-3,5\",7\r\n")
    }

    // MARK: Quoting and layout

    @Test func quoting() {
        let rows: [[CSVField]] = [
            ["a,b", "say \"hi\"", "dòng 1\ndòng 2", "cr\rx", " lead", "trail ", "tab\t", "plain", "a;b"],
            ["\u{FEFF}bom", ""],
        ]
        let bytes = CSVWriter.bytes(rows, options: CSVWriteOptions(encoding: .utf8))
        #expect(String(decoding: bytes, as: UTF8.self) ==
            "\"a,b\",\"say \"\"hi\"\"\",\"dòng 1\ndòng 2\",\"cr\rx\",\" lead\",\"trail \",\"tab\t\",plain,a;b\r\n\"\u{FEFF}bom\",\r\n")
        let semicolon = CSVWriter.bytes([["a,b", "a;b"]], options: CSVWriteOptions(delimiter: .semicolon, encoding: .utf8, lineEnding: .lf))
        #expect(String(decoding: semicolon, as: UTF8.self) == "a,b;\"a;b\"\n")
    }

    @Test func textIsWrittenInNFC() {
        let nfd = "Tổng số".decomposedStringWithCanonicalMapping
        let bytes = CSVWriter.bytes([[.text(nfd)]], options: CSVWriteOptions(encoding: .utf8))
        #expect(bytes == Array("Tổng số\r\n".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test func encodingsAndByteOrderMarks() throws {
        let rows: [[CSVField]] = [["Chỉ tiêu", .number("41,5")], ["😀", "x"]]
        let withBOM = CSVWriter.bytes(rows)
        #expect(Array(withBOM.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(withBOM.dropFirst(3)) == Array("Chỉ tiêu,\"41,5\"\r\n😀,x\r\n".utf8))
        #expect(CSVWriter.bytes(rows, options: CSVWriteOptions(encoding: .utf8)) == Array(withBOM.dropFirst(3)))
        let unicodeText = CSVWriter.bytes(rows, options: .excelUnicodeText)
        let python = try External.python("""
        import sys
        sys.stdout.buffer.write(("\\ufeff" + "Chỉ tiêu\\t41,5\\r\\n😀\\tx\\r\\n").encode("utf-16-le"))
        """)
        #expect(unicodeText == python)
    }

    // MARK: Files

    @Test func atomicFileWriting() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.csv"
        let rows: [[CSVField]] = (0..<50_000).map { i in [.number(String(i)), .text("Dòng \(i) \"x\""), .text("=A\(i)")] }
        try CSVWriter.write(rows, to: path, options: .excelVietnamese)
        #expect(try readFile(path) == CSVWriter.bytes(rows, options: .excelVietnamese))

        // A failing producer leaves the old file as it was, and no temporary file behind.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try CSVWriter.write(to: path) { writer in
                for row in rows.prefix(20_000) { try writer.append(row) }
                throw Stop()
            }
        }
        #expect(try readFile(path) == CSVWriter.bytes(rows, options: .excelVietnamese))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])

        // A writer dropped without finish() leaves nothing either.
        do {
            let writer = try CSVFileWriter(path: dir + "/never.csv")
            try writer.append(["a"])
            #expect(writer.rowCount == 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])

        // An unwritable place is an AtomicFile error naming the file.
        #expect(throws: AtomicFile.Failure.self) { try CSVWriter.write([["a"]], to: dir + "/missing/dir/x.csv") }
    }

    // MARK: Round trips

    static let roundTripRows: [[CSVField]] = {
        var rows: [[CSVField]] = [["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Ghi chú"]]
        let texts: [CSVField] = [
            "=SUM(A1)", "-", "- Phát triển", "@x", "'abc", "Tổng số, gồm \"A\"; B\tC", "dòng 1\r\ndòng 2\ndòng 3",
            " khoảng trắng ", "+84 912", "\t", "Đạt", "HTTNV", "", "'", "''", "=cmd|' /C calc'!A0",
        ]
        let numbers = ["-5", "-3,5", "41.160", "2,202.34", "-0,25", "29,2%", "1e-3"]
        for (i, sentence) in Seeds.sentences.enumerated() {
            rows.append([.number(String(i + 1)), .text(sentence), texts[i % texts.count],
                         .number(numbers[i % numbers.count]), .number(numbers[(i + 3) % numbers.count]), texts[(i + 5) % texts.count]])
        }
        return rows
    }()

    static func expectedStrings(_ rows: [[CSVField]]) -> [[String]] {
        rows.map { row in
            row.map { field in
                switch field {
                case let .text(t): return t
                case let .number(n): return n
                }
            }
        }
    }

    @Test(arguments: CSVDelimiter.allCases, CSVOutputEncoding.allCases)
    func writerToReader(_ delimiter: CSVDelimiter, _ encoding: CSVOutputEncoding) throws {
        let options = CSVWriteOptions(delimiter: delimiter, encoding: encoding)
        let bytes = CSVWriter.bytes(Self.roundTripRows, options: options)
        let doc = try CSVReader.read(bytes: bytes, name: "rt.csv", options: CSVReadOptions(unneutralize: true))
        #expect(doc.delimiter == delimiter)
        #expect(doc.info.delimiterFound)
        #expect(doc.encoding == (encoding == .utf16LE ? .utf16LE : .utf8))
        #expect(doc.hadBOM == (encoding != .utf8))
        #expect(doc.legacyConversion == nil)
        #expect(doc.notes.isEmpty, "\(doc.notes)")
        #expect(try records(bytes, CSVReadOptions(unneutralize: true)) == Self.expectedStrings(Self.roundTripRows))
        // Without unneutralising, the texts read as written, numbers untouched.
        let raw = try records(bytes)
        #expect(raw[2][3] == "-3,5")
        #expect(raw.flatMap { $0 }.contains("'- Phát triển"))
        #expect(raw.flatMap { $0 }.contains("'=SUM(A1)"))
        #expect(raw.flatMap { $0 }.contains("''abc"))
    }

    /// Python's csv module reads the writer's files to the same strings:
    /// reader and writer cannot share a mistake unnoticed.
    @Test(arguments: CSVDelimiter.allCases, CSVOutputEncoding.allCases)
    func pythonReadsWhatWeWrite(_ delimiter: CSVDelimiter, _ encoding: CSVOutputEncoding) throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.csv"
        try CSVWriter.write(Self.roundTripRows, to: path, options: CSVWriteOptions(delimiter: delimiter, encoding: encoding))
        let python = try External.python("""
        import csv, json, sys
        path, delimiter, encoding = sys.argv[1], sys.argv[2], sys.argv[3]
        with open(path, encoding=encoding, newline="") as f:
            rows = list(csv.reader(f, delimiter=delimiter))
        sys.stdout.write(json.dumps(rows, ensure_ascii=False))
        """, [path, delimiter.rawValue, encoding == .utf16LE ? "utf-16" : "utf-8-sig"])
        let decoded = try JSONDecoder().decode([[String]].self, from: Data(python))
        let expected = Self.expectedStrings(Self.roundTripRows).enumerated().map { r, row in
            row.enumerated().map { c, text in
                if case .number = Self.roundTripRows[r][c], CSVField.isPlainNumber(text) { return text }
                return CSVText.neutralize(text)
            }
        }
        #expect(decoded == expected)
        #expect(decoded.map { $0.map(CSVText.unneutralize) } != expected) // the apostrophes are really there
    }
}
