extension String {
    /// The text without tabs, space separators (Unicode Zs) and U+200B at either end:
    /// `trimmingCharacters(in: .whitespaces)` without bridging to `NSString`
    /// (that cost about 8,000 instructions a call, 4 % of an import).
    public func trimmingWhitespace() -> String { trimmingScalars(where: Self.isWhitespace) }

    /// The text without white space or line breaks at either end (also U+000A–U+000D,
    /// U+0085, U+2028, U+2029): `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimmingScalars { Self.isWhitespace($0) || Self.isNewline($0) }
    }

    private static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value == 0x20 || s.value == 0x09 }
        // Foundation's set (swift-corelibs-foundation) also holds the zero width space.
        return s.value == 0x200B || s.properties.generalCategory == .spaceSeparator
    }

    private static func isNewline(_ s: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(s.value) || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029
    }

    /// Scalar by scalar, as Foundation trims (a combining mark after a trimmed space stays).
    private func trimmingScalars(where trimmed: (Unicode.Scalar) -> Bool) -> String {
        let utf8 = self.utf8
        // An ASCII first and last byte that is not trimmed leaves nothing to trim.
        if let f = utf8.first, let l = utf8.last, f < 0x80, l < 0x80,
           !trimmed(Unicode.Scalar(f)), !trimmed(Unicode.Scalar(l)) { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }),
              let last = scalars.lastIndex(where: { !trimmed($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
