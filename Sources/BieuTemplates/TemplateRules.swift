import BieuCore
import BieuModel
import Foundation

/// How a column's values from many units combine into one (`bieu round consolidate`),
/// declared per column with `aggregate:` and overridable per row with `aggregate_rows:`
/// (DHIS2's aggregation types; docs/TEMPLATES.md).
public enum Aggregation: Sendable, Hashable {
    /// The total.
    case sum
    /// The plain mean of the units that have a value.
    case mean
    /// Σ(value × weight) / Σ weight, the weight being another column of the same row.
    case weightedMean(weight: String)
    case min
    case max
    /// Recomputed from the aggregated columns by the column's own `formula` (ratios, "So sánh").
    case recompute
    /// Texts listed per unit (`Xã A: Đạt; Xã B: Chưa đạt`).
    case list
    /// Not consolidated: left empty on purpose.
    case none

    public static let names = ["sum", "mean", "weighted_mean", "min", "max", "recompute", "list", "none"]

    public var name: String {
        switch self {
        case .sum: return "sum"
        case .mean: return "mean"
        case .weightedMean(let w): return "weighted_mean(\(w))"
        case .min: return "min"
        case .max: return "max"
        case .recompute: return "recompute"
        case .list: return "list"
        case .none: return "none"
        }
    }
}

/// Which rows a row-level declaration applies to. Every given condition must hold;
/// none given: every row.
public struct RowSelector: Sendable {
    /// Đơn vị tính, compared case- and diacritic-insensitively (`%`, `%o`).
    public var units: [String] { didSet { foldedUnits = Set(units.map(VietnameseText.foldKey)) } }
    /// Name contains / except contains (tolerant, as `lower_is_better`).
    public var names: NameRule
    public var kinds: [RowKind]
    private var foldedUnits: Set<String>

    public init(units: [String] = [], names: NameRule = NameRule(), kinds: [RowKind] = []) {
        self.units = units
        self.names = names
        self.kinds = kinds
        foldedUnits = Set(units.map(VietnameseText.foldKey))
    }

    public func matches(_ row: Row) -> Bool {
        if !kinds.isEmpty && !kinds.contains(row.kind) { return false }
        if !foldedUnits.isEmpty && !foldedUnits.contains(VietnameseText.foldKey(row.unit)) { return false }
        if !names.containing.isEmpty && !names.matches(row.name) { return false }
        // Only exceptions: every row whose name contains none of them.
        if names.containing.isEmpty && !names.exceptContaining.isEmpty && !row.name.isEmpty
            && !NameRule(containing: [""], exceptContaining: names.exceptContaining).matches(row.name) { return false }
        return true
    }
}

/// `aggregate_rows:` — another aggregation for some rows (percent rows averaged, not summed).
public struct AggregationOverride: Sendable {
    public var rows: RowSelector
    /// The columns it applies to; nil: every column with an `aggregate`.
    public var columns: [String]?
    public var aggregation: Aggregation
    public var line: Int
}

/// A comparison operator of a `check:` rule.
public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case lessOrEqual = "<=", greaterOrEqual = ">=", notEqual = "!=", equal = "==", less = "<", greater = ">"

    public func holds(_ a: Decimal, _ b: Decimal) -> Bool {
        switch self {
        case .lessOrEqual: return a <= b
        case .greaterOrEqual: return a >= b
        case .notEqual: return a != b
        case .equal: return a == b
        case .less: return a < b
        case .greater: return a > b
        }
    }
}

/// A validation rule declared in a template's `rules:` (docs/TEMPLATES.md).
public struct DeclaredRule: Sendable {
    public enum Kind: Sendable {
        /// `check: "0 <= th_nam <= 100"`: each adjacent pair must compare true.
        case compare(operands: [Expression], operators: [Comparison])
        /// `part_of_parent: [th_nam]`: a "Trong đó" row is at most its parent row.
        case partOfParent(columns: [String])
        /// `required: [th_nam]`: the selected rows must have these cells.
        case required(columns: [String])
    }

    public var kind: Kind
    public var rows: RowSelector
    /// `error` or `warning` (default).
    public var isError: Bool
    /// The rule's text as written (`th_nam <= kh_nam * 3`), for messages.
    public var text: String
    /// An explanation to show instead of the generated one (Vietnamese).
    public var message: String?
    public var line: Int

    /// Column ids the rule reads.
    public var columns: [String] {
        switch kind {
        case .compare(let operands, _):
            var seen: [String] = []
            for o in operands { for r in o.references where !seen.contains(r) { seen.append(r) } }
            return seen
        case .partOfParent(let c), .required(let c): return c
        }
    }

    /// Splits `a <= b < c` at comparison operators outside parentheses; each side is
    /// parsed by ``ExpressionParser`` (the one expression language of templates).
    /// Returns the offset of a syntax error within `text` on failure.
    public static func parseComparison(_ text: String) -> Result<Kind, ExpressionParser.SyntaxError> {
        let scalars = Array(text.unicodeScalars)
        var pieces: [(start: Int, text: String)] = []
        var operators: [Comparison] = []
        var depth = 0, start = 0, i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if depth == 0, "<>=!".unicodeScalars.contains(c) {
                let two = i + 1 < scalars.count ? String(String.UnicodeScalarView(scalars[i...i + 1])) : ""
                let op = Comparison(rawValue: two) ?? Comparison(rawValue: String(c))
                guard let op else {
                    return .failure(ExpressionParser.SyntaxError(offset: i, reason: Bilingual(vi: "phép so sánh không hợp lệ", en: "invalid comparison")))
                }
                pieces.append((start, String(String.UnicodeScalarView(scalars[start..<i]))))
                operators.append(op)
                i += op.rawValue.unicodeScalars.count
                start = i
                continue
            }
            i += 1
        }
        pieces.append((start, String(String.UnicodeScalarView(scalars[start..<scalars.count]))))
        guard !operators.isEmpty else {
            return .failure(ExpressionParser.SyntaxError(offset: 0, reason: Bilingual(vi: "cần ít nhất một phép so sánh (<=, <, >=, >, ==, !=)",
                                                                                      en: "needs at least one comparison (<=, <, >=, >, ==, !=)")))
        }
        var operands: [Expression] = []
        for p in pieces {
            do {
                operands.append(try ExpressionParser.parse(p.text))
            } catch {
                return .failure(ExpressionParser.SyntaxError(offset: p.start + error.offset, reason: error.reason))
            }
        }
        return .success(.compare(operands: operands, operators: operators))
    }
}

extension Template {
    /// How `column` of `row` is consolidated: the last matching `aggregate_rows` entry,
    /// else the column's `aggregate`; nil when the template declares nothing.
    public func aggregation(_ column: Column, row: Row) -> Aggregation? {
        for o in aggregationOverrides.reversed() where o.rows.matches(row) {
            if let cs = o.columns { if cs.contains(column.id) { return o.aggregation } } else if column.aggregate != nil { return o.aggregation }
        }
        return column.aggregate
    }
}
