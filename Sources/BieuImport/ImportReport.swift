import BieuCore
import BieuModel

/// The validation report of an import, for people (text) and programs (JSON).
public enum ImportReport {
    /// Text: the file, each table found and why, every finding with its address, then the summary.
    public static func text(_ result: ImportResult, file: SpreadsheetFile?, source: String, language: Language) -> String {
        let sorted = result.findings.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            return a.offset < b.offset
        }.map(\.element)
        var lines = ""
        for f in sorted { lines += f.line(language) + "\n" }
        return text(source: source, kind: file?.kind, notes: file?.notes ?? [],
                    tables: result.imported.map { ($0.table.id, $0.located, $0.table.rows.count) },
                    findingLines: lines, summary: result.summary, hasBase: result.diff != nil, language: language)
    }

    /// The text report from its parts; `findingLines` are the findings' lines, most severe first.
    static func text(source: String, kind: SpreadsheetFile.Kind?, notes: [Bilingual], tables: [(id: String, located: LocatedTable, rows: Int)],
                     findingLines: String, summary: ImportSummary, hasBase: Bool, language: Language) -> String {
        textHead(source: source, kind: kind, notes: notes, tables: tables, language: language) + findingLines
            + summaryLine(summary, hasBase: hasBase, language: language) + "\n"
    }

    /// The lines before the findings: the file, how it was read, each table found.
    static func textHead(source: String, kind: SpreadsheetFile.Kind?, notes: [Bilingual], tables: [(id: String, located: LocatedTable, rows: Int)],
                         language: Language) -> String {
        let vi = language == .vi
        var out = ""
        out += vi ? "Tệp: \(source)\(kind.map { " (\($0.rawValue.uppercased()))" } ?? "")\n" : "File: \(source)\(kind.map { " (\($0.rawValue.uppercased()))" } ?? "")\n"
        for note in notes { out += "  \(note.text(language))\n" }
        for t in tables {
            out += vi
                ? "Biểu \(t.id): \(DocumentTable.label(sheetName: t.located.sheetName, .vi)), mẫu \(t.located.template.id) — \(t.located.explanation(.vi)); \(t.rows) dòng\n"
                : "Table \(t.id): \(DocumentTable.label(sheetName: t.located.sheetName, .en)), template \(t.located.template.id) — \(t.located.explanation(.en)); \(t.rows) rows\n"
        }
        return out
    }

    public static func summaryLine(_ s: ImportSummary, hasBase: Bool, language: Language) -> String {
        switch language {
        case .vi:
            var line = "Tóm tắt: \(s.tables) biểu, \(s.rows) dòng"
            if hasBase { line += "; khớp \(s.rowsMatched) dòng, \(s.valuesChanged) giá trị thay đổi, thêm \(s.rowsAdded), bỏ \(s.rowsRemoved), chuyển chỗ \(s.rowsMoved)" }
            if s.forced > 0 { line += "; nhận dù \(s.forced) thông tin định danh khác (--force)" }
            return line + "; \(s.errors) lỗi, \(s.warnings) cảnh báo, \(s.notes) ghi chú."
        case .en:
            var line = "Summary: \(s.tables) tables, \(s.rows) rows"
            if hasBase { line += "; \(s.rowsMatched) rows matched, \(s.valuesChanged) values changed, \(s.rowsAdded) added, \(s.rowsRemoved) removed, \(s.rowsMoved) moved" }
            if s.forced > 0 { line += "; accepted despite \(s.forced) identity difference(s) (--force)" }
            return line + "; \(s.errors) errors, \(s.warnings) warnings, \(s.notes) notes."
        }
    }

    /// JSON with English keys: file, tables (with template and header mapping), findings, summary.
    public static func json(_ result: ImportResult, source: String, language: Language) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("file"); w.string(source)
        w.key("tables")
        w.beginArray()
        for t in result.imported {
            w.element()
            w.beginObject()
            w.key("table"); w.string(t.table.id)
            w.key("sheet"); w.string(t.located.sheetName)
            w.key("template"); w.string(t.located.template.id)
            w.key("rows"); w.int(t.table.rows.count)
            w.key("header_rows"); w.string("\(t.located.headerRows.lowerBound + 1)-\(t.located.headerRows.upperBound + 1)")
            w.key("first_data_row"); w.int(t.located.firstDataRow + 1)
            w.key("columns")
            w.beginObject(inline: true)
            for c in t.located.template.columns {
                w.key(c.id)
                if let i = t.located.columns[c.id] { w.string(CellAddress.columnLetters(i)) } else { w.null() }
            }
            w.endObject()
            w.key("explanation"); w.string(t.located.explanation(language))
            w.endObject()
        }
        w.endArray()
        w.key("findings")
        w.beginArray()
        for f in result.findings {
            w.element()
            w.beginObject(inline: true)
            w.key("severity"); w.string(f.severity.rawValue)
            w.key("code"); w.string(f.code)
            if let l = f.location {
                w.key("sheet"); w.string(l.sheet)
                w.key("cell"); w.string(l.address.a1)
            }
            if let t = f.tableID { w.key("table"); w.string(t) }
            if let r = f.rowID { w.key("row"); w.string(r) }
            if let c = f.columnID { w.key("column"); w.string(c) }
            w.key("message"); w.string(f.message.text(language))
            w.endObject()
        }
        w.endArray()
        let s = result.summary
        w.key("summary")
        w.beginObject(inline: true)
        for (k, v) in [("tables", s.tables), ("rows", s.rows), ("rows_matched", s.rowsMatched), ("values_changed", s.valuesChanged),
                       ("rows_added", s.rowsAdded), ("rows_removed", s.rowsRemoved), ("rows_moved", s.rowsMoved),
                       ("errors", s.errors), ("warnings", s.warnings), ("notes", s.notes)] {
            w.key(k); w.int(v)
        }
        if s.forced > 0 { w.key("forced"); w.int(s.forced) }
        w.endObject()
        w.endObject()
        w.finish()
        return w.bytes
    }
}
