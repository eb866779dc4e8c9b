import BieuCore
import Foundation

/// The canonical JSON form of a ``Report``. See `docs/MODEL.md` for the
/// format, field by field.
///
/// - Keys always appear in the same order; cells are written on one line.
/// - Text is NFC; the file is UTF-8 without a byte-order mark, ending in a newline.
/// - `format` names the schema and its version: ``ReportJSON/formatVersion``.
/// - Loading then saving a canonical file gives the same bytes.
public enum ReportJSON {
    /// The value of the `format` field this version writes and reads.
    public static let formatVersion = "bieu/1"

    // MARK: Errors

    /// Why a JSON document could not be loaded as a report.
    public struct LoadError: UserFacingError, Equatable {
        /// The file name, when loading from a file.
        public var file: String?
        /// Where in the document, e.g. `$.tables[0].rows[3].cells.kh_nam`.
        public var path: String
        public var line: Int
        public var column: Int
        public var reason: Bilingual

        public func message(_ language: Language) -> String {
            let place = (file.map { "\($0):" } ?? "") + "\(line):\(column)"
            switch language {
            case .vi: return "\(place): \(path): \(reason.vi)"
            case .en: return "\(place): \(path): \(reason.en)"
            }
        }
    }

    // MARK: Loading

    /// Loads a report from a file.
    public static func load(path: String) throws -> Report {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BieuMessageError(vi: "Không đọc được tệp \(path)", en: "Cannot read file \(path)")
        }
        do {
            return try decode([UInt8](data))
        } catch {
            var located = error
            located.file = path
            throw located
        }
    }

    /// Decodes a report from UTF-8 JSON bytes.
    public static func decode(_ bytes: [UInt8]) throws(LoadError) -> Report {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw LoadError(file: nil, path: "$", line: error.line, column: error.column, reason: error.reason)
        }
        return try Decoder().report(root)
    }

    struct Decoder {
        /// How cell texts read, remembered across the rows one decoder (or one
        /// ``ReportStream``) decodes: a text repeated down a table is parsed once.
        let readings: CellReadings

        init(readings: CellReadings = CellReadings()) { self.readings = readings }

        /// The keys each object may have.
        static let reportKeys: [String] = ["format", "issuer", "number", "date", "period", "term", "title", "unit", "tables"]
        static let unitKeys: [String] = ["id", "name"]
        static let periodKeys: [String] = ["kind", "year", "number"]
        static let termKeys: [String] = ["start", "end"]
        static let tableKeys: [String] = ["id", "template", "title", "rows"]
        static let rowKeys: [String] = ["id", "kind", "stt", "name", "unit", "cells", "note", "direction"]
        static let cellKeys: [String] = ["text", "type", "value", "numerator", "denominator", "low", "high", "relation", "unit", "status", "candidates"]
        static let candidateKeys: [String] = ["type", "value", "numerator", "denominator", "low", "high", "relation", "unit", "status"]

        func fail(_ node: JSONNode, _ path: JSONPath, vi: String, en: String) -> LoadError {
            LoadError(file: nil, path: path.description, line: node.line, column: node.column, reason: Bilingual(vi: vi, en: en))
        }

        /// An object's members, looked up by key: a few members, compared in a line
        /// (no dictionary to build and hash for every row and cell).
        struct Members {
            let list: [(key: String, value: JSONNode)]
            subscript(key: String) -> JSONNode? {
                for m in list where m.key == key { return m.value }
                return nil
            }
        }

        func object(_ node: JSONNode, _ path: @autoclosure () -> JSONPath, allowed: [String]) throws(LoadError) -> Members {
            guard case .object(let members) = node.kind else {
                throw fail(node, path(), vi: "cần một đối tượng JSON, gặp \(node.typeName)", en: "expected an object, found \(node.typeName)")
            }
            for (k, v) in members where !allowed.contains(k) {
                let list = allowed.sorted().joined(separator: ", ")
                throw fail(v, path().appending(k), vi: "khoá không được hỗ trợ \"\(k)\" (các khoá hợp lệ: \(list))",
                           en: "unknown key \"\(k)\" (allowed keys: \(list))")
            }
            return Members(list: members)
        }

        /// The value of a member of an object node (to point an error at it).
        func member(_ node: JSONNode, _ key: String) -> JSONNode? {
            guard case .object(let members) = node.kind else { return nil }
            return members.first { $0.key == key }?.value
        }

        func required(_ dict: Members, _ key: String, in node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> JSONNode {
            guard let v = dict[key] else {
                throw fail(node, path(), vi: "thiếu khoá bắt buộc \"\(key)\"", en: "missing required key \"\(key)\"")
            }
            return v
        }

        func string(_ node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> String {
            guard case .string(let s) = node.kind else {
                throw fail(node, path(), vi: "cần một chuỗi, gặp \(node.typeName)", en: "expected a string, found \(node.typeName)")
            }
            return VietnameseText.nfc(s)
        }

        func optionalString(_ dict: Members, _ key: String, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> String {
            guard let n = dict[key] else { return "" }
            return try string(n, path().appending(key))
        }

        func int(_ node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> Int {
            guard case .number(let lit) = node.kind, let v = Int(lit) else {
                throw fail(node, path(), vi: "cần một số nguyên", en: "expected an integer")
            }
            return v
        }

        func decimal(_ node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> Decimal {
            guard case .number(let lit) = node.kind else {
                throw fail(node, path(), vi: "cần một số, gặp \(node.typeName)", en: "expected a number, found \(node.typeName)")
            }
            // Exactly or not at all: Decimal keeps 38 significant digits and
            // exponents within ±127; anything beyond would change the number.
            guard let d = ExactDecimal.parse(lit) else {
                throw fail(node, path(), vi: "số \(lit) không lưu được chính xác (quá 38 chữ số có nghĩa hoặc quá lớn/quá nhỏ)",
                           en: "the number \(lit) cannot be stored exactly (more than 38 significant digits, or too large or too small)")
            }
            return d
        }

        func array(_ node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> [JSONNode] {
            guard case .array(let items) = node.kind else {
                throw fail(node, path(), vi: "cần một mảng, gặp \(node.typeName)", en: "expected an array, found \(node.typeName)")
            }
            return items
        }

        func report(_ node: JSONNode) throws(LoadError) -> Report {
            func path() -> JSONPath { .root }
            let d = try object(node, path(), allowed: Decoder.reportKeys)
            let formatNode = try required(d, "format", in: node, path())
            let format = try string(formatNode, path().appending("format"))
            guard format == ReportJSON.formatVersion else {
                throw fail(formatNode, path().appending("format"),
                           vi: "phiên bản định dạng \"\(format)\" không được hỗ trợ (cần \"\(ReportJSON.formatVersion)\")",
                           en: "unsupported format \"\(format)\" (expected \"\(ReportJSON.formatVersion)\")")
            }
            var date: ReportDate?
            if let dn = d["date"] {
                let s = try string(dn, path().appending("date"))
                guard let parsed = ReportDate(iso: s) else {
                    throw fail(dn, path().appending("date"), vi: "ngày không hợp lệ \"\(s)\" (cần dạng YYYY-MM-DD)", en: "invalid date \"\(s)\" (expected YYYY-MM-DD)")
                }
                date = parsed
            }
            let periodNode = try required(d, "period", in: node, path())
            let period = try self.period(periodNode, path().appending("period"))
            var term: Term?
            if let tn = d["term"] {
                let tp = path().appending("term")
                let td = try object(tn, tp, allowed: Decoder.termKeys)
                let start = try int(try required(td, "start", in: tn, tp), tp.appending("start"))
                let end = try int(try required(td, "end", in: tn, tp), tp.appending("end"))
                guard start <= end else { throw fail(tn, tp, vi: "năm bắt đầu nhiệm kỳ sau năm kết thúc", en: "term start is after its end") }
                term = Term(start: start, end: end)
            }
            var unit: ReportUnit?
            if let un = d["unit"] {
                let up = path().appending("unit")
                let ud = try object(un, up, allowed: Decoder.unitKeys)
                unit = ReportUnit(id: try ud["id"].map { (n) throws(LoadError) in try string(n, up.appending("id")) },
                                  name: try string(try required(ud, "name", in: un, up), up.appending("name")))
            }
            var tables: [AnnexTable] = []
            var tableIDs = Set<String>()
            if let tn = d["tables"] {
                for (i, t) in try array(tn, path().appending("tables")).enumerated() {
                    let table = try self.table(t, path().appending("tables").appending(i))
                    guard tableIDs.insert(table.id).inserted else {
                        throw fail(member(t, "id") ?? t, path().appending("tables").appending(i).appending("id"),
                                   vi: "mã biểu \"\(table.id)\" bị trùng", en: "duplicate table id \"\(table.id)\"")
                    }
                    tables.append(table)
                }
            }
            return Report(issuer: try optionalString(d, "issuer", path()), number: try optionalString(d, "number", path()),
                          date: date, period: period, term: term, title: try optionalString(d, "title", path()), tables: tables, unit: unit)
        }

        func period(_ node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> ReportPeriod {
            let d = try object(node, path(), allowed: Decoder.periodKeys)
            let kindNode = try required(d, "kind", in: node, path())
            let kindText = try string(kindNode, path().appending("kind"))
            guard let kind = ReportPeriod.Kind(rawValue: kindText) else {
                let list = ReportPeriod.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(kindNode, path().appending("kind"), vi: "loại kỳ báo cáo không hợp lệ \"\(kindText)\" (hợp lệ: \(list))",
                           en: "invalid period kind \"\(kindText)\" (allowed: \(list))")
            }
            let year = try int(try required(d, "year", in: node, path()), path().appending("year"))
            var number: Int?
            if let nn = d["number"] { number = try int(nn, path().appending("number")) }
            if kind == .quarter {
                guard let q = number, (1...4).contains(q) else {
                    throw fail(node, path(), vi: "kỳ theo quý cần \"number\" từ 1 đến 4", en: "a quarter period needs \"number\" between 1 and 4")
                }
            }
            return ReportPeriod(kind: kind, year: year, number: number)
        }

        func table(_ node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> AnnexTable {
            let d = try object(node, path(), allowed: Decoder.tableKeys)
            let id = try string(try required(d, "id", in: node, path()), path().appending("id"))
            let template = try string(try required(d, "template", in: node, path()), path().appending("template"))
            var title: [String] = []
            if let tn = d["title"] {
                for (i, line) in try array(tn, path().appending("title")).enumerated() {
                    title.append(try string(line, path().appending("title").appending(i)))
                }
            }
            var rows: [Row] = []
            var ids = Set<String>()
            if let rn = d["rows"] {
                let items = try array(rn, path().appending("rows"))
                rows.reserveCapacity(items.count)
                for (i, r) in items.enumerated() {
                    let row = try self.row(r, path().appending("rows").appending(i))
                    guard ids.insert(row.id).inserted else {
                        throw fail(member(r, "id") ?? r, path().appending("rows").appending(i).appending("id"), vi: "mã dòng \"\(row.id)\" bị trùng trong biểu", en: "duplicate row id \"\(row.id)\" in the table")
                    }
                    rows.append(row)
                }
            }
            return AnnexTable(id: id, template: template, title: title, rows: rows)
        }

        func row(_ node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> Row {
            let d = try object(node, path(), allowed: Decoder.rowKeys)
            let idNode = try required(d, "id", in: node, path())
            let id = try string(idNode, path().appending("id"))
            guard !id.isEmpty else { throw fail(idNode, path().appending("id"), vi: "mã dòng không được để trống", en: "row id must not be empty") }
            var kind = RowKind.indicator
            if let kn = d["kind"] {
                let k = try string(kn, path().appending("kind"))
                guard let parsed = RowKind(rawValue: k) else {
                    let list = RowKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw fail(kn, path().appending("kind"), vi: "loại dòng không hợp lệ \"\(k)\" (hợp lệ: \(list))", en: "invalid row kind \"\(k)\" (allowed: \(list))")
                }
                kind = parsed
            }
            var direction: Direction?
            if let dn = d["direction"] {
                let s = try string(dn, path().appending("direction"))
                guard let parsed = Direction(rawValue: s) else {
                    throw fail(dn, path().appending("direction"), vi: "hướng đánh giá không hợp lệ \"\(s)\" (hợp lệ: higher, lower)", en: "invalid direction \"\(s)\" (allowed: higher, lower)")
                }
                direction = parsed
            }
            var cells = CellMap()
            if let cn = d["cells"] {
                guard case .object(let members) = cn.kind else {
                    throw fail(cn, path().appending("cells"), vi: "cần một đối tượng các ô, gặp \(cn.typeName)", en: "expected an object of cells, found \(cn.typeName)")
                }
                for (column, value) in members {
                    cells[VietnameseText.nfc(column)] = try cell(value, path().appending("cells").appending(column))
                }
            }
            return Row(id: id, kind: kind, stt: try optionalString(d, "stt", path()), name: try optionalString(d, "name", path()),
                       unit: try optionalString(d, "unit", path()), cells: cells, note: try optionalString(d, "note", path()),
                       direction: direction)
        }

        /// A cell: a bare string (read by the parser) or `{"text": …, "type": …, …}`.
        func cell(_ node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> Cell {
            if case .string(let s) = node.kind {
                let text = VietnameseText.nfc(s)
                return Cell(nfcText: text, parsed: readings.parse(text))
            }
            // A number literal is ASCII, so already NFC.
            if case .number(let lit) = node.kind { return Cell(nfcText: lit, parsed: readings.parse(lit)) }
            let d = try object(node, path(), allowed: Decoder.cellKeys)
            let text = try string(try required(d, "text", in: node, path()), path().appending("text"))
            let parsed = readings.parse(text)
            guard let typeNode = d["type"] else { return Cell(nfcText: text, parsed: parsed) }
            let value = try self.value(d, typeNode: typeNode, node: node, path())
            guard let cell = Cell(nfcText: text, parsed: parsed, value: value) else {
                throw fail(node, path(), vi: "giá trị không khớp với chữ \"\(text)\" (chữ này được đọc là \(parsed.typeName))",
                           en: "the value does not match the text \"\(text)\" (the text reads as \(parsed.typeName))")
            }
            return cell
        }

        func value(_ d: Members, typeNode: JSONNode, node: JSONNode, _ path: @autoclosure () -> JSONPath) throws(LoadError) -> CellValue {
            let type = try string(typeNode, path().appending("type"))
            func dec(_ k: String) throws(LoadError) -> Decimal { try decimal(try required(d, k, in: node, path()), path().appending(k)) }
            func optUnit() throws(LoadError) -> String? { d["unit"] == nil ? nil : try string(d["unit"]!, path().appending("unit")) }
            switch type {
            case "empty": return .empty
            case "number": return .number(try dec("value"))
            case "percent": return .percent(try dec("value"))
            case "per_mille": return .perMille(try dec("value"))
            case "ratio": return .ratio(numerator: try dec("numerator"), denominator: try dec("denominator"), unit: try optUnit())
            case "range": return .range(low: try dec("low"), high: try dec("high"), unit: try optUnit())
            case "bound":
                let rn = try required(d, "relation", in: node, path())
                let r = try string(rn, path().appending("relation"))
                guard let relation = BoundRelation(rawValue: r) else {
                    throw fail(rn, path().appending("relation"), vi: "quan hệ không hợp lệ \"\(r)\" (hợp lệ: >, >=, <, <=)", en: "invalid relation \"\(r)\" (allowed: >, >=, <, <=)")
                }
                return .bound(relation: relation, value: try dec("value"), unit: try optUnit())
            case "quantity":
                return .quantity(try dec("value"), unit: try string(try required(d, "unit", in: node, path()), path().appending("unit")))
            case "status":
                let sn = try required(d, "status", in: node, path())
                let s = try string(sn, path().appending("status"))
                guard let status = Status(rawValue: s) else {
                    let list = Status.allCases.map(\.rawValue).joined(separator: ", ")
                    throw fail(sn, path().appending("status"), vi: "trạng thái không hợp lệ \"\(s)\" (hợp lệ: \(list))", en: "invalid status \"\(s)\" (allowed: \(list))")
                }
                return .status(status)
            case "text":
                return .text(try string(try required(d, "text", in: node, path()), path().appending("text")))
            case "ambiguous":
                let cn = try required(d, "candidates", in: node, path())
                var candidates: [CellValue] = []
                for (i, c) in try array(cn, path().appending("candidates")).enumerated() {
                    let cp = path().appending("candidates").appending(i)
                    let cd = try object(c, cp, allowed: Decoder.candidateKeys)
                    candidates.append(try value(cd, typeNode: try required(cd, "type", in: c, cp), node: c, cp))
                }
                return .ambiguous(candidates: candidates)
            default:
                throw fail(typeNode, path().appending("type"),
                           vi: "kiểu giá trị không hợp lệ \"\(type)\"", en: "invalid value type \"\(type)\"")
            }
        }
    }

    // MARK: Saving

    /// Encodes a report as canonical JSON bytes.
    public static func encode(_ report: Report) -> [UInt8] {
        var w = JSONWriter(reserving: 4096 + report.tables.reduce(0) { $0 + $1.rows.count * 400 })
        encodeHead(report, into: &w)
        for table in report.tables {
            w.element()
            encode(table, into: &w)
        }
        encodeTail(into: &w)
        return w.bytes
    }

    /// Writes the report's metadata and opens its `tables` array (for streaming writers).
    public static func encodeHead(_ report: Report, into w: inout JSONWriter) {
        w.beginObject()
        w.key("format"); w.string(formatVersion)
        if !report.issuer.isEmpty { w.key("issuer"); w.string(VietnameseText.nfc(report.issuer)) }
        if !report.number.isEmpty { w.key("number"); w.string(VietnameseText.nfc(report.number)) }
        if let date = report.date { w.key("date"); w.string(date.iso) }
        w.key("period")
        w.beginObject(inline: true)
        w.key("kind"); w.string(report.period.kind.rawValue)
        w.key("year"); w.int(report.period.year)
        if let n = report.period.number { w.key("number"); w.int(n) }
        w.endObject()
        if let term = report.term {
            w.key("term")
            w.beginObject(inline: true)
            w.key("start"); w.int(term.start)
            w.key("end"); w.int(term.end)
            w.endObject()
        }
        if !report.title.isEmpty { w.key("title"); w.string(VietnameseText.nfc(report.title)) }
        if let unit = report.unit {
            w.key("unit")
            w.beginObject(inline: true)
            if let id = unit.id { w.key("id"); w.string(id) }
            w.key("name"); w.string(VietnameseText.nfc(unit.name))
            w.endObject()
        }
        w.key("tables")
        w.beginArray()
    }

    /// Closes the `tables` array and the document.
    public static func encodeTail(into w: inout JSONWriter) {
        w.endArray()
        w.endObject()
        w.finish()
    }

    /// Writes one table object (used by ``encode(_:)`` and by streaming writers).
    public static func encode(_ table: AnnexTable, into w: inout JSONWriter) {
        encodeHead(table, into: &w)
        for row in table.rows {
            w.element()
            encode(row, into: &w)
        }
        encodeTableTail(into: &w)
    }

    /// Writes a table's id, template and title and opens its `rows` array (rows of `table` are not written).
    public static func encodeHead(_ table: AnnexTable, into w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.string(VietnameseText.nfc(table.id))
        w.key("template"); w.string(VietnameseText.nfc(table.template))
        if !table.title.isEmpty {
            w.key("title")
            w.beginArray()
            for line in table.title { w.element(); w.string(VietnameseText.nfc(line)) }
            w.endArray()
        }
        w.key("rows")
        w.beginArray()
    }

    /// Closes a table's `rows` array and the table.
    public static func encodeTableTail(into w: inout JSONWriter) {
        w.endArray()
        w.endObject()
    }

    /// Writes one row object.
    public static func encode(_ row: Row, into w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.string(VietnameseText.nfc(row.id))
        w.key("kind"); w.string(row.kind.rawValue)
        if !row.stt.isEmpty { w.key("stt"); w.string(VietnameseText.nfc(row.stt)) }
        if !row.name.isEmpty { w.key("name"); w.string(VietnameseText.nfc(row.name)) }
        if !row.unit.isEmpty { w.key("unit"); w.string(VietnameseText.nfc(row.unit)) }
        if let direction = row.direction { w.key("direction"); w.string(direction.rawValue) }
        if !row.cells.isEmpty {
            w.key("cells")
            w.beginObject()
            for (column, cell) in row.cells {
                w.key(VietnameseText.nfc(column))
                encode(cell, into: &w)
            }
            w.endObject()
        }
        if !row.note.isEmpty { w.key("note"); w.string(VietnameseText.nfc(row.note)) }
        w.endObject()
    }

    /// Writes one cell on a single line: `{"text": "41.160", "type": "number", "value": 41160}`.
    public static func encode(_ cell: Cell, into w: inout JSONWriter) {
        w.beginObject(inline: true)
        w.key("text"); w.string(cell.text)
        encodeValue(cell.value, into: &w)
        w.endObject()
    }

    private static func encodeValue(_ value: CellValue, into w: inout JSONWriter) {
        w.key("type"); w.string(value.typeName)
        func unit(_ u: String?) { if let u { w.key("unit"); w.string(u) } }
        switch value {
        case .empty, .text: break
        case .number(let d), .percent(let d), .perMille(let d):
            w.key("value"); w.number(literal(d))
        case let .ratio(n, d, u):
            w.key("numerator"); w.number(literal(n))
            w.key("denominator"); w.number(literal(d))
            unit(u)
        case let .range(lo, hi, u):
            w.key("low"); w.number(literal(lo))
            w.key("high"); w.number(literal(hi))
            unit(u)
        case let .bound(r, v, u):
            w.key("relation"); w.string(r.rawValue)
            w.key("value"); w.number(literal(v))
            unit(u)
        case let .quantity(v, u):
            w.key("value"); w.number(literal(v))
            unit(u)
        case .status(let s):
            w.key("status"); w.string(s.rawValue)
        case .ambiguous(let candidates):
            w.key("candidates")
            w.beginArray(inline: true)
            for c in candidates {
                w.element()
                w.beginObject(inline: true)
                encodeValue(c, into: &w)
                w.endObject()
            }
            w.endArray()
        }
    }

    /// The JSON number literal for a Decimal: plain digits, no exponent.
    public static func literal(_ d: Decimal) -> String {
        DecimalFormatting.plain(d)
    }
}
