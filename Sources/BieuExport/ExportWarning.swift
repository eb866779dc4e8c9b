import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// Something the export noticed but did not change.
public enum ExportWarning: Sendable, Hashable, UserFacingError {
    /// Where a cell is, as the user finds it in the file they open.
    public enum Place: Sendable, Hashable {
        /// A worksheet of the workbook: `Phụ lục!F9`.
        case sheet(String)
        /// A CSV file: its record (the row a spreadsheet shows it on) and field.
        case csv(file: String)
        /// A table of a Word document (1-based number in the document) whose first row is
        /// the grid's row `firstRow`: named as the .docx reader names it (``SheetCell/text(_:)``:
        /// `Bảng 2, hàng 5, cột C`, rows counted in the table), so export and import agree.
        case docx(file: String, table: Int, firstRow: Int)

        func describe(_ cell: CellAddress, _ language: Language) -> String {
            switch (self, language) {
            case let (.sheet(name), _): return "\(name)!\(cell.a1)"
            case let (.csv(file), .vi): return "\(file) hàng \(cell.row + 1), cột \(cell.column + 1) (ô \(cell.a1))"
            case let (.csv(file), .en): return "\(file) record \(cell.row + 1), field \(cell.column + 1) (cell \(cell.a1))"
            case let (.docx(file, table, firstRow), _):
                let place = SheetCell(sheet: DocumentTable.sheetName(table), address: CellAddress(row: cell.row - firstRow, column: cell.column))
                return "\(file), \(place.text(language))"
            }
        }
    }

    /// A printed computed value disagrees with its expression. The printed value is kept.
    case computedMismatch(place: Place, cell: CellAddress, mismatch: ComputedCheck.Mismatch, decimals: Int)

    public func message(_ language: Language) -> String {
        switch self {
        case let .computedMismatch(place, cell, m, decimals):
            let expected = DecimalFormatting.rounded(m.expected, scale: max(decimals, WrittenNumber.decimals(in: m.printed)))
            let lower = m.lowerIsBetter
            let at = place.describe(cell, language)
            switch language {
            case .vi:
                return "\(at) (dòng \(m.rowID), cột \(m.columnID)): số in \(m.printed) khác kết quả tính \(m.expression) = \(DecimalFormatting.vietnamese(expected))\(lower ? " (chỉ tiêu càng thấp càng tốt)" : ""); giữ nguyên số in."
            case .en:
                return "\(at) (row \(m.rowID), column \(m.columnID)): printed \(m.printed) differs from \(m.expression) = \(DecimalFormatting.plain(expected))\(lower ? " (lower is better)" : ""); the printed value is kept."
            }
        }
    }
}
