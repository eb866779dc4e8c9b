import BieuTestSupport
import Foundation
import Testing

/// `bieu template --units`: one workbook per unit, and nothing overwritten without a trace.
@Suite("template --units")
struct UnitsWorkbooksTests {
    @Test("Making a unit's workbooks again keeps each earlier workbook as NAME.bak, as round new does")
    func earlierWorkbooksKept() throws {
        let dir = try CLI.dir("units-bak")
        try "Xã Bản Bo\nXã Bình Lư\n".write(toFile: dir + "/don-vi.txt", atomically: true, encoding: .utf8)
        let args = ["template", "bieu-01", "--data", CLI.example, "--period", "2025", "--units", dir + "/don-vi.txt", "-o", dir + "/gui"]
        let first = try CLI.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        let made = try FileManager.default.contentsOfDirectory(atPath: dir + "/gui").filter { $0.hasSuffix(".xlsx") }.sorted()
        #expect(made.count == 2, "\(made)")
        let before = try made.map { try Data(contentsOf: URL(fileURLWithPath: dir + "/gui/" + $0)) }
        let again = try CLI.run(args)
        #expect(again.status == 0, "\(again.stderr)")
        for (name, bytes) in zip(made, before) {
            let backup = dir + "/gui/" + name + ".bak"
            #expect(FileManager.default.fileExists(atPath: backup), "\(name): no .bak")
            #expect((try? Data(contentsOf: URL(fileURLWithPath: backup))) == bytes, "\(name).bak is not the earlier workbook")
        }
        // No temporary file is left beside them.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/gui").filter { !$0.hasSuffix(".xlsx") && !$0.hasSuffix(".xlsx.bak") }
        #expect(left.isEmpty, "\(left)")
    }
}
