import ArgumentParser
import BieuCore
import BieuImport
import Foundation

/// `bieu inspect FILE`: what bieu sees in a workbook or CSV file.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Xem nội dung tệp XLSX/CSV như bieu đọc được. / Show what bieu reads in an XLSX/CSV file.",
        discussion: """
        Không có --cells: tóm tắt từng trang (trạng thái, vùng dữ liệu, số ô, ô gộp, dòng/cột ẩn). \
        Có --cells: thêm từng ô khác rỗng với địa chỉ, kiểu và giá trị. \
        / Without --cells: a summary per sheet; with --cells: every non-empty cell with its reference, type and value.
        """
    )

    @Argument(help: "Tệp XLSX hoặc CSV. / XLSX or CSV file.")
    var file: String

    @Flag(name: .long, help: "In từng ô khác rỗng. / Print every non-empty cell.")
    var cells = false

    @Option(name: .long, help: "Định dạng: text hoặc json. / Output format: text or json.")
    var format: String = "text"

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard format == "text" || format == "json" else {
            throw ValidationError("--format phải là text hoặc json / --format must be text or json")
        }
    }

    func run() throws {
        let language = common.language
        let workbook: GridWorkbook
        do {
            workbook = try loadGrid(path: file)
        } catch {
            throw bieu.report(error, language: language)
        }
        let options = GridRendering.Options(cells: cells, file: file)
        let output = format == "json" ? GridRendering.json(workbook, options: options)
            : GridRendering.text(workbook, options: options, language: language)
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}

/// Reads any supported spreadsheet file into a plain grid.
func loadGrid(path: String) throws -> GridWorkbook {
    try SpreadsheetFile.read(path: path).workbook
}
