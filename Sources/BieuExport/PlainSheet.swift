import BieuCore
import BieuXLSXWriter

/// A plain list sheet: a bold header line, then one line per item, numbers as
/// numbers, thin borders, frozen header — for the sheets beside an annex table
/// (a round's status, the unit × indicator sheet of a consolidation, findings).
public struct PlainSheet: Sendable {
    public enum Value: Sendable, Hashable { case text(String), number(Double) }

    public var name: String
    public var header: [String]
    public var lines: [[Value]]
    /// Column widths in Excel character units (missing: 12).
    public var widths: [Double]
    public var font: String

    public init(name: String, header: [String], lines: [[Value]], widths: [Double] = [], font: String = "Times New Roman") {
        self.name = name; self.header = header; self.lines = lines; self.widths = widths; self.font = font
    }

    /// Adds the sheet to an open workbook.
    public func write(to workbook: XLSXWorkbook) throws {
        let sheet = try workbook.addWorksheet(name)
        var spec = XLSXFormatSpec()
        spec.fontName = font
        spec.border = true
        spec.wrap = true
        let plain = workbook.format(spec)
        spec.bold = true
        let bold = workbook.format(spec)
        for (c, h) in header.enumerated() { try sheet.writeString(0, c, h, bold) }
        for (r, line) in lines.enumerated() {
            for (c, v) in line.enumerated() {
                switch v {
                case .text(let s): try sheet.writeString(r + 1, c, s, plain)
                case .number(let d): try sheet.writeNumber(r + 1, c, d, plain)
                }
            }
        }
        for c in 0..<header.count { try sheet.setColumns(c, c, width: c < widths.count ? widths[c] : 12) }
        sheet.freezePanes(row: 1, column: 0)
    }

    /// A workbook of these sheets alone, written atomically.
    public static func writeWorkbook(_ sheets: [PlainSheet], to path: String) throws {
        let workbook = try XLSXWorkbook(path: path)
        for s in sheets { try s.write(to: workbook) }
        try workbook.close()
    }
}
