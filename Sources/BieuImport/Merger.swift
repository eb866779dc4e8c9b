import BieuCore
import BieuModel

/// Combines imported tables with the base data by a ``MergeStrategy``.
///
/// In every strategy a cell whose text is unchanged keeps the base cell
/// exactly — including a person's decision on an ambiguous number — so
/// unchanged data comes back unchanged.
enum Merger {
    static func merge(base: Report, imported: Report, strategy: MergeStrategy, findings: inout [Finding], addresses: AddressBook) -> Report {
        var result = base
        for table in imported.tables {
            guard let index = result.tables.firstIndex(where: { $0.id == table.id }) else {
                result.tables.append(table)
                continue
            }
            let old = result.tables[index]
            result.tables[index] = mergeTable(old: old, new: table, strategy: strategy, findings: &findings, addresses: addresses)
        }
        return result
    }

    static func mergeTable(old: AnnexTable, new: AnnexTable, strategy: MergeStrategy, findings: inout [Finding], addresses: AddressBook) -> AnnexTable {
        var merged = new
        merged.title = new.title.isEmpty ? old.title : new.title
        let newIDs = Set(new.rows.map(\.id))
        // Keep base cells whose text did not change.
        merged.rows = new.rows.map { row in
            guard let baseRow = old.row(row.id) else { return row }
            checkConvention(row, base: baseRow, table: old.id, findings: &findings, addresses: addresses)
            return keepUnchanged(row, base: baseRow)
        }
        let missing = old.rows.filter { !newIDs.contains($0.id) }
        switch strategy {
        case .replace:
            for row in missing {
                findings.append(Finding(.warning, "row-removed", table: old.id, row: row.id,
                                        vi: "dòng \"\(row.name)\" (mã \(row.id)) có trong dữ liệu gốc nhưng không còn trong tệp; đã bỏ (--strategy replace)",
                                        en: "row \"\(row.name)\" (id \(row.id)) is in the base data but not in the file; removed (--strategy replace)"))
            }
        case .update:
            merged.rows = insertMissing(missing, from: old, into: merged.rows)
            for row in missing {
                findings.append(Finding(.warning, "row-missing", table: old.id, row: row.id,
                                        vi: "dòng \"\(row.name)\" (mã \(row.id)) không có trong tệp; giữ nguyên theo dữ liệu gốc",
                                        en: "row \"\(row.name)\" (id \(row.id)) is not in the file; kept from the base data"))
            }
        case .newOnly:
            var rows: [Row] = []
            for baseRow in old.rows {
                guard let incoming = merged.rows.first(where: { $0.id == baseRow.id }) else { rows.append(baseRow); continue }
                var row = baseRow
                for (column, cell) in incoming.cells where row.cells[column] == nil { row.cells[column] = cell }
                if row.note.isEmpty { row.note = incoming.note }
                if row.unit.isEmpty { row.unit = incoming.unit }
                rows.append(row)
            }
            let added = merged.rows.filter { old.row($0.id) == nil }
            merged.rows = insertNew(added, order: merged.rows.map(\.id), into: rows)
            merged.title = old.title
        }
        return merged
    }

    /// The row with base cells where the text is the same.
    static func keepUnchanged(_ row: Row, base: Row) -> Row {
        var r = row
        for (column, cell) in row.cells {
            guard let b = base.cells[column] else { continue }
            // The same text read as another number (a number cell whose value changed, its text recorded
            // as written: `41,160` sent as 41160 back as 41.16) is a change, not the base's cell.
            let renumbered = b.value.numericValue.map { sent in cell.value.numericValue.map { $0 != sent } ?? false } ?? false
            if (b.text == cell.text && !renumbered) || sameNumber(b.value, cell.value) { r.cells[column] = b }
        }
        r.cells.sort(by: base.cells.columns + row.cells.columns)
        if r.direction == nil { r.direction = base.direction }
        return r
    }

    /// A number that differs from the base's but is the base's text read in the other convention
    /// (`2.815` sent as 2815 comes back as 2.815): a spreadsheet under other regional settings
    /// converted what was typed or pasted. The value that came back is used; a warning names the cell,
    /// the text sent and what it became.
    static func checkConvention(_ row: Row, base: Row, table: String, findings: inout [Finding], addresses: AddressBook) {
        for (column, cell) in row.cells {
            guard let b = base.cells[column], let sent = b.value.numericValue, let back = cell.value.numericValue,
                  sent != back, case .ambiguous(let thousands, let decimal)? = NumberReading.read(b.text.trimmingCharacters(in: .whitespaces)),
                  (sent == thousands && back == decimal) || (sent == decimal && back == thousands) else { continue }
            let shown = (vi: DecimalFormatting.vietnamese(back), en: DecimalFormatting.plain(back))
            let was = (vi: DecimalFormatting.vietnamese(sent), en: DecimalFormatting.plain(sent))
            findings.append(Finding(.warning, "number-convention-changed", at: addresses.address(table: table, row: row.id, column: column),
                                    table: table, row: row.id, column: column,
                                    vi: "số gửi đi \"\(b.text)\" (\(was.vi)) nhận về là \(shown.vi): cùng các chữ số nhưng dấu \".\"/\",\" được hiểu theo quy ước khác — có thể bảng tính (thiết lập vùng khác) đã đổi khi gõ lại hoặc dán; hãy kiểm tra",
                                    en: "the number sent as \"\(b.text)\" (\(was.en)) came back as \(shown.en): the same digits with the \".\"/\",\" read in the other convention — a spreadsheet under other regional settings may have converted it when retyped or pasted; please check"))
        }
    }

    /// The same number of the same kind, written differently (`48.1` and `48,1`): not a change.
    /// An ambiguous new text counts when one of its readings is the base's number.
    static func sameNumber(_ a: CellValue, _ b: CellValue) -> Bool {
        if case .ambiguous(let candidates) = b { return candidates.contains { sameNumber(a, $0) } }
        switch (a, b) {
        case let (.number(x), .number(y)), let (.percent(x), .percent(y)), let (.perMille(x), .perMille(y)): return x == y
        default: return false
        }
    }

    /// Puts base rows missing from the file back after the nearest earlier base row that is present.
    static func insertMissing(_ missing: [Row], from old: AnnexTable, into rows: [Row]) -> [Row] {
        guard !missing.isEmpty else { return rows }
        var result = rows
        let missingIDs = Set(missing.map(\.id))
        for (i, row) in old.rows.enumerated() where missingIDs.contains(row.id) {
            var anchor: Int?
            var j = i - 1
            while j >= 0 {
                if let pos = result.firstIndex(where: { $0.id == old.rows[j].id }) { anchor = pos; break }
                j -= 1
            }
            result.insert(row, at: anchor.map { $0 + 1 } ?? 0)
        }
        return result
    }

    /// Inserts new rows after the row that preceded them in the file.
    static func insertNew(_ added: [Row], order: [String], into rows: [Row]) -> [Row] {
        var result = rows
        for row in added {
            guard let k = order.firstIndex(of: row.id) else { result.append(row); continue }
            var anchor: Int?
            var j = k - 1
            while j >= 0 {
                if let pos = result.firstIndex(where: { $0.id == order[j] }) { anchor = pos; break }
                j -= 1
            }
            result.insert(row, at: anchor.map { $0 + 1 } ?? 0)
        }
        return result
    }
}
