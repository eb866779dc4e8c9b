import BieuCore
import BieuModel
import Foundation

/// Checks a printed computed value (So sánh, Tỷ lệ) against its column's
/// expression, and a printed assessment against its ratio.
///
/// A printed value agrees when the expression's result, rounded to the
/// number of decimals the printed text shows, equals it (so `100` agrees
/// with 100.14 and `104.2` with 104.1667, but `100.8` does not agree with
/// 100.895). Ambiguous operands are tried in each reading; the value agrees
/// if any consistent reading agrees. Nothing is ever changed: disagreements
/// are reported.
public enum ComputedCheck {
    /// A computed cell whose printed value disagrees with its expression.
    public struct Mismatch: Sendable, Hashable {
        public var rowID: String
        public var columnID: String
        public var printed: String
        /// The expression's result (unrounded), for each reading tried.
        public var expected: Decimal
        public var expression: String
        public var lowerIsBetter: Bool
    }

    /// A printed assessment that disagrees with the assessment its ratio implies.
    public struct AssessmentMismatch: Sendable, Hashable {
        public var rowID: String
        public var columnID: String
        public var printed: Status
        public var implied: Status
        public var ratio: Decimal
    }

    /// The numeric readings of a cell: one for a number, each candidate for an ambiguous number.
    static func readings(_ cell: Cell?) -> [Decimal] {
        guard let cell else { return [] }
        if let d = cell.value.numericValue { return [d] }
        if case .ambiguous(let cs) = cell.value { return cs.compactMap(\.numericValue) }
        return []
    }

    /// The value of `column`'s expression for `row` (unrounded), or nil when an operand has no single number.
    /// A referenced computed column with no stored value contributes its own (rounded) result,
    /// as its formula cell does in the workbook.
    public static func evaluate(_ column: Column, row: Row, template: Template, depth: Int = 0) -> Decimal? {
        evaluate(column, row: row, template: template, lowerIsBetter: template.isLowerBetter(row), depth: depth)
    }

    /// ``evaluate(_:row:template:depth:)`` with `template.isLowerBetter(row)` known.
    public static func evaluate(_ column: Column, row: Row, template: Template, lowerIsBetter lower: Bool, depth: Int = 0) -> Decimal? {
        guard depth < 16, let e = column.expression(lowerIsBetter: lower) else { return nil }
        return e.evaluate { id in
            if let cell = row.cells[id] { return cell.value.numericValue }
            guard let c = template.column(id), c.kind == .computed,
                  let v = evaluate(c, row: row, template: template, lowerIsBetter: lower, depth: depth + 1) else { return nil }
            return c.decimals.map { DecimalFormatting.rounded(v, scale: $0) } ?? v
        }
    }

    /// The cached value a formula for `column` shows on `row`: evaluated and rounded to the column's decimals.
    public static func displayValue(_ column: Column, row: Row, template: Template) -> Decimal? {
        displayValue(column, row: row, template: template, lowerIsBetter: template.isLowerBetter(row))
    }

    /// ``displayValue(_:row:template:)`` with `template.isLowerBetter(row)` known.
    public static func displayValue(_ column: Column, row: Row, template: Template, lowerIsBetter: Bool) -> Decimal? {
        guard let v = evaluate(column, row: row, template: template, lowerIsBetter: lowerIsBetter) else { return nil }
        if let d = column.decimals { return DecimalFormatting.rounded(v, scale: d) }
        return v
    }

    /// Checks one computed cell. Returns nil when it agrees or cannot be checked.
    public static func check(_ column: Column, row: Row, template: Template) -> Mismatch? {
        guard column.kind == .computed, row.cells[column.id] != nil else { return nil }
        return check(column, row: row, template: template, lowerIsBetter: template.isLowerBetter(row))
    }

    /// ``check(_:row:template:)`` with `template.isLowerBetter(row)` known.
    public static func check(_ column: Column, row: Row, template: Template, lowerIsBetter lower: Bool) -> Mismatch? {
        guard column.kind == .computed, let printedCell = row.cells[column.id] else { return nil }
        guard let expr = column.expression(lowerIsBetter: lower) else { return nil }
        let printedValues = readings(printedCell)
        guard !printedValues.isEmpty else { return nil }
        let scale = WrittenNumber.decimals(in: printedCell.text)
        // Try each combination of operand readings (bounded: at most 2^4).
        let refs = Array(expr.references.prefix(4))
        var options: [[Decimal]] = []
        for r in refs {
            let rs = readings(row.cells[r])
            guard !rs.isEmpty else { return nil }
            options.append(rs)
        }
        var firstResult: Decimal?
        var combo = Array(repeating: 0, count: refs.count)
        while true {
            // At most four operands: looked up in place, no dictionary per combination.
            if let v = expr.evaluate({ id in refs.firstIndex(of: id).map { options[$0][combo[$0]] } }) {
                if firstResult == nil { firstResult = v }
                let rounded = DecimalFormatting.rounded(v, scale: scale)
                if printedValues.contains(rounded) { return nil }
            }
            // next combination
            var i = 0
            while i < combo.count {
                combo[i] += 1
                if combo[i] < options[i].count { break }
                combo[i] = 0
                i += 1
            }
            if i == combo.count { break }
        }
        guard let expected = firstResult else { return nil }
        return Mismatch(rowID: row.id, columnID: column.id, printed: printedCell.text, expected: expected,
                        expression: expr.description, lowerIsBetter: lower)
    }

    /// Checks a printed assessment against the ratio column it follows.
    public static func checkAssessment(_ column: Column, row: Row) -> AssessmentMismatch? {
        guard let rule = column.assessment, let cell = row.cells[column.id], case .status(let printed) = cell.value,
              [.met, .exceeded, .notMet, .failed].contains(printed) else { return nil }
        let ratios = readings(row.cells[rule.from])
        guard !ratios.isEmpty else { return nil }
        let implied = ratios.map { rule.status(forRatio: $0) }
        // "Không đạt" is read as "Chưa đạt" for this comparison.
        let normalized: Status = printed == .failed ? .notMet : printed
        if implied.contains(normalized) { return nil }
        return AssessmentMismatch(rowID: row.id, columnID: column.id, printed: printed, implied: implied[0], ratio: ratios[0])
    }
}
