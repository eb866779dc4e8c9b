import BieuCore
import BieuTemplates

/// Every non-empty cell of a sheet that the located table does not use, so
/// that nothing is dropped without a word: fed every sheet row (in order, in
/// bounded memory), it gives the findings about the table's shape.
///
/// - A cell in a data row (a row below the header with a value in a template
///   column) but in no template column is an error: its column is named with
///   its header text and letter and the number of cells it holds (the import
///   writes nothing without `--force`).
/// - Any other unused cell — beside the title, in the header outside the
///   template's columns, in a row below the header with no table values, far
///   outside the table — is a warning with its address.
/// - A column with a header the template does not have and nothing below it is a warning.
struct SheetCoverage {
    let located: LocatedTable
    /// Sheet columns the import reads: the template's columns found and bieu's hidden ones.
    private let used: Set<Int>
    private let tableColumns: Set<Int>
    /// Header cells that are group labels over used columns (merged ranges starting outside them).
    private let groupLabels: Set<CellAddress>
    /// Unused columns: header text, cells in data rows.
    private var headers: [Int: (address: CellAddress, text: String)] = [:]
    private var dataCells: [Int: (count: Int, first: CellAddress, last: CellAddress)] = [:]
    /// Unused cells outside data rows: the first few, and how many in all.
    private var outside: [(CellAddress, String)] = []
    private var outsideCount = 0
    private var lastOutside: CellAddress?

    /// Cells listed one by one; the rest are counted.
    static let listed = 10

    init(located: LocatedTable, merges: [CellRange]) {
        self.located = located
        tableColumns = Set(located.columns.values)
        used = tableColumns.union([located.idColumn, located.rowColumn].compactMap { $0 })
        let header = located.headerRows.lowerBound..<located.firstDataRow
        groupLabels = Set(merges.filter { m in
            header.contains(m.start.row) && (m.start.column...m.end.column).contains { located.columns.values.contains($0) }
        }.map(\.start))
    }

    static func text(_ cell: GridCell) -> String? {
        switch cell.value {
        case .empty: return cell.formula.map { "=" + $0 }
        case .string(let s): return s.isEmpty ? nil : s
        case .number(let n): return n
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .date(let serial, _): return serial
        case .error(let e): return e
        case .formulaWithoutValue: return cell.formula.map { "=" + $0 } ?? "="
        case .unreadable(let text, _): return text.isEmpty ? nil : text
        }
    }

    /// Feeds one sheet row (cells in column order).
    mutating func add(row: Int, cells: [GridCell]) {
        if row < located.headerRows.lowerBound {
            // Title rows: the first text of each is a title line.
            var first = true
            for cell in cells {
                guard let t = Self.text(cell) else { continue }
                if first { first = false; continue }
                addOutside(cell.address, t)
            }
        } else if row < located.firstDataRow {
            for cell in cells where !used.contains(cell.address.column) && !groupLabels.contains(cell.address) {
                guard let t = Self.text(cell) else { continue }
                if headers[cell.address.column] == nil { headers[cell.address.column] = (cell.address, t) }
            }
        } else {
            let isDataRow = cells.contains { (tableColumns.contains($0.address.column) || $0.address.column == located.idColumn) && Self.text($0) != nil }
            for cell in cells where !used.contains(cell.address.column) {
                guard let t = Self.text(cell) else { continue }
                if isDataRow {
                    let c = cell.address.column
                    if let s = dataCells[c] { dataCells[c] = (s.count + 1, s.first, cell.address) } else { dataCells[c] = (1, cell.address, cell.address) }
                } else {
                    addOutside(cell.address, t)
                }
            }
        }
    }

    private mutating func addOutside(_ address: CellAddress, _ text: String) {
        outsideCount += 1
        lastOutside = address
        if outside.count < Self.listed { outside.append((address, text)) }
    }

    /// Sheet columns with content that the table does not use, left to right.
    var unusedColumns: [Int] { Set(headers.keys).union(dataCells.keys).sorted() }

    /// An unused column's header text (if any) and how many cells of data rows it holds.
    func unusedColumn(_ c: Int) -> (header: String?, cells: Int) { (headers[c]?.text, dataCells[c]?.count ?? 0) }

    static func quoted(_ text: String) -> String {
        let one = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\"" + (one.count > 40 ? String(one.prefix(40)) + "…" : one) + "\""
    }

    /// The findings about the table's shape, in order: columns not found, the distance from
    /// the layout, unused columns (by column), unused cells (by place).
    func findings(sheet: String, table: String) -> [Finding] {
        let template = located.template
        var out: [Finding] = []
        let headerAt = SheetCell(sheet: sheet, address: CellAddress(row: located.headerRows.lowerBound, column: 0))
        if !located.missingColumns.isEmpty {
            let required = located.missingColumns.filter { id in template.column(id)?.required == true }
            let names = located.missingColumns.map { template.column($0)?.header ?? $0 }.joined(separator: "; ")
            out.append(Finding(required.isEmpty ? .warning : .error, "missing-column", at: headerAt, table: table,
                               vi: "không tìm thấy cột: \(names)", en: "columns not found: \(names)"))
        }
        out += located.distance.findings(sheet: sheet, table: table, template: template)

        // Unused columns, left to right: with data an error, a header alone a warning.
        var listedColumns = 0
        var rest: (cells: Int, columns: Int, first: CellAddress?, last: CellAddress?) = (0, 0, nil, nil)
        for c in unusedColumns {
            let letters = CellAddress.columnLetters(c)
            let header = headers[c]
            let nameVi = header.map { "cột \(letters) \(Self.quoted($0.text))" } ?? "cột \(letters) (không có tiêu đề)"
            let nameEn = header.map { "column \(letters) \(Self.quoted($0.text))" } ?? "column \(letters) (no header)"
            guard let data = dataCells[c] else {
                out.append(Finding(.warning, "extra-column", at: SheetCell(sheet: sheet, address: header!.address), table: table,
                                   vi: "\(nameVi) không có trong mẫu \(template.id) và không có dữ liệu",
                                   en: "\(nameEn) is not in template \(template.id) and holds no data"))
                continue
            }
            guard listedColumns < Self.listed else {
                rest = (rest.cells + data.count, rest.columns + 1, rest.first ?? data.first, data.last)
                continue
            }
            listedColumns += 1
            let range = data.count == 1 ? data.first.a1 : "\(data.first.a1)…\(data.last.a1)"
            out.append(Finding(.error, "unmapped-column", at: SheetCell(sheet: sheet, address: header?.address ?? data.first), table: table,
                               vi: "\(nameVi) không thuộc mẫu \(template.id) nhưng có \(data.count) ô dữ liệu (\(range)) không được nhập; hãy sửa tiêu đề cột cho khớp mẫu hoặc xoá cột (--force để vẫn nhập, bỏ cột này)",
                               en: "\(nameEn) is not part of template \(template.id) but holds \(data.count) non-empty cells (\(range)) that are not imported; make its header match the template or delete the column (--force imports without it)"))
        }
        if rest.columns > 0, let first = rest.first, let last = rest.last {
            out.append(Finding(.error, "unmapped-column", at: SheetCell(sheet: sheet, address: first), table: table,
                               vi: "thêm \(rest.cells) ô dữ liệu ở \(rest.columns) cột khác ngoài mẫu \(template.id) (\(first.a1)…\(last.a1)) không được nhập",
                               en: "\(rest.cells) more non-empty cells in \(rest.columns) other columns outside template \(template.id) (\(first.a1)…\(last.a1)) are not imported"))
        }
        // Cells outside the table.
        for (address, text) in outside {
            out.append(Finding(.warning, "cell-outside-table", at: SheetCell(sheet: sheet, address: address), table: table,
                               vi: "ô \(address.a1) ngoài bảng có nội dung \(Self.quoted(text)); không được nhập",
                               en: "cell \(address.a1) outside the table holds \(Self.quoted(text)); not imported"))
        }
        if outsideCount > outside.count, let last = lastOutside {
            let n = outsideCount - outside.count
            out.append(Finding(.warning, "cell-outside-table", at: SheetCell(sheet: sheet, address: last), table: table,
                               vi: "thêm \(n) ô ngoài bảng có nội dung (ô cuối: \(last.a1)); không được nhập",
                               en: "\(n) more cells outside the table hold content (the last: \(last.a1)); not imported"))
        }
        return out
    }
}
