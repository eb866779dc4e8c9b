import BieuCore

/// Why a template file was refused. Always names the file and the line.
public struct TemplateError: UserFacingError, Equatable {
    public var file: String
    /// 1-based line and column in the template file (0 when unknown).
    public var line: Int
    public var column: Int
    public var reason: Bilingual

    public init(file: String, line: Int, column: Int, reason: Bilingual) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public func message(_ language: Language) -> String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        switch language {
        case .vi: return "Mẫu biểu \(place): \(reason.vi)"
        case .en: return "Template \(place): \(reason.en)"
        }
    }
}
