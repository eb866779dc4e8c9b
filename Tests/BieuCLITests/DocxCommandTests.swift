import BieuTestSupport
import Foundation
import Testing

/// `import`, `inspect` and `validate` on Word documents, as a user runs them.
@Suite("CLI on .docx")
struct DocxCommandTests {
    static func exported(_ dir: String, table: String = "bieu-01") throws -> String {
        let path = dir + "/\(table).docx"
        let out = try CLI.run(["export", CLI.example, "--table", table, "-o", path])
        #expect(out.status == 0, "\(out.stderr)")
        return path
    }

    @Test("import X.docx --template T writes the model and names the document's table")
    func importDocument() throws {
        let dir = try CLI.dir("docx-import")
        let path = try Self.exported(dir)
        let out = try CLI.run(["import", path, "--template", "bieu-01", "--period", "2024", "--issuer", "Huyện ủy Tam Đường", "-o", dir + "/out.json"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Tệp: bieu-01.docx (DOCX)"))
        #expect(out.stdout.contains("Biểu bieu-01: bảng 1 của tài liệu, mẫu bieu-01"))
        #expect(out.stdout.contains("Bảng 1, hàng 6, cột F: (dòng bieu-01-new-4, cột th_nam) cảnh báo [ambiguous-number]"))
        let json = try String(contentsOfFile: dir + "/out.json", encoding: .utf8)
        #expect(json.contains("\"template\": \"bieu-01\""))
        let back = try CLI.run(["import", path, "--base", CLI.example, "--strategy", "replace", "-o", dir + "/back.json", "--lang", "en"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("Table bieu-01: table 1 of the document, template bieu-01"))
        #expect(back.stdout.contains("0 values changed, 0 added, 0 removed, 0 moved; 0 errors"))
    }

    @Test("inspect X.docx --cells lists each table as a sheet with its cells and merges")
    func inspect() throws {
        let dir = try CLI.dir("docx-inspect")
        let path = try Self.exported(dir)
        let out = try CLI.run(["inspect", path, "--cells"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Trang 1: [1] [hiện]"))
        #expect(out.stdout.contains("Ô gộp: A1:A2, B1:B2"))
        #expect(out.stdout.contains("J1:L1"))
        #expect(out.stdout.contains("A1\tchuỗi\t\"STT\""))
        #expect(out.stdout.contains("[1]: mẫu bieu-01"))
    }

    @Test("validate X.docx reports findings by table, row and column; exit code as for XLSX")
    func validate() throws {
        let dir = try CLI.dir("docx-validate")
        let path = try Self.exported(dir, table: "bieu-02")
        let out = try CLI.run(["validate", path, "--base", CLI.example, "--lang", "en"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("table 1, row "))
        #expect(out.stdout.contains("warning [assessment-mismatch]"))
        let strict = try CLI.run(["validate", path, "--base", CLI.example, "--strict"])
        #expect(strict.status == 1)
    }

    @Test("A truncated .docx is an error naming the file, in each language, and leaves no output")
    func truncated() throws {
        let dir = try CLI.dir("docx-cut")
        let path = try Self.exported(dir)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: dir + "/cut.docx"))
        for (lang, text) in [("vi", "Tệp \(dir)/cut.docx bị cắt cụt hoặc hỏng"), ("en", "\(dir)/cut.docx is truncated or damaged")] {
            let out = try CLI.run(["import", dir + "/cut.docx", "-o", dir + "/out.json", "--lang", lang])
            #expect(out.status == 2)
            #expect(out.stderr.contains(text), "\(out.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out.json"))
        }
    }
}
