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

    /// Makes a round: one staff workbook per unit in `folder` (which must exist), each carrying the
    /// round's identity, and the round, its units and what was sent (each file's SHA-256 and its
    /// identity's digest) recorded in the store. All or nothing: the workbooks are written under
    /// temporary names, the store records the round, and only then do the workbooks take their names
    /// (``AtomicFile/together(beforeReplacing:_:)``; `beforeReplacing` sees each existing workbook
    /// first). A failure anywhere (a full disk, the store) leaves no workbook and no round.
    public func newRound(templateID: String, period: Int, units: [UnitsFile.Entry], data: Report?, roundID: String?,
                         folder: String, password: String? = nil, contact: String? = nil,
                         beforeReplacing: ((String) throws -> Void)? = nil, now: Date = Date()) throws -> NewRoundResult {
        let template = try catalog.template(templateID)
        let plan = try FillablePlan.make(template: template, data: data, period: period, blank: Report(period: .year(period)))
        let id = roundID ?? "\(template.id)-\(period)"
        let all = try store.rounds()
        if all.contains(where: { $0.id == id }) { throw StoreError.roundExists(path: storeName, round: id) }
        var sentReport = plan.report
        sentReport.tables = [plan.table]
        let sentJSON = ReportJSON.encode(sentReport)
        let periodText = WorkbookMetadata.periodCode(plan.report.period)
        let source = (try? Self.readFile(template.source, limit: 4 << 20)) ?? Array(template.source.utf8)
        let info = RoundInfo(id: id, templateID: template.id, templateVersion: template.version, tableID: plan.table.id, period: periodText,
                             createdAt: now, sentReport: sentJSON)
        return try AtomicFile.together(beforeReplacing: beforeReplacing) {
            var files: [(RoundUnit, String)] = []
            var sent: [SentFile] = []
            var notices: [FillableNotice] = []
            for entry in units {
                let unit = RoundUnit(id: entry.slug, name: entry.name)
                // The round identity (template, period, unit, round, digest of what was sent) is written by
                // the `_bieu` codec (WorkbookMetadata).
                let options = FillableWorkbook.Options(unit: entry.name, password: password, contact: contact, unitID: unit.id, roundID: id)
                let path = (folder as NSString).appendingPathComponent(UnitsFile.fileName(templateID: template.id, slug: entry.slug))
                let workbook = FillableWorkbook(plan: plan, options: options)
                let n = try workbook.write(to: path)
                if notices.isEmpty { notices = n }
                let bytes = try Self.readFile(AtomicFile.stagedPath(for: path), limit: Receiver.maxFileSize)
                files.append((unit, path))
                sent.append(SentFile(unitID: unit.id, fileName: (path as NSString).lastPathComponent, sha256: SHA256.hex(bytes),
                                     digest: try workbook.sentDigest(), sentAt: now))
            }
            try store.createRound(info, template: StoredTemplate(id: template.id, version: template.version, source: source),
                                  units: files.map(\.0), sent: sent)
            return NewRoundResult(round: info, files: files.map { (unit: $0.0, path: $0.1) }, notices: notices)
        }
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

    /// The digest of the round's workbook for `unit`, recomputed from the round's sent report
    /// (the workbook's identity records ``WorkbookMetadata/Identity/digest(of:)`` of that report
    /// with the unit set). Nil when the report cannot be read.
    static func sentDigest(sentReport: [UInt8], unit: RoundUnit) -> String? {
        guard var report = try? ReportJSON.decode(sentReport) else { return nil }
        report.unit = ReportUnit(id: unit.id, name: unit.name)
        return WorkbookMetadata.Identity.digest(of: report)
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
