import Foundation
import Testing
@testable import BieuModel
import BieuTestSupport

@Suite("Decimal formatting and rounding")
struct DecimalFormattingTests {
    /// Half away from zero, like Excel's ROUND — on exact decimals, so 1.005 is really 1.005.
    static let rounding: [(String, Int, String)] = [
        ("2.5", 0, "3"), ("-2.5", 0, "-3"), ("3.5", 0, "4"), ("-3.5", 0, "-4"),
        ("2.45", 1, "2.5"), ("-2.45", 1, "-2.5"), ("2.44", 1, "2.4"), ("-2.44", 1, "-2.4"),
        ("1.005", 2, "1.01"), ("0.05", 1, "0.1"), ("0.5", 0, "1"), ("-0.5", 0, "-1"), ("0.4", 0, "0"),
        ("12345.6789", 2, "12345.68"), ("99.95", 1, "100"), ("100.1", 1, "100.1"), ("7", 3, "7"),
        ("15", -1, "20"), ("-15", -1, "-20"), ("1234", -2, "1200"),
        ("99999999999999999999999999999999999.5", 0, "100000000000000000000000000000000000"),
    ]

    @Test("rounded: half away from zero", arguments: rounding)
    func rounded(_ value: String, _ scale: Int, _ expected: String) {
        #expect(DecimalFormatting.rounded(dec(value), scale: scale) == dec(expected), "ROUND(\(value); \(scale))")
    }

    static let vietnamese: [(String, Int?, String)] = [
        ("41160", nil, "41.160"), ("31.4", nil, "31,4"), ("2202.34", nil, "2.202,34"), ("1234567.891", nil, "1.234.567,891"),
        ("-1234.5", nil, "-1.234,5"), ("999", nil, "999"), ("1000", nil, "1.000"), ("-999", nil, "-999"), ("-1000", nil, "-1.000"),
        ("0", nil, "0"), ("0", 2, "0,00"), ("-0.001", 2, "0,00"), ("-0.004", 2, "0,00"), ("-0.005", 2, "-0,01"),
        ("-0.4", 0, "0"), ("100", 1, "100,0"), ("99.95", 1, "100,0"), ("999.95", 1, "1.000,0"), ("29.2", 1, "29,2"),
        ("101.125", 2, "101,13"), ("0.5", 3, "0,500"), ("46", 0, "46"),
        ("12345678901234567890123456789012345678", nil, "12.345.678.901.234.567.890.123.456.789.012.345.678"),
        ("0.00000000000000000001", nil, "0,00000000000000000001"),
        ("1234", -2, "1.200"),
    ]

    @Test("Vietnamese style", arguments: vietnamese)
    func vietnameseStyle(_ value: String, _ decimals: Int?, _ expected: String) {
        #expect(DecimalFormatting.vietnamese(dec(value), decimals: decimals) == expected)
    }

    @Test("plain and English styles")
    func otherStyles() {
        #expect(DecimalFormatting.format(dec("41160.5"), decimals: nil, groupSeparator: nil, decimalSeparator: ".") == "41160.5")
        #expect(DecimalFormatting.format(dec("2202.345"), decimals: 2, groupSeparator: ",", decimalSeparator: ".") == "2,202.35")
        #expect(DecimalFormatting.format(dec("-0.0001"), decimals: 1, groupSeparator: ",", decimalSeparator: ".") == "0.0")
        #expect(DecimalFormatting.plain(dec("1e30")) == "1000000000000000000000000000000")
        #expect(DecimalFormatting.plain(dec("1e-30")) == "0.000000000000000000000000000001")
        #expect(DecimalFormatting.plain(dec("-0.5")) == "-0.5")
        #expect(DecimalFormatting.plain(dec("48.10")) == "48.1")
    }

    @Test("-0 is never printed")
    func noNegativeZero() {
        for value in ["-0", "-0.0", "-0.00001", "-0.0049"] {
            for decimals in [nil, 0, 1, 2] as [Int?] {
                for text in [DecimalFormatting.vietnamese(dec(value), decimals: decimals),
                             DecimalFormatting.format(dec(value), decimals: decimals, groupSeparator: nil, decimalSeparator: ".")]
                where DecimalFormatting.rounded(dec(value), scale: decimals ?? 10) == 0 {
                    #expect(!text.hasPrefix("-"), "\(value) with \(String(describing: decimals)) decimals printed \(text)")
                }
            }
        }
    }

    @Test("scale of a stored value")
    func scale() {
        #expect(DecimalFormatting.scale(of: dec("41.16")) == 2)
        #expect(DecimalFormatting.scale(of: dec("100")) == 0)
        #expect(DecimalFormatting.scale(of: dec("0.001")) == 3)
    }
}

@Suite("Decimal text from sign, mantissa and exponent")
struct DecimalDigitsTests {
    /// Decimals built the ways bieu builds them — parsed, multiplied, divided, rounded —
    /// plus mantissas wider than 64 bits.
    static func samples(seed: UInt64, count: Int) -> [Decimal] {
        var rng = SeededRandom(seed: seed)
        var out: [Decimal] = [0, -1, 1, Decimal(string: "0.000")!, Decimal(string: "-0.25")!, Decimal(string: "41.160")!,
                              Decimal(string: "18446744073709551615")!, Decimal(string: "18446744073709551616")!,
                              Decimal(string: "1e-30")!, Decimal(string: "123e20")!, .nan]
        for _ in 0..<count {
            let m = rng.next() >> UInt64.random(in: 0...63, using: &rng)
            let d = Decimal(sign: Bool.random(using: &rng) ? .minus : .plus, exponent: Int.random(in: -30...30, using: &rng),
                            significand: Decimal(m))
            var x = d, r = Decimal()
            NSDecimalRound(&r, &x, Int.random(in: -3...5, using: &rng), .plain)
            out += [d, d * Decimal(Int.random(in: -1000...1000, using: &rng)), d / 7, r]
            // Mantissas wider than 64 bits (the slow path).
            out.append(Decimal(m) * Decimal(rng.next() | 1) + Decimal(sign: .plus, exponent: -3, significand: 1))
        }
        return out
    }

    @Test("plain text, scale and Double are Foundation's, for 50,000 values")
    func sameAsFoundation() {
        for d in Self.samples(seed: 20261123, count: 10_000) {
            let foundation = d.description
            #expect(DecimalFormatting.plain(d) == foundation, "\(foundation)")
            let scale = foundation.firstIndex(of: ".").map { foundation.distance(from: $0, to: foundation.endIndex) - 1 } ?? 0
            if !d.isNaN { #expect(DecimalFormatting.scale(of: d) == scale, "\(foundation)") }
            if let expected = Double(foundation) {
                #expect(d.correctlyRoundedDouble.bitPattern == expected.bitPattern || (d.isZero && expected == 0), "\(foundation)")
            }
        }
    }

    @Test("the fast path covers every value up to 64-bit mantissas")
    func fastPathTaken() {
        #expect(DecimalDigits(Decimal(string: "-2202.34")!)?.plain == "-2202.34")
        #expect(DecimalDigits(Decimal(string: "18446744073709551615")!) != nil)
        #expect(DecimalDigits(Decimal(string: "18446744073709551616")!) == nil)
        #expect(DecimalDigits(.nan) == nil)
    }
}
