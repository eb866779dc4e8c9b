import ArgumentParser
import BieuCore
import BieuImport
import Foundation

/// `bieu inspect FILE`: what bieu sees in a workbook or CSV file.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: CLI.text("Xem nội dung tệp XLSX/CSV/.docx như bieu đọc được.", "Show what bieu reads in an XLSX/CSV/.docx file."),
        discussion: CLI.text("""
        Không có --cells: tóm tắt từng trang (trạng thái, vùng dữ liệu, số ô, ô gộp, dòng/cột ẩn). \
        Có --cells: thêm từng ô khác rỗng với địa chỉ, kiểu và giá trị.
        """, """
        Without --cells: a summary per sheet (state, used range, cells, merged cells, hidden rows and columns). \
        With --cells: also every non-empty cell with its reference, type and value.
        """)
    )

    @Argument(help: help("Tệp XLSX, CSV hoặc Word .docx.", "XLSX, CSV or Word .docx file.", value: ("tệp", "file")))
    var file: String

    @Flag(name: .long, help: help("In từng ô khác rỗng.", "Print every non-empty cell."))
    var cells = false

    @OptionGroup var formatOptions: TextOrJSONOptions

    @OptionGroup var csvInput: CSVInputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        let file = try reportingFailures(language) { () throws -> SpreadsheetFile in
            try csvInput.check(inputs: [self.file])
            return try SpreadsheetFile.read(path: self.file, csvOptions: csvInput.readOptions)
        }
        let workbook = file.workbook
        let options = GridRendering.Options(cells: cells, file: self.file)
        // Which templates the sheets match (skipped, with a note, when no templates folder is found).
        let tables = (try? templateOptions.catalog()).map { TableDetection.detect(workbook, catalog: $0, isCSV: file.kind == .csv) }
        if formatOptions.json {
            var grid = GridRendering.json(workbook, options: options).trimmingCharacters(in: .whitespacesAndNewlines)
            if let tables, grid.hasSuffix("}") {
                grid.removeLast()
                grid += ",\n  \"tables\": " + TableDetection.json(tables, language: language) + "\n}"
            }
            FileHandle.standardOutput.write(Data((grid + "\n").utf8))
        } else {
            var output = ""
            for note in file.notes { output += note.text(language) + "\n" }
            output += GridRendering.text(workbook, options: options, language: language)
            if let tables { output += TableDetection.text(tables, language: language) }
            FileHandle.standardOutput.write(Data(output.utf8))
        }
        // Output is written (unbuffered). Leave now rather than spend time
        // freeing a grid of millions of cells one by one on the way out.
        withExtendedLifetime(workbook) { Foundation.exit(0) }
    }
}
