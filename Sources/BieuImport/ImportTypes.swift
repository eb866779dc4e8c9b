import BieuCore
import BieuCSV
import BieuModel
import BieuTemplates

/// How an imported table is combined with the base data (`--base`).
public enum MergeStrategy: String, Sendable, CaseIterable {
    /// Only fill what the base leaves empty and add new rows; never overwrite or remove.
    case newOnly = "new-only"
    /// The file wins for the rows it has (changed and cleared cells included); new rows are added;
    /// base rows missing from the file are kept (and reported).
    case update
    /// The file's table replaces the base table.
    case replace
}

public struct ImportOptions: Sendable {
    /// Use this template for every table (default: the workbook's own record, else the best match).
    public var templateID: String?
    /// The data the file came from: unchanged cells keep their exact text and decisions, row ids are
    /// matched by position/STT/name, and the diff is computed against it.
    public var base: Report?
    public var strategy: MergeStrategy
    /// The collection round the workbook must belong to (its identity's round id), if any.
    public var round: String?
    /// Accept a workbook whose identity (period, template, round, unit) differs from the base's or
    /// the round's: the difference becomes a warning and is counted in ``ImportSummary/forced``.
    public var force: Bool
    /// Without base data: the report's period and issuer as the user gives them (`--period`,
    /// `--issuer`), instead of what the table's title says (or, for the year, the current one).
    public var period: ReportPeriod?
    public var issuer: String?
    /// How CSV inputs are read (`--encoding`); automatic detection by default.
    public var csv: CSVReadOptions = CSVReadOptions()

    public init(templateID: String? = nil, base: Report? = nil, strategy: MergeStrategy = .update, round: String? = nil, force: Bool = false,
                period: ReportPeriod? = nil, issuer: String? = nil) {
        self.period = period
        self.issuer = issuer
        self.templateID = templateID
        self.base = base
        self.strategy = strategy
        self.round = round
        self.force = force
    }
}

/// Where each imported row and column sits on its sheet.
public struct AddressBook: Sendable {
    /// table id → sheet name
    public var sheets: [String: String] = [:]
    /// table id → row id → 0-based sheet row
    public var rows: [String: [String: Int]] = [:]
    /// table id → column id → 0-based sheet column
    public var columns: [String: [String: Int]] = [:]

    public init() {}

    public func address(table: String, row: String, column: String) -> SheetCell? {
        guard let sheet = sheets[table], let r = rows[table]?[row], let c = columns[table]?[column] else { return nil }
        return SheetCell(sheet: sheet, address: CellAddress(row: r, column: c))
    }

    /// The row's first cell (its STT column, or the first column found).
    public func address(table: String, row: String) -> SheetCell? {
        guard let sheet = sheets[table], let r = rows[table]?[row] else { return nil }
        let c = columns[table]?["stt"] ?? columns[table]?.values.min() ?? 0
        return SheetCell(sheet: sheet, address: CellAddress(row: r, column: c))
    }
}

/// One table found and read.
public struct ImportedTable: Sendable {
    public var table: AnnexTable
    public var located: LocatedTable
}

/// Counts shown after an import.
public struct ImportSummary: Sendable, Hashable {
    public var tables = 0
    public var rows = 0
    public var rowsMatched = 0
    public var valuesChanged = 0
    public var rowsAdded = 0
    public var rowsRemoved = 0
    public var rowsMoved = 0
    public var errors = 0
    public var warnings = 0
    public var notes = 0
    /// Identity differences accepted because of ``ImportOptions/force``.
    public var forced = 0
}

/// Everything an import produced.
public struct ImportResult: Sendable {
    /// The resulting report (merged into the base when one was given).
    public var report: Report
    /// The tables as read from the file, before merging.
    public var imported: [ImportedTable]
    public var addresses: AddressBook
    public var findings: [Finding]
    public var summary: ImportSummary
    /// Changes from the base to the result (nil without a base).
    public var diff: ReportDiff?
}

extension ImportOptions {
    /// The report's metadata with the user's ``period`` and ``issuer`` put in (only without base data).
    func adjusted(_ report: Report) -> Report {
        guard base == nil else { return report }
        var r = report
        if let period { r.period = period }
        if let issuer { r.issuer = VietnameseText.nfc(issuer) }
        return r
    }
}
