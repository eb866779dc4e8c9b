import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// Where a template's table was found on a sheet, and how far the sheet is
/// from the template's ``TableLayout``.
public struct LocatedTable: Sendable {
    public var sheetName: String
    public var template: Template { layout.template }
    /// The layout the sheet was matched against, filled with the known (or read) placeholder values.
    public var layout: TableLayout
    /// Template column id → sheet column index, for the columns found.
    public var columns: [String: Int]
    /// Template columns not found on the sheet.
    public var missingColumns: [String]
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
    /// What differs from the layout: rows above the header, moved columns, header texts.
    public var distance: LayoutDistance

    /// How many columns the template has (matched or missing).
    public var columnCount: Int { matchedCount + missingColumns.count }
    /// The share of the template's columns that matched, 0…1: how sheets are compared across templates.
    public var columnShare: Double { columnCount == 0 ? 0 : Double(matchedCount) / Double(columnCount) }

    /// Why this template was chosen, in words.
    public func explanation(_ language: Language) -> String {
        let total = columnCount
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

/// Matches a sheet against a template's ``TableLayout``: finds the header band
/// even when rows or columns were inserted above or beside it, the sheet was
/// renamed, or headers were retyped, and says how far the sheet is from the layout.
///
/// The header band is searched in the first ``maxScanRows`` rows. The layout's
/// columns are aligned to sheet columns in order (a dynamic programme that may
/// skip layout columns — missing — and sheet columns — inserted). A pair scores
/// the better of the column's own label against one header cell, and its header
/// path (group labels, then its label) against the texts over the sheet column
/// (a group label merged or written once over its children counts for each child),
/// with ``HeaderText/similarity(pattern:text:)``.
public struct TableLocator {
    public static let maxScanRows = 120
    public static let maxScanColumns = 200
    /// Least similarity for a header cell to count as a template column.
    public static let columnThreshold = 0.5
    /// Least share of template columns that must be found.
    public static let tableThreshold = 0.5
    /// Most scan-window cells that merged ranges may cover (hostile merges stay cheap).
    static let maxMergedCells = 100_000

    /// The first rows of a sheet, as text per cell.
    public struct Head: Sendable {
        public var rows: [Int: [Int: String]]
        /// Header tokens of each cell, computed once.
        var tokens: [Int: [Int: [String]]]
        public var merges: [CellRange]
        /// A scan-window cell covered by a merged range → the range's first cell (when it holds a text).
        var mergeStart: [CellAddress: CellAddress] = [:]
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
            var budget = TableLocator.maxMergedCells
            for m in merges where rows[m.start.row]?[m.start.column] != nil && budget > 0 {
                for r in m.start.row...min(m.end.row, TableLocator.maxScanRows + 7) {
                    for c in m.start.column...min(m.end.column, TableLocator.maxScanColumns - 1) where budget > 0 {
                        mergeStart[CellAddress(row: r, column: c)] = m.start
                        budget -= 1
                    }
                }
            }
        }

        static func text(_ value: GridValue) -> String? {
            switch value {
            case .string(let s): return s.isEmpty ? nil : s
            case .number(let n): return n
            default: return nil
            }
        }

        /// The cell whose text stands over (r, c) in a header band: its own, a merged range's,
        /// or a group label written once to the left over contiguous columns that all have a
        /// label below row r (as a CSV or an unmerged sheet shows a group).
        func groupCovers(row r: Int, band: ClosedRange<Int>, columns: [Int]) -> [Int: CellAddress] {
            var out: [Int: CellAddress] = [:]
            var label: CellAddress?
            var previous = -2
            for c in columns {
                let here = CellAddress(row: r, column: c)
                let hasBelow = (r + 1 <= band.upperBound) && (r + 1...band.upperBound).contains { rows[$0]?[c] != nil }
                if c != previous + 1 || !hasBelow { label = nil }
                if rows[r]?[c] != nil {
                    out[c] = here
                    if hasBelow { label = here }
                } else if let m = mergeStart[here] {
                    out[c] = m
                } else if let label {
                    out[c] = label
                }
                previous = c
            }
            return out
        }
    }

    /// Locates `template` on a sheet, or nil when its header is not there.
    /// `known` placeholder values (from the workbook's own metadata or a base report) sharpen the match.
    /// - Parameter hint: the header's first row where the workbook says it is (bieu's own files): tried
    ///   first, and accepted at once when every template column matches there.
    public static func locate(_ template: Template, in head: Head, known: PlaceholderValues? = nil, hint: Int? = nil) -> LocatedTable? {
        locate(TableLayout(template: template, values: known ?? PlaceholderValues()), in: head, useValues: known != nil, hint: hint)
    }

    /// Matches `layout` against a sheet. With `useValues` the layout's filled texts are
    /// expected; otherwise its patterns, a placeholder matching any number.
    public static func locate(_ layout: TableLayout, in head: Head, useValues: Bool, hint: Int? = nil) -> LocatedTable? {
        let template = layout.template
        let leaves = template.columns
        func tokens(_ b: TableLayout.Block) -> [String] {
            HeaderText.withoutStopWords(useValues ? HeaderText.tokens(b.text) : HeaderText.tokens(b.pattern, pattern: true))
        }
        let patterns = layout.columnBlocks.map(tokens)
        let paths = leaves.indices.map { i in layout.headerPath(column: i).flatMap(tokens) }
        let depth = layout.headerRows.count
        let lastRow = head.rows.keys.max() ?? -1
        var best: (score: Double, matched: Int, start: Int, assignment: [Int?], sims: [Double], rowsOf: [Int], covers: [Int: [CellAddress]])?
        var starts = Array(0...max(min(lastRow, maxScanRows - 1), 0))
        if let hint, hint >= 0, hint < maxScanRows { starts.removeAll { $0 == hint }; starts.insert(hint, at: 0) }
        for start in starts {
            if let b = best, b.matched == leaves.count, b.start == hint { break }
            guard head.rows[start] != nil else { continue }
            let band = start...(start + depth)
            var cells: [Int: [(row: Int, tokens: [String])]] = [:]
            for r in band {
                for (c, t) in head.tokens[r] ?? [:] where !t.isEmpty { cells[c, default: []].append((r, t)) }
            }
            let cols = cells.keys.sorted()
            guard !cols.isEmpty else { continue }
            // The texts over each sheet column, top to bottom (each source cell once).
            var covers: [Int: [CellAddress]] = [:]
            for r in band {
                for (c, a) in head.groupCovers(row: r, band: band, columns: cols) where covers[c]?.contains(a) != true { covers[c, default: []].append(a) }
            }
            // sim[i][j]: leaf i against sheet column cols[j]
            var sim = Array(repeating: Array(repeating: 0.0, count: cols.count), count: leaves.count)
            var simRow = Array(repeating: Array(repeating: start, count: cols.count), count: leaves.count)
            for (j, c) in cols.enumerated() {
                // The path down to each of the column's own cells (never the data rows below the label).
                var pathTo: [Int: [String]] = [:]
                for (r, _) in cells[c]! {
                    pathTo[r] = (covers[c] ?? []).filter { $0.row <= r }.flatMap { head.tokens[$0.row]?[$0.column] ?? [] }
                }
                for i in leaves.indices {
                    var single = -1.0
                    for (r, t) in cells[c]! {
                        let s = HeaderText.similarityOfMeaningful(pattern: patterns[i], text: t)
                        if s > single { single = s; simRow[i][j] = r }
                    }
                    // The path down to the label that matched best.
                    sim[i][j] = max(single, HeaderText.similarityOfMeaningful(pattern: paths[i], text: pathTo[simRow[i][j]] ?? []))
                    if sim[i][j] < columnThreshold { sim[i][j] = 0 }
                }
            }
            // Ordered alignment: dp[i][j] = best total using leaves ..<i and columns ..<j.
            let L = leaves.count, C = cols.count
            var dp = Array(repeating: Array(repeating: 0.0, count: C + 1), count: L + 1)
            for i in 1...L {
                for j in 1...C { dp[i][j] = max(dp[i - 1][j], dp[i][j - 1], dp[i - 1][j - 1] + sim[i - 1][j - 1]) }
            }
            var assignment: [Int?] = Array(repeating: nil, count: L)
            var sims = Array(repeating: 0.0, count: L)
            var rowsOf = Array(repeating: start, count: L)
            var i = L, j = C
            while i > 0 && j > 0 {
                if sim[i - 1][j - 1] > 0 && dp[i][j] == dp[i - 1][j - 1] + sim[i - 1][j - 1] {
                    (assignment[i - 1], sims[i - 1], rowsOf[i - 1]) = (cols[j - 1], sim[i - 1][j - 1], simRow[i - 1][j - 1])
                    i -= 1; j -= 1
                } else if dp[i][j] == dp[i - 1][j] {
                    i -= 1
                } else {
                    j -= 1
                }
            }
            let matched = assignment.compactMap { $0 }.count
            let score = dp[L][C] / Double(L)
            if matched > 0, best == nil || score > best!.score + 1e-9 { best = (score, matched, start, assignment, sims, rowsOf, covers) }
        }
        guard let b = best, Double(b.matched) >= Double(leaves.count) * tableThreshold else { return nil }

        var columns: [String: Int] = [:]
        var missing: [String] = []
        var bottom = b.start
        for (i, leaf) in leaves.enumerated() {
            guard let c = b.assignment[i] else { missing.append(leaf.id); continue }
            columns[leaf.id] = c
            let r = b.rowsOf[i]
            bottom = max(bottom, head.merges.first { $0.contains(CellAddress(row: r, column: c)) }?.end.row ?? r)
        }
        // Group labels above the leaves belong to the header too.
        let top = min(b.rowsOf.indices.filter { b.assignment[$0] != nil }.map { b.rowsOf[$0] }.min() ?? b.start, b.start)
        var firstData = bottom + 1
        if isNumberingRow(head.rows[firstData] ?? [:], columns: Array(columns.values)) { firstData += 1 }

        // bieu's hidden columns (columns the table does not use are ``SheetCoverage``'s).
        let header = (top...bottom).flatMap { r in head.rows[r] ?? [:] }
        let idColumn = header.first { $0.value == WorkbookMetadata.idHeader }?.key
        let rowColumn = header.first { $0.value == WorkbookMetadata.rowHeader }?.key
        // Title lines: non-empty rows above the header, top to bottom (each row's first text).
        let titles = (0..<top).compactMap { r in head.rows[r].flatMap { texts in texts.keys.min().flatMap { texts[$0] } } }
        var captured: [String: String] = [:]
        for (i, leaf) in leaves.enumerated() {
            guard let c = b.assignment[i], let text = head.rows[b.rowsOf[i]]?[c] else { continue }
            if let values = PlaceholderMatcher.match(pattern: leaf.header, text: text) { captured.merge(values) { a, _ in a } }
            else if let values = groupYear(pattern: leaf.header, texts: (b.covers[c] ?? []).filter { $0.row <= b.rowsOf[i] }.compactMap { head.rows[$0.row]?[$0.column] }) {
                captured.merge(values) { a, _ in a }
            }
        }
        for line in template.title {
            for t in titles {
                if let values = PlaceholderMatcher.match(pattern: line.text, text: t) { captured.merge(values) { a, _ in a } }
            }
        }
        // The layout as this sheet should show it, and how far the sheet is from it.
        let filled = useValues ? layout : TableLayout(template: template, values: PlaceholderValues(values: captured))
        let distance = LayoutDistance(layout: filled, head: head, columns: columns, rowsOf: Dictionary(uniqueKeysWithValues: leaves.indices.compactMap { i in
            b.assignment[i] == nil ? nil : (leaves[i].id, b.rowsOf[i])
        }), headerTop: top,
            // Where the layout puts the header: where the workbook says, else below the title lines found.
            expectedTop: hint ?? (titles.isEmpty ? 0 : titles.count + template.blankRowsAfterTitle))
        return LocatedTable(sheetName: head.sheetName, layout: filled, columns: columns, missingColumns: missing,
                            headerRows: top...bottom, firstDataRow: firstData, idColumn: idColumn, rowColumn: rowColumn,
                            titleLines: titles, captured: captured, score: b.score * Double(leaves.count) / Double(max(b.matched, 1)),
                            matchedCount: b.matched, distance: distance)
    }

    /// A year-only pattern (`Kế hoạch năm {year}`) whose year the group label above supplies
    /// (`Năm 2024` over `Kế hoạch`): the one four-digit number of the texts over the column.
    static func groupYear(pattern: String, texts: [String]) -> [String: String]? {
        guard let names = PlaceholderValues.names(in: pattern), Set(names).count == 1, let name = names.first,
              PlaceholderMatcher.yearLike.contains(name) else { return nil }
        let years = Set(texts.flatMap { $0.split(whereSeparator: { !$0.isNumber }) }.filter { $0.count == 4 }.map(String.init))
        return years.count == 1 ? [name: years.first!] : nil
    }

    /// A row that numbers the columns: `1 2 3 …` or `(1) (2) (3) …` or `A B 1 2 …`.
    static func isNumberingRow(_ texts: [Int: String], columns: [Int]) -> Bool {
        let values = columns.sorted().compactMap { texts[$0] }
        guard values.count >= max(3, columns.count / 2) else { return false }
        return values.allSatisfy { v in
            let t = v.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            return Int(t) != nil || (t.count == 1 && t.first!.isLetter && t.first!.isUppercase)
        }
    }
}
