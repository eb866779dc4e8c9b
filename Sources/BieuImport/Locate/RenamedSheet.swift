import BieuCore
import BieuTemplates

extension WorkbookIdentity {
    /// The identity with a renamed table sheet found again: when exactly one recorded table
    /// sheet is gone and exactly one visible sheet with bieu's row-id column has no record, that sheet is the recorded
    /// one under a new name (its record — title, table id, template — still applies). A finding
    /// says so; without this the sheet was read as a foreign one and its shown title lines
    /// (such as a staff workbook's `Đơn vị báo cáo: …`) became the table's title.
    func resolvingRenamedSheet(in workbook: GridWorkbook, findings: inout [Finding]) -> WorkbookIdentity {
        let names = Set(workbook.sheets.map(\.name))
        let gone = tables.indices.filter { !names.contains(tables[$0].sheet) }
        let guides = Set(guideSheets.values)
        // A sheet bieu wrote still has its hidden row-id column's header; a sheet added by hand does not.
        let unrecorded = workbook.sheets.filter { sheet in
            sheet.state == .visible && sheet.name != Self.sheetName && !guides.contains(sheet.name) && table(onSheet: sheet.name) == nil
                && sheet.cells.prefix { $0.address.row < TableLocator.maxScanRows }.contains { $0.value == .string(WorkbookMetadata.idHeader) }
        }
        guard gone.count == 1, unrecorded.count == 1 else { return self }
        var copy = self
        let old = tables[gone[0]].sheet, new = unrecorded[0].name
        copy.metadata.tables[gone[0]].sheet = new
        findings.append(Finding(.warning, "sheet-renamed", at: SheetCell(sheet: new, address: CellAddress(row: 0, column: 0)), table: tables[gone[0]].tableID,
                                vi: "trang tính \"\(old)\" đã được đổi tên thành \"\(new)\"; đọc theo thông tin bieu ghi cho trang \"\(old)\" (tiêu đề, mã biểu, mẫu \(tables[gone[0]].templateID))",
                                en: "the sheet \"\(old)\" was renamed \"\(new)\"; read with what bieu recorded for \"\(old)\" (title, table id, template \(tables[gone[0]].templateID))"))
        return copy
    }
}
