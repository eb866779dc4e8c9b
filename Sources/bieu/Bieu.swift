import ArgumentParser
import BieuCore
import Foundation

@main
struct Bieu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bieu",
        abstract: "Biểu phụ lục báo cáo: chuyển giữa dữ liệu chuẩn (JSON) và bảng tính XLSX/CSV.",
        discussion: """
        Annex tables of Vietnamese reports (Phụ lục, Biểu 01, Biểu 02) between the canonical JSON \
        model and XLSX/CSV workbooks. Messages are in Vietnamese; use --lang en (or BIEU_LANG=en) for English.
        """,
        version: "0.1.0",
        subcommands: [ExportCommand.self, TemplateCommand.self, ImportCommand.self, ValidateCommand.self, DiffCommand.self, InspectCommand.self, NormalizeCommand.self, RoundCommand.self]
    )

    /// Common invocations take `FastCommandLine`; everything else, and anything
    /// it does not fully understand, goes through ArgumentParser as before.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch FastCommandLine.parse(arguments) {
        case .printVersion?:
            print(configuration.version)
        case .run(var command)?:
            #if DEBUG
            FastCommandLine.check(command, arguments)
            #endif
            do {
                try command.run()
            } catch {
                exit(withError: error)
            }
        case nil:
            main(nil)
        }
    }
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Ngôn ngữ thông báo: vi (mặc định) hoặc en. / Message language: vi (default) or en.")
    var lang: String?

    var language: Language { Language.resolve(lang, environment: ProcessInfo.processInfo.environment) }
}

/// Prints a user-facing error in the chosen language to standard error and
/// returns the exit code for failures.
func report(_ error: Error, language: Language) -> ExitCode {
    let text: String
    if let e = error as? UserFacingError {
        text = e.message(language)
    } else {
        text = String(describing: error)
    }
    let prefix = language == .vi ? "Lỗi" : "Error"
    FileHandle.standardError.write(Data("\(prefix): \(text)\n".utf8))
    return ExitCode(2)
}
