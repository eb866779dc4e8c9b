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
        try convertWithLibreOffice(dir + "/bieu.xlsx", outdir: dir, to: "csv:Text - txt - csv (StarCalc):59,34,76,1", produces: "bieu.csv")
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

    /// What docs/CSV.md tells users: LibreOffice reads bieu's CSV (UTF-8 with BOM) exactly only when the CSV
    /// filter options name UTF-8 (`CSV:44,34,76,1`); without them it takes the bytes for Windows-1252, and
    /// UTF-16LE "Unicode Text" files need `CSV:9,34,65535,1`. Read back with openpyxl.
    @Test func libreOfficeNeedsTheFilterOptionsDocsName() throws {
        let texts = ["BIỂU 01: KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU", "Các chỉ tiêu nông nghiệp, nông thôn mới",
                     "Tỷ lệ hộ nghèo (%)", "Đạt; vượt \"kế hoạch\""] + Seeds.sentences.prefix(5)
        let rows: [[CSVField]] = texts.enumerated().map { i, text in [.number("\(i + 1)"), .text(text)] }
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases: [(file: String, options: CSVWriteOptions, filter: String?, exact: Bool)] = [
            ("plain.csv", CSVWriteOptions(), nil, false),
            ("utf8.csv", CSVWriteOptions(), "CSV:44,34,76,1", true),
            ("utf16.csv", CSVWriteOptions(delimiter: .tab, encoding: .utf16LE), "CSV:9,34,65535,1", true),
        ]
        for c in cases {
            try CSVWriter.write(rows, to: dir + "/" + c.file, options: c.options)
            let base = (c.file as NSString).deletingPathExtension
            try convertWithLibreOffice(dir + "/" + c.file, outdir: dir, to: "xlsx", infilter: c.filter, produces: base + ".xlsx")
            let read = try External.python("""
                import sys, openpyxl
                ws = openpyxl.load_workbook(sys.argv[1]).active
                sys.stdout.write("\\n".join(str(ws.cell(row=r, column=2).value) for r in range(1, ws.max_row + 1)))
                """, [dir + "/" + base + ".xlsx"])
            let got = String(decoding: read, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if c.exact {
                #expect(got == texts, "\(c.file) with \(c.filter ?? "no filter options")")
            } else {
                #expect(got != texts, "LibreOffice now reads a BOM without filter options: docs/CSV.md can say so")
            }
        }
    }

    /// Runs soffice in its own process group and profile, then kills whatever it left behind.
    private func convertWithLibreOffice(_ input: String, outdir: String, to filter: String, infilter: String? = nil,
                                        produces output: String) throws {
        let profile = "file:///tmp/lo-bieu-csv-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["setsid", "soffice", "-env:UserInstallation=\(profile)", "--headless"]
            + (infilter.map { ["--infilter=\($0)"] } ?? []) + ["--convert-to", filter, "--outdir", outdir, input]
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
        let logText = String(decoding: try readFile(log), as: UTF8.self)
        if process.terminationStatus == 127 {
            throw ExternalProgramError(description: "soffice (LibreOffice) is not installed; this test needs it")
        }
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: outdir + "/" + output) else {
            throw ExternalProgramError(description: "soffice failed (\(process.terminationStatus)): \(logText)")
        }
    }
}
