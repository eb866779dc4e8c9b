import BieuCore
import Foundation
import Testing
@testable import BieuXLSXReader

/// Issue 15 item 3: end tags must close the open element, and malformed-XML
/// errors name the part and the exact byte offset in it.
@Suite("XML structure and offsets")
struct XMLStructureTests {
    static let part = "xl/worksheets/sheet1.xml"

    /// The worksheet XML the builder writes around `sheetData`, and the byte
    /// offset of `marker`'s first occurrence in it (nth occurrence with `nth`).
    static func sheet(_ sheetData: String) -> String { WorkbookBuilder.worksheet(sheetData) }

    static func offset(of marker: String, in xml: String, nth: Int = 1) -> Int64 {
        var from = xml.utf8.startIndex
        var found = xml.utf8.startIndex
        for _ in 0..<nth {
            let r = xml.range(of: marker, range: from..<xml.endIndex)!
            found = r.lowerBound
            from = xml.index(after: r.lowerBound)
        }
        return Int64(xml.utf8.distance(from: xml.utf8.startIndex, to: found))
    }

    static func error(_ sheetData: String, granularity: Int = .max) -> XLSXError? {
        var b = WorkbookBuilder(sheetData: sheetData)
        b.sheets[0].xml = sheet(sheetData)
        return xlsxError { try XLSXReader(bytes: b.build(), name: "t.xlsx").readSheet(at: 0) }
    }

    @Test func strayEndTagOfACellIsAnErrorNotLostCells() throws {
        // Before: the stray </c> closed the row early; B1 and C1 were dropped without a word.
        let data = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></c><c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>3</v></c></row>"
        let xml = Self.sheet(data)
        let e = Self.error(data)
        #expect(e == .xml(file: "t.xlsx", entry: Self.part, offset: Self.offset(of: "</c></c>", in: xml) + 4,
                          problem: .mismatchedEndTag(open: "row", close: "c")))
        #expect(e?.message(.vi).contains("thẻ đóng </c> không khớp với thẻ mở <row>") == true)
        #expect(e?.message(.en).contains("entry xl/worksheets/sheet1.xml, byte \(Self.offset(of: "</c></c>", in: xml) + 4)") == true)
    }

    @Test(arguments: [
        ("<row r=\"1\"><c r=\"A1\"><v>1</v></row>", "</row>", 1, "c", "row"),
        ("<row r=\"1\"><c r=\"A1\"><is><t>x</t></c></row>", "</c>", 1, "is", "c"),
        ("<row r=\"1\"><c r=\"A1\"><v>1</x:v></c></row>", "</x:v>", 1, "v", "x:v"),
        ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t><t>b</r></is></c></row>", "</r>", 1, "t", "r"),
        ("<row r=\"1\"></sheetData>", "</sheetData>", 1, "row", "sheetData"),
    ])
    func mismatchedEndTagsNameBothTagsAndTheOffset(_ data: String, _ marker: String, _ nth: Int, _ open: String, _ close: String) throws {
        let xml = Self.sheet(data)
        // The same answer whatever the chunking (tokens straddling reads).
        for granularity in [Int.max, 7, 1] {
            var b = WorkbookBuilder(sheetData: data)
            b.sheets[0].xml = xml
            let reader = try XLSXReader(bytes: b.build(), name: "t.xlsx", readGranularity: granularity)
            let e = xlsxError { try reader.readSheet(at: 0) }
            #expect(e == .xml(file: "t.xlsx", entry: Self.part, offset: Self.offset(of: marker, in: xml, nth: nth),
                              problem: .mismatchedEndTag(open: open, close: close)), "\(data)")
        }
    }

    @Test func prefixedElementsMustCloseWithTheSamePrefix() throws {
        let ok = "<x:row r=\"1\"><x:c r=\"A1\"><x:v>5</x:v></x:c></x:row>"
        var b = WorkbookBuilder(sheetData: ok)
        b.sheets[0].xml = "<x:worksheet xmlns:x=\"\(WorkbookBuilder.main)\"><x:sheetData>\(ok)</x:sheetData></x:worksheet>"
        #expect(try b.firstSheet().cells.map(\.value) == [.number("5")])
        let bad = "<x:row r=\"1\"><x:c r=\"A1\"><x:v>5</x:v></c></x:row>"
        b.sheets[0].xml = "<x:worksheet xmlns:x=\"\(WorkbookBuilder.main)\"><x:sheetData>\(bad)</x:sheetData></x:worksheet>"
        let e = xlsxError { try b.firstSheet() }
        #expect(e == .xml(file: "test.xlsx", entry: Self.part, offset: Self.offset(of: "</c>", in: b.sheets[0].xml),
                          problem: .mismatchedEndTag(open: "x:c", close: "c")))
    }

    /// Offsets of other malformed-XML errors point at the offending byte of the part.
    @Test(arguments: [
        ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a &bogus; b</t></is></c></row>", "&bogus;"),
        ("<row r=\"1\"><c r=\"A1\"><v>1&#0;</v></c></row>", "&#0;"),
        ("<row r=\"1\"><c r=\"A1\" t=\"str\"><f>1&amp</f><v>x</v></c></row>", "&amp</f>"),
        ("<row r=\"1\"><c r=\"A1\" s=\"1<\"><v>1</v></c></row>", "<\"><v>"),
        ("<row r=\"1\"><c r=\"A1\" s \"1\"><v>1</v></c></row>", "\"1\"><v>"),
        ("<row r=\"1\"><c r=\"A1\" s=1><v>1</v></c></row>", "1><v>"),
        ("<row r=\"1\"></row><!DOCTYPE x>", "<!DOCTYPE"),
    ])
    func malformedXMLOffsetsAreExact(_ data: String, _ marker: String) throws {
        let xml = Self.sheet(data)
        for granularity in [Int.max, 5, 1] {
            var b = WorkbookBuilder(sheetData: data)
            b.sheets[0].xml = xml
            let reader = try XLSXReader(bytes: b.build(), name: "t.xlsx", readGranularity: granularity)
            guard case let .xml(file, entry, offset, _)? = xlsxError({ try reader.readSheet(at: 0) }) else {
                Issue.record("expected an XML error for \(data)"); return
            }
            #expect(file == "t.xlsx" && entry == Self.part)
            #expect(offset == Self.offset(of: marker, in: xml), "\(data) granularity \(granularity)")
        }
    }
}


/// Runs a python3 script with arguments and returns its standard output
/// (the test fails when python3 is missing or the script fails).
func python3Output(_ script: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CorpusTests.CorpusFailure(message: "python3 failed: " + String(decoding: errors, as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self)
}
