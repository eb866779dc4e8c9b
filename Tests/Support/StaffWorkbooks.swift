import Foundation

/// What an independent reader (openpyxl) sees in a staff workbook beyond the
/// cell values: protection, validations, conditional formats, names, states,
/// and per cell its lock state and fill (see staff_inspect.py).
public struct StaffInspection: Decodable {
    public struct Protection: Decodable {
        public var sheet: Bool
        public var formatRows: Bool
        public var formatColumns: Bool
        public var formatCells: Bool
        public var insertRows: Bool
        public var deleteRows: Bool
        public var insertColumns: Bool
        public var deleteColumns: Bool
        public var sort: Bool
        public var autoFilter: Bool
        public var objects: Bool
        public var password: String?
    }
    public struct Validation: Decodable {
        public var type: String?
        public var `operator`: String?
        public var formula1: String?
        public var formula2: String?
        public var errorStyle: String?
        public var sqref: String
        public var promptTitle: String?
        public var prompt: String?
        public var errorTitle: String?
        public var error: String?
        public var allowBlank: Bool
        public var dropdownHidden: Bool
        public var showError: Bool
        public var showInput: Bool

        /// True when the validation covers the cell (`F12`).
        public func covers(_ cell: String) -> Bool { StaffInspection.sqref(sqref, contains: cell) }
    }
    public struct Conditional: Decodable {
        public var sqref: String
        public var type: String?
        public var formula: [String]
        public var fill: String?
        public var font: String?
        public func covers(_ cell: String) -> Bool { StaffInspection.sqref(sqref, contains: cell) }
    }
    public struct CellInfo: Decodable {
        public var value: JSONScalar
        public var cached: JSONScalar?
        public var type: String
        public var locked: Bool
        public var fill: String?
        public var format: String
    }
    public struct Sheet: Decodable {
        public var name: String
        public var state: String
        public var protection: Protection
        public var autofilter: String?
        public var hidden_columns: [String]
        public var freeze: String?
        public var validations: [Validation]
        public var conditional: [Conditional]
        public var cells: [String: CellInfo]
        /// Rows of hidden sheets, as text.
        public var rows: [[String]]?

        public func validation(at cell: String) -> Validation? { validations.first { $0.covers(cell) } }
        public func conditionals(at cell: String) -> [Conditional] { conditional.filter { $0.covers(cell) } }
    }
    public struct WorkbookProtection: Decodable {
        public var lockStructure: Bool
        public var password: String?
    }

    public var sheets: [Sheet]
    public var defined_names: [String: String]
    public var custom: [String: String]
    public var workbook_protection: WorkbookProtection?

    public func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    public static func load(_ path: String) throws -> StaffInspection {
        let script = ExternalTools.repositoryRoot() + "/Tests/Support/staff_inspect.py"
        let out = try ExternalTools.run("python3", [script, path])
        guard out.status == 0 else { throw ExternalTools.Failure(description: "staff_inspect.py failed: \(out.stderr)") }
        return try JSONDecoder().decode(StaffInspection.self, from: Data(out.stdout.utf8))
    }

    /// True when a space-separated list of A1 ranges contains the cell.
    public static func sqref(_ sqref: String, contains cell: String) -> Bool {
        guard let (c, r) = split(cell) else { return false }
        for part in sqref.split(separator: " ") {
            let ends = part.split(separator: ":").map(String.init)
            guard let (c1, r1) = split(ends[0]) else { continue }
            let (c2, r2) = ends.count > 1 ? (split(ends[1]) ?? (c1, r1)) : (c1, r1)
            if c >= c1 && c <= c2 && r >= r1 && r <= r2 { return true }
        }
        return false
    }

    static func split(_ a1: String) -> (Int, Int)? {
        var col = 0
        var digits = ""
        for ch in a1.replacingOccurrences(of: "$", with: "") {
            if let v = ch.asciiValue, v >= 65 && v <= 90 { col = col * 26 + Int(v - 64) }
            else if ch.isNumber { digits.append(ch) }
        }
        guard col > 0, let row = Int(digits) else { return nil }
        return (col, row)
    }
}

/// A change a person makes to a staff workbook (applied by staff_fill.py with openpyxl).
public enum StaffEdit: Sendable {
    /// Types a number (what Excel stores when a person types `31,4` under Vietnamese settings).
    case number(id: String, column: String, Double)
    /// Types text (`31,4` on an English-settings machine, `>90`, `HTTNV`).
    case text(id: String, column: String, String)
    case clear(id: String, column: String)
    /// Inserts an empty row before a row and types into it.
    case insertRow(beforeID: String, values: [String: StaffValue])
    case deleteRow(id: String)
    /// Sorts the rows from one id to another by a column.
    case sort(firstID: String, lastID: String, by: String, descending: Bool)
    case moveRow(id: String, beforeID: String)

    var json: [String: Any] {
        switch self {
        case let .number(id, c, v): return ["op": "type", "id": id, "col": c, "value": v]
        case let .text(id, c, t): return ["op": "type", "id": id, "col": c, "value": t]
        case let .clear(id, c): return ["op": "clear", "id": id, "col": c]
        case let .insertRow(before, values): return ["op": "insert_row", "before_id": before, "values": values.mapValues(\.json)]
        case let .deleteRow(id): return ["op": "delete_row", "id": id]
        case let .sort(a, b, by, desc): return ["op": "sort", "first_id": a, "last_id": b, "by": by, "descending": desc]
        case let .moveRow(id, before): return ["op": "move_row", "id": id, "before_id": before]
        }
    }
}

public enum StaffValue: Sendable {
    case number(Double)
    case text(String)
    var json: Any {
        switch self {
        case .number(let d): return d
        case .text(let s): return s
        }
    }
}

/// Fills a staff workbook like a person (openpyxl), for tests of what comes back.
///
/// ```swift
/// let filled = try StaffFill.apply(path, sheet: "Biểu 01", [.number(id: "b01-001", column: "F", 52.5)])
/// // filled.path: the filled workbook; filled.rows["b01-001"]: where the row is now and what it holds.
/// ```
/// The import tests can take `filled.path` through `bieu import` and compare with `filled.rows`.
public enum StaffFill {
    public struct RowState: Decodable {
        /// 1-based sheet row.
        public var row: Int
        /// Column letter → value (formulas as text).
        public var cells: [String: JSONScalar]
    }
    public struct Result: Decodable {
        public var rows: [String: RowState]
        public var unidentified: [RowState]
        /// The filled workbook (set after decoding).
        public var path: String = ""

        enum CodingKeys: String, CodingKey { case rows, unidentified }
    }

    public static func apply(_ input: String, sheet: String, _ edits: [StaffEdit], output: String? = nil) throws -> Result {
        let dir = try ExternalTools.temporaryDirectory("staff-fill")
        let out = output ?? dir + "/filled.xlsx"
        let specPath = dir + "/spec.json"
        let spec: [String: Any] = ["sheet": sheet, "ops": edits.map(\.json)]
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        let script = ExternalTools.repositoryRoot() + "/Tests/Support/staff_fill.py"
        let run = try ExternalTools.run("python3", [script, input, out, specPath])
        guard run.status == 0 else { throw ExternalTools.Failure(description: "staff_fill.py failed: \(run.stderr)\(run.stdout)") }
        var result = try JSONDecoder().decode(Result.self, from: Data(run.stdout.utf8))
        result.path = out
        return result
    }
}

/// LibreOffice conversions that recalculate every formula on load (the
/// profile sets Calc's "recalculation on file load" for OOXML to "always"),
/// so cached values come from LibreOffice, not from the writer.
public enum LibreOfficeRecalc {
    public static func convert(_ input: String, to filter: String, extension ext: String) throws -> String {
        let dir = try ExternalTools.temporaryDirectory("lo-recalc-out")
        let profile = try ExternalTools.temporaryDirectory("lo-recalc-profile")
        try FileManager.default.createDirectory(atPath: profile + "/user", withIntermediateDirectories: true)
        let xcu = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>
        """
        try xcu.write(toFile: profile + "/user/registrymodifications.xcu", atomically: true, encoding: .utf8)
        let out = try ExternalTools.run("soffice", ["-env:UserInstallation=file://\(profile)", "--headless", "--norestore",
                                                     "--convert-to", filter, "--outdir", dir, input], timeout: 240)
        // One sheet of a CSV export is named `<base>-<sheet>.csv`; take the one file produced.
        let produced = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix("." + ext) }
        guard produced.count == 1 else {
            throw ExternalTools.Failure(description: "LibreOffice produced \(produced) in \(dir), expected one .\(ext) (status \(out.status)):\n\(out.stdout)\n\(out.stderr)")
        }
        try? FileManager.default.removeItem(atPath: profile)
        return dir + "/" + produced[0]
    }

    /// LibreOffice's CSV filter for one sheet (1-based): UTF-8, comma, raw values (not as shown).
    public static func csvFilter(sheet: Int) -> String {
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,\(sheet)"
    }
}

/// A person's session on the Biểu 01 staff workbook for 2025 made from the Tam
/// Đường 2024 data (`bieu template bieu-01 --data Examples/tam-duong-2024.json
/// --period 2025`): values typed as numbers and as text with a decimal comma,
/// a row inserted, a block sorted, a row moved, a row deleted. Shared so that
/// the import tests can take the same filled workbook through `bieu import`
/// and check what comes back.
public struct StaffScenario: Sendable {
    public var sheet: String
    public var edits: [StaffEdit]
    /// Row id → column id → what the import should hold: a plain decimal (`52.5`) for a number
    /// typed as a number or as text with a decimal comma, else the text as typed.
    public var expected: [String: [String: String]]
    /// Names of rows inserted without an id (new rows for the import).
    public var insertedNames: [String]
    /// Ids of rows deleted from the sheet.
    public var deletedIDs: [String]

    public static let bieu01NextYear = StaffScenario(
        sheet: "Biểu 01",
        edits: [
            .number(id: "b01-001", column: "F", 52.5),
            .number(id: "b01-001", column: "G", 55),
            .number(id: "b01-003", column: "F", 41000),
            .text(id: "b01-004", column: "F", "2300,5"),
            .text(id: "b01-007", column: "F", ">5"),
            .text(id: "b01-008", column: "M", "Số liệu ước tính đến 30/11"),
            .insertRow(beforeID: "b01-006", values: ["B": .text("Diện tích trồng mắc ca"), "C": .text("Ha"), "F": .number(12)]),
            .sort(firstID: "b01-003", lastID: "b01-005", by: "B", descending: false),
            .moveRow(id: "b01-013", beforeID: "b01-011"),
            .deleteRow(id: "b01-020"),
        ],
        expected: [
            "b01-001": ["th_nam": "52.5", "kh_nam_sau": "55"],
            "b01-003": ["th_nam": "41000"],
            "b01-004": ["th_nam": "2300.5"],
            "b01-007": ["th_nam": ">5"],
            "b01-008": ["note": "Số liệu ước tính đến 30/11"],
        ],
        insertedNames: ["Diện tích trồng mắc ca"],
        deletedIDs: ["b01-020"])

    /// Applies the session to a workbook; the result says where each row went.
    public func apply(to path: String) throws -> StaffFill.Result {
        try StaffFill.apply(path, sheet: sheet, edits)
    }
}

/// How LibreOffice itself (through UNO) understands a staff workbook: sheet and
/// structure protection, cell locks, validations, the values of named lists,
/// and cell values after typing and recalculating (see lo_staff_check.py).
public struct LibreOfficeStaffCheck: Decodable {
    public struct SheetState: Decodable { public var visible: Bool; public var protected: Bool }
    public struct Validation: Decodable { public var type: String; public var show_list: Int; public var formula1: String }
    public struct CellState: Decodable { public var locked: Bool; public var validation: Validation }
    public struct Value: Decodable { public var value: Double; public var string: String }

    public var structure_protected: Bool
    public var sheets: [String: SheetState]
    public var cells: [String: CellState]
    public var lists: [String: [String]]
    public var after: [String: Value]

    /// `type`: cell → number or text typed before recalculating.
    public static func run(_ path: String, sheet: String, cells: [String], lists: [String] = [],
                           type: [(String, StaffValue)] = [], read: [String] = []) throws -> LibreOfficeStaffCheck {
        let dir = try ExternalTools.temporaryDirectory("lo-staff")
        let spec: [String: Any] = ["sheet": sheet, "cells": cells, "lists": lists,
                                   "type": type.map { ["cell": $0.0, "value": $0.1.json] }, "read": read]
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: dir + "/spec.json"))
        guard FileManager.default.fileExists(atPath: "/usr/bin/python3") else {
            throw ExternalTools.Failure(description: "/usr/bin/python3 with python3-uno is needed (apt-get install python3-uno)")
        }
        let script = ExternalTools.repositoryRoot() + "/Tests/Support/lo_staff_check.py"
        var out = try ExternalTools.run("/usr/bin/python3", [script, path, dir + "/profile", dir + "/spec.json"], timeout: 300)
        // LibreOffice's launcher occasionally dies at start-up on a loaded machine ("setsid: child … did not
        // exit normally"): start it once more with a fresh profile. Only the start is retried, never the checks.
        if out.status != 0 && out.stderr.contains("did not exit normally") {
            out = try ExternalTools.run("/usr/bin/python3", [script, path, dir + "/profile-retry", dir + "/spec.json"], timeout: 300)
        }
        guard out.status == 0 else { throw ExternalTools.Failure(description: "lo_staff_check.py failed: \(out.stderr)\(out.stdout)") }
        return try JSONDecoder().decode(LibreOfficeStaffCheck.self, from: Data(out.stdout.utf8))
    }
}
