import BieuCore
import BieuModel
import BieuTemplates
import Foundation

// The import flow: reader → sheet rows → locate (TableLocator) → assemble (RowAssembler)
// → interpret (RowPipeline: ids, RowBuilder, CellInterpreter) → validate → sink.
// ``Importer`` runs it over a whole workbook (any number of sheets, a base to merge into);
// ``StreamingImport`` runs it row by row into an ``ImportSink``; ``FileImport`` picks one.

/// Where the rows of a streaming import go, each as soon as it is finished, interpreted
/// and handed to validation, in sheet order. The import calls ``begin(report:table:)`` once,
/// ``row(_:sheetRow:)`` for every row, then ``finish()``; a sink that throws stops the import.
///
/// Sinks: ``ReportJSONSink`` (the canonical JSON file, in bounded memory) and ``ModelSink``
/// (the model, for callers that want it without the workbook's grid). A round store is the
/// next one: `begin` opens the return's revision in a transaction (unit and period from
/// `report`), `row` inserts the row's cells as written and interpreted, `finish` commits;
/// the findings come with the import's result and are stored with the revision.
public protocol ImportSink {
    /// The report's metadata (no tables) and the table about to be read (no rows).
    mutating func begin(report: Report, table: AnnexTable) throws
    /// One finished row; `sheetRow` is its 0-based row on the sheet.
    mutating func row(_ row: Row, sheetRow: Int) throws
    /// After the last row.
    mutating func finish() throws
}

/// The canonical JSON file (``ReportJSONWriter``): the bytes of ``ReportJSON/encode(_:)``.
public struct ReportJSONSink: ImportSink {
    public let path: String
    private var writer: ReportJSONWriter?

    /// `path` must not exist yet (write to a temporary path and commit it).
    public init(path: String) { self.path = path }

    public mutating func begin(report: Report, table: AnnexTable) throws {
        let w = try ReportJSONWriter(path: path, report: report)
        try w.beginTable(table)
        writer = w
    }

    public mutating func row(_ row: Row, sheetRow: Int) throws { try writer?.write(row) }
    public mutating func finish() throws { try writer?.finish() }
}

/// The model: the report with the table and its rows, and where each row was.
public struct ModelSink: ImportSink {
    public private(set) var report: Report?
    /// Row id → 0-based sheet row.
    public private(set) var positions: [String: Int] = [:]

    public init() {}

    public mutating func begin(report: Report, table: AnnexTable) throws {
        var r = report
        r.tables = [table]
        self.report = r
    }

    public mutating func row(_ row: Row, sheetRow: Int) throws {
        report?.tables[0].rows.append(row)
        positions[row.id] = sheetRow
    }

    public mutating func finish() throws {}
}

/// The interpret step, one assembled sheet row at a time, for both routes: the row's id (from
/// the sheet, first occurrence wins; else new), its model row (``RowBuilder``), and the
/// findings, each in a ``Bucket`` so that concatenating the buckets gives the whole import's order.
struct RowPipeline {
    enum Bucket: Int, CaseIterable { case duplicateIDs, rows, added }

    struct Made {
        var row: Row
        var sheetRow: Int
        /// The id came from the sheet.
        var hasSheetID: Bool
        /// bieu recorded the row's kind (else it was inferred).
        var recorded: Bool
    }

    private(set) var builder: RowBuilder
    let located: LocatedTable
    let tableID: String
    /// Rows without an id wait for ``assignNewID(_:sheetRow:findings:)`` (matched against the base first).
    let deferNew: Bool
    /// A new row is reported (there is a base or bieu's records to be new to).
    let announceNew: Bool
    /// Ids that new rows must avoid besides those seen so far: every id on the sheet, when known
    /// ahead (whole workbook); nil when rows stream in (``collides(_:)`` then tells when that matters).
    let reserved: Set<String>?
    let base: AnnexTable?
    private var counter = 1
    private var newPrefix: String { "\(tableID)-new-" }

    init(builder: RowBuilder, deferNew: Bool, announceNew: Bool, reserved: Set<String>?, base: AnnexTable?) {
        self.builder = builder
        located = builder.located
        tableID = builder.tableID
        self.deferNew = deferNew
        self.announceNew = announceNew
        self.reserved = reserved
        self.base = base
    }

    /// Streaming only: whether the row's sheet id is one an earlier new row may have been given.
    /// The whole import avoids such ids when naming new rows, which needs every id first.
    func collides(_ r: SheetRow) -> Bool {
        guard let id = r.id, id.hasPrefix(newPrefix), let n = Int(id.dropFirst(newPrefix.count)) else { return false }
        return n < counter
    }

    /// The model row for an assembled sheet row; nil for an empty slot row (no row).
    mutating func take(_ r: SheetRow, findings: inout [(bucket: Bucket, finding: Finding)]) -> Made? {
        var found: [Finding] = []
        let id = builder.claimID(r, findings: &found)
        findings += found.map { (.duplicateIDs, $0) }
        found.removeAll(keepingCapacity: true)
        let made = builder.makeRow(r, id: id, findings: &found)
        findings += found.map { (.rows, $0) }
        guard let made else { return nil }
        var row = made.row
        // No id on the sheet, or a copy of an earlier row's (which may carry a record).
        if id == nil && !deferNew { assignNewID(&row, sheetRow: r.sheetRow, findings: &findings) }
        return Made(row: row, sheetRow: r.sheetRow, hasSheetID: id != nil, recorded: made.recorded)
    }

    /// Gives a row the next free `<table>-new-<n>` id, and reports it as new.
    mutating func assignNewID(_ row: inout Row, sheetRow: Int, findings: inout [(bucket: Bucket, finding: Finding)]) {
        var id: String
        repeat {
            id = newPrefix + String(counter)
            counter += 1
        } while builder.seen.contains(id) || reserved?.contains(id) == true || base?.row(id) != nil
        row.id = id
        guard announceNew else { return }
        findings.append((.added, Finding(.warning, "row-added", at: SheetCell(sheet: builder.sheetName, address: CellAddress(row: sheetRow, column: located.columns["stt"] ?? located.columns.values.min() ?? 0)),
                                         table: tableID, row: id,
                                         vi: "dòng mới \"\(row.name)\" không có trong dữ liệu gốc; được thêm với mã \(id)",
                                         en: "new row \"\(row.name)\" is not in the original data; added as \(id)")))
    }
}

/// One file imported into a JSON file (or only checked): row by row in bounded memory when
/// the file allows it (``StreamingImport``: no base data, one table sheet, rows in order…),
/// else through the whole workbook (``Importer``). The choice is made here, not by callers;
/// both give the same bytes, findings and report. `BIEU_IMPORT_WHOLE=1` in the environment
/// forces the whole-workbook route (for comparing the two).
public struct FileImport {
    public var summary: ImportSummary
    /// The output was written (no errors, or ``ImportOptions/force``).
    public var wrote: Bool
    /// The whole import's result, when that route was taken.
    public var result: ImportResult?
    private var streamed: StreamingImport.Result?
    private var text: String?

    /// Imports `path`; with `output`, writes the report's JSON there atomically (its folder must
    /// exist: callers decide whether to create it) unless there are errors and not ``ImportOptions/force``.
    public static func run(path: String, catalog: TemplateCatalog, options: ImportOptions, output: String?, language: Language) throws -> FileImport {
        if let output {
            if ProcessInfo.processInfo.environment["BIEU_IMPORT_WHOLE"] == nil,
               case .done(let r) = try StreamingImport(catalog: catalog).run(path: path, options: options, output: output,
                                                                            force: options.force, language: language) {
                return FileImport(summary: r.summary, wrote: r.wrote, streamed: r)
            }
        }
        let source = try SpreadsheetFile.read(path: path, csvOptions: options.csv)
        let result = Importer(catalog: catalog).run(source.workbook, source: source.name, isCSV: source.kind == .csv, options: options)
        let wrote = output != nil && (result.summary.errors == 0 || options.force)
        if let output, wrote { try AtomicFile.write(ReportJSON.encode(result.report), to: output) }
        return FileImport(summary: result.summary, wrote: wrote, result: result,
                          text: ImportReport.text(result, file: source, source: source.name, language: language))
    }

    /// Writes the text report (``ImportReport/text(_:file:source:language:)``), piece by piece.
    public func writeText(_ write: (String) -> Void) {
        if let streamed { streamed.writeText(write) } else if let text { write(text) }
    }
}
