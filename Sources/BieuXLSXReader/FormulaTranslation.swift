import BieuCore

/// Shared formulas (`<f t="shared" si="0" ref="B2:B9">A2*2</f>` followed by
/// `<f t="shared" si="0"/>`): the dependent cells get the master's formula
/// with its relative references moved by the distance between the cells.
enum FormulaTranslation {
    /// Moves every relative A1 reference in `formula` by `rows` and `columns`.
    /// Text in double quotes and quoted sheet names are left alone; `$`-anchored
    /// parts stay; a reference pushed off the grid becomes `#REF!`.
    static func translate(_ formula: String, rows: Int, columns: Int) -> String {
        if rows == 0 && columns == 0 { return formula }
        let b = Array(formula.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        var i = 0
        func isIdent(_ c: UInt8) -> Bool {
            (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c >= 0x80
        }
        func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                // Copy the quoted run ("" or '' inside is an escaped quote).
                out.append(c)
                i += 1
                while i < b.count {
                    out.append(b[i])
                    if b[i] == c {
                        if i + 1 < b.count && b[i + 1] == c { out.append(c); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            let prevIdent = i > 0 && (isIdent(b[i - 1]) || b[i - 1] == UInt8(ascii: "$"))
            if !prevIdent && (isLetter(c) || c == UInt8(ascii: "$")) {
                // Try: $?letters{1,3}$?digits{1,7}, not followed by an identifier char or '(' or '!'.
                var j = i
                let colAbs = b[j] == UInt8(ascii: "$")
                if colAbs { j += 1 }
                let ls = j
                while j < b.count && isLetter(b[j]) && j - ls < 4 { j += 1 }
                let le = j
                let rowAbs = j < b.count && b[j] == UInt8(ascii: "$")
                if rowAbs { j += 1 }
                let ds = j
                while j < b.count && isDigit(b[j]) && j - ds < 8 { j += 1 }
                let de = j
                let nextOK = j >= b.count || !(isIdent(b[j]) || b[j] == UInt8(ascii: "(") || b[j] == UInt8(ascii: "!"))
                if le > ls, le - ls <= 3, de > ds, nextOK,
                   let col = CellAddress.columnIndex(letters: String(decoding: b[ls..<le], as: UTF8.self)),
                   let row = Int(String(decoding: b[ds..<de], as: UTF8.self)), row >= 1, row <= CellAddress.maxRows {
                    let newCol = colAbs ? col : col + columns
                    let newRow = rowAbs ? row - 1 : row - 1 + rows
                    if newCol < 0 || newCol >= CellAddress.maxColumns || newRow < 0 || newRow >= CellAddress.maxRows {
                        out.append(contentsOf: Array("#REF!".utf8))
                    } else {
                        if colAbs { out.append(UInt8(ascii: "$")) }
                        out.append(contentsOf: Array(CellAddress.columnLetters(newCol).utf8))
                        if rowAbs { out.append(UInt8(ascii: "$")) }
                        out.append(contentsOf: Array(String(newRow + 1).utf8))
                    }
                    i = de
                    continue
                }
                // Not a reference: copy the identifier whole so its tail is not mistaken for one.
                var k = i
                if b[k] == UInt8(ascii: "$") { out.append(b[k]); k += 1 }
                while k < b.count && isIdent(b[k]) { out.append(b[k]); k += 1 }
                if k == i { out.append(b[i]); k += 1 }
                i = k
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
