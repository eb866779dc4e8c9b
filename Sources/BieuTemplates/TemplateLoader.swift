import BieuCore
import BieuModel
import Foundation
import Yams

/// Loads and validates template files (YAML).
///
/// Everything is checked at load time, each problem reported with the file,
/// line and column: YAML syntax, unknown keys (with the allowed ones listed),
/// missing keys, wrong value types, unknown placeholders, duplicate column
/// ids, formulas that name undefined columns, cycles between computed
/// columns, and bad sheet names.
public enum TemplateLoader {
    /// Template files larger than this are refused (a template is a few KB).
    public static let maxFileSize = 1 << 20
    /// At most this many YAML nodes are examined (guards against alias bombs).
    public static let maxNodes = 50_000

    /// Loads a template file.
    public static func load(path: String) throws(TemplateError) -> Template {
        let name = (path as NSString).lastPathComponent
        // stat(2) rather than FileManager.attributesOfItem: no attribute dictionary
        // and dynamic casts (1.3 M instructions, 1 % of a typical export).
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TemplateError(file: name, line: 0, column: 0, reason: Bilingual(vi: "không đọc được tệp", en: "cannot read the file"))
        }
        let size = Int(info.st_size)
        if size > maxFileSize {
            throw TemplateError(file: name, line: 0, column: 0, reason: Bilingual(vi: "tệp quá lớn (\(size) byte) để là một mẫu biểu", en: "file too large (\(size) bytes) to be a template"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TemplateError(file: name, line: 0, column: 0, reason: Bilingual(vi: "không đọc được tệp", en: "cannot read the file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(file: name, line: 0, column: 0, reason: Bilingual(vi: "tệp không phải UTF-8", en: "the file is not UTF-8"))
        }
        return try parse(text, file: name)
    }

    /// Parses template text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(TemplateError) -> Template {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, Resolver.basic) else {
                throw TemplateError(file: file, line: 1, column: 1, reason: Bilingual(vi: "tệp mẫu biểu rỗng", en: "the template file is empty"))
            }
            root = node
        } catch let e as TemplateError {
            throw e
        } catch let e as YamlError {
            throw yamlError(e, file: file)
        } catch {
            throw TemplateError(file: file, line: 0, column: 0, reason: Bilingual(vi: "lỗi YAML: \(error)", en: "YAML error: \(error)"))
        }
        let reader = Reader(file: file)
        let template: Template
        do throws(TemplateError) {
            template = try reader.template(root)
        } catch {
            throw reader.problems.combined(error) ?? error
        }
        if let e = reader.problems.combined(nil) { throw e }
        return template
    }

    private static func yamlError(_ e: YamlError, file: String) -> TemplateError {
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return TemplateError(file: file, line: mark.line, column: mark.column,
                                 reason: Bilingual(vi: "lỗi cú pháp YAML: \(ctx)\(problem)", en: "YAML syntax error: \(ctx)\(problem)"))
        case let .composer(context, problem, mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return TemplateError(file: file, line: mark.line, column: mark.column,
                                 reason: Bilingual(vi: "lỗi cấu trúc YAML: \(ctx)\(problem)", en: "YAML structure error: \(ctx)\(problem)"))
        default:
            return TemplateError(file: file, line: 0, column: 0, reason: Bilingual(vi: "lỗi YAML: \(e)", en: "YAML error: \(e)"))
        }
    }

    // MARK: - Reader

    /// Most errors reported for one file; reading stops there.
    public static let maxErrors = 20

    /// The errors found so far in one file. Reading goes on after an error where what follows
    /// does not depend on what failed (the next key, column, title line, rule); it stops at
    /// ``maxErrors`` or when the file is too large to go on (``maxNodes``).
    final class Problems {
        var errors: [TemplateError] = []
        var nodesSeen = 0
        /// Past the node limit: nothing more is read.
        var fatal = false
        /// Reading has stopped (fatal, or the cap reached): every recovery point passes the error up.
        var stopping = false

        /// `body`'s result, or — after recording its error — `fallback`.
        func recover<T>(_ fallback: T, _ body: () throws -> T) throws(TemplateError) -> T {
            do {
                return try body()
            } catch let error as TemplateError {
                try report(error)
                return fallback
            } catch {
                try report(TemplateError(file: "", line: 0, column: 0, reason: Bilingual(vi: "\(error)", en: "\(error)")))
                return fallback
            }
        }

        /// Records an error and goes on, unless reading has to stop.
        func report(_ error: TemplateError) throws(TemplateError) {
            if stopping { throw error }
            errors.append(error)
            if fatal || errors.count >= TemplateLoader.maxErrors {
                stopping = true
                throw error
            }
        }

        /// Every error recorded (and `last`, thrown past every recovery point), in file order, as one error.
        func combined(_ last: TemplateError?) -> TemplateError? {
            var all = errors
            if let last, !all.contains(last) { all.append(last) }
            all = all.enumerated().sorted { a, b in
                (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
            }.map(\.element)
            guard var first = all.first else { return nil }
            first.more = all.dropFirst().map { TemplateError.Further(line: $0.line, column: $0.column, reason: $0.reason) }
            if all.count >= TemplateLoader.maxErrors {
                first.more.append(TemplateError.Further(line: 0, column: 0,
                                                        reason: Bilingual(vi: "dừng đọc sau \(TemplateLoader.maxErrors) lỗi; sửa các lỗi trên rồi kiểm tra lại",
                                                                          en: "stopped reading after \(TemplateLoader.maxErrors) errors; fix the ones above and check again")))
            }
            return first
        }
    }

    private struct Reader {
        let file: String
        let problems = Problems()

        init(file: String) { self.file = file }

        /// `body`'s result, or `fallback` after recording its error (see ``Problems``).
        func recover<T>(_ fallback: T, _ body: () throws -> T) throws(TemplateError) -> T {
            try problems.recover(fallback, body)
        }

        func fail(_ node: Node?, vi: String, en: String) -> TemplateError {
            TemplateError(file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, reason: Bilingual(vi: vi, en: en))
        }

        func count(_ node: Node) throws(TemplateError) {
            problems.nodesSeen += 1
            if problems.nodesSeen > TemplateLoader.maxNodes {
                problems.fatal = true
                throw fail(node, vi: "mẫu biểu quá lớn hoặc lồng quá sâu", en: "template too large or too deeply nested")
            }
        }

        /// A mapping's entries, refusing keys not in `allowed`.
        func mapping(_ node: Node, allowed: [String], what: Bilingual) throws(TemplateError) -> [String: (key: Node, value: Node)] {
            try count(node)
            guard case .mapping(let m) = node else {
                throw fail(node, vi: "\(what.vi) phải là một bảng khoá: giá trị", en: "\(what.en) must be a mapping of keys to values")
            }
            var result: [String: (key: Node, value: Node)] = [:]
            for (k, v) in m {
                guard case .scalar(let ks) = k else {
                    try problems.report(fail(k, vi: "khoá phải là chữ", en: "keys must be plain text"))
                    continue
                }
                guard allowed.contains(ks.string) else {
                    try problems.report(fail(k, vi: "khoá không được hỗ trợ \"\(ks.string)\" trong \(what.vi) (các khoá hợp lệ: \(allowed.joined(separator: ", ")))",
                                             en: "unknown key \"\(ks.string)\" in \(what.en) (allowed keys: \(allowed.joined(separator: ", ")))"))
                    continue
                }
                guard result[ks.string] == nil else {
                    try problems.report(fail(k, vi: "khoá \"\(ks.string)\" bị lặp", en: "duplicate key \"\(ks.string)\""))
                    continue
                }
                result[ks.string] = (k, v)
            }
            return result
        }

        func sequence(_ node: Node, what: Bilingual) throws(TemplateError) -> [Node] {
            try count(node)
            guard case .sequence(let s) = node else {
                throw fail(node, vi: "\(what.vi) phải là một danh sách", en: "\(what.en) must be a list")
            }
            return Array(s)
        }

        func string(_ node: Node, key: String) throws(TemplateError) -> String {
            guard case .scalar(let s) = node else {
                throw fail(node, vi: "\"\(key)\" phải là một chuỗi chữ", en: "\"\(key)\" must be a text value")
            }
            return VietnameseText.nfc(s.string)
        }

        func int(_ node: Node, key: String, range: ClosedRange<Int>) throws(TemplateError) -> Int {
            guard case .scalar(let s) = node, let v = Int(s.string), range.contains(v) else {
                throw fail(node, vi: "\"\(key)\" phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound)",
                           en: "\"\(key)\" must be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return v
        }

        func double(_ node: Node, key: String, range: ClosedRange<Double>) throws(TemplateError) -> Double {
            guard case .scalar(let s) = node, let v = Double(s.string), v.isFinite, range.contains(v) else {
                throw fail(node, vi: "\"\(key)\" phải là một số từ \(range.lowerBound) đến \(range.upperBound)",
                           en: "\"\(key)\" must be a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return v
        }

        func decimal(_ node: Node, key: String) throws(TemplateError) -> Decimal {
            guard case .scalar(let s) = node, case .number(let d)? = Optional(ValueParser.parse(s.string)) else {
                throw fail(node, vi: "\"\(key)\" phải là một số", en: "\"\(key)\" must be a number")
            }
            return d
        }

        func bool(_ node: Node, key: String) throws(TemplateError) -> Bool {
            guard case .scalar(let s) = node else { throw fail(node, vi: "\"\(key)\" phải là true hoặc false", en: "\"\(key)\" must be true or false") }
            switch s.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: throw fail(node, vi: "\"\(key)\" phải là true hoặc false", en: "\"\(key)\" must be true or false")
            }
        }

        func choice<E: RawRepresentable & CaseIterable>(_ node: Node, key: String, _: E.Type) throws(TemplateError) -> E where E.RawValue == String {
            let s = try string(node, key: key)
            guard let v = E.allCases.first(where: { $0.rawValue.lowercased() == s.lowercased() }) else {
                let list = E.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(node, vi: "giá trị \"\(s)\" không hợp lệ cho \"\(key)\" (hợp lệ: \(list))", en: "invalid value \"\(s)\" for \"\(key)\" (allowed: \(list))")
            }
            return v
        }

        /// A text that may contain placeholders; each must be known.
        func placeholderText(_ node: Node, key: String, extra: Set<String> = []) throws(TemplateError) -> String {
            let s = try string(node, key: key)
            guard let names = PlaceholderValues.names(in: s) else {
                throw fail(node, vi: "dấu ngoặc nhọn không cân trong \"\(s)\" (viết {{ hoặc }} cho dấu ngoặc thật)",
                           en: "unbalanced braces in \"\(s)\" (write {{ or }} for literal braces)")
            }
            let allowed = PlaceholderValues.names.union(extra)
            for n in names where !allowed.contains(n) {
                let list = allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
                throw fail(node, vi: "chỗ điền không có \"{\(n)}\" (có: \(list))", en: "unknown placeholder \"{\(n)}\" (known: \(list))")
            }
            return s
        }

        // MARK: Template

        func template(_ root: Node) throws(TemplateError) -> Template {
            let keys = ["template", "version", "name", "sheet", "match", "title", "blank_rows_after_title", "columns",
                        "lower_is_better", "styles", "page", "aggregate_rows", "rules"]
            let m = try mapping(root, allowed: keys, what: Bilingual(vi: "tệp mẫu biểu", en: "the template file"))
            // Each key is read on its own: an error in one is recorded and the next is read.
            func req(_ k: String) throws(TemplateError) -> Node? {
                guard let v = m[k]?.value else {
                    try problems.report(fail(root, vi: "thiếu khoá bắt buộc \"\(k)\"", en: "missing required key \"\(k)\""))
                    return nil
                }
                return v
            }
            let id = try recover("") { () throws -> String in
                guard let idNode = try req("template") else { return "" }
                let id = try string(idNode, key: "template")
                guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ($0.value >= 97 && $0.value <= 122) || ($0.value >= 48 && $0.value <= 57) || $0 == "-" || $0 == "_" }) else {
                    throw fail(idNode, vi: "mã mẫu biểu chỉ gồm chữ thường không dấu, số, - và _ (ví dụ bieu-01)", en: "template id may contain only a-z, 0-9, - and _ (e.g. bieu-01)")
                }
                return id
            }
            let version = try recover(1) { () throws -> Int in try req("version").map { (n) throws -> Int in try int(n, key: "version", range: 1...100_000) } ?? 1 }
            let name = try recover("") { () throws -> String in try req("name").map { (n) throws -> String in try string(n, key: "name") } ?? "" }
            let sheet = try recover("") { () throws -> String in
                guard let sheetNode = try req("sheet") else { return "" }
                let sheet = try placeholderText(sheetNode, key: "sheet")
                try checkSheetName(sheet, node: sheetNode)
                return sheet
            }

            var matchWords: [String] = []
            if let mn = m["match"]?.value {
                for n in try recover([], { () throws -> [Node] in try sequence(mn, what: Bilingual(vi: "\"match\"", en: "\"match\"")) }) {
                    try recover(()) { () throws in matchWords.append(try string(n, key: "match")) }
                }
            }

            var title: [TitleLine] = []
            if let tn = m["title"]?.value {
                for item in try recover([], { () throws -> [Node] in try sequence(tn, what: Bilingual(vi: "\"title\"", en: "\"title\"")) }) {
                    try recover(()) { () throws in
                        if case .scalar = item {
                            title.append(TitleLine(text: try placeholderText(item, key: "title"), style: title.isEmpty ? .title : .subtitle))
                        } else {
                            let tm = try mapping(item, allowed: ["text", "style"], what: Bilingual(vi: "một dòng tiêu đề", en: "a title line"))
                            guard let textNode = tm["text"]?.value else { throw fail(item, vi: "dòng tiêu đề thiếu \"text\"", en: "title line is missing \"text\"") }
                            let style = try tm["style"].map { (e) throws(TemplateError) -> TitleStyle in try choice(e.value, key: "style", TitleStyle.self) } ?? .plain
                            title.append(TitleLine(text: try placeholderText(textNode, key: "text"), style: style))
                        }
                    }
                }
            }
            let blank = try recover(1) { () throws -> Int in
                try m["blank_rows_after_title"].map { (e) throws(TemplateError) -> Int in try int(e.value, key: "blank_rows_after_title", range: 0...5) } ?? 1
            }

            var ids: [String: Int] = [:]
            let errorsBeforeColumns = problems.errors.count
            let header = try recover([]) { () throws -> [HeaderNode] in
                guard let columnsNode = try req("columns") else { return [] }
                let header = try headerNodes(columnsNode, ids: &ids, depth: 0)
                guard !header.isEmpty else { throw fail(columnsNode, vi: "biểu cần ít nhất một cột", en: "a table needs at least one column") }
                return header
            }

            var lower = NameRule()
            if let ln = m["lower_is_better"]?.value {
                try recover(()) { () throws in
                    let lm = try mapping(ln, allowed: ["name_contains", "except_name_contains"], what: Bilingual(vi: "\"lower_is_better\"", en: "\"lower_is_better\""))
                    if let n = lm["name_contains"]?.value {
                        for x in try sequence(n, what: Bilingual(vi: "\"name_contains\"", en: "\"name_contains\"")) { lower.containing.append(try string(x, key: "name_contains")) }
                    }
                    if let n = lm["except_name_contains"]?.value {
                        for x in try sequence(n, what: Bilingual(vi: "\"except_name_contains\"", en: "\"except_name_contains\"")) { lower.exceptContaining.append(try string(x, key: "except_name_contains")) }
                    }
                }
            }

            let styles = try recover(try self.styles(nil)) { () throws -> Styles in try self.styles(m["styles"]?.value) }
            let page = try recover(try self.page(nil)) { () throws -> PageSetup in try self.page(m["page"]?.value) }

            var template = Template(id: id, version: version, name: name, sheet: sheet, title: title, blankRowsAfterTitle: blank,
                                    header: header, columns: header.flatMap { $0.leaves }, lowerIsBetter: lower, styles: styles, page: page, matchWords: matchWords, source: file)
            // The checks across columns, only when every column was read (else they would report what failed already).
            let columnsRead = problems.errors.count == errorsBeforeColumns
            if columnsRead { try checkReferences(template) }
            if columnsRead, let n = m["aggregate_rows"]?.value {
                template.aggregationOverrides = try recover([]) { () throws -> [AggregationOverride] in try aggregationOverrides(n, template: template) }
            }
            if columnsRead, let n = m["rules"]?.value {
                template.rules = try recover([]) { () throws -> [DeclaredRule] in try declaredRules(n, template: template) }
            }
            if columnsRead { try checkAggregations(template) }
            return template
        }

        func checkSheetName(_ sheet: String, node: Node) throws(TemplateError) {
            let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
            if let bad = sheet.first(where: { forbidden.contains($0) }) {
                throw fail(node, vi: "tên trang tính không được chứa ký tự \"\(bad)\"", en: "sheet name must not contain \"\(bad)\"")
            }
            let literal = PlaceholderValues(values: [:]).fill(sheet)
            if literal.isEmpty || literal.count > 31 || sheet.hasPrefix("'") || sheet.hasSuffix("'") {
                throw fail(node, vi: "tên trang tính phải có từ 1 đến 31 ký tự và không bắt đầu/kết thúc bằng dấu nháy đơn",
                           en: "sheet name must have 1 to 31 characters and not start or end with an apostrophe")
            }
        }

        func headerNodes(_ node: Node, ids: inout [String: Int], depth: Int) throws(TemplateError) -> [HeaderNode] {
            guard depth < 4 else { throw fail(node, vi: "tiêu đề cột lồng quá 4 cấp", en: "column headers nested more than 4 levels") }
            var result: [HeaderNode] = []
            for item in try sequence(node, what: Bilingual(vi: "\"columns\"", en: "\"columns\"")) {
                // Each column on its own: one that cannot be read is reported and the next is read.
                try recover(()) { () throws in
                guard case .mapping = item else { throw fail(item, vi: "mỗi cột phải là một bảng khoá: giá trị", en: "each column must be a mapping") }
                if case .mapping(let mm) = item, mm["columns"] != nil {
                    let gm = try mapping(item, allowed: ["header", "columns"], what: Bilingual(vi: "một nhóm cột", en: "a column group"))
                    guard let hn = gm["header"]?.value else { throw fail(item, vi: "nhóm cột thiếu \"header\"", en: "column group is missing \"header\"") }
                    let label = try placeholderText(hn, key: "header")
                    let children = try headerNodes(gm["columns"]!.value, ids: &ids, depth: depth + 1)
                    guard !children.isEmpty else { throw fail(item, vi: "nhóm cột \"\(label)\" không có cột nào", en: "column group \"\(label)\" has no columns") }
                    result.append(.group(label: label, children: children))
                } else {
                    let column = try self.column(item, ids: &ids)
                    result.append(.column(column))
                }
                }
            }
            return result
        }

        func column(_ node: Node, ids: inout [String: Int]) throws(TemplateError) -> Column {
            let keys = ["id", "header", "field", "kind", "width", "align", "wrap", "decimals", "formula", "lower_is_better_formula",
                        "assessment", "input", "required", "help", "min", "max", "plausible", "max_length", "carry", "aggregate"]
            let m = try mapping(node, allowed: keys, what: Bilingual(vi: "một cột", en: "a column"))
            guard let idNode = m["id"]?.value else { throw fail(node, vi: "cột thiếu \"id\"", en: "column is missing \"id\"") }
            let id = try string(idNode, key: "id")
            guard let first = id.unicodeScalars.first, (first.value >= 97 && first.value <= 122) || first == "_",
                  id.unicodeScalars.allSatisfy({ ($0.value >= 97 && $0.value <= 122) || ($0.value >= 48 && $0.value <= 57) || $0 == "_" }) else {
                throw fail(idNode, vi: "mã cột \"\(id)\" chỉ gồm chữ thường không dấu, số và _, bắt đầu bằng chữ", en: "column id \"\(id)\" may contain only a-z, 0-9 and _, starting with a letter")
            }
            if let previous = ids[id] {
                throw fail(idNode, vi: "mã cột \"\(id)\" bị trùng (đã khai báo ở dòng \(previous))", en: "duplicate column id \"\(id)\" (already defined on line \(previous))")
            }
            let line = idNode.mark?.line ?? 0
            ids[id] = line
            guard let hn = m["header"]?.value else { throw fail(node, vi: "cột \"\(id)\" thiếu \"header\"", en: "column \"\(id)\" is missing \"header\"") }
            let header = try placeholderText(hn, key: "header")
            let field = try m["field"].map { (e) throws(TemplateError) -> ColumnField in try choice(e.value, key: "field", ColumnField.self) } ?? .cell

            var formula: Expression?
            var lowerFormula: Expression?
            if let fn = m["formula"]?.value { formula = try expression(fn, key: "formula") }
            if let fn = m["lower_is_better_formula"]?.value { lowerFormula = try expression(fn, key: "lower_is_better_formula") }
            var assessment: AssessmentRule?
            if let an = m["assessment"]?.value {
                let am = try mapping(an, allowed: ["from", "met_from", "exceeded_above"], what: Bilingual(vi: "\"assessment\"", en: "\"assessment\""))
                guard let from = am["from"]?.value else { throw fail(an, vi: "\"assessment\" thiếu \"from\" (cột tỷ lệ)", en: "\"assessment\" is missing \"from\" (the ratio column)") }
                assessment = AssessmentRule(from: try string(from, key: "from"),
                                            metFrom: try am["met_from"].map { (e) throws(TemplateError) -> Decimal in try decimal(e.value, key: "met_from") } ?? 100,
                                            exceededAbove: try am["exceeded_above"].map { (e) throws(TemplateError) -> Decimal in try decimal(e.value, key: "exceeded_above") })
            }
            let defaultKind: ColumnKind = formula != nil ? .computed : assessment != nil ? .assessment : .value
            let kind = try m["kind"].map { (e) throws(TemplateError) -> ColumnKind in try choice(e.value, key: "kind", ColumnKind.self) } ?? defaultKind
            if kind == .computed && formula == nil {
                throw fail(m["kind"]?.value ?? node, vi: "cột tính toán \"\(id)\" thiếu \"formula\"", en: "computed column \"\(id)\" is missing \"formula\"")
            }
            if formula != nil && kind != .computed {
                throw fail(m["formula"]?.value, vi: "chỉ cột loại computed mới có \"formula\"", en: "only computed columns have a \"formula\"")
            }
            if kind == .assessment && assessment == nil {
                throw fail(node, vi: "cột đánh giá \"\(id)\" thiếu \"assessment\"", en: "assessment column \"\(id)\" is missing \"assessment\"")
            }
            if field != .cell && (kind == .computed || kind == .assessment) {
                throw fail(m["field"]?.value, vi: "cột \(field.rawValue) không thể là cột tính toán hay đánh giá", en: "a \(field.rawValue) column cannot be computed or an assessment")
            }
            let defaultAlign: Alignment
            switch field {
            case .stt, .unit: defaultAlign = .center
            case .name, .note: defaultAlign = .left
            case .cell: defaultAlign = kind == .text ? .left : (kind == .assessment ? .center : .right)
            }
            var plausibleMin: Decimal?, plausibleMax: Decimal?
            if let pn = m["plausible"]?.value {
                let pm = try mapping(pn, allowed: ["min", "max"], what: Bilingual(vi: "\"plausible\"", en: "\"plausible\""))
                plausibleMin = try pm["min"].map { (e) throws(TemplateError) -> Decimal in try decimal(e.value, key: "min") }
                plausibleMax = try pm["max"].map { (e) throws(TemplateError) -> Decimal in try decimal(e.value, key: "max") }
            }
            // Keys that depend on nothing else: each error is reported, the column keeps the default.
            func optional<T>(_ key: String, _ fallback: T?, _ read: (Node) throws -> T) throws(TemplateError) -> T? {
                guard let node = m[key]?.value else { return fallback }
                return try recover(fallback) { () throws -> T? in try read(node) }
            }
            var column = Column(
                id: id, header: header, field: field, kind: kind,
                width: try optional("width", 12) { (n) throws -> Double in try double(n, key: "width", range: 1...255) } ?? 12,
                align: try optional("align", defaultAlign) { (n) throws -> Alignment in try choice(n, key: "align", Alignment.self) } ?? defaultAlign,
                wrap: try optional("wrap", true) { (n) throws -> Bool in try bool(n, key: "wrap") } ?? true,
                decimals: try optional("decimals", nil) { (n) throws -> Int in try int(n, key: "decimals", range: 0...10) },
                formula: formula, lowerIsBetterFormula: lowerFormula, assessment: assessment,
                input: try optional("input", false) { (n) throws -> Bool in try bool(n, key: "input") } ?? false,
                required: try optional("required", false) { (n) throws -> Bool in try bool(n, key: "required") } ?? false,
                help: try optional("help", nil) { (n) throws -> String in try placeholderText(n, key: "help") },
                minimum: try optional("min", nil) { (n) throws -> Decimal in try decimal(n, key: "min") },
                maximum: try optional("max", nil) { (n) throws -> Decimal in try decimal(n, key: "max") },
                plausibleMinimum: plausibleMin, plausibleMaximum: plausibleMax,
                maxLength: try optional("max_length", nil) { (n) throws -> Int in try int(n, key: "max_length", range: 1...32767) },
                carry: try optional("carry", nil) { (n) throws -> String in try string(n, key: "carry") },
                line: line,
                formulaLine: (m["formula"] ?? m["lower_is_better_formula"] ?? m["assessment"])?.value.mark?.line ?? line)
            if let an = m["aggregate"]?.value { column.aggregate = try recover(nil) { () throws -> Aggregation? in try aggregation(an) } }
            return column
        }

        // MARK: Rounds: aggregation and declared rules (docs/TEMPLATES.md)

        /// `sum`, `mean`, `min`, `max`, `recompute`, `list`, `none`, or `{weighted_mean: weight_column}`.
        func aggregation(_ node: Node) throws(TemplateError) -> Aggregation {
            if case .mapping = node {
                let m = try mapping(node, allowed: ["weighted_mean"], what: Bilingual(vi: "\"aggregate\"", en: "\"aggregate\""))
                return .weightedMean(weight: try string(m["weighted_mean"]!.value, key: "weighted_mean"))
            }
            let s = try string(node, key: "aggregate")
            switch s {
            case "sum": return .sum
            case "mean": return .mean
            case "min": return .min
            case "max": return .max
            case "recompute": return .recompute
            case "list": return .list
            case "none": return .none
            case "weighted_mean":
                throw fail(node, vi: "weighted_mean cần cột trọng số: aggregate: {weighted_mean: mã_cột}", en: "weighted_mean needs a weight column: aggregate: {weighted_mean: column_id}")
            default:
                let list = Aggregation.names.joined(separator: ", ")
                throw fail(node, vi: "giá trị \"\(s)\" không hợp lệ cho \"aggregate\" (hợp lệ: \(list))", en: "invalid value \"\(s)\" for \"aggregate\" (allowed: \(list))")
            }
        }

        /// `rows: {unit: [...], name_contains: [...], except_name_contains: [...], kind: [...]}`.
        func rowSelector(_ node: Node?) throws(TemplateError) -> RowSelector {
            guard let node else { return RowSelector() }
            let m = try mapping(node, allowed: ["unit", "name_contains", "except_name_contains", "kind"], what: Bilingual(vi: "\"rows\"", en: "\"rows\""))
            var selector = RowSelector()
            var names = NameRule()
            if let n = m["unit"]?.value { for x in try sequence(n, what: Bilingual(vi: "\"unit\"", en: "\"unit\"")) { selector.units.append(try string(x, key: "unit")) } }
            if let n = m["name_contains"]?.value { for x in try sequence(n, what: Bilingual(vi: "\"name_contains\"", en: "\"name_contains\"")) { names.containing.append(try string(x, key: "name_contains")) } }
            if let n = m["except_name_contains"]?.value { for x in try sequence(n, what: Bilingual(vi: "\"except_name_contains\"", en: "\"except_name_contains\"")) { names.exceptContaining.append(try string(x, key: "except_name_contains")) } }
            if let n = m["kind"]?.value { for x in try sequence(n, what: Bilingual(vi: "\"kind\"", en: "\"kind\"")) { selector.kinds.append(try choice(x, key: "kind", RowKind.self)) } }
            selector.names = names
            return selector
        }

        /// A list of column ids, each a defined value column.
        func columnList(_ node: Node, key: String, template: Template) throws(TemplateError) -> [String] {
            var ids: [String] = []
            for x in try sequence(node, what: Bilingual(vi: "\"\(key)\"", en: "\"\(key)\"")) {
                let id = try string(x, key: key)
                guard template.column(id)?.field == .cell else {
                    throw fail(x, vi: "\"\(key)\" dùng cột chưa khai báo hoặc không phải cột giá trị \"\(id)\"", en: "\"\(key)\" names an undefined or non-value column \"\(id)\"")
                }
                ids.append(id)
            }
            return ids
        }

        func aggregationOverrides(_ node: Node, template: Template) throws(TemplateError) -> [AggregationOverride] {
            var result: [AggregationOverride] = []
            for item in try sequence(node, what: Bilingual(vi: "\"aggregate_rows\"", en: "\"aggregate_rows\"")) {
                let m = try mapping(item, allowed: ["rows", "columns", "aggregate"], what: Bilingual(vi: "một mục aggregate_rows", en: "an aggregate_rows entry"))
                guard let an = m["aggregate"]?.value else { throw fail(item, vi: "thiếu \"aggregate\"", en: "missing \"aggregate\"") }
                result.append(AggregationOverride(rows: try rowSelector(m["rows"]?.value),
                                                  columns: try m["columns"].map { (e) throws(TemplateError) -> [String] in try columnList(e.value, key: "columns", template: template) },
                                                  aggregation: try aggregation(an), line: item.mark?.line ?? 0))
            }
            return result
        }

        func declaredRules(_ node: Node, template: Template) throws(TemplateError) -> [DeclaredRule] {
            var result: [DeclaredRule] = []
            for item in try sequence(node, what: Bilingual(vi: "\"rules\"", en: "\"rules\"")) {
                let m = try mapping(item, allowed: ["check", "part_of_parent", "required", "rows", "severity", "message"],
                                    what: Bilingual(vi: "một quy tắc", en: "a rule"))
                let kinds = ["check", "part_of_parent", "required"].filter { m[$0] != nil }
                guard kinds.count == 1 else {
                    throw fail(item, vi: "mỗi quy tắc có đúng một trong: check, part_of_parent, required", en: "each rule has exactly one of: check, part_of_parent, required")
                }
                let line = item.mark?.line ?? 0
                let kind: DeclaredRule.Kind
                let text: String
                switch kinds[0] {
                case "check":
                    let cn = m["check"]!.value
                    text = try string(cn, key: "check")
                    switch DeclaredRule.parseComparison(text) {
                    case .success(let k): kind = k
                    case .failure(let e):
                        throw TemplateError(file: file, line: cn.mark?.line ?? 0, column: (cn.mark?.column ?? 0) + e.offset,
                                            reason: Bilingual(vi: "quy tắc \"\(text)\": \(e.reason.vi)", en: "rule \"\(text)\": \(e.reason.en)"))
                    }
                    for ref in DeclaredRule(kind: kind, rows: RowSelector(), isError: false, text: text, message: nil, line: line).columns {
                        guard template.column(ref)?.field == .cell else {
                            throw fail(cn, vi: "quy tắc \"\(text)\" dùng cột chưa khai báo hoặc không phải cột giá trị \"\(ref)\"", en: "rule \"\(text)\" uses an undefined or non-value column \"\(ref)\"")
                        }
                    }
                case "part_of_parent":
                    let cs = try columnList(m["part_of_parent"]!.value, key: "part_of_parent", template: template)
                    kind = .partOfParent(columns: cs)
                    text = "part_of_parent: " + cs.joined(separator: ", ")
                default:
                    let cs = try columnList(m["required"]!.value, key: "required", template: template)
                    kind = .required(columns: cs)
                    text = "required: " + cs.joined(separator: ", ")
                }
                var isError = false
                if let sn = m["severity"]?.value {
                    switch try string(sn, key: "severity") {
                    case "error": isError = true
                    case "warning": isError = false
                    default: throw fail(sn, vi: "\"severity\" là error hoặc warning", en: "\"severity\" is error or warning")
                    }
                }
                result.append(DeclaredRule(kind: kind, rows: try rowSelector(m["rows"]?.value), isError: isError, text: text,
                                           message: try m["message"].map { (e) throws(TemplateError) -> String in try string(e.value, key: "message") }, line: line))
            }
            return result
        }

        /// A weight names a defined value column; `recompute` needs a formula.
        func checkAggregations(_ t: Template) throws(TemplateError) {
            func check(_ a: Aggregation, column: Column?, line: Int) throws(TemplateError) {
                if case .weightedMean(let w) = a, t.column(w)?.field != .cell {
                    throw TemplateError(file: file, line: line, column: 0, reason: Bilingual(vi: "weighted_mean dùng cột trọng số chưa khai báo \"\(w)\"", en: "weighted_mean uses undefined weight column \"\(w)\""))
                }
                if a == .recompute, let column, column.formula == nil {
                    throw TemplateError(file: file, line: line, column: 0, reason: Bilingual(vi: "cột \"\(column.id)\": recompute cần cột có \"formula\"", en: "column \"\(column.id)\": recompute needs a column with a \"formula\""))
                }
            }
            for c in t.columns { if let a = c.aggregate { try check(a, column: c, line: c.line) } }
            for o in t.aggregationOverrides {
                for id in o.columns ?? [] { try check(o.aggregation, column: t.column(id), line: o.line) }
                if o.columns == nil { try check(o.aggregation, column: nil, line: o.line) }
            }
        }

        func expression(_ node: Node, key: String) throws(TemplateError) -> Expression {
            let text = try string(node, key: key)
            do {
                return try ExpressionParser.parse(text)
            } catch {
                let col = (node.mark?.column ?? 0) + error.offset
                throw TemplateError(file: file, line: node.mark?.line ?? 0, column: col,
                                    reason: Bilingual(vi: "công thức \"\(text)\": \(error.reason.vi)", en: "formula \"\(text)\": \(error.reason.en)"))
            }
        }

        func styles(_ node: Node?) throws(TemplateError) -> Styles {
            var styles = Styles(font: "Times New Roman", body: TextStyle(size: 12, bold: false, italic: false),
                                title: TextStyle(size: 13, bold: true), subtitle: TextStyle(italic: true), header: TextStyle(bold: true),
                                rows: [.section: TextStyle(bold: true), .group: TextStyle(bold: true), .subIndicator: TextStyle(italic: true), .note: TextStyle(italic: true)])
            guard let node else { return styles }
            let m = try mapping(node, allowed: ["font", "size", "title", "subtitle", "header", "rows"], what: Bilingual(vi: "\"styles\"", en: "\"styles\""))
            if let f = m["font"]?.value { styles.font = try string(f, key: "font") }
            if let s = m["size"]?.value { styles.body.size = try double(s, key: "size", range: 6...72) }
            if let n = m["title"]?.value { styles.title = try textStyle(n, key: "title") }
            if let n = m["subtitle"]?.value { styles.subtitle = try textStyle(n, key: "subtitle") }
            if let n = m["header"]?.value { styles.header = try textStyle(n, key: "header") }
            if let n = m["rows"]?.value {
                let rm = try mapping(n, allowed: RowKind.allCases.map(\.rawValue), what: Bilingual(vi: "\"rows\"", en: "\"rows\""))
                for kind in RowKind.allCases {
                    if let k = rm[kind.rawValue]?.value { styles.rows[kind] = try textStyle(k, key: kind.rawValue) }
                }
            }
            return styles
        }

        func textStyle(_ node: Node, key: String) throws(TemplateError) -> TextStyle {
            let m = try mapping(node, allowed: ["size", "bold", "italic"], what: Bilingual(vi: "kiểu chữ \"\(key)\"", en: "style \"\(key)\""))
            return TextStyle(size: try m["size"].map { (e) throws(TemplateError) -> Double in try double(e.value, key: "size", range: 6...72) },
                             bold: try m["bold"].map { (e) throws(TemplateError) -> Bool in try bool(e.value, key: "bold") },
                             italic: try m["italic"].map { (e) throws(TemplateError) -> Bool in try bool(e.value, key: "italic") })
        }

        func page(_ node: Node?) throws(TemplateError) -> PageSetup {
            var page = PageSetup(paper: .a4, orientation: .landscape, marginLeft: 1.5, marginRight: 1.5, marginTop: 1.5, marginBottom: 1.5,
                                 fitToWidth: true, repeatHeader: true, freezeHeader: true, centerHorizontally: true, footer: nil)
            guard let node else { return page }
            let m = try mapping(node, allowed: ["paper", "orientation", "margins", "fit_to_width", "repeat_header", "freeze_header", "center_horizontally", "footer"],
                                what: Bilingual(vi: "\"page\"", en: "\"page\""))
            if let n = m["paper"]?.value { page.paper = try choice(n, key: "paper", PageSetup.Paper.self) }
            if let n = m["orientation"]?.value { page.orientation = try choice(n, key: "orientation", PageSetup.Orientation.self) }
            if let n = m["margins"]?.value {
                let mm = try mapping(n, allowed: ["left", "right", "top", "bottom"], what: Bilingual(vi: "\"margins\" (cm)", en: "\"margins\" (cm)"))
                if let v = mm["left"]?.value { page.marginLeft = try double(v, key: "left", range: 0...10) }
                if let v = mm["right"]?.value { page.marginRight = try double(v, key: "right", range: 0...10) }
                if let v = mm["top"]?.value { page.marginTop = try double(v, key: "top", range: 0...10) }
                if let v = mm["bottom"]?.value { page.marginBottom = try double(v, key: "bottom", range: 0...10) }
            }
            if let n = m["fit_to_width"]?.value { page.fitToWidth = try bool(n, key: "fit_to_width") }
            if let n = m["repeat_header"]?.value { page.repeatHeader = try bool(n, key: "repeat_header") }
            if let n = m["freeze_header"]?.value { page.freezeHeader = try bool(n, key: "freeze_header") }
            if let n = m["center_horizontally"]?.value { page.centerHorizontally = try bool(n, key: "center_horizontally") }
            if let n = m["footer"]?.value { page.footer = try placeholderText(n, key: "footer", extra: PlaceholderValues.footerNames) }
            return page
        }

        /// Formulas and assessments must name defined value columns; computed columns must not form a cycle.
        func checkReferences(_ t: Template) throws(TemplateError) {
            let columns = t.columns
            let byID = Dictionary(columns.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for c in columns {
                for e in [c.formula, c.lowerIsBetterFormula].compactMap({ $0 }) {
                    for ref in e.references {
                        guard let target = byID[ref] else {
                            throw TemplateError(file: file, line: c.formulaLine, column: 0,
                                                reason: Bilingual(vi: "công thức của cột \"\(c.id)\" dùng cột chưa khai báo \"\(ref)\"",
                                                                  en: "the formula of column \"\(c.id)\" uses undefined column \"\(ref)\""))
                        }
                        guard target.field == .cell else {
                            throw TemplateError(file: file, line: c.formulaLine, column: 0,
                                                reason: Bilingual(vi: "công thức của cột \"\(c.id)\" chỉ được dùng cột giá trị, không dùng cột \(target.field.rawValue) \"\(ref)\"",
                                                                  en: "the formula of column \"\(c.id)\" may use value columns only, not the \(target.field.rawValue) column \"\(ref)\""))
                        }
                    }
                }
                if let carry = c.carry {
                    guard byID[carry]?.field == .cell, c.field == .cell, c.kind != .computed else {
                        throw TemplateError(file: file, line: c.line, column: 0,
                                            reason: Bilingual(vi: "\"carry\" của cột \"\(c.id)\" phải là một cột giá trị đã khai báo, và cột tính toán không nhận \"carry\" (có \"\(carry)\")",
                                                              en: "\"carry\" of column \"\(c.id)\" must name a defined value column, and computed columns take no \"carry\" (got \"\(carry)\")"))
                    }
                }
                if let a = c.assessment {
                    guard let target = byID[a.from], target.field == .cell, target.id != c.id else {
                        throw TemplateError(file: file, line: c.formulaLine, column: 0,
                                            reason: Bilingual(vi: "cột đánh giá \"\(c.id)\" dựa vào cột chưa khai báo \"\(a.from)\"",
                                                              en: "assessment column \"\(c.id)\" refers to undefined column \"\(a.from)\""))
                    }
                }
            }
            // Cycle detection over computed columns (depth-first, reporting the cycle's path).
            var state: [String: Int] = [:] // 1 visiting, 2 done
            func visit(_ id: String, path: [String]) throws(TemplateError) {
                if state[id] == 2 { return }
                if state[id] == 1 {
                    let cycle = (path.drop(while: { $0 != id }) + [id]).joined(separator: " → ")
                    let c = byID[id]!
                    throw TemplateError(file: file, line: c.formulaLine, column: 0,
                                        reason: Bilingual(vi: "các công thức tham chiếu vòng tròn: \(cycle)", en: "formulas form a cycle: \(cycle)"))
                }
                state[id] = 1
                if let c = byID[id] {
                    var refs = Set<String>()
                    for e in [c.formula, c.lowerIsBetterFormula].compactMap({ $0 }) { refs.formUnion(e.references) }
                    if let a = c.assessment { refs.insert(a.from) }
                    for r in refs.sorted() { try visit(r, path: path + [id]) }
                }
                state[id] = 2
            }
            for c in columns { try visit(c.id, path: []) }
        }
    }
}
