import BieuCore

/// Why a round command cannot do what was asked. Each case names the file or the round.
public enum RoundError: UserFacingError, Equatable {
    /// The return was made for another round, period, template or unit (`--force` accepts it).
    case mismatch(file: String, field: Field, expected: String, found: String)
    /// The workbook's identity carries a digest of data this round did not send to the unit
    /// (`--force` accepts it). `found` is empty when the identity has no digest.
    case digestMismatch(file: String, unit: String, expected: [String], found: String)
    /// The workbook names a unit that is not in the round.
    case unknownUnit(file: String, unit: String, available: [String])
    /// No round identity in the workbook and no `--unit`.
    case noUnit(file: String)
    /// The file holds no table of the round's template.
    case notAReturn(file: String, reason: Bilingual)
    /// The file cannot be read at all.
    case unreadable(file: String, reason: Bilingual)
    case tooLarge(file: String, size: Int, limit: Int)
    /// `--unit` names no unit of the round.
    case noSuchUnit(unit: String, available: [String])
    /// Two revisions asked for by number, one not there.
    case noRevision(unit: String, number: Int, count: Int)

    public enum Field: String, Sendable, Equatable {
        case round, period, template, unit
        func label(_ language: Language) -> String {
            switch (self, language) {
            case (.round, .vi): return "đợt thu"
            case (.period, .vi): return "kỳ báo cáo"
            case (.template, .vi): return "mẫu biểu"
            case (.unit, .vi): return "đơn vị"
            case (.round, .en): return "round"
            case (.period, .en): return "period"
            case (.template, .en): return "template"
            case (.unit, .en): return "unit"
            }
        }
    }

    public func message(_ language: Language) -> String {
        switch (self, language) {
        case let (.mismatch(f, field, expected, found), .vi):
            return "\(f): \(field.label(.vi)) của tệp là \"\(found)\", khác \(field.label(.vi)) đang thu \"\(expected)\"; không lưu (dùng --force để vẫn nhận và ghi lại là nhận ép)"
        case let (.mismatch(f, field, expected, found), .en):
            return "\(f): the file's \(field.label(.en)) is \"\(found)\", not the \(field.label(.en)) being collected, \"\(expected)\"; not stored (--force accepts it and records that it was forced)"
        case let (.digestMismatch(f, u, expected, found), .vi):
            let sent = expected.isEmpty ? "(chưa gửi gì)" : expected.map { "\"\($0)\"" }.joined(separator: " hoặc ")
            return "\(f): mã kiểm của tệp là \(found.isEmpty ? "(không có)" : "\"\(found)\""), khác mã kiểm của biểu đợt thu này đã gửi cho \(u) \(sent) "
                + "(tệp làm cho đơn vị khác, từ kho khác, hoặc phần nhận dạng trong trang _bieu đã bị sửa); không lưu (dùng --force để vẫn nhận và ghi lại là nhận ép)"
        case let (.digestMismatch(f, u, expected, found), .en):
            let sent = expected.isEmpty ? "(nothing sent)" : expected.map { "\"\($0)\"" }.joined(separator: " or ")
            return "\(f): the file's digest is \(found.isEmpty ? "(none)" : "\"\(found)\""), not the digest of what this round sent to \(u), \(sent) "
                + "(a workbook made for another unit, from another store, or with its _bieu identity edited); not stored (--force accepts it and records that it was forced)"
        case let (.unknownUnit(f, u, a), .vi):
            return "\(f): đơn vị \"\(u)\" không có trong đợt thu (có: \(a.joined(separator: ", "))); không lưu"
        case let (.unknownUnit(f, u, a), .en):
            return "\(f): unit \"\(u)\" is not in the round (units: \(a.joined(separator: ", "))); not stored"
        case let (.noUnit(f), .vi):
            return "\(f): tệp không ghi đơn vị nào của đợt thu (không phải biểu mẫu bieu gửi đi); hãy chỉ rõ bằng --unit"
        case let (.noUnit(f), .en):
            return "\(f): the file names no unit of the round (not a workbook bieu sent); say which with --unit"
        case let (.notAReturn(f, r), .vi): return "\(f): không phải bản báo cáo của đợt thu này: \(r.vi); không lưu"
        case let (.notAReturn(f, r), .en): return "\(f): not a return of this round: \(r.en); not stored"
        case let (.unreadable(f, r), .vi): return "\(f): không đọc được: \(r.vi); không lưu"
        case let (.unreadable(f, r), .en): return "\(f): cannot be read: \(r.en); not stored"
        case let (.tooLarge(f, s, l), .vi): return "\(f): tệp quá lớn (\(s) byte, tối đa \(l)); không lưu"
        case let (.tooLarge(f, s, l), .en): return "\(f): file too large (\(s) bytes, at most \(l)); not stored"
        case let (.noSuchUnit(u, a), .vi): return "không có đơn vị \"\(u)\" trong đợt thu (có: \(a.joined(separator: ", ")))"
        case let (.noSuchUnit(u, a), .en): return "no unit \"\(u)\" in the round (units: \(a.joined(separator: ", ")))"
        case let (.noRevision(u, n, c), .vi): return "đơn vị \(u) không có lần nộp số \(n) (có \(c) lần nộp)"
        case let (.noRevision(u, n, c), .en): return "unit \(u) has no revision \(n) (it has \(c))"
        }
    }
}
