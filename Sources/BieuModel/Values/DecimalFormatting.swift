import Foundation

/// Renders Decimals as text, in the plain (`41160.5`) or the Vietnamese
/// (`41.160,5`) number style, and rounds them the way Excel's `ROUND` does.
public enum DecimalFormatting {
    /// `41160.5`, `-0.25`, `100` — no grouping, `.` as decimal point, no exponent.
    public static func plain(_ d: Decimal) -> String {
        if let fast = DecimalDigits(d)?.plain { return fast }
        var s = d.description
        if s.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            // Foundation never uses exponents for Decimal, but stay safe.
            s = NSDecimalNumber(decimal: d).stringValue
        }
        return s
    }

    /// Reads a plain decimal literal (`-12.50`, `41160`, `1e3`) exactly; nil when
    /// malformed or not representable without losing digits.
    public static func parseLiteral(_ literal: String) -> Decimal? { ExactDecimal.parse(literal) }

    /// Rounds half away from zero to `scale` decimals (Excel's `ROUND`).
    public static func rounded(_ d: Decimal, scale: Int) -> Decimal {
        var input = d
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// Formats with exactly `decimals` digits after the point (nil: as many as the value has),
    /// grouping the integer part in threes.
    ///
    /// - Parameters:
    ///   - groupSeparator: `.` in the Vietnamese style, `,` in English, nil for none.
    ///   - decimalSeparator: `,` in the Vietnamese style, `.` in English/plain.
    public static func format(_ d: Decimal, decimals: Int?, groupSeparator: Character?, decimalSeparator: Character) -> String {
        let value = decimals.map { rounded(d, scale: $0) } ?? d
        var text = plain(value)
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        var intPart = Substring(text), frac = Substring("")
        if let dot = text.firstIndex(of: ".") {
            intPart = text[..<dot]
            frac = text[text.index(after: dot)...]
        }
        var fracText = String(frac)
        // Negative decimals round to tens, hundreds… (like ROUND(x; -1)) and print no fraction.
        if let decimals = decimals.map({ max(0, $0) }) {
            if fracText.count < decimals { fracText += String(repeating: "0", count: decimals - fracText.count) }
            if fracText.count > decimals { fracText = String(fracText.prefix(decimals)) }
        }
        var grouped = ""
        if let sep = groupSeparator {
            for (i, ch) in intPart.enumerated() {
                if i > 0 && (intPart.count - i) % 3 == 0 { grouped.append(sep) }
                grouped.append(ch)
            }
        } else {
            grouped = String(intPart)
        }
        let isZero = value == 0
        return (negative && !isZero ? "-" : "") + grouped + (fracText.isEmpty ? "" : String(decimalSeparator) + fracText)
    }

    /// Vietnamese style: `41.160`, `31,4`, `2.202,34`.
    public static func vietnamese(_ d: Decimal, decimals: Int? = nil) -> String {
        format(d, decimals: decimals, groupSeparator: ".", decimalSeparator: ",")
    }

    /// The number of digits after the decimal point in the value as stored.
    public static func scale(of d: Decimal) -> Int {
        if let digits = DecimalDigits(d) { return digits.scale }
        let s = plain(d)
        guard let dot = s.firstIndex(of: ".") else { return 0 }
        return s.distance(from: dot, to: s.endIndex) - 1
    }
}

extension Decimal {
    /// The nearest `Double`, correctly rounded (Foundation's `NSDecimalNumber.doubleValue`
    /// is not: it turns 51.82 into 51.82000000000001).
    public var correctlyRoundedDouble: Double {
        if let exact = DecimalDigits(self)?.exactDouble { return exact }
        return Double(DecimalFormatting.plain(self)) ?? NSDecimalNumber(decimal: self).doubleValue
    }
}

/// A `Decimal` whose mantissa fits in 64 bits, as sign, mantissa and power of
/// ten: the common case (every value a report holds) made cheap. Foundation's
/// `description` divides a 128-bit mantissa digit by digit (about 18,000
/// instructions a value); this gives the same text for a tenth of that. Read
/// through `Decimal`'s public interface only (`isNaN`, `isZero`, `sign`,
/// `exponent`, `significand`, `NSDecimalNumber`'s `uint64Value`); wider
/// mantissas and NaN give nil and the callers use Foundation.
struct DecimalDigits {
    let mantissa: UInt64
    let exponent: Int
    let negative: Bool

    private static let largestMantissa = Decimal(UInt64.max)

    init?(_ d: Decimal) {
        guard !d.isNaN else { return nil }
        if d.isZero { (mantissa, exponent, negative) = (0, 0, false); return }
        // The significand is the mantissa as a whole number (exponent 0, positive).
        let significand = d.significand
        guard significand <= DecimalDigits.largestMantissa else { return nil }
        let m = NSDecimalNumber(decimal: significand).uint64Value
        guard m != 0 else { return nil }
        (mantissa, exponent, negative) = (m, d.exponent, d.sign == .minus)
    }

    /// Digits after the decimal point, as `description` prints the value.
    var scale: Int { mantissa == 0 ? 0 : max(0, -exponent) }

    /// The text `Decimal.description` gives: `41160.5`, `-0.25`, `0.00001`, `1200`.
    var plain: String {
        if mantissa == 0 { return "0" }
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var m = mantissa
        while m > 0 { digits.append(UInt8(truncatingIfNeeded: m % 10) &+ 48); m /= 10 }
        digits.reverse()
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + abs(exponent) + 3)
        if negative { out.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            out += digits
            out += repeatElement(UInt8(ascii: "0"), count: exponent)
        } else {
            let point = digits.count + exponent
            if point > 0 {
                out += digits[..<point]
                out.append(UInt8(ascii: "."))
                out += digits[point...]
            } else {
                out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
                out += repeatElement(UInt8(ascii: "0"), count: -point)
                out += digits
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { acc, _ in acc * 10 } }

    /// The correctly rounded `Double` when one multiplication or division gives it
    /// exactly rounded (mantissa below 2^53, power of ten up to 10^22, both exact
    /// in binary); nil otherwise.
    var exactDouble: Double? {
        guard mantissa < (1 << 53), (-22...22).contains(exponent) else { return nil }
        let m = Double(mantissa)
        let v = exponent >= 0 ? m * Self.powersOfTen[exponent] : m / Self.powersOfTen[-exponent]
        return negative ? -v : v
    }
}
