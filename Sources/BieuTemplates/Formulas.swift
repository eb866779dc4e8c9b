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
