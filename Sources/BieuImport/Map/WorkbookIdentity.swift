import BieuCore
import BieuModel

/// What a workbook written by bieu says about itself (the hidden `_bieu`
/// sheet; see `WorkbookMetadata` in BieuExport for the record format).
public struct WorkbookIdentity: Sendable {
    public struct TableRecord: Sendable {
        public var sheet: String
        public var tableID: String
        public var templateID: String
        public var templateVersion: Int
        public var title: [String]
    }

    public struct RowRecord: Sendable {
        public var kind: RowKind
        public var direction: Direction?
    }

    public var format: String
    /// The report's metadata (no tables).
    public var report: Report?
    public var tables: [TableRecord]
    /// (table id, row id) → kind and direction.
    public var rows: [String: [String: RowRecord]]
    /// (table id, row id, column id) → the text as written of a numeric cell.
    public var texts: [String: [String: [String: String]]]
    /// Staff workbooks: table id → the guide sheet's name (not a table).
    public var guideSheets: [String: String] = [:]
    /// Staff workbooks: table id → ids of the empty rows offered for new entries.
    public var slots: [String: Set<String>] = [:]
    /// Staff workbooks: (table id, row id, column id) → the printed computed value the data held,
    /// shown in the workbook as a live formula.
    public var derived: [String: [String: [String: String]]] = [:]

    public static let sheetName = "_bieu"

    /// Reads the identity sheet, if the workbook has one. Unreadable records
    /// become findings; the identity is never trusted over what the sheet shows.
    public static func read(_ workbook: GridWorkbook, findings: inout [Finding]) -> WorkbookIdentity? {
        guard let sheet = workbook.sheets.first(where: { $0.name == sheetName }) else { return nil }
        var id = WorkbookIdentity(format: "", report: nil, tables: [], rows: [:], texts: [:])
        for (row, cells) in sheet.rows() {
            var fields: [Int: String] = [:]
            for c in cells {
                switch c.value {
                case .string(let s): fields[c.address.column] = s
                case .number(let n): fields[c.address.column] = n
                default: break
                }
            }
            func f(_ i: Int) -> String { fields[i] ?? "" }
            switch f(0) {
            case "bieu": id.format = f(1)
            case "report":
                do {
                    id.report = try ReportJSON.decode(Array(f(1).utf8))
                } catch {
                    findings.append(Finding(.warning, "identity-unreadable", at: SheetCell(sheet: sheetName, address: CellAddress(row: row, column: 1)),
                                            vi: "không đọc được thông tin báo cáo ghi trong trang _bieu: \(error.message(.vi))",
                                            en: "cannot read the report information in the _bieu sheet: \(error.message(.en))"))
                }
            case "table":
                var title: [String] = []
                if let node = try? JSONParser.parse(Array(f(5).utf8)), case .array(let items) = node.kind {
                    for item in items { if case .string(let s) = item.kind { title.append(s) } }
                }
                id.tables.append(TableRecord(sheet: f(1), tableID: f(2), templateID: f(3), templateVersion: Int(f(4)) ?? 0, title: title))
            case "row":
                if let kind = RowKind(rawValue: f(3)) {
                    id.rows[f(1), default: [:]][f(2)] = RowRecord(kind: kind, direction: Direction(rawValue: f(4)))
                }
            case "text":
                id.texts[f(1), default: [:]][f(2), default: [:]][f(3)] = f(4)
            case "fillable":
                if !f(5).isEmpty { id.guideSheets[f(1)] = f(5) }
            case "slot":
                id.slots[f(1), default: []].insert(f(2))
            case "derived":
                id.derived[f(1), default: [:]][f(2), default: [:]][f(3)] = f(4)
            default:
                break
            }
        }
        guard id.format.hasPrefix("xlsx/") else { return nil }
        return id
    }

    public func table(onSheet name: String) -> TableRecord? { tables.first { $0.sheet == name } }
}
