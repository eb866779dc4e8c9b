import BieuCore
import Testing
@testable import BieuXLSXReader

@Suite("Cell values")
struct ValueTests {
    @Test func sharedStringsWithRichTextAndPhoneticRuns() throws {
        var b = WorkbookBuilder(sheetData: """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v> 2 </v></c><c r="D1" t="s"><v>3</v></c></row>
        """)
        b.sharedStrings = WorkbookBuilder.sst([
            "<t>Chỉ tiêu</t>",
            "<r><rPr><b/></rPr><t>Thu nhập </t></r><r><t xml:space=\"preserve\">bình quân</t></r><rPh sb=\"0\" eb=\"2\"><t>フリガナ</t></rPh><phoneticPr fontId=\"1\"/>",
            "<t>A &amp; B &lt;5&gt; &quot;x&quot; &apos;y&apos; &#272;&#x1EA1;t</t>",
            "<t/>",
        ])
        let sheet = try b.firstSheet()
        #expect(sheet.value("A1") == .string("Chỉ tiêu"))
        #expect(sheet.value("B1") == .string("Thu nhập bình quân"))
        #expect(sheet.value("C1") == .string("A & B <5> \"x\" 'y' Đạt"))
        #expect(sheet.value("D1") == .empty)  // an empty string is no content
        #expect(sheet.cells.count == 3)
    }

    @Test func inlineStringsKeepWhitespaceAndIgnorePhonetics() throws {
        let sheet = try WorkbookBuilder(sheetData: """
        <row r="2"><c r="B2" t="inlineStr"><is><t xml:space="preserve">  Đơn vị  </t></is></c>\
        <c r="C2" t="inlineStr"><is><r><t>Vượt</t></r><r><t> kế hoạch</t></r><rPh><t>x</t></rPh></is></c></row>
        """).firstSheet()
        #expect(sheet.value("B2") == .string("  Đơn vị  "))
        #expect(sheet.value("C2") == .string("Vượt kế hoạch"))
    }

    @Test func numbersKeepTheirLiteral() throws {
        var b = WorkbookBuilder(sheetData: """
        <row r="1"><c r="A1"><v>41160</v></c><c r="B1" t="n"><v>0.292</v></c><c r="C1" s="3"><v>1E-3</v></c>\
        <c r="D1" s="4"><v>0.30000000000000004</v></c><c r="E1"><v>-12.5</v></c><c r="F1" s="5"><v>2815</v></c></row>
        """)
        b.styles = testStyles
        let sheet = try b.firstSheet()
        #expect(sheet.value("A1") == .number("41160"))
        #expect(sheet.value("B1") == .number("0.292"))
        #expect(sheet.value("C1") == .number("1E-3"))
        #expect(sheet.cell(at: CellAddress(a1: "C1")!)?.numberFormat == "#,##0")
        #expect(sheet.value("D1") == .number("0.30000000000000004"))
        #expect(sheet.cell(at: CellAddress(a1: "D1")!)?.numberFormat == "0.00%")
        #expect(sheet.value("E1") == .number("-12.5"))
        #expect(sheet.cell(at: CellAddress(a1: "E1")!)?.numberFormat == nil)
        #expect(sheet.value("F1") == .number("2815"))
        #expect(sheet.cell(at: CellAddress(a1: "F1")!)?.numberFormat == "0.0 \"ha\"")
    }

    @Test func booleansAndErrors() throws {
        let sheet = try WorkbookBuilder(sheetData: """
        <row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#DIV/0!</v></c>\
        <c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E1" t="e"><v>#N/A</v></c></row>
        """).firstSheet()
        #expect(sheet.value("A1") == .boolean(true))
        #expect(sheet.value("B1") == .boolean(false))
        #expect(sheet.value("C1") == .error("#DIV/0!"))
        #expect(sheet.value("D1") == .error("#DIV/0!"))
        #expect(sheet.cell(at: CellAddress(a1: "D1")!)?.formula == "1/0")
        #expect(sheet.value("E1") == .error("#N/A"))
    }

    @Test func formulasWithAndWithoutCachedValues() throws {
        let sheet = try WorkbookBuilder(sheetData: """
        <row r="1"><c r="A1"><f>SUM(B1:C1)</f><v>3</v></c><c r="B1"><f>SUM(X1:Y1)</f></c><c r="C1"><f>SUM(X1:Y1)</f><v></v></c>\
        <c r="D1" t="str"><f>"Đạt"&amp;""</f><v>Đạt</v></c><c r="E1" t="b"><f>TRUE()</f><v>1</v></c>\
        <c r="F1" t="e"><f>1/0</f></c><c r="G1" t="str"><f>""</f><v></v></c></row>
        """).firstSheet()
        #expect(sheet.value("A1") == .number("3"))
        #expect(sheet.cell(at: CellAddress(a1: "A1")!)?.formula == "SUM(B1:C1)")
        #expect(sheet.value("B1") == .formulaWithoutValue)
        #expect(sheet.value("C1") == .formulaWithoutValue)
        #expect(sheet.value("D1") == .string("Đạt"))
        #expect(sheet.cell(at: CellAddress(a1: "D1")!)?.formula == "\"Đạt\"&\"\"")
        #expect(sheet.value("E1") == .boolean(true))
        #expect(sheet.value("F1") == .formulaWithoutValue)
        #expect(sheet.value("G1") == .string(""))
        #expect(sheet.cell(at: CellAddress(a1: "G1")!)?.formula == "\"\"")
    }

    @Test func sharedFormulasAreTranslated() throws {
        let sheet = try WorkbookBuilder(sheetData: """
        <row r="2"><c r="C2"><f t="shared" ref="C2:C4" si="0">A2*$B$1+SUM(A$2:B2)+'Biểu 02'!A2</f><v>1</v></c></row>\
        <row r="3"><c r="C3"><f t="shared" si="0"/><v>2</v></c><c r="D3"><f t="shared" si="0"/><v>2</v></c></row>
        """).firstSheet()
        #expect(sheet.cell(at: CellAddress(a1: "C2")!)?.formula == "A2*$B$1+SUM(A$2:B2)+'Biểu 02'!A2")
        #expect(sheet.cell(at: CellAddress(a1: "C3")!)?.formula == "A3*$B$1+SUM(A$2:B3)+'Biểu 02'!A3")
        #expect(sheet.cell(at: CellAddress(a1: "D3")!)?.formula == "B3*$B$1+SUM(B$2:C3)+'Biểu 02'!B3")
    }

    @Test func datesInBothSystems() throws {
        var b = WorkbookBuilder(sheetData: """
        <row r="1"><c r="A1" s="1"><v>45631</v></c><c r="B1" s="2"><v>45631.5</v></c><c r="C1" s="6"><v>0.75</v></c>\
        <c r="D1" s="5"><v>45631</v></c><c r="E1" t="d"><v>2024-12-05</v></c><c r="F1" t="d"><v>2024-12-05T12:00:00</v></c></row>
        """)
        b.styles = testStyles
        let sheet = try b.firstSheet()
        #expect(sheet.value("A1") == .date(serial: "45631", date1904: false))
        #expect(sheet.cell(at: CellAddress(a1: "A1")!)?.numberFormat == "mm-dd-yy")
        #expect(sheet.value("B1") == .date(serial: "45631.5", date1904: false))
        #expect(sheet.cell(at: CellAddress(a1: "B1")!)?.numberFormat == "dd/mm/yyyy")
        #expect(sheet.value("C1") == .date(serial: "0.75", date1904: false))
        #expect(sheet.value("D1") == .number("45631"))
        #expect(sheet.value("E1") == .date(serial: "45631", date1904: false))
        #expect(sheet.value("F1") == .date(serial: "45631.5", date1904: false))

        b.date1904 = true
        b.sheets[0].xml = WorkbookBuilder.worksheet("""
        <row r="1"><c r="A1" s="1"><v>44169</v></c><c r="E1" t="d"><v>2024-12-05</v></c></row>
        """)
        let s1904 = try b.firstSheet()
        #expect(try b.reader().date1904)
        #expect(s1904.value("A1") == .date(serial: "44169", date1904: true))
        #expect(s1904.value("E1") == .date(serial: "44169", date1904: true))
    }

    @Test(arguments: [
        ("dd/mm/yyyy", true), ("[$-42A]dd/mm/yyyy", true), ("h:mm:ss", true), ("[h]:mm", true), ("mmm-yy", true),
        ("#,##0", false), ("0.00%", false), ("0.0 \"ngày\"", false), ("#,##0\\ \"đ\"", false), ("0.00E+00", false),
        ("General", false), ("[Red]#,##0;[Blue]-#,##0", false), ("@", false), ("_(* #,##0_)", false), ("[$₫-42A] #,##0", false),
        ("yyyy", true), ("0.0;\"d\"", false),
    ])
    func dateFormatDetection(code: String, isDate: Bool) {
        #expect(NumberFormats.isDateFormat(code) == isDate, "\(code)")
    }

    @Test func builtInFormatCodes() {
        #expect(NumberFormats.builtIn[3] == "#,##0")
        #expect(NumberFormats.builtIn[4] == "#,##0.00")
        #expect(NumberFormats.builtIn[9] == "0%")
        #expect(NumberFormats.builtIn[10] == "0.00%")
        for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47] { #expect(NumberFormats.isBuiltInDate(id)) }
        for id in [0, 1, 2, 3, 4, 9, 10, 11, 49] { #expect(!NumberFormats.isBuiltInDate(id)) }
    }

    @Test func xEscapesAreDecodedRight() throws {
        var b = WorkbookBuilder(sheetData: """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Tab_x0009_here_x000D__x000A_end</t></is></c>\
        <c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="inlineStr"><is><t>_xD83D__xDE00_ _xZZZZ_ _x00</t></is></c></row>
        """)
        b.sharedStrings = WorkbookBuilder.sst(["<t>a_x005F_x0041_b</t>", "<t>_x0041__x0042_</t>", "<t>_x005f_</t>"])
        let sheet = try b.firstSheet()
        #expect(sheet.value("A1") == .string("a_x0041_b"))
        #expect(sheet.value("B1") == .string("Tab\there\r\nend"))
        #expect(sheet.value("C1") == .string("AB"))
        #expect(sheet.value("D1") == .string("_"))
        #expect(sheet.value("E1") == .string("😀 _xZZZZ_ _x00"))
    }

    @Test func lineEndsAreNormalised() throws {
        let sheet = try WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb\rc&#13;d</t></is></c></row>").firstSheet()
        #expect(sheet.value("A1") == .string("a\nb\nc\rd"))
    }

    @Test func decomposedVietnameseBecomesNFC() throws {
        let nfd = "Chi\u{0309} tiêu ke\u{0302}\u{0301} hoa\u{0323}ch"
        var b = WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>\(nfd)</t></is></c></row>",
                                sheetName: "Bie\u{0302}\u{0309}u 01")
        b.sharedStrings = WorkbookBuilder.sst(["<t>\(nfd)</t>"])
        let reader = try b.reader()
        #expect(reader.sheets[0].name == "Biểu 01")
        let sheet = try reader.readSheet(at: 0)
        #expect(sheet.value("A1") == .string("Chỉ tiêu kế hoạch"))
        #expect(sheet.value("B1") == .string("Chỉ tiêu kế hoạch"))
        #expect(sheet.value("A1") != .string(nfd) || nfd == "Chỉ tiêu kế hoạch")
    }

    @Test func mergedRangesAndHiddenRowsAndColumns() throws {
        let xml = WorkbookBuilder.worksheet("""
        <row r="1"><c r="A1" t="inlineStr"><is><t>BIỂU 01</t></is></c></row><row r="2" hidden="1"/><row r="4" hidden="true"><c r="B4"><v>1</v></c></row>
        """, before: "<cols><col min=\"2\" max=\"3\" width=\"0\" hidden=\"1\"/><col min=\"5\" max=\"5\" width=\"9\"/></cols>",
             after: "<mergeCells count=\"2\"><mergeCell ref=\"A1:K1\"/><mergeCell ref=\"J3:J4\"/></mergeCells>")
        let sheet = try WorkbookBuilder(sheets: [.init(name: "S", xml: xml)]).firstSheet()
        #expect(sheet.merges == [CellRange(a1: "A1:K1")!, CellRange(a1: "J3:J4")!])
        #expect(sheet.hiddenRows == [1, 3])
        #expect(sheet.hiddenColumns == [1, 2])
    }

    @Test func cellsAndRowsWithoutReferences() throws {
        let sheet = try WorkbookBuilder(sheetData: """
        <row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row><c><v>7</v></c></row>\
        <row r="5"><c r="C5"><v>8</v></c></row><row><c><v>9</v></c></row>
        """).firstSheet()
        #expect(sheet.cells.map(\.address.a1) == ["A1", "B1", "E1", "F1", "A2", "C5", "A6"])
        #expect(sheet.value("F1") == .number("6"))
        #expect(sheet.value("A6") == .number("9"))
    }

    @Test func namespacePrefixesAndStrictOOXML() throws {
        let sheetXML = """
        <?xml version="1.0"?><x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:sheetData>\
        <x:row x:r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>3.5</x:v></x:c></x:row></x:sheetData></x:worksheet>
        """
        var b = WorkbookBuilder(sheets: [.init(name: "Strict", xml: sheetXML)])
        b.strict = true
        b.sharedStrings = "<x:sst xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><x:si><x:t>Đạt</x:t></x:si></x:sst>"
        let sheet = try b.firstSheet()
        #expect(sheet.value("A1") == .string("Đạt"))
        #expect(sheet.value("B1") == .number("3.5"))
    }

    @Test func sheetsFollowWorkbookOrderAndRelationshipsNotFileNames() throws {
        let one = WorkbookBuilder.worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")
        let two = WorkbookBuilder.worksheet("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>")
        let three = WorkbookBuilder.worksheet("<row r=\"1\"><c r=\"A1\"><v>3</v></c></row>")
        var b = WorkbookBuilder(sheets: [
            .init(name: "Biểu 02", xml: two, partName: "worksheets/sheet3.xml"),
            .init(name: "Ẩn", xml: three, state: "hidden", partName: "worksheets/sheet1.xml"),
            .init(name: "Rất ẩn", xml: one, state: "veryHidden", partName: "../xl/worksheets/./sheet2.xml"),
        ])
        b.definedNames = "<definedName name=\"bieu.template\">\"bieu-01\"</definedName><definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'Biểu 02'!$A$1:$K$40</definedName>"
        let reader = try b.reader()
        #expect(reader.sheets.map(\.name) == ["Biểu 02", "Ẩn", "Rất ẩn"])
        #expect(reader.sheets.map(\.state) == [.visible, .hidden, .veryHidden])
        #expect(reader.sheets.map(\.partName) == ["xl/worksheets/sheet3.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        let wb = try reader.readWorkbook()
        #expect(wb.sheets.map { $0.value("A1") } == [.number("2"), .number("3"), .number("1")])
        #expect(wb.definedNames == ["bieu.template": "\"bieu-01\"", "Biểu 02!_xlnm.Print_Area": "'Biểu 02'!$A$1:$K$40"])
    }

    @Test func outOfOrderAndDuplicateCellsAreSortedLastWins() throws {
        let sheet = try WorkbookBuilder(sheetData: """
        <row r="3"><c r="B3"><v>1</v></c></row><row r="1"><c r="C1"><v>2</v></c><c r="A1"><v>3</v></c><c r="C1"><v>4</v></c></row>
        """).firstSheet()
        #expect(sheet.cells.map(\.address.a1) == ["A1", "C1", "B3"])
        #expect(sheet.value("C1") == .number("4"))
    }

    @Test func aRowWith16384CellsIsLegal() throws {
        var row = "<row r=\"1\">"
        for c in 0..<CellAddress.maxColumns { row += "<c r=\"\(CellAddress.columnLetters(c))1\"><v>\(c)</v></c>" }
        row += "</row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>"
        let sheet = try WorkbookBuilder(sheetData: row).firstSheet()
        #expect(sheet.cells.count == CellAddress.maxColumns + 1)
        #expect(sheet.value("XFD1") == .number("16383"))
        #expect(sheet.value("XFD1048576") == .number("1"))
    }

    @Test func streamingDeliversRowsAndLayout() throws {
        let xml = WorkbookBuilder.worksheet("""
        <row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2" hidden="1"/><row r="3"><c r="A3"><v>3</v></c></row>
        """, after: "<mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells>")
        let reader = try WorkbookBuilder(sheets: [.init(name: "S", xml: xml)]).reader()
        var rows: [XLSXRow] = []
        let layout = try reader.readSheet(at: 0) { rows.append($0) }
        #expect(rows.map(\.index) == [0, 1, 2])
        #expect(rows.map(\.hidden) == [false, true, false])
        #expect(rows.map(\.cells.count) == [2, 0, 1])
        #expect(layout.merges == [CellRange(a1: "A1:B1")!])
        #expect(layout.hiddenRows == [1])
    }

    @Test func streamingPassesTheCallersErrorThrough() throws {
        struct Stop: Error {}
        let reader = try WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c></row>").reader()
        var seen = 0
        #expect(throws: Stop.self) {
            try reader.readSheet(at: 0) { _ in seen += 1; throw Stop() }
        }
        #expect(seen == 1)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 13, 64])
    func chunkBoundariesAnywhere(granularity: Int) throws {
        var b = WorkbookBuilder(sheetData: """
        <row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45631</v></c><c r="C1" t="inlineStr"><is><t>Tổng &amp; cộng &#x1EA1;_x005F_x</t></is></c>\
        <!-- comment with <tags> --><c r="D1"><f>SUM(A1:C1)</f><v>1.5</v></c></row><row r="2" hidden="1"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c></row>\
        <row r="3"><c r="C3" t="str"><f>"a"</f><v><![CDATA[<Đạt>]]></v></c></row>
        """)
        b.sharedStrings = WorkbookBuilder.sst(["<r><t>Chỉ </t></r><r><t>tiêu</t></r><rPh><t>ignored</t></rPh>"])
        b.styles = testStyles
        let bytes = b.build()
        let whole = try XLSXReader(bytes: bytes, name: "t.xlsx").readWorkbook()
        let chunked = try XLSXReader(bytes: bytes, name: "t.xlsx", readGranularity: granularity).readWorkbook()
        #expect(whole == chunked)
        let sheet = chunked.sheets[0]
        #expect(sheet.value("A1") == .string("Chỉ tiêu"))
        #expect(sheet.value("C1") == .string("Tổng & cộng ạ_x"))
        #expect(sheet.value("B1") == .date(serial: "45631", date1904: false))
        #expect(sheet.value("C3") == .string("<Đạt>"))
        #expect(sheet.hiddenRows == [1])
        #expect(sheet.cells.count == 7)
    }

    @Test func storedEntriesWork() throws {
        var b = WorkbookBuilder(sheetData: "<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>")
        var z = ZipBuilder()
        z.entries = b.entries().map { var e = $0; e.deflate = false; return e }
        b.extra = []
        let sheet = try XLSXReader(bytes: z.build(), name: "stored.xlsx").readSheet(at: 0)
        #expect(sheet.value("A1") == .number("7"))
    }
}
