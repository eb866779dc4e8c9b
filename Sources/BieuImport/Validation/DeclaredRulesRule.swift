import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// Quy tắc khai báo trong mẫu biểu — the template's own `rules:` (docs/TEMPLATES.md):
/// comparisons between columns of a row (`th_nam <= kh_nam * 3`, `0 <= th_nam <= 100`),
/// a "Trong đó" row at most its parent row (`part_of_parent`), required cells on selected rows.
/// A comparison whose operands are not all numbers says nothing (other rules report missing,
/// ambiguous or non-numeric cells). Findings come row by row (each row's rules in order), so the
/// streaming import, which checks rows in batches, lists them as the whole import does.
struct DeclaredRulesRule: ValidationRule {
    static let code = "rule-check"
    static let partCode = "rule-part-of-parent"
    static let requiredCode = "rule-required"

    func check(_ context: ValidationContext) -> [Finding] {
        let template = context.template
        guard !template.rules.isEmpty else { return [] }
        var findings: [Finding] = []
        let rows = context.valueRows()
        let (parents, byID) = Self.parents(context.table.rows, from: context.parentBefore)
        for row in rows {
            for rule in template.rules where rule.rows.matches(row) {
                let severity: Finding.Severity = rule.isError ? .error : .warning
                switch rule.kind {
                case let .compare(operands, operators):
                    let values = operands.map { $0.evaluate { row.cells[$0]?.value.numericValue } }
                    guard values.allSatisfy({ $0 != nil }) else { continue }
                    var failed: Int?
                    for (k, op) in operators.enumerated() where !op.holds(values[k]!, values[k + 1]!) { failed = k; break }
                    guard failed != nil else { continue }
                    let column = rule.columns.first { context.at(row.id, $0) != nil } ?? rule.columns.first
                    let shown = rule.columns.map { c -> (vi: String, en: String) in
                        let header = template.column(c).map(context.header) ?? c
                        let v = row.cells[c]?.value.numericValue
                        return ("\(header) = \(v.map { DecimalFormatting.vietnamese($0) } ?? "—")", "\(header) = \(v.map(DecimalFormatting.plain) ?? "—")")
                    }
                    findings.append(Finding(severity, Self.code, at: column.flatMap { context.at(row.id, $0) }, table: context.table.id, row: row.id, column: column,
                                            vi: "chỉ tiêu \"\(row.name)\" không thỏa quy tắc \(rule.text) của mẫu (\(shown.map(\.vi).joined(separator: "; ")))" + (rule.message.map { ": \($0)" } ?? ""),
                                            en: "indicator \"\(row.name)\" breaks the template rule \(rule.text) (\(shown.map(\.en).joined(separator: "; ")))" + (rule.message.map { ": \($0)" } ?? "")))
                case .partOfParent(let columns):
                    guard let parentID = parents[row.id], let parent = byID[parentID] else { continue }
                    for c in columns {
                        guard let v = row.cells[c]?.value.numericValue, let p = parent.cells[c]?.value.numericValue, v > p else { continue }
                        let header = template.column(c).map(context.header) ?? c
                        findings.append(Finding(severity, Self.partCode, at: context.at(row.id, c), table: context.table.id, row: row.id, column: c,
                                                vi: "\"\(row.name)\" (\(header) = \(DecimalFormatting.vietnamese(v))) lớn hơn chỉ tiêu mẹ \"\(parent.name)\" (\(DecimalFormatting.vietnamese(p))); phần \"Trong đó\" không thể lớn hơn tổng" + (rule.message.map { ": \($0)" } ?? ""),
                                                en: "\"\(row.name)\" (\(header) = \(DecimalFormatting.plain(v))) is larger than its parent \"\(parent.name)\" (\(DecimalFormatting.plain(p))); a \"Trong đó\" part cannot exceed its whole" + (rule.message.map { ": \($0)" } ?? "")))
                    }
                case .required(let columns):
                    for c in columns where row.cells[c] == nil {
                        let header = template.column(c).map(context.header) ?? c
                        findings.append(Finding(severity, Self.requiredCode, at: context.at(row.id, c), table: context.table.id, row: row.id, column: c,
                                                vi: "chỉ tiêu \"\(row.name)\" phải có \"\(header)\" (quy tắc của mẫu)" + (rule.message.map { ": \($0)" } ?? ""),
                                                en: "indicator \"\(row.name)\" must have \"\(header)\" (template rule)" + (rule.message.map { ": \($0)" } ?? "")))
                    }
                }
            }
        }
        return findings
    }

    /// Each "Trong đó" row (a sub-indicator, or a name starting with "Trong đó") → the nearest
    /// indicator row above it (`before`: the one open when these rows start), and the parents by id.
    static func parents(_ rows: [Row], from before: Row?) -> (parents: [String: String], rows: [String: Row]) {
        var result: [String: String] = [:]
        var byID: [String: Row] = [:]
        var last = before
        for row in rows {
            if let p = last, isPart(row) { result[row.id] = p.id; byID[p.id] = p }
            last = next(last, after: row)
        }
        return (result, byID)
    }

    /// The indicator row open after `rows` (carried between the streaming import's batches).
    static func openParent(after rows: [Row], from before: Row?) -> Row? {
        var last = before
        for row in rows { last = next(last, after: row) }
        return last
    }

    static func isPart(_ row: Row) -> Bool { row.kind == .subIndicator || VietnameseText.foldKey(row.name).hasPrefix("trong do") }

    static func next(_ last: Row?, after row: Row) -> Row? {
        if isPart(row) { return last }
        if row.kind == .indicator { return row }
        if row.kind == .section || row.kind == .group { return nil }
        return last
    }
}
