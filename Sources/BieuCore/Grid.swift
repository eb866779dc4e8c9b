/// The plain grid a reader produces: sheets of cells with their values and
/// types, merged ranges and hidden rows/columns — what the file says, before
/// any interpretation against a template.

/// One value as a spreadsheet file stores it.
public enum GridValue: Sendable, Hashable {
    /// Text (shared string, inline string, or formula string result).
    case string(String)
    /// A number, kept as the literal the file holds (`"41160"`, `"0.292"`), so
    /// no precision is lost before interpretation.
    case number(String)
    case boolean(Bool)
    /// A date/time: the serial number literal as stored, and whether the
    /// workbook uses the 1904 date system.
    case date(serial: String, date1904: Bool)
    /// An error value such as `#DIV/0!` or `#N/A`.
    case error(String)
    /// A formula cell whose file holds no cached result.
    case formulaWithoutValue
    /// A value that does not fit the type the file gives it (`t="d"` with no
    /// date bieu can read, `t="b"` holding `2`, a number cell holding `abc`):
    /// the text as stored and the type it was declared with, kept so that the
    /// import reports this cell and reads the rest of the workbook.
    case unreadable(text: String, declared: DeclaredType)
    case empty

    /// A short type name, as `bieu inspect` prints it.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .number: return "number"
        case .boolean: return "boolean"
        case .date: return "date"
        case .error: return "error"
        case .formulaWithoutValue: return "formula-without-value"
        case .unreadable: return "unreadable"
        case .empty: return "empty"
        }
    }
}

/// The type a file declares for a value (`t` in XLSX) that the value does not fit.
public enum DeclaredType: String, Sendable, Hashable {
    /// `t="d"`: an ISO 8601 date, date-time or time.
    case date = "d"
    /// `t="n"` (or no `t`): a number.
    case number = "n"
    /// `t="b"`: a boolean, `0` or `1`.
    case boolean = "b"
    /// `t="e"`: an error value such as `#N/A`.
    case error = "e"
    /// A `t` the format does not define.
    case unknown = "?"
}

/// One non-empty cell of a grid.
public struct GridCell: Sendable, Hashable {
    public var address: CellAddress
    public var value: GridValue
    /// The formula text without the leading `=`, when the cell holds one.
    public var formula: String?
    /// The number format code applied to the cell (`#,##0.0`, `0%`), if any.
    public var numberFormat: String?

    public init(address: CellAddress, value: GridValue, formula: String? = nil, numberFormat: String? = nil) {
        self.address = address
        self.value = value
        self.formula = formula
        self.numberFormat = numberFormat
    }
}

/// Whether a sheet is shown in the spreadsheet program's tab bar.
public enum SheetState: String, Sendable, Hashable, Codable {
    case visible
    case hidden
    /// Hidden so that it can only be shown again from code (`veryHidden`).
    case veryHidden
}

/// One sheet as read: its cells in row-major order.
public struct GridSheet: Sendable, Hashable {
    public var name: String
    public var state: SheetState
    /// Non-empty cells, sorted by row then column.
    public var cells: [GridCell]
    public var merges: [CellRange]
    public var hiddenRows: Set<Int>
    public var hiddenColumns: Set<Int>

    public init(name: String, state: SheetState = .visible, cells: [GridCell] = [], merges: [CellRange] = [],
                hiddenRows: Set<Int> = [], hiddenColumns: Set<Int> = []) {
        self.name = name
        self.state = state
        self.cells = cells
        self.merges = merges
        self.hiddenRows = hiddenRows
        self.hiddenColumns = hiddenColumns
    }

    /// Cells grouped by row index, in order.
    public func rows() -> [(row: Int, cells: [GridCell])] {
        var result: [(row: Int, cells: [GridCell])] = []
        for cell in cells {
            if let last = result.last, last.row == cell.address.row {
                result[result.count - 1].cells.append(cell)
            } else {
                result.append((cell.address.row, [cell]))
            }
        }
        return result
    }

    /// The cell at an address, if non-empty (binary search over row-major cells).
    public func cell(at address: CellAddress) -> GridCell? {
        var lo = 0, hi = cells.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cells[mid].address < address { lo = mid + 1 } else { hi = mid }
        }
        return lo < cells.count && cells[lo].address == address ? cells[lo] : nil
    }
}

/// A whole workbook (or a CSV file, which reads as one sheet).
public struct GridWorkbook: Sendable, Hashable {
    public var sheets: [GridSheet]
    /// Workbook-level defined names (`bieu.template` → `"bieu-01"`), as their formula text.
    public var definedNames: [String: String]

    public init(sheets: [GridSheet], definedNames: [String: String] = [:]) {
        self.sheets = sheets
        self.definedNames = definedNames
    }
}
