import BieuCore
import BieuXLSXWriter
import Foundation

/// Plain XLSX tables a round command writes (status), through BieuXLSXWriter (atomic at close).
public enum RoundWorkbooks {
    /// One sheet, a bold header line, then one line per item; numbers as numbers.
    public static func writeTable(sheetName: String, header: [String], lines: [[TableValue]], widths: [Double], to path: String) throws {
        do {
            // XLSXWorkbook writes beside the destination and renames at close: complete or absent.
            let workbook = try XLSXWorkbook(path: path)
            let sheet = try workbook.addWorksheet(sheetName)
            var spec = XLSXFormatSpec()
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
            for (c, w) in widths.enumerated() { try sheet.setColumns(c, c, width: w) }
            sheet.freezePanes(row: 1, column: 0)
            try workbook.close()
        }
    }

    public enum TableValue: Sendable { case text(String), number(Double) }

    public static func writeStatus(_ status: RoundStatus, to path: String, language: Language) throws {
        let vi = language == .vi
        let header = vi ? ["Mã đơn vị", "Đơn vị", "Tình trạng", "Số lần nộp", "Lỗi", "Cảnh báo", "Lần nộp cuối", "Tệp"]
                        : ["Unit id", "Unit", "Status", "Revisions", "Errors", "Warnings", "Last received", "File"]
        let lines: [[TableValue]] = status.lines.map { l in
            [.text(l.unit.id), .text(l.unit.name), .text(l.state.label(language)), .number(Double(l.revisions)),
             .number(Double(l.current?.errors ?? 0)), .number(Double(l.current?.warnings ?? 0)),
             .text(l.current.map { RoundStatus.time($0.receivedAt) } ?? ""), .text(l.current?.fileName ?? "")]
        }
        try writeTable(sheetName: vi ? "Tình hình nộp" : "Status", header: header, lines: lines,
                       widths: [16, 28, 14, 10, 8, 10, 22, 36], to: path)
    }
}
