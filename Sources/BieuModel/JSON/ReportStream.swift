import BieuCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a report file one table row at a time, in bounded memory.
///
/// A structural scanner walks the file in chunks and isolates each value of
/// the top-level object, each table's header values and each row; every such
/// piece is parsed and checked by the same strict parser and decoder as
/// ``ReportJSON/load(path:)``, with the positions of the whole file. Only one
/// row is held at a time (plus the set of row ids, to refuse duplicates).
///
/// The file must list the report's keys before `tables`, and each table's keys
/// before `rows` — the canonical order bieu writes. Otherwise reading stops
/// with ``Failure/needsWholeFile`` and the caller loads the file whole.
public final class ReportStream {
    public enum Failure: Error, Sendable {
        /// The file's key order does not allow reading it row by row.
        case needsWholeFile
    }

    public let path: String
    /// The report's metadata (no tables).
    public private(set) var report: Report
    private var reader: ChunkedReader
    private var tableIndex = -1
    private var rowIndex = 0
    private var inRows = false
    private var rowIDs = Set<String>()
    private var finished = false
    private var tablePath = JSONPath.root
    private var tableIDs = Set<String>()
    private let readings = CellReadings()

    /// Opens a report file and reads its metadata (everything before `tables`).
    public init(path: String) throws {
        self.path = path
        reader = try ChunkedReader(path: path)
        report = Report(period: .year(2000))
        do {
            try readHeader()
        } catch var e as ReportJSON.LoadError {
            e.file = path
            throw e
        }
    }

    private func fail(_ vi: String, _ en: String) -> ReportJSON.LoadError {
        ReportJSON.LoadError(file: path, path: "$", line: reader.line, column: reader.column, reason: Bilingual(vi: vi, en: en))
    }

    private func located(_ e: JSONParser.SyntaxError) -> ReportJSON.LoadError {
        ReportJSON.LoadError(file: path, path: "$", line: e.line, column: e.column, reason: e.reason)
    }

    /// Parses the next value with the strict parser.
    private func nextNode() throws -> JSONNode {
        try node(try reader.value())
    }

    private func rowPath() -> JSONPath { tablePath.appending("rows").appending(rowIndex) }

    private func node(_ piece: (bytes: [UInt8], line: Int, column: Int, offset: Int)) throws -> JSONNode {
        do {
            return try JSONParser.parse(piece.bytes, line: piece.line, column: piece.column, offset: piece.offset)
        } catch {
            throw located(error)
        }
    }

    private func nextKey() throws -> String {
        let node = try nextNode()
        guard case .string(let key) = node.kind else { throw fail("cần tên khoá trong dấu nháy kép", "expected a key in double quotes") }
        try reader.expect(UInt8(ascii: ":"), fail("cần dấu hai chấm sau khoá \"\(key)\"", "expected ':' after key \"\(key)\""))
        return key
    }

    private func readHeader() throws {
        reader.skipBOM()
        let (line, column) = (reader.line, reader.column)
        try reader.expect(UInt8(ascii: "{"), fail("cần một đối tượng JSON", "expected a JSON object"))
        var members: [(key: String, value: JSONNode)] = []
        var seen = Set<String>()
        if try reader.peekSkippingWhitespace() != UInt8(ascii: "}") {
            while true {
                let key = try nextKey()
                guard seen.insert(key).inserted else {
                    throw fail("khoá \"\(key)\" bị lặp lại trong cùng một đối tượng", "duplicate key \"\(key)\" in the same object")
                }
                if key == "tables" {
                    // Required metadata after the tables: read the whole file instead.
                    guard seen.contains("format"), seen.contains("period") else { throw Failure.needsWholeFile }
                    try reader.expect(UInt8(ascii: "["), fail("cần một mảng các biểu", "expected an array of tables"))
                    break
                }
                members.append((key, try nextNode()))
                if try !reader.comma(orEnd: UInt8(ascii: "}"), fail("cần dấu phẩy hoặc dấu đóng ngoặc nhọn", "expected ',' or '}'")) {
                    finished = true
                    break
                }
            }
        } else {
            _ = try reader.take()
            finished = true
        }
        report = try ReportJSON.Decoder().report(JSONNode(kind: .object(members), line: line, column: column))
    }

    /// The next table's header (id, template, title; no rows), or nil after the last one.
    public func nextTable() throws -> AnnexTable? {
        do {
            while inRows { _ = try nextRow() }
            guard !finished else { return nil }
            if tableIndex >= 0 {
                // After the previous table object: ',' or ']'.
                if try !reader.comma(orEnd: UInt8(ascii: "]"), fail("cần dấu phẩy hoặc dấu đóng ngoặc vuông", "expected ',' or ']'")) {
                    try finishReport()
                    return nil
                }
            } else if try reader.peekSkippingWhitespace() == UInt8(ascii: "]") {
                _ = try reader.take()
                try finishReport()
                return nil
            }
            tableIndex += 1
            tablePath = JSONPath.root.appending("tables").appending(tableIndex)
            let (line, column) = (reader.line, reader.column)
            try reader.expect(UInt8(ascii: "{"), fail("cần một đối tượng biểu", "expected a table object"))
            var members: [(key: String, value: JSONNode)] = []
            var seen = Set<String>()
            var hasRows = false
            if try reader.peekSkippingWhitespace() != UInt8(ascii: "}") {
                while true {
                    let key = try nextKey()
                    guard seen.insert(key).inserted else {
                        throw fail("khoá \"\(key)\" bị lặp lại trong cùng một đối tượng", "duplicate key \"\(key)\" in the same object")
                    }
                    if key == "rows" {
                        guard seen.contains("id"), seen.contains("template") else { throw Failure.needsWholeFile }
                        try reader.expect(UInt8(ascii: "["), fail("cần một mảng các dòng", "expected an array of rows"))
                        hasRows = true
                        break
                    }
                    members.append((key, try nextNode()))
                    if try !reader.comma(orEnd: UInt8(ascii: "}"), fail("cần dấu phẩy hoặc dấu đóng ngoặc nhọn", "expected ',' or '}'")) { break }
                }
            } else {
                _ = try reader.take()
            }
            let table = try ReportJSON.Decoder().table(JSONNode(kind: .object(members), line: line, column: column), tablePath)
            guard tableIDs.insert(table.id).inserted else {
                throw ReportJSON.LoadError(file: path, path: tablePath.appending("id").description, line: line, column: column,
                                           reason: Bilingual(vi: "mã biểu \"\(table.id)\" bị trùng", en: "duplicate table id \"\(table.id)\""))
            }
            rowIndex = 0
            rowIDs = []
            inRows = hasRows
            if hasRows, try reader.peekSkippingWhitespace() == UInt8(ascii: "]") {
                _ = try reader.take()
                inRows = false
                try closeTable()
            }
            return table
        } catch var e as ReportJSON.LoadError {
            e.file = path
            throw e
        }
    }

    /// The next row of the current table, or nil after its last row.
    public func nextRow() throws -> Row? {
        guard inRows else { return nil }
        do {
            let piece = try reader.value()
            let row = try ReportJSON.Decoder(readings: readings).row(try node(piece), rowPath())
            guard rowIDs.insert(row.id).inserted else {
                let place = rowPath()
                let parsed = try node(piece)
                var idNode = parsed
                if case .object(let members) = parsed.kind, let id = members.first(where: { $0.key == "id" }) { idNode = id.value }
                throw ReportJSON.LoadError(file: path, path: place.appending("id").description, line: idNode.line, column: idNode.column,
                                           reason: Bilingual(vi: "mã dòng \"\(row.id)\" bị trùng trong biểu", en: "duplicate row id \"\(row.id)\" in the table"))
            }
            rowIndex += 1
            if try !reader.comma(orEnd: UInt8(ascii: "]"), fail("cần dấu phẩy hoặc dấu đóng ngoặc vuông", "expected ',' or ']'")) {
                inRows = false
                try closeTable()
            }
            return row
        } catch var e as ReportJSON.LoadError {
            e.file = path
            throw e
        }
    }

    /// Skips the rest of the current table's rows (a table the caller does not export).
    ///
    /// Each skipped row is still parsed by the strict parser (UTF-8, escapes, numbers,
    /// nesting, duplicate keys), so a broken file is reported with the same message and
    /// position as when the row is read; it is not decoded, so the model's rules
    /// (known keys and types, text and value agreeing, row ids present and unique) are not
    /// applied to it.
    public func skipRows() throws {
        guard inRows else { return }
        do {
            while inRows {
                let piece = try reader.value()
                _ = try node(piece)
                rowIndex += 1
                if try !reader.comma(orEnd: UInt8(ascii: "]"), fail("cần dấu phẩy hoặc dấu đóng ngoặc vuông", "expected ',' or ']'")) {
                    inRows = false
                    try closeTable()
                }
            }
        } catch var e as ReportJSON.LoadError {
            e.file = path
            throw e
        }
    }

    /// After a table's rows: the table object must end here (rows is its last key).
    private func closeTable() throws {
        guard try reader.peekSkippingWhitespace() == UInt8(ascii: "}") else { throw Failure.needsWholeFile }
        _ = try reader.take()
    }

    /// After the tables: the report object must end here, and the file with it.
    private func finishReport() throws {
        finished = true
        guard try reader.peekSkippingWhitespace() == UInt8(ascii: "}") else { throw Failure.needsWholeFile }
        _ = try reader.take()
        guard try reader.peekSkippingWhitespace() == nil else {
            throw fail("có nội dung thừa sau khi tài liệu JSON đã kết thúc", "unexpected content after the end of the JSON document")
        }
    }
}

/// Reads a file in chunks and cuts it into JSON values without interpreting them.
final class ChunkedReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var index = 0
    private var eof = false
    /// Byte offset of `buffer[0]` in the file.
    private var bufferOffset = 0
    private(set) var line = 1
    /// 1-based column (characters) of the next byte.
    private(set) var column = 1
    static let chunk = 1 << 20

    private var closed = false

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BieuMessageError(vi: "Không đọc được tệp \(path)", en: "Cannot read file \(path)") }
        self.fd = fd
    }

    deinit { if !closed { close(fd) } }

    var offset: Int { bufferOffset + index }

    /// Makes at least one byte available; false at the end of the file.
    private func fill() -> Bool {
        if index < buffer.count { return true }
        if eof { return false }
        bufferOffset += buffer.count
        // Read straight into fresh storage: no zero-filling of a chunk a small file never uses.
        var n = 0
        buffer = [UInt8](unsafeUninitializedCapacity: ChunkedReader.chunk) { storage, count in
            n = read(fd, storage.baseAddress, ChunkedReader.chunk)
            count = max(n, 0)
        }
        if n <= 0 {
            eof = true
            closed = true
            close(fd)
            buffer = []
            index = 0
            return false
        }
        index = 0
        return true
    }

    func peek() -> UInt8? { fill() ? buffer[index] : nil }

    func take() throws -> UInt8? {
        guard fill() else { return nil }
        let b = buffer[index]
        index += 1
        if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        return b
    }

    /// Skips a UTF-8 byte-order mark at the start of the file.
    func skipBOM() {
        guard fill(), buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF else { return }
        index = 3
    }

    func peekSkippingWhitespace() throws -> UInt8? {
        while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { _ = try take() }
        return peek()
    }

    func expect(_ byte: UInt8, _ error: @autoclosure () -> Error) throws {
        guard try peekSkippingWhitespace() == byte else { throw error() }
        _ = try take()
    }

    /// After a value in a container: consumes ',' (true) or the closing byte (false).
    func comma(orEnd end: UInt8, _ error: @autoclosure () -> Error) throws -> Bool {
        let b = try peekSkippingWhitespace()
        if b == UInt8(ascii: ",") { _ = try take(); return true }
        if b == end { _ = try take(); return false }
        throw error()
    }

    /// The bytes of the next JSON value (balanced brackets, strings with escapes), where it starts.
    func value() throws -> (bytes: [UInt8], line: Int, column: Int, offset: Int) {
        _ = try peekSkippingWhitespace()
        let start = (line, column, offset)
        guard let first = try take() else { return ([], start.0, start.1, start.2) }
        var out: [UInt8] = [first]
        var scan = Scan(depth: 1)
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["): scanBulk(into: &out, state: &scan, mode: .container)
        case UInt8(ascii: "\""): scanBulk(into: &out, state: &scan, mode: .string)
        default: scanBulk(into: &out, state: &scan, mode: .scalar)
        }
        return (out, start.0, start.1, start.2)
    }

    struct Scan {
        var depth: Int
        var inString = false
        var escaped = false
    }

    /// What is being cut out after its first byte: an array or object (up to its balancing
    /// bracket), a string (up to its closing quote), or a number or literal (up to the next
    /// delimiter, not included).
    enum ScanMode { case container, string, scalar }

    /// Moves the value's bytes to `out`, a buffer at a time, keeping the line and column
    /// count exactly as ``take()`` does byte by byte.
    private func scanBulk(into out: inout [UInt8], state s: inout Scan, mode: ScanMode) {
        var done = false
        while !done, fill() {
            let from = index
            var i = index
            var line = self.line, column = self.column
            buffer.withUnsafeBufferPointer { p in
                while i < p.count {
                    let b = p[i]
                    var stopAfter = false
                    switch mode {
                    case .container:
                        if s.inString {
                            if s.escaped { s.escaped = false } else if b == UInt8(ascii: "\\") { s.escaped = true } else if b == UInt8(ascii: "\"") { s.inString = false }
                        } else {
                            switch b {
                            case UInt8(ascii: "\""): s.inString = true
                            case UInt8(ascii: "{"), UInt8(ascii: "["):
                                s.depth += 1
                                // The parser bounds nesting; refuse early so a deep file cannot grow without limit.
                                if s.depth > JSONParser.maxDepth + 1 { stopAfter = true }
                            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                                s.depth -= 1
                                if s.depth == 0 { stopAfter = true }
                            default: break
                            }
                        }
                    case .string:
                        if s.escaped { s.escaped = false } else if b == UInt8(ascii: "\\") { s.escaped = true } else if b == UInt8(ascii: "\"") { stopAfter = true }
                    case .scalar:
                        if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                            done = true
                        }
                    }
                    if done { break }
                    i += 1
                    if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
                    if stopAfter { done = true; break }
                }
            }
            out.append(contentsOf: buffer[from..<i])
            index = i
            self.line = line
            self.column = column
        }
    }
}
