import BieuCore
import Foundation
import Testing
@testable import BieuModel

/// Every value form of docs/MODEL.md and DOMAIN.md, with the exact reading.
@Suite("Value parser: the forms people write")
struct ValueParserFormTests {
    static let plainNumbers: [(String, CellValue)] = [
        ("46", num("46")),
        ("0", num("0")),
        ("31,4", num("31.4")),
        ("48.1", num("48.1")),
        ("51.82", num("51.82")),
        ("2,202.34", num("2202.34")),
        ("1.234,5", num("1234.5")),
        ("1,234,567", num("1234567")),
        ("1.234.567", num("1234567")),
        ("1.234.567,89", num("1234567.89")),
        ("41 160", num("41160")),
        ("1 234 567,5", num("1234567.5")),
        ("0.500", num("0.5")),
        ("0,500", num("0.5")),
        ("16.90", num("16.9")),
        ("1022.500", num("1022.5")),
        ("1022", num("1022")),
        ("41,160.0", num("41160")),
        ("12.1", num("12.1")),
        (",5", num("0.5")),
        ("99999999999999999999999999999999999999", num("99999999999999999999999999999999999999")),
    ]

    static let signs: [(String, CellValue)] = [
        ("-5", num("-5")),
        ("−3,5", num("-3.5")),   // U+2212 MINUS SIGN
        ("+2", num("2")),
        ("-0,25", num("-0.25")),
        ("-5%", pct("-5")),
        ("-1.234,5 tỷ đồng", qty("-1234.5", "tỷ đồng")),
    ]

    static let percents: [(String, CellValue)] = [
        ("29,2%", pct("29.2")),
        ("101.13%", pct("101.13")),
        ("100 %", pct("100")),
        ("100%", pct("100")),
        ("33.33%", pct("33.33")),
    ]

    static let perMilleForms: [(String, CellValue)] = [
        ("0,5‰", pm("0.5")),
        ("0,5 ‰", pm("0.5")),
        ("12%o", pm("12")),
        ("12 %o", pm("12")),
        ("21,5 0/00", pm("21.5")),   // ‰ typed as 0/00
        ("21,50/00", pm("21.5")),    // the same with the space lost (seed 004, line 170)
    ]

    static let ratios: [(String, CellValue)] = [
        ("16/19", ratio("16", "19")),
        ("6 / 9", ratio("6", "9")),
        ("113/118 bản có điện", ratio("113", "118", "bản có điện")),
        ("17.18/20 ha", ratio("17.18", "20", "ha")),
        ("16/19 tiêu chí", ratio("16", "19", "tiêu chí")),
    ]

    static let ranges: [(String, CellValue)] = [
        ("5-6", range("5", "6")),
        ("5 - 6", range("5", "6")),
        ("5–6", range("5", "6")),      // en dash
        ("2-4 năm", range("2", "4", "năm")),
        ("5-6%", range("5", "6", "%")),
        ("2021 - 2025", range("2021", "2025")),
    ]

    static let bounds: [(String, CellValue)] = [
        (">90", bound(.greater, "90")),
        (">75", bound(.greater, "75")),
        ("≥ 75%", bound(.greaterOrEqual, "75", "%")),
        (">=90", bound(.greaterOrEqual, "90")),
        ("=>5", bound(.greaterOrEqual, "5")),
        ("<5", bound(.less, "5")),
        ("≤5", bound(.lessOrEqual, "5")),
        ("<= 5", bound(.lessOrEqual, "5")),
        ("Trên 5%/năm", bound(.greater, "5", "%/năm")),
        ("TRÊN 5%", bound(.greater, "5", "%")),
        ("dưới 10", bound(.less, "10")),
        ("Dưới 5 tuổi", bound(.less, "5", "tuổi")),
        ("tối thiểu 5", bound(.greaterOrEqual, "5")),
        ("tối đa 3 lần", bound(.lessOrEqual, "3", "lần")),
        ("ít nhất 85%", bound(.greaterOrEqual, "85", "%")),
        ("không quá 5", bound(.lessOrEqual, "5")),
        ("từ 5 trở lên", bound(.greaterOrEqual, "5")),
        ("Từ 5 trở lên", bound(.greaterOrEqual, "5")),
        ("5% trở lên", bound(.greaterOrEqual, "5", "%")),
        ("10 trở xuống", bound(.lessOrEqual, "10")),
        (">-5", bound(.greater, "-5")),
    ]

    static let quantities: [(String, CellValue)] = [
        ("16 tỷ đồng", qty("16", "tỷ đồng")),
        ("15,6 tiêu chí/xã", qty("15.6", "tiêu chí/xã")),
        ("90 (trên 3% trở lên)", qty("90", "(trên 3% trở lên)")),
        ("20%/năm", qty("20", "%/năm")),
        ("100% KH", qty("100", "% KH")),
        ("186,4 Tỷ đồng", qty("186.4", "Tỷ đồng")),
    ]

    static let statuses: [(String, CellValue)] = [
        ("HTTNV", .status(.completedWell)),
        ("httnv", .status(.completedWell)),
        ("HTXSNV", .status(.completedExcellently)),
        ("HTNV", .status(.completed)),
        ("KHTNV", .status(.notCompleted)),
        ("Đạt", .status(.met)),
        ("đạt", .status(.met)),
        ("ĐẠT", .status(.met)),
        ("Dat", .status(.met)),
        ("Vượt", .status(.exceeded)),
        ("vuot", .status(.exceeded)),
        ("Chưa đạt", .status(.notMet)),
        ("chua dat", .status(.notMet)),
        ("Chưa Đạt.", .status(.notMet)),
        ("Không đạt", .status(.failed)),
        ("Không đạt chỉ tiêu NQ", .status(.failed)),
        ("Đạt 99% chỉ tiêu NQ", .status(.met)),
        ("Đạt 100% NQ", .status(.met)),
        ("Vượt 5%", .status(.exceeded)),
        ("Hoàn thành xuất sắc nhiệm vụ", .status(.completedExcellently)),
        ("Hoàn thành tốt nhiệm vụ", .status(.completedWell)),
        ("Hoàn thành nhiệm vụ", .status(.completed)),
        ("Không hoàn thành nhiệm vụ", .status(.notCompleted)),
        ("hoan thanh tot nhiem vu", .status(.completedWell)),
    ]

    /// Free text: read as text, keeping the raw text exactly.
    static let texts: [String] = [
        "Tổng doanh thu ngành du lịch giai đoạn 2021 - 2025 đạt 1.022 tỷ đồng",
        "Thực hiện bảo tồn và duy trì ít nhất 01 di sản văn hóa như Lễ hội truyền thống",
        "05/12/2024",
        "6-App",
        "Chưa triển khai",
        "-",
        "%",
        "%o",
        "Xã",
        "IV",
        "1.2.1",
        "<b>A</b>",
        "Đến 2030: 700 ha; đến 2025: 1.000 ha",
        "3 (Thực hiện đề án đến 2024-2026 từ 2-4 năm nữa)",
        // The status words fold like these, but they are different words:
        "Đất nông nghiệp",          // land, not "Đạt"
        "Đất sản xuất 5 ha",
        "Vuốt ve",                  // to stroke, not "Vượt"
        // A bound word followed by a sentence is a sentence.
        "Trên 60% bộ phận thường trực của huyện",
        "Trên 5 6",
        // Signs after the operator: no range or ratio.
        "5-−6", "5-+6", "5/-6", "−5-6", "-5-6", "5--6",
        // Scientific notation is not a number with unit "E-05".
        "1E-05", "1e3", ">1e3",
        // More digits than Decimal holds exactly: kept as text, never rounded.
        "12345678901234567890123456789012345678901234567890",
        "999999999999999999999999999999999999999",
        "1.", "1,2,3", "12 34", "5-", "trên", "> ",
        // A unit never spans lines.
        "5 ha\r\nghi chú", "16 tỷ đồng\nkhác",
    ]

    static let empties: [String] = ["", " ", "   ", "\t\n", "\u{00A0}", "\r\n "]

    /// Every value form with its expected reading: plain numbers in both conventions, signs,
    /// percentages, per mille, ratios, ranges, bounds, quantities, statuses.
    static let valueForms = plainNumbers + signs + percents + perMilleForms + ratios + ranges + bounds + quantities + statuses

    @Test("every value form reads as expected", arguments: valueForms)
    func valueForm(_ text: String, _ expected: CellValue) { check(text, expected) }

    @Test("free text stays text, raw", arguments: texts)
    func text(_ text: String) { check(text, .text(text)) }

    @Test("empty and whitespace", arguments: empties)
    func empty(_ text: String) { check(text, .empty) }

    @Test("surrounding whitespace does not change the reading")
    func trimmed() {
        check(" 41.160 ", amb(num("41160"), num("41.16")))
        check("\t29,2%\n", pct("29.2"))
        check("\u{00A0}Đạt ", .status(.met))
    }

    @Test("a text longer than the interpretation limit is text, even if it starts like a status")
    func longTextIsText() {
        let long = "Đạt " + String(repeating: "x", count: ValueParser.maxInterpretedLength)
        check(long, .text(long))
        let number = String(repeating: "1", count: ValueParser.maxInterpretedLength + 1)
        check(number, .text(number))
    }

    @Test("NFD input reads like NFC input and the cell keeps NFC text")
    func nfdInput() {
        let nfd = "Chưa đạt".decomposedStringWithCanonicalMapping
        #expect(!isNFC(nfd))
        let cell = Cell(nfd)
        #expect(sameBytes(cell.text, "Chưa đạt"))
        #expect(cell.value == .status(.notMet))
        let unitCell = Cell("113/118 bản có điện".decomposedStringWithCanonicalMapping)
        #expect(unitCell.value == ratio("113", "118", "bản có điện"))
        for s in strings(in: unitCell.value) { #expect(isNFC(s)) }
    }

    private func check(_ text: String, _ expected: CellValue, sourceLocation: SourceLocation = #_sourceLocation) {
        let got = ValueParser.parse(text)
        #expect(got == expected, "\"\(text)\" read as \(describe(got)), expected \(describe(expected))", sourceLocation: sourceLocation)
    }
}

@Suite("Value parser: ambiguity")
struct AmbiguityTests {
    /// Grouping reading first, then the decimal-point reading.
    static let ambiguous: [(String, CellValue)] = [
        ("1.022", amb(num("1022"), num("1.022"))),
        ("41.160", amb(num("41160"), num("41.16"))),
        ("41.100", amb(num("41100"), num("41.1"))),
        ("600,000", amb(num("600000"), num("600"))),
        ("500.000", amb(num("500000"), num("500"))),
        ("-1.022", amb(num("-1022"), num("-1.022"))),
        ("1.000/2.000", amb(ratio("1000", "2000"), ratio("1", "2"))),
        ("1.022-2.000", amb(range("1022", "2000"), range("1.022", "2"))),
        ("600,000/700,000", amb(ratio("600000", "700000"), ratio("600", "700"))),
        // Different separators: the same separator means the same thing in both numbers.
        ("95.919-676,473 tỷ đồng", amb(range("95919", "676.473", "tỷ đồng"), range("95.919", "676473", "tỷ đồng"))),
        ("-9,816/2.839", amb(ratio("-9816", "2.839"), ratio("-9.816", "2839"))),
        ("2.815 ha", amb(qty("2815", "ha"), qty("2.815", "ha"))),
        ("1.022 tỷ đồng", amb(qty("1022", "tỷ đồng"), qty("1.022", "tỷ đồng"))),
        ("29.200%", amb(pct("29200"), pct("29.2"))),
        (">1.500", amb(bound(.greater, "1500"), bound(.greater, "1.5"))),
    ]

    /// One separator but not followed by exactly three digits after one to
    /// three non-zero-led digits: never ambiguous.
    static let notAmbiguous: [(String, CellValue)] = [
        ("0.500", num("0.5")),
        ("16.90", num("16.9")),
        ("1022.500", num("1022.5")),
        ("2,202.34", num("2202.34")),
        ("1.234.567", num("1234567")),
        ("1.234,5", num("1234.5")),
        ("48.1", num("48.1")),
        ("31,4", num("31.4")),
        ("41 160", num("41160")),
    ]

    /// One number pins the convention, so the other's separator is decided.
    static let pinned: [(String, CellValue)] = [
        ("1,5/2.000", ratio("1.5", "2000")),          // comma decimal → dot groups
        ("1.5-2.000", range("1.5", "2")),             // dot decimal → dot is decimal
        ("48.1/1,022", ratio("48.1", "1022")),        // dot decimal → comma groups
        ("1.234,5-2.000", range("1234.5", "2000")),
        ("2,202.34/3.000", ratio("2202.34", "3")),
    ]

    @Test("a number that pins the convention decides the other", arguments: pinned)
    func pinnedReading(_ text: String, _ expected: CellValue) {
        let got = ValueParser.parse(text)
        #expect(got == expected, "\"\(text)\" read as \(describe(got))")
    }

    @Test("ambiguous texts keep both readings, grouping first", arguments: ambiguous)
    func ambiguousReading(_ text: String, _ expected: CellValue) {
        let got = ValueParser.parse(text)
        #expect(got == expected, "\"\(text)\" read as \(describe(got))")
        #expect(got.isAmbiguous)
        #expect(got.numericValue == nil)
    }

    @Test("texts that look close but are not ambiguous", arguments: notAmbiguous)
    func notAmbiguousReading(_ text: String, _ expected: CellValue) {
        let got = ValueParser.parse(text)
        #expect(got == expected, "\"\(text)\" read as \(describe(got))")
        #expect(!got.isAmbiguous)
    }

    @Test("a person's choice of candidate is kept; other values are refused")
    func resolving() throws {
        var cell = Cell("41.160")
        #expect(cell.value == amb(num("41160"), num("41.16")))
        let wrong = cell.resolve(to: num("4116"))
        #expect(!wrong)
        #expect(cell.value.isAmbiguous)
        let right = cell.resolve(to: num("41.16"))
        #expect(right)
        #expect(cell.value == num("41.16"))
        #expect(sameBytes(cell.text, "41.160"))
        // Once decided, it is no longer ambiguous and cannot be re-resolved.
        let again = cell.resolve(to: num("41160"))
        #expect(!again)
        let chosen = try #require(Cell(text: "41.160", value: num("41160")))
        #expect(chosen.value == num("41160"))
        #expect(Cell(text: "41.160", value: num("41.160")) != nil)   // 41.160 == 41.16
        #expect(Cell(text: "41.160", value: num("41")) == nil)
        #expect(Cell(text: "46", value: num("47")) == nil)
        #expect(Cell(text: "Đạt", value: .status(.exceeded)) == nil)
    }
}

@Suite("NumberReading")
struct NumberReadingTests {
    static let exact: [(String, String)] = [
        ("0", "0"), ("-0", "0"), ("007", "7"), ("1.5", "1.5"), ("1,5", "1.5"), (".5", "0.5"),
        ("1.234.567", "1234567"), ("1,234,567.25", "1234567.25"), ("1.234.567,25", "1234567.25"),
        ("41 160", "41160"), ("1 234 567,5", "1234567.5"), ("0.001", "0.001"), ("1234.567", "1234.567"),
        ("−2", "-2"), ("+2", "2"),
    ]
    static let invalid: [String] = ["", "-", "+", "1.", "1,", "1..2", "1.2.3", "1,2,3", "1.23.456", "12 34", "1  234",
                                    "1.234,5,6", "1,234.5.6", "0.123.456", "a", "1a", "1 234 56", "1e3", "١٢٣",
                                    "12345678901234567890123456789012345678901234567890", "0.123456789012345678901234567890123456789012"]

    @Test("exact readings", arguments: exact)
    func exactReading(_ token: String, _ value: String) {
        #expect(NumberReading.read(token) == .exact(dec(value)), "\(token)")
    }

    @Test("ambiguous reading of one separator and three digits")
    func ambiguous() {
        #expect(NumberReading.read("1.022") == .ambiguous(thousands: dec("1022"), decimal: dec("1.022")))
        #expect(NumberReading.read("600,000") == .ambiguous(thousands: dec("600000"), decimal: dec("600")))
        #expect(NumberReading.read("−41.160") == .ambiguous(thousands: dec("-41160"), decimal: dec("-41.16")))
    }

    @Test("not numbers", arguments: invalid)
    func notANumber(_ token: String) {
        #expect(NumberReading.read(token) == nil, "\(token)")
    }

    @Test("what Decimal holds is read exactly; more digits are refused rather than rounded")
    func precisionLimit() {
        let d38 = "12345678901234567890123456789012345678"
        #expect(NumberReading.read(d38) == .exact(dec(d38)))
        #expect(NumberReading.read(d38 + "99") == nil)
        #expect(NumberReading.read(String(repeating: "9", count: 39)) == nil)   // above 2^128
        #expect(NumberReading.read("1" + String(repeating: "0", count: 60)) == .exact(dec("1e60")))
        #expect(NumberReading.read("0.0000000000000000000000000000000000000001") == .exact(dec("1e-40")))
    }
}
