/// Text measurement for Times New Roman (via the metric-compatible Liberation
/// Serif widths), used to size rows so wrapped text is never clipped and never
/// overlaps the next row when printed. No spreadsheet writer does this; Excel
/// and LibreOffice only auto-fit rows when a person asks them to.
public enum FontMetrics {
    /// Scalars below this value are measured by a table lookup.
    private static let tableLimit = 0x2000

    /// Widths of the scalars below ``tableLimit``, regular and bold, in 1/1000 em: the
    /// defaults of ``width(of:bold:)`` overwritten by the measured widths, so a lookup
    /// gives exactly what the search over ``serifWidths`` gives.
    private static let widthTables: (regular: [UInt16], bold: [UInt16]) = {
        var r = [UInt16](repeating: 540, count: tableLimit), b = [UInt16](repeating: 580, count: tableLimit)
        for v in 0x300...0x36F { r[v] = 0; b[v] = 0 }
        for v in 0x1100..<tableLimit { r[v] = 1000; b[v] = 1000 }
        for (v, reg, bo) in serifWidths where v < tableLimit { r[Int(v)] = reg; b[Int(v)] = bo }
        return (r, b)
    }()

    /// Width of one character in 1/1000 em.
    static func width(of scalar: Unicode.Scalar, bold: Bool) -> Int {
        let v = scalar.value
        if v < tableLimit { return Int(bold ? widthTables.bold[Int(v)] : widthTables.regular[Int(v)]) }
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
        let table = bold ? widthTables.bold : widthTables.regular
        func measure(_ scalar: Unicode.Scalar) -> Int {
            scalar.value < tableLimit ? Int(table[Int(scalar.value)]) : width(of: scalar, bold: bold)
        }
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
                w += measure(scalars[end])
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
                let cw = measure(scalars[j])
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
