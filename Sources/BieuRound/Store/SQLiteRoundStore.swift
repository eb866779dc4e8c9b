import BieuCore
import Foundation
import GRDB

/// The round store as one plain SQLite file (WAL mode) through GRDB: one file
/// per office, holding any number of rounds and periods (docs/ROUNDS.md says why).
///
/// Open it with the `sqlite3` shell to look inside: tables `period`, `template`,
/// `round`, `round_unit`, `sent`, `revision` (received files, bytes included),
/// `cell` (each cell as written and interpreted), `finding`.
public final class SQLiteRoundStore: RoundStore, @unchecked Sendable {
    /// `PRAGMA application_id` of a bieu round store ("bieu" in ASCII).
    public static let applicationID: Int32 = 0x6269_6575
    public let path: String
    /// Longest wait for another process's write lock, in seconds.
    public let busyTimeout: Double
    let pool: DatabasePool

    /// Opens (with `create`, creates) a store. A file of a newer schema, a file that is not
    /// SQLite, or an SQLite file that is not a round store is refused before anything is written.
    public init(path: String, create: Bool = false, busyTimeout: Double = 10) throws(StoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw .missing(path: path) }
        if exists { try Self.checkHeader(path) }
        let migrator = Self.migrator
        // An existing file is examined read-only first: a foreign or newer file is refused
        // before anything (even switching it to WAL mode) is written to it.
        if exists {
            do {
                var readOnly = Configuration()
                readOnly.readonly = true
                readOnly.busyMode = .timeout(busyTimeout)
                let probe = try DatabaseQueue(path: path, configuration: readOnly)
                try probe.read { db in
                    let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                    let app = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                    if tables > 0 && app != Self.applicationID { throw StoreError.notAStore(path: path) }
                    if try migrator.hasBeenSuperseded(db) {
                        let known = Set(migrator.migrations)
                        let unknown = try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
                        throw StoreError.newerSchema(path: path, unknown: unknown)
                    }
                }
                try probe.close()
            } catch {
                throw Self.storeError(error, path: path, timeout: busyTimeout)
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        // WAL with synchronous=NORMAL: a commit is atomic and survives a crash of bieu; after a power
        // cut the last commits may be missing but the file is never damaged (the received files are
        // still where they came from). FULL would add an fsync per received file.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try migrator.migrate(pool)
        } catch {
            throw Self.storeError(error, path: path, timeout: busyTimeout)
        }
    }

    /// An existing file that does not start like an SQLite database is refused before SQLite opens it
    /// (an empty file is a new database to SQLite; it is refused too, as it is not a store).
    static func checkHeader(_ path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .sqlite(path: path, detail: "cannot open the file") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        guard head.count == 16, Array(head) == Array("SQLite format 3\u{0}".utf8) else {
            throw .corrupt(path: path, detail: head.isEmpty ? "empty file" : "no SQLite header")
        }
    }

    /// The schema, as named steps that are only ever appended.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-rounds") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE period (id TEXT PRIMARY KEY NOT NULL);
                CREATE TABLE template (
                  id TEXT NOT NULL, version INTEGER NOT NULL, source BLOB NOT NULL, sha256 TEXT NOT NULL,
                  PRIMARY KEY (id, version));
                CREATE TABLE round (
                  id TEXT PRIMARY KEY NOT NULL, template_id TEXT NOT NULL, template_version INTEGER NOT NULL,
                  table_id TEXT NOT NULL, period TEXT NOT NULL REFERENCES period(id), created_at TEXT NOT NULL,
                  sent_report BLOB NOT NULL,
                  FOREIGN KEY (template_id, template_version) REFERENCES template(id, version));
                CREATE TABLE round_unit (
                  round_id TEXT NOT NULL REFERENCES round(id), unit_id TEXT NOT NULL, name TEXT NOT NULL,
                  position INTEGER NOT NULL, PRIMARY KEY (round_id, unit_id));
                CREATE TABLE sent (
                  id INTEGER PRIMARY KEY, round_id TEXT NOT NULL, unit_id TEXT NOT NULL, file_name TEXT NOT NULL,
                  sha256 TEXT NOT NULL, sent_at TEXT NOT NULL,
                  FOREIGN KEY (round_id, unit_id) REFERENCES round_unit(round_id, unit_id));
                CREATE TABLE revision (
                  id INTEGER PRIMARY KEY, round_id TEXT NOT NULL, unit_id TEXT NOT NULL, number INTEGER NOT NULL,
                  file_name TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, bytes BLOB NOT NULL,
                  received_at TEXT NOT NULL, forced INTEGER NOT NULL, force_reason TEXT, untouched INTEGER NOT NULL,
                  errors INTEGER NOT NULL, warnings INTEGER NOT NULL, notes INTEGER NOT NULL,
                  replaces INTEGER REFERENCES revision(id), report_json BLOB NOT NULL,
                  FOREIGN KEY (round_id, unit_id) REFERENCES round_unit(round_id, unit_id),
                  UNIQUE (round_id, unit_id, number), UNIQUE (round_id, sha256));
                CREATE TABLE cell (
                  revision_id INTEGER NOT NULL REFERENCES revision(id), table_id TEXT NOT NULL, row_id TEXT NOT NULL,
                  column_id TEXT NOT NULL, location TEXT, text TEXT NOT NULL, kind TEXT NOT NULL, number TEXT,
                  PRIMARY KEY (revision_id, table_id, row_id, column_id)) WITHOUT ROWID;
                CREATE TABLE finding (
                  revision_id INTEGER NOT NULL REFERENCES revision(id), seq INTEGER NOT NULL, severity TEXT NOT NULL,
                  code TEXT NOT NULL, location TEXT, table_id TEXT, row_id TEXT, column_id TEXT,
                  message_vi TEXT NOT NULL, message_en TEXT NOT NULL, PRIMARY KEY (revision_id, seq)) WITHOUT ROWID;
                -- Revisions are never changed once stored.
                CREATE TRIGGER revision_append_only BEFORE UPDATE ON revision
                  BEGIN SELECT RAISE(ABORT, 'revisions are never overwritten'); END;
                CREATE TRIGGER revision_never_deleted BEFORE DELETE ON revision
                  BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;
                """)
        }
        // The digest each sent workbook's identity carries, so that receive can tell a return that
        // answers what was sent to its unit from one made for another unit or round. Rows of
        // round workbooks sent before this step get the digest recomputed from the round's
        // sent report (the same canonical JSON the workbooks were made from); feedback rows keep
        // none. Sent files, cells and findings become append-only like revisions.
        m.registerMigration("v2-sent-digest") { db in
            try db.execute(sql: "ALTER TABLE sent ADD COLUMN digest TEXT")
            try db.execute(sql: "ALTER TABLE revision ADD COLUMN force_reason_en TEXT")
            for round in try Row.fetchAll(db, sql: "SELECT id, sent_report FROM round") {
                let id: String = round["id"]
                let report = [UInt8]((round["sent_report"] as Data?) ?? Data())
                for u in try Row.fetchAll(db, sql: "SELECT unit_id, name FROM round_unit WHERE round_id = ?", arguments: [id]) {
                    let unitID: String = u["unit_id"]
                    guard let digest = RoundService.sentDigest(sentReport: report, unit: RoundUnit(id: unitID, name: u["name"])) else { continue }
                    try db.execute(sql: """
                        UPDATE sent SET digest = ? WHERE id = (SELECT min(id) FROM sent WHERE round_id = ? AND unit_id = ?)
                        """, arguments: [digest, id, unitID])
                }
            }
            try db.execute(sql: """
                CREATE TRIGGER sent_append_only BEFORE UPDATE ON sent BEGIN SELECT RAISE(ABORT, 'sent files are never overwritten'); END;
                CREATE TRIGGER sent_never_deleted BEFORE DELETE ON sent BEGIN SELECT RAISE(ABORT, 'sent files are never deleted'); END;
                CREATE TRIGGER cell_append_only BEFORE UPDATE ON cell BEGIN SELECT RAISE(ABORT, 'cells are never overwritten'); END;
                CREATE TRIGGER cell_never_deleted BEFORE DELETE ON cell BEGIN SELECT RAISE(ABORT, 'cells are never deleted'); END;
                CREATE TRIGGER finding_append_only BEFORE UPDATE ON finding BEGIN SELECT RAISE(ABORT, 'findings are never overwritten'); END;
                CREATE TRIGGER finding_never_deleted BEFORE DELETE ON finding BEGIN SELECT RAISE(ABORT, 'findings are never deleted'); END;
                """)
        }
        return m
    }

    /// A GRDB/SQLite failure as a ``StoreError`` naming the file.
    static func storeError(_ error: Error, path: String, timeout: Double) -> StoreError {
        if let e = error as? StoreError { return e }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path, seconds: timeout)
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .corrupt(path: path, detail: e.message ?? "\(e.resultCode)")
            case .SQLITE_FULL: return .full(path: path, detail: e.message ?? "\(e.resultCode)")
            case .SQLITE_IOERR: return .io(path: path, detail: e.message ?? "\(e.resultCode)")
            default: return .sqlite(path: path, detail: e.message ?? "\(e.resultCode)")
            }
        }
        return .sqlite(path: path, detail: "\(error)")
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                // IMMEDIATE: the write lock is taken first, so numbers given inside are never shared.
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.storeError(error, path: path, timeout: busyTimeout)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.storeError(error, path: path, timeout: busyTimeout)
        }
    }

    // MARK: - RoundStore

    public func createRound(_ round: RoundInfo, template: StoredTemplate, units: [RoundUnit], sent: [SentFile]) throws {
        let path = self.path
        try write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM round WHERE id = ?", arguments: [round.id]) != nil {
                throw StoreError.roundExists(path: path, round: round.id)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO period (id) VALUES (?)", arguments: [round.period])
            try db.execute(sql: "INSERT OR IGNORE INTO template (id, version, source, sha256) VALUES (?, ?, ?, ?)",
                           arguments: [template.id, template.version, Data(template.source), template.sha256])
            try db.execute(sql: "INSERT INTO round (id, template_id, template_version, table_id, period, created_at, sent_report) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [round.id, round.templateID, round.templateVersion, round.tableID, round.period, round.createdAt, Data(round.sentReport)])
            for (i, u) in units.enumerated() {
                try db.execute(sql: "INSERT INTO round_unit (round_id, unit_id, name, position) VALUES (?, ?, ?, ?)", arguments: [round.id, u.id, u.name, i])
            }
            for s in sent { try Self.insertSent(db, round: round.id, s) }
        }
    }

    public func recordSent(round: String, _ files: [SentFile]) throws {
        try write { db in for f in files { try Self.insertSent(db, round: round, f) } }
    }

    static func insertSent(_ db: Database, round: String, _ s: SentFile) throws {
        try db.execute(sql: "INSERT INTO sent (round_id, unit_id, file_name, sha256, digest, sent_at) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [round, s.unitID, s.fileName, s.sha256, s.digest, s.sentAt])
    }

    static func roundInfo(_ row: Row) -> RoundInfo {
        RoundInfo(id: row["id"], templateID: row["template_id"], templateVersion: row["template_version"], tableID: row["table_id"],
                  period: row["period"], createdAt: row["created_at"], sentReport: [UInt8]((row["sent_report"] as Data?) ?? Data()))
    }

    public func rounds() throws -> [RoundInfo] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM round ORDER BY created_at, id").map(Self.roundInfo) }
    }

    public func round(_ id: String) throws -> RoundInfo? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM round WHERE id = ?", arguments: [id]).map(Self.roundInfo) }
    }

    public func units(round: String) throws -> [RoundUnit] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT unit_id, name FROM round_unit WHERE round_id = ? ORDER BY position", arguments: [round])
                .map { RoundUnit(id: $0["unit_id"], name: $0["name"]) }
        }
    }

    public func sent(round: String) throws -> [SentFile] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sent WHERE round_id = ? ORDER BY id", arguments: [round])
                .map { SentFile(unitID: $0["unit_id"], fileName: $0["file_name"], sha256: $0["sha256"], digest: $0["digest"], sentAt: $0["sent_at"]) }
        }
    }

    public func template(id: String, version: Int) throws -> StoredTemplate? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM template WHERE id = ? AND version = ?", arguments: [id, version])
                .map { StoredTemplate(id: $0["id"], version: $0["version"], source: [UInt8](($0["source"] as Data?) ?? Data())) }
        }
    }

    static let revisionColumns = "id, round_id, unit_id, number, file_name, sha256, size, received_at, forced, force_reason, force_reason_en, untouched, errors, warnings, notes, replaces"

    static func revision(_ row: Row) -> StoredRevision {
        StoredRevision(id: row["id"], roundID: row["round_id"], unitID: row["unit_id"], number: row["number"], fileName: row["file_name"],
                       sha256: row["sha256"], size: row["size"], receivedAt: row["received_at"], forced: row["forced"],
                       forceReason: row["force_reason"], forceReasonEN: row["force_reason_en"], untouched: row["untouched"], errors: row["errors"], warnings: row["warnings"],
                       notes: row["notes"], replaces: row["replaces"])
    }

    public func receive(_ r: NewRevision) throws -> ReceiveOutcome {
        let sha = r.sha256
        return try write { db in
            if let existing = try Row.fetchOne(db, sql: "SELECT \(Self.revisionColumns) FROM revision WHERE round_id = ? AND sha256 = ?",
                                               arguments: [r.roundID, sha]) {
                return .duplicate(of: Self.revision(existing))
            }
            let previous = try Row.fetchOne(db, sql: "SELECT id, number FROM revision WHERE round_id = ? AND unit_id = ? ORDER BY number DESC LIMIT 1",
                                            arguments: [r.roundID, r.unitID])
            let number = ((previous?["number"] as Int?) ?? 0) + 1
            let replaces: Int64? = previous?["id"]
            let errors = r.findings.filter { $0.severity == "error" }.count
            let warnings = r.findings.filter { $0.severity == "warning" }.count
            let notes = r.findings.filter { $0.severity == "note" }.count
            try db.execute(sql: """
                INSERT INTO revision (round_id, unit_id, number, file_name, sha256, size, bytes, received_at, forced, force_reason, force_reason_en,
                                      untouched, errors, warnings, notes, replaces, report_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [r.roundID, r.unitID, number, r.fileName, sha, r.bytes.count, Data(r.bytes), r.receivedAt, r.forced, r.forceReason,
                                 r.forceReasonEN, r.untouched, errors, warnings, notes, replaces, Data(r.reportJSON)])
            let id = db.lastInsertedRowID
            let cell = try db.cachedStatement(sql: "INSERT INTO cell (revision_id, table_id, row_id, column_id, location, text, kind, number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for c in r.cells {
                try cell.execute(arguments: [id, c.tableID, c.rowID, c.columnID, c.location, c.text, c.kind, c.number])
            }
            let finding = try db.cachedStatement(sql: "INSERT INTO finding (revision_id, seq, severity, code, location, table_id, row_id, column_id, message_vi, message_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for (k, f) in r.findings.enumerated() {
                try finding.execute(arguments: [id, k, f.severity, f.code, f.location, f.tableID, f.rowID, f.columnID, f.vi, f.en])
            }
            return .stored(StoredRevision(id: id, roundID: r.roundID, unitID: r.unitID, number: number, fileName: r.fileName, sha256: sha,
                                          size: r.bytes.count, receivedAt: r.receivedAt, forced: r.forced, forceReason: r.forceReason,
                                          forceReasonEN: r.forceReasonEN, untouched: r.untouched, errors: errors, warnings: warnings, notes: notes, replaces: replaces))
        }
    }

    public func revisions(round: String, unit: String) throws -> [StoredRevision] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.revisionColumns) FROM revision WHERE round_id = ? AND unit_id = ? ORDER BY number",
                             arguments: [round, unit]).map(Self.revision)
        }
    }

    public func currentRevisions(round: String) throws -> [StoredRevision] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.revisionColumns) FROM revision r WHERE round_id = ?
                  AND number = (SELECT max(number) FROM revision WHERE round_id = r.round_id AND unit_id = r.unit_id)
                ORDER BY unit_id
                """, arguments: [round]).map(Self.revision)
        }
    }

    public func revision(id: Int64) throws -> StoredRevision? {
        try read { db in try Row.fetchOne(db, sql: "SELECT \(Self.revisionColumns) FROM revision WHERE id = ?", arguments: [id]).map(Self.revision) }
    }

    public func fileBytes(revision: Int64) throws -> [UInt8] {
        try read { db in [UInt8]((try Data.fetchOne(db, sql: "SELECT bytes FROM revision WHERE id = ?", arguments: [revision])) ?? Data()) }
    }

    public func reportJSON(revision: Int64) throws -> [UInt8] {
        try read { db in [UInt8]((try Data.fetchOne(db, sql: "SELECT report_json FROM revision WHERE id = ?", arguments: [revision])) ?? Data()) }
    }

    public func cells(revision: Int64) throws -> [StoredCell] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM cell WHERE revision_id = ? ORDER BY table_id, row_id, column_id", arguments: [revision]).map {
                StoredCell(tableID: $0["table_id"], rowID: $0["row_id"], columnID: $0["column_id"], location: $0["location"], text: $0["text"],
                           kind: $0["kind"], number: $0["number"])
            }
        }
    }

    public func findings(revision: Int64) throws -> [StoredFinding] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM finding WHERE revision_id = ? ORDER BY seq", arguments: [revision]).map {
                StoredFinding(severity: $0["severity"], code: $0["code"], location: $0["location"], tableID: $0["table_id"], rowID: $0["row_id"],
                              columnID: $0["column_id"], vi: $0["message_vi"], en: $0["message_en"])
            }
        }
    }
}
