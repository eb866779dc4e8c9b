import BieuTestSupport
import Foundation
import Testing

/// `--encoding` on every command that reads CSV: the encodings the reader supports,
/// unknown names refused with the list, workbooks refused.
@Suite("CSV input encoding option")
struct CSVEncodingOptionTests {
    /// The corpus file that is UTF-8 except for one Windows-1258 byte (Tests/Corpus/generate_doubtful.py).
    static func mixedFile() throws -> (path: String, offset: Int, line: Int, column: Int) {
        let dir = try CLI.dir("encoding-corpus")
        let run = try ExternalTools.run("python3", [CLI.root + "/Tests/Corpus/generate_doubtful.py", dir])
        guard run.status == 0 else { throw ExternalTools.Failure(description: "generate_doubtful.py: \(run.stderr)") }
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/expected.json"))) as? [String: [String: Any]])
        let e = try #require(expected["mixed-utf8.csv"])
        return (dir + "/mixed-utf8.csv", e["offset"] as! Int, e["line"] as! Int, e["column"] as! Int)
    }

    @Test("A UTF-8 file with a few foreign bytes fails with offset, line and column; --encoding windows-1258 reads it")
    func mixedFileReadWithEncoding() throws {
        let file = try Self.mixedFile()
        let dir = try CLI.dir("encoding")
        for command in [["import", file.path, "--dry-run"], ["import", file.path, "-o", dir + "/out.json"], ["validate", file.path], ["inspect", file.path],
                        ["diff", file.path, file.path]] {
            let refused = try CLI.run(command + ["--lang", "en"])
            #expect(refused.status == 2, "\(command): \(refused.status) \(refused.stderr)")
            #expect(refused.stderr.contains("offset \(file.offset), line \(file.line), column \(file.column)") && refused.stderr.contains("--encoding"),
                    "\(command): \(refused.stderr)")
            let read = try CLI.run(command + ["--encoding", "windows-1258", "--lang", "en"])
            // Read in the encoding given: no encoding error (the Windows-1258 reading of the UTF-8 header
            // matches no template, which import, validate and diff then say).
            #expect(!read.stderr.contains("not valid UTF-8"), "\(command): \(read.stderr)")
            #expect(read.stdout.contains("Windows-1258") || read.stderr.contains("no table"), "\(command): \(read.stdout)\(read.stderr)")
        }
        let inspected = try CLI.run(["inspect", file.path, "--cells", "--encoding", "windows-1258", "--lang", "en"])
        #expect(inspected.status == 0, "\(inspected.stderr)")
        #expect(inspected.stdout.contains("Windows-1258") && inspected.stdout.contains("é"), "\(inspected.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.json"))
    }

    @Test("--encoding accepts the reader's encodings under their usual names and refuses others with the list")
    func names() throws {
        let file = try Self.mixedFile()
        for name in ["utf-8", "UTF8", "utf-16le", "utf-16be", "windows-1258", "cp1258", "Windows-1252"] {
            let out = try CLI.run(["inspect", file.path, "--encoding", name, "--lang", "en"])
            #expect(out.status != 64, "\(name): \(out.stderr)")
        }
        for command in [["import", file.path, "--dry-run"], ["validate", file.path], ["inspect", file.path], ["diff", file.path, file.path],
                        ["round", "receive", "--store", "none.sqlite", file.path]] {
            let out = try CLI.run(command + ["--encoding", "latin9", "--lang", "en"])
            #expect(out.status == 64, "\(command): \(out.status) \(out.stderr)")
            #expect(out.stderr.contains("--encoding latin9") && out.stderr.contains("utf-8, utf-16le, utf-16be, windows-1258, windows-1252"), "\(out.stderr)")
            let vi = try CLI.run(command + ["--encoding", "latin9"])
            #expect(vi.stderr.contains("bảng mã không được hỗ trợ"), "\(vi.stderr)")
        }
    }

    @Test("--encoding for a workbook is refused: it would do nothing")
    func workbookRefused() throws {
        let dir = try CLI.dir("encoding-xlsx")
        _ = try CLI.run(["export", CLI.example, "--table", "bieu-01", "-o", dir + "/b.xlsx"])
        for command in [["import", dir + "/b.xlsx", "--dry-run"], ["validate", dir + "/b.xlsx"], ["inspect", dir + "/b.xlsx"]] {
            let out = try CLI.run(command + ["--encoding", "utf-8", "--lang", "en"])
            #expect(out.status == 2 && out.stderr.contains("--encoding applies to CSV files only"), "\(command): \(out.stderr)")
        }
    }
}
