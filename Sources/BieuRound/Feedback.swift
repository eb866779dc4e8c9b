import BieuCore
import BieuExport
import BieuModel
import BieuTemplates
import Foundation

/// Feedback workbooks: for a unit whose current revision has findings, its
/// return as a staff workbook again — the same rows and values, so the unit
/// corrects it and sends it back as its next revision — with each finding's
/// cell highlighted and an Excel note saying what is wrong, and a sheet
/// listing every finding.
public enum Feedback {
    public struct Written: Sendable {
        public var unit: RoundUnit
        public var revision: StoredRevision
        public var path: String
        public var findings: Int
    }

    /// Writes feedback workbooks into `folder` (which must exist) for `units` (default: every unit
    /// with findings in its current revision). Notes are in `language`. The written files are recorded
    /// as sent (with their identity's digest, which the corrected return carries), in one transaction;
    /// all or nothing, as in ``RoundService/newRound(templateID:period:units:data:roundID:folder:password:contact:beforeReplacing:now:)``.
    public static func write(service: RoundService, round: RoundInfo, units only: [RoundUnit]? = nil, folder: String,
                             language: Language = .vi, beforeReplacing: ((String) throws -> Void)? = nil, now: Date = Date()) throws -> [Written] {
        let store = service.store
        let template = try service.catalog.template(round.templateID)
        let units = try only ?? store.units(round: round.id)
        var current: [String: StoredRevision] = [:]
        for r in try store.currentRevisions(round: round.id) { current[r.unitID] = r }
        return try AtomicFile.together(beforeReplacing: beforeReplacing) {
            var written: [Written] = []
            var sent: [SentFile] = []
            for unit in units {
                guard let revision = current[unit.id] else { continue }
                let findings = try store.findings(revision: revision.id).filter { $0.severity != "note" }
                guard !findings.isEmpty else { continue }
                let report = try ReportJSON.decode(try store.reportJSON(revision: revision.id))
                let plan = try FillablePlan.make(template: template, data: report, tableID: round.tableID, period: report.period.year)
                let vi = language == .vi
                let marks = findings.compactMap { f -> FeedbackMarks.Mark? in
                    guard let row = f.rowID else { return nil }
                    let severity = f.severity == "error" ? (vi ? "Lỗi" : "Error") : (vi ? "Cảnh báo" : "Warning")
                    let place = f.location.map { vi ? " (ô \($0) trong tệp đã nộp)" : " (cell \($0) of the return)" } ?? ""
                    return FeedbackMarks.Mark(rowID: row, columnID: f.columnID, isError: f.severity == "error",
                                              text: "\(severity) [\(f.code)]: \(f.text(language))\(place)")
                }
                let header = vi ? ["Ô (tệp đã nộp)", "Mức", "Mã", "Nội dung cần sửa"] : ["Cell (return)", "Severity", "Code", "What to fix"]
                let lines = findings.map { f in
                    [f.location ?? "", f.severity == "error" ? (vi ? "lỗi" : "error") : (vi ? "cảnh báo" : "warning"), f.code, f.text(language)]
                }
                var options = FillableWorkbook.Options(unit: unit.name, unitID: unit.id, roundID: round.id)
                options.feedback = FeedbackMarks(marks: marks, sheetName: vi ? "Lỗi cần sửa" : "To fix", header: header, lines: lines)
                let path = (folder as NSString).appendingPathComponent("\(round.templateID)_\(unit.id)_gop-y-lan-\(revision.number).xlsx")
                let workbook = FillableWorkbook(plan: plan, options: options)
                try workbook.write(to: path)
                let bytes = try RoundService.readFile(AtomicFile.stagedPath(for: path), limit: Receiver.maxFileSize)
                sent.append(SentFile(unitID: unit.id, fileName: (path as NSString).lastPathComponent, sha256: SHA256.hex(bytes),
                                     digest: try workbook.sentDigest(), sentAt: now))
                written.append(Written(unit: unit, revision: revision, path: path, findings: findings.count))
            }
            if !sent.isEmpty { try store.recordSent(round: round.id, sent) }
            return written
        }
    }
}
