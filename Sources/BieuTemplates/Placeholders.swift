import BieuCore
import BieuModel

/// Values for `{placeholders}` in template texts, taken from a report.
///
/// | placeholder | value |
/// |---|---|
/// | `{year}` | the report's year (`2024`) |
/// | `{next_year}`, `{prev_year}` | year ± 1 |
/// | `{term_start}`, `{term_end}` | the congress term (`2020`, `2025`) |
/// | `{plan_start}`, `{plan_end}` | the five-year plan period of the term (`2021`, `2025`) |
/// | `{number}` | document number (`641-BC/HU`) |
/// | `{date}` | report date, `05/12/2024` |
/// | `{issuer}` | `Huyện ủy Tam Đường` |
/// | `{title}` | the report's title |
/// | `{period}` | the period in words: `năm 2024`, `6 tháng đầu năm 2024`, `quý III năm 2024` |
/// | `{next_period}` | the period that follows, as reports name it in "nhiệm vụ … {next_period}": `năm 2025`, `6 tháng cuối năm 2024`, `quý IV năm 2024`, `quý I năm 2025` |
/// | `{unit}` | the reporting unit (fillable workbooks: `Xã …`) |
///
/// A placeholder without a value prints as `…`, as printed forms leave blanks.
public struct PlaceholderValues: Sendable {
    public static let names: Set<String> = ["year", "next_year", "prev_year", "term_start", "term_end", "number",
                                            "date", "issuer", "title", "period", "next_period", "unit", "plan_start", "plan_end"]
    /// Placeholders allowed only in page footers.
    public static let footerNames: Set<String> = ["page", "pages"]

    public var values: [String: String]

    public init(values: [String: String] = [:]) { self.values = values }

    public init(report: Report, unit: String? = nil) {
        var v: [String: String] = [:]
        let y = report.period.year
        v["year"] = String(y)
        v["next_year"] = String(y + 1)
        v["prev_year"] = String(y - 1)
        if let t = report.term {
            v["term_start"] = String(t.start)
            v["term_end"] = String(t.end)
            v["plan_start"] = String(t.start + 1)
            v["plan_end"] = String(t.end)
        }
        if !report.number.isEmpty { v["number"] = report.number }
        if let d = report.date { v["date"] = d.vietnamese }
        if !report.issuer.isEmpty { v["issuer"] = report.issuer }
        if !report.title.isEmpty { v["title"] = report.title }
        v["period"] = PlaceholderValues.periodWords(report.period)
        v["next_period"] = PlaceholderValues.nextPeriodWords(report.period)
        if let unit, !unit.isEmpty { v["unit"] = unit }
        values = v
    }

    static func periodWords(_ p: ReportPeriod) -> String {
        let roman = ["I", "II", "III", "IV"]
        switch p.kind {
        case .year: return "năm \(p.year)"
        case .sixMonths: return "6 tháng đầu năm \(p.year)"
        case .nineMonths: return "9 tháng năm \(p.year)"
        case .quarter: return "quý \(roman[min(max((p.number ?? 1) - 1, 0), 3)]) năm \(p.year)"
        case .term: return "nhiệm kỳ"
        }
    }

    /// The period after `p` in words. A report on the first six months plans "6 tháng cuối năm"; one on nine
    /// months plans the fourth quarter; the fourth quarter is followed by the first of the next year.
    static func nextPeriodWords(_ p: ReportPeriod) -> String {
        switch p.kind {
        case .year: return "năm \(p.year + 1)"
        case .sixMonths: return "6 tháng cuối năm \(p.year)"
        case .nineMonths: return "quý IV năm \(p.year)"
        case .quarter:
            let q = min(max(p.number ?? 1, 1), 4)
            return q == 4 ? "quý I năm \(p.year + 1)" : periodWords(ReportPeriod(kind: .quarter, year: p.year, number: q + 1))
        case .term: return "nhiệm kỳ tiếp theo"
        }
    }

    /// Fills `{name}` placeholders; `{{` and `}}` write literal braces.
    public func fill(_ text: String) -> String {
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "{" {
                let next = text.index(after: i)
                if next < text.endIndex, text[next] == "{" { out.append("{"); i = text.index(after: next); continue }
                if let close = text[next...].firstIndex(of: "}") {
                    let name = String(text[next..<close])
                    out += values[name] ?? "…"
                    i = text.index(after: close)
                    continue
                }
            } else if c == "}" {
                let next = text.index(after: i)
                if next < text.endIndex, text[next] == "}" { out.append("}"); i = text.index(after: next); continue }
            }
            out.append(c)
            i = text.index(after: i)
        }
        return out
    }

    /// Placeholder names used in a text, or nil if a brace is unbalanced.
    public static func names(in text: String) -> [String]? {
        var result: [String] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if c == "{" {
                if next < text.endIndex, text[next] == "{" { i = text.index(after: next); continue }
                guard let close = text[next...].firstIndex(of: "}") else { return nil }
                result.append(String(text[next..<close]))
                i = text.index(after: close)
                continue
            }
            if c == "}" {
                if next < text.endIndex, text[next] == "}" { i = text.index(after: next); continue }
                return nil
            }
            i = next
        }
        return result
    }
}
