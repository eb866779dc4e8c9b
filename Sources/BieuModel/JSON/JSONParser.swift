import BieuCore

/// A strict JSON parser (RFC 8259) over UTF-8 bytes.
///
/// Written for hostile input: it rejects invalid UTF-8, duplicate keys,
/// control characters in strings, lone surrogates and trailing content;
/// nesting depth is bounded so a deeply nested file cannot exhaust the stack.
/// Numbers are kept as their literal text. Every error carries the line,
/// column and byte offset where parsing stopped.
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public static let maxDepth = 128

    public struct SyntaxError: UserFacingError, Equatable {
        public var line: Int
        public var column: Int
        public var offset: Int
        public var reason: Bilingual

        public func message(_ language: Language) -> String {
            switch language {
            case .vi: return "dòng \(line), cột \(column): \(reason.vi)"
            case .en: return "line \(line), column \(column): \(reason.en)"
            }
        }
    }

    private let bytes: [UInt8]
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    /// Column bookkeeping so that a long line (a minified file is one line)
    /// is not rescanned from its start for every value: the character count
    /// up to `columnCacheOffset` on the line starting at `columnCacheLineStart`.
    private var columnCacheLineStart = -1
    private var columnCacheOffset = 0
    private var columnCacheCount = 0

    /// Where `bytes` sits in a larger document (a piece handed over by ``ReportStream``):
    /// its first line, the column of its first byte, and its byte offset.
    private var baseLine = 1
    private var baseColumn = 1
    private var baseOffset = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses a complete JSON document.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONNode {
        try parse(bytes, line: 1, column: 1, offset: 0)
    }

    /// Parses one value that starts at `line`/`column`/`offset` of a larger document;
    /// positions in nodes and errors are those of the larger document.
    public static func parse(_ bytes: [UInt8], line: Int, column: Int, offset: Int) throws(SyntaxError) -> JSONNode {
        var p = JSONParser(bytes)
        p.baseLine = line
        p.baseColumn = column
        p.baseOffset = offset
        p.line = line
        // A UTF-8 byte-order mark is tolerated at the start.
        if offset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.pos = 3; p.lineStart = 3 }
        p.skipWhitespace()
        let node = try p.value(depth: 0)
        p.skipWhitespace()
        if p.pos != bytes.count {
            throw p.error(vi: "có nội dung thừa sau khi tài liệu JSON đã kết thúc", en: "unexpected content after the end of the JSON document")
        }
        return node
    }

    private func error(vi: String, en: String) -> SyntaxError {
        SyntaxError(line: line, column: column(at: pos), offset: baseOffset + pos, reason: Bilingual(vi: vi, en: en))
    }

    /// Columns on the piece's first line continue from where the piece starts.
    private var firstLineShift: Int { line == baseLine ? baseColumn - 1 : 0 }

    /// The 1-based column of `pos`, continuing the count from the last call
    /// on the same line (amortised linear over the whole document).
    private mutating func currentColumn() -> Int {
        if columnCacheLineStart != lineStart || columnCacheOffset > pos {
            columnCacheLineStart = lineStart
            columnCacheOffset = lineStart
            columnCacheCount = 0
        }
        var i = columnCacheOffset
        while i < pos && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { columnCacheCount += 1 }
            i += 1
        }
        columnCacheOffset = i
        return columnCacheCount + 1 + firstLineShift
    }

    /// Column in characters (not bytes) from the start of the line, 1-based.
    private func column(at offset: Int) -> Int {
        var count = 0
        var i = lineStart
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count + 1 + firstLineShift
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0D: pos += 1
            case 0x0A: pos += 1; line += 1; lineStart = pos
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(SyntaxError) -> JSONNode {
        guard pos < bytes.count else {
            throw error(vi: "tệp kết thúc giữa chừng (thiếu giá trị)", en: "unexpected end of input (a value is missing)")
        }
        let startLine = line, startColumn = currentColumn()
        func node(_ kind: JSONNode.Kind) -> JSONNode { JSONNode(kind: kind, line: startLine, column: startColumn) }
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            guard depth < JSONParser.maxDepth else {
                throw error(vi: "JSON lồng quá sâu (quá \(JSONParser.maxDepth) cấp)", en: "JSON nested too deeply (more than \(JSONParser.maxDepth) levels)")
            }
            pos += 1
            var members: [(key: String, value: JSONNode)] = []
            var seen = Set<String>()
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return node(.object(members)) }
            while true {
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
                    throw error(vi: "cần tên khoá trong dấu nháy kép", en: "expected a key in double quotes")
                }
                let keyOffset = pos
                let key = try string()
                if !seen.insert(key).inserted {
                    pos = keyOffset
                    throw error(vi: "khoá \"\(key)\" bị lặp lại trong cùng một đối tượng", en: "duplicate key \"\(key)\" in the same object")
                }
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
                    throw error(vi: "cần dấu hai chấm sau khoá \"\(key)\"", en: "expected ':' after key \"\(key)\"")
                }
                pos += 1
                skipWhitespace()
                let v = try value(depth: depth + 1)
                members.append((key, v))
                skipWhitespace()
                guard pos < bytes.count else { throw error(vi: "tệp kết thúc giữa một đối tượng", en: "unexpected end of input inside an object") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "}") { pos += 1; return node(.object(members)) }
                throw error(vi: "cần dấu phẩy hoặc dấu đóng ngoặc nhọn", en: "expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            guard depth < JSONParser.maxDepth else {
                throw error(vi: "JSON lồng quá sâu (quá \(JSONParser.maxDepth) cấp)", en: "JSON nested too deeply (more than \(JSONParser.maxDepth) levels)")
            }
            pos += 1
            var items: [JSONNode] = []
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return node(.array(items)) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard pos < bytes.count else { throw error(vi: "tệp kết thúc giữa một mảng", en: "unexpected end of input inside an array") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; return node(.array(items)) }
                throw error(vi: "cần dấu phẩy hoặc dấu đóng ngoặc vuông", en: "expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return node(.string(try string()))
        case UInt8(ascii: "t"):
            try literal("true"); return node(.bool(true))
        case UInt8(ascii: "f"):
            try literal("false"); return node(.bool(false))
        case UInt8(ascii: "n"):
            try literal("null"); return node(.null)
        case UInt8(ascii: "-"), 48...57:
            return node(.number(try number()))
        default:
            let b = bytes[pos]
            throw error(vi: String(format: "ký tự không hợp lệ ở đây (byte 0x%02X tại vị trí byte %d)", b, baseOffset + pos),
                        en: String(format: "unexpected character (byte 0x%02X at byte offset %d)", b, baseOffset + pos))
        }
    }

    private mutating func literal(_ word: String) throws(SyntaxError) {
        let w = Array(word.utf8)
        guard pos + w.count <= bytes.count, bytes[pos..<(pos + w.count)].elementsEqual(w) else {
            throw error(vi: "giá trị không hợp lệ", en: "invalid literal")
        }
        pos += w.count
    }

    private mutating func number() throws(SyntaxError) -> String {
        let start = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        func digits() -> Int { let s = pos; while pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 { pos += 1 }; return pos - s }
        guard pos < bytes.count else { throw error(vi: "số không hợp lệ", en: "invalid number") }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
        } else if digits() == 0 {
            throw error(vi: "số không hợp lệ", en: "invalid number")
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            if digits() == 0 { throw error(vi: "số không hợp lệ: thiếu chữ số sau dấu chấm", en: "invalid number: digits expected after '.'") }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            if digits() == 0 { throw error(vi: "số không hợp lệ: thiếu số mũ", en: "invalid number: exponent digits expected") }
        }
        if pos - start > 64 { pos = start; throw error(vi: "số quá dài", en: "number literal too long") }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    private mutating func string() throws(SyntaxError) -> String {
        pos += 1 // opening quote
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw error(vi: "chuỗi chưa được đóng (thiếu dấu nháy kép)", en: "unterminated string") }
            let b = bytes[pos]
            switch b {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                pos += 1
                guard pos < bytes.count else { throw error(vi: "chuỗi chưa được đóng", en: "unterminated string") }
                let e = bytes[pos]
                pos += 1
                if let simple = JSONEscape.simple(e) { out.append(simple); continue }
                switch e {
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                            throw error(vi: "nửa cặp ký tự thay thế (surrogate) đứng một mình", en: "lone surrogate in \\u escape")
                        }
                        pos += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low <= 0xDFFF else {
                            throw error(vi: "cặp ký tự thay thế (surrogate) không hợp lệ", en: "invalid surrogate pair")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        throw error(vi: "nửa cặp ký tự thay thế (surrogate) đứng một mình", en: "lone surrogate in \\u escape")
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default:
                    pos -= 1
                    throw error(vi: "ký tự thoát không hợp lệ", en: "invalid escape sequence")
                }
            case 0x00..<0x20:
                throw error(vi: "ký tự điều khiển trong chuỗi phải được viết dạng thoát", en: "control character in string must be escaped")
            case 0x80...:
                let n = try utf8Sequence()
                out.append(contentsOf: bytes[pos..<(pos + n)])
                pos += n
            default:
                out.append(b)
                pos += 1
            }
        }
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error(vi: "thiếu chữ số hex sau \\u", en: "expected 4 hex digits after \\u") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: throw error(vi: "chữ số hex không hợp lệ sau \\u", en: "invalid hex digit after \\u")
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }

    /// Length of the valid UTF-8 sequence at `pos`, or an error naming the byte offset.
    private func utf8Sequence() throws(SyntaxError) -> Int {
        let b0 = bytes[pos]
        let n: Int
        var minScalar: UInt32
        switch b0 {
        case 0xC2...0xDF: n = 2; minScalar = 0x80
        case 0xE0...0xEF: n = 3; minScalar = 0x800
        case 0xF0...0xF4: n = 4; minScalar = 0x10000
        default:
            throw error(vi: String(format: "byte UTF-8 không hợp lệ 0x%02X tại vị trí byte %d", b0, baseOffset + pos),
                        en: String(format: "invalid UTF-8 byte 0x%02X at byte offset %d", b0, baseOffset + pos))
        }
        guard pos + n <= bytes.count else {
            throw error(vi: "chuỗi UTF-8 bị cắt cụt tại vị trí byte \(baseOffset + pos)", en: "truncated UTF-8 sequence at byte offset \(baseOffset + pos)")
        }
        var scalar = UInt32(b0) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
        for i in 1..<n {
            let b = bytes[pos + i]
            guard b & 0xC0 == 0x80 else {
                throw error(vi: "chuỗi UTF-8 không hợp lệ tại vị trí byte \(baseOffset + pos)", en: "invalid UTF-8 sequence at byte offset \(baseOffset + pos)")
            }
            scalar = (scalar << 6) | UInt32(b & 0x3F)
        }
        guard scalar >= minScalar, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
            throw error(vi: "chuỗi UTF-8 không hợp lệ tại vị trí byte \(baseOffset + pos)", en: "invalid UTF-8 sequence at byte offset \(baseOffset + pos)")
        }
        _ = minScalar
        return n
    }
}

/// The parser's grammar and strictness (UTF-8, escapes and surrogates, control characters,
/// numbers and their length, literals, nesting depth, duplicate keys, trailing content) as a
/// yes/no check that builds nothing: for values that are only checked, not read (the rows of
/// tables an export skips). On `false` the caller runs ``JSONParser`` on the same bytes for
/// the message and position.
/// The one-character JSON escapes (`\n`, `\"`, …): the byte each stands for.
enum JSONEscape {
    static func simple(_ e: UInt8) -> UInt8? {
        switch e {
        case UInt8(ascii: "\""): return 0x22
        case UInt8(ascii: "\\"): return 0x5C
        case UInt8(ascii: "/"): return 0x2F
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }
}

/// The JSON number grammar with the parser's 64-byte length limit, on raw bytes
/// (shared by the syntax check and the one-pass row reader).
enum JSONNumberGrammar {
    /// Where the number starting at `start` ends; nil when it is not a valid or is too long a literal.
    static func end(in p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var pos = start
        func isDigit(_ i: Int) -> Bool { i < p.count && p[i] >= 48 && p[i] <= 57 }
        if pos < p.count, p[pos] == UInt8(ascii: "-") { pos += 1 }
        guard isDigit(pos) else { return nil }
        if p[pos] == UInt8(ascii: "0") { pos += 1 } else { while isDigit(pos) { pos += 1 } }
        if pos < p.count, p[pos] == UInt8(ascii: ".") {
            pos += 1
            guard isDigit(pos) else { return nil }
            while isDigit(pos) { pos += 1 }
        }
        if pos < p.count, p[pos] == UInt8(ascii: "e") || p[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < p.count, p[pos] == UInt8(ascii: "+") || p[pos] == UInt8(ascii: "-") { pos += 1 }
            guard isDigit(pos) else { return nil }
            while isDigit(pos) { pos += 1 }
        }
        return pos - start <= 64 ? pos : nil
    }
}

struct JSONSyntaxCheck {
    private let p: UnsafeBufferPointer<UInt8>
    private var pos = 0

    private init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }

    /// True when ``JSONParser/parse(_:line:column:offset:)`` would accept `bytes` (a piece
    /// that does not start the file, so no byte-order mark).
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var c = JSONSyntaxCheck(buffer)
            c.skipWhitespace()
            guard c.value(depth: 0) else { return false }
            c.skipWhitespace()
            return c.pos == buffer.count
        }
    }

    private mutating func skipWhitespace() {
        while pos < p.count, p[pos] == 0x20 || p[pos] == 0x09 || p[pos] == 0x0D || p[pos] == 0x0A { pos += 1 }
    }


    private mutating func value(depth: Int) -> Bool {
        guard pos < p.count else { return false }
        switch p[pos] {
        case UInt8(ascii: "{"):
            guard depth < JSONParser.maxDepth else { return false }
            pos += 1
            skipWhitespace()
            if pos < p.count, p[pos] == UInt8(ascii: "}") { pos += 1; return true }
            // Duplicate keys: plain ASCII keys (the usual case, few per object) compare as bytes;
            // from the first other key on, or past 16 keys, decoded Strings in a set, as the
            // parser compares them (canonical equivalence).
            var plain: [Range<Int>] = []
            var keys: Set<String>?
            while true {
                skipWhitespace()
                guard pos < p.count, p[pos] == UInt8(ascii: "\"") else { return false }
                let start = pos
                var none: [UInt8]? = nil
                guard string(into: &none) else { return false }
                let content = (start + 1)..<(pos - 1)
                let isPlain = !content.contains { p[$0] == UInt8(ascii: "\\") || p[$0] >= 0x80 }
                if keys == nil && isPlain && plain.count < 16 {
                    for other in plain where other.count == content.count
                        && UnsafeBufferPointer(rebasing: p[other]).elementsEqual(UnsafeBufferPointer(rebasing: p[content])) {
                        return false
                    }
                    plain.append(content)
                } else {
                    if keys == nil {
                        keys = Set(plain.map { String(decoding: UnsafeBufferPointer(rebasing: p[$0]), as: UTF8.self) })
                    }
                    var decoded: [UInt8]? = []
                    let end = pos
                    pos = start
                    guard string(into: &decoded), pos == end,
                          keys!.insert(String(decoding: decoded ?? [], as: UTF8.self)).inserted else { return false }
                }
                skipWhitespace()
                guard pos < p.count, p[pos] == UInt8(ascii: ":") else { return false }
                pos += 1
                skipWhitespace()
                guard value(depth: depth + 1) else { return false }
                skipWhitespace()
                guard pos < p.count else { return false }
                if p[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if p[pos] == UInt8(ascii: "}") { pos += 1; return true }
                return false
            }
        case UInt8(ascii: "["):
            guard depth < JSONParser.maxDepth else { return false }
            pos += 1
            skipWhitespace()
            if pos < p.count, p[pos] == UInt8(ascii: "]") { pos += 1; return true }
            while true {
                skipWhitespace()
                guard value(depth: depth + 1) else { return false }
                skipWhitespace()
                guard pos < p.count else { return false }
                if p[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if p[pos] == UInt8(ascii: "]") { pos += 1; return true }
                return false
            }
        case UInt8(ascii: "\""):
            var ignored: [UInt8]? = nil
            return string(into: &ignored)
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), 48...57:
            guard let end = JSONNumberGrammar.end(in: p, from: pos) else { return false }
            pos = end
            return true
        default:
            return false
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= p.count else { return false }
        for i in 0..<n where p[pos + i] != word.utf8Start[i] { return false }
        pos += n
        return true
    }

    /// A string at `pos` (the opening quote); its decoded bytes go to `out` when given.
    private mutating func string(into out: inout [UInt8]?) -> Bool {
        pos += 1
        while pos < p.count {
            let b = p[pos]
            switch b {
            case UInt8(ascii: "\""):
                pos += 1
                return true
            case UInt8(ascii: "\\"):
                pos += 1
                guard pos < p.count else { return false }
                let e = p[pos]
                pos += 1
                if let simple = JSONEscape.simple(e) { out?.append(simple); continue }
                switch e {
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return false }
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        guard pos + 1 < p.count, p[pos] == UInt8(ascii: "\\"), p[pos + 1] == UInt8(ascii: "u") else { return false }
                        pos += 2
                        guard let low = hex4(), low >= 0xDC00 && low <= 0xDFFF else { return false }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        return false
                    }
                    if out != nil, let s = Unicode.Scalar(scalar) { out!.append(contentsOf: Array(String(Character(s)).utf8)) }
                default:
                    return false
                }
            case 0x00..<0x20:
                return false
            case 0x80...:
                guard let n = utf8Sequence() else { return false }
                if out != nil { out!.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<(pos + n)])) }
                pos += n
            default:
                out?.append(b)
                pos += 1
            }
        }
        return false
    }

    private mutating func hex4() -> UInt32? {
        guard pos + 4 <= p.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = p[pos]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: return nil
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }

    /// Length of the valid UTF-8 sequence at `pos`, or nil.
    private func utf8Sequence() -> Int? {
        let b0 = p[pos]
        let n: Int
        let minScalar: UInt32
        switch b0 {
        case 0xC2...0xDF: n = 2; minScalar = 0x80
        case 0xE0...0xEF: n = 3; minScalar = 0x800
        case 0xF0...0xF4: n = 4; minScalar = 0x10000
        default: return nil
        }
        guard pos + n <= p.count else { return nil }
        var scalar = UInt32(b0) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
        for i in 1..<n {
            let b = p[pos + i]
            guard b & 0xC0 == 0x80 else { return nil }
            scalar = (scalar << 6) | UInt32(b & 0x3F)
        }
        guard scalar >= minScalar, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return n
    }
}
