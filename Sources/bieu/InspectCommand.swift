import ArgumentParser
import BieuCore
import BieuXLSXReader
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
        // Output is written (unbuffered). Leave now rather than spend time
        // freeing a grid of millions of cells one by one on the way out.
        withExtendedLifetime(workbook) { Foundation.exit(0) }
    }
}

/// The kinds of file `bieu inspect` (and later `bieu import`) can read.
enum InputFileKind {
    case xlsx
    case csv

    /// Judged by content first: a zip or OLE file goes to the XLSX reader
    /// (which names `.xls`, encrypted and `.ods` files precisely); text goes
    /// to the CSV reader; anything else to the XLSX reader too, so its
    /// message names what the file is (a PNG, a PDF…).
    static func detect(path: String) throws -> InputFileKind {
        switch try XLSXReader.fileKind(path: path) {
        case .zip, .ole, .other: return .xlsx
        case .text: return .csv
        }
    }
}

/// Reads any supported spreadsheet file into a plain grid.
func loadGrid(path: String) throws -> GridWorkbook {
    switch try InputFileKind.detect(path: path) {
    case .xlsx:
        return try XLSXReader(path: path).readWorkbook()
    case .csv:
        // The CSV reader (BieuCSV) is wired in here once it exists.
        throw BieuMessageError(
            vi: "Tệp \(path) là tệp văn bản (CSV?); bieu inspect chưa đọc được CSV.",
            en: "\(path) is a text file (CSV?); bieu inspect cannot read CSV yet.")
    }
}
