import BieuCore
import BieuModel
import BieuTemplates
import BieuXLSXWriter
import Foundation

/// Colours of a staff workbook (also explained on the Hướng dẫn sheet).
public enum FillableColors {
    /// Vàng nhạt — cells to fill.
    public static let input: UInt32 = 0xFFF2CC
    /// Xanh nhạt — computed automatically.
    public static let derived: UInt32 = 0xDDEBF7
    /// Cam — a required cell still empty.
    public static let missing: UInt32 = 0xF8CBAD
    /// Đỏ nhạt, chữ đỏ sẫm — to check: an implausible ratio, an assessment or printed ratio that disagrees.
    public static let check: UInt32 = 0xFFC7CE
    public static let checkFont: UInt32 = 0x9C0006
}

/// The dropdown list of assessment columns.
enum AssessmentList {
    static let name = "danh_gia"
    static let definedName = "bieu_list_danh_gia"
    static let items = [Status.met.label, Status.exceeded.label, Status.notMet.label, Status.failed.label]
}

/// The dropdown offered for Đơn vị tính on empty rows: the units the data
/// already uses (most used first), then common ones. A suggestion: any unit may be typed.
enum UnitList {
    static let name = "don_vi"
    static let definedName = "bieu_list_don_vi"
    static let common = ["%", "‰", "ha", "tấn", "tỷ đồng", "triệu đồng", "km", "hộ", "người", "lượt người",
                         "xã", "thôn, bản", "trường", "cơ sở", "CLB", "sản phẩm", "công trình", "tiêu chí"]
    static let maxItems = 60

    static func items(_ table: AnnexTable) -> [String] {
        var count: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        for (i, row) in table.rows.enumerated() where !row.unit.isEmpty && row.unit.count <= 40 {
            count[row.unit, default: 0] += 1
            if firstSeen[row.unit] == nil { firstSeen[row.unit] = i }
        }
        var out = count.keys.sorted { (count[$0]!, -firstSeen[$0]!) > (count[$1]!, -firstSeen[$1]!) }
        var seen = Set(out.map { VietnameseText.foldKey($0) })
        for unit in common where !seen.contains(VietnameseText.foldKey(unit)) {
            out.append(unit)
            seen.insert(VietnameseText.foldKey(unit))
        }
        return Array(out.prefix(maxItems))
    }
}

/// Data validations and conditional formats of a staff workbook's table.
///
/// Why the alerts are mostly warnings, not stops: value columns legitimately
/// hold more than plain numbers (`>90`, `16/19`, `HTTNV`, a sentence), and a
/// person who has the right text in hand must never be blocked from typing
/// it. A warning asks once ("Yes" keeps the entry); the import reads every
/// form. Only limits that no legitimate entry breaks stop the entry (the
/// length of a note).
struct FillableRules {
    let plan: FillablePlan
    let rendered: RenderedTable
    let cells: FillableCells

    var layout: TableLayout { rendered.layout }
    var template: Template { plan.template }

    // MARK: Validations

    /// Each validation with the cells it applies to, runs of rows merged.
    func validations() -> [(XLSXDataValidation, [CellRange])] {
        var byRule: [XLSXDataValidation: [CellAddress]] = [:]
        var order: [XLSXDataValidation] = []
        let slots = Set(plan.slotRowIDs)
        for (i, dataRow) in rendered.rows.enumerated() {
            let row = rendered.table.rows[i]
            for (c, column) in layout.columns.enumerated() where cells.roles[i][c] == .input {
                let v = validation(column: column, row: row, isSlot: slots.contains(row.id))
                if byRule[v] == nil { order.append(v) }
                byRule[v, default: []].append(CellAddress(row: dataRow.sheetRow, column: c))
            }
        }
        return order.map { ($0, Self.runs(byRule[$0]!)) }
    }

    /// Vertical runs of addresses (same column, consecutive rows) as ranges.
    static func runs(_ addresses: [CellAddress]) -> [CellRange] {
        let sorted = addresses.sorted { ($0.column, $0.row) < ($1.column, $1.row) }
        var out: [CellRange] = []
        for a in sorted {
            if let last = out.last, last.end.column == a.column, last.end.row + 1 == a.row {
                out[out.count - 1] = CellRange(last.start, a)
            } else {
                out.append(CellRange(a, a))
            }
        }
        return out
    }

    func header(_ column: Column) -> String { layout.values.fill(column.header).replacingOccurrences(of: "\n", with: " ") }

    func help(_ column: Column) -> String? {
        column.help.map { layout.values.fill($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    func sentence(_ parts: [String?]) -> String { parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ") }

    /// True when the row shows numbers where this column's value should be compared: the
    /// cell itself, or another value cell of the row, holds a number.
    func expectsNumber(_ column: Column, row: Row) -> Bool {
        if column.minimum != nil || column.maximum != nil { return true }
        func numeric(_ cell: Cell?) -> Bool {
            guard let cell else { return false }
            if cell.value.numericValue != nil { return true }
            if case .ambiguous = cell.value { return true }
            return false
        }
        if let own = row.cells[column.id] { return numeric(own) }
        return template.columns.contains { $0.kind == .value && $0.id != column.id && numeric(row.cells[$0.id]) }
    }

    func validation(column: Column, row: Row, isSlot: Bool) -> XLSXDataValidation {
        let title = header(column)
        let unit = row.unit.isEmpty ? nil : "Đơn vị: \(row.unit)."
        switch column.field {
        case .stt:
            return XLSXDataValidation(rule: .any, inputTitle: title, inputMessage: "Số thứ tự như trong biểu: A, B (mục lớn), I, II, 1, 2, 1.1 hoặc dấu - (ý nhỏ). Chỉ tiêu thuộc nhóm ở trên thì có thể để trống.")
        case .name:
            return XLSXDataValidation(rule: .any, inputTitle: title, inputMessage: "Tên chỉ tiêu, ghi đủ dấu tiếng Việt. Mỗi chỉ tiêu một dòng; dòng mục lớn chỉ ghi STT và tên.")
        case .unit:
            return XLSXDataValidation(rule: .listFormula("=" + UnitList.definedName), alert: .information, inputTitle: title,
                                      inputMessage: "Chọn đơn vị tính trong danh sách (mũi tên bên phải ô) hoặc gõ đơn vị khác.",
                                      errorTitle: "Đơn vị ngoài danh sách",
                                      errorMessage: "Đơn vị này không có trong danh sách. Bấm OK để giữ nguyên nếu đúng.")
        case .note:
            let text = sentence([help(column) ?? "Ghi chú ngắn (không bắt buộc).", column.maxLength.map { "Tối đa \($0) ký tự." }])
            if let n = column.maxLength {
                return XLSXDataValidation(rule: .maximumLength(n), alert: .stop, inputTitle: title, inputMessage: text,
                                          errorTitle: "Ghi chú quá dài",
                                          errorMessage: "Ô này nhận tối đa \(n) ký tự. Hãy viết ngắn lại, phần chi tiết đưa vào văn bản báo cáo.")
            }
            return XLSXDataValidation(rule: .any, inputTitle: title, inputMessage: text)
        case .cell:
            break
        }
        switch column.kind {
        case .assessment:
            let ratio = column.assessment.flatMap { template.column($0.from) }.map(header)
            let suggestion = ratio.map { "Ô có sẵn gợi ý tự tính theo cột \"\($0)\"; giữ nguyên, hoặc chọn lại nếu đánh giá khác." }
            return XLSXDataValidation(rule: .listFormula("=" + AssessmentList.definedName), alert: .warning, inputTitle: title,
                                      inputMessage: sentence([help(column), suggestion]),
                                      errorTitle: "Đánh giá ngoài danh sách",
                                      errorMessage: "Nên chọn trong danh sách: \(AssessmentList.items.joined(separator: ", ")). Nếu đúng là cần ghi khác (ví dụ \"Đạt 99% chỉ tiêu NQ\"), chọn Yes (Có) để giữ nguyên.")
        case .computed:
            return XLSXDataValidation(rule: .any, inputTitle: title,
                                      inputMessage: sentence([help(column), "Số này có sẵn từ báo cáo nhưng không tính lại được từ số liệu của dòng (hoặc không khớp). Sửa lại nếu cần."]))
        case .text:
            let text = sentence([help(column), unit, column.maxLength.map { "Tối đa \($0) ký tự." }])
            if let n = column.maxLength {
                return XLSXDataValidation(rule: .maximumLength(n), alert: .stop, inputTitle: title, inputMessage: text,
                                          errorTitle: "Nội dung quá dài", errorMessage: "Ô này nhận tối đa \(n) ký tự. Hãy viết ngắn lại.")
            }
            return XLSXDataValidation(rule: .any, inputTitle: title, inputMessage: text)
        case .value:
            if !isSlot && expectsNumber(column, row: row) {
                let lo = column.minimum, hi = column.maximum
                var range = ""
                switch (lo, hi) {
                case let (l?, h?): range = " từ \(DecimalFormatting.vietnamese(l)) đến \(DecimalFormatting.vietnamese(h))"
                case let (l?, nil): range = " không nhỏ hơn \(DecimalFormatting.vietnamese(l))"
                case let (nil, h?): range = " không lớn hơn \(DecimalFormatting.vietnamese(h))"
                case (nil, nil): break
                }
                return XLSXDataValidation(
                    rule: .decimal(minimum: lo.map { NSDecimalNumber(decimal: $0).doubleValue }, maximum: hi.map { NSDecimalNumber(decimal: $0).doubleValue }),
                    alert: .warning, inputTitle: title,
                    inputMessage: sentence([help(column), unit, "Gõ số, phần thập phân sau dấu phẩy (31,4); không cần dấu chấm nghìn."]),
                    errorTitle: "Kiểm tra lại số liệu",
                    errorMessage: "Ô này thường ghi một số\(range), ví dụ 31,4. Nếu đúng là cần ghi dạng khác (>90, 16/19, HTTNV, một câu…), chọn Yes (Có) để giữ nguyên; chọn No (Không) để sửa.")
            }
            return XLSXDataValidation(rule: .any, inputTitle: title,
                                      inputMessage: sentence([help(column), unit, "Ghi số (31,4) hoặc nội dung như >90, 16/19, HTTNV, một câu."]))
        }
    }

    // MARK: Conditional formats

    struct Highlight {
        var ranges: [CellRange]
        /// The rule's formula written for an anchor cell (the first cell of the first range it is applied to).
        var formula: (CellAddress) -> String
        var style: XLSXHighlight

        /// The rule split into pieces whose range lists stay within libxlsxwriter's limit,
        /// each with its formula written for its own first cell.
        func pieces() -> [(ranges: [CellRange], formula: String)] {
            var out: [(ranges: [CellRange], formula: String)] = []
            var current: [CellRange] = []
            var length = 0
            for r in ranges {
                let n = r.a1.count + 1
                if !current.isEmpty && length + n > XLSXWorksheet.maxConditionalRangeListLength {
                    out.append((current, formula(current[0].start)))
                    current = []
                    length = 0
                }
                current.append(r)
                length += n
            }
            if !current.isEmpty { out.append((current, formula(current[0].start))) }
            return out
        }
    }

    static let missingStyle = XLSXHighlight(fill: FillableColors.missing)
    static let checkStyle = XLSXHighlight(fill: FillableColors.check, fontColor: FillableColors.checkFont)

    func a1(_ row: Int, _ column: Int) -> String { CellAddress(row: row, column: column).a1 }

    func highlights() -> [Highlight] {
        var out: [Highlight] = []
        let slots = Set(plan.slotRowIDs)
        let columns = layout.columns
        let nameColumn = columns.firstIndex { $0.field == .name }
        // Required cells still empty: on value rows; on slots once a name is typed.
        for (c, column) in columns.enumerated() where column.required {
            var filled: [CellAddress] = [], typed: [CellAddress] = []
            for (i, dataRow) in rendered.rows.enumerated() where cells.roles[i][c] == .input {
                let row = rendered.table.rows[i]
                if slots.contains(row.id) { typed.append(CellAddress(row: dataRow.sheetRow, column: c)) }
                else if TableGrid.isValueRow(row.kind) { filled.append(CellAddress(row: dataRow.sheetRow, column: c)) }
            }
            let f = Self.runs(filled), t = Self.runs(typed)
            if !f.isEmpty {
                out.append(Highlight(ranges: f, formula: { "LEN(TRIM(\($0.a1)))=0" }, style: Self.missingStyle))
            }
            if !t.isEmpty, let nameColumn {
                let nameLetters = CellAddress.columnLetters(nameColumn)
                out.append(Highlight(ranges: t, formula: { "AND(LEN(TRIM($\(nameLetters)\($0.row + 1)))>0,LEN(TRIM(\($0.a1)))=0)" }, style: Self.missingStyle))
            }
        }
        // Ratios outside their plausible range.
        for (c, column) in columns.enumerated() where column.kind == .computed && (column.plausibleMinimum != nil || column.plausibleMaximum != nil) {
            var at: [CellAddress] = []
            for (i, dataRow) in rendered.rows.enumerated() where cells.roles[i][c] != .fixed {
                at.append(CellAddress(row: dataRow.sheetRow, column: c))
            }
            let r = Self.runs(at)
            guard !r.isEmpty else { continue }
            let lo = column.plausibleMinimum, hi = column.plausibleMaximum
            out.append(Highlight(ranges: r, formula: { anchor in
                let x = anchor.a1
                var tests: [String] = []
                if let lo { tests.append("\(x)<\(DecimalFormatting.plain(lo))") }
                if let hi { tests.append("\(x)>\(DecimalFormatting.plain(hi))") }
                let outside = tests.count == 1 ? tests[0] : "OR(" + tests.joined(separator: ",") + ")"
                return "AND(ISNUMBER(\(x)),\(outside))"
            }, style: Self.checkStyle))
        }
        // An assessment from the list that disagrees with its ratio.
        for (c, column) in columns.enumerated() where column.kind == .assessment {
            guard let rule = column.assessment, let ratioColumn = layout.index(of: rule.from) else { continue }
            var at: [CellAddress] = []
            for (i, dataRow) in rendered.rows.enumerated() where cells.roles[i][c] == .input {
                at.append(CellAddress(row: dataRow.sheetRow, column: c))
            }
            let r = Self.runs(at)
            guard !r.isEmpty else { continue }
            out.append(Highlight(ranges: r, formula: { anchor in
                let cell = anchor.a1, ratio = CellAddress(row: anchor.row, column: ratioColumn).a1
                let implied = Formulas.assessment(rule, ratioRef: ratio)
                let listed = "OR(" + AssessmentList.items.map { "\(cell)=\"\($0)\"" }.joined(separator: ",") + ")"
                let equivalent = "AND(\(cell)=\"\(Status.failed.label)\",\(implied)=\"\(Status.notMet.label)\")"
                return "AND(COUNT(\(ratio))=1,\(listed),\(cell)<>\(implied),NOT(\(equivalent)))"
            }, style: Self.checkStyle))
        }
        // Printed ratios kept as typed values that the row's numbers contradict.
        for k in cells.kept {
            let sheetRow = rendered.rows[k.row].sheetRow
            let ref: (String) -> String = { id in layout.index(of: id).map { CellAddress(row: sheetRow, column: $0).a1 } ?? "#REF!" }
            let refs = k.expression.references.map(ref)
            let cell = a1(sheetRow, k.column)
            let formula = "AND(COUNT(\(refs.joined(separator: ",")))=\(refs.count),ISNUMBER(\(cell)),IFERROR(ROUND(\(k.expression.excel(ref)),\(k.decimals))<>\(cell),FALSE))"
            out.append(Highlight(ranges: [CellRange(CellAddress(row: sheetRow, column: k.column), CellAddress(row: sheetRow, column: k.column))],
                                 formula: { _ in formula }, style: Self.checkStyle))
        }
        return out
    }
}
