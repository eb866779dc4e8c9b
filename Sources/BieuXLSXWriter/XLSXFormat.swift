import CXlsxWriter

/// A cell format, described by value. The workbook turns each distinct
/// description into one libxlsxwriter format and reuses it.
public struct XLSXFormatSpec: Hashable, Sendable {
    public enum HAlign: Sendable { case general, left, center, right }
    public enum VAlign: Sendable { case top, center, bottom }

    public var fontName: String = "Times New Roman"
    public var fontSize: Double = 12
    public var bold = false
    public var italic = false
    public var horizontal: HAlign = .general
    public var vertical: VAlign = .center
    public var wrap = false
    /// Thin border on all four sides (less the open sides below).
    public var border = false
    /// No top border: the cell continues the one above (a row split over several physical rows).
    public var openTop = false
    /// No bottom border: the cell continues on the row below.
    public var openBottom = false
    /// Excel number format code (`#,##0.0`), nil for General.
    public var numberFormat: String?
    /// Cell stays editable when the sheet is protected.
    public var unlocked = false
    /// Solid fill colour, 0xRRGGBB.
    public var fill: UInt32?
    /// Font colour, 0xRRGGBB.
    public var fontColor: UInt32?

    public init() {}
}

/// A format registered in a workbook. Valid while the workbook is open.
public struct XLSXFormat: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<lxw_format>

    static func make(in workbook: UnsafeMutablePointer<lxw_workbook>, _ spec: XLSXFormatSpec) -> XLSXFormat? {
        guard let f = workbook_add_format(workbook) else { return nil }
        format_set_font_name(f, spec.fontName)
        format_set_font_size(f, spec.fontSize)
        if spec.bold { format_set_bold(f) }
        if spec.italic { format_set_italic(f) }
        switch spec.horizontal {
        case .general: break
        case .left: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        switch spec.vertical {
        case .top: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        }
        if spec.wrap { format_set_text_wrap(f) }
        if spec.border {
            let thin = UInt8(LXW_BORDER_THIN.rawValue)
            format_set_left(f, thin)
            format_set_right(f, thin)
            if !spec.openTop { format_set_top(f, thin) }
            if !spec.openBottom { format_set_bottom(f, thin) }
        }
        if let nf = spec.numberFormat { format_set_num_format(f, nf) }
        if spec.unlocked { format_set_unlocked(f) }
        if let fill = spec.fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, fill)
        }
        if let c = spec.fontColor { format_set_font_color(f, c) }
        return XLSXFormat(pointer: f)
    }
}
