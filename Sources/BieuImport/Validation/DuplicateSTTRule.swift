import BieuCore
import BieuModel

/// Số thứ tự trùng — the same STT twice under the same parent (two "3" in one group).
struct DuplicateSTTRule: ValidationRule {
    static let code = "duplicate-stt"

    func check(_ context: ValidationContext) -> [Finding] {
        var tracker = Tracker()
        var findings: [Finding] = []
        for row in context.table.rows { tracker.check(row, context, into: &findings) }
        return findings
    }

    /// The check row by row, in print order. Holds the STTs seen under each parent that can
    /// still have children (a closed group's numbers are dropped), not the rows.
    struct Tracker {
        private var parents = ParentTracker()
        /// parent id ("" at the top) → "rank|stt" → id of the first row with it.
        private var seen: [String: [String: String]] = [:]
        private var lastParent: String?

        mutating func check(_ row: Row, _ context: ValidationContext, into findings: inout [Finding]) {
            let parentID = parents.parent(of: row) ?? ""
            if parentID != lastParent {
                // Groups whose parent is closed can never get another row.
                if seen.count > 1 {
                    let open = Set(parents.openIDs)
                    for key in seen.keys where key != "" && key != parentID && !open.contains(key) { seen[key] = nil }
                }
                lastParent = parentID
            }
            let stt = row.stt.trimmingWhitespace()
            guard !stt.isEmpty, !["-", "+", "•"].contains(stt) else { return }
            let key = "\(row.kind.rank)|\(stt)"
            if let first = seen[parentID]?[key] {
                findings.append(Finding(.warning, DuplicateSTTRule.code, at: context.at(row.id, "stt") ?? context.addresses.address(table: context.table.id, row: row.id),
                                        table: context.table.id, row: row.id, column: "stt",
                                        vi: "số thứ tự \"\(stt)\" trùng với dòng \(first)", en: "STT \"\(stt)\" repeats row \(first)"))
            } else {
                seen[parentID, default: [:]][key] = row.id
            }
        }
    }
}
