import BieuCore
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing
@testable import BieuExport

@Suite("CSV export, read back by Python's csv module")
struct CSVExportTests {
    static func example() throws -> Report { try ReportJSON.load(path: Fixture.root + "/Examples/tam-duong-2024.json") }

    @Test("Warnings name the record and field the user finds the printed value in", arguments: [
        (title: true, flat: false), (title: false, flat: false), (title: true, flat: true), (title: false, flat: true),
    ])
    func warningsNameTheCSVCell(_ shape: (title: Bool, flat: Bool)) throws {
        let dir = try ExternalTools.temporaryDirectory("csv-warn")
        let path = dir + "/bieu-01.csv"
        var options = CSVExporter.Options()
        options.title = shape.title
        options.flatHeader = shape.flat
        let warnings = try CSVExporter(catalog: try Fixture.catalog(), options: options).export(try Self.example(), tableID: "bieu-01", to: path)
        #expect(warnings.count >= 8)
        let dump = try ExternalTools.python("""
        import csv, json, sys
        print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))
        """, [path])
        let records = try JSONDecoder().decode([[String]].self, from: Data(dump.utf8))
        for w in warnings {
            guard case let .computedMismatch(_, cell, m, _) = w else { continue }
            #expect(records[cell.row][cell.column] == m.printed, "\(w.message(.en))")
            #expect(w.message(.vi).hasPrefix("bieu-01.csv hàng \(cell.row + 1), cột \(cell.column + 1) (ô \(cell.a1))"))
            #expect(w.message(.en).hasPrefix("bieu-01.csv record \(cell.row + 1), field \(cell.column + 1) (cell \(cell.a1))"))
        }
    }

    @Test("Wrong table choices are ExportError cases and leave no file")
    func tableChoice() throws {
        let dir = try ExternalTools.temporaryDirectory("csv-choice")
        let exporter = CSVExporter(catalog: try Fixture.catalog())
        #expect(throws: ExportError.noSuchTable(id: "x", available: ["phu-luc", "bieu-01", "bieu-02"])) {
            try exporter.export(try Self.example(), tableID: "x", to: dir + "/a.csv")
        }
        #expect(throws: ExportError.oneTablePerCSV(available: ["phu-luc", "bieu-01", "bieu-02"])) {
            try exporter.export(try Self.example(), tableID: nil, to: dir + "/a.csv")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
