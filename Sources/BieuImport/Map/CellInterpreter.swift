import BieuCore
import BieuCSV
import BieuModel
import BieuTemplates
import BieuXLSXReader
import Foundation

/// Turns what a spreadsheet cell holds into a model ``Cell``.
///
/// - Numbers keep their value exactly (the shortest decimal that reads back as
///   the stored double, as Excel shows it). Their text is the text as written
///   when bieu's own workbook recorded it and the value is unchanged;
///   otherwise the number is written the Vietnamese way with the decimals of
///   the cell's number format (`#,##0.0` → `41.160,5`). Percent formats give
///   percents (`0.0%` scales by 100; bieu's `0.0"%"` does not).
/// - Text is read with the value parser; a number typed as text is accepted, with a note.
/// - A formula that bieu generates for a computed or assessment column is
///   derived data, not a value: the model stores nothing for it.
/// - Excel's conversions are undone where they are certain and reported:
///   `6/9` typed into a cell becomes a date; bieu reads it back as `6/9`.
/// - A `kind: text` column keeps the text as written, uninterpreted (no
///   number, percent, bound or status reading, so no number-convention
///   findings); a number Excel stored in it is written back with a note.
/// - In a `kind: value` column, text that is no value form is kept with a
///   warning naming it: letters typed for digits (`61O000`) as such, and short
///   free text (`chưa thống kê`); sentences (more than
///   ``ValueParser/maxUnitWords`` words) are content and kept quietly.
/// - A value the file stores under a type it does not fit
///   (`GridValue.unreadable`) is kept as text with a warning for its cell.
struct CellInterpreter {
    let sheet: String
    let tableID: String
    let fromCSV: Bool
    /// The sheet is a table of a Word document (``DocumentTable``): every cell is text
    /// as typed, so a number in one is no "number typed as text".
    var fromDocument: Bool { DocumentTable.number(sheetName: sheet) != nil }
    /// Number formats read so far (a sheet has a handful; reading one per cell
    /// was 5 % of a 2,000-row import).
    let formats = NumberFormatCache()

    enum Outcome {
        case value(Cell)
        /// A formula bieu generated: derived, not stored.
        case derived
        case empty
    }

    /// The text of a field cell (STT, name, unit, note).
    func fieldText(_ cell: GridCell?, address: CellAddress, findings: inout [Finding]) -> String {
        guard let cell else { return "" }
        switch cell.value {
        case .string(let s): return VietnameseText.nfc(fromCSV ? CSVText.unneutralize(s) : s)
        case .number(let literal): return CellInterpreter.decimal(literal).map(DecimalFormatting.plain) ?? literal
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case let .date(serial, date1904):
            let text = CellInterpreter.dayMonth(serial: serial, date1904: date1904) ?? CellInterpreter.timeOfDay(serial: serial) ?? serial
            findings.append(dateFinding(address, text))
            return text
        case .error(let e):
            findings.append(Finding(.error, "error-value", at: SheetCell(sheet: sheet, address: address), table: tableID,
                                    vi: "ô chứa giá trị lỗi \(e)", en: "the cell holds the error value \(e)"))
            return ""
        case let .unreadable(text, type):
            findings.append(unreadableFinding(address, type: type, text: text))
            return VietnameseText.nfc(text)
        case .formulaWithoutValue, .empty:
            return ""
        }
    }

    /// `recorded`: the text as written that bieu recorded for this cell (row identity), if any.
    func interpret(_ cell: GridCell, column: Column, rowID: String?, recorded: String? = nil, expectedFormula: String?, findings: inout [Finding]) -> Outcome {
        let place = SheetCell(sheet: sheet, address: cell.address)
        if let formula = cell.formula, let expectedFormula,
           CellInterpreter.normalizeFormula(formula) == CellInterpreter.normalizeFormula(expectedFormula) {
            return .derived
        }
        if cell.formula != nil && (column.kind == .computed || column.kind == .assessment) {
            findings.append(Finding(.note, "formula-changed", at: place, table: tableID, row: rowID, column: column.id,
                                    vi: "công thức trong ô đã bị sửa; lấy giá trị đang hiển thị", en: "the formula was changed; the value shown is used"))
        }
        switch cell.value {
        case .empty:
            return .empty
        case .formulaWithoutValue:
            findings.append(Finding(.warning, "formula-without-value", at: place, table: tableID, row: rowID, column: column.id,
                                    vi: "ô có công thức nhưng chưa có kết quả tính (hãy mở và lưu lại tệp trong Excel hoặc LibreOffice)",
                                    en: "the cell has a formula but no computed result (open and save the file in Excel or LibreOffice)"))
            return .empty
        case .error(let e):
            findings.append(Finding(.error, "error-value", at: place, table: tableID, row: rowID, column: column.id,
                                    vi: "ô chứa giá trị lỗi \(e)", en: "the cell holds the error value \(e)"))
            return .empty
        case .boolean(let b):
            return .value(Cell(b ? "TRUE" : "FALSE"))
        case let .unreadable(text, type):
            findings.append(unreadableFinding(cell.address, type: type, text: text, rowID: rowID, columnID: column.id))
            let kept = VietnameseText.nfc(text)
            if kept.isEmpty { return .empty }
            return .value(column.kind == .text ? Cell(text: kept, value: .text(kept)) ?? Cell(kept) : Cell(kept))
        case let .date(serial, date1904):
            let text = CellInterpreter.dayMonth(serial: serial, date1904: date1904) ?? CellInterpreter.timeOfDay(serial: serial) ?? serial
            findings.append(dateFinding(cell.address, text, rowID: rowID, columnID: column.id))
            return .value(Cell(text))
        case .string(var text):
            text = VietnameseText.nfc(text)
            if fromCSV { text = CSVText.unneutralize(text) }
            if text.utf16.count > XLSXError.excelCellCharacters {
                findings.append(Finding(.warning, "text-over-excel-limit", at: place, table: tableID, row: rowID, column: column.id,
                                        vi: "ô dài \(text.utf16.count) ký tự, quá giới hạn 32.767 ký tự một ô của Excel; khi xuất ra Excel nội dung sẽ không giữ được nguyên vẹn",
                                        en: "the cell holds \(text.utf16.count) characters, over Excel's limit of 32,767 characters per cell; an Excel export cannot keep it whole"))
            }
            if column.kind == .text {
                // Kept as written: no reading as number, percent, bound or status.
                if text.trimmingWhitespaceAndNewlines().isEmpty { return .empty }
                return .value(Cell(text: text, value: .text(text)) ?? Cell(text))
            }
            let parsed = Cell(text)
            if !fromCSV, !fromDocument, case .number = parsed.value {
                findings.append(Finding(.note, "number-as-text", at: place, table: tableID, row: rowID, column: column.id,
                                        vi: "số \"\(text)\" được nhập dạng chữ; đã đọc là số", en: "the number \"\(text)\" was typed as text; read as a number"))
            }
            if column.kind == .value, case .text(let written) = parsed.value {
                let shown = written.trimmingWhitespaceAndNewlines()
                if let confusion = ValueParser.digitLetterConfusion(shown) {
                    let letters = Set(confusion.letters)
                    let vi = letters.map { $0 == "O" || $0 == "o" ? "chữ \($0) thay cho số 0" : "chữ \($0) thay cho số 1" }.sorted().joined(separator: ", ")
                    let en = letters.map { $0 == "O" || $0 == "o" ? "the letter \($0) for the digit 0" : "the letter \($0) for the digit 1" }.sorted().joined(separator: ", ")
                    findings.append(Finding(.warning, "digit-letter", at: place, table: tableID, row: rowID, column: column.id,
                                            vi: "\"\(shown)\" có vẻ là số \"\(confusion.corrected)\" gõ nhầm (\(vi)); giữ nguyên dạng chữ, chưa đọc là số — hãy sửa lại",
                                            en: "\"\(shown)\" looks like the number \"\(confusion.corrected)\" mistyped (\(en)); kept as text, not read as a number — please correct it"))
                } else if shown.split(separator: " ").count <= ValueParser.maxUnitWords {
                    findings.append(Finding(.warning, "not-a-value", at: place, table: tableID, row: rowID, column: column.id,
                                            vi: "\"\(shown)\" không phải số, tỷ lệ, khoảng, ngưỡng hay đánh giá (Đạt, Vượt, Chưa đạt…); giữ nguyên dạng chữ, không dùng được để tính toán",
                                            en: "\"\(shown)\" is not a number, ratio, range, bound or assessment (Đạt, Vượt, Chưa đạt…); kept as text, not usable in calculations"))
                }
            }
            return parsed.isEmpty ? .empty : .value(parsed)
        case .number(let literal):
            guard var d = CellInterpreter.decimal(literal) else {
                return .value(Cell(literal))
            }
            let format = formats.info(cell.numberFormat)
            var value: CellValue = .number(d)
            if format.percentScaled {
                d = d * 100
                value = .percent(d)
            } else if format.percentLiteral {
                value = .percent(d)
            } else if format.perMille {
                value = .perMille(d)
            }
            if let recorded, let cell = Cell(text: recorded, value: value) {
                return .value(cell)
            }
            let scale = DecimalFormatting.scale(of: d)
            let decimals = format.decimals ?? min(scale, 10)
            let text = value.rendered(style: .vietnamese, decimals: max(decimals, scale))
            if column.kind == .text {
                // Excel turned what was typed into a number; its text is gone, the number's is written.
                if let recorded { return .value(Cell(text: recorded, value: .text(recorded)) ?? Cell(recorded)) }
                findings.append(Finding(.note, "number-in-text-column", at: place, table: tableID, row: rowID, column: column.id,
                                        vi: "ô chứa số \(literal) (Excel đổi nội dung gõ vào thành số) trong cột chữ; ghi lại là \"\(text)\" — hãy kiểm tra đúng như đã gõ (số 0 ở đầu, chữ số thập phân có thể đã mất)",
                                        en: "the cell holds the number \(literal) (Excel turned what was typed into a number) in a text column; written as \"\(text)\" — please check it is what was typed (leading zeros or decimals may be lost)"))
                return .value(Cell(text: text, value: .text(text)) ?? Cell(text))
            }
            if let cell = Cell(text: text, value: value) { return .value(cell) }
            return .value(Cell(text))
        }
    }

    private func unreadableFinding(_ address: CellAddress, type: DeclaredType, text: String, rowID: String? = nil, columnID: String? = nil) -> Finding {
        let (vi, en): (String, String)
        switch type {
        case .date: (vi, en) = ("ngày giờ (t=\"d\")", "a date (t=\"d\")")
        case .number: (vi, en) = ("số (t=\"n\")", "a number (t=\"n\")")
        case .boolean: (vi, en) = ("giá trị logic (t=\"b\")", "a boolean (t=\"b\")")
        case .error: (vi, en) = ("giá trị lỗi (t=\"e\")", "an error value (t=\"e\")")
        case .unknown: (vi, en) = ("một kiểu (t) không có trong định dạng", "a type (t) the format does not define")
        }
        let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return Finding(.warning, "unreadable-value", at: SheetCell(sheet: sheet, address: address), table: tableID, row: rowID, column: columnID,
                       vi: "tệp ghi ô này là \(vi) nhưng giá trị \"\(shown)\" không đọc được theo kiểu đó; giữ nguyên nội dung dạng chữ",
                       en: "the file stores this cell as \(en) but its value \"\(shown)\" cannot be read as such; kept as text")
    }

    private func dateFinding(_ address: CellAddress, _ text: String, rowID: String? = nil, columnID: String? = nil) -> Finding {
        Finding(.warning, "date-converted", at: SheetCell(sheet: sheet, address: address), table: tableID, row: rowID, column: columnID,
                vi: "Excel đã đổi nội dung ô thành ngày tháng; đọc lại là \"\(text)\" — hãy kiểm tra (gõ dấu ' trước nội dung để giữ nguyên)",
                en: "Excel turned the cell into a date; read back as \"\(text)\" — please check (type ' before the content to keep it as typed)")
    }

    // MARK: - Helpers

    /// A stored number literal as the decimal Excel shows: the shortest text that reads
    /// back as the same double (`0.29199999999999998` → `0.292`).
    static func decimal(_ literal: String) -> Decimal? {
        guard let double = Double(literal), double.isFinite else { return nil }
        let shortest = double.description
        return DecimalFormatting.parseLiteral(shortest) ?? DecimalFormatting.parseLiteral(literal)
    }

    /// `day/month` for a date serial (Excel under Vietnamese settings reads `6/9` as 6 September).
    static func dayMonth(serial: String, date1904: Bool) -> String? {
        guard let s = Double(serial), s >= 1, s < 2_958_466 else { return nil }
        var days = Int(s)
        if !date1904 {
            // Serial 60 is the phantom 29/02/1900 of the 1900 system.
            if days == 60 { return "29/2" }
            if days > 60 { days -= 1 }
            days -= 1
        }
        let base = date1904 ? DateComponents(year: 1904, month: 1, day: 1) : DateComponents(year: 1900, month: 1, day: 1)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: base), let date = calendar.date(byAdding: .day, value: days, to: start) else { return nil }
        let c = calendar.dateComponents([.day, .month], from: date)
        return "\(c.day!)/\(c.month!)"
    }

    /// `h:mm:ss` for a time-only serial (0 ≤ serial < 1), as Excel shows a time.
    static func timeOfDay(serial: String) -> String? {
        guard let s = Double(serial), s >= 0, s < 1 else { return nil }
        let total = min(Int((s * 86_400).rounded()), 86_399)
        let m = total / 60 % 60, sec = total % 60
        return "\(total / 3600):\(m < 10 ? "0" : "")\(m):\(sec < 10 ? "0" : "")\(sec)"
    }

    static func normalizeFormula(_ f: String) -> String {
        // ASCII formulas (all that bieu writes but assessment labels): one pass over the bytes,
        // leaving for the general path below at the first non-ASCII byte.
        var out: [UInt8] = []
        out.reserveCapacity(f.utf8.count)
        var ascii = true
        var first = true
        for b in f.utf8 {
            if b >= 0x80 { ascii = false; break }
            if first {
                first = false
                if b == UInt8(ascii: "=") { continue }
            }
            if b == UInt8(ascii: "$") || b == UInt8(ascii: " ") { continue }
            out.append(b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") ? b - 32 : b)
            // LibreOffice may spell the Excel 2010 function with its prefix: "_XLFN." is dropped when its "." arrives.
            if b == UInt8(ascii: "."), out.count >= 6 {
                let n = out.count
                if out[n - 6] == UInt8(ascii: "_") && out[n - 5] == UInt8(ascii: "X") && out[n - 4] == UInt8(ascii: "L")
                    && out[n - 3] == UInt8(ascii: "F") && out[n - 2] == UInt8(ascii: "N") {
                    out.removeLast(6)
                }
            }
        }
        if ascii { return String(decoding: out, as: UTF8.self) }
        var s = f.hasPrefix("=") ? String(f.dropFirst()) : f
        s = s.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: " ", with: "").uppercased()
        // LibreOffice may spell the Excel 2010 function with its prefix.
        return s.replacingOccurrences(of: "_XLFN.", with: "")
    }
}

/// Number format codes already read, so each distinct code is read once. Kept
/// small: a hostile file with endless distinct codes just reads them each time.
final class NumberFormatCache {
    private var known: [String: NumberFormatInfo] = [:]
    static let limit = 256

    func info(_ code: String?) -> NumberFormatInfo {
        guard let code else { return NumberFormatInfo(nil) }
        if let info = known[code] { return info }
        let info = NumberFormatInfo(code)
        if known.count < Self.limit { known[code] = info }
        return info
    }
}

/// What a number format code says about the value it shows.
struct NumberFormatInfo: Equatable {
    var decimals: Int?
    /// `0.0%`: the stored value is a fraction, shown ×100.
    var percentScaled = false
    /// `0.0"%"`: the stored value is already in percent units (bieu's own format).
    var percentLiteral = false
    var perMille = false

    init(_ code: String?) {
        guard let code, !code.isEmpty, code.lowercased() != "general" else { return }
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? code
        var inQuote = false
        var afterPoint = false
        var count = 0
        var sawPoint = false
        var prev: Character = " "
        var quoted = ""
        for ch in section {
            if ch == "\"" {
                if inQuote {
                    if quoted.contains("%") { percentLiteral = true }
                    if quoted.contains("‰") { perMille = true }
                    quoted = ""
                }
                inQuote.toggle()
                prev = ch
                continue
            }
            if inQuote { quoted.append(ch); prev = ch; continue }
            if prev == "\\" {
                // An escaped character is shown literally: `\%` is a percent sign, not a scaling.
                if ch == "%" { percentLiteral = true }
                if ch == "‰" { perMille = true }
                prev = " "
                continue
            }
            switch ch {
            case ".": afterPoint = true; sawPoint = true
            case "0", "#", "?": if afterPoint { count += 1 }
            case "%": percentScaled = true
            case "‰": perMille = true
            default: if afterPoint && ch != "," { afterPoint = false }
            }
            prev = ch
        }
        decimals = sawPoint ? count : 0
    }
}
