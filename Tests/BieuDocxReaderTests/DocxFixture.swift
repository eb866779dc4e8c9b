import BieuZip

/// Small .docx packages written in the test, from the body's WordprocessingML.
enum DocxFixture {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let types = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
    """
    static func rels(target: String = "word/document.xml") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="\(target)"/></Relationships>
        """
    }

    /// `body` inside `<w:document><w:body>`.
    static func document(_ body: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"\(w)\"><w:body>\(body)</w:body></w:document>"
    }

    /// A package with the given document part (the whole XML) and extra entries.
    static func package(documentXML: String, target: String = "word/document.xml", extra: [(String, [UInt8])] = []) -> [UInt8] {
        var zip = ZipWriter(file: "t.docx")
        try! zip.add("[Content_Types].xml", Array(types.utf8))
        try! zip.add("_rels/.rels", Array(rels(target: target).utf8))
        try! zip.add("word/document.xml", Array(documentXML.utf8))
        for (name, bytes) in extra { try! zip.add(name, bytes) }
        return zip.bytes()
    }

    static func package(body: String) -> [UInt8] { package(documentXML: document(body)) }

    /// A cell: `span` grid columns, `merge` "restart"/"continue"/nil, paragraphs given as raw run XML.
    static func tc(_ runs: String..., span: Int = 1, merge: String? = nil) -> String {
        var pr = ""
        if span > 1 { pr += "<w:gridSpan w:val=\"\(span)\"/>" }
        if let merge { pr += merge == "restart" ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>" }
        let paragraphs = runs.isEmpty ? "<w:p/>" : runs.map { "<w:p>\($0)</w:p>" }.joined()
        return "<w:tc>\(pr.isEmpty ? "" : "<w:tcPr>\(pr)</w:tcPr>")\(paragraphs)</w:tc>"
    }

    /// A plain run of text.
    static func r(_ text: String) -> String { "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>" }

    static func tr(_ cells: String..., header: Bool = false) -> String {
        "<w:tr>\(header ? "<w:trPr><w:tblHeader/></w:trPr>" : "")\(cells.joined())</w:tr>"
    }

    static func tbl(widths: [Int], _ rows: String...) -> String {
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>\(widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined())</w:tblGrid>\(rows.joined())</w:tbl>"
    }

    static func paragraph(_ text: String) -> String { "<w:p>\(r(text))</w:p>" }
}
