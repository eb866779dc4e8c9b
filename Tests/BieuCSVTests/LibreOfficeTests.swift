import Foundation
import Testing
@testable import BieuCSV
import BieuCore
#if canImport(Glibc)
import Glibc
#endif

/// A file LibreOffice writes (`soffice --convert-to csv` of an xlsx made with
/// openpyxl, UTF-8 and `;`) reads back to the strings put in the workbook.
@Suite("LibreOffice interop")
struct LibreOfficeTests {
    static let makeWorkbook = """
    import json, sys
    from openpyxl import Workbook
    rows = json.loads(sys.stdin.read())
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value == "":
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"   # keep "=…" as text, not a formula
            else:
                cell.value = value
    wb.save(sys.argv[1])
    """

    @Test func libreOfficeCSVReadsBackToTheSameStrings() throws {
        let letters = VietnameseLetters.precomposed
        var rows: [[Any]] = [["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2024", "Thực hiện năm 2024", "Ghi chú"]]
        for (i, sentence) in Seeds.sentences.enumerated() {
            rows.append([i + 1, sentence, "Tỷ đồng", 41_160 + i, "41,5", i % 3 == 0 ? "Đạt; vượt \"kế hoạch\"" : ""])
        }
        rows.append(["", "Dòng 1\nDòng 2", "a, b; c", "=SUM(A1)", "- Phát triển", "'abc"])
        rows.append(["", letters[0..<67].joined(), letters[67...].joined(), "", "", "cuối"])
        let json = try JSONSerialization.data(withJSONObject: rows)

        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try External.python(Self.makeWorkbook, [dir + "/bieu.xlsx"], stdin: Array(json))
        try convertWithLibreOffice(dir + "/bieu.xlsx", outdir: dir)
        let csvPath = dir + "/bieu.csv"
        let bytes = try readFile(csvPath)
        #expect(!bytes.isEmpty)

        let doc = try CSVReader.read(path: csvPath)
        #expect(doc.delimiter == .semicolon)
        #expect(doc.encoding == .utf8)
        #expect(doc.legacyConversion == nil)
        #expect(doc.sheet.name == "bieu")
        let expected: [[String]] = rows.map { row in row.map { "\($0)" } }
        let read = try records(bytes)
        #expect(read.count == expected.count)
        for (r, row) in expected.enumerated() where r < read.count {
            // LibreOffice pads every record to the used width; compare the fields written.
            let got = read[r] + Array(repeating: "", count: max(0, row.count - read[r].count))
            #expect(Array(got.prefix(row.count)) == row, "row \(r + 1)")
        }
    }

    /// Runs soffice in its own process group and profile, then kills whatever it left behind.
    private func convertWithLibreOffice(_ input: String, outdir: String) throws {
        let profile = "file:///tmp/lo-bieu-csv-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["setsid", "soffice", "-env:UserInstallation=\(profile)", "--headless",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", outdir, input]
        let log = outdir + "/soffice.log"
        try writeFile(log, [])
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        let group = process.processIdentifier
        defer {
            kill(-group, SIGKILL)
            try? FileManager.default.removeItem(atPath: String(profile.dropFirst("file://".count)))
        }
        process.waitUntilExit()
        let output = String(decoding: try readFile(log), as: UTF8.self)
        if process.terminationStatus == 127 {
            throw ExternalProgramError(description: "soffice (LibreOffice) is not installed; this test needs it")
        }
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: outdir + "/bieu.csv") else {
            throw ExternalProgramError(description: "soffice failed (\(process.terminationStatus)): \(output)")
        }
    }
}
