import BieuCore
import BieuModel

/// Số viết không rõ nghĩa — a number that reads two ways (`1.022`: one thousand
/// and twenty-two, or 1.022). Reported unless the base data already decided it
/// for the same text.
struct AmbiguousNumberRule: ValidationRule {
    static let code = "ambiguous-number"

    func check(_ context: ValidationContext) -> [Finding] {
        var findings: [Finding] = []
        for row in context.table.rows {
            for (column, cell) in row.cells {
                guard case .ambiguous(let candidates) = cell.value else { continue }
                let vi = candidates.map { $0.rendered(style: .vietnamese) }.joined(separator: " hoặc ")
                let en = candidates.map { $0.rendered(style: .plain) }.joined(separator: " or ")
                findings.append(Finding(.warning, Self.code, at: context.at(row.id, column), table: context.table.id, row: row.id, column: column,
                                        vi: "\"\(cell.text)\" đọc được hai cách: \(vi); hãy viết rõ (ví dụ 1022 hoặc 1,022)",
                                        en: "\"\(cell.text)\" reads two ways: \(en); please write it unambiguously (e.g. 1022 or 1,022)"))
            }
        }
        return findings
    }
}
