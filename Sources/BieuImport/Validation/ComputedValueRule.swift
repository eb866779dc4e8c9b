import BieuCore
import BieuModel
import BieuTemplates

/// So sánh không khớp số liệu — a printed computed value (So sánh, Tỷ lệ) that
/// disagrees with its expression over the row's numbers, at the precision it is
/// printed with, honouring "lower is better" indicators.
struct ComputedValueRule: ValidationRule {
    static let code = "computed-mismatch"
    var columnMajor: Bool { true }

    func check(_ context: ValidationContext) -> [Finding] {
        var findings: [Finding] = []
        for column in context.template.columns where column.kind == .computed {
            for row in context.table.rows {
                guard let m = ComputedCheck.check(column, row: row, template: context.template) else { continue }
                let scale = max(column.decimals ?? 1, WrittenNumber.decimals(in: m.printed))
                let expected = DecimalFormatting.rounded(m.expected, scale: scale)
                let lowerVi = m.lowerIsBetter ? " (chỉ tiêu càng thấp càng tốt)" : ""
                let lowerEn = m.lowerIsBetter ? " (lower is better)" : ""
                findings.append(Finding(.warning, Self.code, at: context.at(row.id, column.id), table: context.table.id, row: row.id, column: column.id,
                                        vi: "số in \(m.printed) khác kết quả tính \(m.expression) = \(DecimalFormatting.vietnamese(expected))\(lowerVi)",
                                        en: "printed \(m.printed) differs from \(m.expression) = \(DecimalFormatting.plain(expected))\(lowerEn)"))
            }
        }
        return findings
    }
}
