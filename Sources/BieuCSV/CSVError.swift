import BieuCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything that can stop a CSV file from being read or written.
///
/// Every case names the file; cases about the content also name the line
/// (1-based, counting `\r\n`, `\n` and a lone `\r` as line ends) and the byte
/// offset (0-based, from the very first byte of the file, byte-order mark
/// included). Messages are plain Vietnamese by default, English on request;
/// `docs/CSV.md` lists them all.
public enum CSVError: UserFacingError, Equatable {
    /// Who said the file is UTF-8, when it turns out not to be.
    public enum UTF8Claim: String, Sendable, Hashable {
        /// The file starts with the UTF-8 byte-order mark `EF BB BF`.
        case byteOrderMark
        /// The caller asked for UTF-8 (`CSVReadOptions.encoding`).
        case caller
        /// Detection found the whole file valid UTF-8, yet an invalid byte
        /// turned up while parsing: the file changed while it was being read.
        case detection
    }

    /// Why UTF-16 text is broken.
    public enum UTF16Problem: Sendable, Hashable {
        /// The file ends in the middle of a 2-byte code unit.
        case oddLength
        /// A surrogate code unit without its partner (the value is given).
        case unpairedSurrogate(UInt16)
    }

    /// The file cannot be opened (missing, no permission, …).
    case cannotOpen(file: String, reason: SystemFailure)
    /// The path names a directory, device or pipe, not a regular file.
    case notRegularFile(file: String)
    /// Reading failed part way (I/O error).
    case readFailed(file: String, offset: Int, reason: SystemFailure)
    /// The file is larger than `CSVLimits.maxFileBytes`.
    case fileTooLarge(file: String, size: Int, limit: Int)
    /// A byte sequence that is not UTF-8 in a file declared UTF-8.
    case invalidUTF8(file: String, offset: Int, line: Int, byte: UInt8, claim: UTF8Claim)
    /// A file without a byte-order mark that is UTF-8 except for some bytes
    /// (`invalidBytes` of them; the first is `byte` at `offset`, `line`,
    /// `column`), beside `validCharacters` valid non-ASCII UTF-8 characters.
    /// Such a file is not read in a guessed encoding: that would garble every
    /// correct letter.
    case mixedEncoding(file: String, offset: Int, line: Int, column: Int, byte: UInt8, invalidBytes: Int, validCharacters: Int)
    /// Broken UTF-16 in a file declared UTF-16.
    case invalidUTF16(file: String, offset: Int, line: Int, problem: UTF16Problem)
    /// The file's byte-order mark says one encoding, the caller asked for another.
    case byteOrderMarkConflict(file: String, found: CSVEncoding, requested: CSVEncoding)
    /// A byte-order mark of an encoding bieu does not read (UTF-32).
    case unsupportedEncoding(file: String, name: String)
    /// A quoted field whose closing quote never comes; `line`/`column`/`offset`
    /// are where the opening quote (the field) begins.
    case unterminatedQuote(file: String, line: Int, column: Int, offset: Int)
    /// A character other than a delimiter or line end right after the closing
    /// quote of a quoted field (`"abc"d,`); `line`/`column`/`offset` are that
    /// character's, `quoteLine`/`quoteColumn` where the field began.
    case textAfterClosingQuote(file: String, line: Int, column: Int, offset: Int, quoteLine: Int, quoteColumn: Int)
    /// A field longer than `CSVLimits.maxFieldBytes`; `line`/`offset` are where it starts,
    /// `cell` the cell it would be in the sheet (record, field).
    case fieldTooLong(file: String, cell: CellAddress, line: Int, offset: Int, limit: Int)
    /// A record whose fields together exceed `CSVLimits.maxRowBytes`; `line` is where it starts.
    case rowTooLarge(file: String, line: Int, limit: Int)
    /// A record with more than `CSVLimits.maxFieldsPerRow` fields; `line` is where it starts.
    case tooManyFields(file: String, line: Int, limit: Int)
    /// More than `CSVLimits.maxRows` records; `line` is where the first one too many starts.
    case tooManyRows(file: String, line: Int, limit: Int)
    /// Writing the output failed.
    case writeFailed(file: String, reason: SystemFailure)

    /// The file the error is about.
    public var file: String {
        switch self {
        case let .cannotOpen(file, _), let .notRegularFile(file), let .readFailed(file, _, _),
             let .fileTooLarge(file, _, _), let .invalidUTF8(file, _, _, _, _), let .invalidUTF16(file, _, _, _),
             let .mixedEncoding(file, _, _, _, _, _, _), let .textAfterClosingQuote(file, _, _, _, _, _),
             let .byteOrderMarkConflict(file, _, _), let .unsupportedEncoding(file, _),
             let .unterminatedQuote(file, _, _, _), let .fieldTooLong(file, _, _, _, _), let .rowTooLarge(file, _, _),
             let .tooManyFields(file, _, _), let .tooManyRows(file, _, _), let .writeFailed(file, _):
            return file
        }
    }

    /// The 1-based line the error points at, when it points at one.
    public var line: Int? {
        switch self {
        case let .invalidUTF8(_, _, line, _, _), let .invalidUTF16(_, _, line, _), let .unterminatedQuote(_, line, _, _),
             let .mixedEncoding(_, _, line, _, _, _, _), let .textAfterClosingQuote(_, line, _, _, _, _),
             let .fieldTooLong(_, _, line, _, _), let .rowTooLarge(_, line, _), let .tooManyFields(_, line, _),
             let .tooManyRows(_, line, _):
            return line
        default:
            return nil
        }
    }

    /// The 0-based byte offset the error points at, when it points at one.
    public var byteOffset: Int? {
        switch self {
        case let .readFailed(_, offset, _), let .invalidUTF8(_, offset, _, _, _), let .invalidUTF16(_, offset, _, _),
             let .unterminatedQuote(_, _, _, offset), let .fieldTooLong(_, _, _, offset, _),
             let .mixedEncoding(_, offset, _, _, _, _, _), let .textAfterClosingQuote(_, _, _, offset, _, _):
            return offset
        default:
            return nil
        }
    }

    /// The 1-based column (in characters) the error points at, when it points at one.
    public var column: Int? {
        switch self {
        case let .unterminatedQuote(_, _, column, _), let .mixedEncoding(_, _, _, column, _, _, _),
             let .textAfterClosingQuote(_, _, column, _, _, _):
            return column
        default:
            return nil
        }
    }

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case let .cannotOpen(file, reason):
            return vi ? "Không mở được tệp \(file): \(reason.text(.vi))" : "Cannot open \(file): \(reason.text(.en))"
        case let .notRegularFile(file):
            return vi ? "\(file) không phải là một tệp dữ liệu thông thường (có thể là thư mục hoặc thiết bị)"
                      : "\(file) is not a regular file (it may be a directory or a device)"
        case let .readFailed(file, offset, reason):
            return vi ? "Lỗi khi đọc tệp \(file) ở vị trí \(offset): \(reason.text(.vi))"
                      : "Error reading \(file) at offset \(offset): \(reason.text(.en))"
        case let .fileTooLarge(file, size, limit):
            return vi ? "Tệp \(file) quá lớn: \(size) byte, giới hạn là \(limit) byte"
                      : "\(file) is too large: \(size) bytes, the limit is \(limit) bytes"
        case let .invalidUTF8(file, offset, line, byte, claim):
            let hex = CSVError.hex(byte)
            switch (claim, vi) {
            case (.byteOrderMark, true):
                return "Tệp \(file) có dấu BOM của UTF-8 nhưng byte \(hex) ở vị trí \(offset), dòng \(line) không hợp lệ trong UTF-8. Tệp có thể bị hỏng hoặc bị ghép từ nhiều bảng mã; hãy lưu lại tệp từ Excel bằng \"CSV UTF-8\"."
            case (.byteOrderMark, false):
                return "\(file) starts with a UTF-8 byte-order mark but byte \(hex) at offset \(offset), line \(line) is not valid UTF-8. The file may be damaged or mix encodings; save it again from Excel as \"CSV UTF-8\"."
            case (.caller, true):
                return "Tệp \(file) được đọc theo UTF-8 như yêu cầu nhưng byte \(hex) ở vị trí \(offset), dòng \(line) không hợp lệ trong UTF-8"
            case (.caller, false):
                return "\(file) was read as UTF-8 as requested but byte \(hex) at offset \(offset), line \(line) is not valid UTF-8"
            case (.detection, true):
                return "Tệp \(file) đã thay đổi trong lúc đọc: byte \(hex) ở vị trí \(offset), dòng \(line) không còn hợp lệ trong UTF-8; hãy đọc lại"
            case (.detection, false):
                return "\(file) changed while being read: byte \(hex) at offset \(offset), line \(line) is no longer valid UTF-8; read it again"
            }
        case let .mixedEncoding(file, offset, line, column, byte, invalid, valid):
            let hex = CSVError.hex(byte)
            return vi ? "Tệp \(file) là UTF-8 (\(valid) ký tự có dấu đọc đúng) nhưng có \(invalid) byte không hợp lệ trong UTF-8, byte đầu tiên là \(hex) ở vị trí \(offset), dòng \(line), cột \(column); bieu không đoán bảng mã vì sẽ làm hỏng các chữ đúng. Hãy sửa các byte đó hoặc lưu lại tệp bằng \"CSV UTF-8\"; nếu chắc tệp dùng bảng mã khác, hãy chỉ rõ bằng --encoding."
                      : "\(file) is UTF-8 (\(valid) accented characters read correctly) but holds \(invalid) bytes that are not valid UTF-8, the first \(hex) at offset \(offset), line \(line), column \(column); bieu does not guess an encoding, which would garble the correct letters. Fix those bytes or save the file again as \"CSV UTF-8\"; if you are sure the file uses another encoding, give it with --encoding."
        case let .invalidUTF16(file, offset, line, problem):
            switch (problem, vi) {
            case (.oddLength, true):
                return "Tệp \(file) là UTF-16 nhưng kết thúc giữa chừng một ký tự (số byte lẻ) ở vị trí \(offset), dòng \(line)"
            case (.oddLength, false):
                return "\(file) is UTF-16 but ends in the middle of a character (odd number of bytes) at offset \(offset), line \(line)"
            case let (.unpairedSurrogate(unit), true):
                return "Tệp \(file) là UTF-16 nhưng có mã \(CSVError.hex16(unit)) đứng lẻ (thiếu nửa cặp thay thế) ở vị trí \(offset), dòng \(line)"
            case let (.unpairedSurrogate(unit), false):
                return "\(file) is UTF-16 but has an unpaired surrogate \(CSVError.hex16(unit)) at offset \(offset), line \(line)"
            }
        case let .byteOrderMarkConflict(file, found, requested):
            return vi ? "Tệp \(file) bắt đầu bằng dấu BOM của \(found.displayName) nhưng đã yêu cầu đọc theo \(requested.displayName)"
                      : "\(file) starts with a \(found.displayName) byte-order mark but \(requested.displayName) was requested"
        case let .unsupportedEncoding(file, name):
            return vi ? "Tệp \(file) dùng bảng mã \(name), bieu chưa đọc được; hãy lưu lại tệp bằng UTF-8"
                      : "\(file) is in \(name), which bieu does not read; save it as UTF-8"
        case let .unterminatedQuote(file, line, column, offset):
            return vi ? "Tệp \(file): ô bắt đầu bằng dấu ngoặc kép ở dòng \(line), cột \(column) (vị trí \(offset)) không có dấu ngoặc kép đóng cho đến hết tệp"
                      : "\(file): the quoted field that begins on line \(line), column \(column) (offset \(offset)) is never closed"
        case let .textAfterClosingQuote(file, line, column, offset, quoteLine, quoteColumn):
            return vi ? "Tệp \(file): dòng \(line), cột \(column) (vị trí \(offset)): sau dấu ngoặc kép đóng ô (ô bắt đầu ở dòng \(quoteLine), cột \(quoteColumn)) phải là dấu phân cách hoặc xuống dòng; nếu dấu ngoặc kép là một phần nội dung, hãy viết nó hai lần (\"\")"
                      : "\(file): line \(line), column \(column) (offset \(offset)): a closing quote (of the field that begins on line \(quoteLine), column \(quoteColumn)) must be followed by a delimiter or a line end; a quote that is part of the text must be doubled (\"\")"
        case let .fieldTooLong(file, cell, line, offset, limit):
            return vi ? "Tệp \(file): ô \(cell.a1) bắt đầu ở dòng \(line) (vị trí \(offset)) dài hơn giới hạn \(limit) byte; Excel chỉ chứa tối đa 32.767 ký tự trong một ô"
                      : "\(file): the field for cell \(cell.a1), starting on line \(line) (offset \(offset)), is longer than the limit of \(limit) bytes; Excel holds at most 32,767 characters in a cell"
        case let .rowTooLarge(file, line, limit):
            return vi ? "Tệp \(file): hàng bắt đầu ở dòng \(line) dài hơn giới hạn \(limit) byte"
                      : "\(file): the record starting on line \(line) is larger than the limit of \(limit) bytes"
        case let .tooManyFields(file, line, limit):
            return vi ? "Tệp \(file): hàng bắt đầu ở dòng \(line) có nhiều hơn \(limit) ô"
                      : "\(file): the record starting on line \(line) has more than \(limit) fields"
        case let .tooManyRows(file, line, limit):
            return vi ? "Tệp \(file) có nhiều hơn \(limit) hàng (hàng vượt giới hạn bắt đầu ở dòng \(line))"
                      : "\(file) has more than \(limit) records (the first one over the limit starts on line \(line))"
        case let .writeFailed(file, reason):
            return vi ? "Không ghi được tệp \(file): \(reason.text(.vi))" : "Cannot write \(file): \(reason.text(.en))"
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    static func hex16(_ unit: UInt16) -> String {
        "U+" + hex(UInt8(unit >> 8)).dropFirst(2) + hex(UInt8(unit & 0xFF)).dropFirst(2)
    }
}
