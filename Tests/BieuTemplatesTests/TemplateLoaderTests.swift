import BieuCore
import BieuModel
import Foundation
import Testing
@testable import BieuTemplates

/// A minimal valid template; cases below change one thing each.
let validTemplate = """
template: test
version: 1
name: Test
sheet: Test
columns:
  - id: stt
    header: STT
    field: stt
  - id: name
    header: Chỉ tiêu
    field: name
  - id: kh
    header: KH
  - id: th
    header: TH
  - id: ss
    header: So sánh
    formula: th / kh * 100
    decimals: 1
"""

struct LoaderErrorCase: CustomTestStringConvertible, Sendable {
    var name: String
    var yaml: String
    var line: Int
    var fragment: String
    var testDescription: String { name }
}

let errorCases: [LoaderErrorCase] = [
    LoaderErrorCase(name: "YAML syntax error", yaml: "template: x\nversion: [1\nname: y\n", line: 3, fragment: "YAML"),
    LoaderErrorCase(name: "unknown top-level key", yaml: validTemplate + "\ncolour: red\n", line: 20, fragment: "khoá không được hỗ trợ \"colour\""),
    LoaderErrorCase(name: "unknown column key", yaml: validTemplate.replacingOccurrences(of: "    header: KH\n", with: "    header: KH\n    widht: 12\n"), line: 14, fragment: "\"widht\""),
    LoaderErrorCase(name: "missing required key", yaml: validTemplate.replacingOccurrences(of: "version: 1\n", with: ""), line: 1, fragment: "thiếu khoá bắt buộc \"version\""),
    LoaderErrorCase(name: "undefined column in formula", yaml: validTemplate.replacingOccurrences(of: "th / kh * 100", with: "th / kh_nam * 100"), line: 18, fragment: "cột chưa khai báo \"kh_nam\""),
    LoaderErrorCase(name: "formula over a name column", yaml: validTemplate.replacingOccurrences(of: "th / kh * 100", with: "th / name"), line: 18, fragment: "chỉ được dùng cột giá trị"),
    LoaderErrorCase(name: "cycle between computed columns", yaml: validTemplate.replacingOccurrences(of: "  - id: kh\n    header: KH\n", with: "  - id: kh\n    header: KH\n    formula: ss * 2\n"), line: 14, fragment: "vòng tròn"),
    LoaderErrorCase(name: "self reference", yaml: validTemplate.replacingOccurrences(of: "th / kh * 100", with: "ss + 1"), line: 18, fragment: "vòng tròn"),
    LoaderErrorCase(name: "formula syntax error", yaml: validTemplate.replacingOccurrences(of: "th / kh * 100", with: "th / (kh * 100"), line: 18, fragment: "thiếu dấu đóng ngoặc"),
    LoaderErrorCase(name: "unknown function", yaml: validTemplate.replacingOccurrences(of: "th / kh * 100", with: "sqrt(th)"), line: 18, fragment: "hàm không được hỗ trợ"),
    LoaderErrorCase(name: "duplicate column id", yaml: validTemplate.replacingOccurrences(of: "  - id: th\n", with: "  - id: kh\n"), line: 14, fragment: "bị trùng (đã khai báo ở dòng 12)"),
    LoaderErrorCase(name: "unknown placeholder", yaml: validTemplate.replacingOccurrences(of: "header: KH\n", with: "header: \"KH {nam}\"\n"), line: 13, fragment: "{nam}"),
    LoaderErrorCase(name: "unbalanced brace", yaml: validTemplate.replacingOccurrences(of: "header: KH\n", with: "header: \"KH {year\"\n"), line: 13, fragment: "ngoặc nhọn"),
    LoaderErrorCase(name: "bad enum value", yaml: validTemplate.replacingOccurrences(of: "    field: stt\n", with: "    field: stt\n    align: middle\n"), line: 9, fragment: "\"middle\""),
    LoaderErrorCase(name: "wrong value type", yaml: validTemplate.replacingOccurrences(of: "    header: KH\n", with: "    header: KH\n    width: wide\n"), line: 14, fragment: "\"width\" phải là một số"),
    LoaderErrorCase(name: "bad sheet name", yaml: validTemplate.replacingOccurrences(of: "sheet: Test", with: "sheet: \"A/B\""), line: 4, fragment: "\"/\""),
    LoaderErrorCase(name: "column id with diacritics", yaml: validTemplate.replacingOccurrences(of: "id: kh\n", with: "id: kế_hoạch\n"), line: 12, fragment: "mã cột"),
    LoaderErrorCase(name: "computed without formula", yaml: validTemplate.replacingOccurrences(of: "    header: TH\n", with: "    header: TH\n    kind: computed\n"), line: 16, fragment: "thiếu \"formula\""),
    LoaderErrorCase(name: "assessment from undefined column", yaml: validTemplate + "\n  - id: dg\n    header: Đánh giá\n    assessment: {from: tyle}\n", line: 22, fragment: "\"tyle\""),
    LoaderErrorCase(name: "empty file", yaml: "", line: 1, fragment: "rỗng"),
]

@Suite("Template loading")
struct TemplateLoaderTests {
    @Test("The minimal template loads")
    func minimalLoads() throws {
        let t = try TemplateLoader.parse(validTemplate, file: "test.yaml")
        #expect(t.id == "test")
        #expect(t.columns.map(\.id) == ["stt", "name", "kh", "th", "ss"])
        #expect(t.column("ss")?.kind == .computed)
        #expect(t.column("kh")?.kind == .value)
        #expect(t.column("stt")?.align == .center)
        #expect(t.column("name")?.align == .left)
    }

    @Test("Each error class names file, line and reason", arguments: errorCases)
    func errorClass(_ c: LoaderErrorCase) {
        do {
            _ = try TemplateLoader.parse(c.yaml, file: "sai.yaml")
            Issue.record("expected an error for \(c.name)")
        } catch {
            #expect(error.file == "sai.yaml")
            #expect(error.line == c.line, "\(c.name): \(error.message(.vi))")
            #expect(error.message(.vi).contains(c.fragment), "\(c.name): \(error.message(.vi))")
            #expect(error.message(.vi).hasPrefix("Mẫu biểu sai.yaml:\(c.line):"))
            #expect(error.message(.en).hasPrefix("Template sai.yaml:\(c.line):"))
        }
    }

    @Test("Every error of a file is reported at once, in file order, each with file:line:column")
    func allErrorsAtOnce() {
        // Three independent errors: an unknown column key (line 14), a bad value type (line 17) and an
        // unknown top-level key (line 22).
        let yaml = validTemplate
            .replacingOccurrences(of: "    header: KH\n", with: "    header: KH\n    widht: 12\n")
            .replacingOccurrences(of: "    header: TH\n", with: "    header: TH\n    width: wide\n")
            + "\ncolour: red\n"
        do {
            _ = try TemplateLoader.parse(yaml, file: "sai.yaml")
            Issue.record("expected errors")
        } catch {
            #expect(error.all.map(\.line) == [14, 17, 22], "\(error.message(.en))")
            let lines = error.message(.vi).split(separator: "\n").map(String.init)
            #expect(lines.count == 3, "\(lines)")
            #expect(lines[0].hasPrefix("Mẫu biểu sai.yaml:14:5: ") && lines[0].contains("\"widht\""), "\(lines)")
            #expect(lines[1].hasPrefix("Mẫu biểu sai.yaml:17:12: ") && lines[1].contains("\"width\" phải là một số"), "\(lines)")
            #expect(lines[2].hasPrefix("Mẫu biểu sai.yaml:22:1: ") && lines[2].contains("\"colour\""), "\(lines)")
            let en = error.message(.en).split(separator: "\n")
            #expect(en.count == 3 && en.allSatisfy { $0.hasPrefix("Template sai.yaml:") }, "\(en)")
        }
    }

    @Test("Missing keys and a bad formula are all reported; an error in one column does not hide the next")
    func errorsAcrossColumns() {
        let yaml = validTemplate
            .replacingOccurrences(of: "version: 1\n", with: "")
            .replacingOccurrences(of: "name: Test\n", with: "")
            .replacingOccurrences(of: "th / kh * 100", with: "th / (kh * 100")
            .replacingOccurrences(of: "    field: stt\n", with: "    field: stt\n    align: middle\n")
        do {
            _ = try TemplateLoader.parse(yaml, file: "sai.yaml")
            Issue.record("expected errors")
        } catch {
            let text = error.message(.vi)
            #expect(error.all.count == 4, "\(text)")
            for fragment in ["thiếu khoá bắt buộc \"version\"", "thiếu khoá bắt buộc \"name\"", "\"middle\"", "thiếu dấu đóng ngoặc"] {
                #expect(text.contains(fragment), "\(fragment): \(text)")
            }
        }
    }

    @Test("Errors stop at the cap, which says so")
    func errorCap() {
        let keys = (1...40).map { "colour\($0): red" }.joined(separator: "\n")
        do {
            _ = try TemplateLoader.parse(validTemplate + "\n" + keys + "\n", file: "sai.yaml")
            Issue.record("expected errors")
        } catch {
            #expect(error.all.count == TemplateLoader.maxErrors + 1, "\(error.all.count)")
            #expect(error.message(.en).hasSuffix("stopped reading after \(TemplateLoader.maxErrors) errors; fix the ones above and check again"))
        }
    }

    @Test("English messages are English")
    func englishMessage() {
        do {
            _ = try TemplateLoader.parse(validTemplate + "\ncolour: red\n", file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message(.en).contains("unknown key \"colour\""))
            #expect(error.message(.en).contains("allowed keys:"))
        }
    }

    @Test("A missing file, an oversized file and a valid file read from disk")
    func loadFromDisk() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bieu-loader-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        do {
            _ = try TemplateLoader.load(path: dir + "/missing.yaml")
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.file == "missing.yaml")
            #expect(error.reason.en == "cannot read the file")
        }

        let big = dir + "/big.yaml"
        let size = TemplateLoader.maxFileSize + 1
        try Data(repeating: UInt8(ascii: "#"), count: size).write(to: URL(fileURLWithPath: big))
        do {
            _ = try TemplateLoader.load(path: big)
            Issue.record("an oversized file loaded")
        } catch {
            #expect(error.file == "big.yaml")
            #expect(error.reason.en == "file too large (\(size) bytes) to be a template")
        }

        let good = dir + "/test.yaml"
        try Data(validTemplate.utf8).write(to: URL(fileURLWithPath: good))
        #expect(try TemplateLoader.load(path: good).id == "test")
    }

    @Test("An alias bomb is refused quickly, not expanded")
    func aliasBomb() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += validTemplate.replacingOccurrences(of: "template: test", with: "template: test\nmatch: *a8")
        let start = Date()
        #expect(throws: TemplateError.self) { try TemplateLoader.parse(yaml, file: "bomb.yaml") }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("The shipped templates load and lay out", arguments: ["phu-luc", "bieu-01", "bieu-02"])
    func shipped(_ id: String) throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates").path
        let catalog = try TemplateCatalog(directory: dir)
        let t = try catalog.template(id)
        #expect(t.id == id)
        #expect(t.page.paper == .a4 && t.page.orientation == .landscape)
        #expect(t.styles.font == "Times New Roman")
        // Every header text is NFC Vietnamese.
        for c in t.columns { #expect(c.header == c.header.precomposedStringWithCanonicalMapping) }
    }
}

@Suite("Layout")
struct LayoutTests {
    @Test("Biểu 01's two-level header: So sánh spans three sub-columns, leaves span both rows")
    func bieu01Merges() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates").path
        let t = try TemplateCatalog(directory: dir).template("bieu-01")
        let report = Report(issuer: "Huyện ủy Tam Đường", number: "641-BC/HU", date: ReportDate(year: 2024, month: 12, day: 5),
                            period: .year(2024), term: Term(start: 2020, end: 2025))
        let layout = TableLayout(template: t, values: PlaceholderValues(report: report))
        #expect(layout.titleLines.map(\.block.text) == [
            "BIỂU 01: KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU NĂM 2024, KẾ HOẠCH 2025",
            "(Kèm theo Báo cáo số 641-BC/HU ngày 05/12/2024 của Huyện ủy Tam Đường)",
        ])
        #expect(layout.headerRows == 3..<5)
        #expect(layout.firstDataRow == 5)
        let soSanh = try #require(layout.headerBlocks.first { $0.text == "So sánh (%)" })
        #expect(soSanh.range.a1 == "J4:L4")
        let stt = try #require(layout.headerBlocks.first { $0.text == "STT" })
        #expect(stt.range.a1 == "A4:A5")
        let sub = try #require(layout.headerBlocks.first { $0.text == "TH 2024/KH 2024" })
        #expect(sub.range.a1 == "J5")
        #expect(layout.headerBlocks.contains { $0.text == "Mục tiêu NQ ĐH (2020-2025)" })
        #expect(layout.headerBlocks.contains { $0.text == "Thực hiện giai đoạn 2021-2024" })
    }

    @Test("{next_period} names the period that follows the report's")
    func nextPeriod() {
        let cases: [(ReportPeriod, String)] = [
            (.year(2024), "năm 2025"),
            (ReportPeriod(kind: .sixMonths, year: 2024), "6 tháng cuối năm 2024"),
            (ReportPeriod(kind: .nineMonths, year: 2024), "quý IV năm 2024"),
            (ReportPeriod(kind: .quarter, year: 2024, number: 3), "quý IV năm 2024"),
            (ReportPeriod(kind: .quarter, year: 2024, number: 4), "quý I năm 2025"),
        ]
        for (period, words) in cases {
            #expect(PlaceholderValues(report: Report(period: period)).fill("Nhiệm vụ {next_period}") == "Nhiệm vụ " + words)
        }
    }

    @Test("Missing placeholder values print as an ellipsis")
    func missingPlaceholder() {
        let v = PlaceholderValues(report: Report(period: .year(2025)))
        #expect(v.fill("Số {number} ngày {date}, năm {year}") == "Số … ngày …, năm 2025")
        #expect(v.fill("{{literal}}") == "{literal}")
    }
}

@Suite("Expressions")
struct ExpressionTests {
    @Test("Parse, evaluate with Decimal, translate to Excel")
    func roundTrip() throws {
        let e = try ExpressionParser.parse("th_nam / kh_nam * 100")
        #expect(e.references == ["th_nam", "kh_nam"])
        let v = e.evaluate { ["th_nam": Decimal(2412), "kh_nam": Decimal(1320)][$0] }
        #expect(DecimalFormatting.rounded(v!, scale: 1) == Decimal(string: "182.7"))
        #expect(e.excel { $0 == "th_nam" ? "E7" : "D7" } == "E7/D7*100")
        let p = try ExpressionParser.parse("(a + b) * -c - round(a / 3, 2)")
        #expect(p.excel { $0.uppercased() + "1" } == "(A1+B1)*-C1-ROUND(A1/3,2)")
        #expect(p.evaluate { ["a": 1, "b": 2, "c": 3][$0] } == Decimal(string: "-9.33"))
    }

    @Test("Missing operands and division by zero give no value")
    func noValue() throws {
        let e = try ExpressionParser.parse("a / b")
        #expect(e.evaluate { $0 == "a" ? 1 : nil } == nil)
        #expect(e.evaluate { $0 == "a" ? 1 : 0 } == nil)
    }

    @Test("Syntax errors carry their offset", arguments: [("a +", 3), ("a * (b", 6), ("2 ** 3", 3), ("a $ b", 2), ("max()", 0)])
    func syntax(_ input: (String, Int)) {
        do {
            _ = try ExpressionParser.parse(input.0)
            Issue.record("expected an error for \(input.0)")
        } catch {
            #expect(error.offset == input.1, "\(input.0): \(error.reason.en)")
        }
    }
}

@Suite("Computed checks")
struct ComputedCheckTests {
    func template() throws -> Template {
        try TemplateLoader.parse(validTemplate + "\n    lower_is_better_formula: kh / th * 100\nlower_is_better:\n  name_contains: [suy dinh dưỡng]\n", file: "t.yaml")
    }

    @Test("A printed ratio agrees at its own precision", arguments: [("2412", "1320", "182.7"), ("48.1", "48", "100"), ("6.25", "6.00", "104.2")])
    func agrees(_ c: (String, String, String)) throws {
        let t = try template()
        let row = Row(id: "r", name: "x", cells: ["th": Cell(c.0), "kh": Cell(c.1), "ss": Cell(c.2)])
        #expect(ComputedCheck.check(t.column("ss")!, row: row, template: t) == nil)
    }

    @Test("A printed ratio that disagrees is reported, with lower-is-better honoured")
    func disagrees() throws {
        let t = try template()
        let row = Row(id: "r", name: "Tỷ lệ trẻ em bị suy dinh dưỡng thể nhẹ cân", cells: ["kh": Cell("16.90"), "th": Cell("16.75"), "ss": Cell("100.8")])
        let m = try #require(ComputedCheck.check(t.column("ss")!, row: row, template: t))
        #expect(m.lowerIsBetter)
        #expect(DecimalFormatting.rounded(m.expected, scale: 1) == Decimal(string: "100.9"))
        // The same numbers agree when the printed value follows the inverted formula.
        let ok = Row(id: "r", name: row.name, cells: ["kh": Cell("22.50"), "th": Cell("22.38"), "ss": Cell("100.5")])
        #expect(ComputedCheck.check(t.column("ss")!, row: ok, template: t) == nil)
    }

    @Test("Ambiguous operands agree if one consistent reading agrees")
    func ambiguousOperands() throws {
        let t = try template()
        let row = Row(id: "r", name: "x", cells: ["kh": Cell("1.320"), "th": Cell("2.412"), "ss": Cell("182.7")])
        #expect(ComputedCheck.check(t.column("ss")!, row: row, template: t) == nil)
    }
}
