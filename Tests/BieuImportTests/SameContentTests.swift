import BieuCore
import BieuCSV
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// The same report in every format bieu writes, imported back without the original
/// data (nothing of the original can leak into the result), gives the same canonical
/// model: the XLSX workbook and the fillable staff workbook exactly; each CSV dialect
/// exactly but for the differences its design implies, each stated in ``Expected``
/// and checked as stated (none is skipped). .docx has no import yet and is not here.
@Suite("Same content in every format")
struct SameContentTests {
    /// A table to export: one of the bundled example's, or a random one (every value form,
    /// odd texts, NFD input, formula-like text) of a template.
    struct Source: Sendable, CustomTestStringConvertible {
        var table: String
        var seed: UInt64?
        var testDescription: String { seed.map { "random \(table) seed \($0)" } ?? "example \(table)" }

        func report() throws -> Report {
            guard let seed else { return try Env.example() }
            return try Env.randomReport(seed: seed, template: table, rows: 24)
        }
    }

    static let sources: [Source] = ["phu-luc", "bieu-01", "bieu-02"].flatMap { t in
        [Source(table: t, seed: nil), Source(table: t, seed: 7 + UInt64(t.count))]
    }

    struct Dialect: Sendable {
        var encoding: CSVOutputEncoding
        var delimiter: CSVDelimiter
        var style: CSVExporter.NumberStyleChoice
        var title: Bool
        var flatHeader: Bool
        var ids: Bool

        var options: CSVExporter.Options {
            var o = CSVExporter.Options()
            o.write = CSVWriteOptions(delimiter: delimiter, encoding: encoding)
            o.numberStyle = style
            o.title = title
            o.flatHeader = flatHeader
            o.ids = ids
            return o
        }
    }

    enum Format: Sendable, CustomTestStringConvertible {
        case xlsx
        case fillable
        case csv(Dialect)

        var testDescription: String {
            switch self {
            case .xlsx: return "xlsx"
            case .fillable: return "fillable workbook"
            case .csv(let d):
                let delimiter = d.delimiter == .tab ? "tab" : d.delimiter.rawValue
                return "csv \(d.encoding.rawValue) \(delimiter) \(d.style.rawValue) title \(d.title ? "on" : "off") "
                    + "header \(d.flatHeader ? "flattened" : "as rows") ids \(d.ids ? "on" : "off")"
            }
        }
    }

    /// CSV dialects: every encoding (BOM / no BOM / UTF-16LE) × delimiter × number style,
    /// each with one of four choices of title on/off × header as rows/flattened × the
    /// `bieu:id` column on/off, in turn, so that every value of every choice meets every
    /// encoding, delimiter and style.
    static let formats: [Format] = {
        let shapes = [(true, false, false), (false, true, true), (true, true, false), (false, false, true)]
        var out: [Format] = [.xlsx, .fillable]
        for e in CSVOutputEncoding.allCases {
            for d in CSVDelimiter.allCases {
                for s in CSVExporter.NumberStyleChoice.allCases {
                    let (title, flat, ids) = shapes[(out.count - 2) % shapes.count]
                    out.append(.csv(Dialect(encoding: e, delimiter: d, style: s, title: title, flatHeader: flat, ids: ids)))
                }
            }
        }
        return out
    }()

    @Test("Exported and imported back (no base): the same canonical model", arguments: sources, formats)
    func sameContent(_ source: Source, _ format: Format) throws {
        let report = try source.report()
        var original = report
        original.tables = report.tables.filter { $0.id == source.table }
        let table = try #require(original.tables.first)
        let dir = try Env.dir("same")
        let result: ImportResult
        switch format {
        case .xlsx:
            try Env.exportXLSX(report, tables: [source.table], to: dir + "/t.xlsx")
            result = try Env.importFile(dir + "/t.xlsx")
        case .fillable:
            let plan = try FillablePlan.make(template: try Env.catalog().template(table.template), data: report, tableID: table.id,
                                             period: report.period.year, blankRows: 0)
            _ = try FillableWorkbook(plan: plan).write(to: dir + "/t.xlsx")
            result = try Env.importFile(dir + "/t.xlsx")
        case .csv(let dialect):
            try Env.exportCSV(report, table: source.table, options: dialect.options, to: dir + "/t.csv")
            result = try Env.importFile(dir + "/t.csv")
        }
        // A random report breaks the templates' declared rules (a "Trong đó" part larger than its
        // whole): those findings are errors and the model is still imported; any other error is not expected.
        let errors = result.findings.filter { $0.severity == .error && !(source.seed != nil && $0.code.hasPrefix("rule-")) }
        #expect(errors.isEmpty, "\(errors.map { $0.line(.en) })")
        let back = try #require(result.report.table(source.table), "no table \(source.table) imported")
        switch format {
        case .xlsx, .fillable:
            // Exact: the whole report (its metadata too), every row id, text and reading.
            expectSame(original, result.report, format.testDescription)
        case .csv(let dialect):
            let template = try Env.catalog().template(table.template)
            let templateTitle = TableLayout(template: template, values: PlaceholderValues(report: report)).titleLines.map(\.block.text)
            Expected(dialect: dialect, template: template, templateTitle: templateTitle, kindsAsShown: source.seed == nil)
                .check(table, back, context: format.testDescription)
        }
    }

    /// What a CSV file gives back, dialect by dialect. A CSV file holds the printed table's
    /// text and nothing else, so by design:
    /// 1. without the `bieu:id` column, rows get new ids in file order (`<table>-new-1`, …);
    ///    with it, the ids come back;
    /// 2. without the title lines, the table's title is empty; with them it comes back, but
    ///    lines that are just the template's title filled in come back empty (the template's);
    ///    the report's metadata (issuer, number, date) is not compared: a CSV holds one
    ///    table, and only its title says them;
    /// 3. a derived column (computed ratio, assessment) the data leaves empty holds the
    ///    value the printed table shows, as a stored cell;
    /// 4. numbers in the `vi` or `plain` style: the text is the number in that convention,
    ///    the value is the original's;
    /// 5. a reading a person decided (an ambiguous text resolved) comes back undecided: the
    ///    text is ambiguous again, with the decided value among its readings.
    /// 6. a row's kind and direction are not in the file: the kind is read from what the row
    ///    shows (STT, name, values), the direction is the template's (none of its own). The
    ///    example's kinds come back exactly but for the two rows in ``exampleKindsNotShown``;
    ///    a random report's kinds are random (a "group" holding values, a "note" with an STT)
    ///    and are not compared.
    /// Everything else (row order, STT, name, unit, note, which cells hold values, the
    /// as-written text) is exactly the original's.
    /// The example's rows whose kind a CSV cannot show, and the kind they are read as.
    static let exampleKindsNotShown: [String: RowKind] = [
        "b02-045": .indicator,   // a group ("1") that holds values: a row with values is an indicator
        "b02-085": .indicator,   // a bullet without its "-": nothing shows it is one
    ]

    struct Expected {
        var dialect: Dialect
        var template: Template
        /// The template's title lines filled in with the report's values.
        var templateTitle: [String]
        /// Whether the rows' kinds are ones a person would give, so the file shows them.
        var kindsAsShown: Bool

        func check(_ original: AnnexTable, _ back: AnnexTable, context: String, sourceLocation: SourceLocation = #_sourceLocation) {
            func fail(_ what: String) { Issue.record("\(context): \(what)", sourceLocation: sourceLocation) }
            // 2. The title.
            let title = dialect.title && original.title != templateTitle ? original.title : []
            if back.title != title { fail("title \(back.title), expected \(title)") }
            guard back.rows.count == original.rows.count else {
                fail("\(back.rows.count) rows, expected \(original.rows.count): \(back.rows.map(\.id))")
                return
            }
            for (i, (row, got)) in zip(original.rows, back.rows).enumerated() {
                // 1. Ids.
                let id = dialect.ids ? row.id : "\(original.id)-new-\(i + 1)"
                if got.id != id { fail("row \(i + 1): id \(got.id), expected \(id)") }
                var same = row
                same.id = got.id
                same.cells = got.cells
                // 6. Kind and direction.
                same.direction = nil
                if !kindsAsShown { same.kind = got.kind } else if let kind = SameContentTests.exampleKindsNotShown[row.id] { same.kind = kind }
                if same != got { fail("row \(row.id): \(describe(got)), expected \(describe(same))") }
                for column in Set(row.cells.columns + got.cells.columns).sorted() {
                    checkCell(row.cells[column], got.cells[column], column: column) { fail("row \(row.id) \(column): \($0)") }
                }
            }
        }

        func checkCell(_ cell: Cell?, _ got: Cell?, column: String, fail: (String) -> Void) {
            switch (cell, got) {
            case (nil, nil):
                return
            case (nil, let got?):
                // 3. A derived column shows its printed value.
                let kind = template.column(column)?.kind
                if kind != .computed && kind != .assessment { fail("a cell \(got.text.debugDescription) appeared in a \(String(describing: kind)) column") }
            case (let cell?, nil):
                fail("\(cell.text.debugDescription) is lost")
            case (let cell?, let got?):
                if cell == got { return }
                // 4. The text in the chosen number style (numbers, percents, per mille; other values keep their text).
                if dialect.style != .asWritten, let d = Self.plainNumber(cell.value) {
                    if Self.read(got.text, style: dialect.style) != d { fail("\(got.text.debugDescription) does not say \(d) in the \(dialect.style.rawValue) style") }
                } else if got.text != cell.text {
                    fail("text \(got.text.debugDescription), expected \(cell.text.debugDescription)")
                }
                // 5. The same value, or an undecided reading that has it.
                if got.value != cell.value {
                    guard case .ambiguous(let candidates) = got.value, candidates.contains(cell.value) else {
                        fail("value \(got.value), expected \(cell.value)")
                        return
                    }
                }
            }
        }

        static func plainNumber(_ value: CellValue) -> Decimal? {
            switch value {
            case .number(let d), .percent(let d), .perMille(let d): return d
            default: return nil
            }
        }

        /// The number a text says in a style, read by hand (not by bieu's parser): `plain`
        /// has no grouping and a decimal point, `vi` a grouping dot and a decimal comma.
        static func read(_ text: String, style: CSVExporter.NumberStyleChoice) -> Decimal? {
            var t = text.trimmingCharacters(in: .whitespaces)
            if t.hasSuffix("%") || t.hasSuffix("‰") { t.removeLast() }
            t = t.replacingOccurrences(of: "−", with: "-")
            if style == .vietnamese { t = t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") }
            guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) else { return nil }
            return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
        }

        func describe(_ r: Row) -> String {
            "\(r.kind) stt \(r.stt.debugDescription) name \(r.name.prefix(60).debugDescription) unit \(r.unit.debugDescription) "
                + "note \(r.note.debugDescription) direction \(String(describing: r.direction))"
        }
    }
}
