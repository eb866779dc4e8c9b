import BieuCore
import BieuModel

/// Số thứ tự trùng — the same STT twice under the same parent (two "3" in one group).
struct DuplicateSTTRule: ValidationRule {
    static let code = "duplicate-stt"

    func check(_ context: ValidationContext) -> [Finding] {
        var seen: [String: String] = [:]
        var findings: [Finding] = []
        let parents = context.table.parentIDs()
        for (i, row) in context.table.rows.enumerated() {
            let stt = row.stt.trimmingCharacters(in: .whitespaces)
            guard !stt.isEmpty, !["-", "+", "•"].contains(stt) else { continue }
            let key = "\(parents[i] ?? "")|\(row.kind.rank)|\(stt)"
            if let first = seen[key] {
                findings.append(Finding(.warning, Self.code, at: context.at(row.id, "stt") ?? context.addresses.address(table: context.table.id, row: row.id),
                                        table: context.table.id, row: row.id, column: "stt",
                                        vi: "số thứ tự \"\(stt)\" trùng với dòng \(first)", en: "STT \"\(stt)\" repeats row \(first)"))
            } else {
                seen[key] = row.id
            }
        }
        return findings
    }
}
