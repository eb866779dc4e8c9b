import BieuCore
import Foundation

/// What the reader found out about a file, for `bieu import` and `bieu inspect`
/// to tell the user.
public struct CSVDocumentInfo: Sendable, Hashable {
    /// The file as named in messages.
    public var file: String
    public var encoding: CSVEncoding
    /// True when the file started with a byte-order mark.
    public var hadBOM: Bool
    public var delimiter: CSVDelimiter
    /// False when no delimiter was given and none of `,` `;` tab splits the
    /// records: the file was read as a single column.
    public var delimiterFound: Bool
    /// The legacy font encoding the text was converted from, if any.
    public var legacyConversion: LegacyVietnameseEncoding?
    /// Records read (empty lines between records included, trailing ones not).
    public var recordCount: Int
    /// Everything worth telling: fallbacks, conversions, normalisation, an empty file.
    public var notes: [Bilingual]

    /// One line saying how the file was read: `UTF-8 có BOM, dấu chấm phẩy (;)…`.
    public var summary: Bilingual {
        let bomVi = encoding == .utf8 || encoding == .utf16LE || encoding == .utf16BE ? (hadBOM ? " có BOM" : " không BOM") : ""
        let bomEn = encoding == .utf8 || encoding == .utf16LE || encoding == .utf16BE ? (hadBOM ? " with BOM" : " without BOM") : ""
        var vi = "\(encoding.displayName)\(bomVi), phân cách bằng \(delimiter.displayName.vi)"
        var en = "\(encoding.displayName)\(bomEn), \(delimiter.displayName.en) delimited"
        if !delimiterFound {
            vi = "\(encoding.displayName)\(bomVi), một cột (không thấy dấu phân cách)"
            en = "\(encoding.displayName)\(bomEn), one column (no delimiter found)"
        }
        if let legacy = legacyConversion {
            vi += ", chuyển từ \(legacy.displayName)"
            en += ", converted from \(legacy.displayName)"
        }
        vi += ", \(recordCount) hàng"
        en += ", \(recordCount) records"
        return Bilingual(vi: vi, en: en)
    }
}

/// A CSV file read whole: one sheet of text cells, and how it was read.
public struct CSVDocument: Sendable, Hashable {
    /// One sheet named after the file (base name without extension). CSV
    /// has no types: every non-empty field is a `.string` cell at (record,
    /// field); empty fields are omitted.
    public var sheet: GridSheet
    public var info: CSVDocumentInfo

    public var encoding: CSVEncoding { info.encoding }
    public var hadBOM: Bool { info.hadBOM }
    public var delimiter: CSVDelimiter { info.delimiter }
    public var legacyConversion: LegacyVietnameseEncoding? { info.legacyConversion }
    public var notes: [Bilingual] { info.notes }
}

/// Reads CSV files the way Excel writes them: UTF-8 with or without BOM,
/// UTF-16 "Unicode Text", Windows-1258, legacy TCVN3/VNI fonts; `,` `;` or tab;
/// RFC 4180 quoting. See docs/CSV.md for every rule.
public enum CSVReader {
    /// Reads a whole file into one sheet.
    public static func read(path: String, options: CSVReadOptions = .init()) throws(CSVError) -> CSVDocument {
        let source = try ByteSource(path: path, limits: options.limits)
        return try readAll(source, sheetName: sheetName(forPath: path), options: options)
    }

    /// Reads bytes already in memory; `name` is the sheet name and the file
    /// name used in messages.
    public static func read(bytes: [UInt8], name: String, options: CSVReadOptions = .init()) throws(CSVError) -> CSVDocument {
        let source = try ByteSource(bytes: bytes, name: name, limits: options.limits)
        return try readAll(source, sheetName: VietnameseText.nfc(name), options: options)
    }

    /// Streams a file record by record, holding one record in memory at a
    /// time. `body` gets the 1-based line the record starts on and its
    /// fields (empty for an empty line). Errors from `body` are rethrown
    /// unchanged; reading errors are `CSVError`.
    @discardableResult
    public static func forEachRow(path: String, options: CSVReadOptions = .init(),
                                  _ body: (_ line: Int, _ fields: [String]) throws -> Void) throws -> CSVDocumentInfo {
        let source = try ByteSource(path: path, limits: options.limits)
        return try run(source, options, body)
    }

    /// Streams bytes already in memory record by record (see `forEachRow(path:)`).
    @discardableResult
    public static func forEachRow(bytes: [UInt8], name: String, options: CSVReadOptions = .init(),
                                  _ body: (_ line: Int, _ fields: [String]) throws -> Void) throws -> CSVDocumentInfo {
        let source = try ByteSource(bytes: bytes, name: name, limits: options.limits)
        return try run(source, options, body)
    }

    /// The sheet name for a file: its base name without extension, NFC.
    public static func sheetName(forPath path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let base = url.deletingPathExtension().lastPathComponent
        return VietnameseText.nfc(base.isEmpty ? url.lastPathComponent : base)
    }

    private static func readAll(_ source: ByteSource, sheetName: String, options: CSVReadOptions) throws(CSVError) -> CSVDocument {
        var cells: [GridCell] = []
        var row = 0
        let info: CSVDocumentInfo
        do {
            info = try run(source, options) { _, fields in
                for (column, text) in fields.enumerated() where !text.isEmpty {
                    cells.append(GridCell(address: CellAddress(row: row, column: column), value: .string(text)))
                }
                row += 1
            }
        } catch let error as CSVError {
            throw error
        } catch {
            // The body above never throws; anything else is a reading failure.
            throw .readFailed(file: source.name, offset: 0, reason: SystemFailure(code: 0, description: String(describing: error)))
        }
        return CSVDocument(sheet: GridSheet(name: sheetName, cells: cells), info: info)
    }

    static func run(_ source: ByteSource, _ options: CSVReadOptions,
                    _ body: (_ line: Int, _ fields: [String]) throws -> Void) throws -> CSVDocumentInfo {
        let empty = Bilingual(vi: "Tệp rỗng, không có dữ liệu", en: "The file is empty")
        if source.size == 0 {
            return CSVDocumentInfo(file: source.name, encoding: options.encoding ?? .utf8, hadBOM: false,
                                   delimiter: options.delimiter ?? .comma, delimiterFound: options.delimiter != nil,
                                   legacyConversion: nil, recordCount: 0, notes: [empty])
        }
        let format = try Detector.detect(source, options)
        var notes = format.notes
        let reader = ChunkReader(source: source)
        try reader.restart(skipping: format.bomLength)
        let settings = ParseSettings(file: source.name, delimiter: format.delimiter, legacy: format.legacy,
                                     unneutralize: options.unneutralize, limits: options.limits)
        let counts: ParseCounts
        switch format.encoding {
        case .utf8:
            counts = try Tokenizer.parse(reader, UTF8Decoder(claim: format.utf8Claim), settings, body)
        case .utf16LE:
            counts = try Tokenizer.parse(reader, UTF16Decoder(bigEndian: false), settings, body)
        case .utf16BE:
            counts = try Tokenizer.parse(reader, UTF16Decoder(bigEndian: true), settings, body)
        case .windows1258, .windows1252:
            counts = try Tokenizer.parse(reader, SingleByteDecoder(format.encoding), settings, body)
        }
        if counts.records == 0 {
            notes.append(format.bomLength > 0
                ? Bilingual(vi: "Tệp chỉ có dấu BOM, không có dữ liệu", en: "The file holds only a byte-order mark, no data")
                : Bilingual(vi: "Tệp không có dữ liệu (chỉ có dòng trống)", en: "The file holds no data (only empty lines)"))
        }
        if !format.delimiterFound && counts.records > 1 {
            notes.append(Bilingual(
                vi: "Không thấy dấu phân cách (, ; hoặc tab) nào chia đều các hàng; tệp được đọc như một cột",
                en: "No delimiter (, ; or tab) splits the records consistently; the file was read as one column"))
        }
        if counts.normalizedFields > 0 {
            notes.append(Bilingual(
                vi: "\(counts.normalizedFields) ô có dấu tiếng Việt viết tổ hợp đã được chuẩn hóa về dạng dựng sẵn (Unicode NFC)",
                en: "\(counts.normalizedFields) fields with decomposed Vietnamese marks were normalised to precomposed form (Unicode NFC)"))
        }
        if let legacy = format.legacy {
            notes.append(Bilingual(
                vi: "\(counts.legacyFields) ô đã được chuyển từ \(legacy.displayName) sang Unicode",
                en: "\(counts.legacyFields) fields were converted from \(legacy.displayName) to Unicode"))
            if counts.unicodeFieldsInLegacyFile > 0 {
                notes.append(Bilingual(
                    vi: "\(counts.unicodeFieldsInLegacyFile) ô đã là Unicode nên được giữ nguyên",
                    en: "\(counts.unicodeFieldsInLegacyFile) fields were already Unicode and were kept as they are"))
            }
        }
        return CSVDocumentInfo(file: source.name, encoding: format.encoding, hadBOM: format.bomLength > 0,
                               delimiter: format.delimiter, delimiterFound: format.delimiterFound,
                               legacyConversion: format.legacy, recordCount: counts.records, notes: notes)
    }
}
