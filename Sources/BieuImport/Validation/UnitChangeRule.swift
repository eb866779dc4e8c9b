import BieuCore
import BieuModel

/// Đơn vị tính thay đổi — a row whose unit differs from the base data's
/// (`Tấn` → `Tạ` changes what every number means).
struct UnitChangeRule: ValidationRule {
    static let code = "unit-changed"

    func check(_ context: ValidationContext) -> [Finding] {
        guard let base = context.base else { return [] }
        var findings: [Finding] = []
        for row in context.table.rows {
            guard let old = base.row(row.id), VietnameseText.foldKey(old.unit) != VietnameseText.foldKey(row.unit) else { continue }
            findings.append(Finding(.warning, Self.code, at: context.at(row.id, "unit"), table: context.table.id, row: row.id, column: "unit",
                                    vi: "đơn vị tính đổi từ \"\(old.unit)\" thành \"\(row.unit)\"; các số của dòng này có thể không còn so sánh được",
                                    en: "unit changed from \"\(old.unit)\" to \"\(row.unit)\"; this row's numbers may no longer compare"))
        }
        return findings
    }
}
