import ArgumentParser
import BieuCore
import BieuExport
import BieuModel
import BieuTemplates
import Foundation

/// Options to find templates, shared by commands that lay out tables.
struct TemplateOptions: ParsableArguments {
    @Option(name: .long, help: help("Thêm các mẫu biểu của một thư mục vào các mẫu có sẵn (Templates/ cạnh chương trình hoặc BIEU_TEMPLATES); mẫu cùng mã thay mẫu có sẵn.",
                                    "Add a folder's templates to the built-in ones (Templates/ next to the program, or BIEU_TEMPLATES); one with a built-in id replaces it.",
                                    value: ("thư-mục", "folder")))
    var templates: String?

    @Option(name: .customLong("template-file"), help: help("Thêm một tệp mẫu biểu YAML (dùng được nhiều lần).", "An extra template file (repeatable).",
                                                           value: ("tệp.yaml", "file.yaml")))
    var templateFiles: [String] = []

    func catalog() throws -> TemplateCatalog {
        var catalog = try TemplateCatalog.locate(explicit: templates)
        for f in templateFiles { catalog.add(try TemplateLoader.load(path: f)) }
        return catalog
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: CLI.text("Xuất biểu từ dữ liệu JSON ra XLSX, CSV hoặc Word (.docx).", "Export annex tables from report JSON to XLSX, CSV or Word (.docx)."),
        discussion: CLI.discussion("""
        Định dạng theo đuôi tệp: .xlsx là XLSX; .csv, .txt, .tsv là CSV; .docx là Word. Tệp kết quả đã có được giữ lại ở TỆP.bak.
        """, """
        The format follows the output's extension: .xlsx is XLSX; .csv, .txt, .tsv are CSV; .docx is Word. An existing output is kept as FILE.bak.
        """, examples: [
            "bieu export Examples/tam-duong-2024.json -o out/bao-cao.xlsx",
            "bieu export Examples/tam-duong-2024.json --table bieu-01 -o out/bieu-01.xlsx",
            "bieu export Examples/tam-duong-2024.json --table bieu-01 --format csv -o out/bieu-01.csv",
        ])
    )

    @Argument(help: help("Tệp dữ liệu báo cáo (JSON).", "Report data file (JSON).", value: ("dữ-liệu.json", "data.json")))
    var data: String

    @Option(name: .long, help: help("Mã biểu cần xuất (dùng được nhiều lần; mặc định: tất cả).", "Table id to export (repeatable; default: all).", value: ("mã-biểu", "table-id")))
    var table: [String] = []

    @Option(name: .shortAndLong, help: help("Tệp kết quả.", "Output file.", value: ("tệp", "file")))
    var output: String

    @Option(name: .long, help: help("xlsx, csv hoặc docx (mặc định theo đuôi tệp).", "xlsx, csv or docx (default: from the output's extension).", value: ("xlsx|csv|docx", "xlsx|csv|docx")))
    var format: String?

    @Flag(name: .long, help: help("Lỗi nếu có cảnh báo.", "Fail on warnings."))
    var strict = false

    @Flag(name: .customLong("no-ids"), help: help("XLSX: không ghi cột mã dòng ẩn và trang _bieu (xuất để in, không nhập lại chính xác).", "XLSX: omit hidden row ids and the _bieu sheet (for printing; not re-imported exactly)."))
    var noIDs = false

    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var csv: CSVExportOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var common: CommonOptions

    /// `xlsx`, `csv` or `docx`: `--format`, else the output's extension.
    var kind: String? {
        if let format { return format.lowercased() }
        switch (output as NSString).pathExtension.lowercased() {
        case "xlsx": return "xlsx"
        case "docx": return "docx"
        case "csv", "txt", "tsv": return "csv"
        default: return nil
        }
    }

    func validate() throws {
        guard let kind else {
            let ext = (output as NSString).pathExtension
            throw refusal("Không rõ định dạng của \"\(output)\" (đuôi \"\(ext)\"): dùng --format xlsx, csv hoặc docx, hoặc đuôi .xlsx/.csv/.docx",
                          "Unknown format for \"\(output)\" (extension \"\(ext)\"): use --format xlsx, csv or docx, or an .xlsx/.csv/.docx extension")
        }
        guard kind == "xlsx" || kind == "csv" || kind == "docx" else {
            throw refusal("--format \(kind): chỉ dùng xlsx, csv hoặc docx", "--format \(kind): only xlsx, csv or docx")
        }
        // Options that would do nothing for this format are refused, not ignored.
        if kind != "csv", let given = csv.givenOptions.first {
            throw refusal("\(given) chỉ dùng khi xuất CSV (tệp kết quả là \(kind.uppercased()))", "\(given) applies to CSV export only (the output is \(kind.uppercased()))")
        }
        if kind != "xlsx" && noIDs {
            throw refusal("--no-ids chỉ dùng khi xuất XLSX (CSV không có cột mã dòng trừ khi dùng --ids)", "--no-ids applies to XLSX export only (a CSV has no id column unless --ids is given)")
        }
    }

    func run() throws {
        let language = common.language
        try reportingFailures(language) {
            let catalog = try templateOptions.catalog()
            let kind = self.kind ?? "xlsx"
            try OutputPath.prepareFile(output, inputs: [data] + templateOptions.templateFiles, mkdir: outputOptions.mkdir)
            let warnings = try withReportSource(data) { source in
                switch kind {
                case "xlsx": try XLSXExporter(catalog: catalog, options: .init(identity: !noIDs)).export(source: source, tableIDs: table, to: output)
                case "docx": try DocxExporter(catalog: catalog).export(source: source, tableIDs: table, to: output)
                default: try csv.export(source, tables: table, catalog: catalog, to: output)
                }
            }
            printWarnings(warnings, language: language)
            if strict && !warnings.isEmpty { throw ExitCode(1) }
        }
    }
}

/// Runs `body` on the report file read row by row (bounded memory); a file
/// whose key order does not allow that is loaded whole instead. Both ways read
/// the same values and report the same errors; outputs are written atomically,
/// so a stream abandoned part-way leaves nothing behind.
func withReportSource<T>(_ path: String, _ body: (ReportSource) throws -> T) throws -> T {
    do {
        return try body(try ReportStream(path: path))
    } catch ReportStream.Failure.needsWholeFile {
        return try body(InMemoryReportSource(try ReportJSON.load(path: path)))
    }
}

/// Prints warnings to standard error, one per line.
func printWarnings(_ warnings: [some UserFacingError], language: Language) {
    for w in warnings { CLI.printMessage(.warning, w.message(language), language: language) }
}
