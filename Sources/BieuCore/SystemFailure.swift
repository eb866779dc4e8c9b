import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An operating-system error (`errno`) with its message in both languages.
public struct SystemFailure: Sendable, Hashable, CustomStringConvertible {
    /// The `errno` value (0 when the failure did not come from the system).
    public var code: Int32
    /// The system's own (English) message.
    public var description: String

    public init(code: Int32, description: String) {
        self.code = code
        self.description = description
    }

    /// The failure `errno` holds now.
    public static func current() -> SystemFailure {
        let code = errno
        return SystemFailure(code: code, description: String(cString: strerror(code)))
    }

    /// The reason in plain words; Vietnamese for the common cases, else the system's text.
    public func text(_ language: Language) -> String {
        guard language == .vi else { return description }
        switch code {
        case ENOENT: return "không tìm thấy tệp hoặc thư mục"
        case EACCES, EPERM: return "không có quyền truy cập"
        case EISDIR: return "đây là một thư mục"
        case ENOTDIR: return "một phần của đường dẫn không phải là thư mục"
        case ENAMETOOLONG: return "đường dẫn quá dài"
        case ENOSPC: return "ổ đĩa đã đầy"
        case EDQUOT: return "đã hết hạn mức dung lượng"
        case EFBIG: return "tệp vượt quá kích thước cho phép"
        case EROFS: return "ổ đĩa chỉ cho phép đọc"
        case EIO: return "lỗi đọc/ghi thiết bị"
        case EMFILE, ENFILE: return "đang mở quá nhiều tệp"
        default: return description
        }
    }
}
