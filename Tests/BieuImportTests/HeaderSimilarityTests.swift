import BieuImport
import BieuTestSupport
import Testing

/// `HeaderText.similarity` against the token matching as first written (each match
/// removed from a copy of the text's tokens), on generated token lists with repeats,
/// wildcards and numbers. Public API only, so it runs in release builds too.
@Suite("Property: header similarity equals matching by removal")
struct HeaderSimilarityTests {
    // No stop words among them, so both sides compare the same lists.
    static let tokens = ["ke", "hoach", "thuc", "hien", "2024", "2025", "muc", "tieu", "nghi", "quyet", "*", "x", "٣", "5a", "ti", "le"]

    static func reference(pattern p: [String], text t: [String]) -> Double {
        guard !p.isEmpty, !t.isEmpty else { return p.isEmpty && t.isEmpty ? 1 : 0 }
        var remaining = t
        var common = 0
        for token in p {
            let found = token == "*" ? remaining.firstIndex { $0.first?.isNumber == true } : remaining.firstIndex(of: token)
            if let found { remaining.remove(at: found); common += 1 }
        }
        return 2 * Double(common) / Double(p.count + t.count)
    }

    @Test("same similarity for every generated pair", arguments: Array(UInt64(1)...20))
    func sameAsRemoval(seed: UInt64) {
        var g = SeededRandom(seed: seed)
        func list() -> [String] { (0..<Int.random(in: 0...7, using: &g)).map { _ in Self.tokens[Int.random(in: 0..<Self.tokens.count, using: &g)] } }
        for n in 0..<300 {
            let p = list(), t = list().filter { $0 != "*" }
            #expect(HeaderText.similarity(pattern: p, text: t) == Self.reference(pattern: p, text: t), "seed \(seed) case \(n): \(p) ~ \(t)")
        }
    }
}
