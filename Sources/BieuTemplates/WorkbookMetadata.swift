import BieuCore
import BieuModel

/// What a workbook written by bieu carries besides the visible table, so that
/// importing it back is exact, and the one codec of its hidden `_bieu` sheet:
/// ``encode()`` gives the sheet's rows, ``decode(sheet:)`` reads them back
/// (problems named by their `_bieu!cell`). Nothing else knows the record keys.
///
/// - a hidden column right of each table, headed ``idHeader``, with each
///   row's id (it moves with the row when people sort or insert rows), and a
///   second one headed ``rowHeader`` with the row's ``RowIdentity`` (kind,
///   direction, exact number texts) where the row needs one;
/// - a hidden sheet ``sheetName`` with one record per line, its key in column A:
///   - `bieu | xlsx/3` — marks the workbook and the version of these records
///     (``version``; `xlsx/2` is read too: the same records without `locked`, and `xlsx/1`:
///     without `identity` either);
///   - `report | <JSON>` — the report's metadata (canonical JSON, no tables);
///   - `identity | <template id> | <template version> | <period> | <unit id> | <unit name> | <round id> | <digest>`
///     — what the workbook was sent as (``Identity``): period as ``periodCode(_:)``
///     (`2025`, `2025-q3`, `2025-6m`, `2025-9m`, `2025-term`), empty fields for what is
///     not known; the digest is defined by ``Identity/digest(of:)``. Written in staff workbooks;
///   - `table | <sheet> | <table id> | <template id> | <template version> | <the table's own title lines, JSON; [] = the template's> | <first data row> | <row count>`;
///   - (read only, written before the `bieu:row` column existed)
///     `row | <table id> | <row id> | <kind> | <direction>` and
///     `text | <table id> | <row id> | <column id> | <text as written>`;
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
///   - `locked | <table id> | <row id> | <column id> | <text as sent>` — a data cell the workbook
///     locks (STT, name, unit, a target or plan given by the data, a heading's empty cells), and
///     what it held when sent (empty field: it was empty). A return whose cell differs was edited
///     where staff were not to type: the import names the cell, what was sent and what came back;
///   - `list | <list name> | <item> | <item> …` — a dropdown list (the validation refers
///     to the items through the defined name `bieu_list_<list name>`): `danh_gia` (assessments),
///     `don_vi` (units offered on empty rows). Always the last records (``listRows``).
/// Staff workbooks also carry workbook-level defined names: `bieu_template`,
/// `bieu_template_version`, `bieu_table`, `bieu_year`, `bieu_period`, `bieu_unit`
/// (text or number constants) and `bieu_data` (the table's data rows, id column included,
/// which spreadsheet programs move along when rows are inserted or deleted).
public struct WorkbookMetadata: Sendable, Equatable {
    public static let sheetName = "_bieu"
    public static let idHeader = "bieu:id"
    /// Header of the second hidden column: each row's ``RowIdentity``.
    public static let rowHeader = "bieu:row"
    /// The version of the records this code writes.
    public static let version = 3
    /// `xlsx/3`: the `bieu` record's value and the `bieu.format` property.
    public static var formatTag: String { "xlsx/\(version)" }

    /// The round identity: what the workbook was sent as, to whom.
    public struct Identity: Sendable, Hashable {
        public var templateID: String
        public var templateVersion: Int
        public var period: ReportPeriod
        public var unit: ReportUnit?
        /// The collection round the workbook belongs to, if any.
        public var roundID: String?
        /// ``digest(of:)`` of what was sent, if recorded.
        public var digest: String?

        public init(templateID: String, templateVersion: Int, period: ReportPeriod, unit: ReportUnit? = nil,
                    roundID: String? = nil, digest: String? = nil) {
            self.templateID = templateID
            self.templateVersion = templateVersion
            self.period = period
            self.unit = unit
            self.roundID = roundID
            self.digest = digest
        }

        /// The digest of what was sent: SHA-256, as 64 lower-case hex digits, of the canonical
        /// JSON (``ReportJSON/encode(_:)``, format `bieu/1`) of the report as sent — its metadata as
        /// in the `report` record (unit included) and the table(s) the workbook was made from,
        /// rows, ids and cells exactly as pre-filled, before anyone typed. Whoever keeps that JSON
        /// can recompute the digest and so tell which data a return answers.
        public static func digest(of sent: Report) -> String { SHA256.hex(ReportJSON.encode(sent)) }
    }

    public struct Table: Sendable, Hashable {
        public var sheet: String
        public var tableID: String
        public var templateID: String
        public var templateVersion: Int
        /// The table's own title lines; empty: the template's.
        public var title: [String]
        /// 1-based sheet row of the first data row (0 when not recorded).
        public var firstDataRow: Int
        public var rowCount: Int

        public init(sheet: String, tableID: String, templateID: String, templateVersion: Int, title: [String], firstDataRow: Int, rowCount: Int) {
            self.sheet = sheet
            self.tableID = tableID
            self.templateID = templateID
            self.templateVersion = templateVersion
            self.title = title
            self.firstDataRow = firstDataRow
            self.rowCount = rowCount
        }
    }

    /// The `fillable` record of a staff workbook.
    public struct Fillable: Sendable, Hashable {
        public var tableID: String
        /// What it was made from: `blank`, `same-period`, `next-period`, `later-period`.
        public var source: String
        public var sourceYear: Int?
        public var unit: String?
        public var guideSheet: String

        public init(tableID: String, source: String, sourceYear: Int?, unit: String?, guideSheet: String) {
            self.tableID = tableID
            self.source = source
            self.sourceYear = sourceYear
            self.unit = unit
            self.guideSheet = guideSheet
        }
    }

    /// A record about one data cell: a `derived` record (the printed computed value the data held;
    /// ``printed``) or a `locked` record (a locked cell of a staff workbook and what it held when
    /// sent, `""`: empty).
    public struct CellRecord: Sendable, Hashable {
        public var tableID: String
        public var rowID: String
        public var columnID: String
        public var text: String

        public init(tableID: String, rowID: String, columnID: String, text: String) {
            self.tableID = tableID
            self.rowID = rowID
            self.columnID = columnID
            self.text = text
        }

        public init(tableID: String, rowID: String, columnID: String, printed: String) {
            self.init(tableID: tableID, rowID: rowID, columnID: columnID, text: printed)
        }

        /// A `derived` record's printed value.
        public var printed: String { text }
    }

    /// A `derived` record: the printed computed value the data held.
    public typealias Derived = CellRecord
    /// A `locked` record: a data cell the staff workbook locks, and what it held when sent.
    public typealias Locked = CellRecord

    /// A legacy `row` record (read only).
    public struct RowRecord: Sendable, Hashable {
        public var kind: RowKind
        public var direction: Direction?

        public init(kind: RowKind, direction: Direction?) {
            self.kind = kind
            self.direction = direction
        }
    }

    /// The version the records were written in (``version`` for new ones).
    public var readVersion: Int = WorkbookMetadata.version
    /// The report's metadata (no tables).
    public var report: Report?
    public var identity: Identity?
    public var tables: [Table] = []
    public var fillable: [Fillable] = []
    /// Table id → ids of the empty rows offered for new entries, in order.
    public var slots: [String: [String]] = [:]
    public var derived: [Derived] = []
    /// Staff workbooks: the locked data cells and what they held when sent.
    public var locked: [Locked] = []
    /// The dropdown lists: name and items, in order.
    public var lists: [(name: String, items: [String])] = []
    /// Legacy records, read only: (table id, row id) → kind and direction.
    public var rows: [String: [String: RowRecord]] = [:]
    /// Legacy records, read only: (table id, row id, column id) → the text as written.
    public var texts: [String: [String: [String: String]]] = [:]

    public init(report: Report? = nil, identity: Identity? = nil, tables: [Table] = [], fillable: [Fillable] = [],
                slots: [String: [String]] = [:], derived: [Derived] = [], locked: [Locked] = [], lists: [(name: String, items: [String])] = []) {
        self.report = report.map { var r = $0; r.tables = []; return r }
        self.identity = identity
        self.tables = tables
        self.fillable = fillable
        self.slots = slots
        self.derived = derived
        self.locked = locked
        self.lists = lists
    }

    public static func == (a: WorkbookMetadata, b: WorkbookMetadata) -> Bool {
        a.readVersion == b.readVersion && a.report == b.report && a.identity == b.identity && a.tables == b.tables
            && a.fillable == b.fillable && a.slots == b.slots && a.derived == b.derived && a.locked == b.locked
            && a.lists.map(\.name) == b.lists.map(\.name) && a.lists.map(\.items) == b.lists.map(\.items)
            && a.rows == b.rows && a.texts == b.texts
    }

    public func table(onSheet name: String) -> Table? { tables.first { $0.sheet == name } }

    // MARK: - Writing

    /// The sheet's rows, one record each, lists last.
    public func encode() -> [[String]] {
        var out: [[String]] = [["bieu", Self.formatTag]]
        if let report { out.append(["report", String(decoding: ReportJSON.encode(report), as: UTF8.self)]) }
        if let i = identity {
            out.append(["identity", i.templateID, String(i.templateVersion), Self.periodCode(i.period), i.unit?.id ?? "",
                        i.unit?.name ?? "", i.roundID ?? "", i.digest ?? ""])
        }
        for t in tables {
            out.append(["table", t.sheet, t.tableID, t.templateID, String(t.templateVersion), Self.jsonArray(t.title),
                        String(t.firstDataRow), String(t.rowCount)])
        }
        for f in fillable {
            out.append(["fillable", f.tableID, f.source, f.sourceYear.map(String.init) ?? "", f.unit ?? "", f.guideSheet])
        }
        for (table, ids) in slots.sorted(by: { $0.key < $1.key }) { out += ids.map { ["slot", table, $0] } }
        out += derived.map { ["derived", $0.tableID, $0.rowID, $0.columnID, $0.printed] }
        out += locked.map { ["locked", $0.tableID, $0.rowID, $0.columnID, $0.text] }
        out += lists.map { ["list", $0.name] + $0.items }
        return out
    }

    /// 0-based row of each list record in ``encode()``'s rows (its items start in column C).
    public var listRows: [String: Int] {
        let first = encode().count - lists.count
        var out: [String: Int] = [:]
        for (k, list) in lists.enumerated() { out[list.name] = first + k }
        return out
    }

    // MARK: - Reading

    /// Something in the sheet that could not be read as written; the record (or field) is not used.
    public struct Problem: Sendable, Hashable {
        public enum Severity: Sendable, Hashable { case note, warning }
        public var severity: Severity
        public var cell: SheetCell
        public var message: Bilingual
    }

    /// Reads the records of a `_bieu` sheet; nil when the sheet does not start with bieu's marker
    /// (not written by bieu). Problems name the cell.
    public static func decode(sheet: GridSheet, problems: inout [Problem]) -> WorkbookMetadata? {
        var meta = WorkbookMetadata()
        var marked = false
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
            func cell(_ column: Int) -> SheetCell { SheetCell(sheet: sheetName, address: CellAddress(row: row, column: column)) }
            func problem(_ column: Int, _ severity: Problem.Severity = .warning, vi: String, en: String) {
                problems.append(Problem(severity: severity, cell: cell(column), message: Bilingual(vi: vi, en: en)))
            }
            /// An integer field, or nil with a problem.
            func int(_ i: Int, _ what: Bilingual) -> Int? {
                if let n = Int(f(i)) { return n }
                problem(i, vi: "\(what.vi) \"\(f(i))\" không phải số nguyên; bỏ qua bản ghi", en: "\(what.en) \"\(f(i))\" is not an integer; record ignored")
                return nil
            }
            /// Required text fields, or false with a problem.
            func present(_ columns: Int...) -> Bool {
                for i in columns where f(i).isEmpty {
                    problem(i, vi: "bản ghi \"\(f(0))\" thiếu trường ở cột \(CellAddress.columnLetters(i)); bỏ qua bản ghi",
                            en: "record \"\(f(0))\" lacks the field in column \(CellAddress.columnLetters(i)); record ignored")
                    return false
                }
                return true
            }
            let templateVersion = Bilingual(vi: "phiên bản mẫu", en: "template version")
            switch f(0) {
            case "": continue
            case "bieu":
                guard f(1).hasPrefix("xlsx/"), let v = Int(f(1).dropFirst(5)), v >= 1 else {
                    problem(1, vi: "phiên bản \"\(f(1))\" của trang _bieu không đọc được", en: "the _bieu sheet's version \"\(f(1))\" is unreadable")
                    return nil
                }
                if v > version {
                    problem(1, vi: "trang _bieu được ghi theo phiên bản \(f(1)), mới hơn phiên bản chương trình này biết (xlsx/\(version)); chỉ đọc các bản ghi đã biết",
                            en: "the _bieu sheet was written as \(f(1)), newer than this program knows (xlsx/\(version)); only known records are read")
                }
                meta.readVersion = v
                marked = true
            case "report":
                do {
                    meta.report = try ReportJSON.decode(Array(f(1).utf8))
                } catch {
                    problem(1, vi: "không đọc được thông tin báo cáo ghi trong trang _bieu: \(error.message(.vi))",
                            en: "cannot read the report information in the _bieu sheet: \(error.message(.en))")
                }
            case "identity":
                guard present(1, 3), let tv = int(2, templateVersion) else { continue }
                guard let period = periodFromCode(f(3)) else {
                    problem(3, vi: "kỳ báo cáo \"\(f(3))\" không đọc được; bỏ qua bản ghi định danh", en: "period \"\(f(3))\" is unreadable; identity record ignored")
                    continue
                }
                var digest: String? = f(7).isEmpty ? nil : f(7)
                if let d = digest, !SHA256.isHex(d) {
                    problem(7, vi: "mã kiểm \"\(d)\" không phải SHA-256 (64 chữ số hex); bỏ qua mã kiểm", en: "digest \"\(d)\" is not a SHA-256 (64 hex digits); digest ignored")
                    digest = nil
                }
                let unit: ReportUnit? = f(5).isEmpty ? nil : ReportUnit(id: f(4).isEmpty ? nil : f(4), name: f(5))
                meta.identity = Identity(templateID: f(1), templateVersion: tv, period: period, unit: unit,
                                         roundID: f(6).isEmpty ? nil : f(6), digest: digest)
            case "table":
                guard present(1, 2, 3), let tv = int(4, templateVersion) else { continue }
                var title: [String] = []
                if !f(5).isEmpty {
                    if let node = try? JSONParser.parse(Array(f(5).utf8)), case .array(let items) = node.kind,
                       items.allSatisfy({ if case .string = $0.kind { true } else { false } }) {
                        for item in items { if case .string(let s) = item.kind { title.append(s) } }
                    } else {
                        problem(5, vi: "tiêu đề biểu không phải mảng JSON các chuỗi; dùng tiêu đề trên trang tính",
                                en: "the table title is not a JSON array of strings; the sheet's title is used")
                    }
                }
                meta.tables.append(Table(sheet: f(1), tableID: f(2), templateID: f(3), templateVersion: tv, title: title,
                                         firstDataRow: Int(f(6)) ?? 0, rowCount: Int(f(7)) ?? 0))
            case "row":
                guard present(1, 2) else { continue }
                guard let kind = RowKind(rawValue: f(3)) else {
                    problem(3, vi: "loại dòng \"\(f(3))\" không hợp lệ; bỏ qua bản ghi", en: "row kind \"\(f(3))\" is invalid; record ignored")
                    continue
                }
                meta.rows[f(1), default: [:]][f(2)] = RowRecord(kind: kind, direction: Direction(rawValue: f(4)))
            case "text":
                guard present(1, 2, 3) else { continue }
                meta.texts[f(1), default: [:]][f(2), default: [:]][f(3)] = f(4)
            case "fillable":
                guard present(1) else { continue }
                meta.fillable.append(Fillable(tableID: f(1), source: f(2), sourceYear: Int(f(3)), unit: f(4).isEmpty ? nil : f(4), guideSheet: f(5)))
            case "slot":
                guard present(1, 2) else { continue }
                meta.slots[f(1), default: []].append(f(2))
            case "derived":
                guard present(1, 2, 3) else { continue }
                meta.derived.append(Derived(tableID: f(1), rowID: f(2), columnID: f(3), printed: f(4)))
            case "locked":
                guard present(1, 2, 3) else { continue }
                meta.locked.append(Locked(tableID: f(1), rowID: f(2), columnID: f(3), text: f(4)))
            case "list":
                guard present(1) else { continue }
                let last = fields.keys.max() ?? 1
                meta.lists.append((f(1), last < 2 ? [] : (2...last).compactMap { fields[$0] }))
            default:
                problem(0, .note, vi: "bản ghi \"\(f(0))\" trong trang _bieu không được biết; bỏ qua", en: "unknown record \"\(f(0))\" in the _bieu sheet; ignored")
            }
        }
        return marked ? meta : nil
    }

    /// The records of a workbook's `_bieu` sheet, if it has one written by bieu.
    public static func read(_ workbook: GridWorkbook, problems: inout [Problem]) -> WorkbookMetadata? {
        guard let sheet = workbook.sheets.first(where: { $0.name == sheetName }) else { return nil }
        return decode(sheet: sheet, problems: &problems)
    }

    /// The round identity of a workbook (nil when it has none). For a staff workbook written
    /// before the `identity` record (`xlsx/1`), what its `report`, `table` and `fillable` records say.
    public static func identity(of workbook: GridWorkbook) -> Identity? {
        var problems: [Problem] = []
        return read(workbook, problems: &problems)?.effectiveIdentity
    }

    /// The `identity` record, else (`xlsx/1` staff workbooks) what the other records say.
    public var effectiveIdentity: Identity? {
        if let identity { return identity }
        guard let report, let fill = fillable.first, let table = tables.first(where: { $0.tableID == fill.tableID }) else { return nil }
        return Identity(templateID: table.templateID, templateVersion: table.templateVersion, period: report.period,
                        unit: report.unit ?? fill.unit.map { ReportUnit(id: nil, name: $0) })
    }

    // MARK: - Field encodings

    /// `2025`, `2025-q3`, `2025-6m`, `2025-9m`, `2025-term`.
    public static func periodCode(_ p: ReportPeriod) -> String {
        switch p.kind {
        case .year: return String(p.year)
        case .quarter: return "\(p.year)-q\(p.number ?? 0)"
        case .sixMonths: return "\(p.year)-6m"
        case .nineMonths: return "\(p.year)-9m"
        case .term: return "\(p.year)-term"
        }
    }

    public static func periodFromCode(_ s: String) -> ReportPeriod? {
        let parts = s.split(separator: "-", maxSplits: 1).map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        guard parts.count == 2 else { return .year(year) }
        switch parts[1] {
        case "6m": return ReportPeriod(kind: .sixMonths, year: year)
        case "9m": return ReportPeriod(kind: .nineMonths, year: year)
        case "term": return ReportPeriod(kind: .term, year: year)
        case let q where q.hasPrefix("q"):
            guard let n = Int(q.dropFirst()), (1...4).contains(n) else { return nil }
            return ReportPeriod(kind: .quarter, year: year, number: n)
        default: return nil
        }
    }

    static func jsonArray(_ items: [String]) -> String {
        var w = JSONWriter()
        w.beginArray(inline: true)
        for s in items { w.element(); w.string(s) }
        w.endArray()
        return String(decoding: w.bytes, as: UTF8.self)
    }
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
