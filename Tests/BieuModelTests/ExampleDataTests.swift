import BieuModel
import Foundation
import Testing

/// The bundled example `Examples/tam-duong-2024.json`: the three annex tables of
/// report 641-BC/HU (Huyện ủy Tam Đường, 05/12/2024), transcribed from
/// `seeds/001_cafb4d1805646ef3.txt` (see `Examples/README.md`). The spot checks
/// below compare cells with the seed text, line by line.
@Suite("Example data: tam-duong-2024.json")
struct ExampleDataTests {
    /// `Examples/tam-duong-2024.json`, found from this file's location.
    static let examplePath: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // BieuModelTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // package root
        .appendingPathComponent("Examples/tam-duong-2024.json").path

    static func loadReport() throws -> Report {
        try ReportJSON.load(path: examplePath)
    }

    static func fileBytes() throws -> [UInt8] {
        let data = try #require(FileManager.default.contents(atPath: examplePath),
                                "cannot read \(examplePath)")
        return [UInt8](data)
    }

    /// An exact decimal from a literal; NaN (equal to nothing) for a bad literal.
    static func dec(_ literal: String) -> Decimal {
        Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    static func table(_ report: Report, _ id: String) throws -> AnnexTable {
        try #require(report.table(id), "table \(id) missing")
    }

    static func row(_ table: AnnexTable, _ id: String) throws -> Row {
        try #require(table.row(id), "row \(id) missing from \(table.id)")
    }

    static func cell(_ table: AnnexTable, _ rowID: String, _ column: String) throws -> Cell {
        let r = try row(table, rowID)
        return try #require(r.cells[column], "cell \(table.id)/\(rowID)/\(column) missing")
    }

    /// True when every scalar sequence is already in Unicode NFC.
    static func isNFC(_ s: String) -> Bool {
        Array(s.unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    // MARK: - File form

    @Test("load → encode gives the file back byte for byte")
    func roundTripIsByteIdentical() throws {
        let bytes = try Self.fileBytes()
        let report = try Self.loadReport()
        let encoded = ReportJSON.encode(report)
        if encoded != bytes {
            let firstDiff = zip(encoded, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(encoded.count, bytes.count)
            Issue.record("re-encoded example differs from the file at byte \(firstDiff) (sizes \(encoded.count) vs \(bytes.count))")
        }
        #expect(bytes.first == UInt8(ascii: "{"), "no byte-order mark, starts with an object")
        #expect(bytes.last == UInt8(ascii: "\n"))
    }

    @Test("all text in the file and in the model is NFC")
    func textIsNFC() throws {
        let bytes = try Self.fileBytes()
        let fileText = try #require(String(validating: bytes, as: UTF8.self), "the file is not valid UTF-8")
        #expect(Self.isNFC(fileText))

        let report = try Self.loadReport()
        let strings = PropertyTests.allStrings(report)
        let offenders = strings.filter { !Self.isNFC($0) }
        #expect(offenders.isEmpty, "not NFC: \(offenders.prefix(3))")
        #expect(strings.count > 1000, "expected to have inspected the whole report")
    }

    @Test("no conversion markup is left in any text")
    func noMarkup() throws {
        let report = try Self.loadReport()
        for table in report.tables {
            for r in table.rows {
                for s in [r.stt, r.name, r.unit, r.note] + r.cells.map({ $0.cell.text }) {
                    for tag in ["<p>", "</p>", "<b>", "</b>", "<i>", "</i>", "<sup>", "**"] {
                        #expect(!s.contains(tag), "\(table.id)/\(r.id) contains \(tag)")
                    }
                }
            }
        }
    }

    // MARK: - Shape

    @Test("report header")
    func header() throws {
        let report = try Self.loadReport()
        #expect(report.issuer == "Huyện ủy Tam Đường")
        #expect(report.number == "641-BC/HU")
        #expect(report.date?.iso == "2024-12-05")
        #expect(report.period == .year(2024))
        #expect(report.term == Term(start: 2020, end: 2025))
        #expect(report.title == "Báo cáo tình hình thực hiện nhiệm vụ chính trị năm 2024, nhiệm vụ trọng tâm năm 2025")
    }

    @Test("three tables with their templates, titles and row counts",
          arguments: [("phu-luc", 39, 2), ("bieu-01", 33, 2), ("bieu-02", 112, 4)])
    func tableShape(id: String, rows: Int, titleLines: Int) throws {
        let report = try Self.loadReport()
        #expect(report.tables.map(\.id) == ["phu-luc", "bieu-01", "bieu-02"])
        let table = try Self.table(report, id)
        #expect(table.template == id)
        #expect(table.rows.count == rows)
        #expect(table.title.count == titleLines)
        #expect(table.title.last == "(Kèm theo Báo cáo số 641-BC/HU ngày 05/12/2024 của Huyện ủy Tam Đường)")
    }

    @Test("row ids are unique, non-empty and follow the documented scheme",
          arguments: [("phu-luc", "pl-"), ("bieu-01", "b01-"), ("bieu-02", "b02-")])
    func rowIDs(id: String, prefix: String) throws {
        let table = try Self.table(try Self.loadReport(), id)
        let ids = table.rows.map(\.id)
        #expect(Set(ids).count == ids.count)
        for r in table.rows {
            #expect(r.id.hasPrefix(prefix), "\(r.id)")
            let suffix = r.id.dropFirst(prefix.count)
            if r.kind == .section {
                // Sections are named by their label: b01-a, b02-xiii.
                #expect(String(suffix) == r.stt.lowercased(), "\(r.id) vs STT \(r.stt)")
            } else {
                #expect(suffix.count == 3 && suffix.allSatisfy(\.isNumber), "\(r.id)")
            }
        }
        // Numbered rows run 001, 002, … in print order.
        let numbers = table.rows.filter { $0.kind != .section }.compactMap { Int($0.id.dropFirst(prefix.count)) }
        #expect(numbers == Array(1...numbers.count))
    }

    @Test("cell columns are the templates' value columns")
    func cellColumns() throws {
        let report = try Self.loadReport()
        let allowed: [String: [String]] = [
            "phu-luc": ["kh_nam", "th_nam", "ss_th_kh", "mt_nam_sau"],
            "bieu-01": ["mt_nq", "kh_nam", "th_nam", "kh_nam_sau", "th_gd", "uoc_th_gd", "ss_th_kh", "ss_gd_nq", "ss_uoc_nq"],
            "bieu-02": ["chi_tieu", "luy_ke", "ty_le", "danh_gia"],
        ]
        for table in report.tables {
            let order = try #require(allowed[table.id])
            for r in table.rows {
                let columns = r.cells.columns
                // Known columns only, in template order.
                let positions = columns.compactMap { order.firstIndex(of: $0) }
                #expect(positions.count == columns.count, "\(table.id)/\(r.id): \(columns)")
                #expect(positions == positions.sorted(), "\(table.id)/\(r.id): \(columns)")
            }
        }
    }

    @Test("hierarchy follows the row kinds")
    func hierarchy() throws {
        let report = try Self.loadReport()
        func parent(_ tableID: String, _ rowID: String) throws -> String? {
            let table = try Self.table(report, tableID)
            let index = try #require(table.rows.firstIndex { $0.id == rowID })
            return table.parentIDs()[index]
        }
        #expect(try parent("bieu-01", "b01-001") == "b01-a")
        #expect(try parent("bieu-01", "b01-003") == "b01-002")   // Tổng sản lượng lương thực under its group
        #expect(try parent("bieu-01", "b01-005") == "b01-004")   // Trong đó: Diện tích trồng mới
        #expect(try parent("bieu-01", "b01-026") == "b01-c")
        #expect(try parent("bieu-02", "b02-013") == "b02-012")   // under "1 Ban chấp hành"
        #expect(try parent("bieu-02", "b02-012") == "b02-iv")
        #expect(try parent("bieu-02", "b02-018") == "b02-017")   // Trong đó: … under Hoàn thành NV
        #expect(try parent("bieu-02", "b02-082") == "b02-ix")    // bullet under Nghị quyết 17
        #expect(try parent("phu-luc", "pl-002") == nil)
    }

    // MARK: - Spot checks against the seed

    @Test("Phụ lục cells as printed (seed l. 397–435)")
    func phuLucCells() throws {
        let t = try Self.table(try Self.loadReport(), "phu-luc")
        let first = try Self.row(t, "pl-001")                                   // l. 397
        #expect(first.stt == "1" && first.name == "Thu nhập bình quân đầu người năm" && first.unit == "Triệu đồng")
        #expect(first.cells.columns == ["kh_nam", "th_nam", "ss_th_kh", "mt_nam_sau"])
        #expect(first.cells.map { $0.cell.text } == ["46", "46", "100", "50"])

        let c1 = try Self.cell(t, "pl-002", "th_nam")                          // l. 398: 48.1
        #expect(c1.text == "48.1" && c1.value == .number(Self.dec("48.1")))
        let c2 = try Self.cell(t, "pl-003", "th_nam")                          // l. 399: 41.160, decided
        #expect(c2.text == "41.160" && c2.value == .number(41160))
        let c3 = try Self.cell(t, "pl-003", "ss_th_kh")                        // l. 399: 100.1
        #expect(c3.text == "100.1" && c3.value == .number(Self.dec("100.1")))
        #expect(try Self.row(t, "pl-004").unit == "Ha")                         // l. 400: `Hà` corrected
        let c4 = try Self.cell(t, "pl-008", "kh_nam")                          // l. 404: 16/19
        #expect(c4.text == "16/19" && c4.value == .ratio(numerator: 16, denominator: 19, unit: nil))
        let c5 = try Self.cell(t, "pl-009", "mt_nam_sau")                      // l. 405: đạt
        #expect(c5.text == "đạt" && c5.value == .status(.met))
        let c6 = try Self.cell(t, "pl-013", "mt_nam_sau")                      // l. 409: 600.000 visitors
        #expect(c6.text == "600.000" && c6.value == .number(600000))
        let r20 = try Self.row(t, "pl-020")                                     // l. 416: %o, 0.5
        #expect(r20.unit == "%o" && r20.cells["kh_nam"]?.value == .number(Self.dec("0.5")))
        let c7 = try Self.cell(t, "pl-022", "kh_nam")                          // l. 418: 16.90 keeps its zero in the text
        #expect(c7.text == "16.90" && c7.value == .number(Self.dec("16.9")))
        let c8 = try Self.cell(t, "pl-029", "th_nam")                          // l. 425: 2.412 people
        #expect(c8.text == "2.412" && c8.value == .number(2412))
        let c9 = try Self.cell(t, "pl-034", "mt_nam_sau")                      // l. 430
        #expect(c9.text == "90 (trên 3% trở lên)" && c9.value == .quantity(90, unit: "(trên 3% trở lên)"))
        let c10 = try Self.cell(t, "pl-035", "kh_nam")                         // l. 431: >90
        #expect(c10.text == ">90" && c10.value == .bound(relation: .greater, value: 90, unit: nil))
        let c11 = try Self.cell(t, "pl-039", "ss_th_kh")                       // l. 435: HTTNV
        #expect(c11.text == "HTTNV" && c11.value == .status(.completedWell))
        let c12 = try Self.cell(t, "pl-034", "ss_th_kh")                       // l. 430: printed ratio kept (90/85 = 105.9)
        #expect(c12.text == "105.8" && c12.value == .number(Self.dec("105.8")))
    }

    @Test("Biểu 01 cells as printed (seed l. 445–486)")
    func bieu01Cells() throws {
        let t = try Self.table(try Self.loadReport(), "bieu-01")
        let a = try Self.row(t, "b01-a")                                        // l. 445
        #expect(a.kind == .section && a.stt == "A" && a.name == "CHỈ TIÊU KINH TẾ" && a.cells.isEmpty)
        let first = try Self.row(t, "b01-001")                                  // l. 446
        #expect(first.name == "Thu nhập bình quân đầu người/năm")
        #expect(first.cells.map { $0.cell.text } == ["50", "46", "46", "50", "46", "50", "100.0", "92.0", "100"])
        #expect(first.cells["ss_gd_nq"]?.value == .number(92))

        let food = try Self.row(t, "b01-003")                                   // l. 447 + 449
        #expect(food.name == "Tổng sản lượng lương thực" && food.unit == "Tấn")
        #expect(food.cells["mt_nq"] == Cell(text: "39,500", value: .number(39500)))
        #expect(food.cells["uoc_th_gd"]?.value == .number(40820))
        #expect(food.cells["ss_th_kh"]?.text == "100.1")
        #expect(food.cells["ss_gd_nq"] == nil && food.cells["ss_uoc_nq"] == nil)

        let c1 = try Self.cell(t, "b01-004", "kh_nam")                          // l. 450: 2,202.34
        #expect(c1.text == "2,202.34" && c1.value == .number(Self.dec("2202.34")))
        let c2 = try Self.cell(t, "b01-004", "mt_nq")                           // l. 450: 2,200 ha, decided
        #expect(c2.text == "2,200" && c2.value == .number(2200))
        let sub = try Self.row(t, "b01-005")                                    // l. 451
        #expect(sub.kind == .subIndicator && sub.name == "Trong đó: Diện tích trồng mới")
        #expect(sub.cells["th_gd"]?.value == .number(Self.dec("386.28")))
        let c3 = try Self.cell(t, "b01-006", "mt_nq")                           // l. 452: printed 90.5 kept
        #expect(c3.text == "90.5")
        let c4 = try Self.cell(t, "b01-007", "mt_nq")                           // l. 453: 5-6
        #expect(c4.text == "5-6" && c4.value == .range(low: 5, high: 6, unit: nil))
        let c5 = try Self.cell(t, "b01-013", "th_nam")                          // l. 460: 500,000.0
        #expect(c5.text == "500,000.0" && c5.value == .number(500000))
        let c6 = try Self.cell(t, "b01-013", "mt_nq")                           // l. 460: 600,000, decided
        #expect(c6.text == "600,000" && c6.value == .number(600000))
        #expect(try Self.row(t, "b01-015").kind == .group)                      // l. 462: Hạ tầng nông thôn
        let c = try Self.row(t, "b01-c")                                        // l. 482
        #expect(c.kind == .section && c.name == "CHỈ TIÊU XÂY DỰNG ĐẢNG, HỆ THỐNG CHÍNH TRỊ")
        let party = try Self.row(t, "b01-026")                                  // l. 482, KH 2025 not in the seed
        #expect(party.name == "Kết nạp đảng viên mới" && party.unit == "Đảng viên")
        #expect(party.cells["kh_nam_sau"] == nil)
        #expect(party.cells.map { $0.cell.text } == ["70", "85", "90", "81.5", "81.5", "105.9", "116.4", "116.4"])
    }

    @Test("Biểu 02 cells as printed (seed l. 498–656)")
    func bieu02Cells() throws {
        let t = try Self.table(try Self.loadReport(), "bieu-02")
        let sections = t.rows.filter { $0.kind == .section }.map(\.stt)
        #expect(sections == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"])

        let c1 = try Self.cell(t, "b02-003", "ty_le")                          // l. 506: 250%
        #expect(c1.text == "250%" && c1.value == .percent(250))
        #expect(try Self.cell(t, "b02-003", "danh_gia").value == .status(.exceeded))
        let c2 = try Self.cell(t, "b02-005", "ty_le")                          // l. 508: 1.1
        #expect(c2.text == "1.1" && c2.value == .number(Self.dec("1.1")))
        let c3 = try Self.cell(t, "b02-009", "ty_le")                          // l. 512: 33.33%
        #expect(c3.text == "33.33%" && c3.value == .percent(Self.dec("33.33")))
        let c4 = try Self.cell(t, "b02-011", "chi_tieu")                       // l. 514: 1022
        #expect(c4.text == "1022" && c4.value == .number(1022))
        let c5 = try Self.cell(t, "b02-013", "luy_ke")                         // l. 525: 31,4
        #expect(c5.text == "31,4" && c5.value == .number(Self.dec("31.4")))
        #expect(try Self.row(t, "b02-018").kind == .subIndicator)              // l. 530: Trong đó: …
        let c6 = try Self.cell(t, "b02-046", "ty_le")                          // l. 566: 123,8 (printed; 90/80 = 112.5)
        #expect(c6.text == "123,8" && c6.value == .number(Self.dec("123.8")))
        let c7 = try Self.cell(t, "b02-064", "luy_ke")                         // l. 590
        #expect(c7.text == "Chưa triển khai" && c7.value == .text("Chưa triển khai"))
        let r80 = try Self.row(t, "b02-080")                                    // l. 614: assessment moved out of the ratio column
        #expect(r80.stt == "7" && r80.cells["ty_le"] == nil && r80.cells["danh_gia"]?.value == .status(.met))
        let c8 = try Self.cell(t, "b02-083", "luy_ke")                         // l. 618
        #expect(c8.text.hasPrefix("Đến 2025: 17.18/20 ha, đạt 85,9%") && c8.value.typeName == "text")
        let c9 = try Self.cell(t, "b02-095", "chi_tieu")                       // l. 648: 6-App stays text
        #expect(c9.text == "6-App" && c9.value == .text("6-App"))
        let iii = try Self.row(t, "b02-iii")                                    // l. 519: paragraphs and m²
        let targets = try #require(iii.cells["chi_tieu"]).text
        #expect(targets.split(separator: "\n").count == 3)
        #expect(targets.contains("14.913 m²."))
        let xi = try Self.row(t, "b02-xi")                                      // l. 635–636
        #expect(xi.cells.columns == ["chi_tieu", "luy_ke", "ty_le", "danh_gia"])
        #expect(xi.cells["luy_ke"]?.text.hasPrefix("- Vùng Mắc ca:") == true)
        let r92 = try Self.row(t, "b02-092")                                    // l. 643: STT I → 1, unit as printed
        #expect(r92.stt == "1" && r92.unit == "80" && r92.cells["danh_gia"]?.text == "Đạt")
    }
}
