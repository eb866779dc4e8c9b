import BieuCore
import CXlsxWriter
import Foundation

/// How a conditional format shows a cell whose rule is true: fill and font only
/// (a differential format — everything else stays as the cell's own format).
public struct XLSXHighlight: Sendable, Hashable {
    /// Solid fill colour, 0xRRGGBB.
    public var fill: UInt32?
    /// Font colour, 0xRRGGBB.
    public var fontColor: UInt32?
    public var bold: Bool

    public init(fill: UInt32? = nil, fontColor: UInt32? = nil, bold: Bool = false) {
        self.fill = fill
        self.fontColor = fontColor
        self.bold = bold
    }
}

extension XLSXWorkbook {
    /// The differential format for a highlight (created once, then reused).
    func highlightFormat(_ h: XLSXHighlight) -> XLSXFormat {
        if let f = highlights[h] { return f }
        let f = workbook_add_format(pointer)!
        if let fill = h.fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, fill)
        }
        if let c = h.fontColor { format_set_font_color(f, c) }
        if h.bold { format_set_bold(f) }
        let format = XLSXFormat(pointer: f)
        highlights[h] = format
        return format
    }
}

extension XLSXWorksheet {
    /// Longest list of ranges (`F8 F10:F21 …`) one conditional format takes: libxlsxwriter 1.1.4
    /// refuses longer ones. Split longer lists, writing the formula for each part's first cell.
    public static let maxConditionalRangeListLength = 2_000

    /// Highlights cells of `ranges` where `formula` is true.
    ///
    /// The formula is written for the first cell of the first range; relative
    /// references shift for every other cell (Excel's rule), so `F12` in a rule
    /// on `F12:F40 F45:F50` means "this row's F".
    public func conditionalFormat(_ ranges: [CellRange], formula: String, highlight: XLSXHighlight, stopIfTrue: Bool = false) throws(XLSXWriteError) {
        guard let first = ranges.first else { return }
        for r in ranges where !(r.start.isWithinExcelLimits && r.end.isWithinExcelLimits) {
            throw .cell(sheet: name, cell: r.start, reason: XLSXWriteError.reason(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE))
        }
        let body = formula.hasPrefix("=") ? formula : "=" + formula
        let multi = ranges.count > 1 ? ranges.map(\.a1).joined(separator: " ") : nil
        if let multi, multi.utf8.count > Self.maxConditionalRangeListLength {
            throw .operation(sheet: name, what: Bilingual(vi: "đặt định dạng có điều kiện cho \(first.a1)", en: "add a conditional format to \(first.a1)"),
                             reason: Bilingual(vi: "danh sách vùng dài quá \(Self.maxConditionalRangeListLength) ký tự; hãy chia nhỏ",
                                               en: "the list of ranges is longer than \(Self.maxConditionalRangeListLength) characters; split it"))
        }
        var cf = lxw_conditional_format()
        cf.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
        cf.format = workbook.highlightFormat(highlight).pointer
        cf.stop_if_true = stopIfTrue ? 1 : 0
        let code: lxw_error = body.withCString { b in
            cf.value_string = UnsafeMutablePointer(mutating: b)
            if let multi {
                return multi.withCString { m in
                    cf.multi_range = UnsafeMutablePointer(mutating: m)
                    return worksheet_conditional_format_range(pointer, lxw_row_t(first.start.row), lxw_col_t(first.start.column),
                                                              lxw_row_t(first.end.row), lxw_col_t(first.end.column), &cf)
                }
            }
            return worksheet_conditional_format_range(pointer, lxw_row_t(first.start.row), lxw_col_t(first.start.column),
                                                      lxw_row_t(first.end.row), lxw_col_t(first.end.column), &cf)
        }
        guard code == LXW_NO_ERROR else {
            throw .operation(sheet: name, what: Bilingual(vi: "đặt định dạng có điều kiện cho \(first.a1)", en: "add a conditional format to \(first.a1)"),
                             reason: XLSXWriteError.reason(code))
        }
    }

    /// An autofilter over a range (its first row holds the filter buttons).
    public func autofilter(_ range: CellRange) throws(XLSXWriteError) {
        let code = worksheet_autofilter(pointer, lxw_row_t(range.start.row), lxw_col_t(range.start.column),
                                        lxw_row_t(range.end.row), lxw_col_t(range.end.column))
        guard code == LXW_NO_ERROR else {
            throw .operation(sheet: name, what: Bilingual(vi: "đặt bộ lọc cho \(range.a1)", en: "add an autofilter to \(range.a1)"), reason: XLSXWriteError.reason(code))
        }
    }

    /// The range printed by default.
    public func printArea(_ range: CellRange) throws(XLSXWriteError) {
        let code = worksheet_print_area(pointer, lxw_row_t(range.start.row), lxw_col_t(range.start.column),
                                        lxw_row_t(range.end.row), lxw_col_t(range.end.column))
        guard code == LXW_NO_ERROR else {
            throw .operation(sheet: name, what: Bilingual(vi: "đặt vùng in \(range.a1)", en: "set the print area \(range.a1)"), reason: XLSXWriteError.reason(code))
        }
    }

    /// The selected cell when the sheet opens.
    public func select(_ cell: CellAddress) {
        worksheet_set_selection(pointer, lxw_row_t(cell.row), lxw_col_t(cell.column), lxw_row_t(cell.row), lxw_col_t(cell.column))
    }

    /// Tab colour, 0xRRGGBB.
    public func setTabColor(_ color: UInt32) { worksheet_set_tab_color(pointer, color) }

    /// Makes this the first visible tab (when earlier sheets are hidden).
    public func setFirstSheet() { worksheet_set_first_sheet(pointer) }

    /// Shows the sheet in Page Layout view.
    public func setPageView() { worksheet_set_page_view(pointer) }

    /// Vertical centring on the printed page.
    public func centerVertically() { worksheet_center_vertically(pointer) }
}
