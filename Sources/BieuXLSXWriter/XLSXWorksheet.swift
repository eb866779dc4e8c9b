import BieuCore
import CXlsxWriter
import Foundation

/// One worksheet of an ``XLSXWorkbook``. Valid while its workbook is open.
public struct XLSXWorksheet {
    let pointer: UnsafeMutablePointer<lxw_worksheet>
    public let name: String
    unowned let workbook: XLSXWorkbook

    private func check(_ code: lxw_error, _ row: Int, _ col: Int) throws(XLSXWriteError) {
        guard code == LXW_NO_ERROR else {
            throw .cell(sheet: name, cell: CellAddress(row: row, column: col), reason: XLSXWriteError.reason(code))
        }
    }

    private func check(_ code: lxw_error, what: String) throws(XLSXWriteError) {
        try check(code, what: Bilingual(vi: what, en: what))
    }

    private func check(_ code: lxw_error, what: Bilingual) throws(XLSXWriteError) {
        guard code == LXW_NO_ERROR else { throw .operation(sheet: name, what: what, reason: XLSXWriteError.reason(code)) }
    }

    private static func inRange(_ row: Int, _ col: Int) -> Bool {
        row >= 0 && row < CellAddress.maxRows && col >= 0 && col < CellAddress.maxColumns
    }

    /// Writes text as a string cell (never interpreted as a number or formula).
    public func writeString(_ row: Int, _ col: Int, _ text: String, _ format: XLSXFormat?) throws(XLSXWriteError) {
        guard Self.inRange(row, col) else { try check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, row, col); return }
        if text.isEmpty {
            try check(worksheet_write_blank(pointer, lxw_row_t(row), lxw_col_t(col), format?.pointer), row, col)
            return
        }
        try check(worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(col), XLSXWorksheet.cSafe(text), format?.pointer), row, col)
    }

    /// Writes a number cell.
    public func writeNumber(_ row: Int, _ col: Int, _ value: Double, _ format: XLSXFormat?) throws(XLSXWriteError) {
        guard Self.inRange(row, col) else { try check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, row, col); return }
        try check(worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(col), value, format?.pointer), row, col)
    }

    /// Writes a formula (with or without the leading `=`) and its cached numeric result.
    public func writeFormula(_ row: Int, _ col: Int, _ formula: String, cachedNumber: Double, _ format: XLSXFormat?) throws(XLSXWriteError) {
        guard Self.inRange(row, col) else { try check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, row, col); return }
        try check(worksheet_write_formula_num(pointer, lxw_row_t(row), lxw_col_t(col), formula, format?.pointer, cachedNumber), row, col)
    }

    /// Writes a formula and its cached text result (use `""` for an empty result).
    public func writeFormula(_ row: Int, _ col: Int, _ formula: String, cachedText: String, _ format: XLSXFormat?) throws(XLSXWriteError) {
        guard Self.inRange(row, col) else { try check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, row, col); return }
        try check(worksheet_write_formula_str(pointer, lxw_row_t(row), lxw_col_t(col), formula, format?.pointer, XLSXWorksheet.cSafe(cachedText)), row, col)
    }

    /// Writes a blank cell carrying a format (borders on empty cells).
    public func writeBlank(_ row: Int, _ col: Int, _ format: XLSXFormat?) throws(XLSXWriteError) {
        guard Self.inRange(row, col) else { try check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, row, col); return }
        try check(worksheet_write_blank(pointer, lxw_row_t(row), lxw_col_t(col), format?.pointer), row, col)
    }

    /// Merges a range and writes text into it.
    public func merge(_ range: CellRange, _ text: String, _ format: XLSXFormat?) throws(XLSXWriteError) {
        if range.rowCount == 1 && range.columnCount == 1 {
            try writeString(range.start.row, range.start.column, text, format)
            return
        }
        try check(worksheet_merge_range(pointer, lxw_row_t(range.start.row), lxw_col_t(range.start.column),
                                        lxw_row_t(range.end.row), lxw_col_t(range.end.column), XLSXWorksheet.cSafe(text), format?.pointer),
                  what: Bilingual(vi: "gộp ô \(range.a1)", en: "merge \(range.a1)"))
    }

    /// Records a merged range whose cells the caller writes itself, row by row:
    /// the way to merge in constant-memory mode, where ``merge(_:_:_:)`` cannot
    /// merge areas sharing rows with areas written before.
    public func addMergedRange(_ range: CellRange) throws(XLSXWriteError) {
        guard range.rowCount > 1 || range.columnCount > 1 else { return }
        try check(bieu_worksheet_add_merged_range(pointer, lxw_row_t(range.start.row), lxw_col_t(range.start.column),
                                                  lxw_row_t(range.end.row), lxw_col_t(range.end.column)),
                  what: Bilingual(vi: "gộp ô \(range.a1)", en: "merge \(range.a1)"))
    }

    /// Column width (Excel character units) and optional default format / hidden state.
    public func setColumns(_ first: Int, _ last: Int, width: Double, format: XLSXFormat? = nil, hidden: Bool = false) throws(XLSXWriteError) {
        if hidden {
            var opts = lxw_row_col_options()
            opts.hidden = 1
            try check(worksheet_set_column_opt(pointer, lxw_col_t(first), lxw_col_t(last), width, format?.pointer, &opts), what: Bilingual(vi: "đặt độ rộng cột", en: "set column width"))
        } else {
            try check(worksheet_set_column(pointer, lxw_col_t(first), lxw_col_t(last), width, format?.pointer), what: Bilingual(vi: "đặt độ rộng cột", en: "set column width"))
        }
    }

    /// Row height in points.
    public func setRow(_ row: Int, height: Double, format: XLSXFormat? = nil, hidden: Bool = false) throws(XLSXWriteError) {
        if hidden {
            var opts = lxw_row_col_options()
            opts.hidden = 1
            try check(worksheet_set_row_opt(pointer, lxw_row_t(row), height, format?.pointer, &opts), what: Bilingual(vi: "đặt chiều cao dòng", en: "set row height"))
        } else {
            try check(worksheet_set_row(pointer, lxw_row_t(row), height, format?.pointer), what: Bilingual(vi: "đặt chiều cao dòng", en: "set row height"))
        }
    }

    // MARK: Page setup

    public func setLandscape() { worksheet_set_landscape(pointer) }
    public func setPortrait() { worksheet_set_portrait(pointer) }
    /// Paper size index: 9 = A4, 8 = A3.
    public func setPaper(_ index: UInt8) { worksheet_set_paper(pointer, index) }
    /// Margins in inches.
    public func setMargins(left: Double, right: Double, top: Double, bottom: Double) {
        worksheet_set_margins(pointer, left, right, top, bottom)
    }
    /// Rows printed at the top of every page.
    public func repeatRows(_ first: Int, _ last: Int) throws(XLSXWriteError) {
        try check(worksheet_repeat_rows(pointer, lxw_row_t(first), lxw_row_t(last)), what: Bilingual(vi: "lặp dòng tiêu đề khi in", en: "repeat header rows"))
    }
    /// Scale to `width` pages wide and `height` tall (0 = as many as needed).
    public func fitToPages(width: UInt16, height: UInt16) { worksheet_fit_to_pages(pointer, width, height) }
    public func freezePanes(row: Int, column: Int) { worksheet_freeze_panes(pointer, lxw_row_t(row), lxw_col_t(column)) }
    public func centerHorizontally() { worksheet_center_horizontally(pointer) }
    /// Page footer in Excel's header/footer syntax (`&CTrang &P/&N`).
    public func setFooter(_ text: String) throws(XLSXWriteError) {
        try check(worksheet_set_footer(pointer, text), what: Bilingual(vi: "đặt chân trang", en: "set footer"))
    }
    public func hide() { worksheet_hide(pointer) }
    public func activate() { worksheet_activate(pointer) }
    public func hideGridlines() { worksheet_gridlines(pointer, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue)) }

    /// libxlsxwriter takes C strings: an embedded NUL would cut the text short, so it is dropped.
    static func cSafe(_ s: String) -> String {
        s.utf8.contains(0) ? String(decoding: s.utf8.filter { $0 != 0 }, as: UTF8.self) : s
    }
}
