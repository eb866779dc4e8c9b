import BieuCore
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

@Suite("Validation", .serialized)
struct ValidationTests {
    func sheetRow(_ report: Report, _ table: String, _ id: String) throws -> Int { try Env.sheetRow(report, table, id) }

    @Test("bieu validate names each broken cell; exit codes 0 / 1 (--strict) / 2")
    func brokenWorkbook() throws {
        let report = try Env.example()
        let dir = try Env.dir("broken")
        try Env.exportXLSX(report, tables: ["bieu-01"], to: dir + "/b01.xlsx")
        // Biểu 01 columns: A STT, B name, C unit, D mt_nq, E kh_nam, F th_nam, G kh_nam_sau, H th_gd, I uoc_th_gd, J–L ratios, M note.
        let r1 = try sheetRow(report, "bieu-01", "b01-001"), r4 = try sheetRow(report, "bieu-01", "b01-004")
        let r5 = try sheetRow(report, "bieu-01", "b01-005"), r6 = try sheetRow(report, "bieu-01", "b01-006")
        let edits: [[String: Any]] = [
            ["op": "set", "sheet": "Biểu 01", "cell": "F\(r4)", "value": "1.022"],     // ambiguous
            ["op": "set", "sheet": "Biểu 01", "cell": "J\(r1)", "value": 150],         // ratio that disagrees (46/46 → 100)
            ["op": "set", "sheet": "Biểu 01", "cell": "F\(r5)", "value": NSNull()],    // required value missing
            ["op": "set", "sheet": "Biểu 01", "cell": "C\(r6)", "value": "Tạ"],        // unit changed
        ]
        try Env.edit(dir + "/b01.xlsx", edits, to: dir + "/broken.xlsx")
        let base = Env.root + "/Examples/tam-duong-2024.json"
        let text = try Env.bieu(["validate", dir + "/broken.xlsx", "--base", base])
        #expect(text.status == 0, "warnings only: exit 0\n\(text.stdout)\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        func has(_ cell: String, _ code: String) -> Bool { lines.contains { $0.hasPrefix("Biểu 01!\(cell):") && $0.contains("[\(code)]") } }
        #expect(has("F\(r4)", "ambiguous-number"), "\(text.stdout)")
        #expect(has("J\(r1)", "computed-mismatch"))
        #expect(has("F\(r5)", "required-missing"))
        #expect(has("C\(r6)", "unit-changed"))
        #expect(text.stdout.contains("Tóm tắt:"))
        let strict = try Env.bieu(["validate", dir + "/broken.xlsx", "--base", base, "--strict"])
        #expect(strict.status == 1)

        // JSON report, in English.
        let json = try Env.bieu(["validate", dir + "/broken.xlsx", "--base", base, "--format", "json", "--lang", "en"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let findings = try #require(object?["findings"] as? [[String: Any]])
        let pairs = Set(findings.compactMap { f -> String? in
            guard let c = f["cell"] as? String, let code = f["code"] as? String else { return nil }
            return "\(c) \(code)"
        })
        #expect(pairs.isSuperset(of: ["F\(r4) ambiguous-number", "J\(r1) computed-mismatch", "F\(r5) required-missing", "C\(r6) unit-changed"]))
        #expect((findings.first { $0["code"] as? String == "unit-changed" }?["message"] as? String)?.hasPrefix("unit changed") == true)

        // An error value makes it an error: exit 2, and import writes nothing.
        try Env.edit(dir + "/broken.xlsx", [["op": "set", "sheet": "Biểu 01", "cell": "G\(r1)", "value": "#DIV/0!"]], to: dir + "/error.xlsx")
        let error = try Env.bieu(["validate", dir + "/error.xlsx"])
        #expect(error.status == 2)
        #expect(error.stdout.contains("Biểu 01!G\(r1): (dòng b01-001, cột kh_nam_sau) lỗi [error-value]"), "\(error.stdout)")
        let imported = try Env.bieu(["import", dir + "/error.xlsx", "-o", dir + "/out.json"])
        #expect(imported.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.json"))
        let forced = try Env.bieu(["import", dir + "/error.xlsx", "-o", dir + "/out.json", "--force"])
        #expect(forced.status == 2)
        #expect(FileManager.default.fileExists(atPath: dir + "/out.json"))
    }

    /// The printed ratios of seed 001 that disagree with their own numbers, computed here
    /// independently of bieu (binary floating point, half-up rounding at the printed precision).
    @Test("The seed's own ratio errors are flagged, exactly those", arguments: ["phu-luc", "bieu-01"])
    func seedErrors(_ tableID: String) throws {
        let report = try Env.example()
        let path = try Env.dir("seed") + "/\(tableID).xlsx"
        try Env.exportXLSX(report, tables: [tableID], to: path)
        let result = try Env.importFile(path)
        let flagged = Set(result.findings.filter { $0.code == "computed-mismatch" }.map { "\($0.rowID!)/\($0.columnID!)" })

        let table = try #require(report.table(tableID))
        let formulas: [String: (String, String)] = tableID == "phu-luc"
            ? ["ss_th_kh": ("th_nam", "kh_nam")]
            : ["ss_th_kh": ("th_nam", "kh_nam"), "ss_gd_nq": ("th_gd", "mt_nq"), "ss_uoc_nq": ("uoc_th_gd", "mt_nq")]
        func number(_ c: Cell?) -> Double? {
            guard let c else { return nil }
            switch c.value {
            case .number(let d), .percent(let d): return Double(DecimalFormatting.plain(d))
            default: return nil
            }
        }
        var expected = Set<String>()
        for row in table.rows {
            let lower = ["suy dinh dưỡng", "tỷ lệ hộ nghèo", "tăng dân số tự nhiên", "tỷ suất sinh"].contains { row.name.lowercased().contains($0) }
                && !["mức giảm", "giảm tỷ lệ"].contains { row.name.lowercased().contains($0) }
            for (column, (num, den)) in formulas {
                guard let printedCell = row.cells[column], let printed = number(printedCell), let a = number(row.cells[num]), let b = number(row.cells[den]),
                      (lower ? a : b) != 0 else { continue }
                let ratio = lower ? b / a * 100 : a / b * 100
                let decimals = printedCell.text.split(whereSeparator: { $0 == "." || $0 == "," }).dropFirst().first?.count ?? 0
                let scale = pow(10, Double(decimals))
                let rounded = (ratio * scale + 0.5 + 1e-9).rounded(.down) / scale
                if abs(rounded - printed) > 1e-9 { expected.insert("\(row.id)/\(column)") }
            }
        }
        #expect(flagged == expected)
        #expect(!flagged.isEmpty)
        print("Seed 001 \(tableID): printed ratios that disagree with their numbers: \(flagged.sorted().joined(separator: ", "))")
    }
}
