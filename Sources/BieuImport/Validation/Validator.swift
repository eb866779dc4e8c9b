import BieuCore
import BieuModel
import BieuTemplates

/// What a validation rule sees.
struct ValidationContext {
    let table: AnnexTable
    let template: Template
    /// The base data's table, when importing against one.
    let base: AnnexTable?
    let addresses: AddressBook
    /// Placeholder values for texts shown in messages (column headers).
    let values: PlaceholderValues
    /// Streaming: the indicator row a "Trong đó" row at the top of this batch belongs to
    /// (the last one of the rows checked before), for ``DeclaredRulesRule``.
    var parentBefore: Row? = nil

    func header(_ column: Column) -> String { values.fill(column.header) }

    func at(_ rowID: String, _ columnID: String) -> SheetCell? {
        addresses.address(table: table.id, row: rowID, column: columnID)
    }

    /// Rows that carry values (indicators, sub-indicators, bullets).
    func valueRows() -> [Row] { table.rows.filter { [.indicator, .subIndicator, .bullet].contains($0.kind) } }
}

/// A check over an imported table. Each rule lives in its own file, named
/// for what it checks; its doc comment gives the Vietnamese term.
protocol ValidationRule: Sendable {
    static var code: String { get }
    /// The rule's findings come column by column (each column's rows in order), not row by row.
    var columnMajor: Bool { get }
    func check(_ context: ValidationContext) -> [Finding]
}

extension ValidationRule {
    var columnMajor: Bool { false }
}

/// Runs every rule. Rules return findings; they never throw.
public enum Validator {
    static let rules: [any ValidationRule] = [
        AmbiguousNumberRule(), ComputedValueRule(), AssessmentRule(), RequiredValueRule(),
        DuplicateSTTRule(), ValueRangeRule(), UnitChangeRule(), STTTextRule(), DeclaredRulesRule(),
    ]

    public static func run(table: AnnexTable, template: Template, base: AnnexTable?, addresses: AddressBook,
                           values: PlaceholderValues = PlaceholderValues()) -> [Finding] {
        let context = ValidationContext(table: table, template: template, base: base, addresses: addresses, values: values)
        return rules.flatMap { $0.check(context) }
    }
}

/// The same rules as ``Validator``, fed finished rows one at a time (streaming import).
///
/// Rows are checked in batches of ``batchSize`` (a table of those rows only): rules that
/// look at one row at a time give the same findings as over the whole table; the
/// duplicate-STT rule keeps its small state between rows. Every finding comes with a
/// bucket number: concatenating the buckets in order gives the findings in the order
/// ``Validator/run`` lists them.
struct RowValidator {
    let tableID: String
    let template: Template
    let sheetName: String
    let columns: [String: Int]
    let values: PlaceholderValues
    static let batchSize = 256
    private var duplicateSTT = DuplicateSTTRule.Tracker()
    /// The open indicator row at the end of the last batch (``DeclaredRulesRule``'s parent).
    private var parentBefore: Row?
    private var batch: [Row] = []
    private var positions: [String: Int] = [:]
    /// First bucket of each rule.
    private let firstBucket: [Int]
    private let columnIndex: [String: Int]
    private let duplicateRule: Int?
    let bucketCount: Int

    init(tableID: String, template: Template, sheetName: String, columns: [String: Int], values: PlaceholderValues) {
        self.tableID = tableID
        self.template = template
        self.sheetName = sheetName
        self.columns = columns
        self.values = values
        var first: [Int] = []
        var n = 0
        for rule in Validator.rules {
            first.append(n)
            // One bucket per template column, and one for findings naming no known column.
            n += rule.columnMajor ? template.columns.count + 1 : 1
        }
        firstBucket = first
        bucketCount = n
        columnIndex = Dictionary(template.columns.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        duplicateRule = Validator.rules.firstIndex { $0 is DuplicateSTTRule }
        batch.reserveCapacity(Self.batchSize)
    }

    /// Adds a finished row; `sheetRow` is where it is, or nil when the whole import would not
    /// know (a repeated id kept by its recorded kind). Checks the batch when it is full.
    mutating func add(_ row: Row, sheetRow: Int?, _ emit: (_ bucket: Int, _ finding: Finding) throws -> Void) rethrows {
        batch.append(row)
        if let sheetRow { positions[row.id] = sheetRow }
        if batch.count >= Self.batchSize { try flush(emit) }
    }

    /// Checks the rows added since the last check.
    mutating func flush(_ emit: (_ bucket: Int, _ finding: Finding) throws -> Void) rethrows {
        guard !batch.isEmpty else { return }
        var addresses = AddressBook()
        addresses.sheets[tableID] = sheetName
        addresses.columns[tableID] = columns
        addresses.rows[tableID] = positions
        let context = ValidationContext(table: AnnexTable(id: tableID, template: template.id, title: [], rows: batch), template: template,
                                        base: nil, addresses: addresses, values: values, parentBefore: parentBefore)
        parentBefore = DeclaredRulesRule.openParent(after: batch, from: parentBefore)
        for (k, rule) in Validator.rules.enumerated() {
            if k == duplicateRule {
                var found: [Finding] = []
                for row in batch { duplicateSTT.check(row, context, into: &found) }
                for f in found { try emit(firstBucket[k], f) }
                continue
            }
            for f in rule.check(context) {
                let offset = rule.columnMajor ? (f.columnID.flatMap { columnIndex[$0] } ?? template.columns.count) : 0
                try emit(firstBucket[k] + offset, f)
            }
        }
        batch.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
    }
}
