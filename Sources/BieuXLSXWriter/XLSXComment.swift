import BieuCore
import CXlsxWriter

extension XLSXWorksheet {
    /// Longest comment Excel accepts, in characters (libxlsxwriter's `LXW_STR_MAX`).
    public static let maxCommentLength = 32_767

    /// Attaches a comment (an Excel "note") to a cell: `worksheet_write_comment_opt`.
    ///
    /// - Parameters:
    ///   - row, column: the cell, zero-based.
    ///   - text: the note's text (longer than ``maxCommentLength`` characters is cut there, with `…`).
    ///   - author: shown by Excel in the status bar (nil: none).
    ///   - width, height: the note box in pixels (Excel's default is 128 × 74).
    /// The cell itself is not changed; a cell with no value gets a comment all the same.
    public func writeComment(_ row: Int, _ column: Int, _ text: String, author: String? = nil,
                             width: Int = 300, height: Int = 120) throws(XLSXWriteError) {
        guard row >= 0 && row < CellAddress.maxRows && column >= 0 && column < CellAddress.maxColumns else {
            throw .cell(sheet: name, cell: CellAddress(row: max(0, row), column: max(0, column)), reason: XLSXWriteError.reason(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE))
        }
        var body = XLSXWorksheet.cSafe(text)
        if body.count > Self.maxCommentLength { body = String(body.prefix(Self.maxCommentLength - 1)) + "…" }
        var options = lxw_comment_options()
        options.width = UInt16(clamping: width)
        options.height = UInt16(clamping: height)
        let code: lxw_error = (author.map(XLSXWorksheet.cSafe) ?? "").withCString { authorPointer in
            options.author = author == nil ? nil : UnsafeMutablePointer(mutating: authorPointer)
            return worksheet_write_comment_opt(pointer, lxw_row_t(row), lxw_col_t(column), body, &options)
        }
        guard code == LXW_NO_ERROR else {
            throw .cell(sheet: name, cell: CellAddress(row: row, column: column), reason: XLSXWriteError.reason(code))
        }
    }
}
