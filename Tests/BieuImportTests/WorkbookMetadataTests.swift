import BieuCore
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// The one codec of the hidden `_bieu` sheet: round trip, the records written by
/// earlier versions (`xlsx/1` fixtures made with the code of c91b73f), malformed records.
@Suite("_bieu records")
struct WorkbookMetadataTests {
    static let fixtures = Env.root + "/Tests/Fixtures/xlsx1"

    /// A sheet holding the given records as text cells, as a reader gives them back.
    func sheet(_ rows: [[String]]) -> GridSheet {
        var cells: [GridCell] = []
        for (r, record) in rows.enumerated() {
            for (c, v) in record.enumerated() where !v.isEmpty {
                cells.append(GridCell(address: CellAddress(row: r, column: c), value: .string(v)))
            }
        }
        return GridSheet(name: WorkbookMetadata.sheetName, state: .hidden, cells: cells)
    }

    func sample() -> WorkbookMetadata {
        var report = Report(issuer: "Huyện ủy Tam Đường", period: ReportPeriod(kind: .quarter, year: 2025, number: 3), title: "Báo cáo",
                            unit: ReportUnit(id: "xa-ban-bo", name: "Xã Bản Bo"))
        report.tables = []
        let identity = WorkbookMetadata.Identity(templateID: "bieu-01", templateVersion: 3, period: report.period, unit: report.unit,
                                                 roundID: "dot-2025-q3", digest: String(repeating: "ab", count: 32))
        return WorkbookMetadata(report: report, identity: identity,
                                tables: [.init(sheet: "Biểu 01", tableID: "bieu-01", templateID: "bieu-01", templateVersion: 3,
                                               title: ["BIỂU 01", "dòng \"2\""], firstDataRow: 7, rowCount: 33)],
                                fillable: [.init(tableID: "bieu-01", source: "next-period", sourceYear: 2024, unit: "Xã Bản Bo", guideSheet: "Hướng dẫn")],
                                slots: ["bieu-01": ["bieu-01-slot-1", "bieu-01-slot-2"]],
                                derived: [.init(tableID: "bieu-01", rowID: "b01-005", columnID: "ss_th_kh", printed: "96.6")],
                                lists: [("danh_gia", ["Đạt", "Vượt"]), ("don_vi", ["%", "Ha"])])
    }

    @Test("encode → decode gives the same records, the identity included")
    func roundTrip() throws {
        let meta = sample()
        let rows = meta.encode()
        #expect(rows.first == ["bieu", "xlsx/3"])
        #expect(rows.last?.prefix(2) == ["list", "don_vi"])
        #expect(meta.listRows == ["danh_gia": rows.count - 2, "don_vi": rows.count - 1])
        var problems: [WorkbookMetadata.Problem] = []
        let back = try #require(WorkbookMetadata.decode(sheet: sheet(rows), problems: &problems))
        #expect(problems.isEmpty, "\(problems)")
        #expect(back == meta)
        #expect(back.identity?.period == ReportPeriod(kind: .quarter, year: 2025, number: 3))
        for p in [ReportPeriod.year(2024), ReportPeriod(kind: .sixMonths, year: 2025), ReportPeriod(kind: .nineMonths, year: 2025),
                  ReportPeriod(kind: .term, year: 2025), ReportPeriod(kind: .quarter, year: 2025, number: 1)] {
            #expect(WorkbookMetadata.periodFromCode(WorkbookMetadata.periodCode(p)) == p)
        }
    }

    @Test("SHA-256 agrees with Python's hashlib")
    func sha256() throws {
        for n in [0, 3, 55, 56, 63, 64, 65, 1000] {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let hex = bytes.map { String(format: "%02x", $0) }.joined()
            let out = try ExternalTools.run("python3", ["-c", "import hashlib,sys; print(hashlib.sha256(bytes.fromhex(sys.argv[1])).hexdigest())", hex])
            #expect(SHA256.hex(bytes) == out.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "\(n) bytes")
        }
        #expect(SHA256.isHex(SHA256.hex([1, 2, 3])))
        #expect(!SHA256.isHex("ABC"))
    }

    @Test("A per-unit staff workbook carries its round identity; read back from the workbook and by openpyxl")
    func identityInStaffWorkbook() throws {
        let data = try Env.example()
        let plan = try FillablePlan.make(template: try Env.catalog().template("bieu-01"), data: data, period: 2025)
        let dir = try Env.dir("identity")
        let entries = try UnitsFile.parse(Array("Xã Bản Bo\nThị trấn Tam Đường\n".utf8), file: "don-vi.txt")
        let workbook = FillableWorkbook(plan: plan, options: .init(roundID: "dot-2025"))
        let paths = try workbook.write(units: entries, folder: dir).paths
        let file = try SpreadsheetFile.read(path: paths[1])
        let identity = try #require(WorkbookMetadata.identity(of: file.workbook))
        var sent = plan.report
        sent.unit = ReportUnit(id: "thi-tran-tam-duong", name: "Thị trấn Tam Đường")
        sent.tables = [plan.table]
        #expect(identity == WorkbookMetadata.Identity(templateID: "bieu-01", templateVersion: plan.template.version, period: .year(2025),
                                                      unit: sent.unit, roundID: "dot-2025", digest: WorkbookMetadata.Identity.digest(of: sent)))
        // The digest is SHA-256 of the canonical JSON of what was sent, as any tool computes it.
        let json = dir + "/sent.json"
        try Data(ReportJSON.encode(sent)).write(to: URL(fileURLWithPath: json))
        let py = try ExternalTools.run("python3", ["-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", json])
        #expect(identity.digest == py.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let dump = try StaffInspection.load(paths[1])
        let record = try #require(dump.sheet("_bieu")?.rows?.first { $0.first == "identity" })
        #expect(Array(record.prefix(7)) == ["identity", "bieu-01", String(plan.template.version), "2025", "thi-tran-tam-duong", "Thị trấn Tam Đường", "dot-2025"])
        // The import keeps the unit.
        let result = try Env.importFile(paths[1])
        #expect(result.report.unit == sent.unit)
    }

    @Test("Workbooks written by the previous version (xlsx/1) still import exactly")
    func readsVersion1() throws {
        let export = try Env.importFile(Self.fixtures + "/tam-duong-2024.xlsx")
        #expect(export.findings.allSatisfy { !$0.code.hasPrefix("identity") })
        expectSame(export.report, try Env.example(), "xlsx/1 export")

        let staff = try SpreadsheetFile.read(path: Self.fixtures + "/bieu-01_xa-ban-bo.xlsx")
        var problems: [WorkbookMetadata.Problem] = []
        let meta = try #require(WorkbookMetadata.read(staff.workbook, problems: &problems))
        #expect(problems.isEmpty)
        #expect(meta.readVersion == 1)
        #expect(meta.identity == nil)
        #expect(meta.fillable.first?.source == "next-period")
        #expect(meta.lists.map(\.name) == ["danh_gia", "don_vi"])
        let identity = try #require(meta.effectiveIdentity)
        #expect(identity.templateID == "bieu-01")
        #expect(identity.period == .year(2025))
        #expect(identity.unit == ReportUnit(id: nil, name: "Xã Bản Bo"))
        let result = try Env.importFile(Self.fixtures + "/bieu-01_xa-ban-bo.xlsx")
        #expect(result.summary.errors == 0)
        #expect(result.report.unit?.name == "Xã Bản Bo")
        #expect(result.report.period == .year(2025))
    }

    @Test("Malformed records become findings naming the _bieu cell; the rest is read")
    func malformed() throws {
        var rows = sample().encode()
        let tableRow = rows.firstIndex { $0.first == "table" }!
        rows[tableRow][4] = "ba"                       // template version not a number
        let identityRow = rows.firstIndex { $0.first == "identity" }!
        rows[identityRow][7] = "not-a-digest"
        rows.append(["slot", "bieu-01"])                  // no row id
        rows.append(["later", "x"])                       // a record this version does not know
        var problems: [WorkbookMetadata.Problem] = []
        let meta = try #require(WorkbookMetadata.decode(sheet: sheet(rows), problems: &problems))
        #expect(meta.tables.isEmpty)
        #expect(meta.identity?.digest == nil)
        #expect(meta.identity?.roundID == "dot-2025-q3")
        #expect(meta.slots["bieu-01"] == ["bieu-01-slot-1", "bieu-01-slot-2"])
        let cells = problems.map(\.cell.description)
        #expect(cells == ["_bieu!H\(identityRow + 1)", "_bieu!E\(tableRow + 1)", "_bieu!C\(rows.count - 1)", "_bieu!A\(rows.count)"])
        #expect(problems.last?.severity == .note)

        // Through the import: findings with the cell.
        var findings: [Finding] = []
        _ = WorkbookIdentity.read(GridWorkbook(sheets: [sheet(rows)]), findings: &findings)
        #expect(findings.map { $0.location?.description ?? "" } == cells)
        #expect(findings.first?.code == "identity-unreadable")

        // A newer version is read, with a warning; a sheet without bieu's marker is not bieu's.
        problems = []
        rows[0][1] = "xlsx/9"
        #expect(WorkbookMetadata.decode(sheet: sheet(rows), problems: &problems)?.readVersion == 9)
        #expect(problems.first?.cell.description == "_bieu!B1")
        problems = []
        #expect(WorkbookMetadata.decode(sheet: sheet(Array(rows.dropFirst())), problems: &problems) == nil)
    }
}
