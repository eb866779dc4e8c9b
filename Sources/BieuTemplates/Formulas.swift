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
