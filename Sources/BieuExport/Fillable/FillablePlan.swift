import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// What a staff workbook will hold: the report it belongs to (for the
/// workbook's period), the table's rows with the values to pre-fill, and the
/// empty rows (slots) offered for new entries.
///
/// How values carry over from data of an earlier period is decided here
/// (see docs/STAFF-WORKBOOKS.md, "Pre-filled values"):
///
/// | workbook period | rows | values |
/// |---|---|---|
/// | no data | `blankRows` empty slots | none |
/// | the data's own year | the data's rows | every value, note and title as the data has them |
/// | the data's year + 1 | the data's rows (ids, kinds, STT, names, units, directions) | only columns with a template `carry` key, from the column it names; notes and the table's own title are dropped |
/// | later years | the data's rows | none (a notice says why) |
///
/// Term-bound columns (headers using `{term_start}`, `{term_end}`, `{plan_start}`,
/// `{plan_end}`) carry only while the new year is inside the data's term.
public struct FillablePlan: Sendable {
    public enum Source: String, Sendable, Hashable {
        /// No data: an empty table.
        case blank
        /// Data of the workbook's own period: everything pre-filled for correction or completion.
        case samePeriod = "same-period"
        /// Data of the year before: structure and carried columns.
        case nextPeriod = "next-period"
        /// Data older than the year before: structure only.
        case laterPeriod = "later-period"
    }

    public var template: Template
    /// The report the workbook belongs to (no tables): period, term, issuer, number, date.
    public var report: Report
    /// The table as the workbook shows it, slots included (as rows without content).
    public var table: AnnexTable
    /// Ids of the empty rows offered for new entries.
    public var slotRowIDs: [String]
    public var source: Source
    /// The year of the data the workbook was made from (nil without data).
    public var sourceYear: Int?
    /// Things the person making the workbook should know.
    public var notices: [FillableNotice]

    /// Most empty rows a workbook offers.
    public static let maxSlotRows = 5_000

    /// Plans a workbook for `template`.
    ///
    /// - Parameters:
    ///   - data: the report to pre-fill from (nil: a blank table).
    ///   - tableID: which of the data's tables, when several use the template.
    ///   - period: the workbook's year (default: the data's year, or — without data — `blank.year`).
    ///   - blank: the report details of a blank workbook (period, term, issuer), used without data.
    ///   - blankRows: empty rows of a blank workbook.
    ///   - extraRows: empty rows added after the data's rows.
    public static func make(template: Template, data: Report?, tableID: String? = nil, period: Int? = nil,
                            blank: Report = Report(period: .year(2025)), blankRows: Int = 30, extraRows: Int = 0) throws -> FillablePlan {
        guard (0...maxSlotRows).contains(blankRows), (0...maxSlotRows).contains(extraRows) else {
            throw ExportError.tooManyRows(limit: maxSlotRows)
        }
        guard let data else {
            var report = blank
            report.tables = []
            if let period { report.period.year = period }
            var table = AnnexTable(id: template.id, template: template.id)
            let slots = slotIDs(count: max(blankRows, 1), tableID: table.id, taken: [])
            table.rows = slots.map { Row(id: $0) }
            return FillablePlan(template: template, report: report, table: table, slotRowIDs: slots, source: .blank, sourceYear: nil, notices: [])
        }

        let candidates = data.tables.filter { $0.template == template.id }
        let source: AnnexTable
        if let tableID {
            guard let t = data.table(tableID) else { throw ExportError.noSuchTable(id: tableID, available: data.tables.map(\.id)) }
            guard t.template == template.id else { throw ExportError.tableUsesOtherTemplate(id: tableID, template: t.template, wanted: template.id) }
            source = t
        } else if candidates.count == 1 {
            source = candidates[0]
        } else if candidates.isEmpty {
            throw ExportError.noTableForTemplate(template: template.id, available: data.tables.map { "\($0.id) (\($0.template))" })
        } else {
            throw ExportError.severalTables(template: template.id, ids: candidates.map(\.id))
        }

        let dataYear = data.period.year
        let year = period ?? dataYear
        var notices: [FillableNotice] = []
        var report = data
        report.tables = []
        var table = source
        let kind: Source
        if year == dataYear {
            kind = .samePeriod
        } else if year < dataYear {
            throw ExportError.periodBeforeData(period: year, dataYear: dataYear)
        } else {
            kind = year == dataYear + 1 ? .nextPeriod : .laterPeriod
            report.period.year = year
            report.number = ""
            report.date = nil
            report.title = ""
            var termEnded = false
            if let term = data.term, year > term.end {
                termEnded = true
                report.term = nil
                notices.append(.termEnded(start: term.start, end: term.end, year: year))
            }
            if kind == .laterPeriod { notices.append(.noCarryOver(dataYear: dataYear, year: year)) }
            table.title = []
            table.rows = source.rows.map { row in
                var r = Row(id: row.id, kind: row.kind, stt: row.stt, name: row.name, unit: row.unit, direction: row.direction)
                guard kind == .nextPeriod else { return r }
                var cells = CellMap()
                for column in template.columns {
                    guard let from = column.carry, let cell = row.cells[from] else { continue }
                    if termEnded && Self.isTermBound(column) { continue }
                    cells[column.id] = cell
                }
                r.cells = cells
                return r
            }
        }
        let slots = slotIDs(count: extraRows, tableID: table.id, taken: Set(table.rows.map(\.id)))
        table.rows += slots.map { Row(id: $0) }
        return FillablePlan(template: template, report: report, table: table, slotRowIDs: slots, source: kind, sourceYear: dataYear, notices: notices)
    }

    /// True when the column's header names the congress term or its plan period.
    static func isTermBound(_ column: Column) -> Bool {
        let names = PlaceholderValues.names(in: column.header) ?? []
        return names.contains { ["term_start", "term_end", "plan_start", "plan_end"].contains($0) }
    }

    /// `bieu-01-slot-001`, … skipping ids already taken.
    static func slotIDs(count: Int, tableID: String, taken: Set<String>) -> [String] {
        var ids: [String] = []
        var n = 1
        while ids.count < count {
            let id = "\(tableID)-slot-" + String(repeating: "0", count: max(0, 3 - String(n).count)) + String(n)
            if !taken.contains(id) { ids.append(id) }
            n += 1
        }
        return ids
    }
}

/// Something worth telling the person who makes a workbook. Nothing is wrong;
/// the workbook is written.
public enum FillableNotice: Sendable, Hashable, UserFacingError {
    /// The workbook's year is past the data's congress term: term targets are not carried.
    case termEnded(start: Int, end: Int, year: Int)
    /// The data is more than one year older than the workbook: only the rows are carried.
    case noCarryOver(dataYear: Int, year: Int)
    /// A printed computed value disagrees with its numbers (or cannot be recomputed): it stays as an input cell.
    case computedKept(sheet: String, cell: CellAddress, rowID: String, columnID: String, text: String)

    public func message(_ language: Language) -> String {
        switch (self, language) {
        case let (.termEnded(s, e, y), .vi):
            return "Năm \(y) đã qua nhiệm kỳ \(s)-\(e) của dữ liệu: không chuyển các cột theo nhiệm kỳ (mục tiêu Nghị quyết, giai đoạn); tiêu đề để trống năm nhiệm kỳ."
        case let (.termEnded(s, e, y), .en):
            return "\(y) is past the data's term \(s)-\(e): term columns (resolution targets, plan period) are not carried; the term is left blank in headers."
        case let (.noCarryOver(d, y), .vi):
            return "Dữ liệu là của năm \(d), biểu mẫu cho năm \(y): chỉ chuyển danh sách chỉ tiêu, không chuyển số liệu (chỉ chuyển số liệu từ năm liền trước)."
        case let (.noCarryOver(d, y), .en):
            return "The data is for \(d) and the workbook for \(y): only the indicator rows are carried, no values (values carry from the year before only)."
        case let (.computedKept(sheet, cell, row, column, text), .vi):
            return "\(sheet)!\(cell.a1) (dòng \(row), cột \(column)): số in \"\(text)\" không khớp hoặc không tính lại được từ số liệu; giữ nguyên trong ô để người điền sửa (không phải công thức)."
        case let (.computedKept(sheet, cell, row, column, text), .en):
            return "\(sheet)!\(cell.a1) (row \(row), column \(column)): the printed \"\(text)\" disagrees with, or cannot be recomputed from, its numbers; kept as an editable cell (no formula)."
        }
    }
}
