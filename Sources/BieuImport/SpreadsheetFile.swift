import BieuCore
import BieuCSV
import BieuDocxReader
import BieuXLSXReader
import Foundation

/// A spreadsheet file read into a plain grid, whatever its kind.
public struct SpreadsheetFile: Sendable {
    public enum Kind: String, Sendable { case xlsx, csv, docx }

    public var path: String
    public var kind: Kind
    public var workbook: GridWorkbook
    /// How the file was read (CSV: encoding, delimiter, conversions), in words.
    public var notes: [Bilingual]

    /// Reads a file, judging its kind by content: a Word document (``isWordDocument(path:)``)
    /// goes to the .docx reader, one table per sheet; another zip or OLE file to the
    /// XLSX reader (which names `.xls`, encrypted and `.ods` files precisely),
    /// text to the CSV reader, anything else to the XLSX reader too so its
    /// message says what the file is.
    public static func read(path: String, csvOptions: CSVReadOptions = CSVReadOptions()) throws -> SpreadsheetFile {
        switch try XLSXReader.fileKind(path: path) {
        case .zip where isWordDocument(path: path):
            let reader = try DocxReader(path: path)
            return SpreadsheetFile(path: path, kind: .docx, workbook: reader.workbook, notes: reader.notes)
        case .ole where [".docx", ".doc", ".docm"].contains(where: path.lowercased().hasSuffix):
            // An encrypted .docx or an old .doc: the .docx reader names them.
            _ = try DocxReader(path: path)
            throw DocxError.legacyWordFile(file: path)
        case .zip, .ole, .other:
            return SpreadsheetFile(path: path, kind: .xlsx, workbook: try XLSXReader(path: path).readWorkbook(), notes: [])
        case .text:
            let doc = try CSVReader.read(path: path, options: csvOptions)
            let name = (path as NSString).lastPathComponent
            var notes = [Bilingual(vi: "\(name): \(doc.info.summary.vi)", en: "\(name): \(doc.info.summary.en)")]
            notes += doc.notes
            return SpreadsheetFile(path: path, kind: .csv, workbook: GridWorkbook(sheets: [doc.sheet]), notes: notes)
        }
    }

    public var name: String { (path as NSString).lastPathComponent }

    /// A zip package whose `[Content_Types].xml` declares a Word main document; also a
    /// `.docx` whose package cannot be read (so its damage is told as a document's).
    public static func isWordDocument(path: String) -> Bool {
        switch DocxReader.packageKind(path: path) {
        case .wordDocument: return true
        case .unreadable: return path.lowercased().hasSuffix(".docx")
        case .other: return false
        }
    }
}
