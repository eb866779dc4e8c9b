import BieuCore
import BieuModel
import BieuTemplates

/// Ô bắt buộc còn trống — an indicator row without a value in a column the
/// template marks `required` (e.g. Thực hiện năm).
struct RequiredValueRule: ValidationRule {
    static let code = "required-missing"
    var columnMajor: Bool { true }

    func check(_ context: ValidationContext) -> [Finding] {
        var findings: [Finding] = []
        for column in context.template.columns where column.required {
            for row in context.valueRows() {
                let present: Bool
                switch column.field {
                case .cell: present = row.cells[column.id] != nil
                case .name: present = !row.name.isEmpty
                case .unit: present = !row.unit.isEmpty
                case .stt: present = !row.stt.isEmpty
                case .note: present = !row.note.isEmpty
                }
                guard !present else { continue }
                findings.append(Finding(.warning, Self.code, at: context.at(row.id, column.id), table: context.table.id, row: row.id, column: column.id,
                                        vi: "chưa có số liệu \"\(context.header(column))\" cho chỉ tiêu \"\(row.name)\"",
                                        en: "no value for \"\(context.header(column))\" on indicator \"\(row.name)\""))
            }
        }
        return findings
    }
}
