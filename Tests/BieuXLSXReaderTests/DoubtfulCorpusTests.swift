import BieuCore
import Foundation
import Testing
@testable import BieuXLSXReader

/// The workbooks of `Tests/Corpus/generate_doubtful.py` (openpyxl output and
/// small edits of it), each read against its `expected.json` entry.
@Suite("Doubtful corpus: workbooks")
struct DoubtfulCorpusTests {
    static let directory: Result<String, CorpusTests.CorpusFailure> = {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus/generate_doubtful.py").path
        let dir = NSTemporaryDirectory() + "bieu-doubtful-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        do {
            _ = try python3Output("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')", [script, dir])
        } catch {
            return .failure(CorpusTests.CorpusFailure(message: "Tests/Corpus/generate_doubtful.py failed: \(error)"))
        }
        return .success(dir)
    }()

    static func file(_ name: String) throws -> (path: String, expected: [String: Any]) {
        let dir = try directory.get()
        let data = try #require(FileManager.default.contents(atPath: dir + "/expected.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        return (dir + "/" + name, try #require(root[name]))
    }

    @Test func openpyxlISODatesAndOneBadCell() throws {
        let (path, expected) = try Self.file("openpyxl-iso-dates.xlsx")
        // Before: refused whole ("giá trị … không hợp lệ cho kiểu d").
        let sheet = try XLSXReader(path: path).readSheet(at: 0)
        let cells = try #require(expected["cells"] as? [String: [String: Any]])
        for (ref, want) in cells {
            let got = sheet.value(ref)
            switch want["type"] as? String {
            case "date":
                guard case let .date(serial, false) = got, let value = Double(serial) else { Issue.record("\(ref): \(got)"); continue }
                #expect(abs(value - (want["serial"] as! Double)) < 1e-9, "\(ref)")
            case "unreadable":
                #expect(got == .unreadable(text: want["text"] as! String, declared: DeclaredType(rawValue: want["declared"] as! String)!), "\(ref)")
            default:
                #expect(got == .string(want["text"] as! String), "\(ref)")
            }
        }
    }

    @Test func strayEndTag() throws {
        let (path, expected) = try Self.file("stray-end-tag.xlsx")
        let e = xlsxError { try XLSXReader(path: path).readSheet(at: 0) }
        #expect(e == .xml(file: path, entry: expected["entry"] as! String, offset: Int64(expected["offset"] as! Int),
                          problem: .mismatchedEndTag(open: expected["open"] as! String, close: expected["close"] as! String)))
    }

    @Test func hugeCell() throws {
        let (path, _) = try Self.file("huge-cell.xlsx")
        let e = xlsxError { try XLSXReader(path: path).readSheet(at: 0) }
        #expect(e == .cellTextTooLong(file: path, cell: SheetCell(sheet: "Biểu 01", address: CellAddress(a1: "D7")!), limit: 1 << 20))
    }
}
