import BieuCore
import BieuTemplates
import BieuXLSXWriter

/// What a feedback workbook (`bieu round feedback`) adds to a staff workbook:
/// each finding's cell highlighted with an Excel note saying what is wrong, and
/// a sheet listing every finding. The unit corrects the workbook and sends it
/// back; it is read like any staff workbook.
public struct FeedbackMarks: Sendable {
    /// One finding placed on a cell of the table.
    public struct Mark: Sendable, Hashable {
        /// The row (by id, so the mark lands where the row is in the new workbook).
        public var rowID: String
        /// The column; nil: the row's first column.
        public var columnID: String?
        public var isError: Bool
        /// The note's text (Vietnamese by default).
        public var text: String
        public init(rowID: String, columnID: String?, isError: Bool, text: String) {
            self.rowID = rowID; self.columnID = columnID; self.isError = isError; self.text = text
        }
    }

    public var marks: [Mark]
    /// The findings sheet: a header line and one line per finding (place, severity, code, message).
    public var sheetName: String
    public var header: [String]
    public var lines: [[String]]
    /// Note author shown by Excel.
    public var author: String

    public init(marks: [Mark], sheetName: String = "Lỗi cần sửa", header: [String], lines: [[String]], author: String = "bieu") {
        self.marks = marks; self.sheetName = sheetName; self.header = header; self.lines = lines; self.author = author
    }

    static let errorFill: UInt32 = 0xFFC7CE
    static let warningFill: UInt32 = 0xFFEB9C

    /// Notes and highlights on the table sheet; several findings on one cell share one note.
    /// Returns the marks that found no cell (their row is not in the workbook).
    func annotate(sheet: XLSXWorksheet, rendered: RenderedTable) throws -> [Mark] {
        var rowOf: [String: Int] = [:]
        for r in rendered.rows { rowOf[r.rowID] = r.sheetRow }
        var columnOf: [String: Int] = [:]
        for (i, c) in rendered.layout.columns.enumerated() { columnOf[c.id] = i }
        var grouped: [CellAddress: [Mark]] = [:]
        var order: [CellAddress] = []
        var unplaced: [Mark] = []
        for m in marks {
            guard let row = rowOf[m.rowID] else { unplaced.append(m); continue }
            let column = m.columnID.flatMap { columnOf[$0] } ?? 0
            let at = CellAddress(row: row, column: column)
            if grouped[at] == nil { order.append(at) }
            grouped[at, default: []].append(m)
        }
        for at in order {
            let ms = grouped[at]!
            try sheet.writeComment(at.row, at.column, ms.map(\.text).joined(separator: "\n"), author: author)
            let fill = ms.contains(where: \.isError) ? Self.errorFill : Self.warningFill
            try sheet.conditionalFormat([CellRange(row: at.row, column: at.column, lastRow: at.row, lastColumn: at.column)],
                                        formula: "TRUE", highlight: XLSXHighlight(fill: fill))
        }
        return unplaced
    }

    /// The findings sheet.
    func writeSheet(_ workbook: XLSXWorkbook, font: String) throws {
        try PlainSheet(name: sheetName, header: header, lines: lines.map { $0.map(PlainSheet.Value.text) }, widths: [18, 10, 20, 90], font: font)
            .write(to: workbook)
    }
}
