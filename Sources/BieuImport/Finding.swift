import BieuCore

/// One thing the importer or a validation rule noticed, with where it is.
///
/// Validation returns findings; it never throws. Every finding names the
/// sheet and cell (`Biểu 01!F12`) when it concerns one, and the row and column
/// ids, so a person can find it in the file and a program in the data.
public struct Finding: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        /// Informational: something was interpreted in a way worth knowing.
        case note
        /// Probably wrong, but the data can still be used.
        case warning
        /// The data cannot be trusted until this is fixed; nothing is written without `--force`.
        case error

        var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

        public func label(_ language: Language) -> String {
            switch (self, language) {
            case (.note, .vi): return "ghi chú"
            case (.warning, .vi): return "cảnh báo"
            case (.error, .vi): return "lỗi"
            case (.note, .en): return "note"
            case (.warning, .en): return "warning"
            case (.error, .en): return "error"
            }
        }
    }

    public var severity: Severity
    /// A stable rule code, e.g. `computed-mismatch`, `ambiguous-number`.
    public var code: String
    /// The cell concerned, when there is one.
    public var location: SheetCell?
    public var tableID: String?
    public var rowID: String?
    public var columnID: String?
    public var message: Bilingual

    public init(_ severity: Severity, _ code: String, at location: SheetCell? = nil, table: String? = nil, row: String? = nil,
                column: String? = nil, vi: String, en: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.tableID = table
        self.rowID = row
        self.columnID = column
        self.message = Bilingual(vi: vi, en: en)
    }

    /// `Biểu 01!F12: cảnh báo [computed-mismatch] …`
    public func line(_ language: Language) -> String {
        var place = location.map { "\($0.text(language)): " } ?? ""
        var ids: [String] = []
        if let rowID { ids.append((language == .vi ? "dòng " : "row ") + rowID) }
        if let columnID { ids.append((language == .vi ? "cột " : "column ") + columnID) }
        if !ids.isEmpty { place += "(" + ids.joined(separator: ", ") + ") " }
        return "\(place)\(severity.label(language)) [\(code)] \(message.text(language))"
    }
}

extension Array where Element == Finding {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var noteCount: Int { filter { $0.severity == .note }.count }
}
