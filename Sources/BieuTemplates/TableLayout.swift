import BieuCore
import BieuModel

/// Where everything of one table goes on a sheet: the title block, the header
/// block with its merges (derived from the header tree), and the columns.
///
/// Export writes exactly this shape; import looks for exactly this shape
/// (allowing for rows and columns people insert around it).
public struct TableLayout: Sendable {
    /// One placed text of the title or header block.
    public struct Block: Sendable, Hashable {
        public var range: CellRange
        public var text: String
        /// The template's text before placeholders were filled (`Kế hoạch năm {year}`);
        /// import matches a sheet against it when the values are not known.
        public var pattern: String = ""
    }

    public let template: Template
    /// The placeholder values the layout was filled with.
    public let values: PlaceholderValues
    public let sheetName: String
    /// Title lines with their style, one row each, merged across the table width.
    public let titleLines: [(block: Block, style: TitleStyle)]
    /// Header cells: group labels span their children; a leaf spans down to the last header row.
    public let headerBlocks: [Block]
    /// Header rows (0-based sheet rows).
    public let headerRows: Range<Int>
    /// Each column's own header label, in column order (a leaf spans down to the last header row).
    public let columnBlocks: [Block]
    /// Group labels, each spanning its children (outermost first).
    public let groupBlocks: [Block]
    /// The leaf columns in order; the column's sheet index is its position.
    public let columns: [Column]
    /// The first data row (0-based).
    public let firstDataRow: Int
    /// Index of each column id.
    public let columnIndex: [String: Int]

    /// Lays out a template.
    ///
    /// - Parameters:
    ///   - values: placeholder values from the report.
    ///   - titleOverride: the table's own title lines; when non-empty they replace the template's texts
    ///     (styles are kept by position; extra lines are subtitles).
    public init(template: Template, values: PlaceholderValues, titleOverride: [String] = []) {
        self.template = template
        self.values = values
        var name = values.fill(template.sheet)
        for bad in ["[", "]", ":", "*", "?", "/", "\\"] { name = name.replacingOccurrences(of: bad, with: "-") }
        if name.count > 31 { name = String(name.prefix(31)) }
        sheetName = name
        columns = template.columns
        columnIndex = Dictionary(columns.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let lastColumn = max(columns.count - 1, 0)

        var titles: [(Block, TitleStyle)] = []
        let texts: [(String, TitleStyle)]
        if titleOverride.isEmpty {
            texts = template.title.map { (values.fill($0.text), $0.style) }
        } else {
            texts = titleOverride.enumerated().map { i, line in
                (line, i < template.title.count ? template.title[i].style : .subtitle)
            }
        }
        for (i, (text, style)) in texts.enumerated() {
            let pattern = titleOverride.isEmpty ? template.title[i].text : text
            titles.append((Block(range: CellRange(row: i, column: 0, lastRow: i, lastColumn: lastColumn), text: text, pattern: pattern), style))
        }
        titleLines = titles
        let headerStart = titles.count + (titles.isEmpty ? 0 : template.blankRowsAfterTitle)
        let depth = template.header.map(\.depth).max() ?? 1
        headerRows = headerStart..<(headerStart + depth)
        firstDataRow = headerStart + depth

        var leaves: [Block] = []
        var groups: [Block] = []
        var col = 0
        func place(_ node: HeaderNode, level: Int) {
            switch node {
            case .column(let c):
                leaves.append(Block(range: CellRange(row: headerStart + level, column: col, lastRow: headerStart + depth - 1, lastColumn: col),
                                    text: values.fill(c.header), pattern: c.header))
                col += 1
            case let .group(label, children):
                let start = col
                for child in children { place(child, level: level + 1) }
                groups.append(Block(range: CellRange(row: headerStart + level, column: start, lastRow: headerStart + level, lastColumn: col - 1),
                                    text: values.fill(label), pattern: label))
            }
        }
        for node in template.header { place(node, level: 0) }
        columnBlocks = leaves
        groupBlocks = groups.sorted { $0.range.start < $1.range.start }
        headerBlocks = (leaves + groups).sorted { $0.range.start < $1.range.start }
    }

    /// The header labels over a column, top to bottom: the groups it belongs to, then its own.
    public func headerPath(column: Int) -> [Block] {
        guard columnBlocks.indices.contains(column) else { return [] }
        return groupBlocks.filter { $0.range.start.column <= column && column <= $0.range.end.column } + [columnBlocks[column]]
    }

    /// The column index for an id.
    public func index(of columnID: String) -> Int? { columnIndex[columnID] }

    /// The sheet address of a column in a data row (0-based data row index).
    public func address(dataRow: Int, columnID: String) -> CellAddress? {
        columnIndex[columnID].map { CellAddress(row: firstDataRow + dataRow, column: $0) }
    }
}

extension Template {
    /// The title lines a sheet of this template shows: the table's own lines (or, when it has none,
    /// the template's filled in) and, for a workbook made for one unit when the template does not
    /// place `{unit}` itself, the line "Đơn vị báo cáo: …" below them. What a staff workbook writes
    /// and what the import checks a returned sheet's title against.
    public func shownTitle(_ own: [String], values: PlaceholderValues, unit: String?) -> [String] {
        let lines = own.isEmpty ? title.map { values.fill($0.text) } : own
        guard let unit, !title.contains(where: { $0.text.contains("{unit}") }) else { return lines }
        return lines + ["Đơn vị báo cáo: \(unit)"]
    }
}
