import BieuCore
import BieuModel
import BieuTemplates

/// What `bieu inspect` says about the tables in a file: for each sheet, the
/// template that matches best, why, and where each template column was found.
public enum TableDetection {
    public struct Entry: Sendable {
        public var sheet: String
        public let located: LocatedTable?
        /// What of the sheet the located table does not use.
        let coverage: SheetCoverage?

        init(sheet: GridSheet, located: LocatedTable?) {
            self.sheet = sheet.name
            self.located = located
            coverage = located.map { located in
                var c = SheetCoverage(located: located, merges: sheet.merges)
                for (row, cells) in sheet.rows() { c.add(row: row, cells: cells) }
                return c
            }
        }
    }

    public static func detect(_ workbook: GridWorkbook, catalog: TemplateCatalog, isCSV: Bool) -> [Entry] {
        var ignored: [Finding] = []
        let identity = isCSV ? nil : WorkbookIdentity.read(workbook, findings: &ignored)?.resolvingRenamedSheet(in: workbook, findings: &ignored)
        let known = identity?.report.map { PlaceholderValues(report: $0) }
        let templates = (try? catalog.all()) ?? []
        return workbook.sheets.filter { $0.name != WorkbookIdentity.sheetName }.map { sheet in
            let head = TableLocator.Head(sheet: sheet)
            if let record = identity?.table(onSheet: sheet.name), let t = templates.first(where: { $0.id == record.templateID }) {
                return Entry(sheet: sheet, located: TableLocator.locate(t, in: head, known: known) ?? TableLocator.locate(t, in: head))
            }
            return Entry(sheet: sheet, located: Importer.detect(head, templates: templates, known: known))
        }
    }

    public static func text(_ entries: [Entry], language: Language) -> String {
        let vi = language == .vi
        var out = vi ? "Biểu nhận ra:\n" : "Tables found:\n"
        for e in entries {
            guard let l = e.located else {
                out += vi ? "  \(e.sheet): không khớp mẫu biểu nào\n" : "  \(e.sheet): matches no template\n"
                continue
            }
            out += vi ? "  \(e.sheet): mẫu \(l.template.id) (\(l.template.name)) — \(l.explanation(.vi)); dữ liệu từ dòng \(l.firstDataRow + 1)\n"
                : "  \(e.sheet): template \(l.template.id) (\(l.template.name)) — \(l.explanation(.en)); data from row \(l.firstDataRow + 1)\n"
            for c in l.template.columns {
                let place = l.columns[c.id].map { CellAddress.columnLetters($0) } ?? (vi ? "(không thấy)" : "(not found)")
                out += "    \(c.id) → \(place)\n"
            }
            if let id = l.idColumn { out += vi ? "    mã dòng (bieu:id) → \(CellAddress.columnLetters(id))\n" : "    row ids (bieu:id) → \(CellAddress.columnLetters(id))\n" }
            for c in e.coverage?.unusedColumns ?? [] {
                let (header, cells) = e.coverage!.unusedColumn(c)
                let name = header.map { " \"\($0)\"" } ?? ""
                out += vi ? "    cột ngoài mẫu \(CellAddress.columnLetters(c))\(name): \(cells) ô dữ liệu\n" : "    column outside the template \(CellAddress.columnLetters(c))\(name): \(cells) data cells\n"
            }
            for line in l.distance.lines(language, template: l.template) { out += (vi ? "    khác mẫu: " : "    differs from the layout: ") + line + "\n" }
            if !l.captured.isEmpty {
                out += (vi ? "    đọc được: " : "    read: ") + l.captured.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "\n"
            }
        }
        return out
    }

    /// A JSON array of the detected tables.
    public static func json(_ entries: [Entry], language: Language) -> String {
        var w = JSONWriter()
        w.beginArray()
        for e in entries {
            w.element()
            w.beginObject()
            w.key("sheet"); w.string(e.sheet)
            if let l = e.located {
                w.key("template"); w.string(l.template.id)
                w.key("header_rows"); w.string("\(l.headerRows.lowerBound + 1)-\(l.headerRows.upperBound + 1)")
                w.key("first_data_row"); w.int(l.firstDataRow + 1)
                w.key("score"); w.number(String(format: "%.3f", l.score))
                w.key("columns")
                w.beginObject(inline: true)
                for c in l.template.columns {
                    w.key(c.id)
                    if let i = l.columns[c.id] { w.string(CellAddress.columnLetters(i)) } else { w.null() }
                }
                w.endObject()
                if let id = l.idColumn { w.key("id_column"); w.string(CellAddress.columnLetters(id)) }
                w.key("distance")
                w.beginObject()
                w.key("rows_shifted"); w.int(l.distance.rowsShifted)
                w.key("moved_columns")
                w.beginObject(inline: true)
                for m in l.distance.movedColumns { w.key(m.columnID); w.string(CellAddress.columnLetters(m.expected) + "→" + CellAddress.columnLetters(m.found)) }
                w.endObject()
                w.key("header_differences")
                w.beginArray()
                for d in l.distance.headerDifferences {
                    w.element()
                    w.beginObject(inline: true)
                    w.key("cell"); w.string(d.address.a1)
                    w.key("expected"); w.string(d.expected)
                    w.key("found"); w.string(d.found)
                    w.endObject()
                }
                w.endArray()
                w.endObject()
                w.key("explanation"); w.string(l.explanation(language))
            } else {
                w.key("template"); w.null()
            }
            w.endObject()
        }
        w.endArray()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
