import BieuCore
import BieuModel
import BieuTemplates
import BieuXLSXWriter
import Foundation

/// A workbook for staff to fill: the annex table laid out exactly as the
/// export prints it, with the cells to fill unlocked and shaded, everything
/// else locked, validations with Vietnamese messages on every input cell,
/// live formulas for computed columns, highlights for what still needs
/// attention, a "Hướng dẫn" sheet, and the identity that lets an import map
/// every row back exactly (see docs/STAFF-WORKBOOKS.md).
///
/// ```swift
/// let plan = try FillablePlan.make(template: catalog.template("bieu-01"), data: report, period: 2025)
/// try FillableWorkbook(plan: plan, options: .init(unit: "Xã Bản Bo")).write(to: "bieu-01.xlsx")
/// ```
public struct FillableWorkbook {
    public struct Options: Sendable {
        /// The reporting unit (`{unit}`); shown under the title and on the guide.
        public var unit: String?
        /// Password for the sheet and structure protection (nil or empty: protected without a password).
        /// ASCII only.
        public var password: String?
        /// Who the file goes back to, for the guide ("Văn phòng Huyện ủy, email …").
        public var contact: String?
        /// The unit's id in the workbook's identity (default: the name's file-name slug, ``UnitsFile/slug(_:)``).
        public var unitID: String?
        /// The collection round the workbook is sent in, recorded in its identity.
        public var roundID: String?
        /// Findings to show on the table (a feedback workbook, BieuRound).
        public var feedback: FeedbackMarks?

        public init(unit: String? = nil, password: String? = nil, contact: String? = nil, unitID: String? = nil, roundID: String? = nil) {
            self.unit = unit
            self.password = password
            self.contact = contact
            self.unitID = unitID
            self.roundID = roundID
        }
    }

    public let plan: FillablePlan
    public var options: Options

    public init(plan: FillablePlan, options: Options = Options()) {
        self.plan = plan
        self.options = options
    }

    /// libxlsxwriter's default row height: rows at this height are written without a custom height.
    static let defaultRowHeight = 15.0

    /// Longest unit name accepted, in characters.
    public static let maxUnitLength = 200

    /// A unit name as the workbook will hold it (NFC, trimmed), or an error saying why it cannot be used.
    public static func checkUnit(_ raw: String) throws(ExportError) -> String {
        let name = VietnameseText.nfc(raw.trimmingCharacters(in: .whitespaces))
        guard !name.isEmpty else { throw .badUnit(reason: Bilingual(vi: "tên trống", en: "the name is empty")) }
        guard name.count <= maxUnitLength else {
            throw .badUnit(reason: Bilingual(vi: "dài quá \(maxUnitLength) ký tự", en: "longer than \(maxUnitLength) characters"))
        }
        if let bad = name.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            throw .badUnit(reason: Bilingual(vi: "có ký tự điều khiển U+\(String(bad.value, radix: 16, uppercase: true))",
                                             en: "contains the control character U+\(String(bad.value, radix: 16, uppercase: true))"))
        }
        return name
    }

    /// Writes the workbook to `path` (complete or not at all) and returns the notices.
    @discardableResult
    public func write(to path: String) throws -> [FillableNotice] {
        let template = plan.template
        let unit = try options.unit.map { (u) throws(ExportError) -> String in try Self.checkUnit(u) }
        let password = options.password.flatMap { $0.isEmpty ? nil : $0 }
        if let password, XLSXPasswordHash.legacy(password) == nil { throw ExportError.badPassword }

        // The table as shown: the unit under the title when the template does not place it itself.
        let values = PlaceholderValues(report: plan.report, unit: unit)
        var shown = plan.table
        if unit != nil { shown.title = template.shownTitle(shown.title, values: values, unit: unit) }
        var rendered = RenderedTable(table: shown, template: template, report: plan.report, values: values)
        let cells = FillableCells.decide(plan: plan, rendered: &rendered)
        let layout = rendered.layout

        let workbook = try XLSXWorkbook(path: path)
        var used: Set<String> = [GuideSheet.sheetName.lowercased(), WorkbookMetadata.sheetName.lowercased()]
        let guide = try workbook.addWorksheet(GuideSheet.sheetName)
        let sheetName = MetadataRecords.uniqueSheetName(layout.sheetName, used: &used)
        let sheet = try workbook.addWorksheet(sheetName)
        sheet.activate()

        // The table, with input cells unlocked and shaded.
        var indexOfSheetRow: [Int: Int] = [:]
        for (i, r) in rendered.rows.enumerated() { indexOfSheetRow[r.sheetRow] = i }
        let slots = Set(plan.slotRowIDs)
        var writer = SheetWriter(workbook: workbook, sheet: sheet, layout: layout, identity: true)
        let shownRendered = rendered
        writer.dataCellStyle = { row, piece, column in
            guard let i = indexOfSheetRow[row.sheetRow] else { return DataCellStyle() }
            switch cells.role(row: i, piece: piece, column: column, rendered: shownRendered) {
            case .input: return DataCellStyle(unlocked: true, fill: FillableColors.input)
            case .derived: return DataCellStyle(unlocked: false, fill: FillableColors.derived)
            case .fixed: return DataCellStyle()
            }
        }
        _ = try writer.write(rendered, withoutIdentity: slots)
        // Empty rows keep the default height, so Excel and LibreOffice grow them to fit what staff type.
        for row in rendered.rows where slots.contains(row.rowID) {
            try sheet.setRow(row.sheetRow, height: Self.defaultRowHeight)
        }

        let rules = FillableRules(plan: plan, rendered: rendered, cells: cells)
        for (validation, ranges) in rules.validations() {
            for range in ranges { try sheet.dataValidation(range, validation) }
        }
        for h in rules.highlights() {
            for piece in h.pieces() { try sheet.conditionalFormat(piece.ranges, formula: piece.formula, highlight: h.style) }
        }
        let lastColumn = layout.columns.count - 1
        let lastRow = rendered.rows.last.map { $0.sheetRow + $0.span - 1 }
        if let lastRow {
            // The filter covers the hidden id columns too, so sorting through it moves each id with its row.
            try sheet.autofilter(CellRange(row: layout.headerRows.upperBound - 1, column: 0, lastRow: lastRow, lastColumn: lastColumn + 2))
        }
        if let first = firstInput(cells, rendered) { sheet.select(first) }
        _ = try options.feedback?.annotate(sheet: sheet, rendered: rendered)
        var permissions = XLSXSheetPermissions()
        permissions.formatRows = true
        permissions.autofilter = true
        permissions.sort = true
        permissions.editObjects = true
        sheet.protect(password: password, permissions: permissions)

        // The guide.
        let inputColumns = layout.columns.enumerated().filter { c, _ in cells.roles.contains { $0[c] == .input } }.map(\.element)
        try GuideSheet(plan: plan, layout: layout, tableSheet: sheetName, unit: unit, contact: options.contact.flatMap { $0.isEmpty ? nil : $0 },
                       hasPassword: password != nil, inputColumns: inputColumns)
            .write(workbook: workbook, sheet: guide, font: template.styles.font)
        var guidePermissions = XLSXSheetPermissions()
        guidePermissions.formatRows = true
        guide.protect(password: password, permissions: guidePermissions)
        try options.feedback?.writeSheet(workbook, font: template.styles.font)

        // Identity: the `_bieu` records, defined names, properties.
        let table = plan.table
        let lists = [(AssessmentList.name, AssessmentList.definedName, AssessmentList.items),
                     (UnitList.name, UnitList.definedName, UnitList.items(plan.table))]
        let metadata = self.metadata(unit: unit, sheetName: sheetName, layout: layout, rowCount: rendered.rows.count,
                                     derived: cells.derivedRecords, locked: cells.lockedRecords, lists: lists.map { ($0.0, $0.2) })
        let meta = try MetadataRecords.write(metadata, to: workbook)
        workbook.hideCompletely(meta)
        let listRows = metadata.listRows

        func text(_ s: String) -> String { "=\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let period = values.values["period"] ?? String(plan.report.period.year)
        try workbook.defineName("bieu_template", formula: text(template.id))
        try workbook.defineName("bieu_template_version", formula: "=\(template.version)")
        try workbook.defineName("bieu_table", formula: text(table.id))
        try workbook.defineName("bieu_year", formula: "=\(plan.report.period.year)")
        try workbook.defineName("bieu_period", formula: text(period))
        if let unit { try workbook.defineName("bieu_unit", formula: text(unit)) }
        let metaRef = SheetCell.quotedSheetName(WorkbookMetadata.sheetName)
        for (name, definedName, items) in lists {
            let row = listRows[name]! + 1
            try workbook.defineName(definedName, formula: "=\(metaRef)!$C$\(row):$\(CellAddress.columnLetters(1 + items.count))$\(row)")
        }
        if let lastRow {
            let idColumn = CellAddress.columnLetters(lastColumn + 2)
            try workbook.defineName("bieu_data", formula: "=\(SheetCell.quotedSheetName(sheetName))!$A$\(layout.firstDataRow + 1):$\(idColumn)$\(lastRow + 1)")
        }
        workbook.protectStructure(password: password)

        workbook.setCustomProperty("bieu.format", WorkbookMetadata.formatTag)
        workbook.setCustomProperty("bieu.templates", template.id)
        workbook.setCustomProperty("bieu.kind", "fillable")
        workbook.setCustomProperty("bieu.period", period)
        if let unit { workbook.setCustomProperty("bieu.unit", unit) }
        let issuer = plan.report.issuer
        workbook.setProperties(title: layout.titleLines.first?.block.text ?? template.name,
                               subject: "Biểu mẫu điền số liệu: \(template.name)" + (unit.map { " — \($0)" } ?? "") + " — \(period)",
                               author: issuer.isEmpty ? nil : issuer, company: issuer.isEmpty ? nil : issuer,
                               comments: "Tạo bằng bieu từ mẫu \(template.id), phiên bản \(template.version)", keywords: "bieu, biểu mẫu")
        try workbook.close()
        return plan.notices + cells.notices
    }

    /// The `_bieu` records of the workbook, its round identity included: the report (its unit set)
    /// and the table as sent, whose ``WorkbookMetadata/Identity/digest(of:)`` is recorded.
    func metadata(unit: String?, sheetName: String, layout: TableLayout, rowCount: Int,
                  derived: [WorkbookMetadata.Derived], locked: [WorkbookMetadata.Locked],
                  lists: [(name: String, items: [String])]) -> WorkbookMetadata {
        let sent = sentReport(unit: unit)
        let identity = WorkbookMetadata.Identity(templateID: plan.template.id, templateVersion: plan.template.version, period: sent.period,
                                                 unit: sent.unit, roundID: options.roundID, digest: WorkbookMetadata.Identity.digest(of: sent))
        let table = plan.table
        return WorkbookMetadata(report: sent, identity: identity,
                                tables: [MetadataRecords.table(sheet: sheetName, layout: layout, table: table, rowCount: rowCount)],
                                fillable: [WorkbookMetadata.Fillable(tableID: table.id, source: plan.source.rawValue, sourceYear: plan.sourceYear,
                                                                     unit: unit, guideSheet: GuideSheet.sheetName)],
                                slots: plan.slotRowIDs.isEmpty ? [:] : [table.id: plan.slotRowIDs], derived: derived, locked: locked, lists: lists)
    }

    /// The report as this workbook sends it: the data's metadata with the unit set, and the table
    /// as pre-filled. Its ``WorkbookMetadata/Identity/digest(of:)`` is the identity's digest.
    func sentReport(unit: String?) -> Report {
        var sent = plan.report
        if let unit { sent.unit = ReportUnit(id: options.unitID ?? UnitsFile.slug(unit), name: unit) }
        sent.tables = [plan.table]
        return sent
    }

    /// The digest this workbook's `_bieu` identity records (what a round keeps as sent to the unit).
    public func sentDigest() throws -> String {
        let unit = try options.unit.map { (u) throws(ExportError) -> String in try Self.checkUnit(u) }
        return WorkbookMetadata.Identity.digest(of: sentReport(unit: unit))
    }

    /// The first cell to fill, top to bottom, left to right.
    func firstInput(_ cells: FillableCells, _ rendered: RenderedTable) -> CellAddress? {
        for (i, roles) in cells.roles.enumerated() {
            if let c = roles.firstIndex(of: .input) { return CellAddress(row: rendered.rows[i].sheetRow, column: c) }
        }
        return nil
    }
}
