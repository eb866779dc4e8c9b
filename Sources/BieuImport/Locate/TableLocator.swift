import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// Where a template's table was found on a sheet.
public struct LocatedTable: Sendable {
    public var sheetName: String
    public var template: Template
    /// Template column id → sheet column index, for the columns found.
    public var columns: [String: Int]
    /// Template columns not found on the sheet.
    public var missingColumns: [String]
    /// Sheet columns inside the table area whose header matches no template column.
    public var extraColumns: [(column: Int, header: String)]
    /// Rows of the header block (0-based).
    public var headerRows: ClosedRange<Int>
    /// First data row (0-based).
    public var firstDataRow: Int
    /// The hidden row-id column bieu writes (`bieu:id`), if present.
    public var idColumn: Int?
    /// The hidden row-identity column bieu writes (`bieu:row`), if present.
    public var rowColumn: Int?
    /// Title lines found above the header, top to bottom.
    public var titleLines: [String]
    /// Placeholder values read from the title and header texts (`year`, `number`, …).
    public var captured: [String: String]
    /// Mean header similarity of the matched columns, 0…1.
    public var score: Double
    /// How many template columns matched.
    public var matchedCount: Int

    /// Why this template was chosen, in words.
    public func explanation(_ language: Language) -> String {
        let total = matchedCount + missingColumns.count
        switch language {
        case .vi:
            return "khớp \(matchedCount)/\(total) cột tiêu đề (độ giống \(Int((score * 100).rounded()))%) ở dòng \(headerRows.lowerBound + 1)–\(headerRows.upperBound + 1)"
                + (missingColumns.isEmpty ? "" : "; thiếu cột: \(missingColumns.joined(separator: ", "))")
        case .en:
            return "matched \(matchedCount)/\(total) header columns (similarity \(Int((score * 100).rounded()))%) in rows \(headerRows.lowerBound + 1)–\(headerRows.upperBound + 1)"
                + (missingColumns.isEmpty ? "" : "; missing columns: \(missingColumns.joined(separator: ", "))")
        }
    }
}

/// Finds a template's table on a sheet even when rows or columns were inserted
/// above or beside it, the sheet was renamed, or headers were retyped.
///
/// The header band is searched in the first ``maxScanRows`` rows. Template
/// leaves are aligned to sheet columns in order (a dynamic programme that may
/// skip template columns — missing — and sheet columns — inserted), scoring
/// each pair with ``HeaderText/similarity(pattern:text:)``.
public struct TableLocator {
    public static let maxScanRows = 120
    public static let maxScanColumns = 200
    /// Least similarity for a header cell to count as a template column.
    public static let columnThreshold = 0.5
    /// Least share of template columns that must be found.
    public static let tableThreshold = 0.5

    /// The first rows of a sheet, as text per cell.
    public struct Head: Sendable {
        public var rows: [Int: [Int: String]]
        /// Header tokens of each cell, computed once.
        var tokens: [Int: [Int: [String]]]
        public var merges: [CellRange]
        public var sheetName: String

        public init(sheet: GridSheet) {
            var rows: [Int: [Int: String]] = [:]
            var tokens: [Int: [Int: [String]]] = [:]
            for cell in sheet.cells {
                guard cell.address.row < TableLocator.maxScanRows + 8 else { break }
                guard cell.address.column < TableLocator.maxScanColumns else { continue }
                if let t = Head.text(cell.value) {
                    rows[cell.address.row, default: [:]][cell.address.column] = t
                    // Long texts are data, not headers: a header label is short.
                    tokens[cell.address.row, default: [:]][cell.address.column] = t.utf8.count <= 300 ? HeaderText.meaningfulTokens(t) : []
                }
            }
            self.rows = rows
            self.tokens = tokens
            merges = sheet.merges
            sheetName = sheet.name
        }

        static func text(_ value: GridValue) -> String? {
            switch value {
            case .string(let s): return s.isEmpty ? nil : s
            case .number(let n): return n
            default: return nil
            }
        }
    }

    /// Locates `template` on a sheet, or nil when its header is not there.
    /// `known` placeholder values (from the workbook's own metadata or a base report) sharpen the match.
    /// - Parameter hint: the header's first row where the workbook says it is (bieu's own files): tried
    ///   first, and accepted at once when every template column matches there.
    public static func locate(_ template: Template, in head: Head, known: PlaceholderValues? = nil, hint: Int? = nil) -> LocatedTable? {
        let leaves = template.columns
        let patterns: [[String]] = leaves.map { c in
            HeaderText.withoutStopWords(known.map { HeaderText.tokens($0.fill(c.header)) } ?? HeaderText.tokens(c.header, pattern: true))
        }
        let depth = template.header.map(\.depth).max() ?? 1
        let lastRow = head.rows.keys.max() ?? -1
        var best: (score: Double, matched: Int, start: Int, assignment: [Int?], sims: [Double], rowsOf: [Int])?
        var starts = Array(0...max(min(lastRow, maxScanRows - 1), 0))
        if let hint, hint >= 0, hint < maxScanRows { starts.removeAll { $0 == hint }; starts.insert(hint, at: 0) }
        for start in starts {
            if let b = best, b.matched == leaves.count, b.start == hint { break }
            guard head.rows[start] != nil else { continue }
            let band = start...(start + depth)
            // Best text per sheet column within the band (per pattern we take the best row).
            var columnTexts: [Int: [(row: Int, tokens: [String])]] = [:]
            for r in band {
                for (c, t) in head.tokens[r] ?? [:] where !t.isEmpty { columnTexts[c, default: []].append((r, t)) }
            }
            let cols = columnTexts.keys.sorted()
            guard !cols.isEmpty else { continue }
            // sim[i][j]: leaf i against sheet column cols[j]
            var sim = Array(repeating: Array(repeating: 0.0, count: cols.count), count: leaves.count)
            var simRow = Array(repeating: Array(repeating: start, count: cols.count), count: leaves.count)
            for i in 0..<leaves.count {
                for (j, c) in cols.enumerated() {
                    for (r, tokens) in columnTexts[c]! {
                        let s = HeaderText.similarityOfMeaningful(pattern: patterns[i], text: tokens)
                        if s > sim[i][j] { sim[i][j] = s; simRow[i][j] = r }
                    }
                    if sim[i][j] < columnThreshold { sim[i][j] = 0 }
                }
            }
            // Ordered alignment: dp[i][j] = best total using leaves ..<i and columns ..<j.
            let L = leaves.count, C = cols.count
            var dp = Array(repeating: Array(repeating: 0.0, count: C + 1), count: L + 1)
            for i in 1...L {
                for j in 1...C {
                    dp[i][j] = max(dp[i - 1][j], dp[i][j - 1], dp[i - 1][j - 1] + sim[i - 1][j - 1])
                }
            }
            // Trace back.
            var assignment: [Int?] = Array(repeating: nil, count: L)
            var sims = Array(repeating: 0.0, count: L)
            var rowsOf = Array(repeating: start, count: L)
            var i = L, j = C
            while i > 0 && j > 0 {
                if sim[i - 1][j - 1] > 0 && dp[i][j] == dp[i - 1][j - 1] + sim[i - 1][j - 1] {
                    assignment[i - 1] = cols[j - 1]
                    sims[i - 1] = sim[i - 1][j - 1]
                    rowsOf[i - 1] = simRow[i - 1][j - 1]
                    i -= 1; j -= 1
                } else if dp[i][j] == dp[i - 1][j] {
                    i -= 1
                } else {
                    j -= 1
                }
            }
            let matched = assignment.compactMap { $0 }.count
            let score = dp[L][C] / Double(L)
            if matched > 0, best == nil || score > best!.score + 1e-9 {
                best = (score, matched, start, assignment, sims, rowsOf)
            }
        }
        guard let b = best, Double(b.matched) >= Double(leaves.count) * tableThreshold else { return nil }

        var columns: [String: Int] = [:]
        var missing: [String] = []
        var bottom = b.start
        var top = Int.max
        for (i, leaf) in leaves.enumerated() {
            guard let c = b.assignment[i] else { missing.append(leaf.id); continue }
            columns[leaf.id] = c
            let r = b.rowsOf[i]
            top = min(top, r)
            let merged = head.merges.first { $0.contains(CellAddress(row: r, column: c)) }
            bottom = max(bottom, merged?.end.row ?? r)
        }
        // Group labels above the leaves belong to the header too.
        top = min(top, b.start)
        var firstData = bottom + 1
        if isNumberingRow(head.rows[firstData] ?? [:], columns: Array(columns.values)) { firstData += 1 }

        // The hidden id column, and columns inside the table that match nothing.
        var idColumn: Int?
        var rowColumn: Int?
        var extra: [(Int, String)] = []
        let used = Set(columns.values)
        let minCol = columns.values.min() ?? 0, maxCol = columns.values.max() ?? 0
        for r in top...bottom {
            for (c, t) in head.rows[r] ?? [:] {
                if t == WorkbookMetadata.idHeader { idColumn = c; continue }
                if t == WorkbookMetadata.rowHeader { rowColumn = c; continue }
                if c > minCol && c < maxCol && !used.contains(c) && !extra.contains(where: { $0.0 == c }) {
                    // A group label spanning template columns is not an extra column.
                    if !head.merges.contains(where: { $0.start == CellAddress(row: r, column: c) && $0.columnCount > 1 }) { extra.append((c, t)) }
                }
            }
        }
        // Title lines: non-empty rows above the header, top to bottom.
        var titles: [String] = []
        if top > 0 {
            for r in 0..<top {
                if let texts = head.rows[r], let first = texts.keys.min(), let t = texts[first] { titles.append(t) }
            }
        }
        var captured: [String: String] = [:]
        for (i, leaf) in leaves.enumerated() {
            guard let c = b.assignment[i], let text = head.rows[b.rowsOf[i]]?[c] else { continue }
            if let values = PlaceholderMatcher.match(pattern: leaf.header, text: text) { captured.merge(values) { a, _ in a } }
        }
        for line in template.title {
            for t in titles {
                if let values = PlaceholderMatcher.match(pattern: line.text, text: t) { captured.merge(values) { a, _ in a } }
            }
        }
        return LocatedTable(sheetName: head.sheetName, template: template, columns: columns, missingColumns: missing,
                            extraColumns: extra, headerRows: top...bottom, firstDataRow: firstData, idColumn: idColumn, rowColumn: rowColumn,
                            titleLines: titles, captured: captured, score: b.score * Double(leaves.count) / Double(max(b.matched, 1)),
                            matchedCount: b.matched)
    }

    /// A row that numbers the columns: `1 2 3 …` or `(1) (2) (3) …` or `A B 1 2 …`.
    static func isNumberingRow(_ texts: [Int: String], columns: [Int]) -> Bool {
        let values = columns.sorted().compactMap { texts[$0] }
        guard values.count >= max(3, columns.count / 2) else { return false }
        var numbers = 0
        for v in values {
            let t = v.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            if Int(t) != nil || (t.count == 1 && t.first!.isLetter && t.first!.isUppercase) { numbers += 1 }
        }
        return numbers == values.count
    }
}
