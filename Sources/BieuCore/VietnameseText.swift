import Foundation

/// Text helpers for Vietnamese: Unicode NFC and tolerant matching keys.
public enum VietnameseText {
    /// The text in Unicode Normalization Form C (precomposed), as every
    /// stored and written Vietnamese text must be.
    public static func nfc(_ text: String) -> String {
        // Fast path: pure ASCII is always NFC.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        if isStableUnderNFC(text) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// True when normalising cannot change the text: no combining marks, and
    /// only characters from blocks without singletons or composition
    /// exclusions (Latin up to U+02FF, Vietnamese letters U+1E00–U+1EFF, common
    /// punctuation, arrows, mathematical operators, emoji). Precomposed
    /// Vietnamese text, the common case, takes this path.
    static func isStableUnderNFC(_ text: String) -> Bool {
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x300 || (0x1E00...0x1EFF).contains(v) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
                || (0x2190...0x22FF).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20A0...0x20C0).contains(v) {
                continue
            }
            return false
        }
        return true
    }

    /// A key for matching text typed by hand: diacritics removed (đ → d),
    /// lower-cased, punctuation turned into spaces and runs of whitespace
    /// collapsed. `"  Đơn vị  tính"` and `"don vi tinh"` give the same key.
    ///
    /// Table-driven: Latin letters with diacritics (Latin-1, Latin Extended-A/B,
    /// Vietnamese U+1E00–U+1EFF) map to their base letter through a table built
    /// once from their canonical decompositions; ASCII takes a byte fast path.
    public static func foldKey(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func letter(_ b: UInt8) {
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(b)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case 0x41...0x5A: letter(b + 32)
                case 0x61...0x7A, 0x30...0x39: letter(b)
                case 0x25, 0x2F: letter(b) // % /
                default: pendingSpace = true
                }
                continue
            }
            if v >= 0x300 && v <= 0x36F { continue } // combining marks
            if let base = FoldTable.base(v) {
                letter(base)
                continue
            }
            if v == 0x2030 { // ‰
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(contentsOf: Array("‰".utf8))
                continue
            }
            if scalar.properties.isAlphabetic {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(contentsOf: Array(String(lower).utf8)) }
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The lowercase ASCII letter a scalar is written with, diacritics and case
    /// aside: ASCII letters lower-cased, accented Latin letters through the same
    /// table as ``foldKey(_:)`` (`Ệ` → `e`, `đ` → `d`); nil for anything else.
    public static func baseLetter(_ scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v < 0x80 {
            let b = UInt8(v)
            switch b {
            case 0x41...0x5A: return b + 32
            case 0x61...0x7A: return b
            default: return nil
            }
        }
        return FoldTable.base(v)
    }
}

/// Base letters of accented Latin letters: for each scalar of U+00C0–U+024F and
/// U+1E00–U+1EFF, the lowercase ASCII letter it decomposes to (canonical
/// decomposition: one ASCII letter and combining marks U+0300–U+036F; đ/Đ give
/// d), or "." for none. Written out rather than computed at start-up (computing
/// it took 5.5 M instructions, 4 % of a typical export); `computedBase` is that
/// computation, and a test checks the two agree for every scalar.
enum FoldTable {
    static let latin: StaticString = """
        aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y\
        aaaaaaccccccccddddeeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll.\
        ...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.\
        ................................oo.............uu...............\
        .............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....\
        aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............\
        ................
        """
    static let latinExtendedAdditional: StaticString = """
        aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm\
        mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv\
        wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee\
        eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......
        """

    static func base(_ v: UInt32) -> UInt8? {
        let b: UInt8
        if v >= 0xC0 && v <= 0x24F {
            b = latin.utf8Start[Int(v - 0xC0)]
        } else if v >= 0x1E00 && v <= 0x1EFF {
            b = latinExtendedAdditional.utf8Start[Int(v - 0x1E00)]
        } else {
            return nil
        }
        return b == UInt8(ascii: ".") ? nil : b
    }

    /// The table's definition, computed from Unicode data (tests compare).
    static func computedBase(_ v: UInt32) -> UInt8? {
        guard (0xC0...0x24F).contains(v) || (0x1E00...0x1EFF).contains(v), let scalar = Unicode.Scalar(v) else { return nil }
        if v == 0x110 || v == 0x111 { return UInt8(ascii: "d") }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let first = decomposed.first, first.isASCII, first.properties.isAlphabetic,
              decomposed.dropFirst().allSatisfy({ $0.value >= 0x300 && $0.value <= 0x36F }) else { return nil }
        let b = UInt8(first.value)
        return (b >= 0x41 && b <= 0x5A) ? b + 32 : b
    }
}
