/// Number formats: the built-in codes (ECMA-376 Part 1, 18.8.30) and date detection.
enum NumberFormats {
    /// Built-in format codes by id. Id 0 (`General`) has no code in `GridCell.numberFormat`.
    static let builtIn: [Int: String] = [
        1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
        9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
        14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
        18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
        37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
        45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
    ]

    /// Built-in ids that are dates or times.
    static func isBuiltInDate(_ id: Int) -> Bool { (14...22).contains(id) || (45...47).contains(id) }

    /// True when a custom format code shows a date or time: it has a date/time
    /// token (`d`, `m`, `y`, `h`, `s`, `e`/`g` era years, `AM/PM`) outside quoted text,
    /// `[…]` sections (colours, conditions, locales), escaped characters (`\x`)
    /// and fill/space characters (`*x`, `_x`). Elapsed-time brackets `[h]`, `[mm]`,
    /// `[ss]` count as time. Only the first section (positive numbers) decides.
    static func isDateFormat(_ code: String) -> Bool {
        let b = Array(code.utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                while i < b.count && b[i] != UInt8(ascii: "\"") { i += 1 }
                i += 1
            case UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"):
                i += 2
            case UInt8(ascii: "["):
                var j = i + 1
                while j < b.count && b[j] != UInt8(ascii: "]") { j += 1 }
                let inner = b[(i + 1)..<min(j, b.count)].map { $0 | 0x20 }
                if !inner.isEmpty && inner.allSatisfy({ $0 == UInt8(ascii: "h") || $0 == UInt8(ascii: "m") || $0 == UInt8(ascii: "s") }) {
                    return true
                }
                i = j + 1
            case UInt8(ascii: ";"):
                return false
            default:
                switch c | 0x20 {
                case UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "s"):
                    return true
                case UInt8(ascii: "e"):
                    // `e` is an era year in dates but an exponent in `0.00E+00`.
                    if i + 1 < b.count && (b[i + 1] == UInt8(ascii: "+") || b[i + 1] == UInt8(ascii: "-")) { i += 2; continue }
                    return true
                case UInt8(ascii: "g"):
                    // `General` is not a date; `g`/`gg`/`ggg` (era) is.
                    if b.count - i >= 7 && String(decoding: b[i..<(i + 7)], as: UTF8.self).lowercased() == "general" { i += 7; continue }
                    return true
                default:
                    i += 1
                }
            }
        }
        return false
    }
}
