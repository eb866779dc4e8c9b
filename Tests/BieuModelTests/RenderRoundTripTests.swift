import BieuCore
import Foundation
import Testing
@testable import BieuModel

/// Text → value → text: rendering a value gives text that reads back as it.
@Suite("Rendering values back to text")
struct RenderRoundTripTests {
    static let seeds: [UInt64] = Array(1...300)

    @Test("every generated value renders, in both styles, to text that reads as it", arguments: seeds)
    func roundTrip(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        for _ in 0..<20 {
            let v = Gen.value(&g)
            for style in NumberStyle.allCases {
                let text = v.rendered(style: style)
                let parsed = ValueParser.parse(text)
                #expect(Cell(text: text, value: v) != nil,
                        "seed \(seed): \(describe(v)) rendered (\(style)) as \"\(text)\", which reads as \(describe(parsed))")
                #expect(isNFC(text))
            }
        }
    }

    @Test("with a fixed number of decimals the text reads as the rounded value", arguments: seeds.prefix(100))
    func roundTripWithDecimals(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        for _ in 0..<10 {
            let v = Gen.value(&g)
            for style in NumberStyle.allCases {
                for decimals in 0...3 {
                    let text = v.rendered(style: style, decimals: decimals)
                    let expected = Self.rounded(v, decimals)
                    #expect(Cell(text: text, value: expected) != nil,
                            "seed \(seed): \(describe(v)) rendered (\(style), \(decimals) decimals) as \"\(text)\", which reads as \(describe(ValueParser.parse(text)))")
                }
            }
        }
    }

    static let examples: [(CellValue, vi: String, plain: String)] = [
        (num("41160"), "41.160", "41160"),
        (num("31.4"), "31,4", "31.4"),
        (num("2202.34"), "2.202,34", "2202.34"),
        (num("-1234567.5"), "-1.234.567,5", "-1234567.5"),
        (num("0.5"), "0,5", "0.5"),
        (num("0"), "0", "0"),
        (pct("29.2"), "29,2%", "29.2%"),
        (pm("0.5"), "0,5‰", "0.5‰"),
        (ratio("113", "118", "bản có điện"), "113/118 bản có điện", "113/118 bản có điện"),
        (ratio("17.18", "20", "ha"), "17,18/20 ha", "17.18/20 ha"),
        (range("2", "4", "năm"), "2-4 năm", "2-4 năm"),
        (range("5", "6", "%"), "5-6%", "5-6%"),
        (bound(.greaterOrEqual, "75", "%"), "≥75%", "≥75%"),
        (bound(.greater, "5", "%/năm"), ">5%/năm", ">5%/năm"),
        (bound(.lessOrEqual, "1000"), "≤1.000", "≤1000"),
        (qty("16", "tỷ đồng"), "16 tỷ đồng", "16 tỷ đồng"),
        (qty("90", "(trên 3% trở lên)"), "90 (trên 3% trở lên)", "90 (trên 3% trở lên)"),
        (.status(.completedWell), "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt nhiệm vụ"),
        (.status(.notMet), "Chưa đạt", "Chưa đạt"),
        (.text("Chưa triển khai"), "Chưa triển khai", "Chưa triển khai"),
        (.empty, "", ""),
        (amb(num("1022"), num("1.022")), "1.022", "1022"),
    ]

    @Test("rendered text of known values", arguments: examples)
    func knownRendering(_ v: CellValue, vi: String, plain: String) {
        #expect(v.rendered(style: .vietnamese) == vi)
        #expect(v.rendered(style: .plain) == plain)
    }

    /// Every example text of the parser tests and of the seeds.
    static var exampleTexts: [String] {
        let forms = ValueParserFormTests.valueForms.map(\.0) + ValueParserFormTests.texts + ValueParserFormTests.empties
        return forms + AmbiguityTests.ambiguous.map(\.0) + AmbiguityTests.notAmbiguous.map(\.0) + [" 41.160 ", "\t29,2%\n"]
    }

    @Test("a cell keeps its text byte for byte")
    func textIsKept() throws {
        for text in Self.exampleTexts + (try seedCells().map(\.text)) {
            let cell = Cell(text)
            #expect(sameBytes(cell.text, text), "\"\(text)\" became \"\(cell.text)\"")
            // The explicit form with the parser's own reading agrees.
            let again = try #require(Cell(text: text, value: cell.value))
            #expect(again == cell)
        }
    }

    /// The value with every number rounded as `rendered(decimals:)` rounds it.
    static func rounded(_ v: CellValue, _ k: Int) -> CellValue {
        func r(_ d: Decimal) -> Decimal { DecimalFormatting.rounded(d, scale: k) }
        switch v {
        case .number(let d): return .number(r(d))
        case .percent(let d): return .percent(r(d))
        case .perMille(let d): return .perMille(r(d))
        case let .ratio(a, b, u): return .ratio(numerator: r(a), denominator: r(b), unit: u)
        case let .range(a, b, u): return .range(low: r(a), high: r(b), unit: u)
        case let .bound(rel, d, u): return .bound(relation: rel, value: r(d), unit: u)
        case let .quantity(d, u): return .quantity(r(d), unit: u)
        default: return v
        }
    }
}
