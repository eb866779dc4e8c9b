import BieuCore
import BieuModel
import BieuTemplates

/// Turns assembled sheet rows into model rows, one at a time: the same code
/// for the whole-workbook import and the streaming one.
struct RowBuilder {
    let sheetName: String
    let located: LocatedTable
    let tableID: String
    let identity: WorkbookIdentity?
    let interpreter: CellInterpreter
    var template: Template { located.template }
    /// Ids found on the sheet so far (the first occurrence of an id wins).
    private(set) var seen = Set<String>()

    init(sheetName: String, located: LocatedTable, tableID: String, identity: WorkbookIdentity?, isCSV: Bool) {
        self.sheetName = sheetName
        self.located = located
        self.tableID = tableID
        self.identity = identity
        interpreter = CellInterpreter(sheet: sheetName, tableID: tableID, fromCSV: isCSV)
    }

    /// The row's id from the sheet: nil when it has none, or when an earlier row has it
    /// (a copied row; a finding says so and the row is treated as new).
    mutating func claimID(_ r: SheetRow, findings: inout [Finding]) -> String? {
        guard let id = r.id else { return nil }
        if seen.insert(id).inserted { return id }
        findings.append(Finding(.warning, "duplicate-id", at: SheetCell(sheet: sheetName, address: CellAddress(row: r.sheetRow, column: located.idColumn ?? 0)),
                                table: tableID, row: id,
                                vi: "mã dòng \"\(id)\" xuất hiện lần nữa (dòng được sao chép?); dòng này được coi là dòng mới",
                                en: "row id \"\(id)\" appears again (a copied row?); this row is treated as a new row"))
        return nil
    }

    /// The model row for a sheet row (id "" when `id` is nil), and whether bieu recorded its kind
    /// (otherwise it is inferred from what the row shows). Nil for an empty row offered for a
    /// new entry and left empty: that is not a row.
    func makeRow(_ r: SheetRow, id: String?, findings: inout [Finding]) -> (row: Row, recorded: Bool)? {
        let template = self.template
        func text(_ field: ColumnField) -> String {
            guard let c = template.columns.first(where: { $0.field == field }) else { return "" }
            var t = interpreter.fieldText(r.cells[c.id], address: CellAddress(row: r.sheetRow, column: located.columns[c.id] ?? 0), findings: &findings)
            for chunk in r.continued[c.id] ?? [] { t += VietnameseText.nfc(chunk) }
            return t
        }
        var row = Row(id: id ?? "", stt: text(.stt), name: text(.name), unit: text(.unit), note: text(.note))
        // What bieu recorded about the row: its hidden `bieu:row` cell, or (workbooks
        // written before that column existed) the `row` and `text` records of `_bieu`.
        let rec = r.identity.map { WorkbookIdentity.RowRecord(kind: $0.kind, direction: $0.direction) } ?? id.flatMap { identity?.rows[tableID]?[$0] }
        let recordedTexts = r.identity.map { Dictionary($0.texts, uniquingKeysWith: { a, _ in a }) } ?? id.flatMap { identity?.texts[tableID]?[$0] } ?? [:]
        row.direction = rec?.direction
        var cells = CellMap()
        for column in template.columns where column.field == .cell {
            guard var gridCell = r.cells[column.id] else { continue }
            if let chunks = r.continued[column.id], case .string(let s) = gridCell.value {
                gridCell.value = .string(s + chunks.joined())
            }
            let isSlot = id.map { identity?.slots[tableID]?.contains($0) == true } ?? false
            let expected = gridCell.formula == nil ? nil
                : expectedFormula(column: column, sheetRow: r.sheetRow, row: row, byName: isSlot)
            switch interpreter.interpret(gridCell, column: column, rowID: id, recorded: recordedTexts[column.id], expectedFormula: expected, findings: &findings) {
            case .value(let c): cells[column.id] = c
            case .derived, .empty: break
            }
        }
        // A printed value the data held, shown as a live formula: it is the value again
        // when the formula's result still agrees with it. When the row's numbers changed, the
        // value is what the formula now shows (a note says so): the cell never empties silently.
        if let derived = id.flatMap({ identity?.derived[tableID]?[$0] }) {
            for column in template.columns {
                let columnID = column.id
                guard let printed = derived[columnID], cells[columnID] == nil else { continue }
                var probe = row
                probe.cells = cells
                probe.cells[columnID] = Cell(printed)
                if ComputedCheck.check(column, row: probe, template: template) == nil {
                    cells[columnID] = Cell(printed)
                    continue
                }
                probe.cells[columnID] = nil
                let place = SheetCell(sheet: sheetName, address: CellAddress(row: r.sheetRow, column: located.columns[columnID] ?? 0))
                if let shown = ComputedCheck.displayValue(column, row: probe, template: template) {
                    let text = DecimalFormatting.vietnamese(shown, decimals: WrittenNumber.decimals(in: printed))
                    cells[columnID] = Cell(text)
                    findings.append(Finding(.note, "derived-recomputed", at: place, table: tableID, row: id, column: columnID,
                                            vi: "số in \"\(printed)\" được tính lại thành \"\(text)\" vì số liệu của dòng đã đổi",
                                            en: "the printed \"\(printed)\" is recomputed as \"\(text)\" because the row's numbers changed"))
                } else {
                    findings.append(Finding(.warning, "derived-emptied", at: place, table: tableID, row: id, column: columnID,
                                            vi: "số in \"\(printed)\" không còn tính được (số liệu của dòng đã bị xoá hoặc không còn là số); ô để trống",
                                            en: "the printed \"\(printed)\" can no longer be computed (the row's numbers were cleared or are no longer numbers); the cell is left empty"))
                }
            }
        }
        row.cells = cells
        if let id, let locked = identity?.locked[tableID]?[id] { checkLocked(locked, row: row, sheetRow: r.sheetRow, findings: &findings) }
        // An empty row offered for a new entry and left empty is not a row.
        if let id, identity?.slots[tableID]?.contains(id) == true,
           row.name.isEmpty, row.stt.isEmpty, row.unit.isEmpty, row.note.isEmpty,
           row.cells.entries.allSatisfy({ c in template.column(c.column).map { $0.kind == .computed || $0.kind == .assessment } ?? false }) {
            return nil
        }
        if let rec {
            row.kind = rec.kind
            return (row, true)
        }
        row.kind = RowKindInference.kind(stt: row.stt, name: row.name, hasValues: !cells.isEmpty)
        return (row, false)
    }

    /// A locked cell of a staff workbook that comes back other than sent was edited where staff were
    /// not to type (the sheet's protection lifted, or a paste): a warning names the cell, what was sent
    /// and what came back. What came back is kept (the file is the record). The same number written
    /// another way (`46` and `46,0`) is no change.
    func checkLocked(_ locked: [(column: String, text: String)], row: Row, sheetRow: Int, findings: inout [Finding]) {
        for (columnID, sent) in locked {
            guard let column = template.column(columnID), let sheetColumn = located.columns[columnID] else { continue }
            let back: String
            var backValue: CellValue?
            switch column.field {
            case .stt: back = row.stt
            case .name: back = row.name
            case .unit: back = row.unit
            case .note: back = row.note
            case .cell:
                back = row.cells[columnID]?.text ?? ""
                backValue = row.cells[columnID]?.value
            }
            let a = sent.trimmingCharacters(in: .whitespacesAndNewlines), b = back.trimmingCharacters(in: .whitespacesAndNewlines)
            if VietnameseText.nfc(a) == VietnameseText.nfc(b) { continue }
            if let backValue, backValue.numericValue != nil, Cell(a).value == backValue { continue }
            func shown(_ t: String, _ language: Language) -> String {
                t.isEmpty ? (language == .vi ? "(trống)" : "(empty)") : "\"\(t)\""
            }
            findings.append(Finding(.warning, "locked-changed", at: SheetCell(sheet: sheetName, address: CellAddress(row: sheetRow, column: sheetColumn)),
                                    table: tableID, row: row.id, column: columnID,
                                    vi: "ô bị khoá (không dành để điền) đã bị sửa: khi gửi đi là \(shown(a, .vi)), nhận về \(shown(b, .vi)); lấy giá trị nhận về, hãy kiểm tra lại với đơn vị",
                                    en: "a locked cell (not for filling) was changed: sent as \(shown(a, .en)), came back as \(shown(b, .en)); the returned value is used, check it with the unit"))
        }
    }

    /// The formula bieu writes into a computed or assessment cell on this sheet row.
    /// With `byName`, the formula that decides the direction from the name typed on the row
    /// (the empty rows of a staff workbook).
    func expectedFormula(column: Column, sheetRow: Int, row: Row, byName: Bool = false) -> String? {
        func ref(_ id: String) -> String {
            guard let c = located.columns[id] else { return "#REF!" }
            return CellAddress(row: sheetRow, column: c).a1
        }
        switch column.kind {
        case .computed:
            if byName, let nameColumn = template.columns.first(where: { $0.field == .name }), let c = located.columns[nameColumn.id] {
                let nameRef = "$" + CellAddress.columnLetters(c) + String(sheetRow + 1)
                return Formulas.computedByName(column, rule: template.lowerIsBetter, nameRef: nameRef, ref: ref)
            }
            let lower = template.isLowerBetter(row)
            guard let expr = column.expression(lowerIsBetter: lower) else { return nil }
            return Formulas.computed(expr, decimals: column.decimals, ref: ref)
        case .assessment:
            guard let rule = column.assessment else { return nil }
            return Formulas.assessment(rule, ratioRef: ref(rule.from))
        default:
            return nil
        }
    }
}
