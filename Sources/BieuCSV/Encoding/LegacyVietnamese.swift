import BieuCore
import Foundation

/// Conversion between Unicode and the two pre-Unicode Vietnamese font
/// encodings still found in old spreadsheets: TCVN3 (ABC, `.VnTime` fonts)
/// and VNI Windows (`VNI-Times` fonts).
///
/// Such text reaches bieu as ordinary 8-bit bytes or, more often, as the
/// Latin-1/Windows-1252 characters those bytes stand for (`Tæng sè`,
/// `Toång soá`): a spreadsheet program stored what was typed, and only the
/// font made it look Vietnamese. Both forms are handled: bytes are first read
/// as Windows-1252, then the characters are mapped.
///
/// **TCVN3** follows TCVN 5712:1993, table VN3: one byte per letter, the 67
/// lower-case letters and the seven capitals Ă Â Ê Ô Ơ Ư Đ. VN3 has no
/// capitals with tone marks; typists used the matching "H" font
/// (`.VnTimeH`), which draws the lower-case codes as capitals, so after
/// conversion those letters come out lower case unless the text around them is
/// upper case: a word (or the whole field) whose ASCII letters are all
/// capitals, at least two of them, is converted to capitals (`TæNG` → `TỔNG`).
///
/// **VNI** writes a letter as a base letter followed by a mark character
/// (`o` + `å` = `ổ`), except the narrow letters ỉ ĩ ị ỵ í ì, đ, ơ and ư,
/// which have their own byte; upper-case letters use upper-case marks.
public enum LegacyVietnamese {
    // MARK: TCVN3

    /// TCVN 5712:1993 VN3: byte → letter.
    static let tcvn3Table: [(UInt8, String)] = [
        (0xA1, "Ă"), (0xA2, "Â"), (0xA3, "Ê"), (0xA4, "Ô"), (0xA5, "Ơ"), (0xA6, "Ư"), (0xA7, "Đ"),
        (0xA8, "ă"), (0xA9, "â"), (0xAA, "ê"), (0xAB, "ô"), (0xAC, "ơ"), (0xAD, "ư"), (0xAE, "đ"),
        (0xB5, "à"), (0xB6, "ả"), (0xB7, "ã"), (0xB8, "á"), (0xB9, "ạ"),
        (0xBB, "ằ"), (0xBC, "ẳ"), (0xBD, "ẵ"), (0xBE, "ắ"),
        (0xC6, "ặ"), (0xC7, "ầ"), (0xC8, "ẩ"), (0xC9, "ẫ"), (0xCA, "ấ"), (0xCB, "ậ"),
        (0xCC, "è"), (0xCE, "ẻ"), (0xCF, "ẽ"), (0xD0, "é"), (0xD1, "ẹ"),
        (0xD2, "ề"), (0xD3, "ể"), (0xD4, "ễ"), (0xD5, "ế"), (0xD6, "ệ"),
        (0xD7, "ì"), (0xD8, "ỉ"), (0xDC, "ĩ"), (0xDD, "í"), (0xDE, "ị"),
        (0xDF, "ò"), (0xE1, "ỏ"), (0xE2, "õ"), (0xE3, "ó"), (0xE4, "ọ"),
        (0xE5, "ồ"), (0xE6, "ổ"), (0xE7, "ỗ"), (0xE8, "ố"), (0xE9, "ộ"),
        (0xEA, "ờ"), (0xEB, "ở"), (0xEC, "ỡ"), (0xED, "ớ"), (0xEE, "ợ"),
        (0xEF, "ù"), (0xF1, "ủ"), (0xF2, "ũ"), (0xF3, "ú"), (0xF4, "ụ"),
        (0xF5, "ừ"), (0xF6, "ử"), (0xF7, "ữ"), (0xF8, "ứ"), (0xF9, "ự"),
        (0xFA, "ỳ"), (0xFB, "ỷ"), (0xFC, "ỹ"), (0xFD, "ý"), (0xFE, "ỵ"),
    ]

    /// Byte → scalar (0 where VN3 keeps the Windows-1252 character).
    static let tcvn3Decode: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        for (byte, letter) in tcvn3Table {
            table[Int(byte)] = letter.precomposedStringWithCanonicalMapping.unicodeScalars.first!.value
        }
        return table
    }()

    /// Letter → byte. Capitals with tone marks, which VN3 lacks, map to the
    /// lower-case code, as typed with a `.VnTimeH` font.
    static let tcvn3Encode: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (byte, letter) in tcvn3Table {
            let lower = letter.precomposedStringWithCanonicalMapping
            table[lower.unicodeScalars.first!.value] = byte
        }
        for (byte, letter) in tcvn3Table {
            let upper = letter.precomposedStringWithCanonicalMapping.uppercased()
            let v = upper.unicodeScalars.first!.value
            if table[v] == nil { table[v] = byte }
        }
        return table
    }()

    // MARK: VNI

    private enum MarkKind { case tone, circumflex, breve }

    /// VNI mark characters (lower-case byte) → what they add.
    private static let vniMarks: [(UInt8, MarkKind, VietnameseLetters.Tone)] = [
        (0xF9, .tone, .acute), (0xF8, .tone, .grave), (0xFB, .tone, .hook), (0xF5, .tone, .tilde), (0xEF, .tone, .dot),
        (0xE2, .circumflex, .none), (0xE1, .circumflex, .acute), (0xE0, .circumflex, .grave),
        (0xE5, .circumflex, .hook), (0xE3, .circumflex, .tilde), (0xE4, .circumflex, .dot),
        (0xEA, .breve, .none), (0xE9, .breve, .acute), (0xE8, .breve, .grave),
        (0xFA, .breve, .hook), (0xFC, .breve, .tilde), (0xEB, .breve, .dot),
    ]

    /// VNI letters with a byte of their own (lower-case byte → letter).
    static let vniSingles: [(UInt8, String)] = [
        (0xED, "í"), (0xEC, "ì"), (0xE6, "ỉ"), (0xF3, "ĩ"), (0xF2, "ị"),
        (0xEE, "ỵ"), (0xF1, "đ"), (0xF4, "ơ"), (0xF6, "ư"),
    ]

    /// VNI base letters (lower-case byte → letter) that take marks, with the marks they take.
    private static let vniBases: [(UInt8, String, [MarkKind])] = [
        (0x61, "a", [.tone, .circumflex, .breve]), (0x65, "e", [.tone, .circumflex]), (0x6F, "o", [.tone, .circumflex]),
        (0x75, "u", [.tone]), (0x79, "y", [.tone]), (0xF4, "ơ", [.tone]), (0xF6, "ư", [.tone]),
    ]

    /// Byte → scalar for VNI single-byte letters (0 = none).
    static let vniSingleDecode: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        for (byte, letter) in vniSingles {
            let lower = letter.precomposedStringWithCanonicalMapping
            table[Int(byte)] = lower.unicodeScalars.first!.value
            table[Int(byte - 0x20)] = lower.uppercased().unicodeScalars.first!.value
        }
        return table
    }()

    /// (base byte << 8 | mark byte) → scalar, for every case combination.
    static let vniPairDecode: [UInt16: UInt32] = {
        var table: [UInt16: UInt32] = [:]
        for (baseByte, baseLetter, kinds) in vniBases {
            for (markByte, kind, tone) in vniMarks where kinds.contains(kind) {
                var letter = baseLetter
                switch kind {
                case .tone: break
                case .circumflex: letter = VietnameseLetters.compose(baseLetter, tone: .none) + "\u{0302}"
                case .breve: letter = baseLetter + "\u{0306}"
                }
                let lower = VietnameseLetters.compose(letter, tone: tone)
                let lowerScalar = lower.unicodeScalars.first!.value
                let upperScalar = lower.uppercased().unicodeScalars.first!.value
                let upperBase = baseByte - 0x20 // a→A, ô→Ô, ö→Ö
                for (b, m, scalar) in [(baseByte, markByte, lowerScalar), (baseByte, markByte - 0x20, lowerScalar),
                                       (upperBase, markByte - 0x20, upperScalar), (upperBase, markByte, upperScalar)] {
                    table[UInt16(b) << 8 | UInt16(m)] = scalar
                }
            }
        }
        return table
    }()

    /// Letter → VNI bytes (upper-case letters with upper-case marks).
    static let vniEncode: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        for (key, scalar) in vniPairDecode {
            let base = UInt8(key >> 8), mark = UInt8(key & 0xFF)
            let baseUpper = base < 0x80 ? base < 0x61 : base < 0xE0
            let markUpper = mark < 0xE0
            if baseUpper == markUpper { table[scalar] = [base, mark] }
        }
        for byte in 0..<256 where vniSingleDecode[byte] != 0 { table[vniSingleDecode[byte]] = [UInt8(byte)] }
        return table
    }()

    // MARK: Conversion

    /// Converts text typed with a legacy font into Unicode (NFC).
    ///
    /// Every character that has a Windows-1252 byte is taken as that byte and
    /// mapped; other characters are kept as they are.
    public static func decode(_ text: String, from encoding: LegacyVietnameseEncoding) -> String {
        var units: [UInt8] = []
        var others: [Int: Unicode.Scalar] = [:]
        for scalar in text.unicodeScalars {
            if let byte = CodePages.windows1252Byte(of: scalar.value) {
                units.append(byte)
            } else {
                others[units.count] = scalar
                units.append(0x3F)
            }
        }
        return convert(units, encoding, keeping: others)
    }

    /// Converts raw bytes of a legacy-font text into Unicode (NFC).
    public static func decode(bytes: some Sequence<UInt8>, from encoding: LegacyVietnameseEncoding) -> String {
        convert(Array(bytes), encoding, keeping: [:])
    }

    /// Unicode text → the bytes a legacy font expects. Characters the
    /// encoding cannot hold become `?`; TCVN3 writes capitals with tone
    /// marks as their lower-case codes (see the type's documentation).
    public static func encode(_ text: String, to encoding: LegacyVietnameseEncoding) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in Normalization.nfc(text).unicodeScalars {
            let v = scalar.value
            if v < 0x80 { out.append(UInt8(v)); continue }
            switch encoding {
            case .tcvn3:
                if let byte = tcvn3Encode[v] { out.append(byte); continue }
                if let byte = CodePages.windows1252Byte(of: v), tcvn3Decode[Int(byte)] == 0 { out.append(byte); continue }
            case .vni:
                if let bytes = vniEncode[v] { out += bytes; continue }
                if let byte = CodePages.windows1252Byte(of: v), !isVNIUsed(byte) { out.append(byte); continue }
            }
            out.append(0x3F)
        }
        return out
    }

    /// The Unicode conversion of a field the reader decided is legacy text,
    /// or nil when the field holds characters no legacy font produces (it is
    /// then genuine Unicode and must be left alone).
    static func decodeIfLegacy(_ text: String, from encoding: LegacyVietnameseEncoding) -> String? {
        var units: [UInt8] = []
        units.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let byte = CodePages.windows1252Byte(of: scalar.value) else { return nil }
            units.append(byte)
        }
        return convert(units, encoding, keeping: [:])
    }

    private static func isVNIUsed(_ byte: UInt8) -> Bool {
        let lower = byte >= 0xC0 && byte < 0xE0 ? byte + 0x20 : byte
        return vniSingleDecode[Int(byte)] != 0 || vniMarks.contains { $0.0 == lower }
    }

    private static func convert(_ units: [UInt8], _ encoding: LegacyVietnameseEncoding, keeping others: [Int: Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        switch encoding {
        case .tcvn3:
            convertTCVN3(units, others, into: &out)
        case .vni:
            var i = 0
            while i < units.count {
                if let kept = others[i] { out.append(kept); i += 1; continue }
                let u = units[i]
                if i + 1 < units.count, others[i + 1] == nil,
                   let scalar = vniPairDecode[UInt16(u) << 8 | UInt16(units[i + 1])] {
                    out.append(Unicode.Scalar(scalar)!)
                    i += 2
                    continue
                }
                let single = vniSingleDecode[Int(u)]
                out.append(Unicode.Scalar(single != 0 ? single : CodePages.windows1252[Int(u)])!)
                i += 1
            }
        }
        return String(out)
    }

    private static func convertTCVN3(_ units: [UInt8], _ others: [Int: Unicode.Scalar], into out: inout String.UnicodeScalarView) {
        @inline(__always) func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0xA1
        }
        @inline(__always) func caseOf(_ b: UInt8) -> Int { // 1 upper, -1 lower, 0 neither
            if (b >= 0x41 && b <= 0x5A) || (b >= 0xA1 && b <= 0xA7) { return 1 }
            if b >= 0x61 && b <= 0x7A { return -1 }
            return 0
        }
        var fieldUpper = 0, fieldLower = 0
        for b in units {
            let c = caseOf(b)
            if c > 0 { fieldUpper += 1 } else if c < 0 { fieldLower += 1 }
        }
        let fieldCaps = fieldUpper >= 2 && fieldLower == 0
        var i = 0
        while i < units.count {
            // One word at a time, so its own capitals can decide its case.
            var end = i
            while end < units.count, others[end] == nil, isWordByte(units[end]) { end += 1 }
            if end == i { end = i + 1 }
            var upper = 0, lower = 0
            for j in i..<end {
                let c = caseOf(units[j])
                if c > 0 { upper += 1 } else if c < 0 { lower += 1 }
            }
            let caps = fieldCaps || (upper >= 2 && lower == 0)
            for j in i..<end {
                if let kept = others[j] { out.append(kept); continue }
                let mapped = tcvn3Decode[Int(units[j])]
                if mapped == 0 {
                    out.append(Unicode.Scalar(CodePages.windows1252[Int(units[j])])!)
                } else if caps, let info = VietnameseLetters.info[mapped], !info.isUpper {
                    out.append(contentsOf: String(Unicode.Scalar(mapped)!).uppercased().unicodeScalars)
                } else {
                    out.append(Unicode.Scalar(mapped)!)
                }
            }
            i = end
        }
    }
}
