import Foundation

/// Renders Decimals as text, in the plain (`41160.5`) or the Vietnamese
/// (`41.160,5`) number style, and rounds them the way Excel's `ROUND` does.
public enum DecimalFormatting {
    /// `41160.5`, `-0.25`, `100` — no grouping, `.` as decimal point, no exponent.
    public static func plain(_ d: Decimal) -> String {
        var s = d.description
        if s.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            // Foundation never uses exponents for Decimal, but stay safe.
            s = NSDecimalNumber(decimal: d).stringValue
        }
        return s
    }

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
        let s = plain(d)
        guard let dot = s.firstIndex(of: ".") else { return 0 }
        return s.distance(from: dot, to: s.endIndex) - 1
    }
}

extension Decimal {
    /// The nearest `Double`, correctly rounded (Foundation's `NSDecimalNumber.doubleValue`
    /// is not: it turns 51.82 into 51.82000000000001).
    public var correctlyRoundedDouble: Double {
        Double(DecimalFormatting.plain(self)) ?? NSDecimalNumber(decimal: self).doubleValue
    }
}
