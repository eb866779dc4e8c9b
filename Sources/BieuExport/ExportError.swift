import BieuCore
import Foundation

/// Why an export (a workbook, a CSV file, a Word document, a staff workbook or
/// a units file) cannot be made. Every case names what the user gave.
public enum ExportError: UserFacingError, Equatable {
    case noTables
    case noSuchTable(id: String, available: [String])
    /// CSV holds one table and the report has several.
    case oneTablePerCSV(available: [String])
    /// A character XML cannot hold (a control character) in a cell of a Word document.
    case docxUnwritableCharacter(place: ExportWarning.Place, cell: CellAddress, code: UInt32)
    case tableUsesOtherTemplate(id: String, template: String, wanted: String)
    case noTableForTemplate(template: String, available: [String])
    case severalTables(template: String, ids: [String])
    case periodBeforeData(period: Int, dataYear: Int)
    case tooManyRows(limit: Int)
    case badPassword
    case badUnit(reason: Bilingual)
    case unitsCannotRead(file: String)
    case unitsTooLarge(file: String, size: Int)
    case unitsNotUTF8(file: String, line: Int)
    case unitsBadLine(file: String, line: Int, reason: Bilingual)
    case unitsDuplicate(file: String, line: Int, firstLine: Int, slug: String)
    case unitsTooMany(file: String, limit: Int)
    case unitsEmpty(file: String)

    public func message(_ language: Language) -> String {
        switch (self, language) {
        case (.noTables, .vi): return "Báo cáo không có biểu nào để xuất"
        case (.noTables, .en): return "The report has no tables to export"
        case let (.oneTablePerCSV(available), .vi):
            return "CSV chỉ chứa một biểu: hãy chọn biểu bằng --table (có: \(available.joined(separator: ", ")))"
        case let (.oneTablePerCSV(available), .en):
            return "A CSV file holds one table: choose it with --table (available: \(available.joined(separator: ", ")))"
        case let (.docxUnwritableCharacter(place, cell, code), .vi):
            return "\(place.describe(cell, .vi)): ký tự điều khiển U+\(String(code, radix: 16, uppercase: true)) không ghi được vào tài liệu Word"
        case let (.docxUnwritableCharacter(place, cell, code), .en):
            return "\(place.describe(cell, .en)): the control character U+\(String(code, radix: 16, uppercase: true)) cannot be written to a Word document"
        case let (.noSuchTable(id, available), .vi):
            return "Báo cáo không có biểu \"\(id)\" (có: \(available.joined(separator: ", ")))"
        case let (.noSuchTable(id, available), .en):
            return "The report has no table \"\(id)\" (available: \(available.joined(separator: ", ")))"
        case let (.tableUsesOtherTemplate(id, template, wanted), .vi):
            return "Biểu \"\(id)\" trong dữ liệu theo mẫu \(template), không phải mẫu \(wanted)"
        case let (.tableUsesOtherTemplate(id, template, wanted), .en):
            return "Table \"\(id)\" in the data uses template \(template), not \(wanted)"
        case let (.noTableForTemplate(template, available), .vi):
            return "Dữ liệu không có biểu nào theo mẫu \(template) (có: \(available.joined(separator: ", ")))"
        case let (.noTableForTemplate(template, available), .en):
            return "The data has no table of template \(template) (available: \(available.joined(separator: ", ")))"
        case let (.severalTables(template, ids), .vi):
            return "Dữ liệu có nhiều biểu theo mẫu \(template) (\(ids.joined(separator: ", "))): chọn một bằng --table"
        case let (.severalTables(template, ids), .en):
            return "The data has several tables of template \(template) (\(ids.joined(separator: ", "))): choose one with --table"
        case let (.periodBeforeData(p, d), .vi):
            return "Năm \(p) ở trước năm của dữ liệu (\(d)): không làm biểu mẫu cho kỳ đã qua từ dữ liệu kỳ sau"
        case let (.periodBeforeData(p, d), .en):
            return "\(p) is before the data's year (\(d)): a workbook for an earlier period cannot be made from later data"
        case let (.tooManyRows(limit), .vi):
            return "Số dòng trống phải từ 0 đến \(limit)"
        case let (.tooManyRows(limit), .en):
            return "The number of empty rows must be from 0 to \(limit)"
        case (.badPassword, .vi):
            return "Mật khẩu chỉ gồm chữ cái không dấu, chữ số và ký hiệu thông thường (ASCII), tối đa 255 ký tự: mật khẩu có dấu tiếng Việt không mở được như nhau trên mọi máy"
        case (.badPassword, .en):
            return "The password may contain only ASCII letters, digits and symbols, at most 255 characters: passwords with Vietnamese letters do not open the same on every computer"
        case let (.badUnit(reason), .vi):
            return "Tên đơn vị không dùng được: \(reason.vi)"
        case let (.badUnit(reason), .en):
            return "Unusable unit name: \(reason.en)"
        case let (.unitsCannotRead(f), .vi): return "Không đọc được tệp danh sách đơn vị \(f)"
        case let (.unitsCannotRead(f), .en): return "Cannot read the units file \(f)"
        case let (.unitsTooLarge(f, size), .vi): return "\(f): tệp quá lớn (\(size) byte) để là danh sách đơn vị"
        case let (.unitsTooLarge(f, size), .en): return "\(f): the file is too large (\(size) bytes) to be a list of units"
        case let (.unitsNotUTF8(f, line), .vi): return "\(f), dòng \(line): không phải chữ UTF-8 (hãy lưu tệp dạng UTF-8)"
        case let (.unitsNotUTF8(f, line), .en): return "\(f), line \(line): not UTF-8 text (save the file as UTF-8)"
        case let (.unitsBadLine(f, line, reason), .vi): return "\(f), dòng \(line): \(reason.vi)"
        case let (.unitsBadLine(f, line, reason), .en): return "\(f), line \(line): \(reason.en)"
        case let (.unitsDuplicate(f, line, first, slug), .vi):
            return "\(f), dòng \(line): trùng với đơn vị ở dòng \(first) (cùng tên tệp \"\(slug)\")"
        case let (.unitsDuplicate(f, line, first, slug), .en):
            return "\(f), line \(line): same unit as line \(first) (same file name \"\(slug)\")"
        case let (.unitsTooMany(f, limit), .vi): return "\(f): nhiều hơn \(limit) đơn vị"
        case let (.unitsTooMany(f, limit), .en): return "\(f): more than \(limit) units"
        case let (.unitsEmpty(f), .vi): return "\(f): không có đơn vị nào (dòng trống và dòng bắt đầu bằng # được bỏ qua)"
        case let (.unitsEmpty(f), .en): return "\(f): no units (blank lines and lines starting with # are ignored)"
        }
    }
}
