import BieuModel

/// What a workbook written by bieu carries besides the visible table, so that
/// importing it back is exact:
///
/// - a hidden column right of each table, headed ``idHeader``, with each
///   row's id (it moves with the row when people sort or insert rows), and a
///   second one headed ``rowHeader`` with the row's ``RowIdentity`` (kind,
///   direction, exact number texts) where the row needs one;
/// - a hidden sheet ``sheetName`` with one record per line:
///   - `bieu | xlsx/1` — marks the workbook and the layout version of these records;
///   - `report | <JSON>` — the report's metadata (canonical JSON, no tables);
///   - `table | <sheet> | <table id> | <template id> | <template version> | <the table's own title lines, JSON; [] = the template's> | <first data row> | <row count>`;
/// - custom document properties `bieu.format` and `bieu.templates`.
///
/// Staff workbooks (`bieu template`, BieuExport/Fillable) add, in the same sheet
/// (kept `veryHidden` there, read back as hidden after a LibreOffice re-save):
///   - `fillable | <table id> | <source: blank, same-period, next-period, later-period> | <year of the data or empty> | <unit or empty> | <guide sheet name>`
///     — marks a workbook made for staff to fill, and what it was made from;
///   - `slot | <table id> | <row id>` — an empty row offered for a new entry: no `row`
///     record (its kind follows what staff type); a slot left empty is not a row;
///   - `derived | <table id> | <row id> | <column id> | <printed text>` — the data held this
///     printed computed value; the workbook shows the live formula instead. If the formula's
///     result still agrees with the text (ComputedCheck's rounding rule), the text is the value;
///   - `list | <list name> | <item> | <item> …` — a dropdown list (the validation refers
///     to the items through the defined name `bieu_list_<list name>`): `danh_gia` (assessments),
///     `don_vi` (units offered on empty rows).
/// Staff workbooks also carry workbook-level defined names: `bieu_template`,
/// `bieu_template_version`, `bieu_table`, `bieu_year`, `bieu_period`, `bieu_unit`
/// (text or number constants) and `bieu_data` (the table's data rows, id column included,
/// which spreadsheet programs move along when rows are inserted or deleted).
public enum WorkbookMetadata {
    public static let sheetName = "_bieu"
    public static let idHeader = "bieu:id"
    public static let formatTag = "xlsx/1"
    public static let markerKey = "bieu"
    public static let reportKey = "report"
    public static let tableKey = "table"
    public static let textKey = "text"
    public static let rowKey = "row"
    public static let fillableKey = "fillable"
    public static let slotKey = "slot"
    public static let derivedKey = "derived"
    public static let listKey = "list"
}

extension WorkbookMetadata {
    /// Header of the second hidden column: each row's ``RowIdentity``.
    public static let rowHeader = "bieu:row"
}

/// What a row's hidden `bieu:row` cell holds: what the visible sheet cannot
/// show — the row's kind, its "lower is better" override, and the text as
/// written of numbers whose Vietnamese rendering would differ (`48.1`,
/// `2,202.34`) — as compact JSON: `{"kind":"group","direction":"lower","text":{"kh_nam":"48.1"}}`.
/// An indicator row with nothing else to say has no cell. The cell travels
/// with its row when people sort, move or copy rows.
public struct RowIdentity: Sendable, Equatable {
    public var kind: RowKind
    public var direction: Direction?
    /// Column id → the text as written, in column order.
    public var texts: [(column: String, text: String)]

    public init(kind: RowKind, direction: Direction? = nil, texts: [(column: String, text: String)] = []) {
        self.kind = kind
        self.direction = direction
        self.texts = texts
    }

    public static func == (a: RowIdentity, b: RowIdentity) -> Bool {
        a.kind == b.kind && a.direction == b.direction && a.texts.map(\.column) == b.texts.map(\.column) && a.texts.map(\.text) == b.texts.map(\.text)
    }

    /// The cell text, or nil when the row needs none.
    public func encoded() -> String? {
        guard kind != .indicator || direction != nil || !texts.isEmpty else { return nil }
        var w = JSONWriter()
        w.beginObject(inline: true)
        if kind != .indicator { w.key("kind"); w.string(kind.rawValue) }
        if let direction { w.key("direction"); w.string(direction.rawValue) }
        if !texts.isEmpty {
            w.key("text")
            w.beginObject(inline: true)
            for (c, t) in texts { w.key(c); w.string(t) }
            w.endObject()
        }
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Reads a cell; nil when it is not a row identity (edited beyond recognition).
    public static func decode(_ text: String) -> RowIdentity? {
        guard let node = try? JSONParser.parse(Array(text.utf8)), case .object(let members) = node.kind else { return nil }
        var identity = RowIdentity(kind: .indicator)
        for (key, value) in members {
            switch (key, value.kind) {
            case ("kind", .string(let s)):
                guard let k = RowKind(rawValue: s) else { return nil }
                identity.kind = k
            case ("direction", .string(let s)):
                guard let d = Direction(rawValue: s) else { return nil }
                identity.direction = d
            case ("text", .object(let texts)):
                for (c, t) in texts { if case .string(let s) = t.kind { identity.texts.append((c, s)) } }
            default:
                return nil
            }
        }
        return identity
    }
}
