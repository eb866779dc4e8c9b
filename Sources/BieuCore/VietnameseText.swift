import Foundation

/// Text helpers for Vietnamese: Unicode NFC and tolerant matching keys.
public enum VietnameseText {
    /// The text in Unicode Normalization Form C (precomposed), as every
    /// stored and written Vietnamese text must be.
    public static func nfc(_ text: String) -> String {
        // Fast path: pure ASCII is always NFC.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// A key for matching text typed by hand: diacritics removed (đ → d),
    /// lower-cased, punctuation turned into spaces and runs of whitespace
    /// collapsed. `"  Đơn vị  tính"` and `"don vi tinh"` give the same key.
    public static func foldKey(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            // Combining diacritical marks (U+0300–U+036F) are dropped.
            if v >= 0x300 && v <= 0x36F { continue }
            var s = scalar
            if v == 0x0110 || v == 0x0111 { s = "d" } // Đ đ
            if s.properties.isAlphabetic || (s.value >= 48 && s.value <= 57) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                for lower in s.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            } else if s == "%" || s == "/" || s == "‰" {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(s)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }
}
