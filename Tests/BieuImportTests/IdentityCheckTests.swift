import BieuCore
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// `bieu import --base`: a workbook whose identity names another period, template, unit or
/// round than expected is refused with both values named; `--force` accepts and records it.
@Suite("Identity checks on import", .serialized)
struct IdentityCheckTests {
    /// A Biểu 01 staff workbook for `unit`, made from the 2024 example for `period`.
    func staff(period: Int, unit: String? = nil, round: String? = nil) throws -> String {
        let plan = try FillablePlan.make(template: try Env.catalog().template("bieu-01"), data: try Env.example(), period: period)
        let path = try Env.dir("identity-check") + "/bieu-01-\(period)-\(unit.map(UnitsFile.slug) ?? "none")-\(round ?? "none").xlsx"
        try FillableWorkbook(plan: plan, options: .init(unit: unit, roundID: round)).write(to: path)
        return path
    }

    func identityFindings(_ r: ImportResult) -> [Finding] { r.findings.filter { ["period-mismatch", "template-mismatch", "unit-mismatch", "round-mismatch"].contains($0.code) } }

    @Test("A 2025 return on the 2024 base is refused naming both periods; --force accepts it and says so")
    func period() throws {
        let path = try staff(period: 2025)
        let base = try Env.example()
        let refused = try Env.importFile(path, options: ImportOptions(base: base))
        let f = try #require(identityFindings(refused).first)
        #expect(f.code == "period-mismatch" && f.severity == .error)
        #expect(f.message.vi.contains("kỳ báo cáo của tệp \"2025\" khác kỳ của dữ liệu gốc \"2024\""))
        #expect(f.message.en.contains("\"2025\"") && f.message.en.contains("\"2024\""))
        #expect(refused.summary.forced == 0)

        let forced = try Env.importFile(path, options: ImportOptions(base: base, force: true))
        #expect(identityFindings(forced).map(\.severity) == [.warning])
        #expect(forced.summary.forced == 1)
        #expect(ImportReport.summaryLine(forced.summary, hasBase: true, language: .vi).contains("(--force)"))

        // The command line: refused (exit 2, nothing written), then forced (written, reported).
        let dir = try Env.dir("identity-cli")
        let basePath = Env.root + "/Examples/tam-duong-2024.json"
        let out = dir + "/out.json"
        let cli = try Env.bieu(["import", path, "--base", basePath, "-o", out])
        #expect(cli.status == 2)
        #expect(cli.stdout.contains("kỳ báo cáo của tệp \"2025\" khác kỳ của dữ liệu gốc \"2024\""))
        #expect(!FileManager.default.fileExists(atPath: out))
        let cliForced = try Env.bieu(["import", path, "--base", basePath, "-o", out, "--force", "--lang", "en"])
        #expect(cliForced.status == 0, "\(cliForced.stdout)\(cliForced.stderr)")
        #expect(cliForced.stdout.contains("accepted because of --force"))
        #expect(cliForced.stdout.contains("identity difference(s) (--force)"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test("A workbook of another template on a base without it does not silently add a table")
    func template() throws {
        let dir = try Env.dir("identity-template")
        var base = try Env.example()
        base.tables = base.tables.filter { $0.template == "bieu-01" }
        try Env.exportXLSX(try Env.example(), tables: ["bieu-02"], to: dir + "/b02.xlsx")
        let refused = try Env.importFile(dir + "/b02.xlsx", options: ImportOptions(base: base))
        let f = try #require(identityFindings(refused).first)
        #expect(f.code == "template-mismatch" && f.severity == .error)
        #expect(f.message.vi.contains("mẫu biểu của tệp \"bieu-02\" khác mẫu của dữ liệu gốc \"bieu-01\""))
        let forced = try Env.importFile(dir + "/b02.xlsx", options: ImportOptions(base: base, force: true))
        #expect(identityFindings(forced).map(\.severity) == [.warning])
        #expect(forced.report.table("bieu-02") != nil)
        // A base without tables (a new report) takes a table of any template.
        base.tables = []
        #expect(identityFindings(try Env.importFile(dir + "/b02.xlsx", options: ImportOptions(base: base))).isEmpty)
        base = try Env.example()
        base.tables = base.tables.filter { $0.template == "bieu-01" }
        // The same template is fine.
        try Env.exportXLSX(try Env.example(), tables: ["bieu-01"], to: dir + "/b01.xlsx")
        #expect(identityFindings(try Env.importFile(dir + "/b01.xlsx", options: ImportOptions(base: base))).isEmpty)
    }

    @Test("Another unit than the base names is refused; the unit is kept in the result")
    func unit() throws {
        let path = try staff(period: 2024, unit: "Xã Bản Bo")
        var base = try Env.example()
        base.unit = ReportUnit(id: "thi-tran-tam-duong", name: "Thị trấn Tam Đường")
        let refused = try Env.importFile(path, options: ImportOptions(base: base))
        let f = try #require(identityFindings(refused).first)
        #expect(f.code == "unit-mismatch" && f.severity == .error)
        #expect(f.message.vi.contains("đơn vị của tệp \"Xã Bản Bo\" khác đơn vị của dữ liệu gốc \"Thị trấn Tam Đường\""))
        base.unit = ReportUnit(id: "xa-ban-bo", name: "Xã Bản Bo")
        let ok = try Env.importFile(path, options: ImportOptions(base: base))
        #expect(identityFindings(ok).isEmpty)
        #expect(ok.report.unit == base.unit)
        // A base without a unit takes the workbook's.
        base.unit = nil
        #expect(try Env.importFile(path, options: ImportOptions(base: base)).report.unit?.id == "xa-ban-bo")
    }

    @Test("A return of another round is refused when the import names the round")
    func round() throws {
        let path = try staff(period: 2024, unit: "Xã Bản Bo", round: "dot-2024-2")
        let refused = try Env.importFile(path, options: ImportOptions(round: "dot-2024-1"))
        let f = try #require(identityFindings(refused).first)
        #expect(f.code == "round-mismatch" && f.severity == .error)
        #expect(f.message.vi.contains("\"dot-2024-2\"") && f.message.vi.contains("\"dot-2024-1\""))
        #expect(identityFindings(try Env.importFile(path, options: ImportOptions(round: "dot-2024-2"))).isEmpty)
        #expect(try Env.importFile(path, options: ImportOptions(round: "dot-2024-1", force: true)).summary.forced == 1)
    }
}
