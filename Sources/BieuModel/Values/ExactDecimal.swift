import Foundation

/// Turns a decimal literal into a `Decimal` only when that is exact.
///
/// `Decimal(string:)` silently drops digits beyond its 38-digit mantissa
/// (`12345678901234567890123456789012345678901234567890` becomes
/// `12345678901234567890123456789012345678900000000000`), which would change a
/// number without telling anyone. This check compares the literal's digits
/// with the result and refuses any difference.
enum ExactDecimal {
    /// Reads `-12.50`, `41160`, `1e3`, `0.1`, `-0.5E-2` (ASCII, `.` as decimal
    /// point, optional exponent). Nil when the literal is malformed, out of
    /// `Decimal`'s range, or not representable without losing digits.
    static func parse(_ literal: String) -> Decimal? {
        // Fast path: up to 19 significant digits fit a UInt64 significand, and a Decimal
        // built from it is exact by construction (no string round trip needed).
        if let (negative, digits, exponent) = normalized(literal), digits.count <= 19, (-120...120).contains(exponent) {
            var n: UInt64 = 0
            for d in digits { n = n * 10 + UInt64(d - 48) }
            if n == 0 { return Decimal(0) }
            return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(n))
        }
        guard let wanted = normalized(literal),
              let d = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN,
              let got = normalized(DecimalFormatting.plain(d)) else { return nil }
        return wanted == got ? d : nil
    }

    /// The literal as (sign, significant digits, exponent), with leading and
    /// trailing zeros of the digits removed; zero is `(false, "", 0)`.
    private static func normalized(_ literal: String) -> (negative: Bool, digits: [UInt8], exponent: Int)? {
        var bytes = Array(literal.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var exponent = 0
        var seenPoint = false
        var sawDigit = false
        while let b = bytes.first, b != UInt8(ascii: "e"), b != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if b == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if b >= 48 && b <= 57 {
                sawDigit = true
                digits.append(b)
                if seenPoint { exponent -= 1 }
            } else {
                return nil
            }
        }
        guard sawDigit else { return nil }
        if !bytes.isEmpty {
            bytes = bytes.dropFirst() // e / E
            var expNegative = false
            if bytes.first == UInt8(ascii: "-") { expNegative = true; bytes = bytes.dropFirst() }
            else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard !bytes.isEmpty else { return nil }
            var e = 0
            for b in bytes {
                guard b >= 48 && b <= 57 else { return nil }
                // Far beyond Decimal's range either way; stop before overflowing.
                if e > 100_000 { return nil }
                e = e * 10 + Int(b - 48)
            }
            exponent += expNegative ? -e : e
        }
        let firstNonZero = digits.firstIndex { $0 != UInt8(ascii: "0") }
        guard let start = firstNonZero else { return (false, [], 0) }
        var significant = Array(digits[start...])
        while significant.last == UInt8(ascii: "0") {
            significant.removeLast()
            exponent += 1
        }
        return (negative, significant, exponent)
    }
}
