import BieuCore
@testable import BieuXLSXReader

/// Assembles small XLSX packages from XML snippets, for unit tests.
struct WorkbookBuilder {
    struct Sheet {
        var name: String
        var xml: String
        var state: String? = nil
        var partName: String? = nil
    }

    var sheets: [Sheet] = []
    var sharedStrings: String?
    var styles: String?
    var date1904 = false
    var definedNames = ""
    var strict = false
    var extra: [ZipBuilder.Entry] = []

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    init(sheetData: String = "", sheetName: String = "Biểu 01") {
        sheets = [Sheet(name: sheetName, xml: Self.worksheet(sheetData))]
    }

    init(sheets: [Sheet]) { self.sheets = sheets }

    /// A worksheet part around `<sheetData>` content (and optional trailing parts).
    static func worksheet(_ sheetData: String, before: String = "", after: String = "") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"\(main)\" xmlns:r=\"\(rel)\">\(before)<sheetData>\(sheetData)</sheetData>\(after)</worksheet>"
    }

    static func sst(_ items: [String]) -> String {
        "<sst xmlns=\"\(main)\" count=\"\(items.count)\" uniqueCount=\"\(items.count)\">" + items.map { "<si>\($0)</si>" }.joined() + "</sst>"
    }

    func entries() -> [ZipBuilder.Entry] {
        let mainNS = strict ? "http://purl.oclc.org/ooxml/spreadsheetml/main" : Self.main
        let relNS = strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships" : Self.rel
        var e: [ZipBuilder.Entry] = []
        func add(_ name: String, _ text: String) { e.append(ZipBuilder.Entry(name: name, data: Array(text.utf8))) }
        add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
        add("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(relNS)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        var rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        var sheetList = ""
        for (i, s) in sheets.enumerated() {
            let part = s.partName ?? "worksheets/sheet\(i + 1).xml"
            rels += "<Relationship Id=\"rIdS\(i)\" Type=\"\(relNS)/worksheet\" Target=\"\(part)\"/>"
            let state = s.state.map { " state=\"\($0)\"" } ?? ""
            sheetList += "<sheet name=\"\(xmlEscape(s.name))\" sheetId=\"\(i + 1)\"\(state) r:id=\"rIdS\(i)\"/>"
            add(Relationships.resolve(target: part, sourcePart: "xl/workbook.xml")!, s.xml)
        }
        if let sharedStrings {
            rels += "<Relationship Id=\"rIdSST\" Type=\"\(relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            add("xl/sharedStrings.xml", sharedStrings)
        }
        if let styles {
            rels += "<Relationship Id=\"rIdST\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>"
            add("xl/styles.xml", styles)
        }
        rels += "</Relationships>"
        add("xl/_rels/workbook.xml.rels", rels)
        let pr = date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>"
        let names = definedNames.isEmpty ? "" : "<definedNames>\(definedNames)</definedNames>"
        add("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">\(pr)<sheets>\(sheetList)</sheets>\(names)</workbook>")
        return e + extra
    }

    func build() -> [UInt8] {
        var z = ZipBuilder()
        z.entries = entries()
        return z.build()
    }

    func reader(limits: XLSXLimits = .default) throws(XLSXError) -> XLSXReader {
        try XLSXReader(bytes: build(), name: "test.xlsx", limits: limits)
    }

    /// The first sheet, read whole.
    func firstSheet(limits: XLSXLimits = .default) throws(XLSXError) -> GridSheet {
        try reader(limits: limits).readSheet(at: 0)
    }
}

func xmlEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: "\"", with: "&quot;")
}

/// Styles with cellXfs: 0 General, 1 id 14 (date), 2 custom 164 `dd/mm/yyyy`, 3 id 3 `#,##0`,
/// 4 id 10 `0.00%`, 5 custom 165 `0.0 "ha"` (not a date), 6 custom 166 `[$-42A]h:mm` (time).
let testStyles = """
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3">\
<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0 &quot;ha&quot;"/>\
<numFmt numFmtId="166" formatCode="[$-42A]h:mm"/></numFmts>\
<fonts count="1"><font/></fonts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/>\
<xf numFmtId="3"/><xf numFmtId="10"/><xf numFmtId="165"/><xf numFmtId="166"><alignment wrapText="1"/></xf></cellXfs>\
<dxfs count="1"><dxf><numFmt numFmtId="14" formatCode="yyyy"/></dxf></dxfs></styleSheet>
"""

extension GridSheet {
    /// The value at an A1 reference (`.empty` when absent).
    func value(_ a1: String) -> GridValue {
        cell(at: CellAddress(a1: a1)!)?.value ?? .empty
    }
}

/// The error a throwing expression produced, as `XLSXError`.
func xlsxError<T>(_ body: () throws -> T) -> XLSXError? {
    do {
        _ = try body()
        return nil
    } catch let e as XLSXError {
        return e
    } catch {
        return nil
    }
}
