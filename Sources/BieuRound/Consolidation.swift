import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// The district table from the units' current revisions, by the aggregation the
/// template declares per column (`aggregate:`) and per row (`aggregate_rows:`).
///
/// Nothing is summed silently: a column with values but no rule, a value that
/// cannot be aggregated (text in a summed column, a bound like `>90`, a range,
/// an ambiguous number), a unit with no return, a unit without a value where
/// others have one — each is a ``Finding`` naming the unit and the cell.
/// Mean and weighted mean are rounded to the column's `decimals` (default 2),
/// half away from zero; `recompute` evaluates the column's formula on the
/// aggregated row (ComputedCheck, the one evaluator of computed columns).
public struct Consolidation: Sendable {
    public struct Finding: Sendable, Hashable {
        public enum Severity: String, Sendable { case warning, error }
        public var severity: Severity
        public var code: String
        public var unit: String?
        /// The unit's cell (`Biểu 01!F12` in its return), when there is one.
        public var cell: String?
        public var rowID: String?
        public var columnID: String?
        public var message: Bilingual

        public func line(_ language: Language) -> String {
            let place = [unit, cell].compactMap { $0 }.joined(separator: " ")
            let label = language == .vi ? (severity == .error ? "lỗi" : "cảnh báo") : severity.rawValue
            return (place.isEmpty ? "" : place + ": ") + "\(label) [\(code)] " + message.text(language)
        }
    }

    /// One unit's contribution to one cell (the unit × indicator sheet).
    public struct Contribution: Sendable {
        public var rowID: String
        public var columnID: String
        /// Unit id → the text as written.
        public var texts: [String: String]
        public var aggregation: Aggregation?
        public var result: String?
    }

    public var report: Report
    public var findings: [Finding]
    public var contributions: [Contribution]
    public var units: [RoundUnit]
    public var template: Template

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }

    /// One unit's current return: its table and where each cell was in its file.
    public struct UnitReturn: Sendable {
        public var unit: RoundUnit
        public var table: AnnexTable?
        /// (row id, column id) → `Biểu 01!F12`.
        public var locations: [String: [String: String]]
        /// Returned without any change from what was sent: left out like a missing unit.
        public var untouched: Bool
        public init(unit: RoundUnit, table: AnnexTable?, locations: [String: [String: String]], untouched: Bool = false) {
            self.unit = unit; self.table = table; self.locations = locations; self.untouched = untouched
        }
    }

    /// Reads the current revisions from the store and consolidates them.
    public static func run(service: RoundService, round: RoundInfo) throws -> Consolidation {
        let store = service.store
        let template = try service.catalog.template(round.templateID)
        let sent = try service.sentReport(round)
        var current: [String: StoredRevision] = [:]
        for r in try store.currentRevisions(round: round.id) { current[r.unitID] = r }
        var returns: [UnitReturn] = []
        for unit in try store.units(round: round.id) {
            guard let r = current[unit.id] else { returns.append(UnitReturn(unit: unit, table: nil, locations: [:])); continue }
            let report = try ReportJSON.decode(try store.reportJSON(revision: r.id))
            var locations: [String: [String: String]] = [:]
            for c in try store.cells(revision: r.id) { if let l = c.location { locations[c.rowID, default: [:]][c.columnID] = l } }
            returns.append(UnitReturn(unit: unit, table: r.untouched ? nil : report.table(round.tableID) ?? report.tables.first,
                                      locations: locations, untouched: r.untouched))
        }
        var district = sent
        district.tables = []
        return consolidate(template: template, structure: sent.table(round.tableID) ?? AnnexTable(id: round.tableID, template: template.id),
                           returns: returns, report: district)
    }

    /// The consolidation itself: `structure` gives the rows (what was sent), `returns` the units' tables in order.
    public static func consolidate(template: Template, structure: AnnexTable, returns: [UnitReturn], report: Report) -> Consolidation {
        var findings: [Finding] = []
        var contributions: [Contribution] = []
        for r in returns where r.table == nil {
            findings.append(r.untouched
                ? Finding(severity: .warning, code: "unit-untouched", unit: r.unit.name, cell: nil, rowID: nil, columnID: nil,
                          message: Bilingual(vi: "đơn vị nộp lại biểu chưa điền gì; không có trong số tổng hợp (không tính là 0)",
                                             en: "the unit sent the workbook back unfilled; not in the totals (not counted as 0)"))
                : Finding(severity: .warning, code: "unit-missing", unit: r.unit.name, cell: nil, rowID: nil, columnID: nil,
                          message: Bilingual(vi: "đơn vị chưa nộp; không có trong số tổng hợp (không tính là 0)",
                                             en: "the unit has not returned; not in the totals (not counted as 0)")))
        }
        let present = returns.filter { $0.table != nil }
        var rowsByUnit: [String: [String: Row]] = [:]
        for r in present { rowsByUnit[r.unit.id] = Dictionary(r.table!.rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        let valueColumns = template.columns.filter { $0.field == .cell }
        var noRule: [String: (unit: String, cell: String?, row: String)] = [:]

        var rows: [Row] = []
        for base in structure.rows {
            var row = Row(id: base.id, kind: base.kind, stt: base.stt, name: base.name, unit: base.unit, direction: base.direction)
            let isValueRow = [.indicator, .subIndicator, .bullet].contains(base.kind)
            // Notes listed per unit.
            let notes = present.compactMap { r -> String? in
                guard let n = rowsByUnit[r.unit.id]?[base.id]?.note, !n.isEmpty else { return nil }
                return "\(r.unit.name): \(n)"
            }
            if let noteColumn = template.columns.first(where: { $0.field == .note }), template.aggregation(noteColumn, row: base) == .list {
                row.note = notes.joined(separator: "; ")
            } else {
                row.note = base.note
            }
            guard isValueRow else { rows.append(row); continue }
            var recompute: [Column] = []
            for column in valueColumns {
                let aggregation = template.aggregation(column, row: base)
                var texts: [String: String] = [:]
                for r in present { if let c = rowsByUnit[r.unit.id]?[base.id]?.cells[column.id] { texts[r.unit.id] = c.text } }
                var contribution = Contribution(rowID: base.id, columnID: column.id, texts: texts, aggregation: aggregation, result: nil)
                defer { contributions.append(contribution) }
                guard let aggregation else {
                    if let first = present.first(where: { texts[$0.unit.id] != nil }), noRule[column.id] == nil {
                        noRule[column.id] = (first.unit.name, first.locations[base.id]?[column.id], base.id)
                    }
                    continue
                }
                switch aggregation {
                case .none:
                    continue
                case .recompute:
                    recompute.append(column)
                    continue
                case .list:
                    let items = present.compactMap { r in texts[r.unit.id].map { "\(r.unit.name): \($0)" } }
                    if !items.isEmpty {
                        let cell = Cell(items.joined(separator: "; "))
                        row.cells[column.id] = cell
                        contribution.result = cell.text
                    }
                    continue
                default:
                    break
                }
                // Numeric aggregations: every unit's value must be a plain number (or percent, quantity).
                var values: [(value: Decimal, weight: Decimal)] = []
                var withoutValue: [UnitReturn] = []
                for r in present {
                    let unitRow = rowsByUnit[r.unit.id]?[base.id]
                    guard let cell = unitRow?.cells[column.id] else { withoutValue.append(r); continue }
                    let at = r.locations[base.id]?[column.id]
                    guard let v = Self.number(cell.value) else {
                        findings.append(Finding(severity: .error, code: "not-aggregable", unit: r.unit.name, cell: at, rowID: base.id, columnID: column.id,
                                                message: Bilingual(vi: "\"\(cell.text)\" (\(cell.value.typeName)) ở cột \(column.id) của \"\(base.name)\" không \(aggregation.name) được; không tính vào tổng hợp",
                                                                   en: "\"\(cell.text)\" (\(cell.value.typeName)) in column \(column.id) of \"\(base.name)\" cannot be aggregated by \(aggregation.name); left out")))
                        continue
                    }
                    var weight: Decimal = 1
                    if case .weightedMean(let w) = aggregation {
                        guard let wc = unitRow?.cells[w], let wv = Self.number(wc.value), wv >= 0 else {
                            findings.append(Finding(severity: .error, code: "no-weight", unit: r.unit.name, cell: r.locations[base.id]?[w] ?? at, rowID: base.id, columnID: w,
                                                    message: Bilingual(vi: "\"\(base.name)\": cần trọng số \(w) là một số không âm để tính trung bình có trọng số cột \(column.id)",
                                                                       en: "\"\(base.name)\": the weight \(w) must be a non-negative number for the weighted mean of column \(column.id)")))
                            continue
                        }
                        weight = wv
                    }
                    values.append((v, weight))
                }
                if !values.isEmpty {
                    for r in withoutValue {
                        findings.append(Finding(severity: .warning, code: "value-missing", unit: r.unit.name, cell: nil, rowID: base.id, columnID: column.id,
                                                message: Bilingual(vi: "\"\(base.name)\", cột \(column.id): đơn vị để trống; tổng hợp chỉ gồm \(values.count) đơn vị có số (không tính là 0)",
                                                                   en: "\"\(base.name)\", column \(column.id): the unit left it empty; the result covers the \(values.count) units with a value (not counted as 0)")))
                    }
                }
                guard let result = Self.aggregate(values, aggregation, decimals: column.decimals ?? 2) else {
                    if case .weightedMean = aggregation, !values.isEmpty {
                        findings.append(Finding(severity: .error, code: "no-weight", unit: nil, cell: nil, rowID: base.id, columnID: column.id,
                                                message: Bilingual(vi: "\"\(base.name)\", cột \(column.id): tổng trọng số bằng 0", en: "\"\(base.name)\", column \(column.id): the weights add up to 0")))
                    }
                    continue
                }
                let cell = Self.cell(result)
                row.cells[column.id] = cell
                contribution.result = cell.text
            }
            for column in recompute {
                if let v = ComputedCheck.displayValue(column, row: row, template: template) {
                    row.cells[column.id] = Self.cell(v)
                    if let k = contributions.lastIndex(where: { $0.rowID == base.id && $0.columnID == column.id }) { contributions[k].result = DecimalFormatting.plain(v) }
                }
            }
            rows.append(row)
        }
        for column in valueColumns {
            guard let (unit, cell, rowID) = noRule[column.id] else { continue }
            findings.append(Finding(severity: .warning, code: "no-aggregation-rule", unit: unit, cell: cell, rowID: rowID, columnID: column.id,
                                    message: Bilingual(vi: "cột \(column.id) (\(column.header)) không có quy tắc tổng hợp (aggregate) trong mẫu \(template.id); các số của đơn vị không được tổng hợp",
                                                       en: "column \(column.id) (\(column.header)) has no aggregation rule (aggregate) in template \(template.id); the units' values are not consolidated")))
        }

        // Rows the units added: kept, one per unit, with ids unique across units.
        let known = Set(structure.rows.map(\.id))
        var taken = known
        for r in present {
            for row in r.table!.rows where !known.contains(row.id) && (!row.cells.isEmpty || !row.name.isEmpty) {
                var added = row
                var id = "\(r.unit.id)--\(row.id)"
                var n = 2
                while taken.contains(id) { id = "\(r.unit.id)--\(row.id)-\(n)"; n += 1 }
                taken.insert(id)
                added.id = id
                added.note = added.note.isEmpty ? r.unit.name : "\(r.unit.name): \(added.note)"
                rows.append(added)
                findings.append(Finding(severity: .warning, code: "row-added", unit: r.unit.name, cell: r.locations[row.id]?.values.sorted().first, rowID: id, columnID: nil,
                                        message: Bilingual(vi: "dòng \"\(row.name)\" do đơn vị thêm, không có trong biểu gửi đi; giữ riêng với mã \(id), không cộng vào dòng nào",
                                                           en: "row \"\(row.name)\" was added by the unit, not in the table sent; kept on its own as \(id), not added to any row")))
            }
        }
        var report = report
        report.tables = [AnnexTable(id: structure.id, template: template.id, title: structure.title, rows: rows)]
        return Consolidation(report: report, findings: findings, contributions: contributions, units: returns.map(\.unit), template: template)
    }

    /// The number a value contributes: plain numbers, percents, per mille and quantities; nothing else.
    static func number(_ value: CellValue) -> Decimal? {
        switch value {
        case .number(let d), .percent(let d), .perMille(let d), .quantity(let d, _): return d
        default: return nil
        }
    }

    static func aggregate(_ values: [(value: Decimal, weight: Decimal)], _ a: Aggregation, decimals: Int) -> Decimal? {
        guard !values.isEmpty else { return nil }
        switch a {
        case .sum: return values.reduce(Decimal(0)) { $0 + $1.value }
        case .mean: return DecimalFormatting.rounded(values.reduce(Decimal(0)) { $0 + $1.value } / Decimal(values.count), scale: decimals)
        case .weightedMean:
            let w = values.reduce(Decimal(0)) { $0 + $1.weight }
            guard w != 0 else { return nil }
            return DecimalFormatting.rounded(values.reduce(Decimal(0)) { $0 + $1.value * $1.weight } / w, scale: decimals)
        case .min: return values.map(\.value).min()
        case .max: return values.map(\.value).max()
        case .recompute, .list, .none: return nil
        }
    }

    static func cell(_ v: Decimal) -> Cell {
        let text = DecimalFormatting.plain(v)
        return Cell(text: text, value: .number(v)) ?? Cell(text)
    }
}
