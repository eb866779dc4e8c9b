/// Tables and rows delivered one at a time: from a file read row by row
/// (``ReportStream``) or from a report in memory (``InMemoryReportSource``).
/// Exporters read from a source, so large reports never need to be held whole.
public protocol ReportSource: AnyObject {
    /// The report's metadata (no tables).
    var report: Report { get }
    /// The next table's header (no rows), or nil after the last.
    func nextTable() throws -> AnnexTable?
    /// The next row of the current table, or nil after its last row.
    func nextRow() throws -> Row?
    /// Passes over the rest of the current table's rows without reading them
    /// (the default reads and drops them).
    func skipRows() throws
}

extension ReportSource {
    public func skipRows() throws {
        while try nextRow() != nil {}
    }
}

extension ReportStream: ReportSource {}

/// A report in memory as a ``ReportSource``.
public final class InMemoryReportSource: ReportSource {
    public let report: Report
    private let tables: [AnnexTable]
    private var tableIndex = -1
    private var rowIndex = 0

    public init(_ report: Report) {
        var meta = report
        meta.tables = []
        self.report = meta
        tables = report.tables
    }

    public func nextTable() throws -> AnnexTable? {
        tableIndex += 1
        rowIndex = 0
        guard tableIndex < tables.count else { return nil }
        var header = tables[tableIndex]
        header.rows = []
        return header
    }

    public func nextRow() throws -> Row? {
        guard tableIndex >= 0, tableIndex < tables.count, rowIndex < tables[tableIndex].rows.count else { return nil }
        defer { rowIndex += 1 }
        return tables[tableIndex].rows[rowIndex]
    }
}
