import BieuCore
import BieuExport
import BieuImport
import BieuModel
import BieuTemplates
import Foundation

/// The round logic, over any ``RoundStore``: make a round, receive returns,
/// and pick the round a command means.
public struct RoundService: Sendable {
    public let store: any RoundStore
    public let catalog: TemplateCatalog
    /// Where `path` names the store in messages.
    public let storeName: String

    public init(store: any RoundStore, catalog: TemplateCatalog, storeName: String) {
        self.store = store
        self.catalog = catalog
        self.storeName = storeName
    }

    /// The round a command means: `id`, else the store's only round, else its newest when asked
    /// without an id and there are several (an error lists them).
    public func round(_ id: String?) throws -> RoundInfo {
        let all = try store.rounds()
        if let id {
            guard let r = all.first(where: { $0.id == id }) else { throw StoreError.noRound(path: storeName, round: id, available: all.map(\.id)) }
            return r
        }
        guard all.count == 1 else { throw StoreError.noRound(path: storeName, round: nil, available: all.map(\.id)) }
        return all[0]
    }

    // MARK: - New round

    public struct NewRoundResult: Sendable {
        public var round: RoundInfo
        public var files: [(unit: RoundUnit, path: String)]
        public var notices: [FillableNotice]
    }

    /// Makes a round: one staff workbook per unit in `folder`, each carrying the round's identity,
    /// and the round, its units and what was sent recorded in the store (after every workbook is written).
    public func newRound(templateID: String, period: Int, units: [UnitsFile.Entry], data: Report?, roundID: String?,
                         folder: String, password: String? = nil, contact: String? = nil, now: Date = Date()) throws -> NewRoundResult {
        let template = try catalog.template(templateID)
        let plan = try FillablePlan.make(template: template, data: data, period: period, blank: Report(period: .year(period)))
        let id = roundID ?? "\(template.id)-\(period)"
        let all = try store.rounds()
        if all.contains(where: { $0.id == id }) { throw StoreError.roundExists(path: storeName, round: id) }
        var sentReport = plan.report
        sentReport.tables = [plan.table]
        let sentJSON = ReportJSON.encode(sentReport)
        let periodText = WorkbookMetadata.periodCode(plan.report.period)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var files: [(RoundUnit, String)] = []
        var sent: [SentFile] = []
        var notices: [FillableNotice] = []
        for entry in units {
            let unit = RoundUnit(id: entry.slug, name: entry.name)
            // The round identity (template, period, unit, round, digest of what was sent) is written by
            // the `_bieu` codec (WorkbookMetadata).
            let options = FillableWorkbook.Options(unit: entry.name, password: password, contact: contact, unitID: unit.id, roundID: id)
            let path = (folder as NSString).appendingPathComponent(UnitsFile.fileName(templateID: template.id, slug: entry.slug))
            let n = try FillableWorkbook(plan: plan, options: options).write(to: path)
            if notices.isEmpty { notices = n }
            let bytes = try Self.readFile(path, limit: Receiver.maxFileSize)
            files.append((unit, path))
            sent.append(SentFile(unitID: unit.id, fileName: (path as NSString).lastPathComponent, sha256: SHA256.hex(bytes), sentAt: now))
        }
        let source = (try? Self.readFile(template.source, limit: 4 << 20)) ?? Array(template.source.utf8)
        let info = RoundInfo(id: id, templateID: template.id, templateVersion: template.version, tableID: plan.table.id, period: periodText,
                             createdAt: now, sentReport: sentJSON)
        try store.createRound(info, template: StoredTemplate(id: template.id, version: template.version, source: source),
                              units: files.map(\.0), sent: sent)
        return NewRoundResult(round: info, files: files.map { (unit: $0.0, path: $0.1) }, notices: notices)
    }

    /// A file's bytes, refusing files larger than `limit`.
    static func readFile(_ path: String, limit: Int) throws -> [UInt8] {
        let name = (path as NSString).lastPathComponent
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw RoundError.unreadable(file: name, reason: Bilingual(vi: "không mở được tệp", en: "cannot open the file"))
        }
        if let size = attrs[.size] as? Int, size > limit { throw RoundError.tooLarge(file: name, size: size, limit: limit) }
        guard data.count <= limit else { throw RoundError.tooLarge(file: name, size: data.count, limit: limit) }
        return [UInt8](data)
    }

    /// The report that was sent (the round's `sent_report`).
    public func sentReport(_ round: RoundInfo) throws -> Report {
        try ReportJSON.decode(round.sentReport)
    }

    /// The unit of the round named by `name`: its id (slug) or its name, tolerant of case, spacing and diacritics.
    public static func matchUnit(_ name: String, in units: [RoundUnit]) -> RoundUnit? {
        if let u = units.first(where: { $0.id == name || $0.name == name }) { return u }
        let key = VietnameseText.foldKey(name)
        let slug = UnitsFile.slug(name)
        return units.first { VietnameseText.foldKey($0.name) == key || $0.id == slug }
    }
}
