import BieuModel
import BieuTestSupport
import Testing

/// `ValueParser.digitLetterConfusion` refuses texts early (no word with both a digit and
/// one of O, o, l, I); the result must be what reading every word gives. The reference
/// below reads every word, as the function did before the early refusal. Public API
/// only, so it runs in release builds too.
@Suite("Property: the digit/letter confusion guard changes no result")
struct DigitLetterGuardTests {
    static let pieces = ["1", "2024", "0", "O", "o", "l", "I", ".", ",", "%", "<", "≥", "~", "-", " ", " ", "  ", "\t", " \u{301}",
                         "Tỷ", "lệ", "hộ", "nghèo", "đạt", "Đ", "x", "ha", "5l", "61O000", "l5", "2,I", "100%", "Io", "\u{301}"]

    static func reference(_ text: String) -> (String, [Character])? {
        var found: [Character] = []
        var words: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let prefix = word.prefix { "<>=≥≤~+-".contains($0) }
            var core = word.dropFirst(prefix.count)
            let suffix = core.hasSuffix("%") ? "%" : ""
            if !suffix.isEmpty { core = core.dropLast() }
            var corrected = "", letters: [Character] = [], digits = 0, ok = true
            for ch in core {
                switch ch {
                case "0"..."9": corrected.append(ch); digits += 1
                case ".", ",": corrected.append(ch)
                case "O", "o": corrected.append("0"); letters.append(ch)
                case "l", "I": corrected.append("1"); letters.append(ch)
                default: ok = false
                }
                if !ok { break }
            }
            if ok, digits > 0, !letters.isEmpty, !(letters == ["l"] && core.last == "l"), NumberReading.read(corrected) != nil {
                found += letters
                words.append(String(prefix) + corrected + suffix)
            } else {
                words.append(String(word))
            }
        }
        return found.isEmpty ? nil : (words.joined(separator: " "), found)
    }

    @Test("same confusion with and without the guard", arguments: Array(UInt64(1)...20))
    func sameAsReadingEveryWord(seed: UInt64) {
        var g = SeededRandom(seed: seed)
        for n in 0..<300 {
            let text = (0..<Int.random(in: 0...8, using: &g)).map { _ in Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &g)] }.joined()
            let fast = ValueParser.digitLetterConfusion(text)
            let plain = Self.reference(text)
            let same = fast?.corrected == plain?.0 && fast?.letters == plain?.1
            #expect(same, "seed \(seed) case \(n): \(text.debugDescription)")
        }
    }
}
