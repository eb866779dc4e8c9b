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
///    `Chưa đạt`, `Vượt`, `HTTNV`, `Không đạt chỉ tiêu NQ`) → `status`; the
///    word must carry its own diacritics or none (`chua dat`), so `Đất …`
///    (land) is not `Đạt`;
/// 3. a bound word or sign followed by a quantity (`>90`, `≥ 75%`,
///    `Trên 5%/năm`, `dưới 10`, `từ 5 trở lên`) → `bound`;
/// 4. `a/b` with an optional unit (`16/19`, `113/118 bản có điện`) → `ratio`;
/// 5. `a-b` or `a–b` with an optional unit (`5-6`, `2-4 năm`) → `range`;
/// 6. a number with `%` → `percent`; with `‰`, `%o` or `0/00` → `perMille`;
/// 7. a number alone → `number`;
/// 8. a number followed by a short unit or remark (at most ``maxUnitWords``
///    words, ``maxUnitLength`` characters) → `quantity`;
/// 9. anything else → `text`.
///
/// A number written with letters for digits (`61O000`, `1O5`, `l5`: O for 0,
/// l or I for 1) is `text`, never a number with a unit ("O000"):
/// ``digitLetterConfusion(_:)`` says what it would read as.
///
/// Texts longer than ``maxInterpretedLength`` bytes are `text` without further
/// reading: no other form can be that long, and a 50 MB cell must not cost
/// more than a glance.
///
/// Numbers follow ``NumberReading``: an ambiguous token makes the whole
/// value ambiguous, with one candidate per reading.
public enum ValueParser {
    /// Longest unit or remark accepted after a number, in words.
    public static let maxUnitWords = 6
    /// Longest unit or remark accepted after a number, in characters.
    public static let maxUnitLength = 40
    /// Longest text (UTF-8 bytes, after trimming) read as anything but `text`.
    public static let maxInterpretedLength = 512

    /// Parses a cell's text. The text should already be NFC.
    public static func parse(_ raw: String) -> CellValue {
        let text = trim(raw)
        if text.isEmpty { return .empty }
        if text.utf8.count > maxInterpretedLength { return .text(raw) }
        // Fast path: most cells are plain numbers (digits, separators, a sign).
        if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C || $0 == 0x2D || $0 == 0x2B }),
           let reading = NumberReading.read(text) {
            switch reading {
            case .exact(let d): return .number(d)
            case let .ambiguous(thousands, decimal): return .ambiguous(candidates: [.number(thousands), .number(decimal)])
            }
        }
        if mayHoldDigitLetterConfusion(text), digitLetterConfusion(text) != nil { return .text(raw) }
        if let status = parseStatus(text) { return .status(status) }
        if let bound = parseBound(text) { return bound }
        if let value = parseSlashPerMille(text) { return value }
        if let value = parseRatioOrRange(text) { return value }
        if let value = parseQuantity(text) { return value }
        return .text(raw)
    }

    // MARK: - Letters typed for digits

    /// A number typed with letters in place of digits.
    public struct DigitLetterConfusion: Sendable, Hashable {
        /// The text with the letters replaced by the digits they stand for.
        public var corrected: String
        /// The letters found, in order (`O`, `o`, `l`, `I`).
        public var letters: [Character]
    }

    /// `61O000` → `610000` (letter O), `l5` → `15` (letter l), `2,I` → `2,1`:
    /// a word made of digits, `.`/`,` and the letters O, o, l, I, holding at
    /// least one digit and one such letter, that reads as a number once the
    /// letters are digits. A single trailing `l` (`5l`, five litres) is a unit,
    /// not a confusion. Nil when no word of the text is such a number.
    public static func digitLetterConfusion(_ text: String) -> DigitLetterConfusion? {
        guard mayHoldDigitLetterConfusion(text) else { return nil }
        var found: [Character] = []
        var words: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            // A sign or relation before the number and a percent sign after it stay as they are.
            let prefix = word.prefix { "<>=≥≤~+-".contains($0) }
            var core = word.dropFirst(prefix.count)
            let suffix = core.hasSuffix("%") ? "%" : ""
            if !suffix.isEmpty { core = core.dropLast() }
            if let (corrected, letters) = confusedDigits(core) {
                found += letters
                words.append(String(prefix) + corrected + suffix)
            } else {
                words.append(String(word))
            }
        }
        return found.isEmpty ? nil : DigitLetterConfusion(corrected: words.joined(separator: " "), letters: found)
    }

    /// A word of digits, `.`/`,` and O, o, l, I (at least one digit, one such
    /// letter, not a lone trailing `l`) that reads as a number with the letters
    /// as digits: that reading and the letters.
    static func confusedDigits(_ word: Substring) -> (String, [Character])? {
        var corrected = ""
        var letters: [Character] = []
        var digits = 0
        for ch in word {
            switch ch {
            case "0"..."9": corrected.append(ch); digits += 1
            case ".", ",": corrected.append(ch)
            case "O", "o": corrected.append("0"); letters.append(ch)
            case "l", "I": corrected.append("1"); letters.append(ch)
            default: return nil
            }
        }
        guard digits > 0, !letters.isEmpty, !(letters == ["l"] && word.last == "l"), NumberReading.read(corrected) != nil else { return nil }
        return (corrected, letters)
    }

    /// False when the text cannot hold a confusion: it needs a word (bytes between spaces)
    /// with an ASCII digit and one of O, o, l, I. A sentence with a year and an "o"
    /// elsewhere is refused here rather than cut into words.
    @inline(__always)
    static func mayHoldDigitLetterConfusion(_ text: String) -> Bool {
        var digit = false, letter = false
        for b in text.utf8 {
            if b == 0x20 { digit = false; letter = false; continue }
            if b >= 0x30 && b <= 0x39 { digit = true } else if b == 0x4F || b == 0x6F || b == 0x6C || b == 0x49 { letter = true }
            if digit && letter { return true }
        }
        return false
    }

    // MARK: - Pieces

    /// Trims spaces, tabs, newlines and no-break spaces at both ends.
    /// Works on scalars: "\r\n" is one Character, equal to neither "\r" nor "\n".
    static func trim(_ s: String) -> String {
        // Fast path: an ASCII first and last byte that is not white space leaves nothing to trim
        // (the other trimmed characters, U+00A0 and U+202F, are not ASCII).
        if let f = s.utf8.first, let l = s.utf8.last, f < 0x80, l < 0x80, !isTrimmedASCII(f), !isTrimmedASCII(l) { return s }
        let ws: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !ws($0) }), let last = scalars.lastIndex(where: { !ws($0) }) else { return "" }
        return String(scalars[first...last])
    }

    private static func isTrimmedASCII(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Status phrases as written (lower case, NFC), longest first so
    /// "chưa đạt" wins over "đạt"; `key` is the fold key they are found by.
    static let statusWords: [(key: String, words: [String], status: Status)] = [
        ("hoàn thành xuất sắc nhiệm vụ", Status.completedExcellently),
        ("không hoàn thành nhiệm vụ", .notCompleted),
        ("hoàn thành tốt nhiệm vụ", .completedWell),
        ("hoàn thành nhiệm vụ", .completed),
        ("chưa đạt", .notMet),
        ("không đạt", .failed),
        ("htxsnv", .completedExcellently),
        ("khtnv", .notCompleted),
        ("httnv", .completedWell),
        ("htnv", .completed),
        ("vượt", .exceeded),
        ("đạt", .met),
    ].map { (VietnameseText.foldKey($0.0), $0.0.split(separator: " ").map(String.init), $0.1) }

    /// Most words a qualifier after a status word may have (`Đạt 99% chỉ tiêu NQ`).
    static let maxQualifierWords = 5

    static func parseStatus(_ text: String) -> Status? {
        // Every status word starts with a letter (đ, v, c, k, h and their capitals, with or without marks).
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return nil }
        // The bare phrases as people write them (`Đạt`, `HTTNV`, `Chưa đạt`) fill most status cells.
        if let known = commonStatusTexts[text] { return known }
        // Every status word's fold key starts with c, d, h, k or v, and a text starting with an
        // ASCII letter has a fold key starting with that letter in lower case.
        if first.isASCII {
            switch UInt8(first.value) | 0x20 {
            case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "h"), UInt8(ascii: "k"), UInt8(ascii: "v"): break
            default: return nil
            }
        }
        return matchStatus(text)
    }

    /// The bare status phrases in their usual casings (as written, capitalised,
    /// upper case), each mapped to what ``matchStatus(_:)`` itself says of it — a
    /// lookup, never a different answer (a test checks every entry against
    /// ``matchStatus(_:)`` and that every phrase of ``statusWords`` is here in
    /// its three casings). A literal, so that no program start pays for
    /// building it.
    static let commonStatusTexts: [String: Status] = [
        "hoàn thành xuất sắc nhiệm vụ": .completedExcellently, "Hoàn thành xuất sắc nhiệm vụ": .completedExcellently, "HOÀN THÀNH XUẤT SẮC NHIỆM VỤ": .completedExcellently,
        "không hoàn thành nhiệm vụ": .notCompleted, "Không hoàn thành nhiệm vụ": .notCompleted, "KHÔNG HOÀN THÀNH NHIỆM VỤ": .notCompleted,
        "hoàn thành tốt nhiệm vụ": .completedWell, "Hoàn thành tốt nhiệm vụ": .completedWell, "HOÀN THÀNH TỐT NHIỆM VỤ": .completedWell,
        "hoàn thành nhiệm vụ": .completed, "Hoàn thành nhiệm vụ": .completed, "HOÀN THÀNH NHIỆM VỤ": .completed,
        "chưa đạt": .notMet, "Chưa đạt": .notMet, "CHƯA ĐẠT": .notMet,
        "không đạt": .failed, "Không đạt": .failed, "KHÔNG ĐẠT": .failed,
        "htxsnv": .completedExcellently, "Htxsnv": .completedExcellently, "HTXSNV": .completedExcellently,
        "khtnv": .notCompleted, "Khtnv": .notCompleted, "KHTNV": .notCompleted,
        "httnv": .completedWell, "Httnv": .completedWell, "HTTNV": .completedWell,
        "htnv": .completed, "Htnv": .completed, "HTNV": .completed,
        "vượt": .exceeded, "Vượt": .exceeded, "VƯỢT": .exceeded,
        "đạt": .met, "Đạt": .met, "ĐẠT": .met,
    ]

    static func matchStatus(_ text: String) -> Status? {
        let key = VietnameseText.foldKey(text)
        for (word, phrase, status) in statusWords {
            let matches: Bool
            if key == word {
                matches = true
            } else if key.hasPrefix(word + " ") {
                let rest = key.dropFirst(word.count + 1)
                matches = rest.split(separator: " ").count <= maxQualifierWords && isMeasureQualifier(rest)
            } else {
                matches = false
            }
            if matches && hasStatusDiacritics(text, phrase) { return status }
        }
        return nil
    }

    /// Words that may follow a status word and keep it a status: a figure
    /// (`Đạt 99%`, `Vượt 5 chỉ tiêu`) or a reference to the target
    /// (`Không đạt chỉ tiêu NQ`, `Đạt so với kế hoạch`). Anything else makes the
    /// text a sentence (`Vượt qua khó khăn`).
    static let qualifierStarts: [String] = ["chi tieu", "nq", "kh", "ke hoach", "muc tieu", "so voi", "nghi quyet", "de ra", "yeu cau", "theo", "ct"]

    static func isMeasureQualifier(_ rest: Substring) -> Bool {
        if rest.contains(where: { $0.isNumber || $0 == "%" }) { return true }
        return qualifierStarts.contains { rest == $0 || rest.hasPrefix($0 + " ") }
    }

    /// The fold key drops diacritics, so `Đất` (land) and `vuốt` (to stroke)
    /// fold like `Đạt` and `Vượt`. A status word counts only when written with
    /// its own diacritics or with none at all (`Đạt`, `đạt`, `dat`, `dạt`);
    /// a word carrying other marks is a different word.
    private static func hasStatusDiacritics(_ text: String, _ phrase: [String]) -> Bool {
        var words: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
                if words.count == phrase.count { break }
            }
        }
        if !current.isEmpty { words.append(current) }
        guard words.count >= phrase.count else { return false }
        func plainD(_ s: String) -> String { s.replacingOccurrences(of: "đ", with: "d") }
        for (written, expected) in zip(words, phrase) {
            let w = plainD(written)
            if w == plainD(expected) { continue }
            if w.unicodeScalars.allSatisfy({ $0.isASCII }) { continue }
            return false
        }
        return true
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

    /// False only when the lower-cased text cannot start with a bound word or "từ" (không, tối,
    /// ít, trên, dưới, hơn, từ), judged from its first two scalars: the only scalars that
    /// lower-case to an ASCII letter are that letter in either case (and K, the Kelvin sign, to k),
    /// and a letter with marks may be written as the ASCII letter and combining marks (í as i
    /// and U+0301), so a non-ASCII scalar never rules a word out.
    static func mayStartWithBoundWord(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let s0 = scalars.next() else { return false }
        guard s0.isASCII else { return true }
        let s1 = scalars.next()
        func second(_ letters: String) -> Bool {
            guard let s1 else { return false }
            return !s1.isASCII || letters.unicodeScalars.contains(Unicode.Scalar(UInt8(s1.value) | 0x20))
        }
        switch UInt8(s0.value) | 0x20 {
        case UInt8(ascii: "k"): return second("h")        // không
        case UInt8(ascii: "t"): return second("oru")      // tối, trên, từ
        case UInt8(ascii: "i"): return second("")         // ít: i and a combining acute
        case UInt8(ascii: "d"): return second("u")        // dưới
        case UInt8(ascii: "h"): return second("o")        // hơn
        default: return false
        }
    }

    /// True when the text holds "tr" in any case.
    private static func containsTR(_ text: String) -> Bool {
        var previousT = false
        for b in text.utf8 {
            if previousT && b | 0x20 == UInt8(ascii: "r") { return true }
            previousT = b | 0x20 == UInt8(ascii: "t")
        }
        return false
    }

    static func parseBound(_ text: String) -> CellValue? {
        // Cheap byte tests first; each only skips a check that cannot succeed.
        guard let firstByte = text.utf8.first, let lastByte = text.utf8.last else { return nil }
        // Every sign starts with '>', '<', '=' or (≥, ≤) the byte 0xE2.
        if firstByte == UInt8(ascii: ">") || firstByte == UInt8(ascii: "<") || firstByte == UInt8(ascii: "=") || firstByte == 0xE2 {
            for (sign, relation) in boundPrefixes where text.hasPrefix(sign) {
                return boundValue(relation, trim(String(text.dropFirst(sign.count))))
            }
        }
        let mayStartWithWord = mayStartWithBoundWord(text)
        // " trở lên" and " trở xuống" end in n and g and hold "tr": no other scalar lower-cases to
        // t, r, n or g, so a text ending in another ASCII byte, or without "tr" in either case,
        // cannot end with them once lower-cased (white space at the end may be trimmed off the
        // body below, so it keeps the test).
        let mayEndWithWord = (lastByte >= 0x80 || lastByte | 0x20 == UInt8(ascii: "n") || lastByte | 0x20 == UInt8(ascii: "g") || isTrimmedASCII(lastByte))
            && containsTR(text)
        guard mayStartWithWord || mayEndWithWord else { return nil }
        let lower = text.lowercased()
        if mayStartWithWord {
            for (word, relation) in boundWords where lower.hasPrefix(word + " ") {
                return boundValue(relation, trim(String(text.dropFirst(word.count))))
            }
        }
        guard mayEndWithWord else { return nil }
        // "từ 5 trở lên", "5% trở lên", "10 trở xuống"
        var body = text
        if mayStartWithWord && lower.hasPrefix("từ ") { body = trim(String(text.dropFirst(3))) }
        for (suffix, relation) in [(" trở lên", BoundRelation.greaterOrEqual), (" trở xuống", .lessOrEqual)]
        where body.lowercased().hasSuffix(suffix) {
            return boundValue(relation, trim(String(body.dropLast(suffix.count))))
        }
        return nil
    }

    private static func boundValue(_ relation: BoundRelation, _ rest: String) -> CellValue? {
        guard let (reading, unit) = leadingNumber(rest), isAcceptableUnit(unit) else { return nil }
        let unitOrNil = unit.isEmpty ? nil : unit
        return map(reading) { .bound(relation: relation, value: $0, unit: unitOrNil) }
    }

    /// `21,5 0/00` and `21,50/00`: `0/00` is the per-mille sign typed with a
    /// slash (common in Vietnamese statistics), not a ratio with denominator 0.
    static func parseSlashPerMille(_ text: String) -> CellValue? {
        guard text.hasSuffix("0/00") else { return nil }
        let body = trim(String(text.dropLast(4)))
        guard !body.isEmpty, let reading = NumberReading.read(body) else { return nil }
        return map(reading) { .perMille($0) }
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
        // "5-−6", "5/-6", "5-+6": a sign after the operator is not a range or ratio.
        if second.isNegativeLiteral || second.token.hasPrefix("+") { return nil }
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
            // Read both numbers in the same convention — the same meaning for
            // the same separator: in "95.919-676,473" the dot groups and the
            // comma is the decimal point (95919…676.473), or the other way
            // round; "1,5/2.000" can only be Vietnamese (1.5/2000).
            let make: (Decimal, Decimal) -> CellValue = op == "/"
                ? { .ratio(numerator: $0, denominator: $1, unit: unit) }
                : { .range(low: $0, high: $1, unit: unit) }
            let a = Convention.readings(first), b = Convention.readings(second)
            // Grouping reading first: the convention in which the first
            // ambiguous token's separator groups.
            let ambiguousToken = first.reading.isAmbiguous ? first : second
            let order: [Convention] = ambiguousToken.token.contains(",") ? [.dotDecimal, .commaDecimal] : [.commaDecimal, .dotDecimal]
            var candidates: [CellValue] = []
            for convention in order {
                guard let x = a[convention], let y = b[convention] else { continue }
                let c = make(x, y)
                if !candidates.contains(c) { candidates.append(c) }
            }
            switch candidates.count {
            case 0: return nil
            case 1: return candidates[0]
            default: return .ambiguous(candidates: candidates)
            }
        }
    }

    /// The two ways of writing numbers: `1.234,5` (Vietnamese) and `1,234.5` (English).
    enum Convention: Hashable {
        /// `,` is the decimal point, `.` groups thousands.
        case commaDecimal
        /// `.` is the decimal point, `,` groups thousands.
        case dotDecimal

        /// What a number token means in each convention it is valid in.
        static func readings(_ token: Token) -> [Convention: Decimal] {
            let bytes = Array(token.token.utf8)
            let dots = bytes.filter { $0 == UInt8(ascii: ".") }.count
            let commas = bytes.filter { $0 == UInt8(ascii: ",") }.count
            switch token.reading {
            case let .ambiguous(thousands, decimal):
                return dots > 0 ? [.commaDecimal: thousands, .dotDecimal: decimal] : [.dotDecimal: thousands, .commaDecimal: decimal]
            case .exact(let d):
                if dots == 0 && commas == 0 { return [.commaDecimal: d, .dotDecimal: d] }
                if dots > 0 && commas > 0 {
                    let last = bytes.last { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
                    return last == UInt8(ascii: ".") ? [.dotDecimal: d] : [.commaDecimal: d]
                }
                if dots > 0 { return dots == 1 ? [.dotDecimal: d] : [.commaDecimal: d] }
                return commas == 1 ? [.commaDecimal: d] : [.dotDecimal: d]
            }
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
        // Over the UTF-8 bytes: every scalar of a token is ASCII except U+2212 MINUS SIGN
        // (E2 88 92), so the token ends on a scalar boundary.
        let u = text.utf8
        var end = u.startIndex
        func isDigit(_ i: String.Index) -> Bool { i < u.endIndex && u[i] >= 48 && u[i] <= 57 }
        if end < u.endIndex {
            let b = u[end]
            if b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
                end = u.index(after: end)
            } else if b == 0xE2, u[end...].starts(with: [0xE2, 0x88, 0x92] as [UInt8]) {
                end = u.index(end, offsetBy: 3)
            }
        }
        let digitsStart = end
        while end < u.endIndex {
            let b = u[end]
            if b >= 48 && b <= 57 { end = u.index(after: end); continue }
            // A separator counts only when a digit follows it.
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ","), end > digitsStart, isDigit(u.index(after: end)) {
                end = u.index(after: end); continue
            }
            break
        }
        guard end > digitsStart else { return nil }
        let tokenText = String(text.unicodeScalars[..<end])
        guard let reading = NumberReading.read(tokenText) else { return nil }
        let rest = String(text.unicodeScalars[end...])
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
        // Scalars, not Characters: "\r\n" is a single Character that is not "\n".
        guard unit.count <= maxUnitLength, !unit.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else { return false }
        guard unit.split(whereSeparator: { $0 == " " }).count <= maxUnitWords else { return false }
        // A unit never starts with a digit or another number-like piece ("5 6").
        if let f = unit.unicodeScalars.first, f.value >= 48 && f.value <= 57 { return false }
        // "1E-05", "1e3": an exponent (scientific notation) is not a unit.
        if isExponent(unit) { return false }
        // "1O" after "61" (61O000): letters typed for digits are no unit.
        if let first = unit.split(separator: " ").first, confusedDigits(first) != nil { return false }
        return true
    }

    /// `e3`, `E-05`, `e+7`.
    private static func isExponent(_ s: String) -> Bool {
        var bytes = Array(s.utf8)[...]
        guard let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { return false }
        bytes = bytes.dropFirst()
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    private static func map(_ reading: NumberReading, _ f: (Decimal) -> CellValue) -> CellValue {
        switch reading {
        case .exact(let d): return f(d)
        case let .ambiguous(thousands, decimal): return .ambiguous(candidates: [f(thousands), f(decimal)])
        }
    }
}

extension NumberReading {
    var isAmbiguous: Bool {
        if case .ambiguous = self { return true }
        return false
    }
}
