import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// One table row as found on the sheet, before it becomes a model row.
struct SheetRow {
    /// 0-based sheet row of the row's first physical row.
    var sheetRow: Int
    /// The id from bieu's hidden id column, if any.
    var id: String?
    /// What bieu's hidden `bieu:row` cell says about the row, if any.
    var identity: RowIdentity?
    /// The cells of the template's columns (first physical row).
    var cells: [String: GridCell]
    /// Text chunks from continuation rows, per column, in order.
    var continued: [String: [String]]
}

/// Collects table rows from a sheet's data area: skips empty rows, joins
/// continuation rows (`id#2`, `id#3`, written by bieu for rows taller than a
/// page) back onto their row.
struct RowAssembler {
    let located: LocatedTable
    private(set) var rows: [SheetRow] = []
    /// Column index → template column id.
    private let idsByColumn: [Int: String]

    init(located: LocatedTable) {
        self.located = located
        idsByColumn = Dictionary(located.columns.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Feeds one sheet row (cells in column order). Rows above the data area are ignored.
    mutating func add(row: Int, cells: [GridCell]) {
        guard row >= located.firstDataRow else { return }
        var mapped: [String: GridCell] = [:]
        var id: String?
        var identity: RowIdentity?
        var identityCell = false
        for cell in cells {
            if cell.address.column == located.rowColumn {
                if case .string(let s) = cell.value, !s.isEmpty {
                    identityCell = true
                    identity = RowIdentity.decode(s)
                }
                continue
            }
            if cell.address.column == located.idColumn {
                if case .string(let s) = cell.value, !s.isEmpty { id = s.trimmingWhitespace() }
                continue
            }
            guard let columnID = idsByColumn[cell.address.column] else { continue }
            if case .empty = cell.value, cell.formula == nil { continue }
            if case .string(let s) = cell.value, s.isEmpty { continue }
            mapped[columnID] = cell
        }
        // bieu leaves the cell empty for a plain indicator row.
        if located.rowColumn != nil, id != nil, !identityCell { identity = RowIdentity(kind: .indicator) }
        if let id, let (base, _) = RowAssembler.continuation(id), let last = rows.last, last.id == base {
            for (columnID, cell) in mapped {
                if case .string(let s) = cell.value { rows[rows.count - 1].continued[columnID, default: []].append(s) }
            }
            return
        }
        guard !mapped.isEmpty || id != nil || identity != nil else { return }
        rows.append(SheetRow(sheetRow: row, id: id, identity: identity, cells: mapped, continued: [:]))
    }

    /// Removes and returns the rows that are complete: every row but the last, which a
    /// continuation row may still extend (all rows with `all`, after the last sheet row).
    mutating func takeFinished(all: Bool = false) -> ArraySlice<SheetRow> {
        let end = all ? rows.count : max(rows.count - 1, 0)
        guard end > 0 else { return [] }
        let done = rows[..<end]
        rows.removeFirst(end)
        return done
    }

    /// `b02-iii#2` → (`b02-iii`, 2)
    static func continuation(_ id: String) -> (String, Int)? {
        guard let hash = id.lastIndex(of: "#"), let n = Int(id[id.index(after: hash)...]), n >= 2 else { return nil }
        return (String(id[..<hash]), n)
    }
}

/// Guesses a row's kind from what it shows, for rows bieu has no record of.
enum RowKindInference {
    static let romanNumerals: Set<String> = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
                                             "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]

    static func kind(stt: String, name: String, hasValues: Bool) -> RowKind {
        let s = stt.trimmingWhitespace()
        let folded = VietnameseText.foldKey(name)
        if folded.hasPrefix("trong do") { return .subIndicator }
        if s == "-" || s == "+" || s == "•" || name.hasPrefix("- ") || name.hasPrefix("+ ") { return .bullet }
        if romanNumerals.contains(s.uppercased()) || (s.count == 1 && s.first!.isLetter && s.first!.isUppercase) { return .section }
        if !hasValues {
            if name.isEmpty { return .note }
            return .group
        }
        return .indicator
    }
}
