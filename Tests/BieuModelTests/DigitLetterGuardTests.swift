import BieuModel
import BieuTestSupport
import Testing

/// `ValueParser.digitLetterConfusion` refuses texts early (no word with both a digit and
/// one of O, o, l, I); the result must be what checking every word by the rule gives.
/// Public API only, so it runs in release builds too.
@Suite("Property: the digit/letter confusion guard changes no result")
struct DigitLetterGuardTests {
    static let pieces = ["1", "2024", "0", "O", "o", "l", "I", ".", ",", "%", "<", "≥", "~", "-", " ", " ", "  ", "\t", " \u{301}",
                         "Tỷ", "lệ", "hộ", "nghèo", "đạt", "Đ", "x", "ha", "5l", "61O000", "l5", "2,I", "100%", "Io", "\u{301}"]

    /// Every word checked by the rule as stated (digits, `.`/`,` and O, o, l, I, with a
    /// digit and a letter, not a lone trailing `l`, a number once corrected), no guard.
    static func reference(_ text: String) -> (String, [Character])? {
        let read = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> (String, [Character]) in
            let prefix = word.prefix(while: { "<>=≥≤~+-".contains($0) })
            let rest = word.dropFirst(prefix.count)
            let core = rest.hasSuffix("%") ? rest.dropLast() : rest
            let letters = core.filter { "OolI".contains($0) }
            let corrected = String(core.map { "Oo".contains($0) ? "0" : ("lI".contains($0) ? "1" : $0) })
            let confused = core.allSatisfy { $0.isASCII && ($0.isNumber || ".,OolI".contains($0)) } && core.contains(where: \.isNumber)
                && !letters.isEmpty && !(letters == "l" && core.last == "l") && NumberReading.read(corrected) != nil
            return confused ? (String(prefix) + corrected + (rest.count > core.count ? "%" : ""), Array(letters)) : (String(word), [])
        }
        let letters = read.flatMap(\.1)
        return letters.isEmpty ? nil : (read.map(\.0).joined(separator: " "), letters)
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
