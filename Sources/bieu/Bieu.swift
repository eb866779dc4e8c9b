import ArgumentParser
import BieuCore
import BieuXLSXWriter
import Foundation

@main
struct Bieu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bieu",
        abstract: CLI.text("Biểu phụ lục báo cáo: chuyển giữa dữ liệu chuẩn (JSON) và bảng tính XLSX/CSV.",
                           "Annex tables of reports: between the canonical data (JSON) and XLSX/CSV workbooks."),
        discussion: CLI.text("""
        Các biểu phụ lục của báo cáo (Phụ lục, Biểu 01, Biểu 02) giữa dữ liệu JSON chuẩn và bảng tính XLSX/CSV. \
        Thông báo bằng tiếng Việt; dùng --lang en (hoặc BIEU_LANG=en) để có tiếng Anh.
        """, """
        The annex tables of Vietnamese reports (the appendix, table 01, table 02) between the canonical JSON \
        model and XLSX/CSV workbooks. Messages are in Vietnamese by default; --lang en (or BIEU_LANG=en) gives English.
        """),
        version: "0.1.0",
        subcommands: [ExportCommand.self, TemplateCommand.self, ImportCommand.self, ValidateCommand.self, DiffCommand.self, InspectCommand.self, NormalizeCommand.self, RoundCommand.self]
    )

    @OptionGroup var common: CommonOptions

    /// ArgumentParser's `main`, with the language decided first (help is built while parsing),
    /// ArgumentParser's own words translated, and temporary files removed on a signal.
    static func main() {
        AtomicFile.removeTemporariesOnSignals()
        LibraryOutput.silenceLibraryMessages = true
        let arguments = Array(CommandLine.arguments.dropFirst())
        let environment = ProcessInfo.processInfo.environment
        if let given = CLI.languageArgument(arguments), let language = Language(rawValue: given) {
            CLI.language = language
        } else if let env = environment["BIEU_LANG"], !env.isEmpty {
            guard let language = Language(rawValue: env) else {
                // The language is not known: the message is in the default one, Vietnamese.
                CLI.printMessage(.error, "BIEU_LANG=\(env): chỉ dùng vi (tiếng Việt) hoặc en (tiếng Anh)", language: .vi)
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            CLI.language = language
        }
        do {
            var command = try parse(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            var message = ArgumentParserWords.translate(fullMessage(for: error), to: CLI.language)
            if code == .success {
                if !message.isEmpty { print(message) }
            } else if !message.isEmpty {
                // ArgumentParser's "Error: …" line gets the same prefix (and colour) as bieu's own errors.
                for prefix in ["Lỗi: ", "Error: "] where message.hasPrefix(prefix) {
                    message.removeFirst(prefix.count)
                    CLI.printMessage(.error, message)
                    message = ""
                }
                if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

extension Bieu {
    /// ArgumentParser, given the smallest tree that can parse `arguments`: a plain
    /// `bieu export …` is parsed by `ExportCommand` alone (ArgumentParser reflects over
    /// every command of the tree it is given, most of a typical command's start-up).
    /// Help, completion and version requests, root options, and anything the
    /// subcommand refuses go to the whole tree, so their texts are those of `bieu`.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        guard let first = arguments.first,
              let subcommand = configuration.subcommands.first(where: { $0.configuration.commandName == first }),
              !arguments.contains(where: { $0 == "-h" || $0 == "--help" || $0 == "help" || $0.hasPrefix("--generate-completion")
                                             || $0.hasPrefix("--experimental") || $0 == "--version" })
        else { return try parseAsRoot(arguments) }
        do {
            return try subcommand.parseAsRoot(Array(arguments.dropFirst()))
        } catch {
            return try parseAsRoot(arguments)
        }
    }
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: help("Ngôn ngữ thông báo và trợ giúp: vi (mặc định) hoặc en; hoặc biến môi trường BIEU_LANG.",
                                    "Language of messages and help: vi (default) or en; or the BIEU_LANG environment variable.",
                                    value: ("vi|en", "vi|en")))
    var lang: String?

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil {
            throw refusal("--lang \(lang): chỉ dùng vi hoặc en", "--lang \(lang): only vi or en")
        }
    }

    /// The language of this run (decided before parsing, see ``Bieu/main()``).
    var language: Language { CLI.language }
}

/// `--format text|json` of the commands that print a report of what they read.
struct TextOrJSONOptions: ParsableArguments {
    @Option(name: .long, help: help("text (mặc định) hoặc json.", "text (default) or json.", value: ("định-dạng", "format")))
    var format: String = "text"

    func validate() throws {
        guard format == "text" || format == "json" else { throw refusal("--format \(format): text hoặc json", "--format \(format): text or json") }
    }

    var json: Bool { format == "json" }
}

/// Runs a command's work: an `ExitCode` passes through, any other failure is printed
/// in the chosen language (``report(_:language:)``) and ends the run with exit code 2.
func reportingFailures<T>(_ language: Language, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        throw report(error, language: language)
    }
}

/// Prints a user-facing error in the chosen language to standard error and
/// returns the exit code for failures. File-system errors from Foundation are
/// translated and name the path; nothing is printed in another language.
func report(_ error: Error, language: Language) -> ExitCode {
    let text: String
    if let e = error as? UserFacingError {
        text = e.message(language)
    } else if let fs = FileSystemMessage.describe(error) {
        text = fs.text(language)
    } else {
        text = String(describing: error)
    }
    CLI.printMessage(.error, text, language: language)
    return ExitCode(2)
}
