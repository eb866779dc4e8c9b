/// The two Windows "ANSI" code pages the reader needs, built from Microsoft's
/// published mappings (CP1252.TXT, CP1258.TXT). Foundation on Linux has no
/// Windows-1258, so the tables live here; a test compares them with Python's
/// `cp1252`/`cp1258` codecs byte by byte.
///
/// Bytes a code page leaves undefined (0x81, 0x8D, … ) decode to the C1
/// control character of the same number, as Windows itself does, so no byte
/// is ever lost or turned into U+FFFD.
enum CodePages {
    /// Windows-1252 bytes 0x80…0x9F (0 = undefined). 0xA0…0xFF are Latin-1.
    static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Windows-1258 differs from Windows-1252 in these bytes (0 = undefined).
    /// 0xCC, 0xD2, 0xDE, 0xEC, 0xF2 are the five combining tone marks:
    /// grave, hook above, tilde, acute, dot below.
    static let cp1258Differences: [(UInt8, UInt32)] = [
        (0x8A, 0), (0x8E, 0), (0x9A, 0), (0x9E, 0),
        (0xC3, 0x0102), (0xCC, 0x0300), (0xD0, 0x0110), (0xD2, 0x0309), (0xD5, 0x01A0),
        (0xDD, 0x01AF), (0xDE, 0x0303), (0xE3, 0x0103), (0xEC, 0x0301), (0xF0, 0x0111),
        (0xF2, 0x0323), (0xF5, 0x01A1), (0xFD, 0x01B0), (0xFE, 0x20AB),
    ]

    /// Byte → Unicode scalar for Windows-1252, all 256 bytes.
    static let windows1252: [UInt32] = {
        var table = (0..<256).map { UInt32($0) }
        for i in 0..<32 where cp1252High[i] != 0 { table[0x80 + i] = cp1252High[i] }
        return table
    }()

    /// Byte → Unicode scalar for Windows-1258, all 256 bytes.
    static let windows1258: [UInt32] = {
        var table = windows1252
        for (byte, scalar) in cp1258Differences { table[Int(byte)] = scalar == 0 ? UInt32(byte) : scalar }
        return table
    }()

    /// True for bytes a code page does not define (they decode to C1 controls).
    static func isUndefined(_ byte: UInt8, in encoding: CSVEncoding) -> Bool {
        guard byte >= 0x80 && byte <= 0x9F else { return false }
        switch encoding {
        case .windows1252: return cp1252High[Int(byte - 0x80)] == 0
        case .windows1258:
            if let diff = cp1258Differences.first(where: { $0.0 == byte }) { return diff.1 == 0 }
            return cp1252High[Int(byte - 0x80)] == 0
        default: return false
        }
    }

    /// The Windows-1252 byte of a scalar, if it has one: the inverse of
    /// `windows1252`. This is how text already decoded (Latin-1 or
    /// Windows-1252 characters) is taken back to the bytes a legacy font saw.
    @inline(__always)
    static func windows1252Byte(of scalar: UInt32) -> UInt8? {
        if scalar < 0x80 || (scalar >= 0xA0 && scalar <= 0xFF) { return UInt8(scalar) }
        if scalar >= 0x80 && scalar <= 0x9F { return UInt8(scalar) } // C1 controls stand for undefined bytes
        switch scalar {
        case 0x20AC: return 0x80
        case 0x201A: return 0x82
        case 0x0192: return 0x83
        case 0x201E: return 0x84
        case 0x2026: return 0x85
        case 0x2020: return 0x86
        case 0x2021: return 0x87
        case 0x02C6: return 0x88
        case 0x2030: return 0x89
        case 0x0160: return 0x8A
        case 0x2039: return 0x8B
        case 0x0152: return 0x8C
        case 0x017D: return 0x8E
        case 0x2018: return 0x91
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        case 0x2022: return 0x95
        case 0x2013: return 0x96
        case 0x2014: return 0x97
        case 0x02DC: return 0x98
        case 0x2122: return 0x99
        case 0x0161: return 0x9A
        case 0x203A: return 0x9B
        case 0x0153: return 0x9C
        case 0x017E: return 0x9E
        case 0x0178: return 0x9F
        default: return nil
        }
    }
}
