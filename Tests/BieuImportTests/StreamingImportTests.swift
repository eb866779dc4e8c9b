import BieuCore
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// `bieu import` without base data reads a one-table file row by row and writes
/// each row into the output JSON as it is complete: bounded memory, and exactly
/// the bytes, findings and summary of the whole-workbook import.
@Suite("Streaming import: bounded memory, same result", .serialized)
struct StreamingImportTests {
    static let columns = StreamingExportTests.columns

    /// An XLSX and a CSV file of `rows` random Biểu 01 rows, written by `bieu export`.
    static func files(rows: Int, seed: UInt64) throws -> (xlsx: String, csv: String) {
        let (path, _) = try StreamingExportTests.dataFile(rows: rows, seed: seed)
        let dir = try Env.dir("simport-data")
        let xlsx = dir + "/random-\(rows)-\(seed).xlsx", csv = dir + "/random-\(rows)-\(seed).csv"
        for out in [xlsx, csv] {
            let r = try Env.bieu(["export", path, "--table", "bieu-01", "-o", out])
            try #require(r.status == 0, "\(r.stderr)")
        }
        return (xlsx, csv)
    }

    /// Imports `path` both ways and checks they agree: output bytes, findings, summary, report text.
    /// Returns the streamed result.
    @discardableResult
    static func expectSameBothWays(_ path: String, templateID: String? = nil, force: Bool = true,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws -> StreamingImport.Result? {
        let catalog = try Env.catalog()
        let options = ImportOptions(templateID: templateID)
        let file = try SpreadsheetFile.read(path: path)
        let whole = Importer(catalog: catalog).run(file.workbook, source: file.name, isCSV: file.kind == .csv, options: options)
        let dir = try Env.dir("simport-out")
        let out = dir + "/" + file.name + ".json"
        var streamed: StreamingImport.Result?
        for language in [Language.vi, .en] {
            unlink(out)
            let outcome = try StreamingImport(catalog: catalog).run(path: path, options: options, output: out, force: force,
                                                                    language: language, keepFindings: true)
            guard case .done(let result) = outcome else {
                Issue.record("\(file.name): not streamed", sourceLocation: sourceLocation)
                return nil
            }
            streamed = result
            #expect(result.summary == whole.summary, "\(file.name)", sourceLocation: sourceLocation)
            #expect(result.findings == whole.findings, "\(file.name): findings differ", sourceLocation: sourceLocation)
            let expectedText = ImportReport.text(whole, file: file, source: file.name, language: language)
            #expect(result.text == expectedText, "\(file.name) (\(language)): report text differs", sourceLocation: sourceLocation)
            if result.wrote {
                let bytes = try #require(FileManager.default.contents(atPath: out), sourceLocation: sourceLocation)
                #expect([UInt8](bytes) == ReportJSON.encode(whole.report), "\(file.name): JSON differs", sourceLocation: sourceLocation)
            } else {
                #expect(!FileManager.default.fileExists(atPath: out), sourceLocation: sourceLocation)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty, "no temporary file left",
                    sourceLocation: sourceLocation)
        }
        return streamed
    }

    /// Peak resident memory of one `bieu` run, in KiB (getrusage of the child).
    static func peakKiB(_ arguments: [String]) throws -> Int { try StreamingExportTests.peakKiB(arguments) }

    @Test("Memory does not grow with the number of rows (XLSX and CSV)")
    func boundedMemory() throws {
        let small = try Self.files(rows: 1_000, seed: 21)
        let large = try Self.files(rows: 30_000, seed: 22)
        let dir = try Env.dir("simport-mem")
        for (format, a, b, extra) in [("xlsx", small.xlsx, large.xlsx, [String]()), ("csv", small.csv, large.csv, ["--template", "bieu-01"])] {
            // Random rows break the templates' declared rules (a "Trong đó" row above its parent): --force writes them.
            let kibA = try Self.peakKiB(["import", a, "-o", dir + "/small-\(format).json", "--force"] + extra)
            let kibB = try Self.peakKiB(["import", b, "-o", dir + "/large-\(format).json", "--force"] + extra)
            // The whole model of 30,000 rows (grid, rows, findings, JSON) takes well over 100 MB.
            #expect(kibB - kibA < 16 * 1024, "\(format): 1,000 rows \(kibA / 1024) MiB, 30,000 rows \(kibB / 1024) MiB")
            // Every row arrived.
            let back = try ReportJSON.load(path: dir + "/large-\(format).json")
            #expect(back.table("bieu-01")?.rows.count == 30_000, "\(format)")
        }
    }

    @Test("The example's tables, streamed or whole: same JSON, findings and report", arguments: ["phu-luc", "bieu-01", "bieu-02"])
    func exampleTables(_ tableID: String) throws {
        let report = try Env.example()
        let dir = try Env.dir("simport-example")
        try Env.exportXLSX(report, tables: [tableID], to: dir + "/\(tableID).xlsx")
        try Self.expectSameBothWays(dir + "/\(tableID).xlsx")
        try Env.exportCSV(report, table: tableID, to: dir + "/\(tableID).csv")
        try Self.expectSameBothWays(dir + "/\(tableID).csv", templateID: tableID)
        try Self.expectSameBothWays(dir + "/\(tableID).csv")
    }

    @Test("Random reports, streamed or whole: same result", arguments: [(31 as UInt64, 40), (32, 400), (33, 1_500)])
    func randomReports(_ seed: UInt64, _ rows: Int) throws {
        let files = try Self.files(rows: rows, seed: seed)
        try Self.expectSameBothWays(files.xlsx)
        try Self.expectSameBothWays(files.csv, templateID: "bieu-01")
    }

    /// Where a row's hidden id sits on the sheet (1-based row, column letters).
    /// (`rowColumn` is bieu's `bieu:row` cell next to it: cleared with the id, the row is one bieu has no record of.)
    static func idCell(_ path: String, sheet: String, id: String) throws -> (row: Int, column: String, rowColumn: String) {
        let workbook = try SpreadsheetFile.read(path: path).workbook
        let grid = try #require(workbook.sheets.first { $0.name == sheet })
        let cell = try #require(grid.cells.first { $0.value == .string(id) })
        return (cell.address.row + 1, CellAddress.columnLetters(cell.address.column), CellAddress.columnLetters(cell.address.column + 1))
    }

    @Test("Edited workbooks with warnings and errors: same findings, same JSON, nothing written on errors")
    func editedWorkbooks() throws {
        let report = try Env.example()
        let dir = try Env.dir("simport-edit")
        try Env.exportXLSX(report, tables: ["bieu-01"], to: dir + "/b01.xlsx")
        let sheet = "Biểu 01"
        let r1 = try Self.idCell(dir + "/b01.xlsx", sheet: sheet, id: "b01-001")
        let r4 = try Self.idCell(dir + "/b01.xlsx", sheet: sheet, id: "b01-004")
        let r5 = try Self.idCell(dir + "/b01.xlsx", sheet: sheet, id: "b01-005")
        let r6 = try Self.idCell(dir + "/b01.xlsx", sheet: sheet, id: "b01-006")
        let r8 = try Self.idCell(dir + "/b01.xlsx", sheet: sheet, id: "b01-008")
        let r3 = try Self.idCell(dir + "/b01.xlsx", sheet: sheet, id: "b01-003")
        let r7 = try Self.idCell(dir + "/b01.xlsx", sheet: sheet, id: "b01-007")
        let edits: [[String: Any]] = [
            ["op": "set", "sheet": sheet, "cell": "F\(r4.row)", "value": "1.022"],                // ambiguous
            ["op": "set", "sheet": sheet, "cell": "J\(r1.row)", "value": 150],                    // ratio that disagrees
            ["op": "set", "sheet": sheet, "cell": "F\(r5.row)", "value": NSNull()],               // required value missing
            ["op": "set", "sheet": sheet, "cell": "A\(r3.row)", "value": "5"],                    // STT repeated in one group
            ["op": "set", "sheet": sheet, "cell": "A\(r7.row)", "value": "5"],
            ["op": "set", "sheet": sheet, "cell": "\(r6.column)\(r6.row)", "value": "b01-004"],   // a copied row: id repeated
            ["op": "set", "sheet": sheet, "cell": "\(r8.column)\(r8.row)", "value": NSNull()],    // id and record removed: a new row
            ["op": "set", "sheet": sheet, "cell": "\(r8.rowColumn)\(r8.row)", "value": NSNull()],
            ["op": "set", "sheet": sheet, "cell": "D\(r8.row)", "value": 12],                    // (not below its "Trong đó" part: that is an error)
        ]
        try Env.edit(dir + "/b01.xlsx", edits, to: dir + "/warnings.xlsx")
        let warned = try #require(try Self.expectSameBothWays(dir + "/warnings.xlsx"))
        let codes = Set(warned.findings?.map(\.code) ?? [])
        // Warnings only: the command-line runs below write this file (an error would leave both routes writing nothing).
        #expect(warned.summary.errors == 0, "\((warned.findings ?? []).filter { $0.severity == .error }.map { $0.line(.en) })")
        #expect(codes.isSuperset(of: ["ambiguous-number", "computed-mismatch", "required-missing", "duplicate-stt", "duplicate-id", "row-added"]), "\(codes)")

        // An error value: nothing is written without --force, and the same with it.
        try Env.edit(dir + "/warnings.xlsx", [["op": "set", "sheet": sheet, "cell": "G\(r1.row)", "value": "#DIV/0!"]], to: dir + "/errors.xlsx")
        let failed = try #require(try Self.expectSameBothWays(dir + "/errors.xlsx", force: false))
        #expect(failed.summary.errors > 0 && !failed.wrote)
        try Self.expectSameBothWays(dir + "/errors.xlsx", force: true)

        // The command line says the same both ways.
        // Each run's exit status and whether it writes are stated, so two routes failing alike cannot pass.
        let runs: [(args: [String], status: Int32, writes: Bool)] = [
            (["import", dir + "/warnings.xlsx"], 0, true), (["import", dir + "/errors.xlsx"], 2, false),
            (["import", dir + "/errors.xlsx", "--force"], 2, true), (["import", dir + "/warnings.xlsx", "--lang", "en", "--strict"], 1, true),
        ]
        for (args, status, writes) in runs {
            let s = try Env.bieu(args + ["-o", dir + "/cli-s.json"])
            let w = try ExternalTools.run(Env.bieuBinary, args + ["-o", dir + "/cli-w.json"],
                                          environment: ["BIEU_TEMPLATES": Env.root + "/Templates", "BIEU_IMPORT_WHOLE": "1"])
            #expect(s.status == status, "\(args): exit \(s.status)\n\(s.stderr)")
            #expect(s.status == w.status && s.stdout == w.stdout && s.stderr == w.stderr.replacingOccurrences(of: "cli-w.json", with: "cli-s.json"), "\(args)")
            let streamed = FileManager.default.contents(atPath: dir + "/cli-s.json")
            #expect((streamed != nil) == writes, "\(args): written \(streamed != nil)")
            #expect(streamed == FileManager.default.contents(atPath: dir + "/cli-w.json"), "\(args)")
            unlink(dir + "/cli-s.json"); unlink(dir + "/cli-w.json")
        }
    }

    @Test("A copied row (its id and bieu's record of it copied too) gets a new id and keeps its kind, both ways")
    func copiedRowGetsNewID() throws {
        let dir = try Env.dir("simport-copied")
        try Env.exportXLSX(try Env.example(), tables: ["bieu-01"], to: dir + "/b01.xlsx")
        let sheet = "Biểu 01"
        let r6 = try Self.idCell(dir + "/b01.xlsx", sheet: sheet, id: "b01-006")
        // Row 6 becomes a copy of row 4: same id; its bieu:row cell (a record) stays.
        try Env.edit(dir + "/b01.xlsx", [["op": "set", "sheet": sheet, "cell": "\(r6.column)\(r6.row)", "value": "b01-004"]],
                     to: dir + "/copied.xlsx")
        for whole in [false, true] {
            let out = dir + "/copied-\(whole).json"
            var environment = ["BIEU_TEMPLATES": Env.root + "/Templates"]
            if whole { environment["BIEU_IMPORT_WHOLE"] = "1" }
            let r = try ExternalTools.run(Env.bieuBinary, ["import", dir + "/copied.xlsx", "-o", out], environment: environment)
            #expect(r.status == 0, "\(r.stderr)")
            let rows = try ReportJSON.load(path: out).tables[0].rows
            #expect(!rows.contains { $0.id.isEmpty }, "whole: \(whole): a row without id")
            let copy = try #require(rows.first { $0.id.hasPrefix("bieu-01-new-") }, "whole: \(whole)")
            let table = try #require(try Env.example().tables.first { $0.id == "bieu-01" })
            let original = try #require(table.row("b01-006"))
            #expect(copy.kind == original.kind && copy.name == original.name, "whole: \(whole)")
            // The row whose id was copied keeps it, and only once.
            let first = try #require(table.row("b01-004"))
            #expect(rows.filter { $0.id == "b01-004" }.map(\.name) == [first.name], "whole: \(whole)")
            #expect(rows.count == table.rows.count, "whole: \(whole)")
        }
    }

    @Test("Files it cannot stream go to the whole import, leaving nothing behind")
    func fallbacks() throws {
        let catalog = try Env.catalog()
        let dir = try Env.dir("simport-fallback")
        let out = try Env.dir("simport-fallback-out") + "/out.json"
        // Several tables.
        try Env.exportXLSX(try Env.example(), to: dir + "/all.xlsx")
        let several = try StreamingImport(catalog: catalog).run(path: dir + "/all.xlsx", output: out, force: false, language: .vi)
        guard case .needsWholeModel = several else { Issue.record("several tables were streamed"); return }

        // A row without id, then a later row whose id was typed as the name the first one gets:
        // found only after rows were written.
        try Env.exportXLSX(try Env.example(), tables: ["bieu-01"], to: dir + "/b01.xlsx")
        let r3 = try Self.idCell(dir + "/b01.xlsx", sheet: "Biểu 01", id: "b01-003")
        let r9 = try Self.idCell(dir + "/b01.xlsx", sheet: "Biểu 01", id: "b01-009")
        try Env.edit(dir + "/b01.xlsx", [["op": "set", "sheet": "Biểu 01", "cell": "\(r3.column)\(r3.row)", "value": NSNull()],
                                         ["op": "set", "sheet": "Biểu 01", "cell": "\(r3.rowColumn)\(r3.row)", "value": NSNull()],
                                         ["op": "set", "sheet": "Biểu 01", "cell": "\(r9.column)\(r9.row)", "value": "bieu-01-new-1"]],
                     to: dir + "/typed.xlsx")
        let typed = try StreamingImport(catalog: catalog).run(path: dir + "/typed.xlsx", output: out, force: true, language: .vi)
        guard case .needsWholeModel = typed else { Issue.record("a typed new id was streamed"); return }
        #expect(try FileManager.default.contentsOfDirectory(atPath: (out as NSString).deletingLastPathComponent).isEmpty, "nothing left behind")
        // The command line falls back and gives the whole import's result.
        let s = try Env.bieu(["import", dir + "/typed.xlsx", "-o", out])
        let whole = try Env.importFile(dir + "/typed.xlsx")
        #expect(s.status == 0, "\(s.stderr)")
        #expect(FileManager.default.contents(atPath: out).map { [UInt8]($0) } == ReportJSON.encode(whole.report))
        #expect(whole.report.table("bieu-01")?.row("bieu-01-new-2") != nil)
    }

    @Test("A reading error part-way through leaves no file behind")
    func errorMidStream() throws {
        let files = try Self.files(rows: 2_000, seed: 41)
        var text = try String(contentsOfFile: files.csv, encoding: .utf8)
        text += "\"an unterminated quote\n"
        let bad = try Env.dir("simport-bad") + "/bad.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: bad))
        let outDir = try Env.dir("simport-bad-out")
        // The rows before the error have gone through; then the error.
        let error = #expect(throws: (any Error).self) {
            _ = try StreamingImport(catalog: try Env.catalog()).run(path: bad, options: ImportOptions(templateID: "bieu-01"), output: outDir + "/x.json",
                                                                    force: true, language: .vi)
        }
        #expect((error as? any UserFacingError)?.message(.en).contains("bad.csv") == true, "\(String(describing: error))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outDir).isEmpty, "no output, no temporary file")
        let result = try Env.bieu(["import", bad, "--template", "bieu-01", "-o", outDir + "/y.json"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.csv"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outDir).isEmpty, "no output, no temporary file")
    }

    @Test("The row-by-row JSON writer gives the bytes of ReportJSON.encode", arguments: [1 as UInt64, 2, 3, 4, 5])
    func jsonWriter(_ seed: UInt64) throws {
        var report = RandomReports.make(seed: seed, template: "bieu-01", columns: Self.columns, rows: Int(seed) * 37)
        if seed == 1 { report = try Env.example() }
        if seed == 2 { report.tables = [] }
        if seed == 3 {
            // Several tables, one of them empty and one with a title.
            let other = RandomReports.make(seed: 99, template: "bieu-01", columns: Self.columns, rows: 5)
            report.tables.append(AnnexTable(id: "empty", template: "bieu-01", title: ["Dòng một", "Dòng \"hai\""]))
            report.tables += other.tables.map { var t = $0; t.id += "-b"; return t }
        }
        let path = try Env.dir("simport-writer") + "/\(seed).json"
        unlink(path)
        var metadata = report
        metadata.tables = []
        let out = try ReportJSONWriter(path: path, report: metadata)
        for table in report.tables {
            try out.beginTable(table)
            for row in table.rows { try out.write(row) }
        }
        try out.finish()
        #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == ReportJSON.encode(report))
    }
}
