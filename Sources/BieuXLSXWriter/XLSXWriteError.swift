import BieuCore
import CXlsxWriter
import Foundation

/// Why a workbook could not be written. Cases carry the sheet and cell.
public enum XLSXWriteError: UserFacingError, Equatable {
    /// libxlsxwriter refused a cell write (e.g. a text longer than Excel's 32,767 characters).
    case cell(sheet: String, cell: CellAddress, reason: Bilingual)
    /// A sheet could not be added (invalid or duplicate name).
    case sheet(name: String, reason: Bilingual)
    /// The workbook could not be created or saved.
    case file(path: String, reason: Bilingual)
    /// Another operation failed (merge, formula, page setup).
    case operation(sheet: String, what: Bilingual, reason: Bilingual)

    public func message(_ language: Language) -> String {
        switch (self, language) {
        case let (.cell(sheet, cell, reason), .vi): return "Không ghi được ô \(sheet)!\(cell.a1): \(reason.vi)"
        case let (.cell(sheet, cell, reason), .en): return "Cannot write cell \(sheet)!\(cell.a1): \(reason.en)"
        case let (.sheet(name, reason), .vi): return "Không tạo được trang tính \"\(name)\": \(reason.vi)"
        case let (.sheet(name, reason), .en): return "Cannot add sheet \"\(name)\": \(reason.en)"
        case let (.file(path, reason), .vi): return "Không ghi được tệp \(path): \(reason.vi)"
        case let (.file(path, reason), .en): return "Cannot write \(path): \(reason.en)"
        case let (.operation(sheet, what, reason), .vi): return "Trang tính \"\(sheet)\": không thực hiện được việc \(what.vi): \(reason.vi)"
        case let (.operation(sheet, what, reason), .en): return "Sheet \"\(sheet)\": cannot \(what.en): \(reason.en)"
        }
    }

    /// The reason for a failed save: the system's when the file could not be written (a full
    /// disk, a file-size limit, no permission: `errno` right after the failure), else the library's.
    static func reason(_ code: lxw_error, errno system: Int32) -> Bilingual {
        let fileErrors = [LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE, LXW_ERROR_ZIP_FILE_OPERATION,
                          LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE]
        if fileErrors.contains(code), [ENOSPC, EFBIG, EDQUOT, EIO, EACCES, EPERM, EROFS].contains(system) {
            let failure = SystemFailure(code: system, description: String(cString: strerror(system)))
            return Bilingual(vi: failure.text(.vi), en: failure.text(.en))
        }
        return reason(code)
    }

    /// A plain-language reason for a libxlsxwriter error code, in Vietnamese and English.
    static func reason(_ code: lxw_error) -> Bilingual {
        switch code {
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
            return Bilingual(vi: "chữ dài quá 32.767 ký tự (giới hạn của Excel)", en: "text longer than 32,767 characters (Excel's limit)")
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
            return Bilingual(vi: "ô nằm ngoài giới hạn A1:XFD1048576", en: "cell outside A1:XFD1048576")
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
            return Bilingual(vi: "tên trang tính dài quá 31 ký tự", en: "sheet name longer than 31 characters")
        case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
            return Bilingual(vi: "tên trang tính chứa ký tự không hợp lệ", en: "sheet name contains an invalid character")
        case LXW_ERROR_SHEETNAME_ALREADY_USED:
            return Bilingual(vi: "tên trang tính đã được dùng", en: "sheet name already used")
        case LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE:
            return Bilingual(vi: "không tạo được tệp (kiểm tra quyền ghi và dung lượng đĩa)", en: "cannot create the file (check permissions and disk space)")
        default:
            let text = String(cString: lxw_strerror(code))
            return Bilingual(vi: "lỗi thư viện libxlsxwriter: \(text)", en: "libxlsxwriter error: \(text)")
        }
    }
}
