import ArgumentParser
import BieuCore
import Foundation

/// The language of everything the command prints — messages, help, ArgumentParser's own
/// words — decided once before the command line is parsed, so that help text, which
/// ArgumentParser builds while parsing, is in that language too.
enum CLI {
    /// `--lang` (anywhere on the command line, `--lang en` or `--lang=en`), else `BIEU_LANG`,
    /// else Vietnamese. An unknown value is refused by ``CommonOptions/validate()`` (the
    /// option) or by ``Bieu/main()`` (the environment).
    nonisolated(unsafe) static var language: Language = .vi

    /// The value given to `--lang` (the last one), if any.
    static func languageArgument(_ arguments: [String]) -> String? {
        var found: String?
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "--lang", i + 1 < arguments.count { found = arguments[i + 1]; i += 2; continue }
            if a.hasPrefix("--lang=") { found = String(a.dropFirst("--lang=".count)) }
            i += 1
        }
        return found
    }

    /// The text in the command's language.
    static func text(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// A command's discussion in the chosen language: its text, then its examples (the same
    /// command lines in both languages, so they are written once).
    static func discussion(_ vi: String = "", _ en: String = "", examples: [String]) -> String {
        let head = language == .vi ? "Ví dụ:" : examples.count == 1 ? "Example:" : "Examples:"
        let block = ([head] + examples.map { "  " + $0 }).joined(separator: "\n")
        let body = text(vi, en)
        return body.isEmpty ? block : body + "\n\n" + block
    }

    /// Colour for `Lỗi:`/`Cảnh báo:` prefixes: only when standard error is a terminal
    /// and `NO_COLOR` is not set (https://no-color.org).
    static let colour: Bool = {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDERR_FILENO) == 1
    }()

    enum Severity { case error, warning, note }

    /// `Lỗi: …` / `Error: …` (red), `Cảnh báo: …` / `Warning: …` (yellow), `Lưu ý: …` / `Note: …`.
    static func printMessage(_ severity: Severity, _ text: String, language: Language = CLI.language) {
        let word: String, code: String
        switch severity {
        case .error: word = language == .vi ? "Lỗi" : "Error"; code = "31"
        case .warning: word = language == .vi ? "Cảnh báo" : "Warning"; code = "33"
        case .note: word = language == .vi ? "Lưu ý" : "Note"; code = "36"
        }
        let prefix = colour ? "\u{1B}[1;\(code)m\(word):\u{1B}[0m" : "\(word):"
        FileHandle.standardError.write(Data("\(prefix) \(text)\n".utf8))
    }
}

/// A help text in the command's language.
func help(_ vi: String, _ en: String, value: (vi: String, en: String)? = nil) -> ArgumentHelp {
    ArgumentHelp(CLI.text(vi, en), valueName: value.map { CLI.text($0.vi, $0.en) })
}

/// A refusal of the command line, in the command's language.
func refusal(_ vi: String, _ en: String) -> ValidationError { ValidationError(CLI.text(vi, en)) }

/// Refuses a `--period` that is not a year.
func checkYear(_ period: Int?) throws {
    if let period, !(1900...9999).contains(period) {
        throw refusal("--period \(period): một năm, ví dụ 2025", "--period \(period): a year, e.g. 2025")
    }
}

/// ArgumentParser's own words in its help and error texts, in Vietnamese. Its texts are
/// English; with `--lang vi` (the default) they are translated here, so that help is in
/// one language. Longest phrases first.
enum ArgumentParserWords {
    static let vietnamese: [(String, String)] = [
        ("See 'bieu help <subcommand>' for detailed help.", "Xem 'bieu help <lệnh>' để biết chi tiết từng lệnh."),
        ("' for detailed help.", "' để biết chi tiết từng lệnh."),
        ("Show help information.", "Hiện trợ giúp này."),
        ("Show the version.", "Hiện số phiên bản."),
        ("Missing expected argument", "Thiếu tham số"),
        ("Missing value for", "Thiếu giá trị cho"),
        ("Unknown option", "Không có tuỳ chọn"),
        ("Unexpected argument", "Tham số không cần"),
        ("Unexpected arguments", "Các tham số không cần"),
        ("The value", "Giá trị"),
        ("is invalid for", "không hợp lệ cho"),
        ("Did you mean", "Có phải ý bạn là"),
        ("for more information.", "để biết thêm."),
        ("OVERVIEW:", "TỔNG QUAN:"),
        ("USAGE:", "CÁCH DÙNG:"),
        ("ARGUMENTS:", "THAM SỐ:"),
        ("OPTIONS:", "TUỲ CHỌN:"),
        ("SUBCOMMANDS:", "LỆNH:"),
        ("Usage:", "Cách dùng:"),
        ("Help:", "Trợ giúp:"),
        ("Error:", "Lỗi:"),
        ("(default:", "(mặc định:"),
        ("(values:", "(giá trị:"),
        ("<subcommand>", "<lệnh>"),
        ("<options>", "<tuỳ-chọn>"),
        ("See '", "Xem '"),
    ]

    static func translate(_ text: String, to language: Language) -> String {
        guard language == .vi else { return text }
        var out = text
        for (en, vi) in vietnamese { out = out.replacingOccurrences(of: en, with: vi) }
        return out
    }
}
