import ArgumentParser
import BieuCore
import BieuExport
import BieuModel
import BieuTemplates
import Foundation

/// Options to find templates, shared by commands that lay out tables.
struct TemplateOptions: ParsableArguments {
    @Option(name: .long, help: "Thư mục mẫu biểu (mặc định: Templates/ cạnh chương trình hoặc BIEU_TEMPLATES). / Templates folder.")
    var templates: String?

    @Option(name: .customLong("template-file"), help: "Thêm một tệp mẫu biểu YAML (dùng được nhiều lần). / An extra template file (repeatable).")
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
        abstract: "Xuất biểu từ dữ liệu JSON ra XLSX, CSV hoặc Word (.docx). / Export annex tables from report JSON to XLSX, CSV or Word (.docx).",
        discussion: """
        Ví dụ / Examples:
          bieu export Examples/tam-duong-2024.json -o out/bao-cao.xlsx
          bieu export Examples/tam-duong-2024.json --table bieu-01 -o out/bieu-01.xlsx
          bieu export Examples/tam-duong-2024.json --table bieu-01 --format csv -o out/bieu-01.csv
        """
    )

    @Argument(help: "Tệp dữ liệu báo cáo (JSON). / Report data file (JSON).")
    var data: String

    @Option(name: .long, help: "Mã biểu cần xuất (dùng được nhiều lần; mặc định: tất cả). / Table id to export (repeatable; default: all).")
    var table: [String] = []

    @Option(name: .shortAndLong, help: "Tệp kết quả. / Output file.")
    var output: String

    @Option(name: .long, help: "xlsx, csv hoặc docx (mặc định theo đuôi tệp). / xlsx, csv or docx (default: from the output's extension).")
    var format: String?

    @Flag(name: .long, help: "Lỗi nếu có cảnh báo. / Fail on warnings.")
    var strict = false

    @Flag(name: .customLong("no-ids"), help: "Không ghi cột mã dòng ẩn và trang _bieu (xuất để in, không nhập lại chính xác). / Omit hidden row ids and the _bieu sheet.")
    var noIDs = false

    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var csv: CSVExportOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        do {
            let catalog = try templateOptions.catalog()
            let kind = (format ?? (output as NSString).pathExtension).lowercased()
            guard kind == "xlsx" || kind == "csv" || kind == "docx" else {
                throw BieuMessageError(vi: "Không rõ định dạng \"\(kind)\": dùng --format xlsx, csv hoặc docx",
                                       en: "Unknown format \"\(kind)\": use --format xlsx, csv or docx")
            }
            try ensureDirectory(for: output)
            let warnings = try withReportSource(data) { source in
                switch kind {
                case "xlsx": try XLSXExporter(catalog: catalog, options: .init(identity: !noIDs)).export(source: source, tableIDs: table, to: output)
                case "docx": try DocxExporter(catalog: catalog).export(source: source, tableIDs: table, to: output)
                default: try csv.export(source, tables: table, catalog: catalog, to: output)
                }
            }
            printWarnings(warnings, language: language)
            if strict && !warnings.isEmpty { throw ExitCode(1) }
        } catch let e as ExitCode {
            throw e
        } catch {
            throw bieu.report(error, language: language)
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
    let prefix = language == .vi ? "Cảnh báo" : "Warning"
    for w in warnings {
        FileHandle.standardError.write(Data("\(prefix): \(w.message(language))\n".utf8))
    }
}

/// Creates the output's folder if needed.
func ensureDirectory(for path: String) throws {
    let dir = (path as NSString).deletingLastPathComponent
    guard !dir.isEmpty else { return }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
}
