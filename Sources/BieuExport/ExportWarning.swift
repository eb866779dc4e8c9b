import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// Something the export noticed but did not change.
public enum ExportWarning: Sendable, Hashable, UserFacingError {
    /// A printed computed value disagrees with its expression. The printed value is kept.
    case computedMismatch(sheet: String, cell: CellAddress, mismatch: ComputedCheck.Mismatch, decimals: Int)
    /// A row needs more height than Excel allows (409 pt); some text will not print.
    case rowTooTall(sheet: String, row: Int, rowID: String, needed: Double)

    public func message(_ language: Language) -> String {
        switch self {
        case let .computedMismatch(sheet, cell, m, decimals):
            let expected = DecimalFormatting.rounded(m.expected, scale: max(decimals, ComputedCheck.fractionDigits(m.printed)))
            let lower = m.lowerIsBetter
            switch language {
            case .vi:
                return "\(sheet)!\(cell.a1) (dòng \(m.rowID), cột \(m.columnID)): số in \(m.printed) khác kết quả tính \(m.expression) = \(DecimalFormatting.vietnamese(expected))\(lower ? " (chỉ tiêu càng thấp càng tốt)" : ""); giữ nguyên số in."
            case .en:
                return "\(sheet)!\(cell.a1) (row \(m.rowID), column \(m.columnID)): printed \(m.printed) differs from \(m.expression) = \(DecimalFormatting.plain(expected))\(lower ? " (lower is better)" : ""); the printed value is kept."
            }
        case let .rowTooTall(sheet, row, rowID, needed):
            switch language {
            case .vi:
                return "\(sheet)!\(row + 1) (dòng \(rowID)): nội dung cần cao \(Int(needed)) pt, vượt giới hạn 409 pt của Excel; hãy nới rộng cột hoặc rút gọn chữ."
            case .en:
                return "\(sheet)!\(row + 1) (row \(rowID)): the text needs \(Int(needed)) pt of height, above Excel's 409 pt limit; widen the column or shorten the text."
            }
        }
    }
}
