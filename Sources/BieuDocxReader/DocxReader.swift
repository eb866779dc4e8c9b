import BieuCore
import BieuXLSXReader
import BieuZip

/// Reads the tables of a Word document (`.docx`) into a plain grid, one sheet
/// per table as a reader sees it (``DocumentTables``: split tables joined,
/// repeated header rows and spacer rows left empty), named
/// ``DocumentTable/sheetName(_:)``. What is read from the XML, and how, is
/// ``DocumentParser``'s comment and docs/DOCX.md.
///
/// The package is opened as an XLSX workbook is: the same zip checks and
/// limits (``XLSXLimits``: entry and total sizes, compression ratio, entry
/// count, unsafe names ignored), the same XML scanner (no DTD, the five
/// entities only, bounded tokens and depth); the main part is found through
/// `_rels/.rels`, never by name.
///
/// ```swift
/// let reader = try DocxReader(path: "bao-cao-2024.docx")
/// let grid = reader.workbook          // GridWorkbook, sheets "[1]", "[2]", …
/// for note in reader.notes { print(note.vi) }
/// ```
public struct DocxReader {
    public let workbook: GridWorkbook
    /// What the reader did that a person should know (tables joined, nested tables not read).
    public let notes: [Bilingual]
    /// Zip entries ignored because their names are unsafe (`../x`, `/etc/x`, `C:\x`).
    public let ignoredEntries: [String]

    /// The content type of a Word document's main part (also macro-enabled and templates).
    static let mainContentTypes = [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    ]

    public init(path: String, limits: XLSXLimits = .default) throws(DocxError) {
        let source: ByteSource
        do { source = try ByteSource(path: path) } catch { throw DocxError(XLSXError.zip(error), file: path) }
        try self.init(source: source, limits: limits)
    }

    /// Reads a document held in memory; `name` is used in messages.
    public init(bytes: [UInt8], name: String, limits: XLSXLimits = .default) throws(DocxError) {
        try self.init(source: ByteSource(bytes: bytes, name: name), limits: limits)
    }

    private init(source: ByteSource, limits: XLSXLimits) throws(DocxError) {
        let file = source.name
        let opened: (archive: ZipArchive, scanner: XMLScanner)
        do { opened = try Self.open(source, limits: limits) } catch { throw DocxError(error, file: file) }
        let raw = try DocumentParser(scanner: opened.scanner, limits: limits).parse()
        ignoredEntries = opened.archive.ignoredNames
        (workbook, notes) = Self.tables(raw, file: file)
    }

    /// The zip directory and a scanner over the main document part, found from `_rels/.rels`.
    private static func open(_ source: ByteSource, limits: XLSXLimits) throws(XLSXError) -> (archive: ZipArchive, scanner: XMLScanner) {
        let file = source.name
        let archive = try openPackage(source, limits: limits)
        let budget = InflateBudget()
        func scanner(_ entry: ZipEntry) throws(XLSXError) -> XMLScanner {
            XMLScanner(stream: try PartStream(source: source, entry: entry, limits: limits, budget: budget), file: file, limits: limits)
        }
        guard let rootRels = archive.entry(named: "_rels/.rels") else {
            if archive.entry(named: "[Content_Types].xml") == nil { throw .notAWorkbook(file: file, detected: .otherZip) }
            throw .missingPart(file: file, part: "_rels/.rels", referencedFrom: "[Content_Types].xml")
        }
        let entry = try Relationships.mainPart(Relationships.parse(scanner(rootRels), sourcePart: ""), in: archive, file: file)
        guard entry.uncompressedSize <= limits.maxEntrySize else {
            throw .zip(.entryTooLarge(file: file, entry: entry.name, size: entry.uncompressedSize, limit: limits.maxEntrySize))
        }
        return (archive, try scanner(entry))
    }

    /// Joins the pieces and names what was joined or not read.
    static func tables(_ raw: [RawTable], file: String) -> (GridWorkbook, [Bilingual]) {
        var sheets: [GridSheet] = []
        var notes: [Bilingual] = []
        for (i, joined) in DocumentTables.join(raw).enumerated() {
            let n = i + 1
            sheets.append(DocumentTables.sheet(joined, number: n))
            if joined.pieces.count > 1 {
                let ordinals = joined.pieces.map { String($0.ordinal) }.joined(separator: ", ")
                notes.append(Bilingual(vi: "\(file): bảng \(n) được ghép từ \(joined.pieces.count) bảng (w:tbl thứ \(ordinals)) nối tiếp nhau qua trang; số hàng đếm liên tục",
                                       en: "\(file): table \(n) is joined from \(joined.pieces.count) tables (w:tbl \(ordinals)) continued across pages; rows are counted through them"))
            }
            var offset = 0
            for piece in joined.pieces {
                for place in piece.nested {
                    let at = SheetCell(sheet: DocumentTable.sheetName(n), address: CellAddress(row: offset + place.row - 1, column: place.column))
                    notes.append(Bilingual(vi: "\(file), \(at.text(.vi)): ô chứa một bảng lồng bên trong; bảng lồng không được đọc",
                                           en: "\(file), \(at.text(.en)): the cell holds a nested table, which is not read"))
                }
                offset += piece.rows.count
            }
        }
        if sheets.isEmpty {
            notes.append(Bilingual(vi: "\(file): tài liệu không có bảng nào", en: "\(file): the document has no table"))
        }
        return (GridWorkbook(sheets: sheets), notes)
    }

    /// What a zip package is, by its `[Content_Types].xml`.
    public enum PackageKind: Sendable, Equatable {
        /// A part has the content type of a Word main document (also macro-enabled documents and templates).
        case wordDocument
        /// Another package or file (a workbook, a presentation, not a zip).
        case other
        /// A zip whose directory or content types cannot be read (damaged, truncated, hostile).
        case unreadable
    }

    /// The kind of package at `path`, judged by content (the file's name is not looked at).
    public static func packageKind(path: String, limits: XLSXLimits = .default) -> PackageKind {
        guard let source = try? ByteSource(path: path), source.size > 4,
              let head = try? source.bytes(at: 0, count: 4), FormatSniffer.kind(of: head) == .zip else { return .other }
        guard let archive = try? ZipArchive(source: source, limits: limits.zip) else { return .unreadable }
        guard let types = archive.entry(named: "[Content_Types].xml") else { return .other }
        guard types.uncompressedSize < 1 << 20 else { return .unreadable }
        do throws(XLSXError) {
            let scanner = XMLScanner(stream: try PartStream(source: source, entry: types, limits: limits, budget: InflateBudget()),
                                     file: source.name, limits: limits)
            while true {
                let t = try scanner.next()
                if t == .eof { return .other }
                guard t == .start, scanner.nameIs("Override"), let type = try scanner.attribute("ContentType") else { continue }
                if mainContentTypes.contains(type) { return .wordDocument }
            }
        } catch {
            return .unreadable
        }
    }
}
