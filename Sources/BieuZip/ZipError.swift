import BieuCore

/// Every way reading or writing a zip package can fail. Each case names the
/// file and, where there is one, the entry; messages in Vietnamese and English.
public enum ZipError: UserFacingError, Hashable {
    /// The file cannot be opened or read (missing, permissions, I/O error).
    case cannotOpen(file: String, reason: String)
    /// The zip's end record is missing: the file is cut short.
    case truncated(file: String)
    /// The zip container is damaged.
    case corrupt(file: String, entry: String?, defect: ZipDefect)
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
    /// zlib could not compress an entry being written, or the package would exceed the plain zip format.
    case cannotWrite(file: String, entry: String)

    public func message(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case let .cannotOpen(file, reason):
            return vi ? "Không mở được tệp \(file): \(Self.vietnameseReason(reason))" : "Cannot open \(file): \(reason)"
        case let .truncated(file):
            return vi ? "Tệp \(file) bị cắt cụt hoặc hỏng: không tìm thấy thư mục của tệp nén (tệp .xlsx và .docx là tệp zip)."
                : "\(file) is truncated or damaged: the zip directory is missing (.xlsx and .docx files are zip archives)."
        case let .corrupt(file, entry, defect):
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
        case let .cannotWrite(file, entry):
            return vi ? "Không ghi được tệp \(file), mục \(entry) (nén không thành hoặc tệp vượt 4 GB)."
                : "Cannot write \(file), entry \(entry) (compression failed or the file exceeds 4 GB)."
        }
    }

    /// The operating system's reason in Vietnamese, for the common ones.
    public static func vietnameseReason(_ reason: String) -> String {
        switch reason {
        case "No such file or directory": return "tệp không tồn tại"
        case "Permission denied": return "không có quyền đọc tệp"
        case "Is a directory": return "đây là thư mục, không phải tệp"
        case "Input/output error": return "lỗi đọc đĩa"
        default: return reason
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

    public func text(_ language: Language) -> String {
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
