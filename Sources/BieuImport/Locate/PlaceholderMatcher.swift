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
    ///
    /// The pattern reads as the regular expression `^\s*…\s*$`, matched case-insensitively
    /// on letters without their diacritics: each space of the literal text is `\s+`, a
    /// year-like placeholder `(\d{4})`, `{date}` `(\d{1,2}/\d{1,2}/\d{4})`, any other
    /// `(.+?)` (shortest first). The first match in the order a backtracking regular
    /// expression engine tries them gives the values, trimmed of spaces. Characters
    /// are compared one by one (no regular expression is compiled: ICU's took 9 M
    /// instructions of a typical import); each (step, position) is tried once, so a
    /// long cell costs at most quadratic time.
    public static func match(pattern: String, text: String) -> [String: String]? {
        guard PlaceholderValues.names(in: pattern) != nil else { return nil }
        let steps = compile(pattern)
        let chars = Array(text)
        var matcher = Matcher(steps: steps, text: chars.map(fold))
        guard matcher.run() else { return nil }
        var values: [String: String] = [:]
        for (k, step) in steps.enumerated() {
            guard case .capture(_, let name) = step, let r = matcher.captures[k] else { continue }
            let v = String(chars[r]).trimmingWhitespace()
            if let previous = values[name], previous != v { return nil }
            values[name] = v
        }
        return values
    }

    /// What a placeholder captures.
    enum Capture: Equatable { case year, date, any }

    /// One step of a pattern; the whole is anchored at both ends with optional spaces.
    enum Step: Equatable {
        /// One character, folded.
        case char(Character)
        /// One or more whitespace characters, as many as there are first.
        case spaces
        case capture(Capture, String)
    }

    static func compile(_ pattern: String) -> [Step] {
        var steps: [Step] = []
        var i = pattern.startIndex
        func literal(_ c: Character) { steps.append(c == " " ? .spaces : .char(fold(c))) }
        while i < pattern.endIndex {
            let c = pattern[i]
            let next = pattern.index(after: i)
            if c == "{", next < pattern.endIndex, pattern[next] == "{" { literal("{"); i = pattern.index(after: next); continue }
            if c == "}", next < pattern.endIndex, pattern[next] == "}" { literal("}"); i = pattern.index(after: next); continue }
            if c == "{", let close = pattern[next...].firstIndex(of: "}") {
                let name = String(pattern[next..<close])
                steps.append(.capture(yearLike.contains(name) ? .year : (name == "date" ? .date : .any), name))
                i = pattern.index(after: close)
                continue
            }
            literal(c)
            i = next
        }
        return steps
    }

    /// A character as matching compares it: a Latin letter (with its diacritics, precomposed
    /// or not) as its lowercase base letter, anything else lower-cased.
    static func fold(_ c: Character) -> Character {
        if let a = c.asciiValue {
            return a >= 0x41 && a <= 0x5A ? Character(Unicode.Scalar(a + 32)) : c
        }
        let scalars = c.unicodeScalars
        if let first = scalars.first, let base = VietnameseText.baseLetter(first),
           scalars.dropFirst().allSatisfy({ (0x300...0x36F).contains($0.value) }) {
            return Character(Unicode.Scalar(base))
        }
        let lower = c.lowercased()
        return lower.count == 1 ? Character(lower) : c
    }

    /// `\s`: tab, line feed, form feed, carriage return and the Unicode separators (Z*).
    static func isSpace(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a == 0x20 || a == 0x09 || a == 0x0A || a == 0x0C || a == 0x0D }
        return c.unicodeScalars.allSatisfy { s in
            switch s.value {
            case 0x09, 0x0A, 0x0C, 0x0D: return true
            default:
                switch s.properties.generalCategory {
                case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
                default: return false
                }
            }
        }
    }

    /// `\d`: one decimal digit (Unicode Nd).
    static func isDigit(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a >= 0x30 && a <= 0x39 }
        return c.unicodeScalars.count == 1 && c.unicodeScalars.first!.properties.generalCategory == .decimalNumber
    }

    /// Backtracking over the steps, trying each step's ends in the order the regular
    /// expression would; a (step, position) that failed once is not tried again.
    struct Matcher {
        let steps: [Step]
        let text: [Character]
        var captures: [Range<Int>?]
        private let n: Int
        private let digit: [Bool]
        /// For each position, where the run of spaces starting there ends.
        private let spaceEnd: [Int]
        private var failed: [Bool]

        init(steps: [Step], text: [Character]) {
            self.steps = steps
            self.text = text
            n = text.count
            captures = Array(repeating: nil, count: steps.count)
            digit = text.map(isDigit)
            var ends = Array(repeating: text.count, count: text.count + 1)
            for i in stride(from: text.count - 1, through: 0, by: -1) { ends[i] = isSpace(text[i]) ? ends[i + 1] : i }
            spaceEnd = ends
            failed = Array(repeating: false, count: (steps.count + 1) * (text.count + 1))
        }

        mutating func run() -> Bool {
            // Leading `\s*`: as many spaces as possible first.
            for start in stride(from: spaceEnd[0], through: 0, by: -1) where step(0, start) { return true }
            return false
        }

        private func digits(from pos: Int, _ count: Int) -> Bool {
            guard pos + count <= n else { return false }
            for i in pos..<pos + count where !digit[i] { return false }
            return true
        }

        /// Where `\d{1,2}/\d{1,2}/\d{4}` can end from `pos`, longest day and month first.
        private func dateEnds(_ pos: Int) -> [Int] {
            var out: [Int] = []
            for a in [2, 1] where digits(from: pos, a) && pos + a < n && text[pos + a] == "/" {
                let b0 = pos + a + 1
                for b in [2, 1] where digits(from: b0, b) && b0 + b < n && text[b0 + b] == "/" {
                    if digits(from: b0 + b + 1, 4) { out.append(b0 + b + 5) }
                }
            }
            return out
        }

        private mutating func step(_ k: Int, _ pos: Int) -> Bool {
            // Trailing `\s*$`.
            if k == steps.count { return spaceEnd[pos] == n }
            let key = k * (n + 1) + pos
            if failed[key] { return false }
            switch steps[k] {
            case .char(let c):
                if pos < n && text[pos] == c && step(k + 1, pos + 1) { return true }
            case .spaces:
                var end = spaceEnd[pos]
                while end > pos {
                    if step(k + 1, end) { return true }
                    end -= 1
                }
            case .capture(.year, _):
                if digits(from: pos, 4) && step(k + 1, pos + 4) { captures[k] = pos..<pos + 4; return true }
            case .capture(.date, _):
                for end in dateEnds(pos) where step(k + 1, end) { captures[k] = pos..<end; return true }
            case .capture(.any, _):
                // Shortest first (`.+?`).
                var end = pos + 1
                while end <= n {
                    if step(k + 1, end) { captures[k] = pos..<end; return true }
                    end += 1
                }
            }
            failed[key] = true
            return false
        }
    }
}
