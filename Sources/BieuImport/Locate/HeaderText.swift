import BieuCore
import BieuTemplates

/// Tolerant comparison of header texts typed by people with a template's headers.
///
/// Both sides are folded (case, diacritics, punctuation, spacing — see
/// `VietnameseText.foldKey`), common abbreviations are expanded (`TT`/`STT`,
/// `ĐVT`, `KH`, `TH`, `NQ`, `ĐH`, `GĐ`, `SS`, `BQ`, …), and the token sets
/// are compared (Dice coefficient). A template placeholder matches any one
/// token, so "Kế hoạch năm {year}" matches "KH năm 2025".
public enum HeaderText {
    /// Abbreviation → expansion, on folded tokens.
    static let abbreviations: [String: [String]] = [
        "tt": ["stt"], "stt": ["stt"], "dvt": ["don", "vi", "tinh"], "kh": ["ke", "hoach"], "th": ["thuc", "hien"],
        "nq": ["nghi", "quyet"], "dh": ["dai", "hoi"], "gd": ["giai", "doan"], "ss": ["so", "sanh"],
        "bq": ["binh", "quan"], "ubnd": ["uy", "ban", "nhan", "dan"], "bch": ["ban", "chap", "hanh"],
        "da": ["de", "an"], "uth": ["uoc", "thuc", "hien"],
    ]
    /// Folded words that carry no meaning for matching.
    static let stopWords: Set<String> = ["cua", "va", "voi", "so", "den", "het", "nam", "ve"]

    /// Tokens of a header text; placeholders become the wildcard `*`.
    public static func tokens(_ text: String, pattern: Bool = false) -> [String] {
        var source = text
        if pattern {
            // Replace {name} with a marker word before folding.
            var out = ""
            var inBrace = false
            for c in source {
                if c == "{" { inBrace = true; out += " zzwildcardzz "; continue }
                if c == "}" { inBrace = false; continue }
                if !inBrace { out.append(c) }
            }
            source = out
        }
        var result: [String] = []
        for raw in VietnameseText.foldKey(source).split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "%" }) {
            let w = String(raw)
            if w == "zzwildcardzz" { result.append("*"); continue }
            if let expansion = abbreviations[w] { result += expansion; continue }
            result.append(w)
        }
        return result
    }

    /// Tokens without stop words.
    static func withoutStopWords(_ tokens: [String]) -> [String] { tokens.filter { !stopWords.contains($0) } }

    /// The tokens that count for matching, of a cell's text.
    static func meaningfulTokens(_ text: String) -> [String] { withoutStopWords(tokens(text)) }

    /// Similarity in 0…1 between an expected header pattern and a cell's text.
    public static func similarity(pattern: [String], text: [String]) -> Double {
        similarityOfMeaningful(pattern: withoutStopWords(pattern), text: withoutStopWords(text))
    }

    /// ``similarity(pattern:text:)`` for token lists already without stop words.
    static func similarityOfMeaningful(pattern p: [String], text t: [String]) -> Double {
        guard !p.isEmpty, !t.isEmpty else { return p.isEmpty && t.isEmpty ? 1 : 0 }
        // Each text token counts once: the first one not used yet that matches (marked,
        // not removed: no copy of the tokens for each of the many pairs a sheet gives).
        var used = [Bool](repeating: false, count: t.count)
        var common = 0
        for token in p {
            let wildcard = token == "*"
            for i in t.indices where !used[i] && (wildcard ? startsWithNumber(t[i]) : t[i] == token) {
                used[i] = true
                common += 1
                break
            }
        }
        return 2 * Double(common) / Double(p.count + t.count)
    }

    /// `token.first?.isNumber == true`, with an ASCII first byte read directly.
    private static func startsWithNumber(_ token: String) -> Bool {
        guard let b = token.utf8.first else { return false }
        if b < 0x80 { return b >= 0x30 && b <= 0x39 }
        return token.first?.isNumber == true
    }
}
