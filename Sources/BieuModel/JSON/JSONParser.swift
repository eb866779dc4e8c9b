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
            // Duplicate keys: a row or cell object has a few keys, compared in a line; a set
            // from the 16th key on. Both compare Strings (canonical equivalence).
            var seen: Set<String>?
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return node(.object(members)) }
            while true {
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
                    throw error(vi: "cần tên khoá trong dấu nháy kép", en: "expected a key in double quotes")
                }
                let keyOffset = pos
                let key = try string()
                let duplicate: Bool
                if members.count < 16 {
                    duplicate = members.contains { $0.key == key }
                } else {
                    if seen == nil { seen = Set(members.map(\.key)) }
                    duplicate = !seen!.insert(key).inserted
                }
                if duplicate {
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
        let start = pos
        // The common case, no escape: the string is its bytes, checked (UTF-8, no control
        // characters) without copying. At the first escape, or at an error, the loop below
        // takes over from the same position (and throws the same errors there).
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start..<pos], as: UTF8.self)
                pos += 1
                return text
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            if b >= 0x80 { pos += try utf8Sequence() } else { pos += 1 }
        }
        var out = Array(bytes[start..<pos])
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
