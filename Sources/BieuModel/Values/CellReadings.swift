import BieuCore

/// How cell texts read (``ValueParser/parse(_:)``), remembered for the texts that
/// repeat down a table (`Đạt`, `>90`, `5-6`, a sentence copied to many rows). The
/// parser is a pure function of the text's bytes, so a remembered reading is the
/// reading; bounded in entries and text length.
final class CellReadings {
    static let maxEntries = 4096
    static let maxTextBytes = 256
    private var entries: [String: CellValue] = [:]
    var count: Int { entries.count }

    func parse(_ text: String) -> CellValue {
        guard text.utf8.count <= CellReadings.maxTextBytes else { return ValueParser.parse(text) }
        if let i = entries.index(forKey: text) {
            let (key, value) = entries[i]
            // String equality is canonical equivalence; the reading is the parser's for these bytes.
            if key.utf8.elementsEqual(text.utf8) { return value }
            return ValueParser.parse(text)
        }
        let value = ValueParser.parse(text)
        if entries.count < CellReadings.maxEntries { entries[text] = value }
        return value
    }
}
