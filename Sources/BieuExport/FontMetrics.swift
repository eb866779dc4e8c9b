/// Text measurement for Times New Roman (via the metric-compatible Liberation
/// Serif widths), used to size rows so wrapped text is never clipped and never
/// overlaps the next row when printed. No spreadsheet writer does this; Excel
/// and LibreOffice only auto-fit rows when a person asks them to.
public enum FontMetrics {
    /// Width of one character in 1/1000 em.
    static func width(of scalar: Unicode.Scalar, bold: Bool) -> Int {
        let v = scalar.value
        var lo = 0, hi = serifWidths.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if serifWidths[mid].0 < v { lo = mid + 1 } else { hi = mid }
        }
        if lo < serifWidths.count, serifWidths[lo].0 == v {
            return Int(bold ? serifWidths[lo].2 : serifWidths[lo].1)
        }
        // Combining marks take no width; wide scripts (CJK, emoji) about one em.
        if (0x300...0x36F).contains(v) { return 0 }
        if v >= 0x1100 { return 1000 }
        return bold ? 580 : 540
    }

    /// Width of a text in points at `size`.
    public static func width(_ text: Substring, size: Double, bold: Bool) -> Double {
        var total = 0
        for s in text.unicodeScalars { total += width(of: s, bold: bold) }
        return Double(total) * size / 1000
    }

    /// Number of lines `text` takes when wrapped into `available` points
    /// (greedy word wrap as spreadsheet programs do; a word longer than a line is
    /// broken by characters; explicit newlines start new lines).
    public static func lineCount(_ text: String, size: Double, bold: Bool, available: Double) -> Int {
        guard !text.isEmpty else { return 1 }
        let space = Double(width(of: " ", bold: bold)) * size / 1000
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += 1
            var used = 0.0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = width(word, size: size, bold: bold)
                let needed = used == 0 ? w : used + space + w
                if needed <= available {
                    used = needed
                    continue
                }
                if used > 0 { lines += 1; used = 0 }
                // A word wider than the line is broken by characters.
                while w > available && available > 0 {
                    lines += 1
                    w -= available
                }
                used = w
            }
        }
        return max(lines, 1)
    }

    /// Height of one line of text in points (ascent + descent + gap of Times New Roman,
    /// rounded up the way spreadsheet programs lay out lines).
    public static func lineHeight(size: Double) -> Double {
        size * (serifAscent + serifDescent + serifLineGap) * 1.06
    }

    /// Printable width inside a column of `width` Excel character units, in points.
    ///
    /// Excel measures column widths in digits of the workbook's default font
    /// (Calibri 11: 7 px a digit plus 5 px padding); the cell keeps about 2 px
    /// of margin each side. A safety factor covers font substitution differences.
    public static func usableWidth(columnWidth: Double) -> Double {
        let pixels = (columnWidth * 7 + 5).rounded(.down)
        return max((pixels - 6) * 0.75 * 0.94, 1)
    }

    /// Row height in points that shows `lines` lines at `size`, with top and bottom padding.
    public static func rowHeight(lines: Int, size: Double) -> Double {
        let h = Double(lines) * lineHeight(size: size) + 4
        return (h * 4).rounded(.up) / 4
    }

    /// Excel's limit on one row's height, in points.
    public static let maxRowHeight = 409.0
}
