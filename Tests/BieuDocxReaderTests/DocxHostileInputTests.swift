import BieuCore
import BieuImport
import BieuTestSupport
import BieuXLSXReader
import BieuZip
import Foundation
import Testing
@testable import BieuDocxReader

/// Hostile or broken documents, each generated here: the XLSX reader's limits and
/// errors, never a crash, hang or runaway memory.
@Suite("Hostile .docx input")
struct DocxHostileInputTests {
    typealias F = DocxFixture

    static func error(_ bytes: [UInt8], limits: XLSXLimits = .default) -> DocxError? {
        do {
            _ = try DocxReader(bytes: bytes, name: "hostile.docx", limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test("A deflate bomb (24 MB of empty paragraphs in a few kilobytes) stops at the compression ratio limit")
    func bomb() throws {
        let xml = F.document(String(repeating: "<w:p/>", count: 4 << 20))
        let bytes = F.package(documentXML: xml)
        #expect(bytes.count < 200_000)
        let started = Date()
        guard case let .zip(.compressionRatioExceeded(_, entry, ratio, limit))? = Self.error(bytes) else {
            Issue.record("expected compressionRatioExceeded"); return
        }
        #expect(entry == "word/document.xml" && ratio > limit && limit == 250)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("A document.xml over the entry size limit is refused before it is inflated")
    func hugePart() throws {
        let bytes = F.package(body: F.tbl(widths: [500], F.tr(F.tc(F.r(String(repeating: "x", count: 300_000))))))
        var limits = XLSXLimits.default
        limits.maxEntrySize = 100_000
        guard case let .zip(.entryTooLarge(_, entry, _, limit))? = Self.error(bytes, limits: limits) else {
            Issue.record("expected entryTooLarge"); return
        }
        #expect(entry == "word/document.xml" && limit == 100_000)
    }

    @Test("One cell's text over the text limit names the table, row and column")
    func longCell() throws {
        let long = (0..<40).map { _ in F.r(String(repeating: "x", count: 30_000)) }.joined()
        let bytes = F.package(body: F.tbl(widths: [500, 500], F.tr(F.tc(F.r("a")), F.tc(F.r("b"))), F.tr(F.tc(F.r("c")), F.tc(long))))
        let error = Self.error(bytes)
        #expect(error == .cellTextTooLong(file: "hostile.docx", table: 1, row: 2, column: 1, limit: 1 << 20))
        #expect(error?.message(.vi) == "Tệp hostile.docx, bảng (w:tbl) thứ 1, hàng 2, cột B: nội dung ô dài hơn giới hạn 1048576 byte nên không đọc được.")
    }

    @Test("DOCTYPE with entity definitions (billion laughs) is refused; so is an undefined entity")
    func entities() throws {
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
            + "<w:document xmlns:w=\"\(F.w)\"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
        guard case let .xml(_, entry, _, .doctypeNotAllowed)? = Self.error(F.package(documentXML: laughs)) else {
            Issue.record("expected doctypeNotAllowed"); return
        }
        #expect(entry == "word/document.xml")
        let undefined = F.package(body: F.tbl(widths: [500], F.tr(F.tc("<w:r><w:t>&b;</w:t></w:r>"))))
        guard case .xml(_, _, _, .unknownEntity("b"))? = Self.error(undefined) else { Issue.record("expected unknownEntity"); return }
        #expect(DocxError.xml(file: "a.docx", entry: "word/document.xml", offset: 38, problem: .doctypeNotAllowed).message(.en)
            == "a.docx, entry word/document.xml, byte 38: contains a DOCTYPE declaration; bieu does not process DTDs (the file may be hostile).")
    }

    @Test("Elements nested past the depth limit are refused")
    func deep() throws {
        let deep = String(repeating: "<w:sdt><w:sdtContent>", count: 200) + String(repeating: "</w:sdtContent></w:sdt>", count: 200)
        guard case .xml(_, _, _, .tooDeep(256))? = Self.error(F.package(body: deep)) else { Issue.record("expected tooDeep"); return }
    }

    @Test("A truncated package is a zip error, also through SpreadsheetFile (by the .docx name), and nothing is read")
    func truncated() throws {
        let whole = F.package(body: F.tbl(widths: [500], F.tr(F.tc(F.r("a")))))
        let cut = Array(whole.prefix(whole.count / 2))
        guard case .zip? = Self.error(cut) else { Issue.record("expected a zip error"); return }
        let dir = try ExternalTools.temporaryDirectory("docx-hostile")
        try Data(cut).write(to: URL(fileURLWithPath: dir + "/cut.docx"))
        #expect(SpreadsheetFile.isWordDocument(path: dir + "/cut.docx"))
        #expect(throws: DocxError.self) { _ = try SpreadsheetFile.read(path: dir + "/cut.docx") }
    }

    @Test("Entry names leaving the package are ignored; a relationship target leaving it is a missing part")
    func traversal() throws {
        let body = F.tbl(widths: [500], F.tr(F.tc(F.r("a"))))
        let evil = F.package(documentXML: F.document(body), extra: [("../../evil.txt", Array("x".utf8)), ("/etc/passwd", Array("x".utf8))])
        let reader = try DocxReader(bytes: evil, name: "evil.docx")
        #expect(reader.ignoredEntries.sorted() == ["../../evil.txt", "/etc/passwd"])
        #expect(reader.workbook.sheets.count == 1)
        let outside = F.package(documentXML: F.document(body), target: "../../word/document.xml")
        guard case let .missingPart(_, part, from)? = Self.error(outside) else { Issue.record("expected missingPart"); return }
        #expect(part == "../../word/document.xml" && from == "_rels/.rels")
    }

    @Test("Not a document: a workbook's main part, a PDF, an empty file")
    func notADocument() throws {
        var zip = ZipWriter(file: "x")
        try zip.add("[Content_Types].xml", Array(F.types.utf8))
        try zip.add("_rels/.rels", Array(F.rels(target: "xl/workbook.xml").utf8))
        try zip.add("xl/workbook.xml", Array("<workbook/>".utf8))
        guard case .xml(_, _, _, .unexpectedRoot(expected: "w:document", found: "workbook"))? = Self.error(zip.bytes()) else {
            Issue.record("expected unexpectedRoot"); return
        }
        #expect(Self.error(Array("%PDF-1.4 xxxxxxxx".utf8)) == .notADocument(file: "hostile.docx", detected: .pdf))
        #expect(Self.error([]) == .emptyFile(file: "hostile.docx"))
    }
}
