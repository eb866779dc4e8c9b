import BieuCore
import BieuTestSupport
import Foundation
import Testing

/// `trimmingWhitespace()` and `trimmingWhitespaceAndNewlines()` against Foundation's
/// `trimmingCharacters(in:)` (the plain path they replace) on generated texts:
/// every kind of space, line break and combining mark at the ends. Public API only,
/// so it runs in release builds too.
@Suite("Property: trimming equals Foundation's")
struct TrimmingTests {
    static let pieces = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}",
                         "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{301}", "\u{1E6}",
                         "a", "Đ", "ệ", "1", "-", "😀", "e\u{301}", "xã Bản Bo", ""]

    @Test("same result for every generated text", arguments: Array(UInt64(1)...20))
    func sameAsFoundation(seed: UInt64) {
        var g = SeededRandom(seed: seed)
        for n in 0..<200 {
            let text = (0..<Int.random(in: 0...6, using: &g)).map { _ in Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &g)] }.joined()
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces),
                    "seed \(seed) case \(n): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "seed \(seed) case \(n): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            let sameBytes = Array(text.trimmingWhitespace().utf8) == Array(text.trimmingCharacters(in: .whitespaces).utf8)
            #expect(sameBytes, "seed \(seed) case \(n)")
        }
    }
}
