import BieuCore
import Foundation

/// Reads the text of a cell into a ``CellValue``.
///
/// The parser is deliberately conservative: whatever it cannot read with
/// certainty is ``CellValue/text(_:)`` or ``CellValue/ambiguous(candidates:)``,
/// never a guess. The rules, in order:
///
/// 1. empty or whitespace only → `empty`;
/// 2. an assessment word, alone or followed by a short qualifier (`Đạt`,
///    `Chưa đạt`, `Vượt`, `HTTNV`, `Không đạt chỉ tiêu NQ`) → `status`;
/// 3. a bound word or sign followed by a quantity (`>90`, `≥ 75%`,
///    `Trên 5%/năm`, `dưới 10`, `từ 5 trở lên`) → `bound`;
/// 4. `a/b` with an optional unit (`16/19`, `113/118 bản có điện`) → `ratio`;
/// 5. `a-b` or `a–b` with an optional unit (`5-6`, `2-4 năm`) → `range`;
/// 6. a number with `%` → `percent`; with `‰` or `%o` → `perMille`;
/// 7. a number alone → `number`;
/// 8. a number followed by a short unit or remark (at most ``maxUnitWords``
///    words, ``maxUnitLength`` characters) → `quantity`;
/// 9. anything else → `text`.
///
/// Numbers follow ``NumberReading``: an ambiguous token makes the whole
/// value ambiguous, with one candidate per reading.
public enum ValueParser {
    /// Longest unit or remark accepted after a number, in words.
    public static let maxUnitWords = 6
    /// Longest unit or remark accepted after a number, in characters.
    public static let maxUnitLength = 40

    /// Parses a cell's text. The text should already be NFC.
    public static func parse(_ raw: String) -> CellValue {
        let text = trim(raw)
        if text.isEmpty { return .empty }
        if let status = parseStatus(text) { return .status(status) }
        if let bound = parseBound(text) { return bound }
        if let value = parseRatioOrRange(text) { return value }
        if let value = parseQuantity(text) { return value }
        return .text(raw)
    }

    // MARK: - Pieces

    /// Trims spaces, tabs, newlines and no-break spaces at both ends.
    static func trim(_ s: String) -> String {
        let ws: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        guard let first = s.firstIndex(where: { !ws($0) }), let last = s.lastIndex(where: { !ws($0) }) else { return "" }
        return String(s[first...last])
    }

    private static let statusWords: [(key: String, status: Status)] = [
        // Longest first, so "chua dat" wins over "dat".
        ("hoan thanh xuat sac nhiem vu", .completedExcellently),
        ("khong hoan thanh nhiem vu", .notCompleted),
        ("hoan thanh tot nhiem vu", .completedWell),
        ("hoan thanh nhiem vu", .completed),
        ("chua dat", .notMet),
        ("khong dat", .failed),
        ("htxsnv", .completedExcellently),
        ("khtnv", .notCompleted),
        ("httnv", .completedWell),
        ("htnv", .completed),
        ("vuot", .exceeded),
        ("dat", .met),
    ]

    /// Most words a qualifier after a status word may have (`Đạt 99% chỉ tiêu NQ`).
    static let maxQualifierWords = 5

    static func parseStatus(_ text: String) -> Status? {
        let key = VietnameseText.foldKey(text)
        for (word, status) in statusWords {
            if key == word { return status }
            if key.hasPrefix(word + " ") {
                let rest = key.dropFirst(word.count + 1)
                if rest.split(separator: " ").count <= maxQualifierWords { return status }
            }
        }
        return nil
    }

    private static let boundPrefixes: [(String, BoundRelation)] = [
        (">=", .greaterOrEqual), ("≥", .greaterOrEqual), ("=>", .greaterOrEqual),
        ("<=", .lessOrEqual), ("≤", .lessOrEqual), ("=<", .lessOrEqual),
        (">", .greater), ("<", .less),
    ]
    private static let boundWords: [(String, BoundRelation)] = [
        ("không dưới", .greaterOrEqual), ("không quá", .lessOrEqual), ("không vượt quá", .lessOrEqual),
        ("tối thiểu", .greaterOrEqual), ("tối đa", .lessOrEqual), ("ít nhất", .greaterOrEqual),
        ("trên", .greater), ("dưới", .less), ("hơn", .greater),
    ]

    static func parseBound(_ text: String) -> CellValue? {
        for (sign, relation) in boundPrefixes where text.hasPrefix(sign) {
            return boundValue(relation, trim(String(text.dropFirst(sign.count))))
        }
        let lower = text.lowercased()
        for (word, relation) in boundWords where lower.hasPrefix(word + " ") {
            return boundValue(relation, trim(String(text.dropFirst(word.count))))
        }
        // "từ 5 trở lên", "5% trở lên", "10 trở xuống"
        var body = text
        if lower.hasPrefix("từ ") { body = trim(String(text.dropFirst(3))) }
        for (suffix, relation) in [(" trở lên", BoundRelation.greaterOrEqual), (" trở xuống", .lessOrEqual)]
        where body.lowercased().hasSuffix(suffix) {
            return boundValue(relation, trim(String(body.dropLast(suffix.count))))
        }
        return nil
    }

    private static func boundValue(_ relation: BoundRelation, _ rest: String) -> CellValue? {
        guard let (reading, unit) = leadingNumber(rest), unit.count <= maxUnitLength else { return nil }
        let unitOrNil = unit.isEmpty ? nil : unit
        return map(reading) { .bound(relation: relation, value: $0, unit: unitOrNil) }
    }

    /// `a/b [unit]` and `a-b [unit]`.
    static func parseRatioOrRange(_ text: String) -> CellValue? {
        guard let (first, afterFirst) = leadingNumberToken(text, allowSpaceGrouping: false) else { return nil }
        var rest = Substring(afterFirst)
        while rest.first == " " { rest = rest.dropFirst() }
        guard let op = rest.first, op == "/" || op == "-" || op == "–" else { return nil }
        if first.isNegativeLiteral && op != "/" { return nil }
        rest = rest.dropFirst()
        while rest.first == " " { rest = rest.dropFirst() }
        guard let (second, afterSecond) = leadingNumberToken(String(rest), allowSpaceGrouping: false) else { return nil }
        if second.token.hasPrefix("-") { return nil }
        let unitText = trim(afterSecond)
        // "05/12/2024": a second slash means a date or a path, not a ratio.
        if unitText.hasPrefix("/") || unitText.hasPrefix("-") || unitText.hasPrefix("–") { return nil }
        if !afterSecond.isEmpty && !afterSecond.hasPrefix(" ") && !startsUnit(afterSecond) { return nil }
        guard isAcceptableUnit(unitText) else { return nil }
        let unit: String? = unitText.isEmpty ? nil : unitText
        switch (first.reading, second.reading) {
        case let (.exact(a), .exact(b)):
            return op == "/" ? .ratio(numerator: a, denominator: b, unit: unit) : .range(low: a, high: b, unit: unit)
        default:
            // Read both numbers in the same convention: grouping for both, or decimal for both.
            let (a1, a2) = first.reading.pair, (b1, b2) = second.reading.pair
            let make: (Decimal, Decimal) -> CellValue = op == "/"
                ? { .ratio(numerator: $0, denominator: $1, unit: unit) }
                : { .range(low: $0, high: $1, unit: unit) }
            let c1 = make(a1, b1), c2 = make(a2, b2)
            return c1 == c2 ? c1 : .ambiguous(candidates: [c1, c2])
        }
    }

    /// A number alone, with `%`/`‰`/`%o`, or with a short unit after it.
    static func parseQuantity(_ text: String) -> CellValue? {
        if let reading = NumberReading.read(text) { return map(reading) { .number($0) } }
        guard let (reading, unit) = leadingNumber(text) else { return nil }
        if unit == "%" { return map(reading) { .percent($0) } }
        if unit == "‰" || unit == "%o" || unit == "%0" { return map(reading) { .perMille($0) } }
        guard !unit.isEmpty, isAcceptableUnit(unit) else { return nil }
        return map(reading) { .quantity($0, unit: unit) }
    }

    // MARK: - Helpers

    struct Token {
        var token: String
        var reading: NumberReading
        var isNegativeLiteral: Bool { token.hasPrefix("-") || token.hasPrefix("−") }
    }

    /// The longest number token at the start of `text`, and the text after it.
    static func leadingNumberToken(_ text: String, allowSpaceGrouping: Bool) -> (Token, String)? {
        let scalars = Array(text.unicodeScalars)
        var end = 0
        if end < scalars.count, scalars[end] == "-" || scalars[end] == "+" || scalars[end] == "−" { end += 1 }
        let digitsStart = end
        while end < scalars.count {
            let s = scalars[end]
            if s.value >= 48 && s.value <= 57 { end += 1; continue }
            // A separator counts only when a digit follows it.
            if (s == "." || s == ","), end + 1 < scalars.count, scalars[end + 1].value >= 48, scalars[end + 1].value <= 57, end > digitsStart {
                end += 1; continue
            }
            break
        }
        guard end > digitsStart else { return nil }
        let tokenText = String(String.UnicodeScalarView(scalars[0..<end]))
        guard let reading = NumberReading.read(tokenText) else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[end...]))
        return (Token(token: tokenText, reading: reading), rest)
    }

    /// A number at the start and the trimmed text after it (the unit).
    /// The unit must be separated by a space or start with `%`, `‰` or a letter.
    static func leadingNumber(_ text: String) -> (NumberReading, String)? {
        guard let (token, rest) = leadingNumberToken(text, allowSpaceGrouping: false) else { return nil }
        if !rest.isEmpty && !rest.hasPrefix(" ") && !rest.hasPrefix("\u{00A0}") && !startsUnit(rest) { return nil }
        return (token.reading, trim(rest))
    }

    private static func startsUnit(_ rest: String) -> Bool {
        guard let c = rest.unicodeScalars.first else { return true }
        return c == "%" || c == "‰" || c.properties.isAlphabetic
    }

    static func isAcceptableUnit(_ unit: String) -> Bool {
        if unit.isEmpty { return true }
        guard unit.count <= maxUnitLength, !unit.contains("\n") else { return false }
        guard unit.split(whereSeparator: { $0 == " " }).count <= maxUnitWords else { return false }
        // A unit never starts with a digit or another number-like piece ("5 6").
        if let f = unit.unicodeScalars.first, f.value >= 48 && f.value <= 57 { return false }
        return true
    }

    private static func map(_ reading: NumberReading, _ f: (Decimal) -> CellValue) -> CellValue {
        switch reading {
        case .exact(let d): return f(d)
        case let .ambiguous(thousands, decimal): return .ambiguous(candidates: [f(thousands), f(decimal)])
        }
    }
}

extension NumberReading {
    /// Both readings (the same value twice when exact): grouping first.
    var pair: (Decimal, Decimal) {
        switch self {
        case .exact(let d): return (d, d)
        case let .ambiguous(t, d): return (t, d)
        }
    }
}
