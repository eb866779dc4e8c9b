import BieuModel
import Foundation
import Testing
import BieuTestSupport
@testable import BieuImport

/// The per-cell shortcuts in CellInterpreter give exactly what the general code gives.
@Suite("Cell interpreter")
struct CellInterpreterTests {
    static let literals = ["0", "-0", "0.0", "1", "100", "100.0", "1.50", "1.5", "0.292", "0.29199999999999998", "41160.5",
                           "-12.50", "1e3", "1e-05", "1E-7", "2.5e-10", "123456789012345678", "0.000", "-0.001", "46", "48.1",
                           "99.99999999999999", "1.7976931348623157e308", "5e-324", "4.9406564584124654e-324", "1000000", "12345.678900"]

    @Test("DecimalFormatting.scale(of:) is the decimals of Foundation's text on stored literals, their shortest forms and their percents")
    func scaleMatchesDecimalFormatting() {
        var values: [Decimal] = []
        var rng = SeededRandom(seed: 2024)
        var texts = Self.literals
        for _ in 0..<3000 {
            let magnitude = Double(Int.random(in: -12...15, using: &rng))
            let x = Double.random(in: -1...1, using: &rng) * pow(10, magnitude)
            texts.append(x.description)
            texts.append(String(format: "%.\(Int.random(in: 0...6, using: &rng))f", x))
        }
        for text in texts {
            if let d = DecimalFormatting.parseLiteral(text) { values.append(d) }
            if let d = CellInterpreter.decimal(text) { values.append(d); values.append(d * 100); values.append(-d) }
        }
        values.append(Decimal.nan)
        #expect(values.count > 10_000)
        func foundationScale(_ d: Decimal) -> Int {
            guard !d.isNaN, let dot = d.description.firstIndex(of: ".") else { return 0 }
            return d.description.distance(from: dot, to: d.description.endIndex) - 1
        }
        for d in values where DecimalFormatting.scale(of: d) != foundationScale(d) {
            Issue.record("\(d): scale \(DecimalFormatting.scale(of: d)), Foundation \(foundationScale(d))")
        }
    }

    /// The formula normalisation as it was written before the single-pass version (the reference).
    static func referenceNormalize(_ f: String) -> String {
        if f.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            for (i, b) in f.utf8.enumerated() {
                if i == 0 && b == UInt8(ascii: "=") { continue }
                if b == UInt8(ascii: "$") || b == UInt8(ascii: " ") { continue }
                out.append(b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") ? b - 32 : b)
                if out.count >= 6 && out[(out.count - 6)...].elementsEqual("_XLFN.".utf8) { out.removeLast(6) }
            }
            return String(decoding: out, as: UTF8.self)
        }
        var s = f.hasPrefix("=") ? String(f.dropFirst()) : f
        s = s.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: " ", with: "").uppercased()
        return s.replacingOccurrences(of: "_XLFN.", with: "")
    }

    @Test("formula normalisation is the reference one on written, LibreOffice-spelt, non-ASCII and random formulas")
    func normalizeFormula() {
        var formulas = ["", "=", "==", "= A1", "=$C$5/$D$5*100", "=c5/d5*100", "=IFERROR(C5/D5*100,\"\")", "=_xlfn.IFS(A1>0,1,TRUE,0)",
                        "=_XLFN._XLFN.STDEV.S(A1:A9)", "=_xlfn_xlfn..x", "=ROUND(C5 / D5 * 100 ; 1)", "=\"Đạt\"", "=IF(A1>0,\"đạt\",\"không đạt\")",
                        "_xlfn.", "=_XLF", "=a$b c", "=ǅ1+ß", "=\u{301}a1"]
        var rng = SeededRandom(seed: 7)
        let alphabet = Array("=$ ._xlfnXLFNabcAZ019(),;\"đĐ\u{301}")
        for _ in 0..<5000 {
            formulas.append(String((0..<Int.random(in: 0...14, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        for f in formulas where CellInterpreter.normalizeFormula(f) != Self.referenceNormalize(f) {
            Issue.record("\(f.debugDescription): \(CellInterpreter.normalizeFormula(f).debugDescription), reference \(Self.referenceNormalize(f).debugDescription)")
        }
    }

    @Test("cached number formats read as the format codes themselves, also past the cache's limit")
    func formatCache() {
        let codes: [String?] = [nil, "", "General", "general", "#,##0", "#,##0.0", "#,##0.00;[Red]-#,##0.00", "0.0%", "0.0\"%\"",
                                "0.00\\%", "0.0‰", "0.0\"‰\"", "#,##0.0_);(#,##0.0)", "@", "0.0\"\"", "\"\"0.000"]
        let cache = NumberFormatCache()
        for _ in 0..<2 {
            for code in codes { #expect(cache.info(code) == NumberFormatInfo(code), "\(String(describing: code))") }
        }
        for i in 0..<(NumberFormatCache.limit + 20) {
            let code = "0." + String(repeating: "0", count: i % 40) + (i % 3 == 0 ? "%" : "") + String(repeating: " ", count: i / 40)
            #expect(cache.info(code) == NumberFormatInfo(code))
            #expect(cache.info(code) == NumberFormatInfo(code))
        }
        #expect(NumberFormatInfo("0.0%").percentScaled && NumberFormatInfo("0.0%").decimals == 1)
    }
}
