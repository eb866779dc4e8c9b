import BieuCore
import BieuZip
import Foundation
import Testing
@testable import BieuXLSXReader

/// Hostile or broken input: each gives a specific `XLSXError`, never a crash,
/// hang or runaway memory.
@Suite("Hostile input")
struct HostileInputTests {
    static let sheetEntry = "xl/worksheets/sheet1.xml"

    /// A workbook whose first sheet entry is replaced.
    static func withSheetEntry(_ modify: (inout ZipBuilder.Entry) -> Void) -> [UInt8] {
        var z = ZipBuilder()
        z.entries = WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>").entries().map { e in
            var e = e
            if e.name == sheetEntry { modify(&e) }
            return e
        }
        return z.build()
    }

    static func open(_ bytes: [UInt8], limits: XLSXLimits = .default) throws(XLSXError) -> GridWorkbook {
        try XLSXReader(bytes: bytes, name: "hostile.xlsx", limits: limits).readWorkbook()
    }

    /// 300 MB of `<x/>` inside a worksheet, compressed to a few hundred kilobytes.
    static let bomb: [UInt8] = ZipBuilder.deflateRepeated(
        prefix: "<worksheet xmlns=\"\(WorkbookBuilder.main)\"><sheetData/>", pattern: "<x/>", count: 300 << 20, suffix: "</worksheet>")

    // MARK: Deflate bombs and lying sizes

    @Test func deflateBombIsStoppedByTheRatioLimit() throws {
        let bytes = Self.withSheetEntry { $0.raw = Self.bomb; $0.declaredSize = UInt32(300 << 20) + 80 }
        #expect(Self.bomb.count < 2 << 20)
        let started = Date()
        guard case let .zip(.compressionRatioExceeded(_, entry, ratio, limit))? = xlsxError({ try Self.open(bytes) }) else {
            Issue.record("expected compressionRatioExceeded"); return
        }
        #expect(entry == Self.sheetEntry)
        #expect(ratio > limit && limit == 250)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func deflateBombIsStoppedByTheEntryLimit() throws {
        let bytes = Self.withSheetEntry { $0.raw = Self.bomb; $0.declaredSize = UInt32(300 << 20) + 80 }
        var limits = XLSXLimits.default
        limits.maxCompressionRatio = 100_000
        limits.maxEntrySize = 64 << 20
        guard case .zip(.entryTooLarge(_, Self.sheetEntry, _, 64 << 20))? = xlsxError({ try Self.open(bytes, limits: limits) }) else {
            Issue.record("expected entryTooLarge"); return
        }
    }

    @Test func deflateBombWithALyingSmallSizeStopsAtTheDeclaredSize() throws {
        let bytes = Self.withSheetEntry { $0.raw = Self.bomb; $0.declaredSize = 4096 }
        guard case let .zip(.sizeMismatch(_, entry, declared, actual))? = xlsxError({ try Self.open(bytes) }) else {
            Issue.record("expected sizeMismatch"); return
        }
        #expect(entry == Self.sheetEntry && declared == 4096 && actual == 4097)
    }

    @Test func deflateBombCaughtAtRunTimeWhenTheOverallRatioLooksHonest() throws {
        // 32 MiB of `<x/>` followed by 300 KB of incompressible text in the same stream: overall the
        // entry inflates about 130:1, which passes the up-front check, but its first megabytes inflate
        // about 1000:1 and the check made while inflating stops it there.
        var state: UInt64 = 42
        var noise = ""
        for _ in 0..<300_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            noise.unicodeScalars.append(Unicode.Scalar(UInt8(97 + (state >> 33) % 26)))
        }
        let prefix = "<worksheet xmlns=\"\(WorkbookBuilder.main)\"><sheetData/>"
        let suffix = "<!--" + noise + "--></worksheet>"
        let count = 32 << 20
        let raw = ZipBuilder.deflateRepeated(prefix: prefix, pattern: "<x/>", count: count, suffix: suffix)
        let declared = prefix.utf8.count + count + suffix.utf8.count
        #expect(Int64(declared) / Int64(raw.count) < 250)
        let bytes = Self.withSheetEntry { $0.raw = raw; $0.declaredSize = UInt32(declared) }
        guard case let .zip(.compressionRatioExceeded(_, entry, ratio, 250))? = xlsxError({ try Self.open(bytes) }) else {
            Issue.record("expected compressionRatioExceeded while inflating"); return
        }
        #expect(entry == Self.sheetEntry && ratio > 250)
    }

    @Test func headerClaimingMoreThanTheDataHolds() throws {
        let bytes = Self.withSheetEntry { $0.declaredSize = UInt32($0.data.count + 10) }
        guard case let .zip(.sizeMismatch(_, _, declared, actual))? = xlsxError({ try Self.open(bytes) }) else {
            Issue.record("expected sizeMismatch"); return
        }
        #expect(declared == actual + 10)
    }

    @Test func wrongChecksum() throws {
        let bytes = Self.withSheetEntry { $0.crcOverride = 0xDEAD_BEEF }
        guard case .zip(.checksumMismatch(_, Self.sheetEntry))? = xlsxError({ try Self.open(bytes) }) else {
            Issue.record("expected checksumMismatch"); return
        }
    }

    @Test func totalSizeLimit() throws {
        var limits = XLSXLimits.default
        limits.maxTotalSize = 200
        guard case .zip(.totalSizeExceeded)? = xlsxError({ try Self.open(Self.withSheetEntry { _ in }, limits: limits) }) else {
            Issue.record("expected totalSizeExceeded"); return
        }
    }

    // MARK: XML attacks

    @Test func billionLaughsIsRefused() throws {
        var b = WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")
        b.sharedStrings = """
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><sst><si><t>&lol3;</t></si></sst>
        """
        guard case let .xml(_, entry, _, problem)? = xlsxError({ try b.reader() }) else { Issue.record("expected xml error"); return }
        #expect(entry == "xl/sharedStrings.xml")
        #expect(problem == .doctypeNotAllowed)
    }

    @Test func externalEntitiesAreNeverFetched() throws {
        let xxe = WorkbookBuilder(sheets: [.init(name: "S", xml: """
        <?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
        """)])
        guard case .xml(_, _, _, .doctypeNotAllowed)? = xlsxError({ try xxe.firstSheet() }) else { Issue.record("expected DOCTYPE error"); return }
        let undeclared = WorkbookBuilder(sheetData: "<row><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>")
        guard case .xml(_, _, _, .unknownEntity("xxe"))? = xlsxError({ try undeclared.firstSheet() }) else { Issue.record("expected unknownEntity"); return }
    }

    @Test(arguments: ["&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&#;", "&#x;", "&amp", "& ", "&verylongentityname;"])
    func badCharacterReferences(_ text: String) throws {
        let b = WorkbookBuilder(sheetData: "<row><c t=\"inlineStr\"><is><t>a\(text)b</t></is></c></row>")
        guard case .xml? = xlsxError({ try b.firstSheet() }) else { Issue.record("expected xml error for \(text)"); return }
    }

    @Test(arguments: [
        "<row><c r=\"A1\"><v>1</v></row>",                 // unclosed c (ends early)
        "<row><c r=\"A1><v>1</v></c></row>",                // unterminated quote
        "<row><c r=A1><v>1</v></c></row>",                  // unquoted attribute
        "<row><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet><extra/>",
        "<row><c r=\"A1\" <v>1</v></c></row>",
        "<row><!ELEMENT x ANY></row>",
        "<row><c r=\"A1\"><v>1<x/></v></c></row>",
        "<row></ ></row>",
    ])
    func malformedXML(_ sheetData: String) throws {
        let b = WorkbookBuilder(sheetData: sheetData)
        let error = xlsxError({ try b.firstSheet() })
        guard case .xml? = error else { Issue.record("expected xml error, got \(String(describing: error))"); return }
    }

    @Test func invalidUTF8() throws {
        var z = ZipBuilder()
        z.entries = WorkbookBuilder(sheetData: "<row><c t=\"inlineStr\"><is><t>XX</t></is></c></row>").entries().map { e in
            var e = e
            if e.name == Self.sheetEntry, let i = e.data.firstIndex(of: UInt8(ascii: "X")) { e.data[i] = 0xC3; e.data[i + 1] = 0x28 }
            return e
        }
        guard case .xml(_, _, _, .invalidUTF8)? = xlsxError({ try Self.open(z.build()) }) else { Issue.record("expected invalidUTF8"); return }
    }

    @Test func deepNestingIsBounded() throws {
        let deep = String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000)
        let b = WorkbookBuilder(sheetData: "<row>\(deep)</row>")
        guard case .xml(_, _, _, .tooDeep(256))? = xlsxError({ try b.firstSheet() }) else { Issue.record("expected tooDeep"); return }
    }

    // MARK: References, counts and sizes

    @Test(arguments: ["XFE1", "A1048577", "A4294967297", "A18446744073709551617", "AAAA1", "A0", "1A", "", "$", "A-1"])
    func cellReferencesOutsideTheGrid(_ ref: String) throws {
        let b = WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"\(ref)\"><v>2</v></c></row>")
        guard case let .cellReferenceOutOfRange(_, sheet, reference)? = xlsxError({ try b.firstSheet() }) else {
            Issue.record("expected cellReferenceOutOfRange for \(ref)"); return
        }
        #expect(sheet == "Biểu 01" && reference == ref)
    }

    @Test(arguments: ["0", "1048577", "4294967297", "99999999999999999999", "-1", "x"])
    func rowNumbersOutsideTheGrid(_ r: String) throws {
        let b = WorkbookBuilder(sheetData: "<row r=\"1\"><c><v>1</v></c></row><row r=\"\(r)\"><c><v>2</v></c></row>")
        guard case .rowNumberOutOfRange(_, _, r)? = xlsxError({ try b.firstSheet() }) else {
            Issue.record("expected rowNumberOutOfRange for \(r)"); return
        }
    }

    @Test func inferredPositionsCannotRunOffTheGrid() throws {
        let row = "<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>"
        guard case .cellReferenceOutOfRange(_, _, "XFE1")? = xlsxError({ try WorkbookBuilder(sheetData: row).firstSheet() }) else {
            Issue.record("expected cellReferenceOutOfRange"); return
        }
        let rows = "<row r=\"1048576\"><c><v>1</v></c></row><row><c><v>2</v></c></row>"
        guard case .rowNumberOutOfRange(_, _, "1048577")? = xlsxError({ try WorkbookBuilder(sheetData: rows).firstSheet() }) else {
            Issue.record("expected rowNumberOutOfRange"); return
        }
        let cols = WorkbookBuilder(sheets: [.init(name: "S", xml: WorkbookBuilder.worksheet("", before: "<cols><col min=\"1\" max=\"16385\" hidden=\"1\"/></cols>"))])
        guard case .columnOutOfRange(_, _, "16385")? = xlsxError({ try cols.firstSheet() }) else { Issue.record("expected columnOutOfRange"); return }
        let merge = WorkbookBuilder(sheets: [.init(name: "S", xml: WorkbookBuilder.worksheet("", after: "<mergeCells><mergeCell ref=\"A1:XFE2\"/></mergeCells>"))])
        guard case .invalidMergeRange(_, _, "A1:XFE2")? = xlsxError({ try merge.firstSheet() }) else { Issue.record("expected invalidMergeRange"); return }
    }

    @Test func tooManyCellsInOneRow() throws {
        var row = "<row r=\"1\">"
        for _ in 0..<20 { row += "<c r=\"A1\"><v>1</v></c>" }
        row += "</row>"
        var limits = XLSXLimits.default
        limits.maxCellsPerRow = 10
        guard case .tooManyCellsInRow(_, _, 0, 10)? = xlsxError({ try WorkbookBuilder(sheetData: row).firstSheet(limits: limits) }) else {
            Issue.record("expected tooManyCellsInRow"); return
        }
    }

    /// Issue 15 item 6: a 1 MB cell was refused with "a tag or text run is
    /// longer than …" and a part offset; now the message names the cell and
    /// Excel's 32,767-character limit, and for a shared string its index too.
    @Test func aSingleHugeString() throws {
        let huge = String(repeating: "Đạt ", count: 300_000)   // 1.8 MB
        let inline = WorkbookBuilder(sheetData: "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>\(huge)</t></is></c></row>")
        let e = xlsxError { try inline.firstSheet() }
        #expect(e == .cellTextTooLong(file: "test.xlsx", cell: SheetCell(sheet: "Biểu 01", address: CellAddress(a1: "B3")!), limit: 1 << 20))
        #expect(e?.message(.vi) == "Tệp test.xlsx, ô Biểu 01!B3: nội dung dài hơn giới hạn 1048576 byte nên không đọc được; Excel chỉ chứa tối đa 32.767 ký tự trong một ô (tệp không do Excel lưu, hoặc đã bị sửa).")
        #expect(e?.message(.en).contains("cell Biểu 01!B3") == true && e?.message(.en).contains("32,767 characters") == true)
        // A shared string is known to be too long before any cell uses it: the
        // cell that shows it is the error, naming the string's index.
        var shared = WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"7\"><c r=\"D7\" t=\"s\"><v>1</v></c></row>")
        shared.sharedStrings = WorkbookBuilder.sst(["<t>ngắn</t>", "<t>\(huge)</t>", "<t>cuối</t>"])
        let reader = try shared.reader()
        let se = xlsxError { try reader.readSheet(at: 0) }
        #expect(se == .sharedStringTooLong(file: "test.xlsx", cell: SheetCell(sheet: "Biểu 01", address: CellAddress(a1: "D7")!), index: 1, limit: 1 << 20))
        #expect(se?.message(.en) == "test.xlsx, cell Biểu 01!D7: shared string 1 (counting from 0), which this cell shows, is longer than the limit of 1048576 bytes and was not read; Excel holds at most 32,767 characters in a cell.")
        // The strings after the long one are read; a sheet not using it reads.
        var unused = WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>2</v></c></row>")
        unused.sharedStrings = shared.sharedStrings
        #expect(try unused.firstSheet().value("A1") == .string("cuối"))
        // Within a raised limit it reads.
        var limits = XLSXLimits.default
        limits.maxTextBytes = 4 << 20
        #expect(try inline.firstSheet(limits: limits).value("B3") == .string(huge))
        // Runs that are each small but add up past the limit.
        let runs = String(repeating: "<r><t>\(String(repeating: "x", count: 1000))</t></r>", count: 2000)
        let many = WorkbookBuilder(sheetData: "<row><c t=\"inlineStr\"><is>\(runs)</is></c></row>")
        guard case .cellTextTooLong(_, let cell, _)? = xlsxError({ try many.firstSheet() }) else { Issue.record("expected cellTextTooLong for runs"); return }
        #expect(cell.address.a1 == "A1")
        // Siblings: a formula and a value text over the limit.
        let longFormula = WorkbookBuilder(sheetData: "<row r=\"2\"><c r=\"C2\"><f>\(String(repeating: "A1+", count: 400_000))1</f><v>1</v></c></row>")
        #expect(xlsxError { try longFormula.firstSheet() } == .cellTextTooLong(file: "test.xlsx", cell: SheetCell(sheet: "Biểu 01", address: CellAddress(a1: "C2")!), limit: 1 << 20))
        let longValue = WorkbookBuilder(sheetData: "<row r=\"2\"><c r=\"E2\" t=\"str\"><v>\(huge)</v></c></row>")
        #expect(xlsxError { try longValue.firstSheet() } == .cellTextTooLong(file: "test.xlsx", cell: SheetCell(sheet: "Biểu 01", address: CellAddress(a1: "E2")!), limit: 1 << 20))
    }

    @Test func sharedStringIndexOutOfRange() throws {
        var b = WorkbookBuilder(sheetData: "<row r=\"3\"><c r=\"C3\" t=\"s\"><v>2</v></c></row>")
        b.sharedStrings = WorkbookBuilder.sst(["<t>a</t>", "<t>b</t>"])
        guard case let .sharedStringIndexOutOfRange(_, cell, index, count)? = xlsxError({ try b.firstSheet() }) else {
            Issue.record("expected sharedStringIndexOutOfRange"); return
        }
        #expect(cell.description == "Biểu 01!C3" && index == "2" && count == 2)
        b.sharedStrings = nil
        guard case .sharedStringIndexOutOfRange? = xlsxError({ try b.firstSheet() }) else { Issue.record("no table"); return }
        b.sheets[0].xml = WorkbookBuilder.worksheet("<row r=\"3\"><c r=\"C3\" t=\"s\"><v>99999999999999999999</v></c></row>")
        guard case .sharedStringIndexOutOfRange? = xlsxError({ try b.firstSheet() }) else { Issue.record("huge index"); return }
    }

    @Test func sharedStringCountsThatLie() throws {
        var b = WorkbookBuilder(sheetData: "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c></row>")
        let items = "<si><t>một</t></si><si><t>hai</t></si><si><t>ba</t></si>"
        b.sharedStrings = "<sst xmlns=\"\(WorkbookBuilder.main)\" count=\"4294967296\" uniqueCount=\"2147483648\">\(items)</sst>"
        #expect(try b.firstSheet().cells.map(\.value) == [.string("một"), .string("hai"), .string("ba")])
        b.sharedStrings = "<sst xmlns=\"\(WorkbookBuilder.main)\" count=\"1\" uniqueCount=\"1\">\(items)</sst>"
        #expect(try b.firstSheet().cells.map(\.value) == [.string("một"), .string("hai"), .string("ba")])
        b.sharedStrings = "<sst uniqueCount=\"-5\">\(items)</sst>"
        #expect(try b.firstSheet().cells.count == 3)
        var limits = XLSXLimits.default
        limits.maxSharedStrings = 2
        guard case .tooManySharedStrings(_, 2)? = xlsxError({ try b.reader(limits: limits) }) else { Issue.record("expected tooManySharedStrings"); return }
    }

    /// Issue 15 item 7: one bad cell is not a bad file. A value that does not
    /// fit its declared type is an `.unreadable` cell (the text kept, the type
    /// named), and the cells after it are read.
    @Test func invalidCellValues() throws {
        for (xml, text, type) in [("<c r=\"A1\" t=\"d\"><v>2024-01-01T00:00:nan</v></c>", "2024-01-01T00:00:nan", DeclaredType.date),
                                  ("<c r=\"A1\" t=\"d\"><v>2024-01-01T00:00:1e300</v></c>", "2024-01-01T00:00:1e300", .date),
                                  ("<c r=\"A1\" t=\"d\"><v>2024-02-30</v></c>", "2024-02-30", .date),
                                  ("<c r=\"A1\" t=\"d\"><v>2024-02-30x</v></c>", "2024-02-30x", .date), ("<c r=\"A1\"><v>abc</v></c>", "abc", .number),
                                  ("<c r=\"A1\" t=\"b\"><v>2</v></c>", "2", .boolean),
                                  ("<c r=\"A1\" t=\"d\"><v>hôm qua</v></c>", "hôm qua", .date), ("<c r=\"A1\" t=\"zz\"><v>1</v></c>", "1", .unknown),
                                  ("<c r=\"A1\" t=\"e\"><v></v></c>", "", .error), ("<c r=\"A1\"><v>1e</v></c>", "1e", .number),
                                  ("<c r=\"A1\" t=\"d\"><v>25:00:00</v></c>", "25:00:00", .date)] {
            let sheet = try WorkbookBuilder(sheetData: "<row r=\"1\">\(xml)<c r=\"B1\"><v>5</v></c></row><row r=\"2\"><c r=\"A2\"><v>6</v></c></row>").firstSheet()
            #expect(sheet.value("A1") == .unreadable(text: text, declared: type), "\(xml)")
            #expect(sheet.value("B1") == .number("5") && sheet.value("A2") == .number("6"), "\(xml)")
        }
    }

    /// Every ISO 8601 calendar form in `t="d"` cells, checked against Python's
    /// own `datetime` arithmetic (serial = days since 1899-12-30 + fraction).
    @Test func isoDatesTimesAndZones() throws {
        let forms = ["2024-12-05", "20241205", "2024-12-05T08:30", "2024-12-05T08:30:15", "2024-12-05T08:30:15.5",
                     "2024-12-05 08:30:15,25", "2024-12-05T08:30:15Z", "2024-12-05T08:30:15+07:00", "2024-12-05T08:30:15-0500",
                     "2024-12-05T08:30:15.125+07", "10:10:10", "10:10", "T10:10:10", "10:10:10.5", "101010", "10:10:10Z",
                     "10:10:10+07:00", "1900-01-01", "1900-03-01", "2024-02-29T23:59:59", "2024-12-05T24:00:00"]
        let script = """
        import sys, datetime
        for s in sys.argv[1:]:
            end_of_day = s.endswith("T24:00:00")
            if end_of_day: s = s[:-8] + "00:00:00"
            try:
                dt = datetime.datetime.fromisoformat(s)
                d = dt.date()
                days = (d - datetime.date(1899, 12, 30)).days - (1 if d < datetime.date(1900, 3, 1) else 0)
            except ValueError:
                dt = datetime.time.fromisoformat(s)
                days = 0
            seconds = dt.hour * 3600 + dt.minute * 60 + dt.second + dt.microsecond / 1e6
            print(repr(days + (1 if end_of_day else 0) + seconds / 86400))
        """
        let expected = try python3Output(script, forms).split(separator: "\n").map { Double($0)! }
        #expect(expected.count == forms.count)
        let cells = forms.enumerated().map { i, f in "<c r=\"A\(i + 1)\" t=\"d\"><v>\(f)</v></c>" }
        let data = cells.enumerated().map { i, c in "<row r=\"\(i + 1)\">\(c)</row>" }.joined()
        let sheet = try WorkbookBuilder(sheetData: data).firstSheet()
        for (i, form) in forms.enumerated() {
            guard case let .date(serial, false) = sheet.value("A\(i + 1)"), let got = Double(serial) else {
                Issue.record("\(form): \(sheet.value("A\(i + 1)"))"); continue
            }
            #expect(abs(got - expected[i]) < 1e-9, "\(form): \(got) vs \(expected[i])")
        }
    }

    // MARK: Missing parts and package structure

    @Test func missingParts() throws {
        func without(_ name: String) -> [UInt8] {
            var z = ZipBuilder()
            z.entries = WorkbookBuilder(sheetData: "").entries().filter { $0.name != name }
            return z.build()
        }
        guard case .missingPart(_, "_rels/.rels", _)? = xlsxError({ try Self.open(without("_rels/.rels")) }) else { Issue.record("rels"); return }
        guard case .missingPart(_, "xl/workbook.xml", "_rels/.rels")? = xlsxError({ try Self.open(without("xl/workbook.xml")) }) else { Issue.record("workbook"); return }
        guard case .missingPart(_, "xl/_rels/workbook.xml.rels", _)? = xlsxError({ try Self.open(without("xl/_rels/workbook.xml.rels")) }) else { Issue.record("wb rels"); return }
        guard case .missingPart(_, "worksheets/sheet1.xml", _)? = xlsxError({ try Self.open(without(Self.sheetEntry)) }) else { Issue.record("sheet"); return }
        var b = WorkbookBuilder(sheetData: "")
        b.sharedStrings = WorkbookBuilder.sst([])
        var z = ZipBuilder()
        z.entries = b.entries().filter { $0.name != "xl/sharedStrings.xml" }
        guard case .missingPart(_, "sharedStrings.xml", _)? = xlsxError({ try Self.open(z.build()) }) else { Issue.record("sst"); return }
    }

    @Test func workbookWithoutSheets() throws {
        guard case .noSheets? = xlsxError({ try WorkbookBuilder(sheets: []).reader() }) else { Issue.record("expected noSheets"); return }
        #expect(throws: XLSXError.sheetIndexOutOfRange(file: "test.xlsx", index: 3, count: 1)) {
            try WorkbookBuilder(sheetData: "").reader().readSheet(at: 3)
        }
    }

    @Test func pathTraversalEntriesAreIgnored() throws {
        var b = WorkbookBuilder(sheetData: "<row><c><v>1</v></c></row>")
        for name in ["../evil.xml", "/etc/passwd", "xl/../../evil", "C:\\evil.xml", "xl\\worksheets\\sheet1.xml", "./x"] {
            b.extra.append(ZipBuilder.Entry(name: name, data: Array("<evil/>".utf8)))
        }
        let reader = try b.reader()
        #expect(Set(reader.ignoredEntries) == ["../evil.xml", "/etc/passwd", "xl/../../evil", "C:\\evil.xml", "xl\\worksheets\\sheet1.xml", "./x"])
        #expect(try reader.readSheet(at: 0).value("A1") == .number("1"))
        // A relationship that leaves the package does not resolve.
        var escape = WorkbookBuilder(sheets: [.init(name: "S", xml: WorkbookBuilder.worksheet(""), partName: "worksheets/sheet1.xml")])
        escape.sheets[0].partName = "worksheets/sheet1.xml"
        var z = ZipBuilder()
        z.entries = escape.entries().map { e in
            var e = e
            if e.name == "xl/_rels/workbook.xml.rels" {
                e.data = Array(String(decoding: e.data, as: UTF8.self).replacingOccurrences(of: "worksheets/sheet1.xml", with: "../../../etc/passwd").utf8)
            }
            return e
        }
        guard case .missingPart(_, "../../../etc/passwd", _)? = xlsxError({ try Self.open(z.build()) }) else { Issue.record("escape"); return }
    }

    @Test func truncatedZipAtEveryCut() throws {
        let full = WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Đạt</t></is></c></row>").build()
        var cut = 1
        while cut < full.count {
            let error = xlsxError({ try Self.open(Array(full[0..<cut])) })
            #expect(error != nil, "cut at \(cut) of \(full.count) was accepted")
            cut += 7
        }
        guard case .zip(.truncated)? = xlsxError({ try Self.open(Array(full[0..<(full.count / 2)])) }) else { Issue.record("expected truncatedZip"); return }
    }

    @Test func zeroByteFile() throws {
        #expect(throws: XLSXError.emptyFile(file: "hostile.xlsx")) { try Self.open([]) }
        let path = NSTemporaryDirectory() + "bieu-empty-\(UUID().uuidString).xlsx"
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: XLSXError.emptyFile(file: path)) { try XLSXReader(path: path) }
        let missing = xlsxError({ try XLSXReader(path: path + ".missing") })
        #expect(missing?.message(.vi).contains("tệp không tồn tại") == true)
        #expect(missing?.message(.en).contains("No such file or directory") == true)
        let directory = xlsxError({ try XLSXReader(path: NSTemporaryDirectory()) })
        #expect(directory?.message(.vi).contains("thư mục") == true)
    }

    @Test func pngRenamedXlsx() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [UInt8](repeating: 0, count: 40)
        #expect(throws: XLSXError.notAWorkbook(file: "hostile.xlsx", detected: .png)) { try Self.open(png) }
        #expect(throws: XLSXError.notAWorkbook(file: "hostile.xlsx", detected: .pdf)) { try Self.open(Array("%PDF-1.7\n".utf8)) }
        #expect(throws: XLSXError.notAWorkbook(file: "hostile.xlsx", detected: .text)) { try Self.open(Array("STT;Chỉ tiêu\n1;Đạt\n".utf8)) }
    }

    /// A minimal OLE compound file header followed by directory entries named `names`.
    static func oleFile(_ names: [String]) -> [UInt8] {
        var bytes = FormatSniffer.oleMagic + [UInt8](repeating: 0, count: 504)
        for name in names {
            var entry = [UInt8](repeating: 0, count: 128)
            for (i, u) in name.utf16.enumerated() { entry[2 * i] = UInt8(u & 0xFF); entry[2 * i + 1] = UInt8(u >> 8) }
            bytes += entry
        }
        return bytes
    }

    @Test func oldXlsFile() throws {
        let error = xlsxError({ try Self.open(Self.oleFile(["Root Entry", "Workbook", "\u{5}SummaryInformation"])) })
        #expect(error == .legacyExcelFile(file: "hostile.xlsx"))
        #expect(error?.message(.vi).contains("Excel 97-2003") == true)
        #expect(error?.message(.en).contains("save it as .xlsx") == true)
    }

    @Test func encryptedWorkbook() throws {
        let error = xlsxError({ try Self.open(Self.oleFile(["Root Entry", "EncryptionInfo", "EncryptedPackage", "\u{6}DataSpaces"])) })
        #expect(error == .encryptedWorkbook(file: "hostile.xlsx"))
        #expect(error?.message(.vi).contains("mật khẩu") == true)
        #expect(error?.message(.en).contains("remove the password") == true)
    }

    @Test func odsRenamedXlsx() throws {
        var z = ZipBuilder()
        z.add(ZipBuilder.Entry(name: "mimetype", data: Array("application/vnd.oasis.opendocument.spreadsheet".utf8), deflate: false))
        z.add("content.xml", "<office:document-content/>")
        z.add("META-INF/manifest.xml", "<manifest/>")
        #expect(throws: XLSXError.openDocumentSpreadsheet(file: "hostile.xlsx")) { try Self.open(z.build()) }
    }

    @Test func otherZipsAndOfficeDocuments() throws {
        var z = ZipBuilder()
        z.add("readme.txt", "hello")
        #expect(throws: XLSXError.notAWorkbook(file: "hostile.xlsx", detected: .otherZip)) { try Self.open(z.build()) }
        var docx = ZipBuilder()
        docx.add("[Content_Types].xml", "<Types/>")
        docx.add("_rels/.rels", "<Relationships><Relationship Id=\"r\" Type=\"\(WorkbookBuilder.rel)/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
        docx.add("word/document.xml", "<w:document xmlns:w=\"x\"><w:body/></w:document>")
        #expect(throws: XLSXError.notAWorkbook(file: "hostile.xlsx", detected: .otherOfficeDocument)) { try Self.open(docx.build()) }
    }

    @Test func zipStructureDefects() throws {
        // Duplicate names.
        var b = WorkbookBuilder(sheetData: "")
        b.extra = [ZipBuilder.Entry(name: "XL/Workbook.xml", data: Array("<workbook/>".utf8))]
        guard case .zip(.duplicateEntry)? = xlsxError({ try b.reader() }) else { Issue.record("duplicate"); return }
        // Unsupported method and encrypted entry.
        let bzip = Self.withSheetEntry { $0.method = 12 }
        guard case .zip(.unsupportedCompression(_, Self.sheetEntry, 12))? = xlsxError({ try Self.open(bzip) }) else { Issue.record("method"); return }
        let encrypted = Self.withSheetEntry { $0.flags |= 1 }
        guard case .zip(.encryptedEntry(_, Self.sheetEntry))? = xlsxError({ try Self.open(encrypted) }) else { Issue.record("encrypted"); return }
        // Damaged deflate data.
        let damaged = Self.withSheetEntry { $0.raw = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]; $0.declaredSize = 100 }
        guard case .zip(.inflateFailed)? = xlsxError({ try Self.open(damaged) }) else { Issue.record("inflate"); return }
        // Entry count in the end record that lies.
        var bytes = WorkbookBuilder(sheetData: "").build()
        bytes[bytes.count - 12] &+= 1
        bytes[bytes.count - 14] &+= 1
        guard case .zip(.corrupt)? = xlsxError({ try Self.open(bytes) }) else { Issue.record("count"); return }
    }

    @Test func overlappingEntriesAreRefused() throws {
        // Two central records pointing at the same local header (a zip-bomb trick).
        var b = WorkbookBuilder(sheetData: "")
        var z = ZipBuilder()
        z.entries = b.entries()
        var bytes = z.build()
        // Find the central record of the last entry and point its local offset at the first entry.
        let cdOffset = Int(le32(bytes, bytes.count - 6))
        var p = cdOffset
        var last = p
        while le32(bytes, p) == 0x0201_4B50 {
            last = p
            p += 46 + Int(le16(bytes, p + 28)) + Int(le16(bytes, p + 30)) + Int(le16(bytes, p + 32))
        }
        for k in 0..<4 { bytes[last + 42 + k] = 0 }
        let error = xlsxError({ try Self.open(bytes) })
        guard case .zip(.corrupt)? = error else { Issue.record("expected corruptZip, got \(String(describing: error))"); return }
        b.extra = []
    }

    /// Deterministic mutation: flipping bytes of a valid workbook never crashes.
    @Test func randomByteFlipsNeverCrash() throws {
        var b = WorkbookBuilder(sheetData: """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45631</v></c><c r="C1"><f>A1</f><v>2</v></c></row>
        """)
        b.sharedStrings = WorkbookBuilder.sst(["<t>Chỉ tiêu</t>"])
        b.styles = testStyles
        var z = ZipBuilder()
        z.entries = b.entries().map { var e = $0; e.deflate = false; return e }   // stored: flips reach the XML
        let original = z.build()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func rand() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        var failures = 0
        for _ in 0..<1500 {
            var bytes = original
            for _ in 0..<(1 + Int(rand() % 4)) {
                let i = Int(rand() % UInt64(bytes.count))
                bytes[i] = UInt8(truncatingIfNeeded: rand())
            }
            if xlsxError({ try Self.open(bytes) }) != nil { failures += 1 }
        }
        #expect(failures > 0)   // CRC-32 catches most flips; the point is that none crashed.
    }

    @Test func everyErrorHasBothLanguages() throws {
        let cell = SheetCell(sheet: "Biểu 01", address: CellAddress(row: 11, column: 5))
        let all: [XLSXError] = [
            .cannotOpen(file: "f.xlsx", reason: "r"), .emptyFile(file: "f.xlsx"), .notAWorkbook(file: "f.xlsx", detected: .png),
            .legacyExcelFile(file: "f.xlsx"), .encryptedWorkbook(file: "f.xlsx"), .openDocumentSpreadsheet(file: "f.xlsx"),
            .zip(.truncated(file: "f.xlsx")), .zip(.corrupt(file: "f.xlsx", entry: "e", defect: .overlappingEntries)),
            .zip(.unsupportedCompression(file: "f.xlsx", entry: "e", method: 12)), .zip(.encryptedEntry(file: "f.xlsx", entry: "e")),
            .zip(.duplicateEntry(file: "f.xlsx", entry: "e")), .zip(.entryTooLarge(file: "f.xlsx", entry: "e", size: 2, limit: 1)),
            .zip(.totalSizeExceeded(file: "f.xlsx", size: 2, limit: 1)), .zip(.compressionRatioExceeded(file: "f.xlsx", entry: "e", ratio: 999, limit: 250)),
            .zip(.sizeMismatch(file: "f.xlsx", entry: "e", declared: 1, actual: 2)), .zip(.checksumMismatch(file: "f.xlsx", entry: "e")),
            .zip(.inflateFailed(file: "f.xlsx", entry: "e", offset: 3, reason: "r")), .missingPart(file: "f.xlsx", part: "p", referencedFrom: "q"),
            .xml(file: "f.xlsx", entry: "e", offset: 5, problem: .doctypeNotAllowed),
            .cellReferenceOutOfRange(file: "f.xlsx", sheet: "s", reference: "XFE1"), .rowNumberOutOfRange(file: "f.xlsx", sheet: "s", row: "0"),
            .columnOutOfRange(file: "f.xlsx", sheet: "s", column: "0"), .invalidMergeRange(file: "f.xlsx", sheet: "s", range: "A"),
            .tooManyCellsInRow(file: "f.xlsx", sheet: "s", row: 1, limit: 2),
            .sharedStringIndexOutOfRange(file: "f.xlsx", cell: cell, index: "9", count: 2),
            .tooManySharedStrings(file: "f.xlsx", limit: 1), .sharedStringsTooLarge(file: "f.xlsx", limit: 1),
            .invalidCellValue(file: "f.xlsx", cell: cell, type: "n", value: "abc"), .sheetIndexOutOfRange(file: "f.xlsx", index: 1, count: 1),
            .noSheets(file: "f.xlsx"),
        ]
        for e in all {
            let vi = e.message(.vi), en = e.message(.en)
            #expect(vi.contains("f.xlsx") && en.contains("f.xlsx"))
            #expect(vi != en)
            #expect(e.description == vi)
        }
        #expect(XLSXError.sharedStringIndexOutOfRange(file: "f.xlsx", cell: cell, index: "9", count: 2).message(.vi).contains("Biểu 01!F12"))
    }
}
