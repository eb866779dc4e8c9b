import BieuCore
import BieuZip

/// What a file turned out to be when it is not an XLSX workbook, detected
/// from its first bytes (never from its name).
public enum DetectedFormat: String, Sendable, Hashable {
    case png, jpeg, gif, pdf, xml, text, unknown
    /// A zip archive that is not an OOXML package (no `_rels/.rels`, no OpenDocument mimetype).
    case otherZip
    /// An OOXML package whose main part is not a workbook (a Word or PowerPoint file).
    case otherOfficeDocument

    /// A short description in the given language.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.png, .vi): return "ảnh PNG"
        case (.png, .en): return "a PNG image"
        case (.jpeg, .vi): return "ảnh JPEG"
        case (.jpeg, .en): return "a JPEG image"
        case (.gif, .vi): return "ảnh GIF"
        case (.gif, .en): return "a GIF image"
        case (.pdf, .vi): return "tài liệu PDF"
        case (.pdf, .en): return "a PDF document"
        case (.xml, .vi): return "tệp XML (không nén)"
        case (.xml, .en): return "a plain XML file"
        case (.text, .vi): return "tệp văn bản (có thể là CSV)"
        case (.text, .en): return "a text file (perhaps CSV)"
        case (.unknown, .vi): return "tệp không rõ định dạng"
        case (.unknown, .en): return "a file of unknown format"
        case (.otherZip, .vi): return "tệp nén zip không phải bảng tính Excel"
        case (.otherZip, .en): return "a zip archive that is not an Excel workbook"
        case (.otherOfficeDocument, .vi): return "tài liệu Office khác (Word, PowerPoint), không phải bảng tính"
        case (.otherOfficeDocument, .en): return "another Office document (Word, PowerPoint), not a workbook"
        }
    }
}

/// What is wrong in an XML part.
public enum XMLProblem: Sendable, Hashable {
    /// `<!DOCTYPE …>`: document type declarations are refused (no entity definitions, no external fetches).
    case doctypeNotAllowed
    /// An entity other than the five XML entities (`&lt;` `&gt;` `&amp;` `&quot;` `&apos;`).
    case unknownEntity(String)
    /// A numeric character reference that is not a valid character (`&#0;`, `&#xD800;`, too large).
    case invalidCharacterReference(String)
    /// The part ends in the middle of an element.
    case unexpectedEnd
    /// Syntax error; the text says what was expected.
    case malformed(vi: String, en: String)
    /// One tag or text run is longer than the limit (`Limits.maxTextBytes`).
    case tokenTooLong(limit: Int)
    /// Elements nested deeper than the limit.
    case tooDeep(limit: Int)
    /// Bytes that are not UTF-8.
    case invalidUTF8
    /// The root element is not the one this part must have.
    case unexpectedRoot(expected: String, found: String)
    /// An end tag that does not close the element that is open (`<c>…</row>`).
    case mismatchedEndTag(open: String, close: String)

    func text(_ language: Language) -> String {
        switch (self, language) {
        case (.doctypeNotAllowed, .vi): return "có khai báo DOCTYPE; bieu không xử lý DTD (có thể là tệp độc hại)"
        case (.doctypeNotAllowed, .en): return "contains a DOCTYPE declaration; bieu does not process DTDs (the file may be hostile)"
        case let (.unknownEntity(e), .vi): return "thực thể XML không được phép &\(e);"
        case let (.unknownEntity(e), .en): return "entity &\(e); is not allowed"
        case let (.invalidCharacterReference(r), .vi): return "tham chiếu ký tự không hợp lệ &\(r);"
        case let (.invalidCharacterReference(r), .en): return "invalid character reference &\(r);"
        case (.unexpectedEnd, .vi): return "phần XML kết thúc giữa chừng"
        case (.unexpectedEnd, .en): return "the XML part ends prematurely"
        case let (.malformed(vi, _), .vi): return "XML sai cú pháp: \(vi)"
        case let (.malformed(_, en), .en): return "malformed XML: \(en)"
        case let (.tokenTooLong(limit), .vi): return "một thẻ hoặc đoạn văn bản dài quá giới hạn \(limit) byte"
        case let (.tokenTooLong(limit), .en): return "a tag or text run is longer than the limit of \(limit) bytes"
        case let (.tooDeep(limit), .vi): return "các phần tử lồng nhau quá \(limit) cấp"
        case let (.tooDeep(limit), .en): return "elements are nested more than \(limit) levels deep"
        case (.invalidUTF8, .vi): return "văn bản không phải UTF-8 hợp lệ"
        case (.invalidUTF8, .en): return "text is not valid UTF-8"
        case let (.unexpectedRoot(e, f), .vi): return "phần tử gốc là <\(f)>, cần <\(e)>"
        case let (.unexpectedRoot(e, f), .en): return "the root element is <\(f)>, expected <\(e)>"
        case let (.mismatchedEndTag(open, close), .vi): return "thẻ đóng </\(close)> không khớp với thẻ mở <\(open)> (có thể mất ô)"
        case let (.mismatchedEndTag(open, close), .en): return "end tag </\(close)> does not match the open element <\(open)> (cells could be lost)"
        }
    }
}

/// Every way reading an XLSX workbook can fail. Each case carries the facts
/// a person needs: the file, the zip entry, the sheet, the cell, the offset,
/// the limit that was hit.
///
/// Messages are in Vietnamese by default (`message(.vi)`) and in English
/// (`message(.en)`); `docs/READER.md` lists them all.
public enum XLSXError: UserFacingError, Hashable {
    /// The file cannot be opened or read (missing, permissions, I/O error).
    case cannotOpen(file: String, reason: String)
    /// The file has zero bytes.
    case emptyFile(file: String)
    /// The file is something else entirely (an image, a PDF, text, another zip).
    case notAWorkbook(file: String, detected: DetectedFormat)
    /// An Excel 97-2003 `.xls` file (OLE compound file).
    case legacyExcelFile(file: String)
    /// A password-protected workbook (OLE compound file with `EncryptionInfo`/`EncryptedPackage`).
    case encryptedWorkbook(file: String)
    /// An OpenDocument spreadsheet (`.ods`), possibly renamed.
    case openDocumentSpreadsheet(file: String)
    /// The zip container is damaged, hostile or cannot be inflated.
    case zip(ZipError)
    /// A part the workbook needs is missing.
    case missingPart(file: String, part: String, referencedFrom: String)
    /// An XML part is malformed or hostile.
    case xml(file: String, entry: String, offset: Int64, problem: XMLProblem)
    /// A cell reference outside A1…XFD1048576 (or not a reference at all).
    case cellReferenceOutOfRange(file: String, sheet: String, reference: String)
    /// A row number outside 1…1048576.
    case rowNumberOutOfRange(file: String, sheet: String, row: String)
    /// A column range (`<col min max>`) outside 1…16384.
    case columnOutOfRange(file: String, sheet: String, column: String)
    /// A merged range that is not a valid range.
    case invalidMergeRange(file: String, sheet: String, range: String)
    /// More cells in one row than the limit.
    case tooManyCellsInRow(file: String, sheet: String, row: Int, limit: Int)
    /// A shared string index that points past the shared string table.
    case sharedStringIndexOutOfRange(file: String, cell: SheetCell, index: String, count: Int)
    /// A cell whose text (inline string, formula, value) is longer than
    /// `XLSXLimits.maxTextBytes`; Excel itself holds at most
    /// `excelCellCharacters` characters in a cell.
    case cellTextTooLong(file: String, cell: SheetCell, limit: Int)
    /// A cell showing shared string `index` (0-based), which is longer than `XLSXLimits.maxTextBytes`.
    case sharedStringTooLong(file: String, cell: SheetCell, index: Int, limit: Int)
    /// More shared strings than the limit.
    case tooManySharedStrings(file: String, limit: Int)
    /// The shared strings' text adds up to more than the limit.
    case sharedStringsTooLarge(file: String, limit: Int64)
    /// A cell value that does not fit its type (a number cell holding `abc`, a boolean `2`).
    case invalidCellValue(file: String, cell: SheetCell, type: String, value: String)
    /// A sheet index that does not exist.
    case sheetIndexOutOfRange(file: String, index: Int, count: Int)
    /// The workbook lists no sheet.
    case noSheets(file: String)

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case let .cannotOpen(file, reason):
            return vi ? "Không mở được tệp \(file): \(Self.vietnameseReason(reason))" : "Cannot open \(file): \(reason)"
        case let .emptyFile(file):
            return vi ? "Tệp \(file) rỗng (0 byte), không phải bảng tính." : "\(file) is empty (0 bytes), not a workbook."
        case let .notAWorkbook(file, detected):
            return vi ? "Tệp \(file) không phải bảng tính Excel (.xlsx): đây là \(detected.name(.vi))."
                : "\(file) is not an Excel workbook (.xlsx): it is \(detected.name(.en))."
        case let .legacyExcelFile(file):
            return vi ? "Tệp \(file) là tệp Excel 97-2003 (.xls). Hãy mở trong Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx."
                : "\(file) is an Excel 97-2003 file (.xls). Open it in Excel or LibreOffice and save it as .xlsx."
        case let .encryptedWorkbook(file):
            return vi ? "Bảng tính \(file) được đặt mật khẩu (mã hoá). Hãy mở bằng Excel, gỡ mật khẩu rồi lưu lại."
                : "The workbook \(file) is encrypted (password-protected). Open it in Excel, remove the password and save it again."
        case let .openDocumentSpreadsheet(file):
            return vi ? "Tệp \(file) là bảng tính OpenDocument (.ods), không phải .xlsx. Hãy lưu lại dưới dạng .xlsx."
                : "\(file) is an OpenDocument spreadsheet (.ods), not .xlsx. Save it as .xlsx."
        case let .zip(error):
            return error.message(language)
        case let .missingPart(file, part, from):
            return vi ? "Tệp \(file) thiếu phần \(part) (được nhắc đến trong \(from))."
                : "\(file) lacks the part \(part) (referenced from \(from))."
        case let .xml(file, entry, offset, problem):
            return vi ? "Tệp \(file), mục \(entry), byte \(offset): \(problem.text(.vi))."
                : "\(file), entry \(entry), byte \(offset): \(problem.text(.en))."
        case let .cellReferenceOutOfRange(file, sheet, reference):
            return vi ? "Tệp \(file), trang \(sheet): tham chiếu ô \(Self.clip(reference)) nằm ngoài bảng tính (A1…XFD1048576)."
                : "\(file), sheet \(sheet): cell reference \(Self.clip(reference)) is outside the worksheet (A1…XFD1048576)."
        case let .rowNumberOutOfRange(file, sheet, row):
            return vi ? "Tệp \(file), trang \(sheet): số dòng \(Self.clip(row)) nằm ngoài khoảng 1…1048576."
                : "\(file), sheet \(sheet): row number \(Self.clip(row)) is outside 1…1048576."
        case let .columnOutOfRange(file, sheet, column):
            return vi ? "Tệp \(file), trang \(sheet): số cột \(Self.clip(column)) nằm ngoài khoảng 1…16384."
                : "\(file), sheet \(sheet): column number \(Self.clip(column)) is outside 1…16384."
        case let .invalidMergeRange(file, sheet, range):
            return vi ? "Tệp \(file), trang \(sheet): vùng gộp ô \(Self.clip(range)) không hợp lệ."
                : "\(file), sheet \(sheet): merged range \(Self.clip(range)) is invalid."
        case let .tooManyCellsInRow(file, sheet, row, limit):
            return vi ? "Tệp \(file), trang \(sheet): dòng \(row + 1) có hơn \(limit) ô."
                : "\(file), sheet \(sheet): row \(row + 1) has more than \(limit) cells."
        case let .sharedStringIndexOutOfRange(file, cell, index, count):
            return vi ? "Tệp \(file), ô \(cell): chỉ số chuỗi dùng chung \(Self.clip(index)) không tồn tại (bảng chỉ có \(count) chuỗi)."
                : "\(file), cell \(cell): shared string index \(Self.clip(index)) does not exist (the table has \(count) strings)."
        case let .cellTextTooLong(file, cell, limit):
            return vi ? "Tệp \(file), ô \(cell): nội dung dài hơn giới hạn \(limit) byte nên không đọc được; Excel chỉ chứa tối đa \(Self.excelCellCharactersText(.vi)) ký tự trong một ô (tệp không do Excel lưu, hoặc đã bị sửa)."
                : "\(file), cell \(cell): the text is longer than the limit of \(limit) bytes and was not read; Excel holds at most \(Self.excelCellCharactersText(.en)) characters in a cell (the file was not saved by Excel, or was altered)."
        case let .sharedStringTooLong(file, cell, index, limit):
            return vi ? "Tệp \(file), ô \(cell): chuỗi dùng chung số \(index) (đếm từ 0) mà ô này hiển thị dài hơn giới hạn \(limit) byte nên không đọc được; Excel chỉ chứa tối đa \(Self.excelCellCharactersText(.vi)) ký tự trong một ô."
                : "\(file), cell \(cell): shared string \(index) (counting from 0), which this cell shows, is longer than the limit of \(limit) bytes and was not read; Excel holds at most \(Self.excelCellCharactersText(.en)) characters in a cell."
        case let .tooManySharedStrings(file, limit):
            return vi ? "Tệp \(file): bảng chuỗi dùng chung có hơn \(limit) chuỗi." : "\(file): the shared string table has more than \(limit) strings."
        case let .sharedStringsTooLarge(file, limit):
            return vi ? "Tệp \(file): bảng chuỗi dùng chung vượt giới hạn \(limit) byte." : "\(file): the shared string table is over the limit of \(limit) bytes."
        case let .invalidCellValue(file, cell, type, value):
            return vi ? "Tệp \(file), ô \(cell): giá trị \"\(Self.clip(value))\" không hợp lệ cho kiểu \(type)."
                : "\(file), cell \(cell): value \"\(Self.clip(value))\" is not valid for type \(type)."
        case let .sheetIndexOutOfRange(file, index, count):
            return vi ? "Tệp \(file): không có trang số \(index + 1) (bảng tính có \(count) trang)."
                : "\(file): there is no sheet number \(index + 1) (the workbook has \(count) sheets)."
        case let .noSheets(file):
            return vi ? "Tệp \(file) không có trang tính nào." : "\(file) has no worksheet."
        }
    }

    /// The common system reasons (`strerror` texts) in Vietnamese; others as given.
    static func vietnameseReason(_ reason: String) -> String { ZipError.vietnameseReason(reason) }

    /// The most characters Excel keeps in one cell.
    public static let excelCellCharacters = 32_767

    static func excelCellCharactersText(_ language: Language) -> String { language == .vi ? "32.767" : "32,767" }

    /// Shortens hostile-length values for display.
    static func clip(_ s: String) -> String {
        s.count > 40 ? String(s.prefix(40)) + "…" : s
    }
}
