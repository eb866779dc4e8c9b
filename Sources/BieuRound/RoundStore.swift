import BieuCore
import Foundation

/// Where a collection round keeps what it sent and what came back.
///
/// The round logic (``RoundService``) talks only to this protocol; the one
/// implementation is ``SQLiteRoundStore`` (a plain SQLite file through GRDB).
/// A PostgreSQL store for a province would implement the same methods (see
/// docs/ROUNDS.md). Rules every implementation keeps:
///
/// - **nothing is overwritten**: a received file is a new ``StoredRevision``;
///   the unit's newest one is its current revision, older ones stay readable;
/// - **one transaction per received file**: a revision, its cells and its
///   findings are stored together or not at all;
/// - **duplicates by content**: a file whose SHA-256 the round already holds
///   is not stored again (``ReceiveOutcome/duplicate(of:)``);
/// - revision numbers per unit are given inside that transaction, so two
///   processes receiving at once never lose or share a number.
public protocol RoundStore: Sendable {
    /// Records a new round: its template, its units and what was sent to each. Fails if the round id exists.
    func createRound(_ round: RoundInfo, template: StoredTemplate, units: [RoundUnit], sent: [SentFile]) throws
    /// Every round, oldest first.
    func rounds() throws -> [RoundInfo]
    func round(_ id: String) throws -> RoundInfo?
    /// The units of a round, in the units file's order.
    func units(round: String) throws -> [RoundUnit]
    /// What was sent to each unit of a round.
    func sent(round: String) throws -> [SentFile]
    /// Records more files sent to units (feedback workbooks), in one transaction.
    func recordSent(round: String, _ files: [SentFile]) throws
    func template(id: String, version: Int) throws -> StoredTemplate?
    /// Stores one received file with its cells and findings, in one transaction.
    func receive(_ revision: NewRevision) throws -> ReceiveOutcome
    /// A unit's revisions, oldest first (number 1, 2, …).
    func revisions(round: String, unit: String) throws -> [StoredRevision]
    /// The current (newest) revision of every unit that has one.
    func currentRevisions(round: String) throws -> [StoredRevision]
    func revision(id: Int64) throws -> StoredRevision?
    /// The received file's bytes, exactly as they arrived.
    func fileBytes(revision: Int64) throws -> [UInt8]
    /// The interpreted return (canonical JSON of the imported report).
    func reportJSON(revision: Int64) throws -> [UInt8]
    func cells(revision: Int64) throws -> [StoredCell]
    func findings(revision: Int64) throws -> [StoredFinding]
}

/// A reporting unit of a round (a commune, a department).
public struct RoundUnit: Sendable, Hashable, Codable {
    /// File-name slug, unique in the round: `xa-ban-bo`.
    public var id: String
    /// The name as written in the units file: `Xã Bản Bo`.
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

/// One round: a template sent for one period to a list of units.
public struct RoundInfo: Sendable, Hashable, Codable {
    /// `bieu-01-2025` by default; unique in the store.
    public var id: String
    public var templateID: String
    public var templateVersion: Int
    /// The table id in the workbooks sent.
    public var tableID: String
    /// The period as the workbooks name it (`2025`).
    public var period: String
    public var createdAt: Date
    /// What was sent: the canonical JSON of the report the workbooks were made from.
    public var sentReport: [UInt8]

    public init(id: String, templateID: String, templateVersion: Int, tableID: String, period: String, createdAt: Date, sentReport: [UInt8]) {
        self.id = id; self.templateID = templateID; self.templateVersion = templateVersion; self.tableID = tableID
        self.period = period; self.createdAt = createdAt; self.sentReport = sentReport
    }
}

/// A template as the round used it (its file's bytes, so the round stays readable when the file changes).
public struct StoredTemplate: Sendable, Hashable, Codable {
    public var id: String
    public var version: Int
    public var source: [UInt8]
    public var sha256: String
    public init(id: String, version: Int, source: [UInt8]) {
        self.id = id; self.version = version; self.source = source; self.sha256 = SHA256.hex(source)
    }
}

/// A workbook sent to one unit (the round's workbook, a feedback workbook).
public struct SentFile: Sendable, Hashable, Codable {
    public var unitID: String
    public var fileName: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
    /// The digest its `_bieu` identity carries (``WorkbookMetadata/Identity/digest(of:)`` of what was
    /// sent); a return must carry one sent to its unit. Nil for files recorded before digests were kept.
    public var digest: String?
    public var sentAt: Date
    public init(unitID: String, fileName: String, sha256: String, digest: String? = nil, sentAt: Date) {
        self.unitID = unitID; self.fileName = fileName; self.sha256 = sha256; self.digest = digest; self.sentAt = sentAt
    }
}

/// One cell of a return, as written and as interpreted.
public struct StoredCell: Sendable, Hashable, Codable {
    public var tableID: String
    public var rowID: String
    public var columnID: String
    /// `Biểu 01!F12`, when known.
    public var location: String?
    /// The text as the unit wrote it.
    public var text: String
    /// The interpretation: `number`, `percent`, `text`, `status`, … (the model's value kind).
    public var kind: String
    /// The number read from the text, when there is one (plain decimal text).
    public var number: String?
    public init(tableID: String, rowID: String, columnID: String, location: String?, text: String, kind: String, number: String?) {
        self.tableID = tableID; self.rowID = rowID; self.columnID = columnID; self.location = location
        self.text = text; self.kind = kind; self.number = number
    }
}

/// One finding of a revision, in both languages.
public struct StoredFinding: Sendable, Hashable, Codable {
    public var severity: String
    public var code: String
    public var location: String?
    public var tableID: String?
    public var rowID: String?
    public var columnID: String?
    public var vi: String
    public var en: String
    public init(severity: String, code: String, location: String?, tableID: String?, rowID: String?, columnID: String?, vi: String, en: String) {
        self.severity = severity; self.code = code; self.location = location; self.tableID = tableID
        self.rowID = rowID; self.columnID = columnID; self.vi = vi; self.en = en
    }
    public func text(_ language: Language) -> String { language == .vi ? vi : en }
}

/// A received file, before it is stored.
public struct NewRevision: Sendable {
    public var roundID: String
    public var unitID: String
    public var fileName: String
    public var bytes: [UInt8]
    public var receivedAt: Date
    /// Accepted with `--force` despite an identity mismatch; `forceReason` says which (Vietnamese), `forceReasonEN` in English.
    public var forced: Bool
    public var forceReason: String?
    public var forceReasonEN: String?
    /// No cell differs from what was sent.
    public var untouched: Bool
    public var reportJSON: [UInt8]
    public var cells: [StoredCell]
    public var findings: [StoredFinding]

    public init(roundID: String, unitID: String, fileName: String, bytes: [UInt8], receivedAt: Date, forced: Bool = false, forceReason: String? = nil,
                forceReasonEN: String? = nil, untouched: Bool, reportJSON: [UInt8], cells: [StoredCell], findings: [StoredFinding]) {
        self.roundID = roundID; self.unitID = unitID; self.fileName = fileName; self.bytes = bytes; self.receivedAt = receivedAt
        self.forced = forced; self.forceReason = forceReason; self.forceReasonEN = forceReasonEN; self.untouched = untouched; self.reportJSON = reportJSON
        self.cells = cells; self.findings = findings
    }

    public var sha256: String { SHA256.hex(bytes) }
}

/// A stored revision (without its bytes, cells and findings; ask the store for those).
public struct StoredRevision: Sendable, Hashable, Codable {
    public var id: Int64
    public var roundID: String
    public var unitID: String
    /// 1, 2, … per unit.
    public var number: Int
    public var fileName: String
    public var sha256: String
    public var size: Int
    public var receivedAt: Date
    public var forced: Bool
    public var forceReason: String?
    /// The reason in English (nil for revisions stored before it was kept).
    public var forceReasonEN: String?
    public var untouched: Bool
    public var errors: Int
    public var warnings: Int
    public var notes: Int
    /// The revision this one replaces (ODK's deprecatedID); nil for a unit's first.
    public var replaces: Int64?

    /// Why it was forced, in `language` (nil when it was not, or the reason is not kept in that language).
    public func forceReason(_ language: Language) -> String? { forced ? (language == .vi ? forceReason : forceReasonEN) : nil }
}

/// What ``RoundStore/receive(_:)`` did.
public enum ReceiveOutcome: Sendable, Hashable {
    case stored(StoredRevision)
    /// The same bytes were already received; nothing stored.
    case duplicate(of: StoredRevision)
}
