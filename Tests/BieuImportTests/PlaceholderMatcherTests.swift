import BieuImport
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// `PlaceholderMatcher.match` compares characters itself; it must give what the regular
/// expression it describes gives (ICU through NSRegularExpression, on text whose
/// diacritics were stripped: the matcher's former implementation, kept here as the
/// reference). Uses the public API only, so it runs in release builds too.
@Suite("Property: placeholder matching equals its regular expression")
struct PlaceholderMatcherTests {
    static let seeds: [UInt64] = Array(1...40)

    @Test("match(pattern, text) == the regular expression's captures", arguments: seeds)
    func sameAsRegularExpression(seed: UInt64) {
        var g = SeededRandom(seed: seed)
        for n in 0..<100 {
            let pattern = Self.pattern(&g)
            let text = Int.random(in: 0..<6, using: &g) == 0 ? Self.noise(&g) : Self.text(for: pattern, &g)
            let fast = PlaceholderMatcher.match(pattern: pattern, text: text)
            let plain = Self.reference(pattern: pattern, text: text)
            #expect(fast == plain, "seed \(seed) case \(n): pattern \(pattern.debugDescription) text \(text.debugDescription)")
        }
    }

    @Test("Examples: titles, headers, spacing, case and diacritics")
    func examples() {
        let title = "(Kèm theo Báo cáo số {number} ngày {date} của {issuer})"
        #expect(PlaceholderMatcher.match(pattern: title, text: "  (kem theo BAO CAO so 12/BC-UBND ngay 5/1/2025 cua UBND xã Bản Bo) ")
                == ["number": "12/BC-UBND", "date": "5/1/2025", "issuer": "UBND xã Bản Bo"])
        #expect(PlaceholderMatcher.match(pattern: "KH năm {year}", text: "KH\nnăm   2024") == ["year": "2024"])
        #expect(PlaceholderMatcher.match(pattern: "KH năm {year}", text: "KH năm 24") == nil)
        #expect(PlaceholderMatcher.match(pattern: "Mục tiêu NQ ĐH ({term_start}-{term_end})", text: "Muc tieu nq dh (2020-2025)")
                == ["term_start": "2020", "term_end": "2025"])
        #expect(PlaceholderMatcher.match(pattern: "Chỉ tiêu", text: "CHỈ TIÊU") == [:])
        #expect(PlaceholderMatcher.match(pattern: "{a} {b}", text: "x y z") == ["a": "x", "b": "y z"])
        #expect(PlaceholderMatcher.match(pattern: "{a", text: "{a") == nil)
    }

    // MARK: - The reference: the regular expression, as the matcher was first written

    static func reference(pattern: String, text: String) -> [String: String]? {
        guard PlaceholderValues.names(in: pattern) != nil else { return nil }
        let yearLike: Set<String> = ["year", "next_year", "prev_year", "term_start", "term_end", "plan_start", "plan_end"]
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
        guard let re = try? NSRegularExpression(pattern: stripDiacritics(regex), options: [.caseInsensitive, .dotMatchesLineSeparators]) else { return nil }
        let ns = text as NSString
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

    // MARK: - Generated patterns and texts (NFC, as readers give them)

    static let words = ["Kèm", "theo", "Báo", "cáo", "số", "ngày", "của", "Huyện", "ủy", "KH", "năm", "TH", "Mục", "tiêu", "NQ", "ĐH",
                        "Ước", "thực", "hiện", "GĐ", "So", "sánh", "BIỂU", "01:", "(%)", "2024", "a", "A", "x", "/", "-", "(", ")",
                        "Đơn", "vị", "tính", "ĐẠT", "Ghi", "chú", "UBND", "xã", "Bản", "Bo", "…", ".", "TP.", "Σσ"]
    static let placeholders = ["{year}", "{next_year}", "{term_start}", "{term_end}", "{date}", "{number}", "{issuer}", "{title}", "{period}"]
    static let spaces = [" ", "  ", "\t", "\n", " \n ", "\u{00A0}", ""]

    static func pick<T>(_ a: [T], _ g: inout SeededRandom) -> T { a[Int.random(in: 0..<a.count, using: &g)] }

    static func pattern(_ g: inout SeededRandom) -> String {
        var parts: [String] = []
        for _ in 0..<Int.random(in: 1...7, using: &g) {
            switch Int.random(in: 0..<10, using: &g) {
            case 0...2: parts.append(pick(placeholders, &g))
            case 3: parts.append(pick(["{{", "}}", "{", "}"], &g))
            default: parts.append(pick(words, &g))
            }
        }
        var out = ""
        for (k, p) in parts.enumerated() {
            if k > 0 { out += pick([" ", " ", " ", "", "  ", "\n"], &g) }
            out += p
        }
        return Int.random(in: 0..<8, using: &g) == 0 ? " " + out : out
    }

    static func value(for placeholder: String, _ g: inout SeededRandom) -> String {
        switch placeholder {
        case "{year}", "{next_year}", "{term_start}", "{term_end}":
            return pick(["2024", "2025", "24", "20245", "２０２４", "٢٠٢٤", " 2024"], &g)
        case "{date}": return pick(["05/12/2024", "5/1/2025", "5/12/24", "005/12/2024", "05-12-2024", "1/1/2024/1/1/2024"], &g)
        default:
            return (0..<Int.random(in: 1...3, using: &g)).map { _ in pick(words + ["641-BC/HU", "Tam Đường", "2024"], &g) }
                .joined(separator: pick([" ", "  ", "/", ""], &g))
        }
    }

    /// The pattern filled in, then changed the ways people change printed text.
    static func text(for pattern: String, _ g: inout SeededRandom) -> String {
        var out = ""
        var i = pattern.startIndex
        while i < pattern.endIndex {
            let rest = pattern[i...]
            if let p = placeholders.first(where: { rest.hasPrefix($0) }) {
                out += value(for: p, &g)
                i = pattern.index(i, offsetBy: p.count)
                continue
            }
            let c = pattern[i]
            switch Int.random(in: 0..<40, using: &g) {
            case 0: out += c.uppercased()
            case 1: out += c.lowercased()
            case 2: out += stripDiacritics(String(c))
            case 3 where c == " ": out += pick(spaces, &g)
            case 4: break
            case 5: out += String(c) + pick(["x", " ", "-"], &g)
            default: out.append(c)
            }
            i = pattern.index(after: i)
        }
        return pick(["", "", " ", "\n"], &g) + out + pick(["", "", " ", "\t"], &g)
    }

    static func noise(_ g: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...6, using: &g)).map { _ in pick(words + placeholders + spaces, &g) }.joined()
    }
}
