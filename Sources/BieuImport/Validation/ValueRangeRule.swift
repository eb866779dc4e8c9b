import BieuCore
import BieuModel
import BieuTemplates

/// Giá trị ngoài khoảng cho phép — a number outside the column's `min`/`max`.
struct ValueRangeRule: ValidationRule {
    static let code = "out-of-range"
    var columnMajor: Bool { true }

    func check(_ context: ValidationContext) -> [Finding] {
        var findings: [Finding] = []
        for column in context.template.columns where column.minimum != nil || column.maximum != nil {
            for row in context.table.rows {
                guard let v = row.cells[column.id]?.value.numericValue else { continue }
                let low = column.minimum.map { v < $0 } ?? false
                let high = column.maximum.map { v > $0 } ?? false
                guard low || high else { continue }
                let bound = low ? column.minimum! : column.maximum!
                findings.append(Finding(.warning, Self.code, at: context.at(row.id, column.id), table: context.table.id, row: row.id, column: column.id,
                                        vi: "giá trị \(DecimalFormatting.vietnamese(v)) \(low ? "nhỏ hơn mức tối thiểu" : "lớn hơn mức tối đa") \(DecimalFormatting.vietnamese(bound))",
                                        en: "value \(DecimalFormatting.plain(v)) is \(low ? "below the minimum" : "above the maximum") \(DecimalFormatting.plain(bound))"))
            }
        }
        return findings
    }
}
