import BieuCore
import BieuModel
import BieuTemplates
import BieuTestSupport
import BieuXLSXWriter
import Foundation
import Testing
@testable import BieuExport

/// Shared fixtures.
enum Fixture {
    static let root = ExternalTools.repositoryRoot()
    static func catalog() throws -> TemplateCatalog {
        var c = try TemplateCatalog(directory: root + "/Templates")
        c.add(try TemplateLoader.load(path: root + "/Tests/BieuExportTests/Fixtures/quy-ubnd.yaml"))
        return c
    }
    static func mini() throws -> Report { try ReportJSON.load(path: root + "/Tests/BieuExportTests/Fixtures/mini-phu-luc.json") }
    static func export(_ report: Report, tables: [String] = []) throws -> (path: String, warnings: [ExportWarning]) {
        let dir = try ExternalTools.temporaryDirectory("export")
        let path = dir + "/out.xlsx"
        let warnings = try XLSXExporter(catalog: try catalog()).export(report, tableIDs: tables, to: path)
        return (path, warnings)
    }

    /// A Phụ lục long enough to need several printed pages.
    static func longReport(rows: Int) -> Report {
        var table = AnnexTable(id: "phu-luc", template: "phu-luc")
        for i in 0..<rows {
            table.rows.append(Row(id: "r\(i)", kind: i % 10 == 0 ? .group : .indicator, stt: i % 10 == 0 ? String(i / 10 + 1) : "",
                                  name: "Chỉ tiêu số \(i): tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa ở các thôn, bản, khu dân cư",
                                  unit: "%", cells: i % 10 == 0 ? CellMap() : ["kh_nam": Cell("88,5"), "th_nam": Cell("\(80 + i % 20),\(i % 10)"), "mt_nam_sau": Cell("90")]))
        }
        return Report(issuer: "Huyện ủy Tam Đường", number: "641-BC/HU", date: ReportDate(year: 2024, month: 12, day: 5),
                      period: .year(2024), term: Term(start: 2020, end: 2025), title: "Báo cáo thử", tables: [table])
    }
}

extension Decimal {
    var double: Double { NSDecimalNumber(decimal: self).doubleValue }
}

@Suite("XLSX export, checked by independent readers", .serialized)
struct XLSXExportTests {
    @Test("openpyxl sees every cell, merge, format, formula and setting as the model and template say")
    func openpyxlSeesTheTable() throws {
        let report = try Fixture.mini()
        let (path, _) = try Fixture.export(report)
        let dump = try OpenpyxlDump.load(path)
        #expect(dump.sheets.map(\.name) == ["Phụ lục", "_bieu"])
        #expect(dump.sheets.map(\.state) == ["visible", "hidden"])
        #expect(dump.properties.creator == "Huyện ủy Tam Đường")
        let sheet = try #require(dump.sheet("Phụ lục"))
        #expect(Set(sheet.merges).isSuperset(of: ["A1:H1", "A2:H2", "A3:H3"]))
        #expect(sheet.cells["A1"]?.value == .string("PHỤ LỤC"))
        #expect(sheet.cells["A2"]?.value == .string("KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU NĂM 2024, MỤC TIÊU NĂM 2025"))
        #expect(sheet.cells["A3"]?.value == .string("(Kèm theo Báo cáo số 641-BC/HU ngày 05/12/2024 của Huyện ủy Tam Đường)"))
        #expect(sheet.cells["A3"]?.italic == true)
        let headers = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2024", "Thực hiện năm 2024", "So sánh với kế hoạch năm 2024 (%)", "Mục tiêu năm 2025", "Ghi chú"]
        for (i, h) in headers.enumerated() {
            let cell = try #require(sheet.cells["\(CellAddress.columnLetters(i))5"])
            #expect(cell.value == .string(h))
            #expect(cell.bold && cell.border && cell.halign == "center" && cell.font == "Times New Roman")
        }
        #expect(sheet.freeze == "A6")
        #expect(sheet.print_title_rows == "$5:$5")
        #expect(sheet.orientation == "landscape" && sheet.paper == 9)
        // fitToWidth omitted means 1 (ECMA-376 default).
        #expect(sheet.fit_to_page == true && (sheet.fit_width ?? 1) == 1 && sheet.fit_height == 0)
        #expect(sheet.hidden_columns.contains("I"))

        // Every data cell, against the model.
        let table = report.tables[0]
        let template = try Fixture.catalog().template("phu-luc")
        for (i, row) in table.rows.enumerated() {
            let r = 6 + i
            #expect(sheet.cells["I\(r)"]?.value == .string(row.id))
            #expect(sheet.cells["B\(r)"]?.value == .string(row.name))
            #expect(sheet.cells["B\(r)"]?.wrap == true)
            #expect(sheet.cells["A\(r)"]?.value ?? .null == (row.stt.isEmpty ? .null : .string(row.stt)))
            #expect(sheet.cells["H\(r)"]?.value ?? .null == (row.note.isEmpty ? .null : .string(row.note)))
            for (j, column) in template.columns.enumerated() where column.field == .cell {
                let ref = "\(CellAddress.columnLetters(j))\(r)"
                let got = sheet.cells[ref]
                if let cell = row.cells[column.id] {
                    switch cell.value {
                    case .number(let d), .percent(let d), .perMille(let d):
                        #expect(got?.type == "n", "\(ref)")
                        #expect(got?.value == .number(d.double), "\(ref) \(cell.text)")
                    default:
                        #expect(got?.type == "s", "\(ref)")
                        #expect(got?.value == .string(cell.text), "\(ref)")
                    }
                    #expect(got?.border == true, "\(ref)")
                } else if column.kind == .computed {
                    #expect(got?.type == "f", "\(ref) should hold a live formula")
                    let th = row.cells["th_nam"]?.value.numericValue, kh = row.cells["kh_nam"]?.value.numericValue
                    if let th, let kh {
                        #expect(got?.cached == .number(DecimalFormatting.rounded(th / kh * 100, scale: 1).double), "\(ref)")
                    } else {
                        #expect([.string(""), .null].contains(got?.cached ?? .null), "\(ref)")
                    }
                }
            }
        }
        // The number formats keep the printed decimals: 48.1 → one, 16.90 → two.
        #expect(sheet.cells["E7"]?.format == "#,##0.0")
        #expect(sheet.cells["D9"]?.format == "#,##0.00")
        // A text that starts with "=" stays text.
        #expect(sheet.cells["H13"]?.type == "s")
    }

    @Test("LibreOffice reads every data cell back as the model has it")
    func libreOfficeReadsEveryCell() throws {
        let report = try Fixture.mini()
        let (path, _) = try Fixture.export(report)
        let csvPath = try ExternalTools.libreOfficeConvert(path, to: ExternalTools.libreOfficeRawCSV, extension: "csv")
        let rows = parseCSVForTest(try String(contentsOfFile: csvPath, encoding: .utf8))
        let template = try Fixture.catalog().template("phu-luc")
        let table = report.tables[0]
        #expect(rows.count >= 5 + table.rows.count)
        for (i, row) in table.rows.enumerated() {
            let fields = rows[5 + i]
            #expect(fields[0] == row.stt)
            #expect(fields[1] == row.name)
            #expect(fields[2] == row.unit)
            #expect(fields[7] == row.note)
            for (j, column) in template.columns.enumerated() where column.field == .cell {
                guard let cell = row.cells[column.id] else { continue }
                if let d = cell.value.numericValue, case .number = cell.value {
                    #expect(Decimal(string: fields[j]) == d, "row \(row.id) \(column.id): LibreOffice read \(fields[j]), model \(cell.text)")
                } else if case .percent(let d) = cell.value {
                    #expect(Decimal(string: fields[j]) == d, "row \(row.id) \(column.id)")
                } else {
                    #expect(fields[j] == cell.text, "row \(row.id) \(column.id)")
                }
            }
        }
    }

    @Test("LibreOffice needs no more height than we give any row (no clipped or overlapping text)")
    func rowHeightsSuffice() throws {
        var report = Fixture.longReport(rows: 30)
        report.tables[0].rows[3].name = String(repeating: "Tỷ lệ thôn, bản được cứng hóa, có đường xe máy hoặc ô tô đi lại thuận lợi; ", count: 4)
        report.tables[0].rows[5].note = "Ghi chú dài: số liệu ước tính đến ngày 30/11/2024, sẽ cập nhật khi có số chính thức"
        let (path, _) = try Fixture.export(report)
        let rows = try LibreOfficeRowHeights.measure(path)
        #expect(rows.count > 30)
        for r in rows where r.optimal > r.written + 0.3 {
            Issue.record("\(r.sheet)!\(r.row): written \(r.written) mm, LibreOffice needs \(r.optimal) mm")
        }
    }

    @Test("Printed by LibreOffice: A4 landscape, header block repeated on page 2")
    func pdfRepeatsHeader() throws {
        let (path, _) = try Fixture.export(Fixture.longReport(rows: 80))
        let pdf = try ExternalTools.libreOfficeConvert(path, to: "pdf", extension: "pdf")
        let info = try ExternalTools.run("pdfinfo", [pdf]).stdout
        #expect(info.contains("Page size:       841.89 x 595."), "\(info)")
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "0") ?? 0
        #expect(pages >= 2)
        let page2 = try ExternalTools.run("pdftotext", ["-f", "2", "-l", "2", "-layout", pdf, "-"]).stdout
        #expect(page2.contains("Chỉ tiêu"))
        // LibreOffice wraps header texts at its own points ("Kế hoạch" / "năm 2024").
        #expect(page2.contains("Kế hoạch"))
        #expect(page2.contains("Đơn vị tính"))
        #expect(page2.contains("Trang 2/"))
        #expect(!page2.contains("PHỤ LỤC"), "the title block prints once, on page 1")
    }

    @Test("A new layout needs only a template file")
    func customTemplate() throws {
        var table = AnnexTable(id: "quy", template: "quy-ubnd")
        table.rows = [
            Row(id: "q-1", stt: "1", name: "Trồng rừng mới", unit: "ha", cells: ["kh_nam": Cell("120"), "q1": Cell("20,5"), "q2": Cell("30"), "q3": Cell("41")]),
            Row(id: "q-2", stt: "2", name: "Cấp nước sạch", unit: "hộ", cells: ["kh_nam": Cell("1.500"), "q1": Cell("Chưa triển khai")]),
        ]
        let report = Report(issuer: "UBND xã Bản Bo", period: ReportPeriod(kind: .nineMonths, year: 2024), tables: [table])
        let (path, _) = try Fixture.export(report)
        let sheet = try #require(try OpenpyxlDump.load(path).sheet("Quý 2024"))
        #expect(sheet.cells["A1"]?.value == .string("BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU 9 THÁNG NĂM 2024".lowercased().uppercased()) || sheet.cells["A1"]?.value == .string("BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU 9 tháng năm 2024"))
        #expect(sheet.cells["A2"]?.value == .string("Đơn vị: UBND xã Bản Bo"))
        #expect(Set(sheet.merges).isSuperset(of: ["E3:H3", "A3:A4", "D3:D4", "I3:I4", "J3:J4"]))
        #expect(sheet.cells["E3"]?.value == .string("Thực hiện"))
        #expect(sheet.cells["H4"]?.value == .string("Lũy kế"))
        #expect(sheet.orientation == "portrait")
        // Computed on computed: Lũy kế = 20,5 + 30 + 41 = 91,5; % = 91,5 / 120 × 100 = 76,3.
        #expect(sheet.cells["H5"]?.type == "f")
        #expect(sheet.cells["H5"]?.cached == .number(91.5))
        #expect(sheet.cells["I5"]?.cached == .number(76.3))
        // Text in a number column: no value, formulas show nothing.
        #expect(sheet.cells["E6"]?.value == .string("Chưa triển khai"))
        #expect([.string(""), .null].contains(sheet.cells["I6"]?.cached ?? .null))
    }

    @Test("A printed ratio that disagrees with its numbers is kept and reported")
    func mismatchWarning() throws {
        let (path, warnings) = try Fixture.export(try Fixture.mini())
        let mismatches = warnings.compactMap { w -> (String, String)? in
            if case let .computedMismatch(_, cell, m, _) = w { return (cell.a1, m.rowID) }
            return nil
        }
        #expect(mismatches.map(\.0) == ["F9"])
        #expect(mismatches.map(\.1) == ["pl-004"])
        #expect(warnings.first?.message(.vi).contains("Phụ lục!F9") == true)
        let sheet = try #require(try OpenpyxlDump.load(path).sheet("Phụ lục"))
        #expect(sheet.cells["F9"]?.value == .number(100.8))
    }

    @Test("A failed export leaves no file behind and an existing file untouched")
    func atomic() throws {
        // A note longer than Excel's 32,767-character cell limit, in a column that does not wrap.
        let table = AnnexTable(id: "quy", template: "quy-ubnd", rows: [
            Row(id: "q-1", name: "Trồng rừng", cells: ["q1": Cell("5")]),
            Row(id: "q-2", name: "Nước sạch", note: String(repeating: "x", count: 40_000)),
        ])
        let report = Report(period: .year(2024), tables: [table])
        let dir = try ExternalTools.temporaryDirectory("atomic")
        let path = dir + "/out.xlsx"
        do {
            try XLSXExporter(catalog: try Fixture.catalog()).export(report, to: path)
            Issue.record("expected an error for a 40,000-character cell")
        } catch let e as XLSXWriteError {
            #expect(e.message(.vi).contains("Quý 2024!J6"), "\(e.message(.vi))")
            #expect(e.message(.vi).contains("32.767"))
            #expect(e.message(.en) == "Cannot write cell Quý 2024!J6: text longer than 32,767 characters (Excel's limit)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: XLSXWriteError.self) { try XLSXExporter(catalog: try Fixture.catalog()).export(report, to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.xlsx"])
    }
}
