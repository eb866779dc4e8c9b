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
    /// Broken UTF-16 in a file declared UTF-16.
    case invalidUTF16(file: String, offset: Int, line: Int, problem: UTF16Problem)
    /// The file's byte-order mark says one encoding, the caller asked for another.
    case byteOrderMarkConflict(file: String, found: CSVEncoding, requested: CSVEncoding)
    /// A byte-order mark of an encoding bieu does not read (UTF-32).
    case unsupportedEncoding(file: String, name: String)
    /// A quoted field whose closing quote never comes; `line`/`offset` are
    /// where the opening quote is.
    case unterminatedQuote(file: String, line: Int, offset: Int)
    /// A field longer than `CSVLimits.maxFieldBytes`; `line`/`offset` are where it starts.
    case fieldTooLong(file: String, line: Int, offset: Int, limit: Int)
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
             let .byteOrderMarkConflict(file, _, _), let .unsupportedEncoding(file, _),
             let .unterminatedQuote(file, _, _), let .fieldTooLong(file, _, _, _), let .rowTooLarge(file, _, _),
             let .tooManyFields(file, _, _), let .tooManyRows(file, _, _), let .writeFailed(file, _):
            return file
        }
    }

    /// The 1-based line the error points at, when it points at one.
    public var line: Int? {
        switch self {
        case let .invalidUTF8(_, _, line, _, _), let .invalidUTF16(_, _, line, _), let .unterminatedQuote(_, line, _),
             let .fieldTooLong(_, line, _, _), let .rowTooLarge(_, line, _), let .tooManyFields(_, line, _),
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
             let .unterminatedQuote(_, _, offset), let .fieldTooLong(_, _, offset, _):
            return offset
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
        case let .unterminatedQuote(file, line, offset):
            return vi ? "Tệp \(file): dấu ngoặc kép mở ở dòng \(line) (vị trí \(offset)) không được đóng cho đến hết tệp"
                      : "\(file): the quote opened on line \(line) (offset \(offset)) is never closed"
        case let .fieldTooLong(file, line, offset, limit):
            return vi ? "Tệp \(file): ô bắt đầu ở dòng \(line) (vị trí \(offset)) dài hơn giới hạn \(limit) byte"
                      : "\(file): the field starting on line \(line) (offset \(offset)) is longer than the limit of \(limit) bytes"
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
