import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// Something the export noticed but did not change.
public enum ExportWarning: Sendable, Hashable, UserFacingError {
    /// A printed computed value disagrees with its expression. The printed value is kept.
    case computedMismatch(sheet: String, cell: CellAddress, mismatch: ComputedCheck.Mismatch, decimals: Int)
    public func message(_ language: Language) -> String {
        switch self {
        case let .computedMismatch(sheet, cell, m, decimals):
            let expected = DecimalFormatting.rounded(m.expected, scale: max(decimals, WrittenNumber.decimals(in: m.printed)))
            let lower = m.lowerIsBetter
            switch language {
            case .vi:
                return "\(sheet)!\(cell.a1) (dòng \(m.rowID), cột \(m.columnID)): số in \(m.printed) khác kết quả tính \(m.expression) = \(DecimalFormatting.vietnamese(expected))\(lower ? " (chỉ tiêu càng thấp càng tốt)" : ""); giữ nguyên số in."
            case .en:
                return "\(sheet)!\(cell.a1) (row \(m.rowID), column \(m.columnID)): printed \(m.printed) differs from \(m.expression) = \(DecimalFormatting.plain(expected))\(lower ? " (lower is better)" : ""); the printed value is kept."
            }
        }
    }
}
