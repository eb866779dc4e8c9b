import BieuCore
import BieuTemplates
import Foundation

/// Reads placeholder values back out of printed text: the template's
/// `(Kèm theo Báo cáo số {number} ngày {date} của {issuer})` against
/// `(Kèm theo Báo cáo số 641-BC/HU ngày 05/12/2024 của Huyện ủy Tam Đường)`
/// gives number, date and issuer. Case and spacing are tolerated.
public enum PlaceholderMatcher {
    static let yearLike: Set<String> = ["year", "next_year", "prev_year", "term_start", "term_end", "plan_start", "plan_end"]

    /// The placeholder values, or nil when the text does not have the pattern's shape
    /// (or a placeholder used twice gets two different values).
    public static func match(pattern: String, text: String) -> [String: String]? {
        guard let names = PlaceholderValues.names(in: pattern) else { return nil }
        var regex = "^\\s*"
        var i = pattern.startIndex
        var literal = ""
        func flushLiteral() {
            for part in literal.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                if part.offset > 0 { regex += "\\s+" }
                regex += NSRegularExpression.escapedPattern(for: String(part.element))
            }
            literal = ""
        }
        var order: [String] = []
        while i < pattern.endIndex {
            let c = pattern[i]
            let next = pattern.index(after: i)
            if c == "{", next < pattern.endIndex, pattern[next] == "{" { literal.append("{"); i = pattern.index(after: next); continue }
            if c == "}", next < pattern.endIndex, pattern[next] == "}" { literal.append("}"); i = pattern.index(after: next); continue }
            if c == "{", let close = pattern[next...].firstIndex(of: "}") {
                flushLiteral()
                let name = String(pattern[next..<close])
                order.append(name)
                regex += yearLike.contains(name) ? "(\\d{4})" : (name == "date" ? "(\\d{1,2}/\\d{1,2}/\\d{4})" : "(.+?)")
                i = pattern.index(after: close)
                continue
            }
            literal.append(c)
            i = next
        }
        flushLiteral()
        regex += "\\s*$"
        _ = names
        guard let re = try? NSRegularExpression(pattern: stripDiacritics(regex), options: [.caseInsensitive, .dotMatchesLineSeparators]) else { return nil }
        let ns = text as NSString
        // Match on a copy without diacritics (same UTF-16 offsets), capture from the original.
        let stripped = stripDiacritics(text)
        guard (stripped as NSString).length == ns.length,
              let m = re.firstMatch(in: stripped, range: NSRange(location: 0, length: ns.length)) else { return nil }
        var values: [String: String] = [:]
        for (k, name) in order.enumerated() {
            let r = m.range(at: k + 1)
            guard r.location != NSNotFound else { continue }
            let v = ns.substring(with: r).trimmingCharacters(in: .whitespaces)
            if let previous = values[name], previous != v { return nil }
            values[name] = v
        }
        return values
    }

    /// The text with Vietnamese diacritics removed character by character
    /// (`Mục tiêu ĐH` → `Muc tieu DH`), keeping every character's UTF-16 length
    /// for precomposed (NFC) text, so ranges found in one apply to the other.
    static func stripDiacritics(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "Đ" { out.append("D"); continue }
            if ch == "đ" { out.append("d"); continue }
            let scalars = String(ch).decomposedStringWithCanonicalMapping.unicodeScalars
            if let first = scalars.first, first.isASCII, first.properties.isAlphabetic,
               scalars.dropFirst().allSatisfy({ (0x300...0x36F).contains($0.value) }), String(ch).utf16.count == 1 {
                out.unicodeScalars.append(first)
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
