import Foundation

/// The number written at the start of a cell text, as a person reads it: how
/// many decimals the text shows, and its value in plain notation. The one home
/// of "how many decimals does this text show" (export number formats, the
/// rounding of computed checks, fillable workbooks' kept values); the decimals
/// of a value as stored are ``DecimalFormatting/scale(of:)``.
///
/// `41.160` is ambiguous: with `value` 41160 (or no value) the point groups
/// thousands and the text shows no decimals; with 41.16 it shows three.
public struct WrittenNumber: Sendable, Equatable {
    /// Digits after the decimal point in the text as written (at most 30).
    public var decimals: Int
    /// `41160`, `41.16`, `-2202.34`: the value in plain notation; nil when the text
    /// does not start with a number (after spaces and a sign).
    public var literal: String?

    /// Reads the leading number of `text` (spaces, then `-`, `+` or `−`, then digits and
    /// `.`/`,` separators), deciding an ambiguous separator by `value` when given.
    public init(_ text: String, value: Decimal? = nil) {
        var bytes = Array(text.utf8)[...]
        while let b = bytes.first, b == 0x20 { bytes = bytes.dropFirst() }
        var negative = false
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
            negative = bytes.first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        } else if bytes.starts(with: [0xE2, 0x88, 0x92]) { // U+2212 minus sign
            negative = true
            bytes = bytes.dropFirst(3)
        }
        var digits: [UInt8] = []
        var separators: [(byte: UInt8, position: Int)] = [] // position = digits before it
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { digits.append(b); continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") { separators.append((b, digits.count)); continue }
            break
        }
        guard !digits.isEmpty else { decimals = 0; literal = nil; return }
        var pointAt: Int? // digits before the decimal point
        if let last = separators.last {
            let twoKinds = separators.contains { $0.byte != last.byte }
            if twoKinds {
                pointAt = last.position
            } else if separators.count == 1 {
                let after = digits.count - last.position
                if after == 3 && (1...3).contains(last.position) && digits[0] != UInt8(ascii: "0") {
                    // Ambiguous: grouping unless the value says it is a decimal point.
                    let whole = Decimal(Int(String(decoding: digits, as: UTF8.self)) ?? 0)
                    pointAt = value.map { $0 == whole || $0 == -whole } ?? true ? nil : last.position
                } else {
                    pointAt = last.position
                }
            }
        }
        var literal = negative ? "-" : ""
        if let p = pointAt {
            literal += p == 0 ? "0" : String(decoding: digits[..<p], as: UTF8.self)
            literal += "." + String(decoding: digits[p...], as: UTF8.self)
        } else {
            literal += String(decoding: digits, as: UTF8.self)
        }
        self.decimals = min(pointAt.map { digits.count - $0 } ?? 0, 30)
        self.literal = literal
    }

    /// Digits after the decimal point that `text` shows (`100,8` → 1, `100` → 0,
    /// `41.160` → 0, `29,2%` → 1, `1.234,5` → 1).
    public static func decimals(in text: String, value: Decimal? = nil) -> Int {
        WrittenNumber(text, value: value).decimals
    }
}
