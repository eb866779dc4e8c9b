import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// One table rendered through its template: every cell of the printed table,
/// typed, styled and placed. The XLSX and CSV writers both write this grid,
/// so the two formats cannot drift apart.
public struct RenderedTable: Sendable {
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

    public struct DataRow: Sendable {
        public var rowID: String
        public var kind: RowKind
        /// One entry per template column, in column order.
        public var cells: [Content]
        /// 0-based sheet row.
        public var sheetRow: Int
        /// Row height in points for each physical row (the first, then continuations).
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
    public let table: AnnexTable
    /// Settable inside the module: fillable workbooks adjust cells after rendering.
    public internal(set) var rows: [DataRow]
    public let warnings: [ExportWarning]

    /// Renders `table` with `template`, filling placeholders from `report`
    /// (or from `values`, when given: fillable workbooks add `{unit}`).
    public init(table: AnnexTable, template: Template, report: Report, values: PlaceholderValues? = nil) {
        let layout = TableLayout(template: template, values: values ?? PlaceholderValues(report: report), titleOverride: table.title)
        self.layout = layout
        self.table = table
        var renderer = RowRenderer(layout: layout)
        var rendered: [DataRow] = []
        rendered.reserveCapacity(table.rows.count)
        var sheetRow = layout.firstDataRow
        for row in table.rows {
            let dataRow = renderer.render(row, sheetRow: sheetRow)
            sheetRow += dataRow.span
            rendered.append(dataRow)
        }
        rows = rendered
        warnings = renderer.warnings
    }

    /// Computes the row's height and, when its text is taller than one physical
    /// row may be, splits every wrapped text into chunks at line breaks.
    static func fit(_ row: inout DataRow, columns: [Column], style: TextStyle) {
        let size = style.size ?? 12
        let bold = style.bold ?? false
        let lineHeight = FontMetrics.lineHeight(size: size)
        let maxLines = max(Int((maxPhysicalRowHeight - 4) / lineHeight), 1)
        var wrapped: [(column: Int, text: String, lines: [Range<String.Index>])] = []
        var most = 1
        for (i, content) in row.cells.enumerated() {
            guard case .text(let t) = content, columns[i].wrap else { continue }
            let lines = FontMetrics.wrap(t, size: size, bold: bold, available: FontMetrics.usableWidth(columnWidth: columns[i].width))
            wrapped.append((i, t, lines))
            most = max(most, lines.count)
        }
        row.neededHeight = FontMetrics.rowHeight(lines: most, size: size)
        guard most > maxLines else {
            row.heights = [row.neededHeight]
            return
        }
        let pieces = (most + maxLines - 1) / maxLines
        var chunkLines = Array(repeating: 1, count: pieces)
        row.continuations = Array(repeating: Array(repeating: nil, count: columns.count), count: pieces - 1)
        for (i, text, lines) in wrapped {
            // Spread the lines evenly over the pieces.
            let per = (lines.count + pieces - 1) / pieces
            for p in 0..<pieces {
                let from = p * per, to = min((p + 1) * per, lines.count)
                guard from < to else { continue }
                let chunk = String(text[lines[from].lowerBound..<lines[to - 1].upperBound])
                chunkLines[p] = max(chunkLines[p], to - from)
                if p == 0 { row.cells[i] = .text(chunk) } else { row.continuations[p - 1][i] = chunk }
            }
        }
        row.heights = chunkLines.map { FontMetrics.rowHeight(lines: $0, size: size) }
    }

    /// Rows that carry values (section and group headings and notes get no formulas).
    /// (See ``RowRenderer`` for how one row is rendered.)
    static func isValueRow(_ kind: RowKind) -> Bool {
        kind.holdsValues
    }

    /// How a stored cell is written: plain numbers and percents as numbers, everything else as its text.
    static func content(of cell: Cell, column: Column) -> Content {
        if column.kind == .text { return .text(cell.text) }
        let d: Decimal
        switch cell.value {
        case .number(let v), .percent(let v), .perMille(let v): d = v
        case .empty: return .empty
        default: return .text(cell.text)
        }
        let reading = NumberText(cell.text, value: d)
        // A number a double cannot hold exactly (more than ~15 significant digits) stays text,
        // so the workbook never rounds what the person wrote.
        let (double, exact) = NumberText.double(d, literal: reading.literal)
        guard exact else { return .text(cell.text) }
        let format: String
        switch cell.value {
        case .percent: format = NumberFormats.percentLiteral(decimals: reading.decimals)
        case .perMille: format = NumberFormats.perMilleLiteral(decimals: reading.decimals)
        default: format = NumberFormats.number(decimals: reading.decimals)
        }
        return .number(d, format: format, text: cell.text, double: double)
    }

    /// True when the number survives the trip through an IEEE double (what XLSX stores).
    static func isExactAsDouble(_ d: Decimal) -> Bool {
        let double = d.correctlyRoundedDouble
        guard double.isFinite, let back = DecimalFormatting.parseLiteral(double.description) else { return false }
        return back == d
    }

    /// A live formula for a computed or assessment column on a given row, with its
    /// result cached (decimal arithmetic). Used where a single cell is replaced after
    /// rendering (fillable workbooks); whole tables go through ``RowRenderer``.
    static func formulaContent(column: Column, row: Row, template: Template, ref: (String) -> String) -> Content {
        switch column.kind {
        case .computed:
            guard let expr = column.expression(lowerIsBetter: template.isLowerBetter(row)) else { return .empty }
            let formula = Formulas.computed(expr, decimals: column.decimals, ref: ref)
            let format = NumberFormats.number(decimals: column.decimals ?? 2)
            if let v = ComputedCheck.displayValue(column, row: row, template: template) {
                return .formula(formula, cached: .number(v), format: format)
            }
            return .formula(formula, cached: .text(""), format: format)
        case .assessment:
            guard let rule = column.assessment else { return .empty }
            let formula = Formulas.assessment(rule, ratioRef: ref(rule.from))
            var ratio: Decimal?
            if let ratioColumn = template.column(rule.from) {
                if let stored = row.cells[rule.from] { ratio = stored.value.numericValue }
                else if ratioColumn.kind == .computed { ratio = ComputedCheck.displayValue(ratioColumn, row: row, template: template) }
            }
            return .formula(formula, cached: .text(ratio.map { rule.status(forRatio: $0).label } ?? ""), format: nil)
        case .value, .text:
            return .empty
        }
    }

    /// Digits after the decimal point that the text shows for `value`.
    static func decimals(_ text: String, value: Decimal) -> Int { NumberText(text, value: value).decimals }
}

/// Number format codes. Grouping and decimal separators follow the reader's
/// regional settings, so under Vietnamese settings `#,##0.0` shows `41.160,0`.
public enum NumberFormats {
    public static func number(decimals: Int) -> String {
        decimals > 0 ? "#,##0." + String(repeating: "0", count: decimals) : "#,##0"
    }
    /// A percentage kept in percent units (29.2 shows as 29,2%), so formulas
    /// over it use the same numbers as the model.
    public static func percentLiteral(decimals: Int) -> String { number(decimals: decimals) + "\"%\"" }
    public static func perMilleLiteral(decimals: Int) -> String { number(decimals: decimals) + "\"‰\"" }
}

