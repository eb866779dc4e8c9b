import BieuCore

/// A sheet as the workbook part lists it.
public struct XLSXSheetInfo: Sendable, Hashable {
    /// Position in the workbook's tab order (zero-based).
    public var index: Int
    public var name: String
    public var state: SheetState
    /// The sheet's part in the package (`xl/worksheets/sheet1.xml`); found through relationships.
    public var partName: String
    /// False for chart sheets, dialog sheets and macro sheets, which hold no cells bieu reads.
    public var isWorksheet: Bool
}

/// What `xl/workbook.xml` says.
struct WorkbookPart {
    struct SheetEntry {
        var name: String
        var state: SheetState
        var relationshipId: String
    }

    var sheets: [SheetEntry] = []
    var date1904 = false
    /// Defined names: (name, sheet index for sheet-scoped names, formula text).
    var definedNames: [(name: String, localSheet: Int?, text: String)] = []

    static func parse(_ scanner: XMLScanner) throws(XLSXError) -> WorkbookPart {
        var part = WorkbookPart()
        try scanner.forEachStart(root: { () throws(XLSXError) in
            if scanner.nameIs("workbook") { return }
            if scanner.nameIs("document") || scanner.nameIs("presentation") {
                throw .notAWorkbook(file: scanner.file, detected: .otherOfficeDocument)
            }
            throw scanner.error(.unexpectedRoot(expected: "workbook", found: scanner.name))
        }, element: { () throws(XLSXError) in
            if scanner.nameIs("workbookPr") {
                if let v = try scanner.attribute("date1904") { part.date1904 = v == "1" || v.lowercased() == "true" }
            } else if scanner.nameIs("sheet") {
                guard let name = try scanner.attribute("name"), let rid = try scanner.attribute("id") else {
                    throw scanner.error(.malformed(vi: "trang tính thiếu name hoặc r:id", en: "sheet without name or r:id"))
                }
                let stateText = try scanner.attribute("state") ?? "visible"
                let state: SheetState = stateText == "hidden" ? .hidden : stateText == "veryHidden" ? .veryHidden : .visible
                part.sheets.append(SheetEntry(name: name, state: state, relationshipId: rid))
                if !scanner.selfClosing { try scanner.skipElement() }
            } else if scanner.nameIs("definedName") {
                guard let name = try scanner.attribute("name") else { return }
                let local = try scanner.attribute("localSheetId").flatMap { Int($0) }
                let text = scanner.selfClosing ? "" : try scanner.elementText(xEscapes: false)
                part.definedNames.append((name, local, text))
            }
        })
        return part
    }
}

/// Number formats per cell style (`cellXfs`) from `xl/styles.xml`.
struct StylesPart {
    /// For each cell style index: the format code (nil for General) and whether it is a date format.
    var formats: [String?] = []
    var isDate: [Bool] = []

    static func parse(_ scanner: XMLScanner) throws(XLSXError) -> StylesPart {
        var custom: [Int: String] = [:]
        var xfIds: [Int] = []
        var section = ""   // numFmts, cellXfs, or another top-level child
        var sectionDepth = 0
        while true {
            let t = try scanner.next()
            if t == .eof { break }
            if t == .end {
                if scanner.depth < sectionDepth { section = ""; sectionDepth = 0 }
                continue
            }
            guard t == .start else { continue }
            if scanner.depth == 2 && !scanner.selfClosing || (scanner.depth == 1 && scanner.selfClosing) {
                // A child of <styleSheet>.
                if scanner.nameIs("numFmts") { section = "numFmts" } else if scanner.nameIs("cellXfs") { section = "cellXfs" } else { section = "other" }
                sectionDepth = scanner.selfClosing ? 0 : scanner.depth
                continue
            }
            if section == "numFmts" && scanner.nameIs("numFmt") {
                if let id = try scanner.attribute("numFmtId").flatMap({ Int($0) }), let code = try scanner.attribute("formatCode") {
                    custom[id] = code
                }
            } else if section == "cellXfs" && scanner.nameIs("xf") && scanner.depth <= sectionDepth + 1 {
                let id = try scanner.attribute("numFmtId").flatMap { Int($0) } ?? 0
                xfIds.append(id)
            }
        }
        var part = StylesPart()
        part.formats.reserveCapacity(xfIds.count)
        for id in xfIds {
            var code = custom[id] ?? NumberFormats.builtIn[id]
            if let c = code, c.lowercased() == "general" { code = nil }
            part.formats.append(code)
            let date = custom[id] != nil ? NumberFormats.isDateFormat(custom[id]!) : NumberFormats.isBuiltInDate(id)
            part.isDate.append(date)
        }
        return part
    }
}

/// The shared string table (`xl/sharedStrings.xml`): rich-text runs
/// concatenated, phonetic runs (`rPh`) left out, `_xHHHH_` decoded, NFC.
/// The `count`/`uniqueCount` the file announces is never trusted. An item
/// longer than `XLSXLimits.maxTextBytes` is kept as an empty placeholder and
/// its index listed in `oversized`: only a cell showing it is an error (which
/// names the cell and the index), since only then is anything lost.
enum SharedStringsPart {
    static func parse(_ scanner: XMLScanner, limits: XLSXLimits, oversized: inout Set<Int>) throws(XLSXError) -> [String] {
        var strings: [String] = []
        var tooLong = false
        var bytes: [UInt8] = []
        var inItem = false
        var phoneticDepth = 0
        var totalBytes: Int64 = 0
        var first = true
        while true {
            let t = try scanner.next()
            if t == .eof { break }
            if t == .end {
                if scanner.nameIs("rPh") && phoneticDepth > 0 {
                    phoneticDepth -= 1
                } else if scanner.nameIs("si") && inItem {
                    inItem = false
                    guard strings.count < limits.maxSharedStrings else {
                        throw .tooManySharedStrings(file: scanner.file, limit: limits.maxSharedStrings)
                    }
                    totalBytes += Int64(bytes.count)
                    guard totalBytes <= limits.maxSharedStringBytes else {
                        throw .sharedStringsTooLarge(file: scanner.file, limit: limits.maxSharedStringBytes)
                    }
                    if tooLong {
                        oversized.insert(strings.count)
                        strings.append("")
                    } else {
                        strings.append(try scanner.makeString(bytes))
                    }
                }
                continue
            }
            guard t == .start else { continue }
            if first {
                first = false
                guard scanner.nameIs("sst") else { throw scanner.error(.unexpectedRoot(expected: "sst", found: scanner.name)) }
                if let announced = try scanner.attribute("uniqueCount").flatMap({ Int($0) }) {
                    strings.reserveCapacity(min(max(announced, 0), 65_536))
                }
                continue
            }
            if scanner.nameIs("si") {
                bytes.removeAll(keepingCapacity: true)
                phoneticDepth = 0
                tooLong = false
                if scanner.selfClosing {
                    guard strings.count < limits.maxSharedStrings else {
                        throw .tooManySharedStrings(file: scanner.file, limit: limits.maxSharedStrings)
                    }
                    strings.append("")
                } else {
                    inItem = true
                }
            } else if scanner.nameIs("rPh") {
                if !scanner.selfClosing { phoneticDepth += 1 }
            } else if scanner.nameIs("t") && inItem && !scanner.selfClosing {
                if phoneticDepth > 0 || tooLong {
                    try scanner.skipElement()
                } else {
                    do {
                        try appendRun(scanner, to: &bytes)
                    } catch {
                        guard case .xml(_, _, _, .tokenTooLong) = error else { throw error }
                        // The rest of this run and item are skipped, a piece at a time.
                        tooLong = true
                        bytes.removeAll()
                        try scanner.skipElement()
                    }
                }
            }
        }
        return strings
    }

    /// Appends one `<t>` element's text, with `_xHHHH_` decoded, to `bytes`.
    static func appendRun(_ scanner: XMLScanner, to bytes: inout [UInt8]) throws(XLSXError) {
        let start = bytes.count
        let depth = scanner.depth
        while true {
            switch try scanner.next() {
            case .text: try scanner.appendText(to: &bytes)
            case .start:
                if !scanner.selfClosing { try scanner.skipElement() }
            case .end:
                if scanner.depth < depth {
                    if bytes[start...].contains(UInt8(ascii: "_")) {
                        let decoded = TextDecoding.decodeXEscapes(bytes[start...])
                        bytes.removeSubrange(start...)
                        bytes.append(contentsOf: decoded)
                    }
                    return
                }
            case .eof: throw scanner.error(.unexpectedEnd, at: scanner.offset)
            }
        }
    }
}
