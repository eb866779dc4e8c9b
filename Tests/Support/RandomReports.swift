import BieuModel
import Foundation

/// A small, seeded pseudo-random generator (SplitMix64) so randomized tests
/// can print the seed of a failure and be replayed exactly.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random reports for round-trip tests: random hierarchies, Vietnamese text
/// (NFD input too), texts that look like formulas, and every value form.
public enum RandomReports {
    static let syllables = ["Tỷ", "lệ", "hộ", "nghèo", "thôn", "bản", "được", "cứng", "hóa", "đường", "xe", "máy", "trường", "học",
                            "đạt", "chuẩn", "quốc", "gia", "Ủy", "ban", "nhân", "dân", "xã", "Bản", "Bo", "Nà", "Tăm", "Khun", "Há",
                            "ĐẢNG", "VIÊN", "chè", "mắc", "ca", "sản", "lượng", "lương", "thực", "nước", "sạch", "rừng", "phủ"]
    static let oddTexts = ["=SUM(A1:A3)", "- Phát triển vùng chè", "+84 912 345 678", "@tên", "'trích dẫn", "\"ngoặc kép\" và dấu, phẩy",
                           "dòng một\ndòng hai", "tab\tở giữa", "😀 biểu tượng", "  khoảng trắng  ", "a;b;c", "ký tự \u{1} điều khiển",
                           "Tie\u{0302}\u{0301}ng Vie\u{0323}\u{0302}t NFD"]
    static let valueTexts = ["46", "48.1", "31,4", "2,202.34", "1.234,5", "16.90", "0.500", "-5", "−3,5", "41.160", "1.022", "600,000",
                             "29,2%", "101.13%", "0,5‰", "16/19", "113/118 bản có điện", "17.18/20 ha", "5-6", "2-4 năm", ">90", "≥ 75%",
                             "Trên 5%/năm", "dưới 10", "16 tỷ đồng", "15,6 tiêu chí/xã", "90 (trên 3% trở lên)", "HTTNV", "Đạt", "Chưa đạt",
                             "Không đạt chỉ tiêu NQ", "Chưa triển khai", "05/12/2024", "0", "1000000", "123456789012.5", "0.000001",
                             "12345678901234567890", "3,14159265358979323846"]

    static func words<R: RandomNumberGenerator>(_ n: Int, _ rng: inout R) -> String {
        (0..<n).map { _ in syllables.randomElement(using: &rng)! }.joined(separator: " ")
    }

    /// A random report with one table of the given template, filling the given cell columns.
    public static func make(seed: UInt64, template: String, columns: [String], rows: Int = 25) -> Report {
        var rng = SeededRandom(seed: seed)
        var table = AnnexTable(id: template, template: template)
        if Bool.random(using: &rng) { table.title = ["BIỂU THỬ \(seed)", "(dòng tiêu đề riêng của biểu)"] }
        let kinds: [RowKind] = [.section, .group, .indicator, .indicator, .indicator, .subIndicator, .bullet, .note]
        for i in 0..<rows {
            let kind = kinds.randomElement(using: &rng)!
            var row = Row(id: "r\(seed)-\(i)", kind: kind)
            switch kind {
            case .section: row.stt = ["A", "B", "II", "XIII"].randomElement(using: &rng)!
            case .group: row.stt = Bool.random(using: &rng) ? "\(i)" : ""
            case .indicator: row.stt = Int.random(in: 0..<3, using: &rng) == 0 ? "\(i).1" : ""
            case .bullet: row.stt = "-"
            default: break
            }
            row.name = Int.random(in: 0..<6, using: &rng) == 0 ? oddTexts.randomElement(using: &rng)! : words(Int.random(in: 1...14, using: &rng), &rng)
            if kind == .subIndicator { row.name = "Trong đó: " + row.name }
            if Int.random(in: 0..<30, using: &rng) == 0 { row.name = String(repeating: words(12, &rng) + ". ", count: 40) }
            if kind != .section && kind != .note {
                row.unit = ["%", "Tỷ đồng", "Người", "ha", "%o", "Xã", ""].randomElement(using: &rng)!
                for c in columns where Int.random(in: 0..<3, using: &rng) > 0 {
                    let text = Int.random(in: 0..<8, using: &rng) == 0 ? oddTexts.randomElement(using: &rng)! : valueTexts.randomElement(using: &rng)!
                    var cell = Cell(text)
                    // Sometimes a person decided an ambiguous reading.
                    if case .ambiguous(let candidates) = cell.value, Bool.random(using: &rng) { cell.resolve(to: candidates.randomElement(using: &rng)!) }
                    row.cells[c] = cell
                }
            }
            if Int.random(in: 0..<4, using: &rng) == 0 { row.note = oddTexts.randomElement(using: &rng)! }
            if Int.random(in: 0..<10, using: &rng) == 0 { row.direction = Bool.random(using: &rng) ? .lowerIsBetter : .higherIsBetter }
            table.rows.append(row)
        }
        var report = Report(issuer: words(3, &rng), number: "\(Int.random(in: 1...999, using: &rng))-BC/HU",
                            date: ReportDate(year: 2024, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng)),
                            period: .year(2024), term: Term(start: 2020, end: 2025), title: words(6, &rng))
        report.tables = [table]
        // Normalise like a load would (NFC everywhere).
        return (try? ReportJSON.decode(ReportJSON.encode(report))) ?? report
    }
}
