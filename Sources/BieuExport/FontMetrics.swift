/// Text measurement for Times New Roman (via the metric-compatible Liberation
/// Serif widths), used to size rows so wrapped text is never clipped and never
/// overlaps the next row when printed. No spreadsheet writer does this; Excel
/// and LibreOffice only auto-fit rows when a person asks them to.
public enum FontMetrics {
    /// Width of one character in 1/1000 em.
    /// Widths of ASCII characters, regular and bold, for the common case.
    private static let asciiWidths: (regular: [Int], bold: [Int]) = {
        var r = Array(repeating: 540, count: 128), b = Array(repeating: 580, count: 128)
        for (v, reg, bo) in serifWidths where v < 128 { r[Int(v)] = Int(reg); b[Int(v)] = Int(bo) }
        return (r, b)
    }()

    static func width(of scalar: Unicode.Scalar, bold: Bool) -> Int {
        let v = scalar.value
        if v < 128 { return bold ? asciiWidths.bold[Int(v)] : asciiWidths.regular[Int(v)] }
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
        return wrap(text, size: size, bold: bold, available: available).count
    }

    /// The wrapped lines of `text` as index ranges that cover the text exactly
    /// (each line keeps its trailing space or newline), so that joining any
    /// consecutive lines gives back the original substring.
    public static func wrap(_ text: String, size: Double, bold: Bool, available: Double) -> [Range<String.Index>] {
        guard !text.isEmpty else { return [text.startIndex..<text.endIndex] }
        // Work in 1/1000 em on scalars; `limit` is the line width in the same unit.
        let limit = Int((available * 1000 / size).rounded(.down))
        let space = width(of: " ", bold: bold)
        let scalars = text.unicodeScalars
        var lines: [Range<String.Index>] = []
        var lineStart = scalars.startIndex
        var used = 0
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            if c == "\n" {
                let next = scalars.index(after: i)
                lines.append(lineStart..<next)
                lineStart = next
                used = 0
                i = next
                continue
            }
            if c == " " {
                used += space
                i = scalars.index(after: i)
                continue
            }
            // A word: up to the next space or newline.
            var end = i
            var w = 0
            while end < scalars.endIndex, scalars[end] != " ", scalars[end] != "\n" {
                w += width(of: scalars[end], bold: bold)
                end = scalars.index(after: end)
            }
            if used + w <= limit {
                used += w
                i = end
                continue
            }
            if lineStart < i && used > 0 {
                // Break before this word (the spaces stay on the previous line).
                lines.append(lineStart..<i)
                lineStart = i
                used = 0
            }
            // A word wider than a line is broken between characters.
            var j = i
            var lineW = 0
            while j < end {
                let cw = width(of: scalars[j], bold: bold)
                if lineW + cw > limit && lineW > 0 {
                    lines.append(lineStart..<j)
                    lineStart = j
                    lineW = 0
                }
                lineW += cw
                j = scalars.index(after: j)
            }
            used = lineW
            i = end
        }
        if lineStart < scalars.endIndex || lines.isEmpty { lines.append(lineStart..<scalars.endIndex) }
        return lines
    }

    /// Height of one line of text in points (ascent + descent + gap of Times New Roman,
    /// rounded up the way spreadsheet programs lay out lines).
    public static func lineHeight(size: Double) -> Double {
        size * (serifAscent + serifDescent + serifLineGap)
    }

    /// Printable width inside a column of `width` Excel character units, in points.
    ///
    /// Excel measures column widths in digits of the workbook's default font
    /// (Calibri 11: 7 px a digit plus 5 px padding); the cell keeps about 2 px
    /// of margin each side. A safety factor covers font substitution differences.
    public static func usableWidth(columnWidth: Double) -> Double {
        let pixels = (columnWidth * 7 + 5).rounded(.down)
        return max((pixels - 5) * 0.75 * 0.96, 1)
    }

    /// Row height in points that shows `lines` lines at `size`, with top and bottom padding.
    public static func rowHeight(lines: Int, size: Double) -> Double {
        let h = Double(lines) * lineHeight(size: size) + 2.5
        return (h * 4).rounded(.up) / 4
    }

    /// Excel's limit on one row's height, in points.
    public static let maxRowHeight = 409.0
}
