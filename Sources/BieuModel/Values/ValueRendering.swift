import Foundation

/// How numbers are written when bieu has to produce text for a value (a
/// number typed into a spreadsheet, a computed ratio, CSV in a chosen style).
public enum NumberStyle: String, Sendable, CaseIterable {
    /// `41.160`, `31,4`, `2.202,34` — grouping dot, decimal comma.
    case vietnamese = "vi"
    /// `41160`, `31.4`, `2202.34` — no grouping, decimal point.
    case plain
}

extension CellValue {
    /// Text that reads back as this value.
    ///
    /// For every non-ambiguous value `v`, `Cell(text: v.rendered(…), value: v)`
    /// succeeds: the text parses as `v` or as an ambiguous reading that has
    /// `v` among its candidates (e.g. 41160 in the Vietnamese style is
    /// `41.160`, which is one of that text's two readings).
    ///
    /// - Parameters:
    ///   - style: the number style.
    ///   - decimals: digits after the decimal point for numeric parts; nil keeps the value's own.
    public func rendered(style: NumberStyle, decimals: Int? = nil) -> String {
        func n(_ d: Decimal) -> String {
            switch style {
            case .vietnamese: return DecimalFormatting.vietnamese(d, decimals: decimals)
            case .plain: return DecimalFormatting.format(d, decimals: decimals, groupSeparator: nil, decimalSeparator: ".")
            }
        }
        func withUnit(_ s: String, _ unit: String?) -> String {
            guard let unit, !unit.isEmpty else { return s }
            if unit.hasPrefix("%") || unit.hasPrefix("‰") { return s + unit }
            return s + " " + unit
        }
        switch self {
        case .empty: return ""
        case .number(let d): return n(d)
        case .percent(let d): return n(d) + "%"
        case .perMille(let d): return n(d) + "‰"
        case let .ratio(a, b, unit): return withUnit(n(a) + "/" + n(b), unit)
        case let .range(lo, hi, unit): return withUnit(n(lo) + "-" + n(hi), unit)
        case let .bound(relation, v, unit):
            let sign: String
            switch relation {
            case .greater: sign = ">"
            case .greaterOrEqual: sign = "≥"
            case .less: sign = "<"
            case .lessOrEqual: sign = "≤"
            }
            return sign + withUnit(n(v), unit)
        case let .quantity(v, unit): return withUnit(n(v), unit)
        case .status(let s): return s.label
        case .text(let t): return t
        case .ambiguous(let candidates): return candidates.first?.rendered(style: style, decimals: decimals) ?? ""
        }
    }
}
