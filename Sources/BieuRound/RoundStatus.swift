import BieuCore
import BieuModel
import Foundation

/// Who has returned what: one line per unit of a round (DHIS2's completeness report).
public struct RoundStatus: Sendable {
    public enum State: String, Sendable, CaseIterable, Codable {
        /// Nothing received.
        case missing
        /// Received, but no cell changed from what was sent.
        case untouched
        /// The current revision has errors.
        case errors
        /// The current revision has warnings (and no errors).
        case warnings
        case ok

        public func label(_ language: Language) -> String {
            switch (self, language) {
            case (.missing, .vi): return "chưa nộp"
            case (.untouched, .vi): return "chưa điền"
            case (.errors, .vi): return "có lỗi"
            case (.warnings, .vi): return "có cảnh báo"
            case (.ok, .vi): return "đạt"
            case (.missing, .en): return "missing"
            case (.untouched, .en): return "untouched"
            case (.errors, .en): return "errors"
            case (.warnings, .en): return "warnings"
            case (.ok, .en): return "ok"
            }
        }
    }

    public struct Line: Sendable {
        public var unit: RoundUnit
        public var state: State
        public var revisions: Int
        /// The current revision (nil: missing).
        public var current: StoredRevision?
    }

    public var round: RoundInfo
    public var lines: [Line]

    public var allOK: Bool { lines.allSatisfy { $0.state == .ok } }

    public func count(_ state: State) -> Int { lines.filter { $0.state == state }.count }

    public static func compute(store: any RoundStore, round: RoundInfo) throws -> RoundStatus {
        let units = try store.units(round: round.id)
        var current: [String: StoredRevision] = [:]
        for r in try store.currentRevisions(round: round.id) { current[r.unitID] = r }
        let lines = units.map { u -> Line in
            guard let r = current[u.id] else { return Line(unit: u, state: .missing, revisions: 0, current: nil) }
            let state: State = r.untouched ? .untouched : r.errors > 0 ? .errors : r.warnings > 0 ? .warnings : .ok
            return Line(unit: u, state: state, revisions: r.number, current: r)
        }
        return RoundStatus(round: round, lines: lines)
    }

    /// A time as ISO 8601 (UTC), as status and history show it.
    public static func time(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// One line per unit, then the counts.
    public func text(_ language: Language) -> String {
        var out = ""
        let vi = language == .vi
        for l in lines {
            var s = "\(l.unit.name) [\(l.unit.id)]: \(l.state.label(language))"
            if let r = l.current {
                s += vi ? " — \(l.revisions) lần nộp, lần cuối \(Self.time(r.receivedAt)), tệp \(r.fileName), \(r.errors) lỗi, \(r.warnings) cảnh báo"
                        : " — \(l.revisions) revision(s), last received \(Self.time(r.receivedAt)), file \(r.fileName), \(r.errors) errors, \(r.warnings) warnings"
                if r.forced { s += (vi ? " (nhận ép" : " (forced") + (r.forceReason(language).map { ": " + $0 } ?? "") + ")" }
            }
            out += s + "\n"
        }
        let counts = State.allCases.map { "\($0.label(language)) \(count($0))" }.joined(separator: ", ")
        out += (vi ? "Đợt thu \(round.id) (\(round.templateID), kỳ \(round.period)): \(lines.count) đơn vị — " : "Round \(round.id) (\(round.templateID), period \(round.period)): \(lines.count) units — ") + counts + "\n"
        return out
    }

    /// `{"round": …, "units": [{unit, name, status, revisions, errors, warnings, received, file, forced, force_reason}], "counts": {…}, "all_ok": …}`
    /// (`force_reason`: why the current revision was accepted with `--force`, in Vietnamese, or null).
    public func json() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("round"); w.string(round.id)
        w.key("template"); w.string(round.templateID)
        w.key("period"); w.string(round.period)
        w.key("units")
        w.beginArray()
        for l in lines {
            w.element()
            w.beginObject(inline: true)
            w.key("unit"); w.string(l.unit.id)
            w.key("name"); w.string(l.unit.name)
            w.key("status"); w.string(l.state.rawValue)
            w.key("revisions"); w.number(String(l.revisions))
            w.key("errors"); w.number(String(l.current?.errors ?? 0))
            w.key("warnings"); w.number(String(l.current?.warnings ?? 0))
            w.key("received")
            if let r = l.current { w.string(Self.time(r.receivedAt)) } else { w.null() }
            w.key("file")
            if let r = l.current { w.string(r.fileName) } else { w.null() }
            w.key("forced"); w.bool(l.current?.forced ?? false)
            w.key("force_reason")
            if let reason = l.current?.forceReason(.vi) { w.string(reason) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.key("counts")
        w.beginObject(inline: true)
        for s in State.allCases { w.key(s.rawValue); w.number(String(count(s))) }
        w.endObject()
        w.key("all_ok"); w.bool(allOK)
        w.endObject()
        w.finish()
        return w.bytes
    }
}
