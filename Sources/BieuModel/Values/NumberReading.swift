import Foundation

/// How a run of digits and separators reads as a number.
///
/// Vietnamese writes `41.160` for forty-one thousand one hundred and sixty and
/// `31,4` for thirty-one point four; text copied from English software writes
/// `2,202.34` and `48.1`. Both conventions occur in the same table, so each
/// token is read on its own:
///
/// - one separator followed by exactly three digits, with one to three
///   non-zero-led digits before it (`1.022`, `41.160`, `600,000`), is
///   **ambiguous**: grouping or decimal point;
/// - one separator followed by any other number of digits is a decimal point
///   (`48.1`, `31,4`, `51.82`, `16.90`, `0.500`);
/// - the same separator repeated is grouping (`1.234.567`);
/// - two different separators: the last one is the decimal point and the
///   other must group in threes (`1.234,5`, `2,202.34`);
/// - single spaces may group in threes when the token is the whole cell (`41 160`).
public enum NumberReading: Sendable, Hashable {
    /// Exactly one reading.
    case exact(Decimal)
    /// Two readings: the separator as grouping (thousands) or as a decimal point.
    case ambiguous(thousands: Decimal, decimal: Decimal)

    /// Reads a complete token (sign, digits, `.`/`,` separators). Returns nil
    /// when the token is not a well-formed number in either convention, or
    /// has more significant digits than `Decimal` holds exactly (38).
    public static func read<S: StringProtocol>(_ token: S) -> NumberReading? {
        var bytes = Array(token.utf8)
        var negative = false
        // Leading sign: '-', '+', or U+2212 MINUS SIGN (E2 88 92).
        if bytes.first == UInt8(ascii: "-") {
            negative = true; bytes.removeFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes.removeFirst()
        } else if bytes.count >= 3, bytes[0] == 0xE2, bytes[1] == 0x88, bytes[2] == 0x92 {
            negative = true; bytes.removeFirst(3)
        }
        guard !bytes.isEmpty else { return nil }

        // Space grouping: "41 160", "1 234 567,5"
        if bytes.contains(UInt8(ascii: " ")) {
            let parts = bytes.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard parts.count >= 2, let first = parts.first, (1...3).contains(first.count),
                  first.allSatisfy(isDigit) else { return nil }
            var digits = Array(first)
            for (i, part) in parts.dropFirst().enumerated() {
                let isLast = i == parts.count - 2
                if isLast, part.count > 3, part.prefix(3).allSatisfy(isDigit),
                   part[part.startIndex + 3] == UInt8(ascii: ",") || part[part.startIndex + 3] == UInt8(ascii: ".") {
                    let frac = part.dropFirst(4)
                    guard !frac.isEmpty, frac.allSatisfy(isDigit) else { return nil }
                    digits += part.prefix(3)
                    return decimal(negative: negative, integer: digits, fraction: Array(frac)).map { .exact($0) }
                }
                guard part.count == 3, part.allSatisfy(isDigit) else { return nil }
                digits += part
            }
            return decimal(negative: negative, integer: digits, fraction: []).map { .exact($0) }
        }

        var dots = 0, commas = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: ","): commas += 1
            case 48...57: break
            default: return nil
            }
        }
        if dots == 0 && commas == 0 {
            return decimal(negative: negative, integer: bytes, fraction: []).map { .exact($0) }
        }
        if dots > 0 && commas > 0 {
            // The last separator is the decimal point; the other groups.
            guard let lastSep = bytes.lastIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }) else { return nil }
            let decimalSep = bytes[lastSep]
            let groupSep: UInt8 = decimalSep == UInt8(ascii: ".") ? UInt8(ascii: ",") : UInt8(ascii: ".")
            let intPart = Array(bytes[..<lastSep])
            let frac = Array(bytes[(lastSep + 1)...])
            guard !frac.isEmpty, frac.allSatisfy(isDigit), !intPart.contains(decimalSep),
                  let digits = grouped(intPart, separator: groupSep) else { return nil }
            return decimal(negative: negative, integer: digits, fraction: frac).map { .exact($0) }
        }
        let sep: UInt8 = dots > 0 ? UInt8(ascii: ".") : UInt8(ascii: ",")
        let count = max(dots, commas)
        if count >= 2 {
            guard let digits = grouped(bytes, separator: sep) else { return nil }
            return decimal(negative: negative, integer: digits, fraction: []).map { .exact($0) }
        }
        let idx = bytes.firstIndex(of: sep)!
        let before = Array(bytes[..<idx]), after = Array(bytes[(idx + 1)...])
        guard !after.isEmpty else { return nil }
        let intDigits = before.isEmpty ? [UInt8(ascii: "0")] : before
        if after.count == 3, (1...3).contains(before.count), before.first != UInt8(ascii: "0") {
            guard let thousands = decimal(negative: negative, integer: before + after, fraction: []),
                  let point = decimal(negative: negative, integer: before, fraction: after) else { return nil }
            return .ambiguous(thousands: thousands, decimal: point)
        }
        return decimal(negative: negative, integer: intDigits, fraction: after).map { .exact($0) }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Digits of an integer part grouped in threes by `separator`, or nil.
    private static func grouped(_ bytes: [UInt8], separator: UInt8) -> [UInt8]? {
        let groups = bytes.split(separator: separator, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count), first.allSatisfy(isDigit) else { return nil }
        if groups.count > 1 && first.first == UInt8(ascii: "0") { return nil }
        var digits = Array(first)
        for g in groups.dropFirst() {
            guard g.count == 3, g.allSatisfy(isDigit) else { return nil }
            digits += g
        }
        return digits
    }

    /// Builds an exact Decimal from ASCII digits, without going through Double.
    /// Nil when `Decimal` cannot hold the number exactly (more than 38
    /// significant digits): such a token is not read as a number at all.
    static func decimal(negative: Bool, integer: [UInt8], fraction: [UInt8]) -> Decimal? {
        // Fast path, the very construction ExactDecimal.parse makes for up to 19 significant
        // digits, without building the literal first.
        let total = integer.count + fraction.count
        func digit(_ i: Int) -> UInt8 { i < integer.count ? integer[i] : fraction[i - integer.count] }
        if total > 0, integer.allSatisfy(isDigit), fraction.allSatisfy(isDigit) {
            var first = 0
            while first < total && digit(first) == UInt8(ascii: "0") { first += 1 }
            if first == total { return Decimal(0) }
            var last = total - 1
            while digit(last) == UInt8(ascii: "0") { last -= 1 }
            let exponent = (total - 1 - last) - fraction.count
            if last - first < 19, (-120...120).contains(exponent) {
                var n: UInt64 = 0
                for i in first...last { n = n * 10 + UInt64(digit(i) - 48) }
                return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(n))
            }
        }
        var text = negative ? "-" : ""
        text += String(decoding: integer, as: UTF8.self)
        if !fraction.isEmpty { text += "." + String(decoding: fraction, as: UTF8.self) }
        return ExactDecimal.parse(text)
    }
}
