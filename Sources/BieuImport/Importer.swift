import BieuCore
import BieuModel
import BieuTemplates
import Foundation

/// Reads annex tables out of a workbook (or a CSV file read as one sheet)
/// back into the canonical model, with findings, addresses, and — given the
/// base data — a merge and a diff.
public struct Importer: Sendable {
    public let catalog: TemplateCatalog

    public init(catalog: TemplateCatalog) { self.catalog = catalog }

    /// A template by id, with a load failure turned into a finding.
    func template(_ id: String, findings: inout [Finding]) -> Template? {
        do {
            return try catalog.find(id)
        } catch {
            findings.append(Finding(.error, "bad-template", vi: (error as? UserFacingError)?.message(.vi) ?? "\(error)",
                                    en: (error as? UserFacingError)?.message(.en) ?? "\(error)"))
            return nil
        }
    }

    /// Imports every table found in `workbook`. `source` names the file in messages.
    public func run(_ workbook: GridWorkbook, source: String, isCSV: Bool = false, options: ImportOptions = ImportOptions()) -> ImportResult {
        var findings: [Finding] = []
        let identity = isCSV ? nil : WorkbookIdentity.read(workbook, findings: &findings)?.resolvingRenamedSheet(in: workbook, findings: &findings)
        let knownReport = identity?.report ?? options.base
        let known = knownReport.map { PlaceholderValues(report: $0) }

        var imported: [ImportedTable] = []
        var addresses = AddressBook()
        var usedTableIDs = Set<String>()
        let guides = Set(identity?.guideSheets.values.map { $0 } ?? [])
        let candidates = workbook.sheets.filter { $0.state == .visible && $0.name != WorkbookIdentity.sheetName && !guides.contains($0.name) }
        for sheet in candidates {
            guard let located = locate(sheet, identity: identity, options: options, known: known, amongOthers: candidates.count > 1,
                                       findings: &findings) else { continue }
            let record = identity?.table(onSheet: sheet.name)
            var tableID = record?.tableID ?? options.base?.tables.first(where: { $0.template == located.template.id && !usedTableIDs.contains($0.id) })?.id
                ?? located.template.id
            if usedTableIDs.contains(tableID) {
                var n = 2
                while usedTableIDs.contains("\(tableID)-\(n)") { n += 1 }
                tableID = "\(tableID)-\(n)"
            }
            usedTableIDs.insert(tableID)
            let baseTable = options.base?.table(tableID)
            let table = buildTable(sheet: sheet, located: located, tableID: tableID, identity: identity, record: record,
                                   baseTable: baseTable, known: known, isCSV: isCSV, addresses: &addresses, findings: &findings)
            imported.append(ImportedTable(table: table, located: located))
        }
        if imported.isEmpty {
            findings.append(Finding(.error, "no-table", vi: "\(source): không tìm thấy biểu nào khớp với mẫu biểu đã biết (\(catalog.ids.joined(separator: ", ")))",
                                    en: "\(source): no table matching a known template (\(catalog.ids.joined(separator: ", ")))"))
        }

        let identityFindings = IdentityCheck.run(identity: identity, imported: imported, options: options)
        findings += identityFindings
        let forced = options.force ? identityFindings.count : 0

        // Report metadata: the workbook's own record, else the base, else what the titles say.
        var report = options.adjusted(knownReport ?? reportFromCaptured(imported))
        report.tables = imported.map(\.table)

        // Validation rules, table by table.
        for t in imported {
            let baseTable = options.base?.table(t.table.id)
            findings += Validator.run(table: t.table, template: t.located.template, base: baseTable, addresses: addresses,
                                      values: PlaceholderValues(report: report))
        }

        var summary = ImportSummary()
        summary.tables = imported.count
        summary.rows = imported.reduce(0) { $0 + $1.table.rows.count }
        var result = report
        var diff: ReportDiff?
        if let base = options.base {
            result = Merger.merge(base: base, imported: report, strategy: options.strategy, findings: &findings, addresses: addresses)
            result.unit = report.unit ?? base.unit
            let d = ReportDiff.compute(old: base, new: result, newAddresses: addresses)
            diff = d
            summary.rowsAdded = d.tables.reduce(0) { $0 + $1.addedRows.count }
            summary.rowsRemoved = d.tables.reduce(0) { $0 + $1.removedRows.count }
            summary.rowsMoved = d.tables.reduce(0) { $0 + $1.movedRows.count }
            summary.valuesChanged = d.tables.reduce(0) { $0 + $1.changes.count }
            summary.rowsMatched = imported.reduce(0) { acc, t in
                acc + t.table.rows.filter { r in base.table(t.table.id)?.row(r.id) != nil }.count
            }
        } else {
            summary.rowsAdded = 0
            summary.rowsMatched = summary.rows
        }
        summary.errors = findings.errorCount
        summary.warnings = findings.warningCount
        summary.notes = findings.noteCount
        summary.forced = forced
        return ImportResult(report: result, imported: imported, addresses: addresses, findings: findings, summary: summary, diff: diff)
    }

    // MARK: - Locating

    /// The template to use for a sheet and where its table is. With `--template` on a file of several
    /// sheets (or a document of several tables), a sheet that another template matches better (by
    /// ``detect(_:templates:known:)``'s order: share of columns, then similarity) is not that template's
    /// table: it is skipped with a warning naming both matches.
    func locate(_ sheet: GridSheet, identity: WorkbookIdentity?, options: ImportOptions, known: PlaceholderValues?,
                amongOthers: Bool = false, findings: inout [Finding]) -> LocatedTable? {
        let head = TableLocator.Head(sheet: sheet)
        if let record = identity?.table(onSheet: sheet.name) {
            guard let template = template(record.templateID, findings: &findings) else {
                findings.append(Finding(.error, "unknown-template", at: SheetCell(sheet: sheet.name, address: CellAddress(row: 0, column: 0)),
                                        vi: "trang tính được tạo từ mẫu biểu \"\(record.templateID)\" nhưng mẫu này không có (có: \(catalog.ids.joined(separator: ", ")))",
                                        en: "the sheet was made from template \"\(record.templateID)\", which is not available (available: \(catalog.ids.joined(separator: ", ")))"))
                return nil
            }
            let hint = known.map { TableLayout(template: template, values: $0, titleOverride: record.title).headerRows.lowerBound }
            guard let located = TableLocator.locate(template, in: head, known: known, hint: hint) ?? TableLocator.locate(template, in: head) else {
                findings.append(Finding(.error, "table-not-found", at: SheetCell(sheet: sheet.name, address: CellAddress(row: 0, column: 0)),
                                        vi: "không tìm thấy dòng tiêu đề của mẫu \(template.id) trên trang tính (tiêu đề cột đã bị xoá hoặc sửa quá nhiều?)",
                                        en: "the header of template \(template.id) is not on the sheet (column headers deleted or changed too much?)"))
                return nil
            }
            if record.templateVersion != template.version {
                let compatible = located.missingColumns.isEmpty
                findings.append(Finding(compatible ? .warning : .error, "template-version", at: SheetCell(sheet: sheet.name, address: CellAddress(row: located.headerRows.lowerBound, column: 0)),
                                        vi: compatible
                                            ? "tệp được tạo từ mẫu \(template.id) phiên bản \(record.templateVersion), mẫu hiện hành là phiên bản \(template.version); các cột vẫn khớp nên đã đọc theo mẫu mới"
                                            : "tệp được tạo từ mẫu \(template.id) phiên bản \(record.templateVersion), mẫu hiện hành là phiên bản \(template.version) và thiếu cột \(located.missingColumns.joined(separator: ", ")); hãy dùng biểu mẫu mới",
                                        en: compatible
                                            ? "the file was made from template \(template.id) version \(record.templateVersion); the current version is \(template.version); the columns still match, so it was read with the current one"
                                            : "the file was made from template \(template.id) version \(record.templateVersion); the current version is \(template.version) and columns \(located.missingColumns.joined(separator: ", ")) are missing; use a new workbook"))
            }
            return located
        }
        if let id = options.templateID {
            guard let template = template(id, findings: &findings) else {
                findings.append(Finding(.error, "unknown-template", vi: "không có mẫu biểu \"\(id)\" (có: \(catalog.ids.joined(separator: ", ")))",
                                        en: "no template \"\(id)\" (available: \(catalog.ids.joined(separator: ", ")))"))
                return nil
            }
            guard let located = TableLocator.locate(template, in: head, known: known) ?? TableLocator.locate(template, in: head) else {
                findings.append(Finding(.note, "table-not-found", at: SheetCell(sheet: sheet.name, address: CellAddress(row: 0, column: 0)),
                                        vi: "trang tính không có biểu theo mẫu \(id)", en: "the sheet has no table of template \(id)"))
                return nil
            }
            if amongOthers, let other = Self.detect(head, templates: (try? catalog.all()) ?? [], known: known),
               other.template.id != id {
                let here = SheetCell(sheet: sheet.name, address: CellAddress(row: located.headerRows.lowerBound, column: 0))
                findings.append(Finding(.warning, "other-template", at: here,
                                        vi: "bảng này khớp mẫu \(other.template.id) (\(other.matchedCount)/\(other.columnCount) cột) hơn mẫu \(id) (\(located.matchedCount)/\(located.columnCount) cột); bỏ qua, không nhập — nhập nó với --template \(other.template.id), hoặc bỏ --template",
                                        en: "this table matches template \(other.template.id) (\(other.matchedCount)/\(other.columnCount) columns) better than \(id) (\(located.matchedCount)/\(located.columnCount) columns); skipped, not imported — import it with --template \(other.template.id), or without --template"))
                return nil
            }
            return located
        }
        let templates: [Template]
        do {
            templates = try catalog.all()
        } catch {
            findings.append(Finding(.error, "bad-template", vi: (error as? UserFacingError)?.message(.vi) ?? "\(error)",
                                    en: (error as? UserFacingError)?.message(.en) ?? "\(error)"))
            return nil
        }
        guard let best = Self.detect(head, templates: templates, known: known) else {
            findings.append(Finding(.note, "table-not-found", at: SheetCell(sheet: sheet.name, address: CellAddress(row: 0, column: 0)),
                                    vi: "trang tính không khớp mẫu biểu nào; bỏ qua", en: "the sheet matches no template; skipped"))
            return nil
        }
        return best
    }

    /// The best-matching template for a sheet: most columns matched, then highest similarity.
    public static func detect(_ head: TableLocator.Head, templates: [Template], known: PlaceholderValues? = nil) -> LocatedTable? {
        var best: LocatedTable?
        for t in templates {
            guard let l = TableLocator.locate(t, in: head, known: known) ?? TableLocator.locate(t, in: head) else { continue }
            let bestShare = best?.columnShare ?? -1
            if l.columnShare > bestShare + 1e-9 || (abs(l.columnShare - bestShare) < 1e-9 && l.score > best!.score) { best = l }
        }
        return best
    }

    // MARK: - Building the table

    func buildTable(sheet: GridSheet, located: LocatedTable, tableID: String, identity: WorkbookIdentity?, record: WorkbookIdentity.TableRecord?,
                    baseTable: AnnexTable?, known: PlaceholderValues?, isCSV: Bool, addresses: inout AddressBook, findings: inout [Finding]) -> AnnexTable {
        let template = located.template
        findings += titleFindings(located: located, identity: identity, record: record, known: known)
        var assembler = RowAssembler(located: located)
        var coverage = SheetCoverage(located: located, merges: sheet.merges)
        for (row, cells) in sheet.rows() {
            coverage.add(row: row, cells: cells)
            assembler.add(row: row, cells: cells)
        }
        findings += coverage.findings(sheet: sheet.name, table: tableID)
        let sheetRows = assembler.takeFinished(all: true)

        // Ids: from the sheet (first occurrence wins), then by matching the base, then new.
        var pipeline = RowPipeline(builder: RowBuilder(sheetName: sheet.name, located: located, tableID: tableID, identity: identity, isCSV: isCSV),
                                   deferNew: baseTable != nil, announceNew: baseTable != nil || identity != nil,
                                   reserved: Set(sheetRows.compactMap(\.id)), base: baseTable)
        var found: [(bucket: RowPipeline.Bucket, finding: Finding)] = []
        var rows: [Row] = []
        var positions: [String: Int] = [:]
        var pending: [(index: Int, sheetRow: Int, recorded: Bool)] = []
        for r in sheetRows {
            guard let made = pipeline.take(r, findings: &found) else { continue }
            if !made.hasSheetID && pipeline.deferNew { pending.append((rows.count, made.sheetRow, made.recorded)) } else { positions[made.row.id] = made.sheetRow }
            rows.append(made.row)
        }

        // Rows without ids (against a base): match the base, else give them new ids.
        if let baseTable, !pending.isEmpty {
            var matched = RowMatching.match(names: pending.map { (rows[$0.index].stt, rows[$0.index].name, $0.index) }, base: baseTable,
                                            taken: pipeline.builder.seen)
            // Align what is left between matched neighbours (rows with ids count as matched).
            var all: [String?] = rows.map { $0.id.isEmpty ? nil : $0.id }
            for (k, p) in pending.enumerated() { all[p.index] = matched[k] }
            RowMatching.alignGaps(rows: rows, matched: &all, base: baseTable)
            for (k, p) in pending.enumerated() { matched[k] = all[p.index] }
            for (k, p) in pending.enumerated() {
                if let id = matched[k], let baseRow = baseTable.row(id) {
                    rows[p.index].id = id
                    if !p.recorded {
                        rows[p.index].kind = baseRow.kind
                        rows[p.index].direction = baseRow.direction
                    }
                } else {
                    pipeline.assignNewID(&rows[p.index], sheetRow: p.sheetRow, findings: &found)
                }
                positions[rows[p.index].id] = p.sheetRow
            }
        }
        for bucket in RowPipeline.Bucket.allCases { findings += found.lazy.filter { $0.bucket == bucket }.map(\.finding) }

        // A value in a computed or assessment column that the base leaves empty and that is
        // exactly what the formula gives was filled in by an export (CSV has no formulas): derived.
        if let baseTable {
            let sheetRows = Dictionary(assembler.rows.map { ($0.sheetRow, $0) }, uniquingKeysWith: { a, _ in a })
            for k in rows.indices {
                guard let baseRow = baseTable.row(rows[k].id) else { continue }
                for column in template.columns where column.kind == .computed || column.kind == .assessment {
                    guard baseRow.cells[column.id] == nil, let cell = rows[k].cells[column.id] else { continue }
                    // Evaluate with the base's readings of cells whose text did not change.
                    var probe = Merger.keepUnchanged(rows[k], base: baseRow)
                    probe.cells[column.id] = nil
                    if column.kind == .computed, let v = ComputedCheck.displayValue(column, row: probe, template: template), cell.value.numericValue == v {
                        rows[k].cells[column.id] = nil
                    } else if column.kind == .assessment, let rule = column.assessment, case .status(let st) = cell.value {
                        let ratio = probe.cells[rule.from]?.value.numericValue
                            ?? template.column(rule.from).flatMap { ComputedCheck.displayValue($0, row: probe, template: template) }
                        if let ratio, rule.status(forRatio: ratio) == st { rows[k].cells[column.id] = nil }
                    }
                    if let kept = rows[k].cells[column.id], identity != nil, !isCSV, baseRow.kind.holdsValues, let sheetRow = positions[rows[k].id],
                       let c = located.columns[column.id], sheetRows[sheetRow]?.cells[column.id]?.formula == nil {
                        findings.append(FormulaReplacement.finding(at: SheetCell(sheet: sheet.name, address: CellAddress(row: sheetRow, column: c)), table: tableID,
                                                                   row: rows[k].id, column: column, typed: kept, formulaGives: probe, template: template))
                    }
                }
            }
        }

        addresses.sheets[tableID] = sheet.name
        addresses.rows[tableID] = positions
        addresses.columns[tableID] = located.columns

        let title = tableTitle(located: located, record: record, known: known, baseTable: baseTable)
        return AnnexTable(id: tableID, template: template.id, title: title, rows: rows)
    }

    /// A staff workbook's title lines as they came back, against what was sent (`title-changed`, a
    /// warning per line: the title is locked, and the table keeps the title as sent).
    func titleFindings(located: LocatedTable, identity: WorkbookIdentity?, record: WorkbookIdentity.TableRecord?,
                       known: PlaceholderValues?) -> [Finding] {
        guard let record, let identity, let report = identity.report,
              let fillable = identity.metadata.fillable.first(where: { $0.tableID == record.tableID }) else { return [] }
        let template = located.template
        let values = PlaceholderValues(report: report, unit: fillable.unit)
        let sent = template.shownTitle(record.title, values: values, unit: fillable.unit)
        let back = located.titleLines
        guard back != sent else { return [] }
        // Where the sheet put the title: the lines sent, then the blank rows, then the header.
        let shift = located.headerRows.lowerBound - (sent.count + (sent.isEmpty ? 0 : template.blankRowsAfterTitle))
        return (0..<max(sent.count, back.count)).compactMap { i in
            let was = i < sent.count ? sent[i] : "", now = i < back.count ? back[i] : ""
            guard was != now else { return nil }
            let at = SheetCell(sheet: located.sheetName, address: CellAddress(row: max(0, i + shift), column: 0))
            return Finding(.warning, "title-changed", at: at, table: record.tableID,
                           vi: "dòng tiêu đề \(i + 1) đã bị sửa: gửi đi \"\(was)\", nhận về \"\(now)\"; tiêu đề được khoá, biểu giữ tiêu đề đã gửi",
                           en: "title line \(i + 1) was edited: sent \"\(was)\", came back \"\(now)\"; the title is locked and the table keeps the title as sent")
        }
    }

    /// The table's title: its own lines, unless they are just the template's lines filled in.
    func tableTitle(located: LocatedTable, record: WorkbookIdentity.TableRecord?, known: PlaceholderValues?, baseTable: AnnexTable?) -> [String] {
        let template = located.template
        var title = record?.title ?? located.titleLines
        let rendered = TableLayout(template: template, values: known ?? PlaceholderValues(values: located.captured)).titleLines.map(\.block.text)
        if record == nil && title == rendered { title = [] }
        if let baseTable, title.isEmpty == false, title == TableLayout(template: template, values: known ?? PlaceholderValues(values: [:]), titleOverride: baseTable.title).titleLines.map(\.block.text) {
            title = baseTable.title
        }
        if let baseTable, title.isEmpty, !baseTable.title.isEmpty, baseTable.title == rendered { title = baseTable.title }
        return title
    }

    /// A report made from what the title and header texts say (no identity, no base).
    func reportFromCaptured(_ tables: [ImportedTable]) -> Report {
        var captured: [String: String] = [:]
        for t in tables { captured.merge(t.located.captured) { a, _ in a } }
        let year = captured["year"].flatMap(Int.init) ?? captured["next_year"].flatMap(Int.init).map { $0 - 1 } ?? Calendar.current.component(.year, from: Date())
        var term: Term?
        if let s = captured["term_start"].flatMap(Int.init), let e = captured["term_end"].flatMap(Int.init) { term = Term(start: s, end: e) }
        else if let s = captured["plan_start"].flatMap(Int.init), let e = captured["plan_end"].flatMap(Int.init) { term = Term(start: s - 1, end: e) }
        var date: ReportDate?
        if let d = captured["date"] {
            let p = d.split(separator: "/").compactMap { Int($0) }
            if p.count == 3 { date = ReportDate(year: p[2], month: p[1], day: p[0]) }
        }
        return Report(issuer: captured["issuer"] ?? "", number: captured["number"] ?? "", date: date, period: .year(year), term: term,
                      title: captured["title"] ?? "")
    }
}
