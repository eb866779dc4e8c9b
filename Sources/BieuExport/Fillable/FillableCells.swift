import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// What each data cell of a staff workbook is for, decided once and used by
/// the cell styles, the validations, the conditional formats and the guide.
///
/// - **input**: unlocked and shaded; staff type here.
/// - **derived**: a live formula bieu generates (So sánh, tỷ lệ); locked, shaded blue.
/// - **fixed**: locked, as the export prints it (names, units, targets, headings).
///
/// The rules (docs/STAFF-WORKBOOKS.md, "What is locked"):
/// - columns the template marks `input` are input on value rows (indicator,
///   sub-indicator, bullet); notes also on group rows;
/// - a value column that is not `input` but is empty on a value row is input
///   too, so a missing target can be supplied;
/// - empty rows (slots) are input in every column but the computed ones;
/// - a computed column is a live formula where the data has no value, or has
///   the value the formula shows (the printed text is then recorded in `_bieu`
///   as a `derived` record); a printed value the formula cannot reproduce stays
///   as an input cell, flagged when the numbers disagree with it;
/// - an assessment column that is `input` holds the data's value or, where there
///   is none, the live suggestion formula — staff keep it or pick from the list.
struct FillableCells {
    enum Role: Hashable { case fixed, input, derived }

    /// A printed computed value kept as an input cell, with the expression it should agree with.
    struct KeptComputed {
        var row: Int
        var column: Int
        var expression: BieuTemplates.Expression
        var decimals: Int
    }

    /// roles[data row index][column index], for the row's first physical row.
    var roles: [[Role]] = []
    /// The `derived` records of `_bieu`.
    var derivedRecords: [WorkbookMetadata.Derived] = []
    /// The `locked` records of `_bieu`: every fixed data cell of a row the data gave, with what it holds.
    var lockedRecords: [WorkbookMetadata.Locked] = []
    var kept: [KeptComputed] = []
    var notices: [FillableNotice] = []

    /// Decides every cell and rewrites the rendered cells where the workbook differs from an export.
    static func decide(plan: FillablePlan, rendered: inout RenderedTable) -> FillableCells {
        var out = FillableCells()
        let layout = rendered.layout
        let template = plan.template
        let columns = layout.columns
        let slots = Set(plan.slotRowIDs)
        let nameColumn = columns.firstIndex { $0.field == .name }
        for i in rendered.rows.indices {
            let dataRow = rendered.rows[i]
            // The direction decided once (matching names against the template's words is the costly part).
            var row = rendered.table.rows[i]
            if row.direction == nil { row.direction = template.isLowerBetter(row) ? .lowerIsBetter : .higherIsBetter }
            let sheetRow = dataRow.sheetRow
            func ref(_ id: String) -> String {
                guard let c = layout.index(of: id) else { return "#REF!" }
                return CellAddress(row: sheetRow, column: c).a1
            }
            let isSlot = slots.contains(row.id)
            let valueRow = isSlot || TableGrid.isValueRow(row.kind)
            var roles: [Role] = []
            for (c, column) in columns.enumerated() {
                var role = Role.fixed
                switch column.field {
                case .stt, .name, .unit:
                    role = isSlot ? .input : .fixed
                case .note:
                    role = column.input && (valueRow || row.kind == .group || !row.note.isEmpty) ? .input : .fixed
                case .cell:
                    let stored = row.cells[column.id]
                    switch column.kind {
                    case .computed:
                        guard valueRow else { role = stored == nil ? .fixed : .input; break }
                        if isSlot, let nameColumn {
                            let nameRef = "$" + CellAddress.columnLetters(nameColumn) + String(sheetRow + 1)
                            if let f = Formulas.computedByName(column, rule: template.lowerIsBetter, nameRef: nameRef, ref: ref) {
                                rendered.rows[i].cells[c] = .formula(f, cached: .text(""), format: NumberFormats.number(decimals: column.decimals ?? 2))
                            }
                            role = .derived
                        } else if let stored {
                            var probe = row
                            probe.cells[column.id] = nil
                            if Self.sheetComputes(column, row: probe, template: template),
                               ComputedCheck.displayValue(column, row: probe, template: template) != nil,
                               ComputedCheck.check(column, row: row, template: template) == nil {
                                rendered.rows[i].cells[c] = TableGrid.formulaContent(column: column, row: probe, template: template, ref: ref)
                                out.derivedRecords.append(WorkbookMetadata.Derived(tableID: rendered.table.id, rowID: row.id, columnID: column.id, printed: stored.text))
                                role = .derived
                            } else {
                                role = .input
                                if stored.value.numericValue != nil, let e = column.expression(lowerIsBetter: template.isLowerBetter(row)) {
                                    out.kept.append(KeptComputed(row: i, column: c, expression: e, decimals: WrittenNumber.decimals(in: stored.text)))
                                }
                                out.notices.append(.computedKept(sheet: layout.sheetName, cell: CellAddress(row: sheetRow, column: c),
                                                                 rowID: row.id, columnID: column.id, text: stored.text))
                            }
                        } else {
                            role = .derived
                        }
                    case .assessment:
                        if column.input && valueRow {
                            role = .input
                        } else if stored == nil, valueRow {
                            role = .derived
                        }
                    case .value, .text:
                        if isSlot || (valueRow && (column.input || stored == nil)) || (column.input && stored != nil) {
                            role = .input
                        }
                    }
                }
                roles.append(role)
                if role == .fixed && !isSlot {
                    out.lockedRecords.append(WorkbookMetadata.Locked(tableID: rendered.table.id, rowID: row.id, columnID: column.id,
                                                                     text: Self.text(of: column, in: row)))
                }
            }
            out.roles.append(roles)
        }
        return out
    }

    /// What a row holds in a column, as the model has it (`""`: nothing).
    static func text(of column: Column, in row: Row) -> String {
        switch column.field {
        case .stt: return row.stt
        case .name: return row.name
        case .unit: return row.unit
        case .note: return row.note
        case .cell: return row.cells[column.id]?.text ?? ""
        }
    }

    /// True when the cell is written as a number (a formula can use it).
    static func writtenAsNumber(_ cell: Cell, column: Column?) -> Bool {
        guard column?.kind != .text else { return false }
        switch cell.value {
        case .number(let d), .percent(let d), .perMille(let d): return TableGrid.isExactAsDouble(d)
        default: return false
        }
    }

    /// True when the column's live formula has a number for every operand on this row,
    /// as the sheet holds them (`16 tỷ đồng` reads as 16 in the model but is text on the sheet).
    static func sheetComputes(_ column: Column, row: Row, template: Template, depth: Int = 0) -> Bool {
        guard depth < 8, let e = column.expression(lowerIsBetter: template.isLowerBetter(row)) else { return false }
        return e.references.allSatisfy { id in
            let referenced = template.column(id)
            if let cell = row.cells[id] { return writtenAsNumber(cell, column: referenced) }
            guard let referenced, referenced.kind == .computed else { return false }
            return sheetComputes(referenced, row: row, template: template, depth: depth + 1)
        }
    }

    /// The role of a physical piece of a row: continuation rows are editable
    /// only where an input cell's text continues.
    func role(row: Int, piece: Int, column: Int, rendered: RenderedTable) -> Role {
        let first = roles[row][column]
        guard piece > 0 else { return first }
        guard first == .input, rendered.rows[row].continuations[piece - 1][column] != nil else { return .fixed }
        return .input
    }
}
