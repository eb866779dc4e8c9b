import Foundation

/// Unicode NFC with a cheap test that skips the work for almost all text.
enum Normalization {
    /// True for scalars that can neither change under NFC nor combine with a
    /// neighbour: they have no canonical decomposition that NFC would undo,
    /// canonical combining class 0, and do not compose with what precedes them.
    /// Covers ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers, the
    /// precomposed Vietnamese letters (U+1E00…U+1EFF), dashes, quotes, bullets
    /// and currency signs (₫, €). Anything else goes through Foundation.
    @inline(__always)
    static func isInert(_ v: UInt32) -> Bool {
        v < 0x300 || (v >= 0x1E00 && v <= 0x1EFF) || (v >= 0x2010 && v <= 0x2027)
            || (v >= 0x2030 && v <= 0x203A) || (v >= 0x20A0 && v <= 0x20BF)
    }

    /// True when every scalar is inert, so the text is certainly NFC.
    static func isCertainlyNFC(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        // Fast path on bytes: ASCII is inert; two-byte sequences (U+0080…U+07FF)
        // are inert below U+0300, i.e. lead bytes C2…CB.
        while let b = utf8.next() {
            if b < 0x80 { continue }
            if b >= 0xC2 && b <= 0xCB { _ = utf8.next(); continue }
            return text.unicodeScalars.allSatisfy { isInert($0.value) }
        }
        return true
    }

    /// The text in NFC.
    static func nfc(_ text: String) -> String {
        isCertainlyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }
}
