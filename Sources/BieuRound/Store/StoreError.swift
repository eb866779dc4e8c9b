import BieuCore

/// Why a round store cannot be used. Every case names the file.
public enum StoreError: UserFacingError, Equatable {
    /// No store at the path (commands other than `round new` need one).
    case missing(path: String)
    /// The file is not an SQLite database, or SQLite reports it damaged.
    case corrupt(path: String, detail: String)
    /// An SQLite database, but not a bieu round store.
    case notAStore(path: String)
    /// Written by a newer bieu: schema steps this one does not know.
    case newerSchema(path: String, unknown: [String])
    /// Another process held the store's write lock longer than the wait allowed.
    case locked(path: String, seconds: Double)
    /// The round id is already in the store.
    case roundExists(path: String, round: String)
    /// No round with this id (or no round at all).
    case noRound(path: String, round: String?, available: [String])
    /// The disk (or the file-size limit) is full: the write in progress was rolled back.
    case full(path: String, detail: String)
    /// SQLite could not read or write the file (`disk I/O error`): a full disk or file-size limit, a
    /// device error; the write in progress was rolled back.
    case io(path: String, detail: String)
    /// Any other SQLite failure (disk full, read-only file, …), with SQLite's words.
    case sqlite(path: String, detail: String)

    public func message(_ language: Language) -> String {
        switch (self, language) {
        case let (.missing(p), .vi): return "Không có kho đợt thu \(p) (tạo bằng: bieu round new … --store \(p))"
        case let (.missing(p), .en): return "No round store at \(p) (create one with: bieu round new … --store \(p))"
        case let (.corrupt(p, d), .vi): return "\(p): tệp không phải cơ sở dữ liệu SQLite hoặc đã hỏng (\(d)); kho không bị thay đổi"
        case let (.corrupt(p, d), .en): return "\(p): not an SQLite database, or damaged (\(d)); the store was not changed"
        case let (.notAStore(p), .vi): return "\(p): là cơ sở dữ liệu SQLite nhưng không phải kho đợt thu của bieu; không sửa gì"
        case let (.notAStore(p), .en): return "\(p): an SQLite database, but not a bieu round store; nothing changed"
        case let (.newerSchema(p, u), .vi):
            return "\(p): kho được tạo bởi phiên bản bieu mới hơn (có các bước lược đồ chưa biết: \(u.joined(separator: ", "))); hãy cập nhật bieu, kho không bị thay đổi"
        case let (.newerSchema(p, u), .en):
            return "\(p): the store was written by a newer bieu (unknown schema steps: \(u.joined(separator: ", "))); update bieu; the store was not changed"
        case let (.locked(p, s), .vi):
            return "\(p): một tiến trình khác đang ghi vào kho; đã chờ \(Self.seconds(s)) giây mà chưa xong. Hãy thử lại sau; kho không bị thay đổi"
        case let (.locked(p, s), .en):
            return "\(p): another process is writing to the store; waited \(Self.seconds(s)) s. Try again later; the store was not changed"
        case let (.roundExists(p, r), .vi): return "\(p): đã có đợt thu \"\(r)\"; hãy chọn mã khác (--round)"
        case let (.roundExists(p, r), .en): return "\(p): round \"\(r)\" already exists; choose another id (--round)"
        case let (.noRound(p, r, a), .vi):
            if let r { return "\(p): không có đợt thu \"\(r)\" (có: \(a.isEmpty ? "không có đợt nào" : a.joined(separator: ", ")))" }
            return "\(p): kho có \(a.count) đợt thu (\(a.joined(separator: ", "))); hãy chọn bằng --round"
        case let (.noRound(p, r, a), .en):
            if let r { return "\(p): no round \"\(r)\" (available: \(a.isEmpty ? "none" : a.joined(separator: ", ")))" }
            return "\(p): the store holds \(a.count) rounds (\(a.joined(separator: ", "))); choose one with --round"
        case let (.full(p, d), .vi):
            return "\(p): ổ đĩa chứa kho đã đầy (\(d)); lần ghi này đã được huỷ, kho không bị thay đổi. Hãy giải phóng dung lượng rồi chạy lại"
        case let (.full(p, d), .en):
            return "\(p): the disk holding the store is full (\(d)); this write was rolled back, the store was not changed. Free some space and run it again"
        case let (.io(p, d), .vi):
            return "\(p): không đọc/ghi được tệp kho trên đĩa (\(d): ổ đĩa đầy, tệp vượt giới hạn kích thước, hoặc lỗi thiết bị); lần ghi này đã được huỷ, kho không bị thay đổi"
        case let (.io(p, d), .en):
            return "\(p): the store's file could not be read or written (\(d): a full disk, a file-size limit, or a device error); this write was rolled back, the store was not changed"
        case let (.sqlite(p, d), .vi): return "\(p): lỗi khi đọc/ghi kho (\(d)); kho không bị thay đổi"
        case let (.sqlite(p, d), .en): return "\(p): store read/write failed (\(d)); the store was not changed"
        }
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }
}
