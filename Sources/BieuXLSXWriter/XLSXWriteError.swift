import BieuCore
import CXlsxWriter

/// Why a workbook could not be written. Cases carry the sheet and cell.
public enum XLSXWriteError: UserFacingError, Equatable {
    /// libxlsxwriter refused a cell write (e.g. a text longer than Excel's 32,767 characters).
    case cell(sheet: String, cell: CellAddress, reason: String)
    /// A sheet could not be added (invalid or duplicate name).
    case sheet(name: String, reason: String)
    /// The workbook could not be created or saved.
    case file(path: String, reason: String)
    /// Another operation failed (merge, formula, page setup).
    case operation(sheet: String, what: String, reason: String)

    public func message(_ language: Language) -> String {
        switch (self, language) {
        case let (.cell(sheet, cell, reason), .vi): return "Không ghi được ô \(sheet)!\(cell.a1): \(reason)"
        case let (.cell(sheet, cell, reason), .en): return "Cannot write cell \(sheet)!\(cell.a1): \(reason)"
        case let (.sheet(name, reason), .vi): return "Không tạo được trang tính \"\(name)\": \(reason)"
        case let (.sheet(name, reason), .en): return "Cannot add sheet \"\(name)\": \(reason)"
        case let (.file(path, reason), .vi): return "Không ghi được tệp \(path): \(reason)"
        case let (.file(path, reason), .en): return "Cannot write \(path): \(reason)"
        case let (.operation(sheet, what, reason), .vi): return "Trang tính \"\(sheet)\": không thực hiện được \(what): \(reason)"
        case let (.operation(sheet, what, reason), .en): return "Sheet \"\(sheet)\": cannot \(what): \(reason)"
        }
    }

    /// A plain-language reason for a libxlsxwriter error code, in Vietnamese and English.
    static func reason(_ code: lxw_error) -> String {
        switch code {
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
            return "chữ dài quá 32.767 ký tự (giới hạn của Excel) / text longer than 32,767 characters (Excel's limit)"
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
            return "ô nằm ngoài giới hạn A1:XFD1048576 / cell outside A1:XFD1048576"
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
            return "tên trang tính dài quá 31 ký tự / sheet name longer than 31 characters"
        case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
            return "tên trang tính chứa ký tự không hợp lệ / sheet name contains an invalid character"
        case LXW_ERROR_SHEETNAME_ALREADY_USED:
            return "tên trang tính đã được dùng / sheet name already used"
        case LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE:
            return "không tạo được tệp (kiểm tra quyền ghi và dung lượng đĩa) / cannot create the file (check permissions and disk space)"
        default:
            return String(cString: lxw_strerror(code))
        }
    }
}
