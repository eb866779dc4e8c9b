/// A cell position in a worksheet: zero-based inside, `A1` notation outside.
///
/// The address is the common currency of every error and finding in bieu:
/// readers report where a value came from, validation says which cell is
/// wrong, and the diff names both sides' cells.
public struct CellAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Zero-based row index (row 1 in A1 notation is 0).
    public var row: Int
    /// Zero-based column index (column A is 0).
    public var column: Int

    /// The largest row count a worksheet may have (Excel 2007+: 1,048,576).
    public static let maxRows = 1_048_576
    /// The largest column count a worksheet may have (Excel 2007+: 16,384, column XFD).
    public static let maxColumns = 16_384

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// True when the address lies inside Excel's grid (A1 … XFD1048576).
    public var isWithinExcelLimits: Bool {
        row >= 0 && row < Self.maxRows && column >= 0 && column < Self.maxColumns
    }

    /// The address in A1 notation, e.g. `F12`.
    public var a1: String { Self.columnLetters(column) + String(row + 1) }

    public var description: String { a1 }

    public static func < (lhs: CellAddress, rhs: CellAddress) -> Bool {
        lhs.row != rhs.row ? lhs.row < rhs.row : lhs.column < rhs.column
    }

    /// Column letters for a zero-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`.
    public static func columnLetters(_ column: Int) -> String {
        precondition(column >= 0, "column index must not be negative")
        var n = column + 1
        var scalars: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            scalars.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(scalars.reversed())
    }

    /// Parses column letters (`A`, `xfd`) into a zero-based index.
    ///
    /// Returns nil for empty input, non-letters, or an index beyond Excel's
    /// last column (the check happens before any overflow can occur).
    public static func columnIndex<S: StringProtocol>(letters: S) -> Int? {
        var value = 0
        var count = 0
        for byte in letters.utf8 {
            let upper: UInt8
            switch byte {
            case 65...90: upper = byte
            case 97...122: upper = byte - 32
            default: return nil
            }
            count += 1
            if count > 3 { return nil }
            value = value * 26 + Int(upper - 64)
        }
        guard count > 0, value <= maxColumns else { return nil }
        return value - 1
    }

    /// Parses an A1 reference such as `F12`, `$F$12` or `xfd1048576`.
    ///
    /// Returns nil when the text is not a reference or points outside
    /// Excel's grid; row numbers are bounded before they can overflow.
    public init?<S: StringProtocol>(a1 text: S) {
        let bytes = Array(text.utf8)
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "$") { i += 1 }
        let letterStart = i
        while i < bytes.count, (65...90).contains(bytes[i]) || (97...122).contains(bytes[i]) { i += 1 }
        guard i > letterStart, i - letterStart <= 3 else { return nil }
        guard let column = CellAddress.columnIndex(letters: String(decoding: bytes[letterStart..<i], as: UTF8.self)) else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "$") { i += 1 }
        let digitStart = i
        var row = 0
        while i < bytes.count, (48...57).contains(bytes[i]) {
            row = row * 10 + Int(bytes[i] - 48)
            if row > CellAddress.maxRows { return nil }
            i += 1
        }
        guard i == bytes.count, i > digitStart, row >= 1 else { return nil }
        self.init(row: row - 1, column: column)
    }
}

/// A rectangular block of cells, `C3:F13` in A1 notation (both corners inclusive).
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var start: CellAddress
    public var end: CellAddress

    /// Creates a range; the corners are normalised so `start` is top-left.
    public init(_ a: CellAddress, _ b: CellAddress) {
        start = CellAddress(row: min(a.row, b.row), column: min(a.column, b.column))
        end = CellAddress(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    public init(row: Int, column: Int, lastRow: Int, lastColumn: Int) {
        self.init(CellAddress(row: row, column: column), CellAddress(row: lastRow, column: lastColumn))
    }

    /// Parses `C3:F13` or a single reference `C3`.
    public init?<S: StringProtocol>(a1 text: S) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let a = CellAddress(a1: parts[0]) else { return nil }
            self.init(a, a)
        case 2:
            guard let a = CellAddress(a1: parts[0]), let b = CellAddress(a1: parts[1]) else { return nil }
            self.init(a, b)
        default:
            return nil
        }
    }

    public var rowCount: Int { end.row - start.row + 1 }
    public var columnCount: Int { end.column - start.column + 1 }

    public func contains(_ address: CellAddress) -> Bool {
        address.row >= start.row && address.row <= end.row
            && address.column >= start.column && address.column <= end.column
    }

    public var a1: String { start == end ? start.a1 : "\(start.a1):\(end.a1)" }
    public var description: String { a1 }
}

/// A cell named together with its sheet, shown to people as `Biểu 01!F12`.
public struct SheetCell: Hashable, Sendable, CustomStringConvertible {
    public var sheet: String
    public var address: CellAddress

    public init(sheet: String, address: CellAddress) {
        self.sheet = sheet
        self.address = address
    }

    /// Human form used in messages: `Biểu 01!F12` (unquoted, as users write it).
    /// A table of a Word document (``DocumentTable``) reads `[2]!C5` here; ``text(_:)``
    /// gives its words.
    public var description: String { "\(sheet)!\(address.a1)" }

    /// The place in words of the language: `Biểu 01!F12` for a sheet; for a table of a
    /// Word document `Bảng 2, hàng 5, cột C` / `table 2, row 5, column C`.
    public func text(_ language: Language) -> String {
        guard let table = DocumentTable.number(sheetName: sheet) else { return description }
        let column = CellAddress.columnLetters(address.column), row = address.row + 1
        return language == .vi ? "Bảng \(table), hàng \(row), cột \(column)" : "table \(table), row \(row), column \(column)"
    }

    /// Formula form: the sheet name quoted when needed, `'Biểu 01'!F12`.
    public var formulaReference: String { "\(SheetCell.quotedSheetName(sheet))!\(address.a1)" }

    /// Quotes a sheet name for use in a formula when it is not a plain identifier.
    ///
    /// Besides names with spaces, punctuation, non-ASCII letters or a leading
    /// digit, names that read as a reference are quoted too: `PL1` or `B01`
    /// (A1 style: `=PL1!C5` would not name a sheet), `R1C1`, `R`, `C12`
    /// (R1C1 style) and `TRUE`/`FALSE`. Quoting a name that did not need it
    /// is always valid.
    public static func quotedSheetName(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0.value >= 65 && $0.value <= 90) || ($0.value >= 97 && $0.value <= 122)
                || ($0.value >= 48 && $0.value <= 57) || $0 == "_"
        } && !(name.first!.isNumber) && !looksLikeReference(name)
        return plain ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// True for `A1`-like (letters then digits), `R1C1`-like and boolean names.
    private static func looksLikeReference(_ name: String) -> Bool {
        let upper = Array(name.uppercased().utf8)
        if upper == Array("TRUE".utf8) || upper == Array("FALSE".utf8) { return true }
        func isLetter(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        // One to three letters followed by digits only: PL1, B01, XFD1048576
        // (Sheet1 has five letters and is no reference).
        if let firstDigit = upper.firstIndex(where: isDigit), (1...3).contains(firstDigit),
           upper[..<firstDigit].allSatisfy(isLetter), upper[firstDigit...].allSatisfy(isDigit) {
            return true
        }
        // R1C1 style: R, C, RC, R12, C3, R1C1.
        var i = 0
        if i < upper.count, upper[i] == UInt8(ascii: "R") {
            i += 1
            while i < upper.count, isDigit(upper[i]) { i += 1 }
        }
        if i < upper.count, upper[i] == UInt8(ascii: "C") {
            i += 1
            while i < upper.count, isDigit(upper[i]) { i += 1 }
        }
        return i > 0 && i == upper.count
    }
}


/// How the tables of a Word document are named as sheets of a grid: the n-th table
/// of the document (counting from 1; a table continued across several `w:tbl` counted
/// once) is the sheet `[n]`. Brackets cannot appear in an Excel sheet name, so no
/// workbook sheet is taken for a document table; messages name the place in words
/// (``SheetCell/text(_:)``, ``label(sheetName:_:)``).
public enum DocumentTable {
    /// The sheet name of the document's `number`-th table.
    public static func sheetName(_ number: Int) -> String { "[\(number)]" }

    /// The table number a sheet name stands for, when it names a document table.
    public static func number(sheetName: String) -> Int? {
        guard sheetName.hasPrefix("["), sheetName.hasSuffix("]"), sheetName.count > 2 else { return nil }
        return Int(sheetName.dropFirst().dropLast())
    }

    /// `trang "Biểu 01"` / `sheet "Biểu 01"`, or `bảng 2 của tài liệu` / `table 2 of the document`.
    public static func label(sheetName: String, _ language: Language) -> String {
        if let n = number(sheetName: sheetName) { return language == .vi ? "bảng \(n) của tài liệu" : "table \(n) of the document" }
        return language == .vi ? "trang \"\(sheetName)\"" : "sheet \"\(sheetName)\""
    }
}
