/// Formula-injection neutralising, and its exact inverse.
///
/// A spreadsheet opening a CSV file runs a cell that starts with `=`, `+`,
/// `-` or `@` as a formula (`=HYPERLINK(…)`, `=cmd|…`), and some also act on a
/// leading tab or carriage return. The writer therefore prefixes such *text*
/// with an apostrophe, which makes every spreadsheet show it as text.
/// Numbers are never touched: `-5` stays `-5`.
///
/// Text that already starts with `'` is prefixed too, so `unneutralize`
/// (drop exactly one leading `'`) gives back exactly what was written, for
/// every text:
///
///     CSVText.unneutralize(CSVText.neutralize(t)) == t
public enum CSVText {
    /// The first characters that make a text field dangerous (or, for `'`,
    /// ambiguous).
    public static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "'"]

    /// True when `text` must be prefixed with `'` before it is written.
    public static func needsNeutralizing(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return triggers.contains(first)
    }

    /// The text as the writer puts it in a file: `'` + text when it starts
    /// with `=`, `+`, `-`, `@`, tab, carriage return or `'`; otherwise unchanged.
    ///
    ///     neutralize("=SUM(A1)")      // "'=SUM(A1)"
    ///     neutralize("- Phát triển")  // "'- Phát triển"
    ///     neutralize("'abc")          // "''abc"
    ///     neutralize("Tổng số")       // "Tổng số"
    public static func neutralize(_ text: String) -> String {
        needsNeutralizing(text) ? "'" + text : text
    }

    /// Undoes `neutralize`: drops one leading `'`, if there is one.
    public static func unneutralize(_ text: String) -> String {
        guard text.unicodeScalars.first == "'" else { return text }
        return String(text.unicodeScalars.dropFirst())
    }
}
