import BieuCore
import BieuModel
import BieuRound
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

enum RoundEnv {
    static let root = ExternalTools.repositoryRoot()
    static func catalog() throws -> TemplateCatalog { try TemplateCatalog(directory: root + "/Templates") }
    static func dir(_ name: String) throws -> String { try ExternalTools.temporaryDirectory(name) }

    /// The bieu executable built next to the tests.
    static var bieuBinary: String { ExternalTools.bieuBinary }

    @discardableResult
    static func bieu(_ arguments: [String], in directory: String? = nil) throws -> ExternalTools.Output {
        try ExternalTools.run(bieuBinary, arguments, environment: ["BIEU_TEMPLATES": root + "/Templates"], currentDirectory: directory)
    }

    /// Runs the `sqlite3` shell (Debian's sqlite3 package) on a store: the file is plain SQLite.
    static func sqlite(_ path: String, _ sql: String) throws -> ExternalTools.Output {
        try ExternalTools.run("sqlite3", ["-batch", path, sql])
    }

    /// A file's SHA-256 (compared instead of its bytes, so a failure prints 64 characters).
    static func digest(_ path: String) -> String { SHA256.hex([UInt8](FileManager.default.contents(atPath: path) ?? Data())) }

    /// A store with one round of two units, made directly through the protocol.
    static func smallStore(_ path: String, busyTimeout: Double = 10) throws -> SQLiteRoundStore {
        let store = try SQLiteRoundStore(path: path, create: true, busyTimeout: busyTimeout)
        let round = RoundInfo(id: "r1", templateID: "bieu-01", templateVersion: 1, tableID: "bieu-01", period: "2025", createdAt: Date(),
                              sentReport: Array(#"{"period": {"kind": "year", "year": 2025}, "tables": []}"#.utf8))
        try store.createRound(round, template: StoredTemplate(id: "bieu-01", version: 1, source: Array("template: bieu-01".utf8)),
                              units: [RoundUnit(id: "xa-a", name: "Xã A"), RoundUnit(id: "xa-b", name: "Xã B")],
                              sent: [SentFile(unitID: "xa-a", fileName: "a.xlsx", sha256: SHA256.hex([1]), sentAt: Date())])
        return store
    }

    static func revision(_ unit: String, _ bytes: [UInt8], cells: Int = 3, findings: Int = 1) -> NewRevision {
        NewRevision(roundID: "r1", unitID: unit, fileName: "\(unit).xlsx", bytes: bytes, receivedAt: Date(), untouched: false,
                    reportJSON: Array("{}".utf8),
                    cells: (0..<cells).map { StoredCell(tableID: "bieu-01", rowID: "r\($0)", columnID: "th_nam", location: "Biểu 01!F\($0 + 8)", text: "4\($0)", kind: "number", number: "4\($0)") },
                    findings: (0..<findings).map { StoredFinding(severity: "warning", code: "c\($0)", location: nil, tableID: nil, rowID: nil, columnID: nil, vi: "cảnh báo", en: "warning") })
    }
}
