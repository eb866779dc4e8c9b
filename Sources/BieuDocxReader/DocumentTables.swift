import BieuCore

/// Turns the document's `w:tbl`s into the tables a reader sees, one grid sheet each.
///
/// - **Split tables** are joined: a `w:tbl` continues the table before it when
///   nothing but empty paragraphs (page or section breaks) stands between
///   them, it has as many columns, and either its first row repeats the
///   table's first row (the header typed again on the next page) or it has no
///   header rows of its own (`w:tblHeader`) and the same column widths.
/// - **Repeated header rows**: inside a table (joined or not), a row equal to
///   the table's first row, and the rows after it that equal the table's next
///   rows, are the header typed again; so is a row marked `w:tblHeader` below
///   the table's first rows. They are left empty in the grid.
/// - **Spacer rows** (no text in any cell) are empty rows of the grid.
///
/// Rows keep their place: the grid's row `r` is the table's `r + 1`-th row,
/// counted through every piece of it, repeated headers and spacers included,
/// so that a finding's "table 2, row 5" can be found in the document.
enum DocumentTables {
    /// Pieces that form one table.
    struct Joined {
        var pieces: [RawTable]
        var rows: [RawRow] { pieces.flatMap(\.rows) }
    }

    static func join(_ tables: [RawTable]) -> [Joined] {
        var out: [Joined] = []
        for t in tables {
            if let last = out.last, continues(last, with: t) {
                out[out.count - 1].pieces.append(t)
            } else {
                out.append(Joined(pieces: [t]))
            }
        }
        return out
    }

    /// Whether `next` continues `table` (see the type's comment).
    static func continues(_ table: Joined, with next: RawTable) -> Bool {
        guard let first = table.pieces.first, !next.textBefore, !next.rows.isEmpty, !first.rows.isEmpty,
              next.columnCount == first.columnCount else { return false }
        let head = first.rows[0].signature
        if head.count >= 2, next.rows[0].signature == head { return true }
        guard !next.rows[0].isHeader, first.gridWidths.count == next.gridWidths.count, !first.gridWidths.isEmpty else { return false }
        return zip(first.gridWidths, next.gridWidths).allSatisfy { abs($0 - $1) <= max(20, $0 / 50) }
    }

    /// Rows (indices into `rows`) that repeat the header below the table's first rows.
    static func repeatedHeaderRows(_ rows: [RawRow]) -> Set<Int> {
        guard !rows.isEmpty else { return [] }
        let headerDepth = max(1, rows.prefix { $0.isHeader }.count)
        // How many rows a repeat may run: the tblHeader rows, else at most 8 (bieu's templates have up to 3).
        let bound = rows[0].isHeader ? headerDepth : min(rows.count, 8)
        let signatures = rows.map(\.signature)
        var out: Set<Int> = []
        let head = signatures[0]
        var j = headerDepth
        while j < rows.count {
            if head.count >= 2 && signatures[j] == head {
                var k = 0
                while k < bound && j + k < rows.count && signatures[j + k] == signatures[k] {
                    out.insert(j + k)
                    k += 1
                }
                j += max(k, 1)
                continue
            }
            if rows[j].isHeader { out.insert(j) }
            j += 1
        }
        return out
    }

    /// The grid sheet of a joined table, named ``DocumentTable/sheetName(_:)``.
    static func sheet(_ table: Joined, number: Int) -> GridSheet {
        let rows = table.rows
        let skipped = repeatedHeaderRows(rows)
        var cells: [GridCell] = []
        var merges: [CellRange] = []
        // Vertical merges open by starting column: first row, last row, span.
        var open: [Int: (start: Int, end: Int, span: Int)] = [:]
        func close(_ column: Int) {
            guard let m = open.removeValue(forKey: column) else { return }
            if m.end > m.start || m.span > 1 { merges.append(CellRange(row: m.start, column: column, lastRow: m.end, lastColumn: column + m.span - 1)) }
        }
        for (r, row) in rows.enumerated() {
            if skipped.contains(r) {
                for c in open.keys.sorted() { close(c) }
                continue
            }
            var continued: Set<Int> = []
            for c in row.cells {
                switch c.merge {
                case .continue:
                    if var m = open[c.column], m.span == c.span, m.end == r - 1 {
                        m.end = r
                        open[c.column] = m
                        continued.insert(c.column)
                    }
                    continue
                case .restart:
                    close(c.column)
                    open[c.column] = (r, r, c.span)
                    continued.insert(c.column)
                case .none:
                    close(c.column)
                    if c.span > 1 { merges.append(CellRange(row: r, column: c.column, lastRow: r, lastColumn: c.column + c.span - 1)) }
                }
                if !c.text.allSatisfy(\.isWhitespace) {
                    cells.append(GridCell(address: CellAddress(row: r, column: c.column), value: .string(c.text)))
                }
            }
            for column in open.keys.sorted() where !continued.contains(column) { close(column) }
        }
        for c in open.keys.sorted() { close(c) }
        merges.sort { ($0.start.row, $0.start.column) < ($1.start.row, $1.start.column) }
        return GridSheet(name: DocumentTable.sheetName(number), cells: cells, merges: merges)
    }
}
