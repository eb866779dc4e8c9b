import BieuCore
import BieuCSV
import BieuImport
import BieuModel
import BieuTemplates
import Foundation

/// Receives returns into a round: reads each file through the import pipeline
/// (``Importer``, against what was sent), checks the workbook's round identity,
/// and stores it as a new revision of its unit.
///
/// ``prepare(path:unit:force:now:)`` does the reading and checking and touches no store,
/// so many files can be prepared at once; ``store(_:)`` writes one file in one transaction.
public struct Receiver: Sendable {
    /// Largest return accepted, in bytes.
    public static let maxFileSize = 64 << 20

    public let service: RoundService
    public let round: RoundInfo
    public let units: [RoundUnit]
    public let sent: Report
    public let importer: Importer
    /// The digests of what was sent to each unit (its round workbook, then feedback workbooks), in order.
    let sentDigests: [String: [String]]
    /// Units with a file sent before digests were recorded (a store of schema v1): their returns'
    /// digests cannot all be known, so they are not checked.
    let unknownDigests: Set<String>

    public init(service: RoundService, round: RoundInfo) throws {
        self.service = service
        self.round = round
        self.units = try service.store.units(round: round.id)
        self.sent = try service.sentReport(round)
        self.importer = Importer(catalog: service.catalog)
        var digests: [String: [String]] = [:]
        var unknown: Set<String> = []
        for f in try service.store.sent(round: round.id) {
            if let d = f.digest { digests[f.unitID, default: []].append(d) } else { unknown.insert(f.unitID) }
        }
        self.sentDigests = digests
        self.unknownDigests = unknown
    }

    /// A return read and checked, ready to store.
    public struct Prepared: Sendable {
        public var revision: NewRevision
        public var unit: RoundUnit
        /// Why `--force` was needed (empty when it was not).
        public var forced: [RoundError]
        public var rows: Int
    }

    /// Reads one return and checks it against the round. Throws ``RoundError`` when it is not a
    /// usable return of this round (an identity mismatch only without `force`).
    public func prepare(path: String, unit unitArgument: String? = nil, force: Bool = false, csv: CSVReadOptions = CSVReadOptions(),
                        now: Date = Date()) throws -> Prepared {
        let name = (path as NSString).lastPathComponent
        let bytes = try RoundService.readFile(path, limit: Self.maxFileSize)
        let file: SpreadsheetFile
        do {
            file = try SpreadsheetFile.read(path: path, csvOptions: csv)
        } catch {
            let e = error as? UserFacingError
            throw RoundError.unreadable(file: name, reason: Bilingual(vi: e?.message(.vi) ?? "\(error)", en: e?.message(.en) ?? "\(error)"))
        }
        let identity = file.kind == .xlsx ? WorkbookMetadata.identity(of: file.workbook) : nil

        // Which unit, and does the workbook belong to this round?
        var mismatches: [RoundError] = []
        var unit: RoundUnit?
        if let unitArgument {
            guard let u = RoundService.matchUnit(unitArgument, in: units) else {
                throw RoundError.noSuchUnit(unit: unitArgument, available: units.map(\.name))
            }
            unit = u
        }
        if let identity {
            let roundID = identity.roundID ?? ""
            let period = WorkbookMetadata.periodCode(identity.period)
            if roundID != round.id { mismatches.append(.mismatch(file: name, field: .round, expected: round.id, found: roundID)) }
            if period != round.period { mismatches.append(.mismatch(file: name, field: .period, expected: round.period, found: period)) }
            if identity.templateID != round.templateID {
                mismatches.append(.mismatch(file: name, field: .template, expected: round.templateID, found: identity.templateID))
            }
            let named = identity.unit.flatMap { u in units.first { $0.id == u.id } ?? RoundService.matchUnit(u.name, in: units) }
            if let u = unit {
                if named?.id != u.id { mismatches.append(.mismatch(file: name, field: .unit, expected: u.name, found: identity.unit?.name ?? "")) }
            } else if let named {
                unit = named
            } else if let u = identity.unit {
                throw RoundError.unknownUnit(file: name, unit: u.name, available: units.map(\.name))
            }
        }
        guard let unit else { throw RoundError.noUnit(file: name) }
        // The digest of what was sent: a workbook copied from another unit, made for this round in
        // another store, or with its identity edited by hand does not carry one sent to this unit.
        if let identity, mismatches.isEmpty, !unknownDigests.contains(unit.id) {
            let expected = sentDigests[unit.id] ?? []
            if !(identity.digest.map(expected.contains) ?? false) {
                mismatches.append(.digestMismatch(file: name, unit: unit.name, expected: expected, found: identity.digest ?? ""))
            }
        }
        if !mismatches.isEmpty && !force { throw mismatches[0] }

        // Read through the import pipeline, against what was sent.
        let result = importer.run(file.workbook, source: name, isCSV: file.kind == .csv,
                                  options: ImportOptions(templateID: round.templateID, base: sent, round: identity == nil ? nil : round.id, force: force))
        guard let imported = result.imported.first(where: { $0.located.template.id == round.templateID }) else {
            if let other = result.imported.first {
                let e = RoundError.mismatch(file: name, field: .template, expected: round.templateID, found: other.located.template.id)
                if !force { throw e }
                mismatches.append(e)
            }
            let reason = result.findings.first { $0.severity == .error }?.message
                ?? Bilingual(vi: "không có biểu theo mẫu \(round.templateID)", en: "no table of template \(round.templateID)")
            throw RoundError.notAReturn(file: name, reason: reason)
        }
        let tableID = imported.table.id
        let table = result.report.table(tableID) ?? imported.table
        let template = imported.located.template

        var cells: [StoredCell] = []
        for row in table.rows {
            for (column, cell) in row.cells {
                let at = result.addresses.address(table: tableID, row: row.id, column: column).map { "\($0)" }
                cells.append(StoredCell(tableID: tableID, rowID: row.id, columnID: column, location: at, text: cell.text,
                                        kind: cell.value.typeName, number: cell.value.numericValue.map(DecimalFormatting.plain)))
            }
        }
        let findings = result.findings.map { f in
            StoredFinding(severity: f.severity.rawValue, code: f.code, location: f.location.map { "\($0)" }, tableID: f.tableID, rowID: f.rowID,
                          columnID: f.columnID, vi: f.message.vi, en: f.message.en)
        }
        var report = result.report
        report.tables = [table]
        let untouched = Self.untouched(table, sent: sent.table(round.tableID), template: template)
        let revision = NewRevision(roundID: round.id, unitID: unit.id, fileName: name, bytes: bytes, receivedAt: now, forced: !mismatches.isEmpty,
                                   forceReason: mismatches.isEmpty ? nil : mismatches.map { $0.message(.vi) }.joined(separator: "; "),
                                   forceReasonEN: mismatches.isEmpty ? nil : mismatches.map { $0.message(.en) }.joined(separator: "; "),
                                   untouched: untouched, reportJSON: ReportJSON.encode(report), cells: cells, findings: findings)
        return Prepared(revision: revision, unit: unit, forced: mismatches, rows: table.rows.count)
    }

    /// Stores a prepared return (one transaction).
    public func store(_ prepared: Prepared) throws -> ReceiveOutcome {
        try service.store.receive(prepared.revision)
    }

    /// True when no cell a unit can fill differs from what was sent and no row was added:
    /// computed and assessment columns are not compared (a spreadsheet recomputes them).
    static func untouched(_ table: AnnexTable, sent: AnnexTable?, template: Template) -> Bool {
        guard let sent else { return false }
        let compared = template.columns.filter { $0.kind != .computed && $0.kind != .assessment }
        var sentRows: [String: Row] = [:]
        for r in sent.rows { sentRows[r.id] = r }
        for row in table.rows {
            guard let before = sentRows[row.id] else {
                // A new row with nothing typed into it is no change.
                if !row.cells.isEmpty || !row.name.isEmpty { return false }
                continue
            }
            for c in compared {
                switch c.field {
                case .stt: if row.stt != before.stt { return false }
                case .name: if row.name != before.name { return false }
                case .unit: if row.unit != before.unit { return false }
                case .note: if row.note != before.note { return false }
                case .cell: if (row.cells[c.id]?.text ?? "") != (before.cells[c.id]?.text ?? "") { return false }
                }
            }
        }
        return true
    }
}
