import Foundation
import BieuModel

/// Excel formulas for computed and assessment columns.
public enum Formulas {
    /// `IF(COUNT(F12,E12)<2,"",IFERROR(ROUND(F12/E12*100,1),""))`: empty until every
    /// operand is a number, empty on division by zero — the evaluator's rule.
    public static func computed(_ expr: Expression, decimals: Int?, ref: (String) -> String) -> String {
        let refs = expr.references.map(ref)
        var body = expr.excel(ref)
        if let d = decimals { body = "ROUND(\(body),\(d))" }
        body = "IFERROR(\(body),\"\")"
        guard !refs.isEmpty else { return body }
        return "IF(COUNT(\(refs.joined(separator: ",")))<\(refs.count),\"\",\(body))"
    }

    /// `IF(COUNT(G12)=0,"",IF(G12>100,"Vượt",IF(G12>=100,"Đạt","Chưa đạt")))`
    public static func assessment(_ rule: AssessmentRule, ratioRef r: String) -> String {
        let met = DecimalFormatting.plain(rule.metFrom)
        var inner = "IF(\(r)>=\(met),\"\(Status.met.label)\",\"\(Status.notMet.label)\")"
        if let e = rule.exceededAbove {
            inner = "IF(\(r)>\(DecimalFormatting.plain(e)),\"\(Status.exceeded.label)\",\(inner))"
        }
        return "IF(COUNT(\(r))=0,\"\",\(inner))"
    }
}

extension Formulas {
    /// Excel's ROUND on a double: half away from zero, after removing the
    /// representation error that makes 2.675 look like 2.67499999999…
    public static func excelRound(_ x: Double, _ digits: Int) -> Double {
        let factor = pow(10.0, Double(digits))
        let scaled = x * factor
        // Nudge by a few ulps so exact halves written in decimal round away from zero.
        let nudged = scaled + (scaled >= 0 ? 1 : -1) * scaled.magnitude.ulp * 4
        return (nudged >= 0 ? (nudged + 0.5).rounded(.down) : (nudged - 0.5).rounded(.up)) / factor
    }
}

/// A formula's text with the row number left open, built once per column and
/// filled for each row by substitution (`F{r}/E{r}*100` → `F12/E12*100`).
public struct FormulaPattern: Sendable {
    /// Pieces of text between row-number slots.
    private let pieces: [String]

    /// - Parameter make: builds the formula given a function from a column id to its reference text.
    public init(columnLetters: [String: String], make: ((String) -> String) -> String) {
        let marker = "\u{1}"
        let text = make { id in (columnLetters[id] ?? "#REF!") + (columnLetters[id] == nil ? "" : marker) }
        pieces = text.components(separatedBy: marker)
    }

    /// The formula for a 0-based sheet row.
    public func formula(row: Int) -> String {
        let number = String(row + 1)
        var out = pieces[0]
        for p in pieces.dropFirst() { out += number; out += p }
        return out
    }
}

// MARK: - Rows named by the person filling (fillable workbooks)

extension Formulas {
    /// The formula of a computed column on a row whose indicator name is typed
    /// by the person filling the workbook (the blank rows of a fillable
    /// workbook), so its direction cannot be known in advance:
    ///
    /// `IF(AND(OR(ISNUMBER(SEARCH("tỷ lệ hộ nghèo",$B12)),…),NOT(OR(ISNUMBER(SEARCH("giảm tỷ lệ",$B12)),…))),<lower>,<higher>)`
    ///
    /// where `<lower>` and `<higher>` are ``computed(_:decimals:ref:)`` of the
    /// column's two expressions. The words are the template's `lower_is_better`
    /// lists: SEARCH ignores case but not diacritics, unlike bieu's own
    /// matching. When the column has no separate lower-is-better expression or
    /// the template no words, this is exactly ``computed(_:decimals:ref:)``.
    public static func computedByName(_ column: Column, rule: NameRule, nameRef: String, ref: (String) -> String) -> String? {
        guard let higher = column.formula else { return nil }
        let plain = computed(higher, decimals: column.decimals, ref: ref)
        guard let lowerExpr = column.lowerIsBetterFormula, lowerExpr != higher, !rule.containing.isEmpty else { return plain }
        func any(_ words: [String]) -> String {
            let tests = words.map { "ISNUMBER(SEARCH(\(searchLiteral($0)),\(nameRef)))" }
            return tests.count == 1 ? tests[0] : "OR(" + tests.joined(separator: ",") + ")"
        }
        var test = any(rule.containing)
        if !rule.exceptContaining.isEmpty { test = "AND(\(test),NOT(\(any(rule.exceptContaining))))" }
        return "IF(\(test),\(computed(lowerExpr, decimals: column.decimals, ref: ref)),\(plain))"
    }

    /// A text literal for SEARCH: quotes doubled, wildcards (`* ? ~`) escaped with `~`.
    static func searchLiteral(_ word: String) -> String {
        var s = ""
        for ch in word {
            switch ch {
            case "\"": s += "\"\""
            case "*", "?", "~": s += "~" + String(ch)
            default: s.append(ch)
            }
        }
        return "\"" + s + "\""
    }
}
