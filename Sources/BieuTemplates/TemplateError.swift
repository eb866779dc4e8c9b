import BieuCore

/// Why a template file was refused. Always names the file and the line.
///
/// A file with several errors gives them all at once (up to ``TemplateLoader/maxErrors``), in
/// file order: the first is this error, the others are in ``more`` (``all`` gives each as an error); ``message(_:)`` gives one
/// line per error.
public struct TemplateError: UserFacingError, Equatable {
    public var file: String
    /// 1-based line and column in the template file (0 when unknown).
    public var line: Int
    public var column: Int
    public var reason: Bilingual
    /// Another error of the same file.
    public struct Further: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var reason: Bilingual
    }

    /// The file's other errors, after this one.
    public var more: [Further] = []

    /// This error and the ones after it, each alone.
    public var all: [TemplateError] {
        [TemplateError(file: file, line: line, column: column, reason: reason)]
            + more.map { TemplateError(file: file, line: $0.line, column: $0.column, reason: $0.reason) }
    }

    public init(file: String, line: Int, column: Int, reason: Bilingual) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public func message(_ language: Language) -> String {
        all.map { $0.line(language) }.joined(separator: "\n")
    }

    /// This error alone, on one line.
    func line(_ language: Language) -> String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        switch language {
        case .vi: return "Mẫu biểu \(place): \(reason.vi)"
        case .en: return "Template \(place): \(reason.en)"
        }
    }
}
