import BieuCore
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing
@testable import BieuExport

@Suite("Staff workbooks per unit: units files, file names, one workbook each")
struct FillableUnitsTests {
    @Test("File-name slugs are ASCII, lower case, predictable", arguments: [
        ("Xã Bản Bo", "xa-ban-bo"),
        ("Thị trấn Tam Đường", "thi-tran-tam-duong"),
        ("  Xã   Nà Tăm  ", "xa-na-tam"),
        ("ĐỒNG ĐĂNG", "dong-dang"),
        ("Phường Đông Phong (cũ)", "phuong-dong-phong-cu"),
        ("Xã Sơn Bình / Hồ Thầu", "xa-son-binh-ho-thau"),
        ("Xã Khun Há – thôn 3", "xa-khun-ha-thon-3"),
        ("Xa\u{0303} Ba\u{0309}n Bo", "xa-ban-bo"),
    ])
    func slugs(name: String, slug: String) {
        #expect(UnitsFile.slug(name) == slug)
        #expect(UnitsFile.fileName(templateID: "bieu-01", slug: slug) == "bieu-01_\(slug).xlsx")
    }

    @Test("A long name is cut at a word, within the limit")
    func longSlug() {
        let s = UnitsFile.slug(String(repeating: "Xã Bản Bo huyện Tam Đường tỉnh Lai Châu ", count: 4))
        #expect(s.count <= UnitsFile.maxSlugLength && !s.hasSuffix("-") && s.hasPrefix("xa-ban-bo-huyen-tam-duong"))
    }

    @Test("Blank lines, comments, a byte-order mark and CRLF are fine; lines are numbered as in the file")
    func parse() throws {
        let text = "\u{FEFF}# Các xã của huyện Tam Đường\r\nXã Bản Bo\r\n\r\n   Xã Nà Tăm   \r\n# thị trấn\nThị trấn Tam Đường\n"
        let entries = try UnitsFile.parse(Array(text.utf8), file: "don-vi.txt")
        #expect(entries.map(\.line) == [2, 4, 6])
        #expect(entries.map(\.name) == ["Xã Bản Bo", "Xã Nà Tăm", "Thị trấn Tam Đường"])
        #expect(entries.map(\.slug) == ["xa-ban-bo", "xa-na-tam", "thi-tran-tam-duong"])
    }

    @Test("A bad line is an error naming the file and the line", arguments: [
        (Array("Xã Bản Bo\nXã Nà\u{7}Tăm\n".utf8), 2, "ký tự điều khiển"),
        (Array("Xã Bản Bo\n# ghi chú\n".utf8) + [0xC3, 0x28, 0x0A], 3, "UTF-8"),
        (Array("Xã Bản Bo\nXã Nà Tăm\nxã bản bo\n".utf8), 3, "dòng 1"),
        (Array("Xã Bản Bo\n!!! ???\n".utf8), 2, "chữ cái"),
        (Array(("Xã Bản Bo\n" + String(repeating: "x", count: 201) + "\n").utf8), 2, "200"),
    ])
    func badLine(bytes: [UInt8], line: Int, says: String) {
        do {
            _ = try UnitsFile.parse(bytes, file: "don-vi.txt")
            Issue.record("expected an error at line \(line)")
        } catch {
            #expect(error.message(.vi).hasPrefix("don-vi.txt, dòng \(line): "), "\(error.message(.vi))")
            #expect(error.message(.en).hasPrefix("don-vi.txt, line \(line): "), "\(error.message(.en))")
            #expect(error.message(.vi).contains(says), "\(error.message(.vi))")
        }
    }

    @Test("A file with no units is an error")
    func empty() {
        #expect(throws: ExportError.unitsEmpty(file: "don-vi.txt")) { try UnitsFile.parse(Array("# chỉ có ghi chú\n\n".utf8), file: "don-vi.txt") }
    }

    @Test("One workbook per unit, named predictably, each with its unit inside; nothing else left in the folder")
    func perUnit() throws {
        let dir = try ExternalTools.temporaryDirectory("units")
        let unitsPath = dir + "/don-vi.txt"
        try "# Tam Đường\nXã Bản Bo\nXã Nà Tăm\nThị trấn Tam Đường\n".write(toFile: unitsPath, atomically: true, encoding: .utf8)
        let units = try UnitsFile.load(path: unitsPath)
        let plan = try FillablePlan.make(template: try Fixture.catalog().template("bieu-01"), data: try StaffFixture.report(), period: 2025)
        let out = dir + "/bieu-mau"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let written = try FillableWorkbook(plan: plan).write(units: units, folder: out)
        let names = ["bieu-01_xa-ban-bo.xlsx", "bieu-01_xa-na-tam.xlsx", "bieu-01_thi-tran-tam-duong.xlsx"]
        #expect(written.paths == names.map { out + "/" + $0 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == names.sorted())
        for (path, unit) in zip(written.paths, ["Xã Bản Bo", "Xã Nà Tăm", "Thị trấn Tam Đường"]) {
            let wb = try StaffInspection.load(path)
            let sheet = try #require(wb.sheet("Biểu 01"))
            #expect(sheet.cells["A3"]?.value == .string("Đơn vị báo cáo: \(unit)"))
            #expect(wb.defined_names["bieu_unit"] == "\"\(unit)\"")
            #expect(wb.sheet("_bieu")?.rows?.first { $0.first == "fillable" }?[4] == unit)
            let guide = try #require(wb.sheet("Hướng dẫn"))
            #expect(guide.cells.values.contains { $0.value == .string("Đơn vị báo cáo: \(unit)") })
        }
    }

    @Test("A unit name is checked before anything is written")
    func unitNames() throws {
        #expect(try FillableWorkbook.checkUnit("  Xa\u{0303} Bản Bo ") == "Xã Bản Bo")
        #expect(throws: ExportError.self) { try FillableWorkbook.checkUnit("   ") }
        #expect(throws: ExportError.self) { try FillableWorkbook.checkUnit("Xã\u{200B}Bản") }
    }
}

@Suite("Template key carry")
struct FillableCarryKeyTests {
    static let base = """
    template: t
    version: 1
    name: T
    sheet: T
    columns:
      - {id: name, header: Chỉ tiêu, field: name}
      - {id: kh, header: KH}
      - {id: th, header: TH, input: true}
      - {id: kh_sau, header: KH sau, input: true}
      - {id: ss, header: SS, formula: th / kh * 100}
    """

    @Test("carry names the column of the previous period a column starts with")
    func loads() throws {
        let t = try TemplateLoader.parse(Self.base.replacingOccurrences(of: "{id: kh, header: KH}", with: "{id: kh, header: KH, carry: kh_sau}"), file: "t.yaml")
        #expect(t.column("kh")?.carry == "kh_sau")
        #expect(t.column("th")?.carry == nil)
    }

    @Test("carry must name a value column, and computed columns take none", arguments: [
        ("{id: kh, header: KH}", "{id: kh, header: KH, carry: khong_co}", 7),
        ("{id: kh, header: KH}", "{id: kh, header: KH, carry: name}", 7),
        ("{id: ss, header: SS, formula: th / kh * 100}", "{id: ss, header: SS, formula: th / kh * 100, carry: kh}", 10),
    ])
    func refuses(from: String, to: String, line: Int) {
        do {
            _ = try TemplateLoader.parse(Self.base.replacingOccurrences(of: from, with: to), file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message(.en).contains("t.yaml:\(line)"), "\(error.message(.en))")
            #expect(error.message(.en).contains("\"carry\""), "\(error.message(.en))")
        }
    }
}
