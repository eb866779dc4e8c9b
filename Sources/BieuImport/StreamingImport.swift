import BieuCore
import BieuCSV
import BieuModel
import BieuTemplates
import BieuXLSXReader
import Foundation

/// Imports a one-table workbook or CSV file straight into a JSON file, row by
/// row, in bounded memory: the header area is read into a small grid to locate
/// the table exactly as ``Importer/run(_:source:isCSV:options:)`` does; then
/// each data row goes through the same assembly, interpretation and
/// validation code and is written to the output as soon as it is complete.
///
/// The output bytes, the findings and the summary are those of the
/// whole-workbook import followed by ``ReportJSON/encode(_:)``. What later rows
/// need is kept small: the set of row ids, the open parent rows and their STTs.
/// The findings are kept as the text lines of the report (in the order the
/// whole import lists them), so their memory grows with their number (about
/// 200 bytes each), not with the rows.
///
/// Cases it does not handle give ``Outcome/needsWholeModel`` before or while
/// reading (no output is left behind); the caller then uses the whole-workbook
/// import: several sheets, a staff workbook's guide sheets, a sheet whose
/// table is not found, rows stored out of order, an id typed on the sheet that
/// equals an id given to an earlier new row.
public struct StreamingImport {
    public let catalog: TemplateCatalog

    public init(catalog: TemplateCatalog) { self.catalog = catalog }

    public enum Outcome {
        case done(Result)
        /// The file needs the whole-workbook import; nothing was written.
        case needsWholeModel
    }

    /// What a streaming import produced.
    public struct Result {
        public var summary: ImportSummary
        /// The output file was written (no errors, or `force`).
        public var wrote: Bool
        /// The findings, in the order of ``ImportResult/findings`` (only with `keepFindings`).
        public var findings: [Finding]?
        fileprivate var head: String
        fileprivate var lines: FindingLines

        /// Writes the text report, the same as ``ImportReport/text(_:file:source:language:)``.
        public func writeText(_ write: (String) -> Void) {
            write(head)
            lines.write(write)
            write(ImportReport.summaryLine(summary, hasBase: false, language: lines.language) + "\n")
        }

        public var text: String {
            var out = ""
            writeText { out += $0 }
            return out
        }
    }

    private enum Stop: Error { case needsWholeModel, headRead }

    /// Imports `path` into `output` (written through a temporary file and renamed at the end;
    /// kept only when there are no errors or `force`). `options.base` must be nil.
    /// Reading errors are thrown as the whole import throws them; no file is left behind.
    public func run(path: String, options: ImportOptions = ImportOptions(), output: String, force: Bool, language: Language,
                    keepFindings: Bool = false) throws -> Outcome {
        let temp = AtomicFile.temporaryPath(for: output)
        var sink = ReportJSONSink(path: temp)
        do {
            let outcome = try run(path: path, options: options, into: &sink, force: force, language: language, keepFindings: keepFindings)
            guard case .done(let result) = outcome, result.wrote else {
                unlink(temp)
                return outcome
            }
            try AtomicFile.commit(temporary: temp, to: output)
            return outcome
        } catch {
            unlink(temp)
            throw error
        }
    }

    /// Imports `path` row by row into `sink`. ``Outcome/needsWholeModel`` when the file needs the
    /// whole-workbook import (the sink may have seen part of the rows; it is to be discarded).
    public func run<Sink: ImportSink>(path: String, options: ImportOptions = ImportOptions(), into sink: inout Sink, force: Bool,
                                      language: Language, keepFindings: Bool = false) throws -> Outcome {
        guard options.base == nil, options.round == nil else { return .needsWholeModel }
        do {
            return try read(path: path, options: options, sink: &sink, force: force, language: language, keepFindings: keepFindings)
        } catch Stop.needsWholeModel {
            return .needsWholeModel
        }
    }

    /// The sheet rows of a file, twice: first the head (rows until the header can be located,
    /// with the sheet's merged ranges), then every row.
    private struct Source {
        var name: String
        var kind: SpreadsheetFile.Kind
        var identity: WorkbookIdentity?
        var sheetName: String
        var readHead: () throws -> GridSheet
        var readRows: (_ row: (Int, [GridCell]) throws -> Void) throws -> [Bilingual]
    }

    private func source(path: String, csv options: CSVReadOptions, findings: inout [Finding]) throws -> Source? {
        let name = (path as NSString).lastPathComponent
        let headRows = TableLocator.maxScanRows + 8
        switch try XLSXReader.fileKind(path: path) {
        case .zip where SpreadsheetFile.isWordDocument(path: path):
            // A document's tables are read whole.
            return nil
        case .text:
            let sheetName = CSVReader.sheetName(forPath: path)
            return Source(name: name, kind: .csv, identity: nil, sheetName: sheetName, readHead: {
                var cells: [GridCell] = []
                var row = 0
                do {
                    try CSVReader.forEachRow(path: path, options: options) { _, fields in
                        guard row < headRows else { throw Stop.headRead }
                        for (column, text) in fields.enumerated() where !text.isEmpty {
                            cells.append(GridCell(address: CellAddress(row: row, column: column), value: .string(text)))
                        }
                        row += 1
                    }
                } catch Stop.headRead {}
                return GridSheet(name: sheetName, cells: cells)
            }, readRows: { body in
                var row = 0
                var cells: [GridCell] = []
                let info = try CSVReader.forEachRow(path: path, options: options) { _, fields in
                    cells.removeAll(keepingCapacity: true)
                    for (column, text) in fields.enumerated() where !text.isEmpty {
                        cells.append(GridCell(address: CellAddress(row: row, column: column), value: .string(text)))
                    }
                    if !cells.isEmpty { try body(row, cells) }
                    row += 1
                }
                return [Bilingual(vi: "\(name): \(info.summary.vi)", en: "\(name): \(info.summary.en)")] + info.notes
            })
        case .zip, .ole, .other:
            let reader = try XLSXReader(path: path)
            // One table sheet, and bieu's identity sheet if any: anything else is read whole.
            let identityIndex = reader.sheets.firstIndex { $0.name == WorkbookIdentity.sheetName }
            let others = reader.sheets.indices.filter { $0 != identityIndex }
            guard others.count == 1, let index = others.first, reader.sheets[index].isWorksheet, reader.sheets[index].state == .visible else { return nil }
            var identity: WorkbookIdentity?
            if let identityIndex {
                let sheet = try reader.readSheet(at: identityIndex)
                identity = WorkbookIdentity.read(GridWorkbook(sheets: [sheet]), findings: &findings)
            }
            let info = reader.sheets[index]
            if identity?.guideSheets.values.contains(info.name) == true { return nil }
            return Source(name: name, kind: .xlsx, identity: identity, sheetName: info.name, readHead: {
                var cells: [GridCell] = []
                let layout = try reader.readSheet(at: index) { row in
                    guard row.index < headRows else { return }
                    cells += row.cells
                }
                var sheet = GridSheet(name: info.name, state: info.state, cells: [], merges: layout.merges)
                // Keep the last of cells given twice, as the whole read does.
                sheet.cells = Self.lastOfDuplicates(cells)
                sheet.hiddenRows = layout.hiddenRows
                sheet.hiddenColumns = layout.hiddenColumns
                return sheet
            }, readRows: { body in
                var previous = -1
                try reader.readSheet(at: index) { row in
                    guard !row.cells.isEmpty else { return }
                    // Rows out of order need the whole sheet sorted first.
                    guard row.index > previous else { throw Stop.needsWholeModel }
                    previous = row.index
                    try body(row.index, Self.lastOfDuplicates(row.cells))
                }
                return []
            })
        }
    }

    /// Cells in row-major order, the last of any given twice (as the whole read orders them).
    static func lastOfDuplicates(_ cells: [GridCell]) -> [GridCell] {
        var ordered = true
        for i in cells.indices.dropFirst() where !(cells[i - 1].address < cells[i].address) {
            ordered = false
            break
        }
        if ordered { return cells }
        let sorted = cells.enumerated().sorted { a, b in
            a.element.address != b.element.address ? a.element.address < b.element.address : a.offset < b.offset
        }
        var out: [GridCell] = []
        for (_, cell) in sorted {
            if let last = out.last, last.address == cell.address { out[out.count - 1] = cell } else { out.append(cell) }
        }
        return out
    }

    private func read<Sink: ImportSink>(path: String, options: ImportOptions, sink: inout Sink, force: Bool, language: Language,
                                        keepFindings: Bool) throws -> Outcome {
        let lines = FindingLines(language: language, keep: keepFindings)
        var preFindings: [Finding] = []
        guard let source = try source(path: path, csv: options.csv, findings: &preFindings) else { return .needsWholeModel }
        let importer = Importer(catalog: catalog)
        let head = try source.readHead()
        let identity = source.identity?.resolvingRenamedSheet(in: GridWorkbook(sheets: [head]), findings: &preFindings)
        let knownReport = identity?.report
        let known = knownReport.map { PlaceholderValues(report: $0) }
        guard let located = importer.locate(head, identity: identity, options: options, known: known, findings: &preFindings) else {
            return .needsWholeModel
        }
        let record = identity?.table(onSheet: source.sheetName)
        let tableID = record?.tableID ?? located.template.id
        let template = located.template

        // Buckets, in the order the whole import lists findings: before the rows, the row
        // pipeline's buckets, then the rules'.
        let firstRule = 1 + RowPipeline.Bucket.allCases.count
        for f in preFindings { try lines.add(f, bucket: 0) }
        for f in importer.titleFindings(located: located, identity: identity, record: record, known: known) { try lines.add(f, bucket: 0) }

        let title = importer.tableTitle(located: located, record: record, known: known, baseTable: nil)
        var report = options.adjusted(knownReport ?? importer.reportFromCaptured([ImportedTable(table: AnnexTable(id: tableID, template: template.id), located: located)]))
        report.tables = []
        try sink.begin(report: report, table: AnnexTable(id: tableID, template: template.id, title: title))

        var assembler = RowAssembler(located: located)
        var coverage = SheetCoverage(located: located, merges: head.merges)
        var pipeline = RowPipeline(builder: RowBuilder(sheetName: source.sheetName, located: located, tableID: tableID, identity: identity,
                                                       isCSV: source.kind == .csv),
                                   deferNew: false, announceNew: identity != nil, reserved: nil, base: nil)
        var validator = RowValidator(tableID: tableID, template: template, sheetName: source.sheetName, columns: located.columns,
                                     values: PlaceholderValues(report: report))
        lines.reserveBuckets(firstRule + validator.bucketCount)
        var rowCount = 0
        var found: [(bucket: RowPipeline.Bucket, finding: Finding)] = []

        func finish(_ r: SheetRow) throws {
            if pipeline.collides(r) { throw Stop.needsWholeModel }
            let made = pipeline.take(r, findings: &found)
            for (bucket, f) in found { try lines.add(f, bucket: 1 + bucket.rawValue) }
            found.removeAll(keepingCapacity: true)
            guard let made else { return }
            try validator.add(made.row, sheetRow: made.sheetRow) { bucket, f in try lines.add(f, bucket: firstRule + bucket) }
            try sink.row(made.row, sheetRow: made.sheetRow)
            rowCount += 1
        }

        let notes = try source.readRows { row, cells in
            coverage.add(row: row, cells: cells)
            assembler.add(row: row, cells: cells)
            for r in assembler.takeFinished() { try finish(r) }
        }
        for f in coverage.findings(sheet: source.sheetName, table: tableID) { try lines.add(f, bucket: 0) }
        for r in assembler.takeFinished(all: true) { try finish(r) }
        try validator.flush { bucket, f in try lines.add(f, bucket: firstRule + bucket) }
        try sink.finish()

        var summary = ImportSummary()
        summary.tables = 1
        summary.rows = rowCount
        summary.rowsAdded = 0
        summary.rowsMatched = rowCount
        summary.errors = lines.counts[Finding.Severity.error.rank]
        summary.warnings = lines.counts[Finding.Severity.warning.rank]
        summary.notes = lines.counts[Finding.Severity.note.rank]
        let text = ImportReport.textHead(source: source.name, kind: source.kind, notes: notes,
                                         tables: [(tableID, located, rowCount)], language: language)
        return .done(Result(summary: summary, wrote: summary.errors == 0 || force, findings: lines.kept, head: text, lines: lines))
    }
}

/// Findings as report lines, in buckets (phases of the import, rules and columns) whose
/// concatenation is the whole import's order, split by severity for the report.
///
/// Lines are kept in memory up to ``spillSize`` bytes per bucket and severity; beyond
/// that they go to an anonymous temporary file (gone when the process ends), so a file
/// with a finding on every row does not hold them all in memory.
final class FindingLines {
    let language: Language
    /// bucket → severity rank → lines not yet spilled, UTF-8.
    private var buckets: [[[UInt8]]] = []
    /// bucket → severity rank → (offset, length) of spilled pieces, in order.
    private var spilled: [[[(offset: Int64, count: Int)]]] = []
    private(set) var counts = [0, 0, 0]
    private var keptBuckets: [[Finding]]?
    private var spill: UnsafeMutablePointer<FILE>?
    private var spillEnd: Int64 = 0
    static let spillSize = 1 << 16

    init(language: Language, keep: Bool) {
        self.language = language
        keptBuckets = keep ? [] : nil
    }

    deinit { if let spill { fclose(spill) } }

    func reserveBuckets(_ n: Int) {
        while buckets.count < n {
            buckets.append([[], [], []])
            spilled.append([[], [], []])
        }
        if keptBuckets != nil { while keptBuckets!.count < n { keptBuckets!.append([]) } }
    }

    func add(_ f: Finding, bucket: Int) throws {
        reserveBuckets(bucket + 1)
        let rank = f.severity.rank
        counts[rank] += 1
        buckets[bucket][rank].append(contentsOf: f.line(language).utf8)
        buckets[bucket][rank].append(0x0A)
        keptBuckets?[bucket].append(f)
        if buckets[bucket][rank].count >= Self.spillSize { try spillOut(bucket, rank) }
    }

    private func spillOut(_ bucket: Int, _ rank: Int) throws {
        if spill == nil {
            guard let file = tmpfile() else {
                throw BieuMessageError(vi: "không tạo được tệp tạm: \(String(cString: strerror(errno)))",
                                       en: "cannot create a temporary file: \(String(cString: strerror(errno)))")
            }
            spill = file
        }
        let piece = buckets[bucket][rank]
        let written = piece.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, spill) }
        guard written == piece.count else {
            throw BieuMessageError(vi: "không ghi được tệp tạm: \(String(cString: strerror(errno)))",
                                   en: "cannot write a temporary file: \(String(cString: strerror(errno)))")
        }
        spilled[bucket][rank].append((spillEnd, piece.count))
        spillEnd += Int64(piece.count)
        buckets[bucket][rank].removeAll(keepingCapacity: true)
    }

    var kept: [Finding]? { keptBuckets.map { $0.flatMap { $0 } } }

    /// Errors first, then warnings, then notes; each in the import's order.
    func write(_ write: (String) -> Void) {
        if let spill { fflush(spill) }
        var piece = [UInt8](repeating: 0, count: Self.spillSize)
        for rank in [2, 1, 0] {
            for (b, bucket) in buckets.enumerated() {
                for (offset, count) in spilled[b][rank] {
                    if piece.count < count { piece = [UInt8](repeating: 0, count: count) }
                    let got = piece.withUnsafeMutableBytes { pread(fileno(spill), $0.baseAddress, count, off_t(offset)) }
                    write(String(decoding: piece[..<max(got, 0)], as: UTF8.self))
                }
                if !bucket[rank].isEmpty { write(String(decoding: bucket[rank], as: UTF8.self)) }
            }
        }
    }
}
