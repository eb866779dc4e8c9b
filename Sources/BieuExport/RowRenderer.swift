import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// Renders table rows one at a time, for the whole-table and the streaming
/// exporters alike. Everything that does not depend on the row — formula
/// texts, column positions, styles — is prepared once.
public struct RowRenderer {
    public let layout: TableLayout
    public var template: Template { layout.template }
    /// Warnings collected so far (printed ratios that disagree with their numbers).
    public private(set) var warnings: [ExportWarning] = []

    private let columns: [Column]
    /// Computed columns: the formula pattern for ordinary and for "lower is better" rows.
    private let computed: [String: (normal: FormulaPattern, lower: FormulaPattern)]
    private let assessments: [String: FormulaPattern]

    public init(layout: TableLayout) {
        self.layout = layout
        columns = layout.columns
        var letters: [String: String] = [:]
        for (i, c) in layout.columns.enumerated() { letters[c.id] = CellAddress.columnLetters(i) }
        var computed: [String: (FormulaPattern, FormulaPattern)] = [:]
        var assessments: [String: FormulaPattern] = [:]
        for c in layout.columns {
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

    /// Renders one row placed at `sheetRow` (0-based): its cells, height and continuation rows.
    /// Without `measure` (CSV, which has no row heights) the text is not measured: the row gets
    /// no height and no continuation rows, and every text stays whole.
    public mutating func render(_ row: Row, sheetRow: Int, measure: Bool = true) -> RenderedTable.DataRow {
        let lower = template.isLowerBetter(row)
        var cells: [RenderedTable.Content] = []
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
                    let content = RenderedTable.content(of: cell, column: column)
                    if case let .number(_, _, _, double) = content { stored[column.id] = double }
                    cells.append(content)
                    if column.kind == .computed, let m = ComputedCheck.check(column, row: row, template: template, lowerIsBetter: lower) {
                        warnings.append(.computedMismatch(sheet: layout.sheetName, cell: CellAddress(row: sheetRow, column: index),
                                                          mismatch: m, decimals: column.decimals ?? 1))
                    }
                } else if RenderedTable.isValueRow(row.kind) {
                    cells.append(formula(column: column, row: row, sheetRow: sheetRow, lower: lower, stored: stored, shown: &shown))
                } else {
                    cells.append(.empty)
                }
            }
        }
        var dataRow = RenderedTable.DataRow(rowID: row.id, kind: row.kind, cells: cells, sheetRow: sheetRow, heights: [], continuations: [], neededHeight: 0)
        if measure { RenderedTable.fit(&dataRow, columns: columns, style: template.styles.row(row.kind)) }
        return dataRow
    }

    /// A live formula for a computed or assessment column the data leaves empty, with the
    /// result the spreadsheet will show cached in it (computed in binary floating point and
    /// rounded with Excel's ROUND, as the spreadsheet itself computes it).
    private func formula(column: Column, row: Row, sheetRow: Int, lower: Bool, stored: [String: Double], shown: inout [String: Double]) -> RenderedTable.Content {
        switch column.kind {
        case .computed:
            guard let patterns = computed[column.id], let expr = column.expression(lowerIsBetter: lower) else { return .empty }
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
            let ratio = shown[rule.from] ?? stored[rule.from] ?? row.cells[rule.from].flatMap { RowRenderer.double($0.value) }
            let label = ratio.map { rule.status(forRatio: Decimal($0)).label } ?? ""
            return .formula(pattern.formula(row: sheetRow), cached: .text(label), format: nil)
        case .value, .text:
            return .empty
        }
    }

    /// What a computed column's formula shows on this row (a column it reads that is itself
    /// computed and empty contributes its own formula's value, as in the spreadsheet).
    private func shownValue(_ column: Column, row: Row, lower: Bool, stored: [String: Double], shown: inout [String: Double], depth: Int) -> Double? {
        if let v = shown[column.id] { return v }
        guard depth < 16, let expr = column.expression(lowerIsBetter: lower) else { return nil }
        var operands: [String: Double] = [:]
        for id in expr.references {
            if let v = stored[id] {
                operands[id] = v
            } else if let cell = row.cells[id] {
                if let v = RowRenderer.double(cell.value) { operands[id] = v }
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
