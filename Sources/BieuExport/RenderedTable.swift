import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// A whole table rendered into its grid, every row at once (fillable workbooks,
/// which adjust cells after rendering, and tests). Exports stream row by row
/// through ``TableGrid`` instead.
public struct RenderedTable {
    public let grid: TableGrid
    public var layout: TableLayout { grid.layout }
    public let table: AnnexTable
    /// Settable inside the module: fillable workbooks adjust cells after rendering.
    public internal(set) var rows: [TableGrid.DataRow]
    public var warnings: [ExportWarning] { grid.warnings }

    /// Renders `table` with `template`, filling placeholders from `report`
    /// (or from `values`, when given: fillable workbooks add `{unit}`).
    public init(table: AnnexTable, template: Template, report: Report, values: PlaceholderValues? = nil) {
        var grid = TableGrid(layout: TableLayout(template: template, values: values ?? PlaceholderValues(report: report), titleOverride: table.title))
        self.table = table
        rows = table.rows.map { grid.render($0) }
        self.grid = grid
    }
}

extension TableGrid {
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
    /// rendering (fillable workbooks); whole tables go through ``render(_:)``.
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

