import BieuCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One row as the streaming reader delivers it.
public struct XLSXRow: Sendable, Hashable {
    /// Zero-based row index (row 1 is 0).
    public var index: Int
    /// The row is hidden (`<row hidden="1">`).
    public var hidden: Bool
    /// Non-empty cells in file order (normally left to right).
    public var cells: [GridCell]
}

/// What a sheet says besides its cells: merged ranges, hidden rows and columns.
public struct XLSXSheetLayout: Sendable, Hashable {
    public var merges: [CellRange] = []
    public var hiddenRows: Set<Int> = []
    public var hiddenColumns: Set<Int> = []
}

/// Reads one worksheet part, row by row, from the streaming scanner.
///
/// Cells are typed from `t`, the style's number format and the value:
/// shared strings, inline strings, numbers (literal kept), booleans, errors,
/// dates (date-formatted numbers and `t="d"`), formulas (text in
/// `GridCell.formula`, cached value typed by `t`, none → `.formulaWithoutValue`).
/// References are bounded to A1…XFD1048576 before any arithmetic can wrap;
/// cells and rows without `r` take the next position.
final class SheetParser {
    private let scanner: XMLScanner
    private let file: String
    private let sheet: String
    private let strings: [String]
    private let oversizedStrings: Set<Int>
    private let styles: StylesPart
    private let date1904: Bool
    private let limits: XLSXLimits
    private let formatCount: Int
    /// `styles.isDate` as a plain buffer (read for every number cell).
    private let isDateStyle: UnsafeMutableBufferPointer<Bool>

    private var layout = XLSXSheetLayout()
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var inline: [UInt8] = []
    private var sharedFormulas: [Int: (text: String, anchor: CellAddress)] = [:]

    init(scanner: XMLScanner, sheet: String, strings: [String], oversizedStrings: Set<Int> = [], styles: StylesPart, date1904: Bool, limits: XLSXLimits) {
        self.scanner = scanner
        file = scanner.file
        self.sheet = sheet
        self.strings = strings
        self.oversizedStrings = oversizedStrings
        self.styles = styles
        self.date1904 = date1904
        self.limits = limits
        formatCount = styles.formats.count
        isDateStyle = .allocate(capacity: styles.isDate.count)
        _ = isDateStyle.initialize(from: styles.isDate)
        scratch.reserveCapacity(64)
    }

    deinit { isDateStyle.deallocate() }

    /// Reads the sheet. With `collect`, every cell is appended to `cells` and
    /// `row` is not called; otherwise each row is handed to `row` and dropped.
    func run(collect: Bool, cells: inout [GridCell], row: (XLSXRow) throws -> Void) throws -> XLSXSheetLayout {
        let scanner = self.scanner   // one reference for the whole call (no retain per use)
        var rowIndex = -1
        var rowHidden = false
        var inRow = false
        var column = -1
        var rowStart = cells.count
        var first = true
        var inSheetData = false

        func finishRow() throws {
            if rowHidden { layout.hiddenRows.insert(rowIndex) }
            if !collect {
                try row(XLSXRow(index: rowIndex, hidden: rowHidden, cells: Array(cells[rowStart...])))
                cells.removeAll(keepingCapacity: true)
            }
            rowStart = cells.count
        }

        while true {
            let t = try scanner.next()
            if t == .eof { break }
            if t == .end {
                if inRow && scanner.nameIs("row") {
                    inRow = false
                    try finishRow()
                } else if scanner.nameIs("sheetData") {
                    inSheetData = false
                }
                continue
            }
            guard t == .start else { continue }
            if first {
                first = false
                guard scanner.nameIs("worksheet") else {
                    throw scanner.error(.unexpectedRoot(expected: "worksheet", found: scanner.name))
                }
                continue
            }
            if inRow && scanner.nameIs("c") {
                column += 1
                do {
                    try readCell(row: rowIndex, column: &column, into: &cells)
                } catch {
                    // A text over the limit inside this cell (its `r` is read by now): say which
                    // cell, and Excel's own limit.
                    if case let .xml(_, _, _, .tokenTooLong(limit)) = error {
                        throw XLSXError.cellTextTooLong(file: file, cell: SheetCell(sheet: sheet, address: CellAddress(row: rowIndex, column: column)), limit: limit)
                    }
                    throw error
                }
                if cells.count - rowStart > limits.maxCellsPerRow {
                    throw XLSXError.tooManyCellsInRow(file: file, sheet: sheet, row: rowIndex, limit: limits.maxCellsPerRow)
                }
            } else if scanner.nameIs("row") && inSheetData {
                // Position: `r` when present, else the next row.
                var next = rowIndex + 1
                rowHidden = false
                for i in 0..<scanner.attributeCount {
                    if scanner.attributeNameIsByte(i, UInt8(ascii: "r")) {
                        let r = scanner.attributeRange(i)
                        guard let n = parseRowNumber(r.start, r.end) else {
                            throw XLSXError.rowNumberOutOfRange(file: file, sheet: sheet, row: rawText(r.start, r.end))
                        }
                        next = n
                    } else if scanner.attributeNameIs(i, "hidden") {
                        let v = try scanner.attributeValue(i)
                        rowHidden = v == "1" || v == "true"
                    }
                }
                guard next < CellAddress.maxRows else {
                    throw XLSXError.rowNumberOutOfRange(file: file, sheet: sheet, row: String(next + 1))
                }
                rowIndex = next
                column = -1
                rowStart = cells.count
                if scanner.selfClosing {
                    try finishRow()
                } else {
                    inRow = true
                }
            } else if scanner.nameIs("sheetData") {
                inSheetData = !scanner.selfClosing
            } else if scanner.nameIs("col") {
                try readColumn()
            } else if scanner.nameIs("mergeCell") {
                guard let ref = try scanner.attribute("ref") else { continue }
                guard let range = CellRange(a1: ref) else {
                    throw XLSXError.invalidMergeRange(file: file, sheet: sheet, range: ref)
                }
                layout.merges.append(range)
            }
        }
        return layout
    }

    // MARK: - Cells

    private enum CellType { case number, shared, inline, formulaString, boolean, error, date, unknown }

    private func readCell(row: Int, column: inout Int, into cells: inout [GridCell]) throws(XLSXError) {
        let scanner = self.scanner   // one reference for the whole call (no retain per use)
        var type = CellType.number
        var typeRange: (Int, Int)?
        var style = 0
        var address = CellAddress(row: row, column: column)
        for i in 0..<scanner.attributeCount {
            let r = scanner.attributeRange(i)
            if scanner.attributeNameIsByte(i, UInt8(ascii: "r")) {
                guard let a = parseReference(r.start, r.end) else {
                    throw XLSXError.cellReferenceOutOfRange(file: file, sheet: sheet, reference: rawText(r.start, r.end))
                }
                address = a
                column = a.column
            } else if scanner.attributeNameIsByte(i, UInt8(ascii: "s")) {
                style = parseSmallInt(r.start, r.end) ?? 0
            } else if scanner.attributeNameIsByte(i, UInt8(ascii: "t")) {
                typeRange = (r.start, r.end)
            }
        }
        guard address.column < CellAddress.maxColumns else {
            throw XLSXError.cellReferenceOutOfRange(file: file, sheet: sheet,
                                                   reference: CellAddress.columnLetters(address.column) + String(row + 1))
        }
        if let (s, e) = typeRange { type = try cellType(s, e, at: address) }
        if scanner.selfClosing { return }
        if let r = scanner.plainValueCell() {
            // The common case, `<v>TEXT</v></c>`, without going token by token.
            let format = style >= 0 && style < formatCount ? styles.formats[style] : nil
            let text = UnsafeBufferPointer(start: scanner.buffer + r.start, count: r.end - r.start)
            if let v = try typedValue(text, type: type, style: style, at: address) {
                if case .string("") = v { return }
                cells.append(GridCell(address: address, value: v, formula: nil, numberFormat: format))
            } else if type == .error {
                // An error cell must say which error; an empty one is damaged, not empty.
                cells.append(GridCell(address: address, value: .unreadable(text: "", declared: .error), formula: nil, numberFormat: format))
            }
            return
        }

        var value: GridValue?     // from <v>, typed as soon as it is read (the buffer moves on)
        var formula: String?
        var inlineText: String?
        var sawValue = false
        let depth = scanner.depth
        while true {
            let t = try scanner.next()
            if t == .end {
                if scanner.depth < depth { break }
                continue
            }
            if t == .eof { throw scanner.error(.unexpectedEnd, at: scanner.offset) }
            guard t == .start else { continue }
            if scanner.nameIs("v") {
                sawValue = true
                if scanner.selfClosing {
                    value = try typedValue(UnsafeBufferPointer(start: scanner.buffer, count: 0), type: type, style: style, at: address)
                } else if let r = scanner.simpleContent() {
                    value = try typedValue(UnsafeBufferPointer(start: scanner.buffer + r.start, count: r.end - r.start),
                                           type: type, style: style, at: address)
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    try readText(into: &scratch)
                    value = try scratch.withUnsafeBufferPointer { (b) throws(XLSXError) -> GridValue? in
                        try typedValue(b, type: type, style: style, at: address)
                    }
                }
            } else if scanner.nameIs("f") {
                formula = try readFormula(at: address)
            } else if scanner.nameIs("is") {
                if !scanner.selfClosing { inlineText = try readInline() }
            } else if !scanner.selfClosing {
                try scanner.skipElement()
            }
        }

        let format = style >= 0 && style < formatCount ? styles.formats[style] : nil
        // Values are moved (`take()`), not copied, into the new cell.
        if let text = inlineText.take() {
            if text.isEmpty && formula == nil { return }
            cells.append(GridCell(address: address, value: .string(text), formula: formula.take(), numberFormat: format))
        } else if let v = value.take() {
            if case .string("") = v, formula == nil { return }
            cells.append(GridCell(address: address, value: v, formula: formula.take(), numberFormat: format))
        } else if formula != nil {
            cells.append(GridCell(address: address, value: .formulaWithoutValue, formula: formula.take(), numberFormat: format))
        } else if type == .error && sawValue {
            // An error cell must say which error; an empty one is damaged, not empty.
            cells.append(GridCell(address: address, value: .unreadable(text: "", declared: .error), formula: nil, numberFormat: format))
        }
        // Otherwise: no value and no formula, an empty (perhaps styled) cell.
    }

    /// Types the text of a `<v>` element. Nil means "no cached value" (an empty `<v/>`),
    /// except for `t="str"`, where an empty text is the empty string a formula returned.
    private func typedValue(_ b: UnsafeBufferPointer<UInt8>, type: CellType, style: Int, at address: CellAddress) throws(XLSXError) -> GridValue? {
        let scanner = self.scanner
        var here: SheetCell { SheetCell(sheet: sheet, address: address) }
        if type == .formulaString || type == .inline {
            if b.isEmpty { return type == .formulaString ? .string("") : nil }
            return .string(try scanner.makeString(TextDecoding.decodeXEscapes(b)))
        }
        // Trim XML whitespace.
        var i = 0, j = b.count
        while i < j && (b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D) { i += 1 }
        while j > i && (b[j - 1] == 0x20 || b[j - 1] == 0x0A || b[j - 1] == 0x09 || b[j - 1] == 0x0D) { j -= 1 }
        if i == j { return nil }
        let raw = UnsafeBufferPointer(rebasing: b[i..<j])
        switch type {
        case .shared:
            guard let k = parseIndex(raw), k < strings.count else {
                throw XLSXError.sharedStringIndexOutOfRange(file: file, cell: here,
                                                           index: String(decoding: raw.prefix(40), as: UTF8.self), count: strings.count)
            }
            if !oversizedStrings.isEmpty && oversizedStrings.contains(k) {
                throw XLSXError.sharedStringTooLong(file: file, cell: here, index: k, limit: limits.maxTextBytes)
            }
            return .string(strings[k])
        case .number:
            guard Self.isNumber(raw) else { return .unreadable(text: try scanner.makeString(raw), declared: .number) }
            let literal = String(decoding: raw, as: UTF8.self)
            let isDate = style >= 0 && style < isDateStyle.count && isDateStyle[style]
            return isDate ? .date(serial: literal, date1904: date1904) : .number(literal)
        case .boolean:
            let text = String(decoding: raw.prefix(40), as: UTF8.self)
            switch text {
            case "1", "true", "TRUE": return .boolean(true)
            case "0", "false", "FALSE": return .boolean(false)
            default: return .unreadable(text: try scanner.makeString(raw), declared: .boolean)
            }
        case .error:
            return .error(try scanner.makeString(raw))
        case .date:
            let text = try scanner.makeString(raw)
            guard let serial = DateSerial.serial(iso: text, date1904: date1904) else { return .unreadable(text: text, declared: .date) }
            return .date(serial: serial, date1904: date1904)
        case .unknown:
            return .unreadable(text: try scanner.makeString(raw), declared: .unknown)
        case .formulaString, .inline:
            return nil   // handled above
        }
    }

    private func cellType(_ s: Int, _ e: Int, at address: CellAddress) throws(XLSXError) -> CellType {
        let b = self.scanner.buffer
        switch e - s {
        case 1:
            switch b[s] {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .date
            default: break
            }
        case 3 where memcmp(b + s, "str", 3) == 0: return .formulaString
        case 9 where memcmp(b + s, "inlineStr", 9) == 0: return .inline
        default: break
        }
        return .unknown
    }

    /// Collects the text of the current element (entities decoded) into `out`.
    private func readText(into out: inout [UInt8]) throws(XLSXError) {
        let scanner = self.scanner   // one reference for the whole call (no retain per use)
        let depth = scanner.depth
        while true {
            switch try scanner.next() {
            case .text: try scanner.appendText(to: &out)
            case .start: throw scanner.error(.malformed(vi: "phần tử lồng trong giá trị ô", en: "element nested inside a cell value"))
            case .end: if scanner.depth < depth { return }
            case .eof: throw scanner.error(.unexpectedEnd, at: scanner.offset)
            }
        }
    }

    /// An inline string `<is>`: runs concatenated, phonetic runs ignored.
    private func readInline() throws(XLSXError) -> String {
        let scanner = self.scanner   // one reference for the whole call (no retain per use)
        inline.removeAll(keepingCapacity: true)
        let depth = scanner.depth
        while true {
            switch try scanner.next() {
            case .text: break
            case .start:
                if scanner.nameIs("t") && !scanner.selfClosing {
                    try SharedStringsPart.appendRun(scanner, to: &inline)
                    if inline.count > limits.maxTextBytes { throw scanner.error(.tokenTooLong(limit: limits.maxTextBytes)) }
                } else if scanner.nameIs("r") {
                    continue   // A rich-text run: its <t> follows.
                } else if !scanner.selfClosing {
                    try scanner.skipElement()   // rPh, rPr, phoneticPr…
                }
            case .end:
                if scanner.depth < depth { return try scanner.makeString(inline) }
            case .eof: throw scanner.error(.unexpectedEnd, at: scanner.offset)
            }
        }
    }

    private func readFormula(at address: CellAddress) throws(XLSXError) -> String? {
        let scanner = self.scanner   // one reference for the whole call (no retain per use)
        var shared = false
        var index: Int?
        for i in 0..<scanner.attributeCount {
            if scanner.attributeNameIsByte(i, UInt8(ascii: "t")) {
                shared = try scanner.attributeValue(i) == "shared"
            } else if scanner.attributeNameIs(i, "si") {
                let r = scanner.attributeRange(i)
                index = parseSmallInt(r.start, r.end)
            }
        }
        let text = scanner.selfClosing ? "" : try scanner.elementText(xEscapes: false)
        if shared, let index {
            if !text.isEmpty {
                if sharedFormulas.count < 1_000_000 { sharedFormulas[index] = (text, address) }
                return text
            }
            if let master = sharedFormulas[index] {
                return FormulaTranslation.translate(master.text, rows: address.row - master.anchor.row,
                                                    columns: address.column - master.anchor.column)
            }
            return nil
        }
        return text.isEmpty ? nil : text
    }

    private func readColumn() throws(XLSXError) {
        let scanner = self.scanner   // one reference for the whole call (no retain per use)
        var minColumn = 0, maxColumn = 0
        var hidden = false
        for i in 0..<scanner.attributeCount {
            let r = scanner.attributeRange(i)
            if scanner.attributeNameIs(i, "min") {
                guard let v = parseSmallInt(r.start, r.end), v >= 1, v <= CellAddress.maxColumns else {
                    throw XLSXError.columnOutOfRange(file: file, sheet: sheet, column: rawText(r.start, r.end))
                }
                minColumn = v
            } else if scanner.attributeNameIs(i, "max") {
                guard let v = parseSmallInt(r.start, r.end), v >= 1, v <= CellAddress.maxColumns else {
                    throw XLSXError.columnOutOfRange(file: file, sheet: sheet, column: rawText(r.start, r.end))
                }
                maxColumn = v
            } else if scanner.attributeNameIs(i, "hidden") {
                let v = try scanner.attributeValue(i)
                hidden = v == "1" || v == "true"
            }
        }
        guard hidden, minColumn >= 1, maxColumn >= minColumn else { return }
        for c in (minColumn - 1)..<maxColumn { layout.hiddenColumns.insert(c) }
    }

    // MARK: - Byte-level parsing

    private func rawText(_ s: Int, _ e: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: scanner.buffer + s, count: min(e - s, 64)), as: UTF8.self)
    }

    /// A row number 1…1048576 → zero-based index; digits are bounded before they can overflow.
    private func parseRowNumber(_ s: Int, _ e: Int) -> Int? {
        guard let n = parseSmallInt(s, e), n >= 1, n <= CellAddress.maxRows else { return nil }
        return n - 1
    }

    /// A non-negative decimal of at most 9 digits (surrounding spaces allowed).
    private func parseSmallInt(_ s: Int, _ e: Int) -> Int? {
        let b = self.scanner.buffer
        var i = s, j = e
        while i < j && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
        while j > i && (b[j - 1] == 0x20 || b[j - 1] == 0x09) { j -= 1 }
        guard j > i, j - i <= 9 else { return nil }
        var n = 0
        while i < j {
            let d = b[i]
            guard d >= 48 && d <= 57 else { return nil }
            n = n * 10 + Int(d - 48)
            i += 1
        }
        return n
    }

    /// `A1`-style reference (letters then digits, `$` allowed) within XFD1048576.
    @inline(__always)
    private func parseReference(_ s: Int, _ e: Int) -> CellAddress? {
        let b = self.scanner.buffer
        var i = s
        if i < e && b[i] == UInt8(ascii: "$") { i += 1 }
        var col = 0
        var letters = 0
        while i < e {
            var c = b[i]
            if c >= 97 && c <= 122 { c -= 32 }
            guard c >= 65 && c <= 90 else { break }
            letters += 1
            guard letters <= 3 else { return nil }
            col = col * 26 + Int(c - 64)
            i += 1
        }
        guard letters > 0, col <= CellAddress.maxColumns else { return nil }
        if i < e && b[i] == UInt8(ascii: "$") { i += 1 }
        var row = 0
        var digits = 0
        while i < e {
            let d = b[i]
            guard d >= 48 && d <= 57 else { return nil }
            digits += 1
            guard digits <= 7 else { return nil }
            row = row * 10 + Int(d - 48)
            i += 1
        }
        guard digits > 0, row >= 1, row <= CellAddress.maxRows else { return nil }
        return CellAddress(row: row - 1, column: col - 1)
    }

    private func parseIndex(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !raw.isEmpty, raw.count <= 10 else { return nil }
        var n = 0
        for d in raw {
            guard d >= 48 && d <= 57 else { return nil }
            n = n * 10 + Int(d - 48)
        }
        return n
    }

    /// A decimal number as XML Schema writes it: `-12`, `3.5`, `.5`, `1E-3`, `1.5e+10`.
    @inline(__always)
    static func isNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n > 0, let p = b.baseAddress else { return false }
        var i = 0
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") { i = 1 }
        var digits = 0
        while i < n && p[i] &- 48 < 10 { i += 1; digits += 1 }
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n && p[i] &- 48 < 10 { i += 1; digits += 1 }
        }
        if digits == 0 { return false }
        if i == n { return true }
        guard p[i] | 0x20 == UInt8(ascii: "e") else { return false }
        i += 1
        if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) { i += 1 }
        var exp = 0
        while i < n && p[i] &- 48 < 10 { i += 1; exp += 1 }
        return exp > 0 && i == n
    }
}

/// Conversion of ISO 8601 dates and times (`t="d"` cells) to spreadsheet serial numbers.
enum DateSerial {
    /// Every ISO 8601 calendar form → the serial in the workbook's date system
    /// (1900 system counts the fictitious 29 Feb 1900, like Excel):
    /// a date (`2024-12-05`, `20241205`), a date-time (`2024-12-05T08:30`,
    /// `…T08:30:00.250`, a space for the `T`), or a time alone (`10:10:10`,
    /// `T10:10`, `101010`), which is a fraction of a day (`0.4237…`). Seconds
    /// may have a fraction (`.` or `,`); a zone (`Z`, `+07:00`, `-0500`, `+07`)
    /// is accepted and the time kept as written (spreadsheets have no zones).
    /// `24:00[:00]` is the end of the day. Nil for anything else.
    static func serial(iso raw: String) -> (days: Int?, seconds: Double)? {
        var text = Substring(raw)
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        var days: Int?
        var timePart: Substring?
        if let t = text.firstIndex(where: { $0 == "T" || $0 == " " }) {
            let datePart = text[..<t]
            timePart = text[text.index(after: t)...]
            if !datePart.isEmpty {
                guard let d = civilDays(datePart) else { return nil }
                days = d
            }
        } else if text.contains(":") {
            timePart = text
        } else if let d = civilDays(text) {
            days = d
        } else if text.count == 6 || text.count == 4 || text.contains(".") || text.contains(",") {
            timePart = text    // basic time: 101010, 1010, 101010.5
        } else {
            return nil
        }
        var seconds = 0.0
        if var time = timePart {
            // Zone designator: kept as written, so dropped.
            if time.hasSuffix("Z") { time = time.dropLast() }
            if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                let zone = time[time.index(after: sign)...]
                let digits = zone.filter { $0 != ":" }
                guard (digits.count == 2 || digits.count == 4), digits.allSatisfy(\.isASCII), Int(digits) != nil else { return nil }
                let hh = Int(digits.prefix(2))!, mm = digits.count == 4 ? Int(digits.suffix(2))! : 0
                guard hh <= 14, mm < 60 else { return nil }
                time = time[..<sign]
            }
            guard let s = secondsOfDay(time) else { return nil }
            seconds = s
        }
        return (days, seconds)
    }

    /// `YYYY-MM-DD` or `YYYYMMDD` → days from 1970-01-01 (proleptic Gregorian).
    static func civilDays(_ s: Substring) -> Int? {
        let parts: [Substring]
        if s.contains("-") {
            parts = s.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else { return nil }
        } else {
            guard s.count == 8 else { return nil }
            let a = s.index(s.startIndex, offsetBy: 4), b = s.index(a, offsetBy: 2)
            parts = [s[..<a], s[a..<b], s[b...]]
        }
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...9999).contains(y), (1...12).contains(m), (1...daysIn(month: m, year: y)).contains(d) else { return nil }
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `HH:MM[:SS[.fff]]` or `HHMM[SS[.fff]]` → seconds since midnight.
    static func secondsOfDay(_ t: Substring) -> Double? {
        var fraction = 0.0
        var main = t
        if let p = t.firstIndex(where: { $0 == "." || $0 == "," }) {
            let digits = t[t.index(after: p)...]
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fraction = Double("0." + digits)!
            main = t[..<p]
        }
        var fields: [Substring]
        if main.contains(":") {
            fields = main.split(separator: ":", omittingEmptySubsequences: false)
        } else {
            guard main.count == 4 || main.count == 6 else { return nil }
            fields = []
            var i = main.startIndex
            while i < main.endIndex { let j = main.index(i, offsetBy: 2); fields.append(main[i..<j]); i = j }
        }
        guard (2...3).contains(fields.count), fields.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let h = Int(fields[0])!, m = Int(fields[1])!, s = fields.count == 3 ? Int(fields[2])! : 0
        // A fraction belongs to the last field given.
        if fields.count == 2 && fraction > 0 { fraction *= 60 }
        if h == 24 { return m == 0 && s == 0 && fraction == 0 ? 86_400 : nil }
        guard h < 24, m < 60, s < 61 else { return nil }   // 60: a leap second
        return Double(h * 3600 + m * 60 + s) + fraction
    }

    /// The serial literal in the workbook's date system, nil when the text is no ISO 8601 form.
    static func serial(iso: String, date1904: Bool) -> String? {
        guard let (days, seconds) = serial(iso: iso) else { return nil }
        var serial = 0
        if let days {
            if date1904 {
                serial = days + 24_107        // 1904-01-01 is serial 0
            } else {
                serial = days + 25_569        // 1970-01-01 is serial 25569
                if serial < 61 { serial -= 1 } // before the fictitious 1900-02-29
            }
            guard serial >= 0 else { return nil }
        }
        if seconds == 0 { return String(serial) }
        var text = String(Double(serial) + seconds / 86_400)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
