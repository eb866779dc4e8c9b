import ArgumentParser
import BieuCore
import Foundation

/// `bieu inspect FILE`: what bieu sees in a workbook or CSV file.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Xem nội dung tệp XLSX/CSV như bieu đọc được. / Show what bieu reads in an XLSX/CSV file."
    )

    @Argument(help: "Tệp XLSX hoặc CSV. / XLSX or CSV file.")
    var file: String

    @Flag(name: .long, help: "In từng ô khác rỗng. / Print every non-empty cell.")
    var cells = false

    @Option(name: .long, help: "Định dạng: text hoặc json. / Output format: text or json.")
    var format: String = "text"

    @OptionGroup var common: CommonOptions

    func run() throws {
        throw bieu.report(BieuMessageError(vi: "Lệnh inspect chưa được cài đặt", en: "inspect is not implemented yet"), language: common.language)
    }
}
