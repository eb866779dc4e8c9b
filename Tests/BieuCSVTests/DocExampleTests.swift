import Foundation
import Testing
import BieuCSV
import BieuCore

/// The example at the top of docs/CSV.md, run as written.
@Test func docsExample() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/out.csv"

    try CSVWriter.write(to: out, options: .excelVietnamese) { writer in
        try writer.append([.text("STT"), .text("Chỉ tiêu"), .text("Thực hiện")])
        try writer.append([.number("1"), .text("- Phát triển"), .number("-3,5")])
    }
    #expect(try readFile(out) == [0xEF, 0xBB, 0xBF] + Array("STT;Chỉ tiêu;Thực hiện\r\n1;'- Phát triển;-3,5\r\n".utf8))
    #expect(CSVWriter.bytes([["a", .number("-5")]]) == [0xEF, 0xBB, 0xBF] + Array("a,-5\r\n".utf8))

    let doc = try CSVReader.read(path: out)
    #expect(doc.info.summary.vi == "UTF-8 có BOM, phân cách bằng dấu chấm phẩy (;), 2 hàng")
    #expect(doc.notes.isEmpty)
    var lines: [Int] = []
    let info = try CSVReader.forEachRow(path: out) { line, _ in lines.append(line) }
    #expect(lines == [1, 2])
    #expect(info == doc.info)
}
