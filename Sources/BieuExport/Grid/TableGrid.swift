import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// How numbers read in the formats that hold text only (CSV, .docx).
public enum NumberStyle: String, Sendable, CaseIterable {
    /// The text as written in the data (`41.160`, `48.1`, `29,2%`).
    case asWritten = "as-written"
    /// `41.160`, `48,1` — Vietnamese grouping and decimal comma.
    case vietnamese = "vi"
    /// `41160`, `48.1` — no grouping, decimal point.
    case plain
}

/// One table rendered into the cells of the file a writer produces: the areas
/// above the data (title lines and header blocks, each with its merge), the
/// row heights they need, then — one at a time, so memory stays flat — each
/// data row's cells, typed and placed. The XLSX, CSV and .docx writers all
/// write this grid: its row and column numbers are the ones the user sees in
/// the file, and so are the places warnings name.
public struct TableGrid {
    /// The shape of the file being written.
    public struct Options: Sendable {
        /// Measure text: row heights and continuation rows (XLSX, .docx). CSV has neither.
        public var measure = true
        /// The title lines (and the blank rows after them).
        public var title = true
        /// One header row of `Group: Leaf` labels instead of the printed header rows.
        public var flatHeader = false
        public init() {}
    }

    public enum AreaRole: Sendable, Hashable {
        case title(TitleStyle)
        case header
    }

    /// One text above the data, in the top-left cell of its (merged) range.
    public struct Area: Sendable, Hashable {
        public var range: CellRange
        public var text: String
        public var role: AreaRole
    }

    /// What goes into one data cell.
    public enum Content: Sendable, Hashable {
        case empty
        /// Text, written as text (never read as a number or formula).
        case text(String)
        /// A number as written: the value, its Excel number format, the text as written, and
        /// the double stored in the file.
        case number(Decimal, format: String, text: String, double: Double)
        /// A live formula with its cached result (number or text), shown with `format`.
        case formula(String, cached: FormulaResult, format: String?)
    }

    public enum FormulaResult: Sendable, Hashable {
        case number(Decimal)
        /// A number computed as the spreadsheet computes it (binary floating point).
        case double(Double)
        case text(String)
    }

    /// A cell as text, for the formats that hold text only.
    public enum Shown: Sendable, Hashable {
        case text(String)
        /// The text of a number.
        case number(String)
        public var string: String {
            switch self { case .text(let s), .number(let s): return s }
        }
    }

    public struct DataRow: Sendable {
        /// The model's row the cells were rendered from.
        public var source: Row
        public var rowID: String { source.id }
        public var kind: RowKind { source.kind }
        /// One entry per template column, in column order.
        public var cells: [Content]
        /// 0-based row of the grid (the sheet row, the CSV record).
        public var sheetRow: Int
        /// Row height in points for each physical row (the first, then continuations); empty unmeasured.
        public var heights: [Double]
        /// Text that did not fit the first physical row: for each continuation row,
        /// one entry per column (a chunk of that column's text, or nil).
        /// Concatenating a column's text with its chunks gives the cell's text exactly.
        public var continuations: [[String?]]
        /// Height the row's text needs in one piece, in points.
        public var neededHeight: Double

        /// Number of physical rows the row takes.
        public var span: Int { 1 + continuations.count }

        /// The id written in the hidden id column of a continuation row (`b02-iii#2`).
        public static func continuationID(_ rowID: String, _ n: Int) -> String { "\(rowID)#\(n)" }
    }

    /// Longest a physical row may be before its text continues on the next row,
    /// in points: well below Excel's 409 pt limit, and short enough that a row
    /// plus the repeated header fits an A4 landscape page.
    public static let maxPhysicalRowHeight = 330.0

    public let layout: TableLayout
    public let options: Options
    /// Where warnings say a cell is (the sheet, or the CSV file).
    public let place: ExportWarning.Place
    /// Everything above the data, title lines first, in the layout's order.
    public let areas: [Area]
    /// Rows of the title lines and of the header, in this grid.
    public let titleRows: Range<Int>
    public let headerRows: Range<Int>
    public var firstDataRow: Int { headerRows.upperBound }
    /// Heights (points) of the rows above the data, when measured.
    public let topHeights: [Int: Double]
    /// The row the next rendered row starts on.
    public private(set) var nextRow: Int
    /// Warnings collected so far (printed ratios that disagree with their numbers).
    public private(set) var warnings: [ExportWarning] = []

    public var template: Template { layout.template }
    public var columns: [Column] { layout.columns }

    /// Computed columns: the formula pattern for ordinary and for "lower is better" rows.
    private let computed: [String: (normal: FormulaPattern, lower: FormulaPattern)]
    private let assessments: [String: FormulaPattern]

    public init(layout: TableLayout, options: Options = Options(), place: ExportWarning.Place? = nil) {
        self.layout = layout
        self.options = options
        self.place = place ?? .sheet(layout.sheetName)
        let template = layout.template, styles = template.styles, columns = layout.columns

        // Above the data: the layout's rows, without the title when it is left out.
        let shift = options.title ? 0 : -layout.headerRows.lowerBound
        var areas: [Area] = []
        if options.title {
            for (block, style) in layout.titleLines { areas.append(Area(range: block.range, text: block.text, role: .title(style))) }
        }
        titleRows = options.title ? 0..<layout.titleLines.count : 0..<0
        let headerStart = layout.headerRows.lowerBound + shift
        if options.flatHeader {
            var labels = columns.map { layout.values.fill($0.header) }
            for block in layout.headerBlocks where block.range.rowCount == 1 && block.range.end.row < layout.headerRows.upperBound - 1 {
                for c in block.range.start.column...block.range.end.column { labels[c] = block.text + ": " + labels[c] }
            }
            for (c, label) in labels.enumerated() {
                areas.append(Area(range: CellRange(row: headerStart, column: c, lastRow: headerStart, lastColumn: c), text: label, role: .header))
            }
            headerRows = headerStart..<(headerStart + 1)
        } else {
            for block in layout.headerBlocks {
                let r = block.range
                areas.append(Area(range: CellRange(row: r.start.row + shift, column: r.start.column, lastRow: r.end.row + shift, lastColumn: r.end.column),
                                  text: block.text, role: .header))
            }
            headerRows = headerStart..<(layout.headerRows.upperBound + shift)
        }
        self.areas = areas
        nextRow = headerRows.upperBound
        topHeights = options.measure ? Self.measureTop(areas, headerRows: headerRows, columns: columns, styles: styles) : [:]

        var letters: [String: String] = [:]
        for (i, c) in columns.enumerated() { letters[c.id] = CellAddress.columnLetters(i) }
        var computed: [String: (FormulaPattern, FormulaPattern)] = [:]
        var assessments: [String: FormulaPattern] = [:]
        for c in columns {
            if c.kind == .computed, let normal = c.expression(lowerIsBetter: false), let lower = c.expression(lowerIsBetter: true) {
                computed[c.id] = (FormulaPattern(columnLetters: letters) { Formulas.computed(normal, decimals: c.decimals, ref: $0) },
                                  FormulaPattern(columnLetters: letters) { Formulas.computed(lower, decimals: c.decimals, ref: $0) })
            }
            if c.kind == .assessment, let rule = c.assessment {
                assessments[c.id] = FormulaPattern(columnLetters: letters) { Formulas.assessment(rule, ratioRef: $0(rule.from)) }
            }
        }
        self.computed = computed
        self.assessments = assessments
    }

    /// The text style of an area.
    public static func style(_ role: AreaRole, _ styles: Styles) -> TextStyle {
        switch role {
        case .title(.title): return styles.title.over(styles.body)
        case .title(.subtitle): return styles.subtitle.over(styles.body)
        case .title(.plain): return styles.body
        case .header: return styles.header.over(styles.body)
        }
    }

    /// Heights the title lines need across the table's width, and header rows such that
    /// every header block fits the rows it spans.
    private static func measureTop(_ areas: [Area], headerRows: Range<Int>, columns: [Column], styles: Styles) -> [Int: Double] {
        var heights: [Int: Double] = [:]
        let tableWidth = columns.reduce(0.0) { $0 + $1.width }
        for area in areas {
            guard case .title = area.role else { continue }
            let ts = style(area.role, styles)
            let lines = FontMetrics.lineCount(area.text, size: ts.size ?? 12, bold: ts.bold ?? false, available: FontMetrics.usableWidth(columnWidth: tableWidth))
            heights[area.range.start.row] = FontMetrics.rowHeight(lines: lines, size: ts.size ?? 12)
        }
        let hs = style(.header, styles)
        var headerHeights = Array(repeating: FontMetrics.rowHeight(lines: 1, size: hs.size ?? 12), count: headerRows.count)
        for area in areas.filter({ $0.role == .header }).sorted(by: { $0.range.rowCount < $1.range.rowCount }) {
            let width = columns[area.range.start.column...area.range.end.column].reduce(0.0) { $0 + $1.width }
            let lines = FontMetrics.lineCount(area.text, size: hs.size ?? 12, bold: hs.bold ?? false, available: FontMetrics.usableWidth(columnWidth: width))
            let needed = FontMetrics.rowHeight(lines: lines, size: hs.size ?? 12)
            let rows = (area.range.start.row - headerRows.lowerBound)...(area.range.end.row - headerRows.lowerBound)
            let have = rows.reduce(0.0) { $0 + headerHeights[$1] }
            if have < needed { headerHeights[rows.upperBound] += needed - have }
        }
        for (i, h) in headerHeights.enumerated() { heights[headerRows.lowerBound + i] = min(h, FontMetrics.maxRowHeight) }
        return heights
    }

    /// Renders the next data row, placed below the rows rendered before: its cells and,
    /// measured, its height and continuation rows.
    public mutating func render(_ row: Row) -> DataRow {
        let sheetRow = nextRow
        let lower = template.isLowerBetter(row)
        var cells: [Content] = []
        cells.reserveCapacity(columns.count)
        // Numbers of this row as the spreadsheet holds them: stored cells, then formula results.
        var shown: [String: Double] = [:]
        var stored: [String: Double] = [:]
        for (index, column) in columns.enumerated() {
            switch column.field {
            case .stt: cells.append(row.stt.isEmpty ? .empty : .text(row.stt))
            case .name: cells.append(row.name.isEmpty ? .empty : .text(row.name))
            case .unit: cells.append(row.unit.isEmpty ? .empty : .text(row.unit))
            case .note: cells.append(row.note.isEmpty ? .empty : .text(row.note))
            case .cell:
                if let cell = row.cells[column.id] {
                    let content = Self.content(of: cell, column: column)
                    if case let .number(_, _, _, double) = content { stored[column.id] = double }
                    cells.append(content)
                    if column.kind == .computed, let m = ComputedCheck.check(column, row: row, template: template, lowerIsBetter: lower) {
                        warnings.append(.computedMismatch(place: place, cell: CellAddress(row: sheetRow, column: index),
                                                          mismatch: m, decimals: column.decimals ?? 1))
                    }
                } else if Self.isValueRow(row.kind) {
                    cells.append(formula(column: column, row: row, sheetRow: sheetRow, lower: lower, stored: stored, shown: &shown))
                } else {
                    cells.append(.empty)
                }
            }
        }
        var dataRow = DataRow(source: row, cells: cells, sheetRow: sheetRow, heights: [], continuations: [], neededHeight: 0)
        if options.measure { Self.fit(&dataRow, columns: columns, style: template.styles.row(row.kind)) }
        nextRow += dataRow.span
        return dataRow
    }

    /// A cell of a data row as text (the whole text, continuation chunks joined), numbers in
    /// `style`; computed columns the data leaves empty show the exact decimal result of
    /// their formula (the one import checks against).
    public func shown(_ row: DataRow, column j: Int, style: NumberStyle) -> Shown {
        let column = columns[j], source = row.source
        switch column.field {
        case .stt: return .text(source.stt)
        case .name: return .text(source.name)
        case .unit: return .text(source.unit)
        case .note: return .text(source.note)
        case .cell: break
        }
        if let cell = source.cells[column.id] { return Self.shown(cell, style: style) }
        switch row.cells[j] {
        case let .formula(_, .number(v), _):
            return .number(CellValue.number(v).rendered(style: style == .plain ? .plain : .vietnamese, decimals: column.decimals))
        case .formula(_, .double, _):
            if column.kind == .computed, let d = ComputedCheck.displayValue(column, row: source, template: template,
                                                                              lowerIsBetter: template.isLowerBetter(source)) {
                return .number(CellValue.number(d).rendered(style: style == .plain ? .plain : .vietnamese, decimals: column.decimals))
            }
            return .text("")
        case let .formula(_, .text(t), _):
            return .text(t)
        default:
            return .text("")
        }
    }

    /// A stored cell in the chosen number style; numbers as numbers, everything else as text.
    static func shown(_ cell: Cell, style: NumberStyle) -> Shown {
        switch cell.value {
        case .number(let d), .percent(let d), .perMille(let d):
            switch style {
            case .asWritten: return .number(cell.text)
            case .vietnamese: return .number(cell.value.rendered(style: .vietnamese, decimals: NumberText(cell.text, value: d).decimals))
            case .plain: return .number(cell.value.rendered(style: .plain, decimals: NumberText(cell.text, value: d).decimals))
            }
        default:
            return .text(cell.text)
        }
    }

    /// A live formula for a computed or assessment column the data leaves empty, with the
    /// result the spreadsheet will show cached in it (computed in binary floating point and
    /// rounded with Excel's ROUND, as the spreadsheet itself computes it).
    private func formula(column: Column, row: Row, sheetRow: Int, lower: Bool, stored: [String: Double], shown: inout [String: Double]) -> Content {
        switch column.kind {
        case .computed:
            guard let patterns = computed[column.id], column.expression(lowerIsBetter: lower) != nil else { return .empty }
            let text = (lower ? patterns.lower : patterns.normal).formula(row: sheetRow)
            let format = NumberFormats.number(decimals: column.decimals ?? 2)
            let value = shownValue(column, row: row, lower: lower, stored: stored, shown: &shown, depth: 0)
            if let value, value.isFinite {
                shown[column.id] = value
                return .formula(text, cached: .double(value), format: format)
            }
            return .formula(text, cached: .text(""), format: format)
        case .assessment:
            guard let rule = column.assessment, let pattern = assessments[column.id] else { return .empty }
            let ratio = shown[rule.from] ?? stored[rule.from] ?? row.cells[rule.from].flatMap { Self.double($0.value) }
            let label = ratio.map { rule.status(forRatio: Decimal($0)).label } ?? ""
            return .formula(pattern.formula(row: sheetRow), cached: .text(label), format: nil)
        case .value, .text:
            return .empty
        }
    }
    private func shownValue(_ column: Column, row: Row, lower: Bool, stored: [String: Double], shown: inout [String: Double], depth: Int) -> Double? {
        if let v = shown[column.id] { return v }
        guard depth < 16, let expr = column.expression(lowerIsBetter: lower) else { return nil }
        var operands: [String: Double] = [:]
        for id in expr.references {
            if let v = stored[id] {
                operands[id] = v
            } else if let cell = row.cells[id] {
                if let v = Self.double(cell.value) { operands[id] = v }
            } else if let c = template.column(id), c.kind == .computed,
                      let v = shownValue(c, row: row, lower: lower, stored: stored, shown: &shown, depth: depth + 1) {
                operands[id] = v
            }
        }
        guard let raw = expr.evaluateDouble({ operands[$0] }) else { return nil }
        let value = column.decimals.map { Formulas.excelRound(raw, $0) } ?? raw
        guard value.isFinite else { return nil }
        shown[column.id] = value
        return value
    }

    /// The number a cell holds as the spreadsheet sees it (percents in percent units, as bieu writes them).
    static func double(_ value: CellValue) -> Double? {
        value.numericValue.map { $0.correctlyRoundedDouble }
    }
}
