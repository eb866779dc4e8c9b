import BieuModel
import Foundation

/// What the text of a number cell says about how to store it (``WrittenNumber``):
/// the decimals it shows (for the number format) and a plain literal of its value
/// (for the double written to the file).
struct NumberText {
    /// Digits after the decimal point in the text as written.
    var decimals: Int
    /// `41160`, `41.16`, `-2202.34` — the value in plain notation, when the text shows it.
    var literal: String?

    /// Reads the leading number of `text` the way `value` was decided
    /// (for an ambiguous `41.160`, grouping if `value` is 41160, decimal point if 41.16).
    init(_ text: String, value: Decimal) {
        let written = WrittenNumber(text, value: value)
        decimals = written.decimals
        literal = written.literal
    }

    /// The value in the Vietnamese style with the text's decimals (`41.160`, `2.202,34`),
    /// built from the literal without decimal arithmetic.
    var vietnamese: String? {
        guard let literal else { return nil }
        // The literal is ASCII (sign, digits, one point): built byte by byte.
        var bytes = Array(literal.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let integer = bytes[..<(point ?? bytes.endIndex)]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 3 + 2)
        // No sign on zero (`-0`, `-0.00`).
        if negative && !bytes.allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) { out.append(UInt8(ascii: "-")) }
        for (i, b) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { out.append(UInt8(ascii: ".")) }
            out.append(b)
        }
        if let point {
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: bytes[(point + 1)...])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The double to store for `value`, and whether it holds the value exactly
    /// (at most 15 significant digits always do).
    static func double(_ value: Decimal, literal: String?) -> (Double, exact: Bool) {
        if let literal, DecimalFormatting.parseLiteral(literal) == value, let d = Double(literal) {
            let significant = literal.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
                .filter { $0 >= 0x30 && $0 <= 0x39 }.count
            if significant <= 15 { return (d, true) }
        }
        let d = value.correctlyRoundedDouble
        return (d, TableGrid.isExactAsDouble(value))
    }
}
