import BieuCore
import BieuExport
import BieuModel
import BieuTemplates
import Foundation

/// The XLSX files round commands write: the status list, and the consolidated
/// district table as printed with a unit × indicator sheet beside it.
public enum RoundWorkbooks {
    public static func writeStatus(_ status: RoundStatus, to path: String, language: Language) throws {
        let vi = language == .vi
        let header = vi ? ["Mã đơn vị", "Đơn vị", "Tình trạng", "Số lần nộp", "Lỗi", "Cảnh báo", "Lần nộp cuối", "Tệp"]
                        : ["Unit id", "Unit", "Status", "Revisions", "Errors", "Warnings", "Last received", "File"]
        let lines: [[PlainSheet.Value]] = status.lines.map { l in
            [.text(l.unit.id), .text(l.unit.name), .text(l.state.label(language)), .number(Double(l.revisions)),
             .number(Double(l.current?.errors ?? 0)), .number(Double(l.current?.warnings ?? 0)),
             .text(l.current.map { RoundStatus.time($0.receivedAt) } ?? ""), .text(l.current?.fileName ?? "")]
        }
        try PlainSheet.writeWorkbook([PlainSheet(name: vi ? "Tình hình nộp" : "Status", header: header, lines: lines,
                                                 widths: [16, 28, 14, 10, 8, 10, 22, 36])], to: path)
    }

    /// The district table (exported as the template prints it) and the unit × indicator sheet:
    /// one line per indicator and column, one column per unit with the text it wrote, then the result.
    public static func writeConsolidation(_ c: Consolidation, catalog: TemplateCatalog, to path: String, language: Language) throws {
        let vi = language == .vi
        let values = PlaceholderValues(report: c.report)
        let rows = Dictionary(c.report.tables.first?.rows.map { ($0.id, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let header = (vi ? ["Mã dòng", "STT", "Chỉ tiêu", "Cột", "Cách tổng hợp"] : ["Row id", "No.", "Indicator", "Column", "Aggregation"])
            + c.units.map(\.name) + [vi ? "Tổng hợp" : "Result"]
        var lines: [[PlainSheet.Value]] = []
        for k in c.contributions where !k.texts.isEmpty || k.result != nil {
            let row = rows[k.rowID]
            let column = c.template.column(k.columnID)
            var line: [PlainSheet.Value] = [.text(k.rowID), .text(row?.stt ?? ""), .text(row?.name ?? ""),
                                            .text(column.map { values.fill($0.header) } ?? k.columnID),
                                            .text(k.aggregation?.name ?? (vi ? "(chưa khai báo)" : "(not declared)"))]
            for u in c.units { line.append(.text(k.texts[u.id] ?? "")) }
            line.append(.text(k.result ?? ""))
            lines.append(line)
        }
        var options = XLSXExporter.Options()
        options.extraSheets = [PlainSheet(name: vi ? "Theo đơn vị" : "By unit", header: header, lines: lines,
                                          widths: [16, 5, 40, 24, 14] + c.units.map { _ in 14 } + [14], font: c.template.styles.font)]
        try XLSXExporter(catalog: catalog, options: options).export(c.report, to: path)
    }
}
