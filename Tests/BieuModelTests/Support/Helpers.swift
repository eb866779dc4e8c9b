import BieuCore
import Foundation
@testable import BieuModel

/// An exact Decimal from a literal (test data is written as text, never as Double).
func dec(_ literal: String) -> Decimal {
    guard let d = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) else {
        fatalError("bad decimal literal in test data: \(literal)")
    }
    return d
}

// Short constructors for expected values.
func num(_ s: String) -> CellValue { .number(dec(s)) }
func pct(_ s: String) -> CellValue { .percent(dec(s)) }
func pm(_ s: String) -> CellValue { .perMille(dec(s)) }
func ratio(_ a: String, _ b: String, _ unit: String? = nil) -> CellValue { .ratio(numerator: dec(a), denominator: dec(b), unit: unit) }
func range(_ a: String, _ b: String, _ unit: String? = nil) -> CellValue { .range(low: dec(a), high: dec(b), unit: unit) }
func bound(_ r: BoundRelation, _ v: String, _ unit: String? = nil) -> CellValue { .bound(relation: r, value: dec(v), unit: unit) }
func qty(_ v: String, _ unit: String) -> CellValue { .quantity(dec(v), unit: unit) }
func amb(_ c: CellValue...) -> CellValue { .ambiguous(candidates: c) }

/// A compact, unambiguous description of a value for failure messages.
func describe(_ v: CellValue) -> String {
    func u(_ unit: String?) -> String { unit.map { ", unit: \"\($0)\"" } ?? "" }
    switch v {
    case .empty: return "empty"
    case .number(let d): return "number(\(d))"
    case .percent(let d): return "percent(\(d))"
    case .perMille(let d): return "perMille(\(d))"
    case let .ratio(a, b, unit): return "ratio(\(a)/\(b)\(u(unit)))"
    case let .range(a, b, unit): return "range(\(a)…\(b)\(u(unit)))"
    case let .bound(r, d, unit): return "bound(\(r.rawValue) \(d)\(u(unit)))"
    case let .quantity(d, unit): return "quantity(\(d), unit: \"\(unit)\")"
    case .status(let s): return "status(\(s.rawValue))"
    case .text(let t): return "text(\"\(t.prefix(60))\")"
    case .ambiguous(let c): return "ambiguous[" + c.map(describe).joined(separator: ", ") + "]"
    }
}

/// Byte-exact string comparison: Swift's `==` treats NFC and NFD as equal,
/// which is exactly what NFC tests must not do.
func sameBytes(_ a: String, _ b: String) -> Bool { Array(a.utf8) == Array(b.utf8) }

/// True when the string is in NFC, compared byte for byte.
func isNFC(_ s: String) -> Bool { sameBytes(s, s.precomposedStringWithCanonicalMapping) }

/// Every string a value holds (units and free text), for NFC checks.
func strings(in v: CellValue) -> [String] {
    switch v {
    case let .ratio(_, _, unit), let .range(_, _, unit), let .bound(_, _, unit): return unit.map { [$0] } ?? []
    case .quantity(_, let unit): return [unit]
    case .text(let t): return [t]
    case .ambiguous(let c): return c.flatMap(strings(in:))
    default: return []
    }
}

/// The URL of a file in the test target's Fixtures folder; fails loudly when missing.
func fixtureURL(_ name: String, _ ext: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures") else {
        throw BieuMessageError(vi: "Thiếu tệp mẫu \(name).\(ext)", en: "Missing fixture \(name).\(ext)")
    }
    return url
}

/// The annex-table cells copied from the seeds: (seed line, column index, text).
func seedCells() throws -> [(line: Int, column: Int, text: String)] {
    let text = try String(contentsOf: try fixtureURL("seed-annex-lines", "tsv"), encoding: .utf8)
    var cells: [(Int, Int, String)] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard let number = Int(fields[0]) else { continue }
        for (i, f) in fields.dropFirst().enumerated() { cells.append((number, i, String(f))) }
    }
    return cells
}
