import BieuCore
import BieuTemplates

/// How far a sheet is from the template's ``TableLayout``: rows inserted above
/// the header, columns that moved, and header cells whose text differs from the
/// layout's (missing and extra columns are on ``LocatedTable``).
public struct LayoutDistance: Sendable {
    public struct HeaderDifference: Sendable {
        /// Where the sheet has the text.
        public var address: CellAddress
        public var expected: String
        public var found: String
    }

    public struct MovedColumn: Sendable {
        public var columnID: String
        /// The column's index in the layout, and on the sheet.
        public var expected: Int
        public var found: Int
    }

    /// Sheet row of the header minus the layout's (positive: rows inserted above it).
    public var rowsShifted: Int
    /// The header's first row on the sheet and in the layout (0-based).
    public var headerRow: Int
    public var expectedHeaderRow: Int
    public var movedColumns: [MovedColumn]
    public var headerDifferences: [HeaderDifference]

    public var isZero: Bool { rowsShifted == 0 && movedColumns.isEmpty && headerDifferences.isEmpty }

    init(layout: TableLayout, head: TableLocator.Head, columns: [String: Int], rowsOf: [String: Int], headerTop: Int, expectedTop: Int) {
        rowsShifted = headerTop - expectedTop
        headerRow = headerTop
        expectedHeaderRow = expectedTop
        var moved: [MovedColumn] = []
        var differences: [HeaderDifference] = []
        func compare(_ block: TableLayout.Block, at address: CellAddress) {
            guard let found = head.rows[address.row]?[address.column] else { return }
            if Self.plain(found) != Self.plain(block.text) { differences.append(HeaderDifference(address: address, expected: block.text, found: found)) }
        }
        for (i, column) in layout.columns.enumerated() {
            guard let c = columns[column.id] else { continue }
            if c != i { moved.append(MovedColumn(columnID: column.id, expected: i, found: c)) }
            if let r = rowsOf[column.id] { compare(layout.columnBlocks[i], at: CellAddress(row: r, column: c)) }
        }
        // Group labels: at the group's level over its first child found.
        for group in layout.groupBlocks {
            let children = layout.columns[group.range.start.column...group.range.end.column].compactMap { columns[$0.id] }
            guard let first = children.min() else { continue }
            compare(group, at: CellAddress(row: headerTop + group.range.start.row - layout.headerRows.lowerBound, column: first))
        }
        movedColumns = moved
        headerDifferences = differences.sorted { $0.address < $1.address }
    }

    /// A text with its spacing made plain (line breaks and runs of spaces are one space).
    static func plain(_ s: String) -> String {
        VietnameseText.nfc(s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " "))
    }

    /// One line for each way the sheet differs from the layout.
    public func lines(_ language: Language, template: Template) -> [String] {
        let vi = language == .vi
        var out: [String] = []
        if rowsShifted > 0 {
            out.append(vi ? "tiêu đề bảng ở dòng \(headerRow + 1), mẫu đặt ở dòng \(expectedHeaderRow + 1): \(rowsShifted) dòng được chèn phía trên"
                : "the header is in row \(headerRow + 1), the layout puts it in row \(expectedHeaderRow + 1): \(rowsShifted) rows inserted above it")
        } else if rowsShifted < 0 {
            out.append(vi ? "tiêu đề bảng ở dòng \(headerRow + 1), mẫu đặt ở dòng \(expectedHeaderRow + 1): thiếu \(-rowsShifted) dòng phía trên"
                : "the header is in row \(headerRow + 1), the layout puts it in row \(expectedHeaderRow + 1): \(-rowsShifted) rows above it are missing")
        }
        if !movedColumns.isEmpty {
            let list = movedColumns.map { "\(template.column($0.columnID)?.header ?? $0.columnID) \(CellAddress.columnLetters($0.expected))→\(CellAddress.columnLetters($0.found))" }
                .joined(separator: ", ")
            out.append(vi ? "cột ở vị trí khác mẫu: \(list)" : "columns not where the layout puts them: \(list)")
        }
        for d in headerDifferences {
            out.append(vi ? "ô tiêu đề \(d.address.a1) ghi \"\(d.found)\", mẫu ghi \"\(d.expected)\""
                : "header cell \(d.address.a1) reads \"\(d.found)\", the layout reads \"\(d.expected)\"")
        }
        return out
    }

    /// The differences as notes, each at its place.
    func findings(sheet: String, table: String, template: Template) -> [Finding] {
        var out: [Finding] = []
        let (vi, en) = (lines(.vi, template: template), lines(.en, template: template))
        var k = 0
        if rowsShifted != 0 {
            out.append(Finding(.note, "layout-rows-shifted", at: SheetCell(sheet: sheet, address: CellAddress(row: headerRow, column: 0)), table: table, vi: vi[k], en: en[k]))
            k += 1
        }
        if let first = movedColumns.first {
            out.append(Finding(.note, "layout-columns-moved", at: SheetCell(sheet: sheet, address: CellAddress(row: headerRow, column: first.found)), table: table,
                               vi: vi[k], en: en[k]))
            k += 1
        }
        for d in headerDifferences {
            out.append(Finding(.note, "layout-header-differs", at: SheetCell(sheet: sheet, address: d.address), table: table, vi: vi[k], en: en[k]))
            k += 1
        }
        return out
    }
}
