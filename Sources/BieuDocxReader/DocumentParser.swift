import BieuCore
import BieuXLSXReader

/// One `w:tc` as read: where it starts in the table's column grid, how many
/// grid columns it spans, its vertical merge, and its text.
struct RawCell: Equatable {
    enum VerticalMerge: Equatable { case none, restart, `continue` }
    var column: Int
    var span: Int
    var merge: VerticalMerge
    var text: String
}

/// One `w:tr`.
struct RawRow: Equatable {
    var cells: [RawCell] = []
    /// `w:tblHeader`: Word repeats the row at the top of every page.
    var isHeader = false

    /// The row's texts by starting column, whitespace collapsed; empty cells left out.
    var signature: [Int: String] {
        var out: [Int: String] = [:]
        for c in cells where c.merge != .continue {
            let words = c.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !words.isEmpty { out[c.column] = words }
        }
        return out
    }

    var isBlank: Bool { signature.isEmpty }
}

/// One top-level `w:tbl` of the document body.
struct RawTable: Equatable {
    /// Counted from 1 over the document's top-level tables.
    var ordinal: Int
    /// `w:tblGrid`'s column widths (twips).
    var gridWidths: [Int] = []
    var rows: [RawRow] = []
    /// Text (a paragraph that is not empty) stands between the previous table and this one.
    var textBefore = false
    /// Rows (from 1) and columns (from 0) of cells holding a nested table, which is not read.
    var nested: [(row: Int, column: Int)] = []

    var columnCount: Int { max(gridWidths.count, rows.map { $0.cells.last.map { $0.column + $0.span } ?? 0 }.max() ?? 0) }

    static func == (a: RawTable, b: RawTable) -> Bool {
        a.ordinal == b.ordinal && a.gridWidths == b.gridWidths && a.rows == b.rows && a.textBefore == b.textBefore
            && a.nested.map(\.row) == b.nested.map(\.row) && a.nested.map(\.column) == b.nested.map(\.column)
    }
}

/// Reads the tables out of `word/document.xml` with the XLSX reader's
/// hardened scanner, in one pass.
///
/// - Text is the `w:t` of runs, joined whatever formatting splits them;
///   `w:tab` is a tab, `w:br` and `w:cr` a line break (`\n`), `w:noBreakHyphen`
///   a hyphen; a cell's paragraphs are joined with `\n` (empty paragraphs at
///   its start and end dropped).
/// - Tracked changes as they would print once accepted: `w:ins` and `w:moveTo`
///   kept, `w:del`, `w:moveFrom` and rows marked deleted left out.
/// - Left out as well: field codes (`w:instrText`; the field's shown result is
///   read), drawings, text boxes and VML (`w:drawing`, `w:pict`, `w:object`),
///   the fallback of `mc:AlternateContent`, and the properties' own elements.
/// - A table inside a cell is not read: the cell keeps its own text and the
///   place is recorded (`RawTable.nested`) for a note.
struct DocumentParser {
    let scanner: XMLScanner
    let limits: XLSXLimits

    private enum Skipped {
        /// Elements whose content is not text of the document as printed.
        static func isSkipped(_ s: XMLScanner) -> Bool {
            s.nameIs("del") || s.nameIs("moveFrom") || s.nameIs("instrText") || s.nameIs("delText") || s.nameIs("delInstrText")
                || s.nameIs("drawing") || s.nameIs("pict") || s.nameIs("object") || s.nameIs("Fallback")
                || s.nameIs("pPr") || s.nameIs("rPr") || s.nameIs("tblPr") || s.nameIs("sectPr") || s.nameIs("tblPrEx")
                || s.nameIs("footnoteReference") || s.nameIs("endnoteReference") || s.nameIs("commentReference")
        }
    }

    /// The document's top-level tables, in order.
    func parse() throws(DocxError) -> [RawTable] {
        do {
            return try run()
        } catch let error as DocxError {
            throw error
        } catch let error as XLSXError {
            throw DocxError(error, file: scanner.file)
        } catch {
            throw .cannotOpen(file: scanner.file, reason: "\(error)")
        }
    }

    /// Throws `XLSXError` (the scanner's) and `DocxError` (the tables').
    private func run() throws -> [RawTable] {
        var tables: [RawTable] = []
        var table: RawTable?
        var row: RawRow?
        var rowDeleted = false
        var cell: RawCell?
        var cellParagraphs: [[UInt8]] = []
        var cellBytes = 0
        var paragraph: [UInt8] = []
        var piece: [UInt8] = []
        var inParagraph = false
        var inRun = false
        var inText = false
        var textBefore = false
        var column = 0
        var first = true
        let file = scanner.file

        func intValue(_ s: String?) -> Int? { s.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

        func finishParagraph() {
            if cell != nil {
                cellBytes += paragraph.count + 1
                cellParagraphs.append(paragraph)
            }
            paragraph.removeAll(keepingCapacity: true)
        }

        while true {
            let token = try scanner.next()
            switch token {
            case .eof:
                return tables
            case .text:
                if inText {
                    // Token by token, so that a cell's whole text is checked against the limit here.
                    piece.removeAll(keepingCapacity: true)
                    try scanner.appendText(to: &piece)
                    guard cell != nil else {
                        // Outside the tables only whether there is text matters (nothing is kept).
                        if table == nil && piece.contains(where: { $0 > 0x20 }) { textBefore = true }
                        continue
                    }
                    paragraph += piece
                    if cell != nil, cellBytes + paragraph.count > limits.maxTextBytes, let t = table {
                        throw DocxError.cellTextTooLong(file: file, table: t.ordinal, row: t.rows.count + 1, column: cell?.column ?? 0,
                                                        limit: limits.maxTextBytes)
                    }
                }
            case .start:
                if first {
                    first = false
                    guard scanner.nameIs("document") else {
                        throw DocxError.xml(file: file, entry: scanner.entryName, offset: scanner.offset,
                                            problem: .unexpectedRoot(expected: "w:document", found: scanner.name))
                    }
                    continue
                }
                if scanner.nameIs("tbl") {
                    if table != nil {
                        // A table inside a cell: its place is noted, its content not read.
                        if cell != nil, var t = table { t.nested.append((t.rows.count + 1, cell?.column ?? 0)); table = t }
                        if !scanner.selfClosing { try scanner.skipElement() }
                        continue
                    }
                    if inParagraph { finishParagraph(); inParagraph = false }
                    table = RawTable(ordinal: tables.count + 1, textBefore: textBefore)
                    if scanner.selfClosing { tables.append(table!); table = nil; textBefore = false }
                    continue
                }
                if table != nil && row != nil && cell == nil && scanner.nameIs("del") {
                    // A row deleted with tracked changes (`w:trPr/w:del`).
                    rowDeleted = true
                    if !scanner.selfClosing { try scanner.skipElement() }
                    continue
                }
                if Skipped.isSkipped(scanner) {
                    if !scanner.selfClosing { try scanner.skipElement() }
                    continue
                }
                guard table != nil else {
                    if scanner.nameIs("p") { inParagraph = !scanner.selfClosing; paragraph.removeAll(keepingCapacity: true) }
                    else if scanner.nameIs("r") { inRun = !scanner.selfClosing }
                    else if scanner.nameIs("t") { inText = inRun && !scanner.selfClosing }
                    continue
                }
                if scanner.nameIs("gridCol") {
                    table!.gridWidths.append(intValue(try scanner.attribute("w")) ?? 0)
                } else if scanner.nameIs("tr") {
                    row = RawRow()
                    rowDeleted = false
                    column = 0
                    if scanner.selfClosing { table!.rows.append(row!); row = nil }
                } else if row != nil && cell == nil && (scanner.nameIs("gridBefore") || scanner.nameIs("gridAfter") || scanner.nameIs("tblHeader") || scanner.nameIs("trPr")) {
                    if scanner.nameIs("gridBefore"), let n = intValue(try scanner.attribute("val")), n > 0 {
                        guard n <= limits.maxCellsPerRow else {
                            throw DocxError.tooManyColumns(file: file, table: table!.ordinal, row: table!.rows.count + 1, limit: limits.maxCellsPerRow)
                        }
                        column = n
                    } else if scanner.nameIs("tblHeader") {
                        let v = try scanner.attribute("val")
                        row!.isHeader = v == nil || v == "1" || v == "true" || v == "on"
                    }
                    // trPr's other children (cantSplit, trHeight, w:del) come through here or below.
                } else if scanner.nameIs("tc") {
                    cell = RawCell(column: column, span: 1, merge: .none, text: "")
                    cellParagraphs.removeAll()
                    cellBytes = 0
                    if scanner.selfClosing {
                        row?.cells.append(cell!)
                        column += 1
                        cell = nil
                    }
                } else if cell != nil && scanner.nameIs("gridSpan") {
                    let n = intValue(try scanner.attribute("val")) ?? 1
                    cell!.span = max(1, min(n, limits.maxCellsPerRow))
                } else if cell != nil && scanner.nameIs("vMerge") {
                    cell!.merge = (try scanner.attribute("val")) == "restart" ? .restart : .continue
                } else if cell != nil && scanner.nameIs("cellDel") {
                    cell!.merge = .continue
                } else if scanner.nameIs("p") {
                    inParagraph = !scanner.selfClosing
                    paragraph.removeAll(keepingCapacity: true)
                    if scanner.selfClosing { finishParagraph() }
                } else if scanner.nameIs("r") {
                    inRun = !scanner.selfClosing
                } else if inRun && scanner.nameIs("t") {
                    inText = !scanner.selfClosing
                } else if inRun && scanner.nameIs("tab") {
                    paragraph.append(0x09)
                } else if inRun && (scanner.nameIs("br") || scanner.nameIs("cr")) {
                    paragraph.append(0x0A)
                } else if inRun && scanner.nameIs("noBreakHyphen") {
                    paragraph.append(UInt8(ascii: "-"))
                }
            case .end:
                if scanner.nameIs("t") { inText = false }
                else if scanner.nameIs("r") { inRun = false }
                else if scanner.nameIs("p") { if inParagraph { finishParagraph() }; inParagraph = false }
                else if table == nil { continue }
                else if scanner.nameIs("tc"), var c = cell {
                    if inParagraph { finishParagraph(); inParagraph = false }
                    while cellParagraphs.first?.isEmpty == true { cellParagraphs.removeFirst() }
                    while cellParagraphs.last?.isEmpty == true { cellParagraphs.removeLast() }
                    var bytes: [UInt8] = []
                    for (i, p) in cellParagraphs.enumerated() {
                        if i > 0 { bytes.append(0x0A) }
                        bytes += p
                    }
                    c.text = try scanner.makeString(bytes)
                    guard c.column + c.span <= limits.maxCellsPerRow else {
                        throw DocxError.tooManyColumns(file: file, table: table!.ordinal, row: table!.rows.count + 1, limit: limits.maxCellsPerRow)
                    }
                    row?.cells.append(c)
                    column = c.column + c.span
                    cell = nil
                } else if scanner.nameIs("tr"), let r = row {
                    if !rowDeleted { table!.rows.append(r) }
                    row = nil
                } else if scanner.nameIs("tbl"), let t = table {
                    tables.append(t)
                    table = nil
                    textBefore = false
                }
            }
        }
    }
}
