import BieuCore
import Foundation
import Testing
@testable import BieuXLSXReader

/// The corpus: the same annex table written by openpyxl, xlsxwriter,
/// LibreOffice and hand-built variants (`Tests/Corpus/generate.py`), each
/// read and compared with `expected.json`.
///
/// The generator runs once per test process into a temporary folder. When
/// python3, openpyxl, xlsxwriter or soffice is missing, these tests fail.
@Suite("Corpus from real writers", .serialized)
struct CorpusTests {
    static let files = [
        "openpyxl.xlsx", "xlsxwriter.xlsx", "xlsxwriter-inline.xlsx", "libreoffice-resave.xlsx", "libreoffice-from-ods.xlsx",
        "hand-shared.xlsx", "hand-inline.xlsx", "hand-no-refs.xlsx", "hand-x-prefix.xlsx", "hand-strict.xlsx", "hand-1904.xlsx",
        "hand-rich-phonetic.xlsx", "hand-rich-inline.xlsx", "hand-sheet-order.xlsx", "hand-shared-formulas.xlsx",
        "hand-no-cached-values.xlsx", "hand-x-escapes.xlsx", "hand-error-values.xlsx",
    ]

    /// Files written by different programs from the same content.
    static let sameContent = ["openpyxl.xlsx", "xlsxwriter.xlsx", "xlsxwriter-inline.xlsx", "libreoffice-resave.xlsx",
                              "libreoffice-from-ods.xlsx", "hand-shared.xlsx", "hand-inline.xlsx", "hand-no-refs.xlsx",
                              "hand-x-prefix.xlsx", "hand-strict.xlsx", "hand-rich-phonetic.xlsx", "hand-rich-inline.xlsx",
                              "hand-sheet-order.xlsx", "hand-shared-formulas.xlsx"]

    struct Generated: Sendable {
        var directory: String
        var expected: [String: [String: Any]] { Self.load(directory) }

        private static func load(_ dir: String) -> [String: [String: Any]] {
            guard let data = FileManager.default.contents(atPath: dir + "/expected.json"),
                  let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let files = root["files"] as? [String: [String: Any]] else { return [:] }
            return files
        }
    }

    /// Runs the generator once per process.
    static let corpus: Result<Generated, CorpusFailure> = {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus/generate.py").path
        let dir = NSTemporaryDirectory() + "bieu-corpus-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", source, dir]
        let errPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(CorpusFailure(message: "cannot run python3 (needed with openpyxl, xlsxwriter and soffice): \(error)"))
        }
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(CorpusFailure(message: "Tests/Corpus/generate.py failed (status \(process.terminationStatus)): "
                                          + String(decoding: err, as: UTF8.self)))
        }
        return .success(Generated(directory: dir))
    }()

    struct CorpusFailure: Error, CustomStringConvertible, Sendable {
        var message: String
        var description: String { message }
    }

    static func generated() throws -> Generated { try corpus.get() }

    @Test func generatorWritesEveryFile() throws {
        let g = try Self.generated()
        #expect(Set(g.expected.keys) == Set(Self.files))
        for f in Self.files { #expect(FileManager.default.fileExists(atPath: g.directory + "/" + f), "\(f)") }
    }

    @Test(arguments: files)
    func fileReadsAsExpected(_ name: String) throws {
        let g = try Self.generated()
        let expected = try #require(g.expected[name], "no expectation for \(name)")
        let reader = try XLSXReader(path: g.directory + "/" + name)
        let workbook = try reader.readWorkbook()
        let sheets = try #require(expected["sheets"] as? [[String: Any]])
        #expect(workbook.sheets.count == sheets.count)
        #expect(reader.date1904 == (expected["date1904"] as? Bool))
        for (sheet, want) in zip(workbook.sheets, sheets) {
            #expect(sheet.name == want["name"] as? String)
            #expect(sheet.state.rawValue == want["state"] as? String, "\(name) \(sheet.name)")
            #expect(sheet.merges.map(\.a1) == (want["merges"] as? [String]), "\(name) \(sheet.name)")
            #expect(sheet.hiddenRows.sorted().map { $0 + 1 } == (want["hiddenRows"] as? [Int]), "\(name) \(sheet.name)")
            #expect(sheet.hiddenColumns.sorted().map { CellAddress.columnLetters($0) } == (want["hiddenColumns"] as? [String]))
            let wantCells = try (want["cells"] as? [[String: Any]] ?? []).map(Self.cell)
            #expect(sheet.cells.count == wantCells.count, "\(name) \(sheet.name)")
            for (got, exp) in zip(sheet.cells, wantCells) {
                #expect(got == exp, "\(name) \(sheet.name)!\(exp.address.a1)")
            }
        }
        #expect(workbook.definedNames == (expected["definedNames"] as? [String: String]), "\(name)")
    }

    /// The streaming API sees exactly the cells the materialising one does.
    @Test(arguments: files)
    func streamingMatchesMaterialised(_ name: String) throws {
        let g = try Self.generated()
        let reader = try XLSXReader(path: g.directory + "/" + name)
        for i in reader.sheets.indices {
            var streamed: [GridCell] = []
            var hidden: Set<Int> = []
            let layout = try reader.readSheet(at: i) { row in
                streamed += row.cells
                if row.hidden { hidden.insert(row.index) }
            }
            let sheet = try reader.readSheet(at: i)
            #expect(streamed == sheet.cells)
            #expect(hidden == sheet.hiddenRows && layout.hiddenRows == hidden)
            #expect(layout.merges == sheet.merges)
        }
    }

    /// Every writer's file gives the same values, formulas and formats for the same content
    /// (cached formula results aside: openpyxl writes none, LibreOffice recalculates).
    @Test func allWritersReadIdentically() throws {
        let g = try Self.generated()
        func key(_ c: GridCell) -> String {
            // LibreOffice saves booleans as the formulas TRUE()/FALSE() with the cached value.
            let formula = c.formula == "TRUE()" || c.formula == "FALSE()" ? nil : c.formula
            let value = formula == nil ? "\(c.value)" : "formula"
            return "\(c.address.a1)|\(value)|\(formula ?? "")|\(c.numberFormat ?? "")"
        }
        var reference: [String]?
        for name in Self.sameContent {
            let wb = try XLSXReader(path: g.directory + "/" + name).readWorkbook()
            let keys = wb.sheets.flatMap { s in s.cells.map { "\(s.name)!" + key($0) } }
            if let reference {
                #expect(keys == reference, "\(name) differs from openpyxl.xlsx")
            } else {
                reference = keys
                #expect(keys.contains("Biểu 01!B5|string(\"Tỷ lệ hộ nghèo\")||"))   // NFD in, NFC out
            }
        }
    }

    @Test func renamedOpenDocumentFile() throws {
        let g = try Self.generated()
        let path = g.directory + "/ods-renamed.xlsx"
        #expect(throws: XLSXError.openDocumentSpreadsheet(file: path)) { try XLSXReader(path: path) }
    }

    /// Turns one expected cell from JSON into a `GridCell`.
    static func cell(_ json: [String: Any]) throws -> GridCell {
        let ref = try #require(json["ref"] as? String)
        let address = try #require(CellAddress(a1: ref))
        let text = json["value"] as? String ?? ""
        let value: GridValue
        switch json["type"] as? String {
        case "string": value = .string(text)
        case "number": value = .number(text)
        case "boolean": value = .boolean(text == "true")
        case "date": value = .date(serial: text, date1904: json["date1904"] as? Bool ?? false)
        case "error": value = .error(text)
        case "formula-without-value": value = .formulaWithoutValue
        default: throw CorpusFailure(message: "unknown type in expected.json: \(json)")
        }
        return GridCell(address: address, value: value, formula: json["formula"] as? String, numberFormat: json["format"] as? String)
    }
}
