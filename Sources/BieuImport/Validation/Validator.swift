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
    func check(_ context: ValidationContext) -> [Finding]
}

/// Runs every rule. Rules return findings; they never throw.
public enum Validator {
    static let rules: [any ValidationRule] = [
        AmbiguousNumberRule(), ComputedValueRule(), AssessmentRule(), RequiredValueRule(),
        DuplicateSTTRule(), ValueRangeRule(), UnitChangeRule(),
    ]

    public static func run(table: AnnexTable, template: Template, base: AnnexTable?, addresses: AddressBook,
                           values: PlaceholderValues = PlaceholderValues()) -> [Finding] {
        let context = ValidationContext(table: table, template: template, base: base, addresses: addresses, values: values)
        return rules.flatMap { $0.check(context) }
    }
}
