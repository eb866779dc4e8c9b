/// Renders a `GridWorkbook` for people (`bieu inspect`) and for programs (JSON).
///
/// Text mode has bilingual labels (Vietnamese by default); JSON keys are
/// English and stable. Without `cells`, each sheet gets a summary: state,
/// used range, number of non-empty cells, merged ranges, hidden rows and
/// columns. With `cells`, every non-empty cell follows with its A1
/// reference, type and value (plus formula and number format when present).
public enum GridRendering {
    /// Options for rendering.
    public struct Options: Sendable {
        /// List every non-empty cell.
        public var cells: Bool
        /// The file name shown in the header (nil: none).
        public var file: String?

        public init(cells: Bool = false, file: String? = nil) {
            self.cells = cells
            self.file = file
        }
    }

    /// The used range of a sheet (smallest rectangle holding every non-empty cell), nil when empty.
    public static func dimension(of sheet: GridSheet) -> CellRange? {
        guard let first = sheet.cells.first else { return nil }
        var minRow = first.address.row, maxRow = first.address.row
        var minCol = first.address.column, maxCol = first.address.column
        sheet.cells.withUnsafeBufferPointer { cells in
            for i in cells.indices {
                let a = cells[i].address
                minRow = min(minRow, a.row)
                maxRow = max(maxRow, a.row)
                minCol = min(minCol, a.column)
                maxCol = max(maxCol, a.column)
            }
        }
        return CellRange(row: minRow, column: minCol, lastRow: maxRow, lastColumn: maxCol)
    }

    // MARK: - Text

    private static func label(_ vi: String, _ en: String, _ language: Language) -> String { language == .vi ? vi : en }

    /// A type name in the given language.
    public static func typeLabel(_ value: GridValue, _ language: Language) -> String {
        switch (value, language) {
        case (.string, .vi): return "chuỗi"
        case (.number, .vi): return "số"
        case (.boolean, .vi): return "logic"
        case (.date, .vi): return "ngày"
        case (.error, .vi): return "lỗi"
        case (.formulaWithoutValue, .vi): return "công-thức-chưa-tính"
        case (.unreadable, .vi): return "không-đọc-được"
        case (.empty, .vi): return "rỗng"
        default: return value.typeName
        }
    }

    private static func stateLabel(_ state: SheetState, _ language: Language) -> String {
        switch (state, language) {
        case (.visible, .vi): return "hiện"
        case (.hidden, .vi): return "ẩn"
        case (.veryHidden, .vi): return "ẩn sâu (veryHidden)"
        case (.visible, .en): return "visible"
        case (.hidden, .en): return "hidden"
        case (.veryHidden, .en): return "very hidden"
        }
    }

    /// A value as text mode shows it: strings quoted with escapes, dates with their calendar date.
    public static func displayValue(_ value: GridValue) -> String {
        switch value {
        case let .string(s): return quoted(s)
        case let .number(n): return n
        case let .boolean(b): return b ? "TRUE" : "FALSE"
        case let .date(serial, date1904):
            if let iso = isoDate(serial: serial, date1904: date1904) { return "\(serial) (\(iso))" }
            return serial
        case let .error(e): return e
        case let .unreadable(text, declared): return "\(quoted(text)) (t=\(declared.rawValue))"
        case .formulaWithoutValue, .empty: return ""
        }
    }

    /// The workbook as text, one block per sheet.
    public static func text(_ workbook: GridWorkbook, options: Options = Options(), language: Language = .vi) -> String {
        var out = ""
        if let file = options.file { out += label("Tệp", "File", language) + ": " + file + "\n" }
        out += label("Số trang tính", "Sheets", language) + ": \(workbook.sheets.count)\n"
        for (i, sheet) in workbook.sheets.enumerated() {
            out += "\n" + label("Trang", "Sheet", language) + " \(i + 1): \(sheet.name) [\(stateLabel(sheet.state, language))]\n"
            let dim = dimension(of: sheet).map(\.a1) ?? label("(trống)", "(empty)", language)
            out += "  " + label("Vùng dữ liệu", "Used range", language) + ": \(dim)\n"
            out += "  " + label("Số ô có dữ liệu", "Non-empty cells", language) + ": \(sheet.cells.count)\n"
            if !sheet.merges.isEmpty {
                out += "  " + label("Ô gộp", "Merged ranges", language) + ": " + sheet.merges.map(\.a1).joined(separator: ", ") + "\n"
            }
            if !sheet.hiddenRows.isEmpty {
                out += "  " + label("Dòng ẩn", "Hidden rows", language) + ": "
                    + sheet.hiddenRows.sorted().map { String($0 + 1) }.joined(separator: ", ") + "\n"
            }
            if !sheet.hiddenColumns.isEmpty {
                out += "  " + label("Cột ẩn", "Hidden columns", language) + ": "
                    + sheet.hiddenColumns.sorted().map { CellAddress.columnLetters($0) }.joined(separator: ", ") + "\n"
            }
            if options.cells && !sheet.cells.isEmpty {
                out += "  " + label("Các ô", "Cells", language) + ":\n"
                for cell in sheet.cells {
                    var line = "    \(cell.address.a1)\t\(typeLabel(cell.value, language))\t\(displayValue(cell.value))"
                    if let f = cell.formula { line += "\t=" + f }
                    if let n = cell.numberFormat { line += "\t[" + n + "]" }
                    out += line + "\n"
                }
            }
        }
        if !workbook.definedNames.isEmpty {
            out += "\n" + label("Tên được định nghĩa", "Defined names", language) + ":\n"
            for key in workbook.definedNames.keys.sorted() { out += "  \(key) = \(workbook.definedNames[key]!)\n" }
        }
        return out
    }

    // MARK: - JSON

    /// The workbook as JSON (English keys; one cell per line with `cells`).
    public static func json(_ workbook: GridWorkbook, options: Options = Options()) -> String {
        var out = "{\n"
        if let file = options.file { out += "  \"file\": \(quoted(file)),\n" }
        out += "  \"sheets\": ["
        for (i, sheet) in workbook.sheets.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += "      \"name\": \(quoted(sheet.name)),\n"
            out += "      \"state\": \(quoted(sheet.state.rawValue)),\n"
            out += "      \"dimension\": " + (dimension(of: sheet).map { quoted($0.a1) } ?? "null") + ",\n"
            out += "      \"cellCount\": \(sheet.cells.count),\n"
            out += "      \"merges\": [" + sheet.merges.map { quoted($0.a1) }.joined(separator: ", ") + "],\n"
            out += "      \"hiddenRows\": [" + sheet.hiddenRows.sorted().map { String($0 + 1) }.joined(separator: ", ") + "],\n"
            out += "      \"hiddenColumns\": [" + sheet.hiddenColumns.sorted().map { quoted(CellAddress.columnLetters($0)) }.joined(separator: ", ") + "]"
            if options.cells {
                out += ",\n      \"cells\": ["
                for (k, cell) in sheet.cells.enumerated() {
                    out += k == 0 ? "\n" : ",\n"
                    out += "        " + cellJSON(cell)
                }
                out += sheet.cells.isEmpty ? "]" : "\n      ]"
            }
            out += "\n    }"
        }
        out += workbook.sheets.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"definedNames\": {"
        let keys = workbook.definedNames.keys.sorted()
        out += keys.map { "\(quoted($0)): \(quoted(workbook.definedNames[$0]!))" }.joined(separator: ", ")
        out += "}\n}\n"
        return out
    }

    /// One cell as a JSON object: `ref`, `type`, `value` (text; absent for formula-without-value),
    /// `date1904` for dates, `formula` and `format` when present.
    public static func cellJSON(_ cell: GridCell) -> String {
        var s = "{\"ref\": \(quoted(cell.address.a1)), \"type\": \(quoted(cell.value.typeName))"
        switch cell.value {
        case let .string(v): s += ", \"value\": \(quoted(v))"
        case let .number(v): s += ", \"value\": \(quoted(v))"
        case let .boolean(v): s += ", \"value\": \(v ? "\"true\"" : "\"false\"")"
        case let .date(serial, d1904): s += ", \"value\": \(quoted(serial)), \"date1904\": \(d1904)"
        case let .error(v): s += ", \"value\": \(quoted(v))"
        case let .unreadable(text, declared): s += ", \"value\": \(quoted(text)), \"declaredType\": \(quoted(declared.rawValue))"
        case .formulaWithoutValue, .empty: break
        }
        if let f = cell.formula { s += ", \"formula\": \(quoted(f))" }
        if let n = cell.numberFormat { s += ", \"format\": \(quoted(n))" }
        return s + "}"
    }

    /// A JSON string literal.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// The calendar date of a serial (`45631` → `2024-12-05`; with a time part, `2024-12-05 12:00`).
    public static func isoDate(serial: String, date1904: Bool) -> String? {
        guard let value = Double(serial), value >= 0, value < 3_000_000 else { return nil }
        var days = Int(value.rounded(.down))
        let seconds = Int(((value - Double(days)) * 86_400).rounded())
        if date1904 {
            days += 1462
        } else {
            if days == 60 { return "1900-02-29" }   // Excel's fictitious leap day
            if days < 60 { days += 1 }
        }
        // Serial 25569 is 1970-01-01 in the 1900 system.
        let z = days - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(y)-\(two(m))-\(two(d))"
        if seconds > 0 && seconds < 86_400 { text += " \(two(seconds / 3600)):\(two(seconds / 60 % 60))" }
        return text
    }
}
