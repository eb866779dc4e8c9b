import BieuCore
import CXlsxWriter
import Foundation

/// A data validation: what a cell accepts, the message shown when the cell is
/// selected, and the alert shown when an entry breaks the rule.
///
/// Excel's limits are applied here rather than failing the whole workbook:
/// titles are cut to 32 characters and messages to 255 (with `…`), and an
/// inline list longer than 255 characters is refused with an error.
public struct XLSXDataValidation: Sendable, Hashable {
    public enum Rule: Sendable, Hashable {
        /// Anything; only the input message is shown.
        case any
        /// A decimal number; nil bounds are open.
        case decimal(minimum: Double?, maximum: Double?)
        /// A whole number; nil bounds are open.
        case integer(minimum: Double?, maximum: Double?)
        /// One of the listed texts, offered in a dropdown (at most 255 characters with separators).
        case list([String])
        /// One of the values of a range or defined name (`=bieu_list_danh_gia`), offered in a dropdown.
        case listFormula(String)
        /// Text of at most this many characters.
        case maximumLength(Int)
        /// A formula that must be true (relative references are relative to the range's first cell).
        case custom(String)
    }

    /// What happens when an entry breaks the rule.
    public enum Alert: Sendable, Hashable {
        /// The entry is refused (Retry / Cancel).
        case stop
        /// The person is asked and may keep the entry (Yes / No / Cancel).
        case warning
        /// The person is told and the entry is kept (OK / Cancel).
        case information
    }

    public var rule: Rule
    public var alert: Alert
    /// Blank cells are always accepted.
    public var ignoreBlank: Bool
    /// Show the dropdown arrow for list rules.
    public var dropdown: Bool
    public var inputTitle: String?
    public var inputMessage: String?
    public var errorTitle: String?
    public var errorMessage: String?

    public init(rule: Rule, alert: Alert = .stop, ignoreBlank: Bool = true, dropdown: Bool = true,
                inputTitle: String? = nil, inputMessage: String? = nil, errorTitle: String? = nil, errorMessage: String? = nil) {
        self.rule = rule
        self.alert = alert
        self.ignoreBlank = ignoreBlank
        self.dropdown = dropdown
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
    }

    /// Excel's limit on validation titles, in characters.
    public static let maxTitleLength = 32
    /// Excel's limit on validation messages and inline lists, in characters.
    public static let maxMessageLength = 255

    /// The text cut to `limit` characters (Unicode scalars, as libxlsxwriter counts), ending in `…` when cut.
    public static func fit(_ text: String, limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit, limit > 1 else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars.prefix(limit - 1))
        out.append("…")
        return String(out)
    }
}

extension XLSXWorksheet {
    /// Adds a data validation to a range.
    public func dataValidation(_ range: CellRange, _ validation: XLSXDataValidation) throws(XLSXWriteError) {
        guard range.start.isWithinExcelLimits, range.end.isWithinExcelLimits else {
            throw .cell(sheet: name, cell: range.start, reason: XLSXWriteError.reason(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE))
        }
        var strings: [UnsafeMutablePointer<CChar>] = []
        defer { for p in strings { free(p) } }
        func c(_ s: String) -> UnsafeMutablePointer<CChar> {
            let p = strdup(XLSXWorksheet.cSafe(s))!
            strings.append(p)
            return p
        }
        var dv = lxw_data_validation()
        var list: [UnsafeMutablePointer<CChar>?] = []
        func bounds(_ minimum: Double?, _ maximum: Double?) {
            switch (minimum, maximum) {
            case let (lo?, hi?):
                dv.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
                dv.minimum_number = lo
                dv.maximum_number = hi
            case let (lo?, nil):
                dv.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
                dv.value_number = lo
            case let (nil, hi?):
                dv.criteria = UInt8(LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
                dv.value_number = hi
            case (nil, nil):
                // Any number: Excel needs bounds, so use the widest a double shows exactly.
                dv.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
                dv.minimum_number = -1e15
                dv.maximum_number = 1e15
            }
        }
        switch validation.rule {
        case .any:
            dv.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        case let .decimal(lo, hi):
            dv.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            bounds(lo, hi)
        case let .integer(lo, hi):
            dv.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            bounds(lo, hi)
        case .list(let items):
            let total = items.reduce(0) { $0 + $1.unicodeScalars.count } + max(items.count - 1, 0)
            guard !items.isEmpty, total <= XLSXDataValidation.maxMessageLength, !items.contains(where: { $0.contains(",") || $0.contains("\"") }) else {
                throw .operation(sheet: name, what: Bilingual(vi: "đặt danh sách chọn cho \(range.a1)", en: "set a dropdown list on \(range.a1)"),
                                 reason: Bilingual(vi: "danh sách trống, dài quá 255 ký tự, hoặc có dấu phẩy/dấu nháy kép trong một mục",
                                                   en: "the list is empty, longer than 255 characters, or an item contains a comma or a double quote"))
            }
            dv.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            list = items.map { Optional(c($0)) } + [nil]
        case .listFormula(let f):
            dv.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            dv.value_formula = c(f)
        case .maximumLength(let n):
            dv.validate = UInt8(LXW_VALIDATION_TYPE_LENGTH.rawValue)
            dv.criteria = UInt8(LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
            dv.value_number = Double(max(n, 0))
        case .custom(let f):
            dv.validate = UInt8(LXW_VALIDATION_TYPE_CUSTOM_FORMULA.rawValue)
            dv.value_formula = c(f)
        }
        switch validation.alert {
        case .stop: dv.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
        case .warning: dv.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
        case .information: dv.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_INFORMATION.rawValue)
        }
        dv.ignore_blank = UInt8(validation.ignoreBlank ? LXW_VALIDATION_ON.rawValue : LXW_VALIDATION_OFF.rawValue)
        dv.dropdown = UInt8(validation.dropdown ? LXW_VALIDATION_ON.rawValue : LXW_VALIDATION_OFF.rawValue)
        dv.show_input = UInt8(validation.inputMessage == nil && validation.inputTitle == nil ? LXW_VALIDATION_OFF.rawValue : LXW_VALIDATION_ON.rawValue)
        dv.show_error = UInt8(validation.rule == .any ? LXW_VALIDATION_OFF.rawValue : LXW_VALIDATION_ON.rawValue)
        if let t = validation.inputTitle { dv.input_title = c(XLSXDataValidation.fit(t, limit: XLSXDataValidation.maxTitleLength)) }
        if let m = validation.inputMessage { dv.input_message = c(XLSXDataValidation.fit(m, limit: XLSXDataValidation.maxMessageLength)) }
        if let t = validation.errorTitle { dv.error_title = c(XLSXDataValidation.fit(t, limit: XLSXDataValidation.maxTitleLength)) }
        if let m = validation.errorMessage { dv.error_message = c(XLSXDataValidation.fit(m, limit: XLSXDataValidation.maxMessageLength)) }
        let code: lxw_error = list.withUnsafeMutableBufferPointer { buffer in
            if !buffer.isEmpty { dv.value_list = buffer.baseAddress }
            return worksheet_data_validation_range(pointer, lxw_row_t(range.start.row), lxw_col_t(range.start.column),
                                                   lxw_row_t(range.end.row), lxw_col_t(range.end.column), &dv)
        }
        guard code == LXW_NO_ERROR else {
            throw .operation(sheet: name, what: Bilingual(vi: "đặt kiểm tra dữ liệu cho \(range.a1)", en: "add data validation to \(range.a1)"),
                             reason: XLSXWriteError.reason(code))
        }
    }
}
