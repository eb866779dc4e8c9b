import BieuCore
import BieuModel

/// Cell-level differences between two reports (any pair of JSON, XLSX, CSV
/// once read), with the cell addresses on both sides when they come from files.
public struct ReportDiff: Sendable {
    /// One changed value.
    public struct Change: Sendable, Hashable {
        public var tableID: String
        public var rowID: String
        /// A column id, or a row field: `stt`, `name`, `unit`, `note`, `kind`, `direction`.
        public var column: String
        public var old: String?
        public var new: String?
        public var oldAddress: SheetCell?
        public var newAddress: SheetCell?
    }

    public struct TableDiff: Sendable {
        public var tableID: String
        public var addedTable = false
        public var removedTable = false
        public var addedRows: [String] = []
        public var removedRows: [String] = []
        public var movedRows: [String] = []
        public var changes: [Change] = []
        /// Row names, for messages.
        public var names: [String: String] = [:]
        public var addresses: [String: SheetCell] = [:]

        public var isEmpty: Bool { !addedTable && !removedTable && addedRows.isEmpty && removedRows.isEmpty && movedRows.isEmpty && changes.isEmpty }
    }

    /// Report-level field changes (issuer, number, date, period, term, title).
    public var metadata: [(field: String, old: String, new: String)] = []
    public var tables: [TableDiff] = []

    public var isEmpty: Bool { metadata.isEmpty && tables.allSatisfy(\.isEmpty) }
    public var changeCount: Int {
        metadata.count + tables.reduce(0) { $0 + $1.changes.count + $1.addedRows.count + $1.removedRows.count + $1.movedRows.count + ($1.addedTable ? 1 : 0) + ($1.removedTable ? 1 : 0) }
    }

    public static func compute(old: Report, new: Report, oldAddresses: AddressBook? = nil, newAddresses: AddressBook? = nil) -> ReportDiff {
        var diff = ReportDiff()
        func meta(_ field: String, _ a: String, _ b: String) { if a != b { diff.metadata.append((field, a, b)) } }
        meta("issuer", old.issuer, new.issuer)
        meta("number", old.number, new.number)
        meta("date", old.date?.iso ?? "", new.date?.iso ?? "")
        meta("period", "\(old.period.kind.rawValue) \(old.period.year)\(old.period.number.map { " \($0)" } ?? "")",
             "\(new.period.kind.rawValue) \(new.period.year)\(new.period.number.map { " \($0)" } ?? "")")
        meta("term", old.term.map { "\($0.start)-\($0.end)" } ?? "", new.term.map { "\($0.start)-\($0.end)" } ?? "")
        meta("title", old.title, new.title)

        for t in old.tables where new.table(t.id) == nil {
            var d = TableDiff(tableID: t.id)
            d.removedTable = true
            diff.tables.append(d)
        }
        for t in new.tables {
            guard let o = old.table(t.id) else {
                var d = TableDiff(tableID: t.id)
                d.addedTable = true
                d.addedRows = t.rows.map(\.id)
                diff.tables.append(d)
                continue
            }
            diff.tables.append(table(old: o, new: t, oldAddresses: oldAddresses, newAddresses: newAddresses))
        }
        return diff
    }

    static func table(old: AnnexTable, new: AnnexTable, oldAddresses: AddressBook?, newAddresses: AddressBook?) -> TableDiff {
        var d = TableDiff(tableID: new.id)
        let oldIDs = Set(old.rows.map(\.id)), newIDs = Set(new.rows.map(\.id))
        d.addedRows = new.rows.map(\.id).filter { !oldIDs.contains($0) }
        d.removedRows = old.rows.map(\.id).filter { !newIDs.contains($0) }
        let moved = RowMatching.moved(oldOrder: old.rows.map(\.id), newOrder: new.rows.map(\.id))
        d.movedRows = new.rows.map(\.id).filter { moved.contains($0) }
        for r in old.rows { d.names[r.id] = r.name }
        for r in new.rows { d.names[r.id] = r.name }
        for id in d.addedRows { d.addresses[id] = newAddresses?.address(table: new.id, row: id) }
        for id in d.removedRows { d.addresses[id] = oldAddresses?.address(table: old.id, row: id) }
        for id in d.movedRows { d.addresses[id] = newAddresses?.address(table: new.id, row: id) }
        if old.title != new.title {
            d.changes.append(Change(tableID: new.id, rowID: "", column: "title", old: old.title.joined(separator: " | "), new: new.title.joined(separator: " | ")))
        }
        for newRow in new.rows {
            guard let oldRow = old.row(newRow.id) else { continue }
            func change(_ column: String, _ a: String?, _ b: String?) {
                guard a != b else { return }
                d.changes.append(Change(tableID: new.id, rowID: newRow.id, column: column, old: a, new: b,
                                        oldAddress: oldAddresses?.address(table: old.id, row: oldRow.id, column: column),
                                        newAddress: newAddresses?.address(table: new.id, row: newRow.id, column: column)))
            }
            change("kind", oldRow.kind.rawValue, newRow.kind.rawValue)
            change("stt", oldRow.stt.nilIfEmpty, newRow.stt.nilIfEmpty)
            change("name", oldRow.name.nilIfEmpty, newRow.name.nilIfEmpty)
            change("unit", oldRow.unit.nilIfEmpty, newRow.unit.nilIfEmpty)
            change("direction", oldRow.direction?.rawValue, newRow.direction?.rawValue)
            var columns = oldRow.cells.columns
            for c in newRow.cells.columns where !columns.contains(c) { columns.append(c) }
            for c in columns {
                let a = oldRow.cells[c], b = newRow.cells[c]
                guard a != b else { continue }
                change(c, a.map(describe), b.map(describe))
            }
            change("note", oldRow.note.nilIfEmpty, newRow.note.nilIfEmpty)
        }
        return d
    }

    /// A cell as shown in a diff: its text, plus the reading when the text alone does not say it.
    static func describe(_ cell: Cell) -> String {
        let parsed = ValueParser.parse(cell.text)
        if parsed == cell.value { return cell.text }
        return "\(cell.text) (= \(cell.value.rendered(style: .plain)))"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
