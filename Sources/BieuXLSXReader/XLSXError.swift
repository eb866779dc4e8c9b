import BieuCore

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

/// What is wrong inside the zip container.
public enum ZipDefect: Sendable, Hashable {
    /// The end-of-central-directory record points outside the file or is inconsistent.
    case badEndRecord
    /// The central directory cannot be parsed (bad signature, truncated record).
    case badCentralDirectory
    /// The number of central directory records differs from what the end record announces.
    case entryCountMismatch(announced: Int, found: Int)
    /// The local header of an entry is missing or disagrees with the central directory.
    case localHeaderMismatch
    /// An entry's data extends beyond the file or overlaps another entry.
    case dataOutOfBounds
    /// Two entries share the same data (overlapping entries, a known zip-bomb trick).
    case overlappingEntries
    /// The archive is split over several disks.
    case multiDisk
    /// More entries than the limit allows.
    case tooManyEntries(limit: Int)
    /// A stored (uncompressed) entry whose sizes disagree.
    case storedSizeMismatch

    func text(_ language: Language) -> String {
        switch (self, language) {
        case (.badEndRecord, .vi): return "bản ghi cuối thư mục zip không hợp lệ"
        case (.badEndRecord, .en): return "invalid end-of-central-directory record"
        case (.badCentralDirectory, .vi): return "thư mục trung tâm của tệp zip bị hỏng"
        case (.badCentralDirectory, .en): return "damaged central directory"
        case let (.entryCountMismatch(a, f), .vi): return "thư mục zip báo \(a) mục nhưng có \(f) mục"
        case let (.entryCountMismatch(a, f), .en): return "the zip directory announces \(a) entries but holds \(f)"
        case (.localHeaderMismatch, .vi): return "phần đầu cục bộ của mục không khớp với thư mục trung tâm"
        case (.localHeaderMismatch, .en): return "the entry's local header does not match the central directory"
        case (.dataOutOfBounds, .vi): return "dữ liệu của mục nằm ngoài tệp"
        case (.dataOutOfBounds, .en): return "the entry's data lies outside the file"
        case (.overlappingEntries, .vi): return "các mục zip chồng lên nhau (kiểu bom nén)"
        case (.overlappingEntries, .en): return "zip entries overlap (a zip-bomb technique)"
        case (.multiDisk, .vi): return "tệp zip chia thành nhiều phần, không được hỗ trợ"
        case (.multiDisk, .en): return "multi-part zip archives are not supported"
        case let (.tooManyEntries(limit), .vi): return "tệp zip có quá \(limit) mục"
        case let (.tooManyEntries(limit), .en): return "the zip archive has more than \(limit) entries"
        case (.storedSizeMismatch, .vi): return "mục không nén có kích thước nén và giải nén khác nhau"
        case (.storedSizeMismatch, .en): return "a stored entry's compressed and uncompressed sizes differ"
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
    /// The zip's end record is missing: the file is cut short.
    case truncatedZip(file: String)
    /// The zip container is damaged.
    case corruptZip(file: String, entry: String?, defect: ZipDefect)
    /// An entry uses a compression method other than stored (0) or deflate (8).
    case unsupportedCompression(file: String, entry: String, method: Int)
    /// A zip entry is encrypted.
    case encryptedEntry(file: String, entry: String)
    /// Two entries have the same name.
    case duplicateEntry(file: String, entry: String)
    /// An entry would inflate beyond the per-entry limit.
    case entryTooLarge(file: String, entry: String, size: Int64, limit: Int64)
    /// The parts to read add up to more than the total limit.
    case totalSizeExceeded(file: String, size: Int64, limit: Int64)
    /// An entry inflates far more than its compressed size: a deflate bomb.
    case compressionRatioExceeded(file: String, entry: String, ratio: Int64, limit: Int64)
    /// The inflated size differs from the size in the zip directory.
    case sizeMismatch(file: String, entry: String, declared: Int64, actual: Int64)
    /// The inflated data does not match the entry's CRC-32.
    case checksumMismatch(file: String, entry: String)
    /// The deflate stream is damaged or cut short.
    case inflateFailed(file: String, entry: String, offset: Int64, reason: String)
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
        case let .truncatedZip(file):
            return vi ? "Tệp \(file) bị cắt cụt hoặc hỏng: không tìm thấy thư mục của tệp nén (tệp .xlsx là một tệp zip)."
                : "\(file) is truncated or damaged: the zip directory is missing (an .xlsx file is a zip archive)."
        case let .corruptZip(file, entry, defect):
            let place = entry.map { vi ? ", mục \($0)" : ", entry \($0)" } ?? ""
            return vi ? "Tệp \(file) bị hỏng\(place): \(defect.text(.vi))." : "\(file) is damaged\(place): \(defect.text(.en))."
        case let .unsupportedCompression(file, entry, method):
            return vi ? "Tệp \(file), mục \(entry): kiểu nén \(method) không được hỗ trợ (chỉ hỗ trợ không nén và deflate)."
                : "\(file), entry \(entry): compression method \(method) is not supported (only stored and deflate)."
        case let .encryptedEntry(file, entry):
            return vi ? "Tệp \(file), mục \(entry) được mã hoá; hãy gỡ mật khẩu rồi lưu lại."
                : "\(file), entry \(entry) is encrypted; remove the password and save again."
        case let .duplicateEntry(file, entry):
            return vi ? "Tệp \(file) có hai mục cùng tên \(entry); không rõ nên đọc mục nào."
                : "\(file) has two entries named \(entry); it is unclear which to read."
        case let .entryTooLarge(file, entry, size, limit):
            return vi ? "Tệp \(file), mục \(entry): giải nén ra \(size) byte, vượt giới hạn \(limit) byte."
                : "\(file), entry \(entry): inflates to \(size) bytes, over the limit of \(limit) bytes."
        case let .totalSizeExceeded(file, size, limit):
            return vi ? "Tệp \(file): tổng dung lượng giải nén \(size) byte vượt giới hạn \(limit) byte."
                : "\(file): the total inflated size of \(size) bytes is over the limit of \(limit) bytes."
        case let .compressionRatioExceeded(file, entry, ratio, limit):
            return vi ? "Tệp \(file), mục \(entry): tỉ lệ nén \(ratio):1 vượt giới hạn \(limit):1 — có thể là bom nén, đã dừng đọc."
                : "\(file), entry \(entry): compression ratio \(ratio):1 is over the limit of \(limit):1 — possibly a deflate bomb; reading stopped."
        case let .sizeMismatch(file, entry, declared, actual):
            let more = actual > declared
            return vi ? "Tệp \(file), mục \(entry): thư mục zip ghi \(declared) byte nhưng dữ liệu giải nén \(more ? "vượt quá con số đó" : "chỉ có \(actual) byte")."
                : "\(file), entry \(entry): the zip directory says \(declared) bytes but the data inflates to \(more ? "more than that" : "only \(actual) bytes")."
        case let .checksumMismatch(file, entry):
            return vi ? "Tệp \(file), mục \(entry): sai mã kiểm tra CRC-32, dữ liệu bị hỏng."
                : "\(file), entry \(entry): CRC-32 mismatch, the data is damaged."
        case let .inflateFailed(file, entry, offset, reason):
            return vi ? "Tệp \(file), mục \(entry): không giải nén được (byte \(offset) của dữ liệu nén): \(reason)."
                : "\(file), entry \(entry): cannot inflate (compressed byte \(offset)): \(reason)."
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
    static func vietnameseReason(_ reason: String) -> String {
        switch reason {
        case "No such file or directory": return "tệp không tồn tại"
        case "Permission denied": return "không có quyền đọc tệp"
        case "Is a directory": return "đây là thư mục, không phải tệp"
        case "Input/output error": return "lỗi đọc đĩa"
        default: return reason
        }
    }

    /// The most characters Excel keeps in one cell.
    public static let excelCellCharacters = 32_767

    static func excelCellCharactersText(_ language: Language) -> String { language == .vi ? "32.767" : "32,767" }

    /// Shortens hostile-length values for display.
    static func clip(_ s: String) -> String {
        s.count > 40 ? String(s.prefix(40)) + "…" : s
    }
}
