import BieuCore
import BieuCSV
import BieuModel
import BieuTemplates
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
struct CellInterpreter {
    let sheet: String
    let tableID: String
    let fromCSV: Bool
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
            let text = CellInterpreter.dayMonth(serial: serial, date1904: date1904) ?? serial
            findings.append(dateFinding(address, text))
            return text
        case .error(let e):
            findings.append(Finding(.error, "error-value", at: SheetCell(sheet: sheet, address: address), table: tableID,
                                    vi: "ô chứa giá trị lỗi \(e)", en: "the cell holds the error value \(e)"))
            return ""
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
        case let .date(serial, date1904):
            let text = CellInterpreter.dayMonth(serial: serial, date1904: date1904) ?? serial
            findings.append(dateFinding(cell.address, text, rowID: rowID, columnID: column.id))
            return .value(Cell(text))
        case .string(var text):
            text = VietnameseText.nfc(text)
            if fromCSV { text = CSVText.unneutralize(text) }
            let parsed = Cell(text)
            if !fromCSV, column.kind != .text, case .number = parsed.value {
                findings.append(Finding(.note, "number-as-text", at: place, table: tableID, row: rowID, column: column.id,
                                        vi: "số \"\(text)\" được nhập dạng chữ; đã đọc là số", en: "the number \"\(text)\" was typed as text; read as a number"))
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
            if let cell = Cell(text: text, value: value) { return .value(cell) }
            return .value(Cell(text))
        }
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
