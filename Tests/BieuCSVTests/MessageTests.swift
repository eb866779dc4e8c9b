import Foundation
import Testing
@testable import BieuCSV
import BieuCore
#if canImport(Glibc)
import Glibc
#endif

/// Every error message, in both languages, names the file and the place, and
/// appears word for word in docs/CSV.md.
@Suite("Messages")
struct MessageTests {
    static let samples: [CSVError] = [
        .cannotOpen(file: "bieu01.csv", reason: SystemFailure(code: ENOENT, description: "No such file or directory")),
        .notRegularFile(file: "bieu01.csv"),
        .readFailed(file: "bieu01.csv", offset: 65536, reason: SystemFailure(code: EIO, description: "Input/output error")),
        .fileTooLarge(file: "bieu01.csv", size: 300_000_000, limit: 268_435_456),
        .invalidUTF8(file: "bieu01.csv", offset: 1234, line: 17, byte: 0xE9, claim: .byteOrderMark),
        .invalidUTF8(file: "bieu01.csv", offset: 1234, line: 17, byte: 0xE9, claim: .caller),
        .invalidUTF8(file: "bieu01.csv", offset: 1234, line: 17, byte: 0xE9, claim: .detection),
        .invalidUTF16(file: "bieu01.txt", offset: 4097, line: 9, problem: .oddLength),
        .invalidUTF16(file: "bieu01.txt", offset: 4096, line: 9, problem: .unpairedSurrogate(0xD83D)),
        .byteOrderMarkConflict(file: "bieu01.csv", found: .utf8, requested: .utf16LE),
        .unsupportedEncoding(file: "bieu01.csv", name: "UTF-32LE"),
        .mixedEncoding(file: "bieu01.csv", offset: 1234, line: 17, column: 9, byte: 0xE9, invalidBytes: 2, validCharacters: 311),
        .unterminatedQuote(file: "bieu01.csv", line: 12, column: 4, offset: 845),
        .textAfterClosingQuote(file: "bieu01.csv", line: 12, column: 9, offset: 850, quoteLine: 12, quoteColumn: 4),
        .fieldTooLong(file: "bieu01.csv", cell: CellAddress(a1: "C12")!, line: 12, offset: 845, limit: 1_048_576),
        .rowTooLarge(file: "bieu01.csv", line: 12, limit: 16_777_216),
        .tooManyFields(file: "bieu01.csv", line: 3, limit: 16_384),
        .tooManyRows(file: "bieu01.csv", line: 1_048_577, limit: 1_048_576),
        .writeFailed(file: "out.csv", reason: SystemFailure(code: ENOSPC, description: "No space left on device")),
    ]

    @Test(arguments: samples)
    func messageNamesFileAndPlace(_ error: CSVError) {
        for language in Language.allCases {
            let text = error.message(language)
            #expect(text.contains(error.file))
            if let line = error.line { #expect(text.contains(String(line)), "\(text)") }
            if let offset = error.byteOffset { #expect(text.contains(String(offset)), "\(text)") }
        }
        #expect(error.description == error.message(.vi))
        #expect(error.message(.vi) != error.message(.en))
    }

    @Test func everyMessageIsDocumented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/CSV.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for error in Self.samples {
            #expect(text.contains(error.message(.vi)), "docs/CSV.md lacks: \(error.message(.vi))")
            #expect(text.contains(error.message(.en)), "docs/CSV.md lacks: \(error.message(.en))")
        }
    }

    /// The table of messages in docs/CSV.md, one line per sample.
    static var table: String {
        Self.samples.map { error in
            let name = Mirror(reflecting: error).children.first?.label ?? String(describing: error)
            return "| `\(name)` | \(error.message(.vi)) | \(error.message(.en)) |"
        }.joined(separator: "\n")
    }

    /// docs/CSV.md holds the table of every message as it is generated now, lines in
    /// this order, nothing missing or stale. With BIEU_MESSAGES_TABLE set, the table is
    /// also written to that file (to refresh the docs).
    @Test func documentedTableIsCurrent() throws {
        if let path = ProcessInfo.processInfo.environment["BIEU_MESSAGES_TABLE"] {
            try Self.table.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/CSV.md")
        let lines = try String(contentsOf: docs, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let names = Set(Self.samples.map { Mirror(reflecting: $0).children.first?.label ?? "" })
        // The documented rows: table lines whose first cell is a message case name.
        let documented = lines.filter { line in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return false }
            return names.contains(String(line[line.index(line.startIndex, offsetBy: 3)..<end]))
        }.joined(separator: "\n")
        #expect(documented == Self.table, "docs/CSV.md's message table differs; refresh it with BIEU_MESSAGES_TABLE=/tmp/t.md swift test --filter documentedTableIsCurrent")
    }
}
