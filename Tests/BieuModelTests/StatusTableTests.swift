import Testing
@testable import BieuModel

/// The written-out table of bare status phrases is only a lookup: it must say
/// exactly what the matcher says, and hold every phrase in its three casings.
@Suite("Status phrase table")
struct StatusTableTests {
    @Test("Every entry is what matchStatus says of it")
    func entries() {
        for (text, status) in ValueParser.commonStatusTexts {
            #expect(ValueParser.matchStatus(text) == status, "\(text)")
            #expect(ValueParser.parse(text) == .status(status), "\(text)")
        }
    }

    @Test("Every status phrase is there, as written, capitalised and in upper case")
    func complete() {
        var expected = Set<String>()
        for (_, words, _) in ValueParser.statusWords {
            let phrase = words.joined(separator: " ")
            for form in [phrase, phrase.prefix(1).uppercased() + phrase.dropFirst(), phrase.uppercased()] {
                if ValueParser.matchStatus(form) != nil { expected.insert(form) }
            }
        }
        #expect(Set(ValueParser.commonStatusTexts.keys) == expected)
    }
}
