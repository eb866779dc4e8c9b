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
