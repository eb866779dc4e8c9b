import BieuCore
import BieuModel
import BieuTemplates

/// Đánh giá không khớp tỷ lệ — an assessment (Đạt / Vượt / Chưa đạt) that does
/// not follow from the row's ratio by the template's thresholds.
struct AssessmentRule: ValidationRule {
    static let code = "assessment-mismatch"
    var columnMajor: Bool { true }

    func check(_ context: ValidationContext) -> [Finding] {
        var findings: [Finding] = []
        for column in context.template.columns where column.kind == .assessment {
            for row in context.table.rows {
                guard let m = ComputedCheck.checkAssessment(column, row: row) else { continue }
                findings.append(Finding(.warning, Self.code, at: context.at(row.id, column.id), table: context.table.id, row: row.id, column: column.id,
                                        vi: "đánh giá \"\(m.printed.label)\" không khớp tỷ lệ \(DecimalFormatting.vietnamese(m.ratio))% (theo mẫu là \"\(m.implied.label)\")",
                                        en: "assessment \"\(m.printed.englishLabel)\" does not follow from the ratio \(DecimalFormatting.plain(m.ratio))% (the template implies \"\(m.implied.englishLabel)\")"))
            }
        }
        return findings
    }
}
