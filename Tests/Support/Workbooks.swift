import Foundation

/// An XLSX file as an independent reader (openpyxl) sees it.
public struct OpenpyxlDump: Decodable {
    public struct Cell: Decodable, Equatable {
        public var type: String
        public var value: JSONScalar
        public var cached: JSONScalar?
        public var format: String
        public var bold: Bool
        public var italic: Bool
        public var font: String?
        public var size: Double?
        public var halign: String?
        public var wrap: Bool
        public var border: Bool
    }
    public struct Sheet: Decodable {
        public var name: String
        public var state: String
        public var merges: [String]
        public var freeze: String?
        public var print_title_rows: String?
        public var orientation: String?
        public var paper: Int?
        public var fit_width: Int?
        public var fit_height: Int?
        public var fit_to_page: Bool?
        public var hidden_columns: [String]
        public var heights: [String: Double]
        public var cells: [String: Cell]
    }
    public struct Properties: Decodable {
        public var title: String?
        public var creator: String?
        public var subject: String?
    }
    public var properties: Properties
    public var sheets: [Sheet]

    public static func load(_ path: String) throws -> OpenpyxlDump {
        let script = ExternalTools.repositoryRoot() + "/Tests/Support/openpyxl_dump.py"
        let out = try ExternalTools.run("python3", [script, path])
        guard out.status == 0 else { throw ExternalTools.Failure(description: "openpyxl failed: \(out.stderr)") }
        return try JSONDecoder().decode(OpenpyxlDump.self, from: Data(out.stdout.utf8))
    }

    public func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }
}

/// A JSON scalar as Python printed it.
public enum JSONScalar: Decodable, Equatable, CustomStringConvertible {
    case string(String), number(Double), bool(Bool), null

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else { self = .string(try c.decode(String.self)) }
    }

    public var description: String {
        switch self {
        case .string(let s): return "\"\(s)\""
        case .number(let d): return String(d)
        case .bool(let b): return String(b)
        case .null: return "null"
        }
    }
}

/// LibreOffice's verdict on row heights: rows whose written height is below
/// the height LibreOffice computes as optimal for their text.
public enum LibreOfficeRowHeights {
    public struct Row: Sendable { public var sheet: String; public var row: Int; public var written: Double; public var optimal: Double }

    public static func measure(_ path: String) throws -> [Row] {
        let script = ExternalTools.repositoryRoot() + "/Tests/Support/lo_row_heights.py"
        let profile = try ExternalTools.temporaryDirectory("lo-uno")
        guard FileManager.default.fileExists(atPath: "/usr/bin/python3") else {
            throw ExternalTools.Failure(description: "/usr/bin/python3 with python3-uno is needed (apt-get install python3-uno)")
        }
        let out = try ExternalTools.run("/usr/bin/python3", [script, path, profile], timeout: 300)
        guard out.status == 0 else { throw ExternalTools.Failure(description: "UNO row height check failed: \(out.stderr)\(out.stdout)") }
        struct Result: Decodable { var rows: [[JSONScalar]] }
        let result = try JSONDecoder().decode(Result.self, from: Data(out.stdout.utf8))
        return result.rows.compactMap { r in
            guard r.count == 4, case .string(let s) = r[0], case .number(let row) = r[1], case .number(let w) = r[2], case .number(let o) = r[3] else { return nil }
            return Row(sheet: s, row: Int(row), written: w, optimal: o)
        }
    }
}

/// Parses CSV text (RFC 4180) for tests, independent of the code under test.
public func parseCSVForTest(_ text: String) -> [[String]] {
    var rows: [[String]] = [], field = "", row: [String] = [], quoted = false
    var chars = Array(text.unicodeScalars)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count && chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\n" || c == "\r" {
            if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" { i += 1 }
            row.append(field); rows.append(row); row = []; field = ""
        } else { field.unicodeScalars.append(c) }
        i += 1
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}
