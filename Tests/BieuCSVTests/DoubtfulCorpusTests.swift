import BieuCore
import Foundation
import Testing
@testable import BieuCSV

/// The CSV files of `Tests/Corpus/generate_doubtful.py`, each read against its
/// `expected.json` entry: exact error cases and places, or the records read.
@Suite("Doubtful corpus: CSV")
struct DoubtfulCSVCorpusTests {
    static let directory: Result<String, ExternalProgramError> = {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus/generate_doubtful.py").path
        do {
            let dir = try makeTemporaryDirectory()
            try External.run("python3", [script, dir])
            return .success(dir)
        } catch {
            return .failure(ExternalProgramError(description: "Tests/Corpus/generate_doubtful.py: \(error)"))
        }
    }()

    static func file(_ name: String) throws -> (bytes: [UInt8], expected: [String: Any]) {
        let dir = try directory.get()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(try readFile(dir + "/expected.json"))) as? [String: [String: Any]])
        return (try readFile(dir + "/" + name), try #require(root[name]))
    }

    @Test func utf8WithOnePastedByte() throws {
        let (bytes, e) = try Self.file("mixed-utf8.csv")
        // Before: read whole as Windows-1258, mojibake in every accented field, no error.
        #expect(readError(bytes) == .mixedEncoding(file: "test.csv", offset: e["offset"] as! Int, line: e["line"] as! Int,
                                                    column: e["column"] as! Int, byte: UInt8(e["byte"] as! Int),
                                                    invalidBytes: e["invalidBytes"] as! Int, validCharacters: e["validCharacters"] as! Int))
    }

    @Test func textAfterAClosingQuote() throws {
        let (bytes, e) = try Self.file("text-after-quote.csv")
        // Before: read as `Tổng sốxã`, exit 0.
        #expect(readError(bytes) == .textAfterClosingQuote(file: "test.csv", line: e["line"] as! Int, column: e["column"] as! Int,
                                                           offset: e["offset"] as! Int, quoteLine: e["quoteLine"] as! Int,
                                                           quoteColumn: e["quoteColumn"] as! Int))
    }

    @Test func unterminatedQuote() throws {
        let (bytes, e) = try Self.file("unterminated-quote.csv")
        #expect(readError(bytes) == .unterminatedQuote(file: "test.csv", line: e["line"] as! Int, column: e["column"] as! Int,
                                                       offset: e["offset"] as! Int))
    }
}
