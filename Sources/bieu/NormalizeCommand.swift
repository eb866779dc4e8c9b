import ArgumentParser
import BieuCore
import BieuModel
import Foundation

/// `bieu normalize DATA.json [-o OUT.json]`: rewrites a report file in canonical form.
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: CLI.text("Viết lại tệp dữ liệu JSON ở dạng chuẩn (NFC, thứ tự khoá cố định).", "Rewrite a report JSON file in canonical form.")
    )

    @Argument(help: help("Tệp JSON dữ liệu báo cáo.", "Report JSON file.", value: ("tệp.json", "file.json")))
    var input: String

    @Option(name: .shortAndLong, help: help("Tệp kết quả (mặc định: in ra màn hình).", "Output file (default: standard output).", value: ("tệp", "file")))
    var output: String?

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        do {
            if let output { try OutputPath.prepareFile(output, inputs: [input], mkdir: outputOptions.mkdir) }
            let report = try ReportJSON.load(path: input)
            let bytes = ReportJSON.encode(report)
            if let output {
                try AtomicFile.write(bytes, to: output)
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        } catch {
            throw bieu.report(error, language: common.language)
        }
    }
}
