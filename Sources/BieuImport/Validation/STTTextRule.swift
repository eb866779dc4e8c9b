import BieuCore
import BieuModel

/// Chữ trong cột STT — a sentence or a word typed into the STT (số thứ tự) column, usually a name or a
/// "Trong đó:" put one column too far left. STT holds numbering only: `1`, `2.1`, `A`, `IV`, `a)`, `(3)`, `-`.
struct STTTextRule: ValidationRule {
    static let code = "stt-text"

    func check(_ context: ValidationContext) -> [Finding] {
        context.table.rows.compactMap { row in
            let stt = row.stt.trimmingWhitespace()
            guard STTTextRule.looksLikeText(stt) else { return nil }
            return Finding(.warning, STTTextRule.code,
                           at: context.at(row.id, "stt") ?? context.addresses.address(table: context.table.id, row: row.id),
                           table: context.table.id, row: row.id, column: "stt",
                           vi: "cột STT chứa chữ \"\(stt)\", không phải số thứ tự; có phải nội dung của cột khác bị nhập nhầm vào đây?",
                           en: "the STT column holds text \"\(stt)\", not a numbering; was another column's content typed here?")
        }
    }

    /// True for text that is not a numbering: two or more words with letters, or a run of four or more
    /// letters that is not a Roman numeral (`XIII`, `VIII` are numbering).
    static func looksLikeText(_ stt: String) -> Bool {
        let words = stt.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        let wordsWithLetters = words.filter { $0.contains(where: \.isLetter) }
        if wordsWithLetters.count >= 2 { return true }
        var run = ""
        for ch in stt + " " {
            if ch.isLetter { run.append(ch); continue }
            if run.count >= 4, !run.uppercased().allSatisfy({ "IVXLCDM".contains($0) }) { return true }
            run = ""
        }
        return false
    }
}
