import BieuCore
import BieuModel
import BieuTemplates

/// What a workbook written by bieu says about itself: its `_bieu` records
/// (``WorkbookMetadata``, the one codec of that sheet), indexed for the import.
public struct WorkbookIdentity: Sendable {
    public typealias TableRecord = WorkbookMetadata.Table
    public typealias RowRecord = WorkbookMetadata.RowRecord

    /// The records as read.
    public var metadata: WorkbookMetadata
    /// The report's metadata (no tables).
    public var report: Report?
    public var tables: [TableRecord] { metadata.tables }
    /// (table id, row id) → kind and direction (legacy `row` records).
    public var rows: [String: [String: RowRecord]] { metadata.rows }
    /// (table id, row id, column id) → the text as written of a numeric cell (legacy `text` records).
    public var texts: [String: [String: [String: String]]] { metadata.texts }
    /// Staff workbooks: table id → the guide sheet's name (not a table).
    public var guideSheets: [String: String] = [:]
    /// Staff workbooks: table id → ids of the empty rows offered for new entries.
    public var slots: [String: Set<String>] = [:]
    /// Staff workbooks: (table id, row id, column id) → the printed computed value the data held,
    /// shown in the workbook as a live formula.
    public var derived: [String: [String: [String: String]]] = [:]
    /// Staff workbooks: (table id, row id) → the row's locked cells, column id and text as sent,
    /// in the order recorded.
    public var locked: [String: [String: [(column: String, text: String)]]] = [:]

    public static let sheetName = WorkbookMetadata.sheetName

    public init(_ metadata: WorkbookMetadata) {
        self.metadata = metadata
        report = metadata.report
        // The unit a staff workbook was made for (`xlsx/1` records it only in `fillable`).
        if report?.unit == nil { report?.unit = metadata.effectiveIdentity?.unit }
        for f in metadata.fillable where !f.guideSheet.isEmpty { guideSheets[f.tableID] = f.guideSheet }
        slots = metadata.slots.mapValues(Set.init)
        for d in metadata.derived { derived[d.tableID, default: [:]][d.rowID, default: [:]][d.columnID] = d.printed }
        for l in metadata.locked { locked[l.tableID, default: [:]][l.rowID, default: []].append((l.columnID, l.text)) }
    }

    /// Reads the identity sheet, if the workbook has one. Unreadable records
    /// become findings; the identity is never trusted over what the sheet shows.
    public static func read(_ workbook: GridWorkbook, findings: inout [Finding]) -> WorkbookIdentity? {
        var problems: [WorkbookMetadata.Problem] = []
        let metadata = WorkbookMetadata.read(workbook, problems: &problems)
        for p in problems {
            findings.append(Finding(p.severity == .note ? .note : .warning, p.severity == .note ? "identity-record" : "identity-unreadable",
                                    at: p.cell, vi: p.message.vi, en: p.message.en))
        }
        return metadata.map(WorkbookIdentity.init)
    }

    public func table(onSheet name: String) -> TableRecord? { metadata.table(onSheet: name) }
}
