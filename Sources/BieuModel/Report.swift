import Foundation

/// A report with its annex tables: the root of the canonical model.
public struct Report: Sendable, Hashable {
    /// Who issues the report: `Huyện ủy Tam Đường`.
    public var issuer: String
    /// The document number as printed: `641-BC/HU`.
    public var number: String
    /// The date of the report.
    public var date: ReportDate?
    /// The period the report covers.
    public var period: ReportPeriod
    /// The congress term the targets belong to (`2020-2025`), if any.
    public var term: Term?
    /// The report's title.
    public var title: String
    /// The annex tables, in the order they are printed.
    public var tables: [AnnexTable]
    /// The reporting unit whose data this is (a commune's return in a collection round), if known.
    public var unit: ReportUnit?

    public init(issuer: String = "", number: String = "", date: ReportDate? = nil, period: ReportPeriod,
                term: Term? = nil, title: String = "", tables: [AnnexTable] = [], unit: ReportUnit? = nil) {
        self.issuer = issuer
        self.number = number
        self.date = date
        self.period = period
        self.term = term
        self.title = title
        self.tables = tables
        self.unit = unit
    }

    /// The table with the given id.
    public func table(_ id: String) -> AnnexTable? { tables.first { $0.id == id } }
}

/// A reporting unit: `{"id": "xa-ban-bo", "name": "Xã Bản Bo"}`. The id is what programs
/// compare (a units file's slug, a round's unit id); nil when only the name is known
/// (staff workbooks written before the id was recorded).
public struct ReportUnit: Sendable, Hashable {
    public var id: String?
    public var name: String

    public init(id: String?, name: String) {
        self.id = id
        self.name = name
    }

    /// Whether the two name the same unit: by id when both have one, else by name.
    public func same(as other: ReportUnit) -> Bool {
        if let a = id, let b = other.id { return a == b }
        return name == other.name
    }
}

/// A calendar date, printed the Vietnamese way (`05/12/2024`), stored as ISO `2024-12-05`.
public struct ReportDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        let days = [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...days[month - 1]).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2024-12-05`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        // Digits only: Int("+024") would accept a sign.
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// `05/12/2024`
    public var vietnamese: String { String(format: "%02d/%02d/%04d", day, month, year) }
    public var description: String { iso }

    public static func < (a: ReportDate, b: ReportDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// The period a report covers.
public struct ReportPeriod: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Quý — `number` is 1…4.
        case quarter
        /// 6 tháng
        case sixMonths = "six_months"
        /// 9 tháng
        case nineMonths = "nine_months"
        /// Năm
        case year
        /// Nhiệm kỳ — the term given in ``Report/term``.
        case term
    }

    public var kind: Kind
    public var year: Int
    /// Quarter number for `.quarter`.
    public var number: Int?

    public init(kind: Kind, year: Int, number: Int? = nil) {
        self.kind = kind
        self.year = year
        self.number = number
    }

    public static func year(_ y: Int) -> ReportPeriod { ReportPeriod(kind: .year, year: y) }
}

/// A congress term, `2020-2025`.
public struct Term: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// One annex table: Phụ lục, Biểu 01, Biểu 02, …
public struct AnnexTable: Sendable, Hashable {
    /// The table's id within the report (`bieu-01`); also its default sheet name source.
    public var id: String
    /// The id of the template that lays it out (`bieu-01`).
    public var template: String
    /// The title block lines as printed. Empty means: use the template's
    /// title lines, filled from the report.
    public var title: [String]
    /// The rows in print order. Hierarchy follows from order and kind (see ``RowKind``).
    public var rows: [Row]

    public init(id: String, template: String, title: [String] = [], rows: [Row] = []) {
        self.id = id
        self.template = template
        self.title = title
        self.rows = rows
    }

    /// The row with the given id.
    public func row(_ id: String) -> Row? { rows.first { $0.id == id } }

    /// The id of each row's parent (nil for top-level rows), by the rule in ``RowKind``.
    public func parentIDs() -> [String?] {
        var tracker = ParentTracker()
        var result: [String?] = []
        result.reserveCapacity(rows.count)
        for row in rows { result.append(tracker.parent(of: row)) }
        return result
    }
}

/// Finds each row's parent as rows arrive in print order (see ``AnnexTable/parentIDs()``),
/// holding only the chain of open parents.
public struct ParentTracker: Sendable {
    private var stack: [(rank: Int, id: String)] = []

    public init() {}

    /// The ids of the rows that can still be a parent of a later row, outermost first.
    public var openIDs: [String] { stack.map(\.id) }

    /// The parent of `row`, the next row in print order.
    public mutating func parent(of row: Row) -> String? {
        let rank = row.kind.rank
        if row.kind == .note { return stack.last?.id }
        while let top = stack.last, top.rank >= rank { stack.removeLast() }
        let parent = stack.last?.id
        stack.append((rank, row.id))
        return parent
    }
}

/// What a row is within the table's hierarchy.
///
/// Rows are stored flat in print order; each row's parent is the nearest
/// earlier row of a higher rank (section > group > indicator > sub-indicator
/// and bullet). Notes attach to the row above and never become parents.
public enum RowKind: String, Sendable, Hashable, CaseIterable {
    /// `A  CHỈ TIÊU KINH TẾ`, `IV  Nghị quyết 06-NQ/TU …` — bold, no values.
    case section
    /// `1  Ban chấp hành`, or an un-numbered heading such as `Các chỉ tiêu nông nghiệp, nông thôn mới`.
    case group
    /// An indicator (chỉ tiêu) with values.
    case indicator
    /// `Trong đó: Diện tích trồng mới` — a part of the indicator above.
    case subIndicator = "sub_indicator"
    /// `- …` — a bullet item under an indicator or group.
    case bullet
    /// A free note line inside the table.
    case note

    /// Higher-ranked rows contain lower-ranked ones.
    public var rank: Int {
        switch self {
        case .section: return 0
        case .group: return 1
        case .indicator: return 2
        case .subIndicator, .bullet: return 3
        case .note: return 4
        }
    }

    /// Rows that hold values: export writes their computed and assessment cells (a live
    /// formula where the data leaves them empty); other rows leave those cells empty.
    public var holdsValues: Bool { self == .indicator || self == .subIndicator || self == .bullet }
}

/// Whether a larger value is better for an indicator.
public enum Direction: String, Sendable, Hashable {
    /// The default: actual ÷ plan, ≥ 100% is met.
    case higherIsBetter = "higher"
    /// Poverty rate, malnutrition, population growth: plan ÷ actual.
    case lowerIsBetter = "lower"
}

/// One row of an annex table.
public struct Row: Sendable, Hashable {
    /// Stable id, unique within the table (`b01-kt-1`). Survives export and import.
    public var id: String
    public var kind: RowKind
    /// The STT label as written: `A`, `I`, `1`, `1.1`, `-`, or empty.
    public var stt: String
    /// The indicator's name (Chỉ tiêu / Tên Nghị quyết, Đề án).
    public var name: String
    /// The unit (Đơn vị tính) as written: `Tỷ đồng`, `%`, `%o`.
    public var unit: String
    /// Value cells keyed by the template's column id, in column order.
    public var cells: CellMap
    /// The remark (Ghi chú).
    public var note: String
    /// Overrides the template's "lower is better" list for this row.
    public var direction: Direction?

    public init(id: String, kind: RowKind = .indicator, stt: String = "", name: String = "", unit: String = "",
                cells: CellMap = CellMap(), note: String = "", direction: Direction? = nil) {
        self.id = id
        self.kind = kind
        self.stt = stt
        self.name = name
        self.unit = unit
        self.cells = cells
        self.note = note
        self.direction = direction
    }
}

/// A row's cells keyed by column id, keeping the order they were added in
/// (column order), so canonical JSON lists them as the table prints them.
/// Equality ignores order.
public struct CellMap: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var entries: [(column: String, cell: Cell)] = []

    public init() {}
    public init(dictionaryLiteral elements: (String, Cell)...) {
        for (k, v) in elements { self[k] = v }
    }

    /// The cell for a column; setting an empty cell removes it.
    public subscript(column: String) -> Cell? {
        get { entries.first(where: { $0.column == column })?.cell }
        set {
            if let i = entries.firstIndex(where: { $0.column == column }) {
                if let newValue, !newValue.isEmpty { entries[i].cell = newValue } else { entries.remove(at: i) }
            } else if let newValue, !newValue.isEmpty {
                entries.append((column, newValue))
            }
        }
    }

    public var columns: [String] { entries.map(\.column) }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public func makeIterator() -> IndexingIterator<[(column: String, cell: Cell)]> { entries.makeIterator() }

    public static func == (a: CellMap, b: CellMap) -> Bool {
        guard a.entries.count == b.entries.count else { return false }
        for (k, v) in a.entries where b[k] != v { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-entry hashes commutatively.
        var acc = 0
        for (k, v) in entries {
            var h = Hasher()
            h.combine(k)
            h.combine(v)
            acc ^= h.finalize()
        }
        hasher.combine(entries.count)
        hasher.combine(acc)
    }

    /// Reorders the entries to follow `order`; unknown columns keep their relative order at the end.
    public mutating func sort(by order: [String]) {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        entries = entries.enumerated().sorted {
            let ra = rank[$0.element.column] ?? (order.count + $0.offset)
            let rb = rank[$1.element.column] ?? (order.count + $1.offset)
            return ra < rb
        }.map(\.element)
    }
}
