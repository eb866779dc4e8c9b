import BieuCore
import BieuTestSupport
import Foundation
@testable import BieuModel

/// The tests' seeded generator (SplitMix64, in BieuTestSupport): the same seed gives the
/// same sequence on every machine and Swift version, so a failing seed can be replayed exactly.
typealias SplitMix64 = SeededRandom

extension SeededRandom {
    /// Uniform-enough integer in a closed range (modulo bias is irrelevant here).
    mutating func int(_ r: ClosedRange<Int>) -> Int {
        let span = UInt64(r.upperBound - r.lowerBound) + 1
        return r.lowerBound + Int(next() % span)
    }

    mutating func bool(_ probability: Double = 0.5) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// The bytes with one to three random edits: a piece inserted, a byte removed or
    /// replaced by a piece's first byte.
    mutating func damaged(_ original: [UInt8], with pieces: [[UInt8]]) -> [UInt8] {
        var bytes = original
        for _ in 0...int(0...2) {
            let at = int(0...bytes.count)
            switch int(0...2) {
            case 0: bytes.insert(contentsOf: pick(pieces), at: at)
            case 1: if at < bytes.count { bytes.remove(at: at) }
            default: if at < bytes.count { bytes[at] = pick(pieces).first ?? 0x20 }
            }
        }
        return bytes
    }
}

enum Gen {
    /// Every precomposed Vietnamese letter, lower and upper case.
    static let vietnameseLetters: [Character] = {
        let lower = Array("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ")
        return lower + lower.map { Character($0.uppercased()) }
    }()

    static let words = ["Tỷ", "lệ", "hộ", "nghèo", "Thu", "nhập", "bình", "quân", "đầu", "người", "Diện", "tích",
                        "trồng", "chè", "mới", "xã", "đạt", "chuẩn", "nông", "thôn", "Nghị", "quyết", "06-NQ/TU",
                        "Đảng", "viên", "ĐƠN", "VỊ", "TÍNH", "Huyện", "ủy", "Tam", "Đường", "Lai", "Châu", "(*)",
                        "2021-2025", "41.160", "29,2%", "năm", "kế", "hoạch", "ước", "thực", "hiện", "Ghi", "chú"]

    /// Characters that stress escaping and Unicode handling.
    static let oddPieces = ["\"", "'", "“", "”", "\\", "/", "\n", "\t", "\r\n", "😀", "👨‍👩‍👧", "🇻🇳", "\u{01}", "\u{1F}",
                            "\u{7F}", "\u{2028}", "\u{00A0}", "‰", "≥", "−", "–", "\u{0}", "{", "}", "[", "]", ":", ","]

    /// Free text: words, random Vietnamese letters and odd characters;
    /// sometimes given in NFD, which must come out as NFC.
    static func text(_ g: inout SplitMix64, maxWords: Int = 12) -> String {
        var parts: [String] = []
        for _ in 0..<g.int(1...maxWords) {
            switch g.int(0...9) {
            case 0...5: parts.append(g.pick(words))
            case 6, 7: parts.append(String((0..<g.int(1...6)).map { _ in g.pick(vietnameseLetters) }))
            default: parts.append(g.pick(oddPieces))
            }
        }
        let s = parts.joined(separator: g.bool(0.8) ? " " : "")
        return g.bool(0.3) ? s.decomposedStringWithCanonicalMapping : s
    }

    /// An identifier-like string (ids, column ids), possibly Vietnamese or NFD.
    static func identifier(_ g: inout SplitMix64, index: Int) -> String {
        let base = g.pick(["b01", "kh_nam", "th-2024", "Biểu 01", "chỉ tiêu", "row", "mt_nq", "ghi chú", "x"])
        let s = "\(base)-\(index)"
        return g.bool(0.2) ? s.decomposedStringWithCanonicalMapping : s
    }

    /// A decimal with up to `intDigits` integer and `fracDigits` fraction digits.
    static func decimal(_ g: inout SplitMix64, intDigits: Int = 9, fracDigits: Int = 4, negative: Bool = true) -> Decimal {
        var s = (negative && g.bool(0.25)) ? "-" : ""
        let ints = g.int(1...intDigits)
        for i in 0..<ints { s += String(i == 0 && ints > 1 ? g.int(1...9) : g.int(0...9)) }
        let fracs = g.bool(0.5) ? 0 : g.int(1...fracDigits)
        if fracs > 0 {
            s += "."
            for _ in 0..<fracs { s += String(g.int(0...9)) }
        }
        return dec(s)
    }

    static let quantityUnits = ["tỷ đồng", "ha", "tiêu chí/xã", "bản có điện", "người", "km", "(trên 3% trở lên)",
                                "%/năm", "% KH", "Triệu đồng", "lượt khách", "tấn", "m2", "hộ"]
    static let rangeUnits = [nil, "năm", "%", "ha", "tháng", "tỷ đồng"]
    static let ratioUnits: [String?] = [nil, "bản có điện", "ha", "tiêu chí", "xã", "%/năm"]
    static let boundUnits: [String?] = [nil, "%", "%/năm", "tuổi", "ha", "tỷ đồng"]

    /// A value the parser can produce (the domain of the render round trip),
    /// never ambiguous.
    static func value(_ g: inout SplitMix64) -> CellValue {
        switch g.int(0...10) {
        case 0: return .number(decimal(&g))
        case 1: return .percent(decimal(&g, intDigits: 4))
        case 2: return .perMille(decimal(&g, intDigits: 3))
        case 3:
            return .ratio(numerator: decimal(&g, intDigits: 6), denominator: decimal(&g, intDigits: 6, negative: false),
                          unit: g.pick(ratioUnits))
        case 4:
            return .range(low: decimal(&g, intDigits: 6, negative: false), high: decimal(&g, intDigits: 6, negative: false),
                          unit: g.pick(rangeUnits))
        case 5:
            return .bound(relation: g.pick(BoundRelation.allCases), value: decimal(&g, intDigits: 6), unit: g.pick(boundUnits))
        case 6: return .quantity(decimal(&g, intDigits: 7), unit: g.pick(quantityUnits))
        case 7: return .status(g.pick(Status.allCases))
        case 8: return .empty
        default:
            // Free text that the parser reads as text.
            for _ in 0..<20 {
                let t = VietnameseText.nfc(text(&g, maxWords: 8))
                if case .text = ValueParser.parse(t) { return .text(t) }
            }
            return .text("Chưa triển khai")
        }
    }

    /// A cell as people write it: rendered values in either style, padded
    /// text, free sentences; ambiguous ones sometimes resolved.
    static func cell(_ g: inout SplitMix64) -> Cell {
        var c: Cell
        if g.bool(0.2) {
            c = Cell(text(&g))
        } else {
            let v = value(&g)
            var t = v.rendered(style: g.pick(NumberStyle.allCases))
            if g.bool(0.1) { t = " " + t + "  " }
            c = Cell(t)
        }
        if case .ambiguous(let candidates) = c.value, g.bool(0.5) {
            c.resolve(to: g.pick(candidates))
        }
        return c
    }

    static func report(_ g: inout SplitMix64) -> Report {
        let kind = g.pick(ReportPeriod.Kind.allCases)
        let year = g.int(1990...2100)
        let period = ReportPeriod(kind: kind, year: year, number: kind == .quarter ? g.int(1...4) : (g.bool(0.1) ? g.int(0...9) : nil))
        let date = g.bool(0.7) ? ReportDate(year: g.int(1...9999), month: g.int(1...12), day: g.int(1...28)) : nil
        let start = g.int(1990...2100)
        let term = g.bool(0.6) ? Term(start: start, end: start + g.int(0...10)) : nil
        var tables: [AnnexTable] = []
        for t in 0..<g.int(0...3) {
            var rows: [Row] = []
            for r in 0..<g.int(0...25) {
                var cells = CellMap()
                for c in 0..<g.int(0...7) {
                    cells[identifier(&g, index: c)] = cell(&g)
                }
                rows.append(Row(id: identifier(&g, index: r), kind: g.pick(RowKind.allCases),
                                stt: g.bool(0.6) ? g.pick(["A", "IV", "1", "1.1", "-", "+", "a)", "XIII"]) : "",
                                name: g.bool(0.9) ? text(&g) : "", unit: g.bool(0.6) ? text(&g, maxWords: 2) : "",
                                cells: cells, note: g.bool(0.3) ? text(&g, maxWords: 30) : "",
                                direction: g.bool(0.2) ? g.pick([Direction.higherIsBetter, .lowerIsBetter]) : nil))
            }
            let title = g.bool(0.5) ? (0..<g.int(1...3)).map { _ in text(&g) } : []
            tables.append(AnnexTable(id: identifier(&g, index: t), template: g.pick(["bieu-01", "bieu-02", "phu-luc", "Biểu mẫu"]),
                                     title: title, rows: rows))
        }
        return Report(issuer: g.bool(0.8) ? text(&g, maxWords: 4) : "", number: g.bool(0.7) ? "641-BC/HU" : "",
                      date: date, period: period, term: term, title: g.bool(0.8) ? text(&g, maxWords: 20) : "", tables: tables)
    }
}
