import BieuCore
import BieuXLSXReader
import BieuZip

/// Every way reading a Word document (.docx) can fail. The zip container and
/// the XML are checked by the same code, with the same limits and messages,
/// as an XLSX workbook's (``ZipError``, ``XMLProblem``); each case names the
/// file and the entry, byte offset or table, row and column.
public enum DocxError: UserFacingError, Hashable {
    /// The file cannot be opened or read (missing, permissions, I/O error).
    case cannotOpen(file: String, reason: String)
    /// The file has zero bytes.
    case emptyFile(file: String)
    /// The file is something else (an image, a PDF, text, a zip that is no Word document).
    case notADocument(file: String, detected: DetectedFormat)
    /// A Word 97-2003 `.doc` file (OLE compound file).
    case legacyWordFile(file: String)
    /// A password-protected (encrypted) document.
    case encryptedDocument(file: String)
    /// The zip container is damaged, hostile or cannot be inflated.
    case zip(ZipError)
    /// A part the document needs is missing.
    case missingPart(file: String, part: String, referencedFrom: String)
    /// An XML part is malformed or hostile (DOCTYPE, unknown entity, too deep, too long).
    case xml(file: String, entry: String, offset: Int64, problem: XMLProblem)
    /// A table row reaches past the last column a grid can hold (`XLSXLimits.maxCellsPerRow`).
    /// `table` counts the document's `w:tbl` elements from 1; `row` from 1.
    case tooManyColumns(file: String, table: Int, row: Int, limit: Int)
    /// One cell's text is longer than `XLSXLimits.maxTextBytes`.
    case cellTextTooLong(file: String, table: Int, row: Int, column: Int, limit: Int)

    init(_ error: XLSXError, file: String) {
        switch error {
        case let .cannotOpen(file, reason): self = .cannotOpen(file: file, reason: reason)
        case let .emptyFile(file): self = .emptyFile(file: file)
        case let .zip(zip): self = .zip(zip)
        case let .xml(file, entry, offset, problem): self = .xml(file: file, entry: entry, offset: offset, problem: problem)
        case let .missingPart(file, part, from): self = .missingPart(file: file, part: part, referencedFrom: from)
        case let .notAWorkbook(file, detected): self = .notADocument(file: file, detected: detected)
        case let .encryptedWorkbook(file): self = .encryptedDocument(file: file)
        case let .legacyExcelFile(file): self = .legacyWordFile(file: file)
        default: self = .cannotOpen(file: file, reason: error.message(.en))
        }
    }

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case let .cannotOpen(file, reason):
            return XLSXError.cannotOpen(file: file, reason: reason).message(language)
        case let .emptyFile(file):
            return vi ? "Tệp \(file) rỗng (0 byte), không phải tài liệu Word." : "\(file) is empty (0 bytes), not a Word document."
        case let .notADocument(file, detected):
            return vi ? "Tệp \(file) không phải tài liệu Word (.docx): đây là \(detected.name(.vi))."
                : "\(file) is not a Word document (.docx): it is \(detected.name(.en))."
        case let .legacyWordFile(file):
            return vi ? "Tệp \(file) là tệp Word 97-2003 (.doc). Hãy mở trong Word hoặc LibreOffice và lưu lại dưới dạng .docx."
                : "\(file) is a Word 97-2003 file (.doc). Open it in Word or LibreOffice and save it as .docx."
        case let .encryptedDocument(file):
            return vi ? "Tài liệu \(file) được đặt mật khẩu (mã hoá). Hãy mở bằng Word, gỡ mật khẩu rồi lưu lại."
                : "The document \(file) is encrypted (password-protected). Open it in Word, remove the password and save it again."
        case let .zip(error):
            return error.message(language)
        case let .missingPart(file, part, from):
            // The package's own errors read as the XLSX reader's.
            return XLSXError.missingPart(file: file, part: part, referencedFrom: from).message(language)
        case let .xml(file, entry, offset, problem):
            return XLSXError.xml(file: file, entry: entry, offset: offset, problem: problem).message(language)
        case let .tooManyColumns(file, table, row, limit):
            return vi ? "Tệp \(file), bảng (w:tbl) thứ \(table), hàng \(row): quá \(limit) cột."
                : "\(file), table (w:tbl) \(table), row \(row): more than \(limit) columns."
        case let .cellTextTooLong(file, table, row, column, limit):
            return vi ? "Tệp \(file), bảng (w:tbl) thứ \(table), hàng \(row), cột \(CellAddress.columnLetters(column)): nội dung ô dài hơn giới hạn \(limit) byte nên không đọc được."
                : "\(file), table (w:tbl) \(table), row \(row), column \(CellAddress.columnLetters(column)): the cell's text is longer than the limit of \(limit) bytes and was not read."
        }
    }
}
