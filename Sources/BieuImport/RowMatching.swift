import BieuCore
import BieuModel

/// Matches rows that carry no id to the rows of a base table: the same
/// normalised name (case, diacritics and spacing ignored) and, when several
/// qualify, the same STT and then the nearest position.
enum RowMatching {
    /// For each imported row without an id, the base row id it matches (or nil).
    static func match(names: [(stt: String, name: String, position: Int)?], base: AnnexTable, taken: Set<String>) -> [String?] {
        var byName: [String: [(index: Int, row: Row)]] = [:]
        for (i, r) in base.rows.enumerated() where !taken.contains(r.id) {
            byName[VietnameseText.foldKey(r.name), default: []].append((i, r))
        }
        var used = Set<String>()
        var result: [String?] = []
        for entry in names {
            guard let entry else { result.append(nil); continue }
            let key = VietnameseText.foldKey(entry.name)
            let candidates = (byName[key] ?? []).filter { !used.contains($0.row.id) }
            guard !candidates.isEmpty, !(key.isEmpty && entry.stt.isEmpty) else { result.append(nil); continue }
            let sameSTT = candidates.filter { $0.row.stt == entry.stt }
            let pool = sameSTT.isEmpty ? candidates : sameSTT
            let best = pool.min { abs($0.index - entry.position) < abs($1.index - entry.position) }!
            used.insert(best.row.id)
            result.append(best.row.id)
        }
        return result
    }

    /// Second pass: rows still unmatched (e.g. rows without a name) are paired with
    /// unmatched base rows lying between the same matched neighbours, in order,
    /// when their contents are alike (same STT/unit/cell texts for at least half
    /// of the fields either row fills).
    static func alignGaps(rows: [Row], matched: inout [String?], base: AnnexTable) {
        let basePosition = Dictionary(base.rows.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var usedBase = Set(matched.compactMap { $0 })
        var i = 0
        while i < rows.count {
            guard matched[i] == nil else { i += 1; continue }
            // The gap of unmatched imported rows [i, j).
            var j = i
            while j < rows.count && matched[j] == nil { j += 1 }
            let snapshot = matched
            let lower = (0..<i).reversed().compactMap { snapshot[$0].flatMap { basePosition[$0] } }.first ?? -1
            let upper = (j..<rows.count).compactMap { snapshot[$0].flatMap { basePosition[$0] } }.first ?? base.rows.count
            var candidates = (lower + 1 < upper ? Array((lower + 1)..<upper) : []).filter { !usedBase.contains(base.rows[$0].id) }
            for k in i..<j {
                guard let c = candidates.first(where: { similarity(rows[k], base.rows[$0]) >= 0.5 }) else { continue }
                matched[k] = base.rows[c].id
                usedBase.insert(base.rows[c].id)
                candidates.removeAll { $0 <= c }
            }
            i = j
        }
    }

    /// Share of the filled fields two rows have in common.
    static func similarity(_ a: Row, _ b: Row) -> Double {
        var same = 0, total = 0
        func compare(_ x: String, _ y: String) {
            guard !x.isEmpty || !y.isEmpty else { return }
            total += 1
            if VietnameseText.foldKey(x) == VietnameseText.foldKey(y) { same += 1 }
        }
        compare(a.stt, b.stt)
        compare(a.name, b.name)
        compare(a.unit, b.unit)
        compare(a.note, b.note)
        for c in Set(a.cells.columns).union(b.cells.columns) { compare(a.cells[c]?.text ?? "", b.cells[c]?.text ?? "") }
        return total == 0 ? 0 : Double(same) / Double(total)
    }

    /// Row ids that changed relative order: those outside a longest increasing
    /// run of base positions, in the new order.
    static func moved(oldOrder: [String], newOrder: [String]) -> Set<String> {
        let position = Dictionary(oldOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let common = newOrder.filter { position[$0] != nil }
        let seq = common.map { position[$0]! }
        // Longest increasing subsequence with reconstruction (patience sorting).
        var tails: [Int] = [], tailIndex: [Int] = [], previous = Array(repeating: -1, count: seq.count)
        for (i, v) in seq.enumerated() {
            var lo = 0, hi = tails.count
            while lo < hi { let mid = (lo + hi) / 2; if tails[mid] < v { lo = mid + 1 } else { hi = mid } }
            if lo > 0 { previous[i] = tailIndex[lo - 1] }
            if lo == tails.count { tails.append(v); tailIndex.append(i) } else { tails[lo] = v; tailIndex[lo] = i }
        }
        var keep = Set<Int>()
        var k = tailIndex.last ?? -1
        while k >= 0 { keep.insert(k); k = previous[k] }
        var result = Set<String>()
        for (i, id) in common.enumerated() where !keep.contains(i) { result.insert(id) }
        return result
    }
}
