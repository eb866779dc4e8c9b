import BieuCore
import BieuModel
import BieuTestSupport
import Foundation
import Testing
@testable import BieuExport

@Suite("Print area: the hidden id columns never reach a PDF", .serialized)
struct PrintAreaTests {
    @Test("LibreOffice's PDF of every exported table holds the table's text and none of its row ids")
    func pdfHasNoRowIDs() throws {
        let report = try ReportJSON.load(path: Fixture.root + "/Examples/tam-duong-2024.json")
        let dir = try ExternalTools.temporaryDirectory("print-area")
        for table in report.tables {
            let path = dir + "/\(table.id).xlsx"
            try XLSXExporter(catalog: try Fixture.catalog()).export(report, tableIDs: [table.id], to: path)
            let pdf = try ExternalTools.libreOfficeConvert(path, to: "pdf", extension: "pdf")
            let text = try ExternalTools.run("pdftotext", [pdf, "-"]).stdout
            let named = table.rows.map(\.name).filter { !$0.isEmpty }.prefix(3)
            for name in named { #expect(text.contains(String(name.split(separator: " ").prefix(2).joined(separator: " "))), "\(table.id): \(name)") }
            let leaked = table.rows.map(\.id).filter { text.contains($0) }
            #expect(leaked.isEmpty, "\(table.id): row ids in the PDF: \(leaked.prefix(5))")
            #expect(!text.contains("bieu:id") && !text.contains("bieu:row"), "\(table.id)")
        }
    }
}
