import BieuCore
import BieuModel

extension ReportDiff {
    /// The diff for a terminal: one line per change, addresses on both sides.
    public func text(_ language: Language) -> String {
        let vi = language == .vi
        guard !isEmpty else { return vi ? "Không có khác biệt.\n" : "No differences.\n" }
        var out = ""
        for m in metadata {
            out += vi ? "báo cáo: \(m.field): \(quote(m.old)) → \(quote(m.new))\n" : "report: \(m.field): \(quote(m.old)) → \(quote(m.new))\n"
        }
        for t in tables where !t.isEmpty {
            out += vi ? "Biểu \(t.tableID):\n" : "Table \(t.tableID):\n"
            if t.addedTable { out += vi ? "  + biểu mới (\(t.addedRows.count) dòng)\n" : "  + new table (\(t.addedRows.count) rows)\n"; continue }
            if t.removedTable { out += vi ? "  - biểu bị bỏ\n" : "  - table removed\n"; continue }
            for id in t.addedRows {
                out += "  + \(place(t.addresses[id]))\(vi ? "dòng mới" : "new row") \(id) \(quote(t.names[id] ?? ""))\n"
            }
            for id in t.removedRows {
                out += "  - \(place(t.addresses[id]))\(vi ? "dòng bị bỏ" : "removed row") \(id) \(quote(t.names[id] ?? ""))\n"
            }
            for id in t.movedRows {
                out += "  ~ \(place(t.addresses[id]))\(vi ? "dòng được chuyển chỗ" : "moved row") \(id) \(quote(t.names[id] ?? ""))\n"
            }
            for c in t.changes {
                var addr = ""
                switch (c.oldAddress, c.newAddress) {
                case let (a?, b?): addr = a == b ? "\(a): " : "\(a) → \(b): "
                case let (a?, nil): addr = "\(a): "
                case let (nil, b?): addr = "\(b): "
                default: break
                }
                let row = c.rowID.isEmpty ? "" : (vi ? "dòng \(c.rowID), " : "row \(c.rowID), ")
                out += "  * \(addr)(\(row)\(vi ? "cột" : "column") \(c.column)) \(c.old.map(quote) ?? (vi ? "(trống)" : "(empty)")) → \(c.new.map(quote) ?? (vi ? "(trống)" : "(empty)"))\n"
            }
        }
        return out
    }

    /// The diff as JSON (keys in English, stable order).
    public func json() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("changes"); w.int(changeCount)
        w.key("metadata")
        w.beginArray()
        for m in metadata {
            w.element(); w.beginObject(inline: true)
            w.key("field"); w.string(m.field); w.key("old"); w.string(m.old); w.key("new"); w.string(m.new)
            w.endObject()
        }
        w.endArray()
        w.key("tables")
        w.beginArray()
        for t in tables where !t.isEmpty {
            w.element()
            w.beginObject()
            w.key("table"); w.string(t.tableID)
            if t.addedTable { w.key("added"); w.bool(true) }
            if t.removedTable { w.key("removed"); w.bool(true) }
            for (key, ids) in [("added_rows", t.addedRows), ("removed_rows", t.removedRows), ("moved_rows", t.movedRows)] {
                w.key(key)
                w.beginArray()
                for id in ids {
                    w.element(); w.beginObject(inline: true)
                    w.key("row"); w.string(id)
                    w.key("name"); w.string(t.names[id] ?? "")
                    if let a = t.addresses[id] { w.key("address"); w.string(a.description) }
                    w.endObject()
                }
                w.endArray()
            }
            w.key("cells")
            w.beginArray()
            for c in t.changes {
                w.element(); w.beginObject(inline: true)
                w.key("row"); w.string(c.rowID)
                w.key("column"); w.string(c.column)
                if let o = c.old { w.key("old"); w.string(o) } else { w.key("old"); w.null() }
                if let n = c.new { w.key("new"); w.string(n) } else { w.key("new"); w.null() }
                if let a = c.oldAddress { w.key("old_address"); w.string(a.description) }
                if let a = c.newAddress { w.key("new_address"); w.string(a.description) }
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.finish()
        return w.bytes
    }

    private func quote(_ s: String) -> String { "\"\(s)\"" }
    private func place(_ a: SheetCell?) -> String { a.map { "\($0): " } ?? "" }
}
