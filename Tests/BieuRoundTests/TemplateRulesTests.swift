import BieuCore
import BieuImport
import BieuModel
import BieuTemplates
import Foundation
import Testing

/// The template keys of issue 12: `aggregate`, `aggregate_rows`, `rules` (docs/TEMPLATES.md).
@Suite("Template-declared aggregation and validation rules")
struct TemplateRulesTests {
    static func yaml(columns extra: String = "", tail: String = "") -> String {
        """
        template: t
        version: 1
        name: T
        sheet: T
        columns:
          - id: stt
            header: STT
            field: stt
          - id: name
            header: Chỉ tiêu
            field: name
          - id: unit
            header: ĐVT
            field: unit
          - id: kh_nam
            header: KH
            aggregate: sum
          - id: th_nam
            header: TH
            aggregate: sum
        \(extra)
        \(tail)
        """
    }

    func loadError(_ text: String) -> TemplateError? {
        do { _ = try TemplateLoader.parse(text, file: "t.yaml"); return nil } catch { return error }
    }

    /// 1-based line of the first line containing `needle`.
    func line(of needle: String, in text: String) -> Int {
        (text.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    @Test("Bad declarations are refused with the file, line and column")
    func loaderErrors() throws {
        func expectError(_ text: String, at needle: String, column: Int? = nil, saying words: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let e = loadError(text)
            #expect(e?.file == "t.yaml" && e?.line == line(of: needle, in: text), "\(String(describing: e))", sourceLocation: sourceLocation)
            if let column { #expect(e?.column == column, "\(String(describing: e))", sourceLocation: sourceLocation) }
            #expect(e?.reason.en.contains(words) == true, "\(String(describing: e))", sourceLocation: sourceLocation)
        }
        expectError(Self.yaml(columns: "  - id: x\n    header: X\n    aggregate: total"), at: "aggregate: total", saying: "allowed: sum, mean, weighted_mean")
        expectError(Self.yaml(columns: "  - id: x\n    header: X\n    aggregate: {weighted_mean: dan_so}"), at: "- id: x", saying: "weight column \"dan_so\"")
        expectError(Self.yaml(columns: "  - id: x\n    header: X\n    aggregate: recompute"), at: "- id: x", saying: "recompute needs a column with a \"formula\"")
        expectError(Self.yaml(tail: "rules:\n  - check: \"th_nam <= kh * 3\""), at: "- check:", saying: "non-value column \"kh\"")
        // The column points into the expression: the text starts after the quote (column 13); `(kh_nam` is unclosed at offset 16.
        expectError(Self.yaml(tail: "rules:\n  - check: \"th_nam <= (kh_nam\""), at: "- check:", column: 13 + 16, saying: "missing ')'")
        expectError(Self.yaml(tail: "rules:\n  - check: \"th_nam + 1\""), at: "- check:", saying: "at least one comparison")
        expectError(Self.yaml(tail: "rules:\n  - check: \"th_nam < 1\"\n    required: [th_nam]"), at: "- check:", saying: "exactly one of")
        expectError(Self.yaml(tail: "aggregate_rows:\n  - rows: {units: [\"%\"]}\n    aggregate: mean"), at: "units:", saying: "unknown key \"units\"")
    }

    @Test("Per-row overrides win over the column's aggregate, later entries over earlier ones")
    func overrides() throws {
        let t = try TemplateLoader.parse(Self.yaml(tail: """
            aggregate_rows:
              - rows: {unit: ["%"]}
                aggregate: mean
              - rows: {unit: ["%"], name_contains: [che phủ]}
                columns: [th_nam]
                aggregate: max
            """), file: "t.yaml")
        let th = try #require(t.column("th_nam")), kh = try #require(t.column("kh_nam"))
        let count = Row(id: "a", name: "Số xã", unit: "Xã"), percent = Row(id: "b", name: "Tỷ lệ hộ nghèo", unit: "%")
        let forest = Row(id: "c", name: "Tỷ lệ CHE PHU rừng", unit: " % ".trimmingCharacters(in: .whitespaces))
        #expect(t.aggregation(th, row: count) == .sum && t.aggregation(th, row: percent) == .mean)
        #expect(t.aggregation(th, row: forest) == .max && t.aggregation(kh, row: forest) == .mean)
    }

    @Test("Declared rules give findings on the right cell: comparison, range, Trong đó ≤ parent, required")
    func findings() throws {
        let t = try TemplateLoader.parse(Self.yaml(tail: """
            rules:
              - check: "th_nam <= kh_nam * 3"
              - check: "0 <= th_nam <= 100"
                rows: {unit: ["%"]}
                severity: error
              - part_of_parent: [th_nam]
                severity: error
              - required: [kh_nam]
                rows: {kind: [indicator]}
            """), file: "t.yaml")
        let rows = [
            Row(id: "r1", name: "Diện tích cây chè", unit: "Ha", cells: ["kh_nam": Cell("100"), "th_nam": Cell("400")]),
            Row(id: "r2", kind: .subIndicator, name: "Trong đó: Diện tích trồng mới", unit: "Ha", cells: ["kh_nam": Cell("500"), "th_nam": Cell("401")]),
            Row(id: "r3", name: "Tỷ lệ che phủ rừng", unit: "%", cells: ["kh_nam": Cell("90"), "th_nam": Cell("101,5")]),
            Row(id: "r4", name: "Số xã", unit: "Xã", cells: ["th_nam": Cell("Chưa thống kê")]),
        ]
        let table = AnnexTable(id: "t", template: "t", rows: rows)
        var addresses = AddressBook()
        addresses.sheets["t"] = "T"
        addresses.rows["t"] = ["r1": 5, "r2": 6, "r3": 7, "r4": 8]
        addresses.columns["t"] = ["stt": 0, "name": 1, "unit": 2, "kh_nam": 3, "th_nam": 4]
        let found = Validator.run(table: table, template: t, base: nil, addresses: addresses).filter { $0.code.hasPrefix("rule-") }
        let summary = found.map { "\($0.code) \($0.severity.rawValue) \($0.location.map { "\($0)" } ?? "-")" }
        // Row by row, each row's rules in order.
        #expect(summary == ["rule-check warning T!E6",     // 400 > 100 × 3
                            "rule-part-of-parent error T!E7",
                            "rule-check error T!E8",       // 101,5 % > 100
                            "rule-required warning T!D9"], "\(summary)")
        #expect(found.first?.message.vi.contains("th_nam <= kh_nam * 3") == true)
    }
}
