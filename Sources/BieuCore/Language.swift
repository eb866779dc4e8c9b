/// The language of user-facing text. Vietnamese is the default everywhere;
/// English is available for every message.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi
    case en

    /// Picks the language from an explicit choice, else the `BIEU_LANG`
    /// environment value (`vi`/`en`), else Vietnamese.
    public static func resolve(_ explicit: String?, environment: [String: String]) -> Language {
        if let explicit, let lang = Language(rawValue: explicit.lowercased()) { return lang }
        if let env = environment["BIEU_LANG"], let lang = Language(rawValue: env.lowercased()) { return lang }
        return .vi
    }
}

/// A piece of user-facing text in both languages.
///
/// Messages are built where the facts are known (file, cell, values) and
/// rendered in the user's language only at the edge (CLI, reports).
public struct Bilingual: Sendable, Hashable, Codable, CustomStringConvertible {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .vi: return vi
        case .en: return en
        }
    }

    /// Vietnamese, the default language.
    public var description: String { vi }
}

/// An error a person will read: it can say what went wrong in either language.
///
/// Every error type of every layer conforms, so the CLI can print any failure
/// in the chosen language without knowing the layer it came from.
public protocol UserFacingError: Error, Sendable, CustomStringConvertible {
    /// The complete message, naming the file, the place and the reason.
    func message(_ language: Language) -> String
}

extension UserFacingError {
    public var description: String { message(.vi) }
}

/// A plain error carrying a bilingual message, for places where a
/// dedicated enum would add nothing.
public struct BieuMessageError: UserFacingError, Equatable {
    public var text: Bilingual
    public init(vi: String, en: String) { text = Bilingual(vi: vi, en: en) }
    public init(_ text: Bilingual) { self.text = text }
    public func message(_ language: Language) -> String { text.text(language) }
}
