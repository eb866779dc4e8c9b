import BieuCore
import Foundation
import Testing
@testable import BieuModel

/// The parser over every cell of the annex tables in the seed documents
/// (Fixtures/seed-annex-lines.tsv, copied from seed 001).
@Suite("Value parser over the seed annex tables")
struct SeedCellsTests {
    @Test("every seed cell parses without trouble, and cell text and value strings are NFC")
    func everyCell() throws {
        let cells = try seedCells()
        #expect(cells.count > 1_000, "the fixture should hold the whole annex (\(cells.count) cells)")
        for (line, column, text) in cells {
            let cell = Cell(text)
            #expect(sameBytes(cell.text, text.precomposedStringWithCanonicalMapping), "line \(line) column \(column)")
            #expect(isNFC(cell.text))
            for s in strings(in: cell.value) {
                #expect(isNFC(s), "line \(line) column \(column): \(describe(cell.value)) holds a non-NFC string")
            }
            // Every reading is consistent with the text it came from.
            #expect(Cell(text: text, value: cell.value) != nil, "line \(line) column \(column)")
            // Ambiguous readings always offer grouping first, decimal second, and differ.
            if case .ambiguous(let c) = cell.value {
                #expect(c.count == 2 && c[0] != c[1], "line \(line): \(describe(cell.value))")
            }
            // Long cells (Biểu 02 sentences) are text.
            if text.count > 80 {
                #expect(cell.value == .text(text.precomposedStringWithCanonicalMapping), "line \(line): long cell read as \(describe(cell.value))")
            }
        }
    }

    /// Curated seed texts and how a Vietnamese reader understands them.
    static let curated: [(String, CellValue)] = [
        // Phụ lục (seed lines 396-435): Vietnamese thousands dots and English decimal points side by side.
        ("46", num("46")),
        ("48.1", num("48.1")),
        ("41.100", amb(num("41100"), num("41.1"))),
        ("41.160", amb(num("41160"), num("41.16"))),
        ("40.620", amb(num("40620"), num("40.62"))),
        ("100.1", num("100.1")),
        ("128.6", num("128.6")),
        ("51.82", num("51.82")),
        ("16/19", ratio("16", "19")),
        ("6/9", ratio("6", "9")),
        ("đạt", .status(.met)),
        ("500.000", amb(num("500000"), num("500"))),
        ("600.000", amb(num("600000"), num("600"))),
        ("186.4", num("186.4")),
        ("16.90", num("16.9")),
        ("14.98", num("14.98")),
        ("22.50", num("22.5")),
        ("6.00", num("6")),
        ("1.320", amb(num("1320"), num("1.32"))),
        ("2.412", amb(num("2412"), num("2.412"))),
        ("1.140", amb(num("1140"), num("1.14"))),
        ("60.27", num("60.27")),
        ("90 (trên 3% trở lên)", qty("90", "(trên 3% trở lên)")),
        (">90", bound(.greater, "90")),
        (">75", bound(.greater, "75")),
        ("HTTNV", .status(.completedWell)),
        ("%o", .text("%o")),
        ("Triệu đồng", .text("Triệu đồng")),
        // Biểu 01 (lines 443-486): English grouping after copy-paste.
        ("39,500", amb(num("39500"), num("39.5"))),
        ("41,100", amb(num("41100"), num("41.1"))),
        ("40,620.0", num("40620")),
        ("41,160.0", num("41160")),
        ("2,200", amb(num("2200"), num("2.2"))),
        ("2,202.34", num("2202.34")),
        ("2,222.34", num("2222.34")),
        ("70.00", num("70")),
        ("386.28", num("386.28")),
        ("5-6", range("5", "6")),
        ("6.10", num("6.1")),
        ("600,000", amb(num("600000"), num("600"))),
        ("500,000.0", num("500000")),
        ("100.0", num("100")),
        ("<b>A</b>", .text("<b>A</b>")),
        ("Trong đó: Diện tích trồng mới", .text("Trong đó: Diện tích trồng mới")),
        // Biểu 02 (lines 497-656): decimal commas, percentages, assessments.
        ("31,4", num("31.4")),
        ("81,8", num("81.8")),
        ("123,8", num("123.8")),
        ("28,0", num("28")),
        ("99,03", num("99.03")),
        ("100%", pct("100")),
        ("250%", pct("250")),
        ("33.33%", pct("33.33")),
        ("49.9%", pct("49.9")),
        ("1.1", num("1.1")),
        ("1022", num("1022")),
        ("Đạt", .status(.met)),
        ("Vượt", .status(.exceeded)),
        ("Chưa đạt", .status(.notMet)),
        ("Đạt 100% NQ", .status(.met)),
        ("Chưa triển khai", .text("Chưa triển khai")),
        ("6-App", .text("6-App")),
        ("3 (Thực hiện đề án đến 2024-2026 từ 2-4 năm nữa)", .text("3 (Thực hiện đề án đến 2024-2026 từ 2-4 năm nữa)")),
        ("-", .text("-")),
        ("Đến 2030: 05 sản phẩm", .text("Đến 2030: 05 sản phẩm")),
        ("Lãnh đạo HONDI-UBND", .text("Lãnh đạo HONDI-UBND")),
        ("Huyện đạt nông thôn mới", .text("Huyện đạt nông thôn mới")),
        ("", .empty),
    ]

    @Test("curated seed texts read as a Vietnamese reader means them")
    func curatedReadings() throws {
        let present = Set(try seedCells().map(\.text))
        for (text, expected) in Self.curated {
            #expect(present.contains(text), "\"\(text)\" is not a cell of the seed fixture")
            let got = ValueParser.parse(text)
            #expect(got == expected, "\"\(text)\" read as \(describe(got)), expected \(describe(expected))")
        }
        #expect(Self.curated.count >= 60)
    }
}
