import BieuCore
import BieuCSV
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

@Suite("Round trip: export → import is the identity")
struct RoundTripTests {
    @Test("XLSX, whole example, no base: byte-identical JSON")
    func xlsxExample() throws {
        let report = try Env.example()
        let path = try Env.dir("rt") + "/all.xlsx"
        try Env.exportXLSX(report, to: path)
        let result = try Env.importFile(path)
        #expect(result.summary.errors == 0)
        #expect(ReportJSON.encode(result.report) == ReportJSON.encode(report))
    }

    @Test("XLSX, each table alone", arguments: ["phu-luc", "bieu-01", "bieu-02"])
    func xlsxEachTable(_ table: String) throws {
        var report = try Env.example()
        let path = try Env.dir("rt") + "/\(table).xlsx"
        try Env.exportXLSX(report, tables: [table], to: path)
        let result = try Env.importFile(path)
        report.tables = report.tables.filter { $0.id == table }
        expectSame(report, result.report, table)
    }

    struct CSVCase: CustomTestStringConvertible, Sendable {
        var table: String
        var delimiter: CSVDelimiter
        var encoding: CSVOutputEncoding
        var style: CSVExporter.NumberStyleChoice
        var testDescription: String { "\(table) \(delimiter.rawValue == "\t" ? "tab" : delimiter.rawValue) \(encoding.rawValue) \(style.rawValue)" }
    }

    static let csvCases: [CSVCase] = {
        var cases: [CSVCase] = []
        for t in ["phu-luc", "bieu-01", "bieu-02"] {
            for d in CSVDelimiter.allCases {
                for e in CSVOutputEncoding.allCases { cases.append(CSVCase(table: t, delimiter: d, encoding: e, style: .asWritten)) }
            }
            cases.append(CSVCase(table: t, delimiter: .semicolon, encoding: .utf8WithBOM, style: .vietnamese))
            cases.append(CSVCase(table: t, delimiter: .comma, encoding: .utf8, style: .plain))
        }
        return cases
    }()

    @Test("CSV, every delimiter, encoding and number style, against the base", arguments: csvCases)
    func csv(_ c: CSVCase) throws {
        let report = try Env.example()
        let path = try Env.dir("rt") + "/t.csv"
        var options = CSVExporter.Options()
        options.write = CSVWriteOptions(delimiter: c.delimiter, encoding: c.encoding)
        options.numberStyle = c.style
        try Env.exportCSV(report, table: c.table, options: options, to: path)
        let result = try Env.importFile(path, options: ImportOptions(base: report, strategy: .replace))
        #expect(result.summary.errors == 0)
        expectSame(report, result.report, c.testDescription)
        #expect(result.diff?.isEmpty == true)
    }

    @Test("CSV with ids reads rows back by id, without the base")
    func csvWithIDs() throws {
        let report = try Env.example()
        let path = try Env.dir("rt") + "/ids.csv"
        var options = CSVExporter.Options()
        options.ids = true
        try Env.exportCSV(report, table: "bieu-01", options: options, to: path)
        let result = try Env.importFile(path)
        let original = try #require(report.table("bieu-01"))
        let back = try #require(result.report.table("bieu-01"))
        #expect(back.rows.map(\.id) == original.rows.map(\.id))
        #expect(back.rows.map(\.name) == original.rows.map(\.name))
    }

    @Test("Randomized models round-trip through XLSX exactly (seeds 1–150)")
    func randomizedXLSX() throws {
        try Self.expectRandomRoundTrips(template: "bieu-01", seeds: 1...150) { report, seed, dir in
            let path = dir + "/r\(seed).xlsx"
            try Env.exportXLSX(report, to: path)
            return try Env.importFile(path).report
        }
    }

    @Test("Randomized models round-trip through CSV against the base (seeds 1–100)")
    func randomizedCSV() throws {
        try Self.expectRandomRoundTrips(template: "phu-luc", seeds: 1...100) { report, seed, dir in
            let path = dir + "/r\(seed).csv"
            var options = CSVExporter.Options()
            options.write = CSVWriteOptions(delimiter: [.comma, .semicolon, .tab][Int(seed % 3)], encoding: CSVOutputEncoding.allCases[Int(seed % 3)])
            try Env.exportCSV(report, table: "phu-luc", options: options, to: path)
            return try Env.importFile(path, options: ImportOptions(base: report, strategy: .replace)).report
        }
    }

    /// Random reports of `template` (20 rows each), one per seed, through `roundTrip` (the report,
    /// its seed, a folder for files): stops at the first that comes back different, naming its seed.
    static func expectRandomRoundTrips(template: String, seeds: ClosedRange<UInt64>,
                                       _ roundTrip: (Report, UInt64, String) throws -> Report) throws {
        let dir = try Env.dir("random-\(template)")
        for seed in seeds {
            let report = try Env.randomReport(seed: seed, template: template, rows: 20)
            let back = try roundTrip(report, seed, dir)
            if back != report {
                Issue.record("seed \(seed): \(ReportDiff.compute(old: report, new: back).text(.en))")
                break
            }
        }
    }
}
