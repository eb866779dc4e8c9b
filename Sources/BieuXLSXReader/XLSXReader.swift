import BieuCore
import BieuZip

/// A hardened, streaming reader for Excel workbooks (`.xlsx`, `.xlsm`,
/// Transitional and Strict OOXML).
///
/// Opening a workbook reads the zip directory, the relationships
/// (`_rels/.rels` → workbook → sheets, shared strings, styles; never by file
/// name), the workbook part, the styles and the shared strings. Sheets are
/// read on demand, inflated and scanned in chunks:
///
/// ```swift
/// let reader = try XLSXReader(path: "bieu-01.xlsx")
/// for info in reader.sheets { print(info.name, info.state) }
/// try reader.readSheet(at: 0) { row in print(row.index, row.cells.count) }   // streaming
/// let grid = try reader.readWorkbook()                                        // everything
/// ```
///
/// Every failure is an `XLSXError` naming the file, entry, sheet or cell.
public struct XLSXReader {
    public typealias Limits = XLSXLimits

    private let source: ByteSource
    private let archive: ZipArchive
    public let limits: XLSXLimits
    /// Sheets in tab order, with their visibility.
    public let sheets: [XLSXSheetInfo]
    /// Defined names: workbook-scoped ones by name, sheet-scoped ones as `Sheet!name`; values are formula text.
    public let definedNames: [String: String]
    /// The workbook uses the 1904 date system.
    public let date1904: Bool
    /// Zip entries ignored because their names are unsafe (`../x`, `/etc/x`, `C:\x`).
    public let ignoredEntries: [String]
    private let sharedStrings: [String]
    /// Shared strings over the text limit (placeholders in `sharedStrings`).
    private let oversizedStrings: Set<Int>
    private let styles: StylesPart
    private let openedBytes: Int64
    /// Largest chunk handed to the XML scanner per read (tests lower it to put
    /// chunk boundaries inside every tag and entity).
    let readGranularity: Int

    /// Entries at least this large (inflated) are inflated on a background thread.
    static let pipelineThreshold: Int64 = 4 << 20

    /// Opens the workbook at `path`.
    public init(path: String, limits: Limits = .default) throws(XLSXError) {
        try self.init(source: zipped { () throws(ZipError) in try ByteSource(path: path) }, limits: limits)
    }

    /// Opens a workbook held in memory; `name` is used in messages.
    public init(bytes: [UInt8], name: String, limits: Limits = .default) throws(XLSXError) {
        try self.init(source: ByteSource(bytes: bytes, name: name), limits: limits)
    }

    /// For tests: every XML part is handed to the scanner `readGranularity` bytes at a time.
    init(bytes: [UInt8], name: String, limits: Limits = .default, readGranularity: Int) throws(XLSXError) {
        try self.init(source: ByteSource(bytes: bytes, name: name), limits: limits, readGranularity: readGranularity)
    }

    private init(source: ByteSource, limits: Limits, readGranularity: Int = .max) throws(XLSXError) {
        self.source = source
        self.readGranularity = readGranularity
        self.limits = limits
        let file = source.name
        let archive = try openPackage(source, limits: limits)
        self.archive = archive
        ignoredEntries = archive.ignoredNames
        let budget = InflateBudget()

        func scanner(_ entry: ZipEntry) throws(XLSXError) -> XMLScanner {
            XMLScanner(stream: try PartStream(source: source, entry: entry, limits: limits, budget: budget), file: file,
                       limits: limits, readGranularity: readGranularity)
        }

        // OpenDocument (.ods) packages start with a `mimetype` entry.
        if let mime = archive.entry(named: "mimetype"), mime.uncompressedSize < 200 {
            let text = String(decoding: try PartStream(source: source, entry: mime, limits: limits, budget: budget).readAll(), as: UTF8.self)
            if text.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") { throw .openDocumentSpreadsheet(file: file) }
            if text.hasPrefix("application/vnd.oasis.opendocument") { throw .notAWorkbook(file: file, detected: .otherZip) }
        }
        guard let rootRels = archive.entry(named: "_rels/.rels") else {
            if archive.entry(named: "[Content_Types].xml") == nil {
                if archive.entry(named: "content.xml") != nil { throw .openDocumentSpreadsheet(file: file) }
                throw .notAWorkbook(file: file, detected: .otherZip)
            }
            throw .missingPart(file: file, part: "_rels/.rels", referencedFrom: "[Content_Types].xml")
        }
        let workbookEntry = try Relationships.mainPart(Relationships.parse(scanner(rootRels), sourcePart: ""), in: archive, file: file)
        let workbook = try WorkbookPart.parse(scanner(workbookEntry))
        let workbookRelsName = Relationships.relsPartName(for: workbookEntry.name)
        var workbookRels: [Relationship] = []
        if let entry = archive.entry(named: workbookRelsName) {
            workbookRels = try Relationships.parse(scanner(entry), sourcePart: workbookEntry.name)
        } else if !workbook.sheets.isEmpty {
            throw .missingPart(file: file, part: workbookRelsName, referencedFrom: workbookEntry.name)
        }
        guard !workbook.sheets.isEmpty else { throw .noSheets(file: file) }

        var infos: [XLSXSheetInfo] = []
        var toRead: [ZipEntry] = []
        for (i, sheet) in workbook.sheets.enumerated() {
            guard let rel = workbookRels.first(where: { $0.id == sheet.relationshipId }) else {
                throw .missingPart(file: file, part: "r:id=\(sheet.relationshipId) (\(sheet.name))", referencedFrom: workbookRelsName)
            }
            guard let part = rel.partName, let entry = archive.entry(named: part) else {
                throw .missingPart(file: file, part: rel.rawTarget, referencedFrom: workbookRelsName)
            }
            let isWorksheet = rel.kind == "worksheet"
            if isWorksheet { toRead.append(entry) }
            infos.append(XLSXSheetInfo(index: i, name: sheet.name, state: sheet.state, partName: entry.name, isWorksheet: isWorksheet))
        }
        func optionalPart(_ kind: String) throws(XLSXError) -> ZipEntry? {
            guard let rel = workbookRels.first(where: { $0.kind == kind }) else { return nil }
            guard let part = rel.partName, let entry = archive.entry(named: part) else {
                throw .missingPart(file: file, part: rel.rawTarget, referencedFrom: workbookRelsName)
            }
            return entry
        }
        let stringsEntry = try optionalPart("sharedStrings")
        let stylesEntry = try optionalPart("styles")
        // The parts to read must fit the total budget before anything big is inflated.
        var declared = workbookEntry.uncompressedSize + rootRels.uncompressedSize
        for entry in toRead + [stringsEntry, stylesEntry].compactMap({ $0 }) {
            guard entry.uncompressedSize <= limits.maxEntrySize else {
                throw .zip(.entryTooLarge(file: file, entry: entry.name, size: entry.uncompressedSize, limit: limits.maxEntrySize))
            }
            declared += entry.uncompressedSize
        }
        guard declared <= limits.maxTotalSize else { throw .zip(.totalSizeExceeded(file: file, size: declared, limit: limits.maxTotalSize)) }

        styles = try stylesEntry.map { e throws(XLSXError) in try StylesPart.parse(scanner(e)) } ?? StylesPart()
        var oversized: Set<Int> = []
        sharedStrings = try stringsEntry.map { e throws(XLSXError) in try SharedStringsPart.parse(scanner(e), limits: limits, oversized: &oversized) } ?? []
        oversizedStrings = oversized
        sheets = infos
        date1904 = workbook.date1904
        var names: [String: String] = [:]
        for defined in workbook.definedNames {
            if let local = defined.localSheet {
                let sheetName = local >= 0 && local < infos.count ? infos[local].name : String(local)
                names["\(sheetName)!\(defined.name)"] = defined.text
            } else {
                names[defined.name] = defined.text
            }
        }
        definedNames = names
        openedBytes = budget.total
    }

    // MARK: - Reading sheets

    private func checkIndex(_ index: Int) throws(XLSXError) -> XLSXSheetInfo {
        guard index >= 0 && index < sheets.count else {
            throw .sheetIndexOutOfRange(file: source.name, index: index, count: sheets.count)
        }
        return sheets[index]
    }

    private func parser(for info: XLSXSheetInfo, budget: InflateBudget) throws(XLSXError) -> SheetParser? {
        guard info.isWorksheet, let entry = archive.entry(named: info.partName) else { return nil }
        let stream = try PartStream(source: source, entry: entry, limits: limits, budget: budget)
        // Large sheets are inflated on a second thread while they are scanned.
        let chunks: ChunkSource = entry.uncompressedSize >= Self.pipelineThreshold ? PipelinedStream(stream) : stream
        let scanner = XMLScanner(stream: chunks, file: source.name, limits: limits, readGranularity: readGranularity)
        return SheetParser(scanner: scanner, sheet: info.name, strings: sharedStrings, oversizedStrings: oversizedStrings, styles: styles, date1904: date1904, limits: limits)
    }

    /// Streams the sheet at `index` row by row. Memory stays bounded by the
    /// largest row (plus the shared strings held since opening). Returns the
    /// merged ranges and hidden rows/columns, known once the sheet is read.
    /// Errors are `XLSXError`s, or whatever `row` throws.
    @discardableResult
    public func readSheet(at index: Int, _ row: (XLSXRow) throws -> Void) throws -> XLSXSheetLayout {
        let info = try checkIndex(index)
        let budget = InflateBudget()
        budget.total = openedBytes
        guard let parser = try parser(for: info, budget: budget) else { return XLSXSheetLayout() }
        var buffer: [GridCell] = []
        return try parser.run(collect: false, cells: &buffer, row: row)
    }

    /// Reads the whole sheet at `index` into a grid (cells sorted by row then
    /// column; when a cell appears twice, the last one wins).
    public func readSheet(at index: Int) throws(XLSXError) -> GridSheet {
        let budget = InflateBudget()
        budget.total = openedBytes
        return try readSheet(at: index, budget: budget)
    }

    private func readSheet(at index: Int, budget: InflateBudget) throws(XLSXError) -> GridSheet {
        let info = try checkIndex(index)
        var sheet = GridSheet(name: info.name, state: info.state)
        guard let parser = try parser(for: info, budget: budget) else { return sheet }
        var cells: [GridCell] = []
        // Room for the cells up front (a sheet stores one cell in 20+ bytes of XML): the array is
        // never copied while growing, and pages not used are never touched.
        if let entry = archive.entry(named: info.partName) {
            cells.reserveCapacity(Int(min(entry.uncompressedSize / 20, 4_000_000)))
        }
        let layout: XLSXSheetLayout
        do {
            layout = try parser.run(collect: true, cells: &cells, row: { _ in })
        } catch let error as XLSXError {
            throw error
        } catch {
            // `run` only rethrows the row callback's errors, and this callback throws none.
            throw .cannotOpen(file: source.name, reason: String(describing: error))
        }
        sheet.cells = Self.ordered(cells)
        sheet.merges = layout.merges
        sheet.hiddenRows = layout.hiddenRows
        sheet.hiddenColumns = layout.hiddenColumns
        return sheet
    }

    /// Reads every sheet.
    public func readWorkbook() throws(XLSXError) -> GridWorkbook {
        let budget = InflateBudget()
        budget.total = openedBytes
        var result: [GridSheet] = []
        result.reserveCapacity(sheets.count)
        for i in sheets.indices { result.append(try readSheet(at: i, budget: budget)) }
        return GridWorkbook(sheets: result, definedNames: definedNames)
    }

    /// Sorts cells row-major when the file had them out of order and keeps the last of duplicates.
    static func ordered(_ cells: [GridCell]) -> [GridCell] {
        let sorted = cells.withUnsafeBufferPointer { b in
            var i = 1
            while i < b.count {
                if !(b[i - 1].address < b[i].address) { return false }
                i += 1
            }
            return true
        }
        if sorted { return cells }
        let indexed = cells.enumerated().sorted { a, b in
            a.element.address != b.element.address ? a.element.address < b.element.address : a.offset < b.offset
        }
        var out: [GridCell] = []
        out.reserveCapacity(cells.count)
        for (_, cell) in indexed {
            if let last = out.last, last.address == cell.address { out[out.count - 1] = cell } else { out.append(cell) }
        }
        return out
    }

    // MARK: - File type

    /// What kind of file `path` holds, judged by its first bytes.
    public enum FileKind: Sendable, Equatable {
        /// A zip archive (an `.xlsx` candidate; also `.ods`, `.docx`…, which the reader names).
        case zip
        /// An OLE compound file (`.xls`, or an encrypted workbook).
        case ole
        /// Text, perhaps CSV.
        case text
        case other(DetectedFormat)
    }

    /// Detects a file's kind from its content, not its name.
    public static func fileKind(path: String) throws(XLSXError) -> FileKind {
        let source = try zipped { () throws(ZipError) in try ByteSource(path: path) }
        guard source.size > 0 else { throw .emptyFile(file: path) }
        let head = try zipped { () throws(ZipError) in try source.bytes(at: 0, count: Int(min(source.size, 512))) }
        switch FormatSniffer.kind(of: head) {
        case .zip: return .zip
        case .ole: return .ole
        case .other(.text): return .text
        case let .other(kind): return .other(kind)
        }
    }
}
