import ArgumentParser
import BieuCore
import BieuImport
import BieuModel
import BieuTemplates
import Foundation

/// Options shared by import and validate.
struct ImportInputOptions: ParsableArguments {
    @Option(name: .long, help: help("Mã mẫu biểu (mặc định: tự nhận biết).", "Template id (default: detected).", value: ("mã-mẫu", "template-id")))
    var template: String?

    @Option(name: .long, help: help("Dữ liệu gốc (JSON) mà tệp được xuất ra từ đó.", "The data the file came from (JSON).", value: ("dữ-liệu-gốc.json", "base.json")))
    var base: String?

    func options(strategy: MergeStrategy, force: Bool = false) throws -> ImportOptions {
        ImportOptions(templateID: template, base: try base.map { try ReportJSON.load(path: $0) }, strategy: strategy, force: force)
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: CLI.text("Nhập bảng tính XLSX/CSV đã điền (hoặc các bảng của tài liệu Word .docx) vào dữ liệu JSON, kèm báo cáo kiểm tra.", "Import a filled XLSX/CSV file (or the tables of a Word .docx document) into report JSON, with a validation report."),
        discussion: CLI.discussion("""
        --strategy: update (mặc định: tệp thắng ở các dòng có trong tệp, dòng mới được thêm, dòng thiếu giữ nguyên), \
        new-only (chỉ điền ô còn trống, thêm dòng mới), replace (biểu trong tệp thay thế biểu gốc). \
        Không có --base: kỳ báo cáo, cơ quan ban hành và nhiệm kỳ lấy từ tiêu đề biểu (hoặc --period, --issuer), \
        và điều đã giả định được in ra. Có lỗi thì không ghi gì (trừ khi --force). Tệp kết quả đã có được giữ lại ở TỆP.bak. \
        Mã thoát: 0 xong, 1 có cảnh báo khi --strict, 2 có lỗi.
        """, """
        --strategy: update (default: the file wins on the rows it has, new rows are added, missing rows are kept), \
        new-only (fill empty cells only, add new rows), replace (the file's tables replace the base's). \
        Without --base, the period, issuer and term come from the table titles (or --period, --issuer), \
        and what was assumed is printed. With errors nothing is written (unless --force). An existing output is kept as FILE.bak. \
        Exit codes: 0 done, 1 warnings with --strict, 2 errors.
        """, examples: [
            "bieu import bieu-01-da-dien.xlsx --base Examples/tam-duong-2024.json -o ket-qua.json",
            "bieu import bieu-01.csv --template bieu-01 --period 2025 --issuer \"Huyện ủy Tam Đường\" -o ket-qua.json",
        ])
    )

    @Argument(help: help("Tệp XLSX, CSV hoặc Word .docx (với --batch: nhiều tệp và/hoặc thư mục XLSX/CSV).", "XLSX, CSV or Word .docx file (with --batch: files and/or folders of XLSX/CSV).", value: ("tệp", "file")))
    var inputs: [String]

    @OptionGroup var input: ImportInputOptions

    @Option(name: .long, help: help("new-only | update | replace", "new-only | update | replace", value: ("cách-gộp", "strategy")))
    var strategy: String = "update"

    @Option(name: .shortAndLong, help: help("Tệp JSON kết quả (với --batch: thư mục kết quả).", "Output JSON file (with --batch: output folder).", value: ("tệp.json", "file.json")))
    var output: String?

    @Flag(name: .long, help: help("Nhập nhiều tệp cùng lúc trên mọi lõi CPU, có thanh tiến độ và bảng tóm tắt.", "Import many files in parallel, with progress and a summary table."))
    var batch = false

    @Flag(name: .customLong("dry-run"), help: help("Chỉ kiểm tra, không ghi tệp.", "Check only, write nothing."))
    var dryRun = false

    @Flag(name: .long, help: help("Ghi kết quả cả khi có lỗi.", "Write the result even when there are errors."))
    var force = false

    @Flag(name: .long, help: help("Coi cảnh báo là thất bại (mã thoát 1).", "Treat warnings as failure (exit code 1)."))
    var strict = false

    @Option(name: .long, help: help("Không có --base: năm của kỳ báo cáo (mặc định: năm ghi trong tiêu đề biểu).", "Without --base: the report's year (default: the year in the table title).", value: ("năm", "year")))
    var period: Int?

    @Option(name: .long, help: help("Không có --base: cơ quan ban hành báo cáo.", "Without --base: the issuer of the report.", value: ("cơ-quan", "issuer")))
    var issuer: String?

    @OptionGroup var csvInput: CSVInputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if input.base != nil, period != nil || issuer != nil {
            throw refusal("--period và --issuer chỉ dùng khi không có --base (kỳ báo cáo và cơ quan ban hành lấy từ dữ liệu gốc)",
                          "--period and --issuer apply only without --base (the base data gives the period and the issuer)")
        }
        try checkYear(period)
        if dryRun && output != nil {
            throw refusal("--dry-run không ghi tệp nào: bỏ -o, hoặc bỏ --dry-run", "--dry-run writes no file: drop -o, or drop --dry-run")
        }
        guard MergeStrategy(rawValue: strategy) != nil else {
            throw refusal("--strategy: new-only, update hoặc replace", "new-only, update or replace")
        }
        guard dryRun || output != nil else {
            throw refusal("cần -o TỆP.json (hoặc --dry-run)", "-o FILE.json is required (or --dry-run)")
        }
        guard !inputs.isEmpty else { throw refusal("cần ít nhất một tệp", "at least one file is needed") }
        guard batch || inputs.count == 1 else {
            throw refusal("nhiều tệp cần --batch", "several files need --batch")
        }
    }

    /// The import options: template, base, strategy, `--force`, and without a base `--period`/`--issuer`.
    func importOptions() throws -> ImportOptions {
        var options = try input.options(strategy: MergeStrategy(rawValue: strategy)!, force: force)
        options.period = period.map { .year($0) }
        options.issuer = issuer
        options.csv = csvInput.readOptions
        return options
    }

    func run() throws {
        let language = common.language
        if batch {
            try reportingFailures(language) {
                if let output, !dryRun {
                    try OutputPath.prepareFolder(output, option: "-o", mkdir: outputOptions.mkdir)
                }
                let code = try BatchImport(inputs: inputs, outputFolder: dryRun ? nil : output, options: try importOptions(),
                                           catalog: try templateOptions.catalog(), force: force, strict: strict, language: language).run()
                if code != 0 { throw ExitCode(code) }
            }
            return
        }
        let file = inputs[0]
        try reportingFailures(language) {
            try csvInput.check(inputs: [file])
            let catalog = try templateOptions.catalog()
            if let output, !dryRun {
                try OutputPath.prepareFile(output, inputs: inputs + [input.base].compactMap { $0 } + templateOptions.templateFiles, mkdir: outputOptions.mkdir)
            }
            let done = try FileImport.run(path: file, catalog: catalog, options: try importOptions(), output: dryRun ? nil : output, language: language)
            done.writeText { FileHandle.standardOutput.write(Data($0.utf8)) }
            // What the written file holds that the input did not say: only when it is written,
            // so both import routes print the same.
            if input.base == nil, done.wrote {
                let report = done.result?.report ?? output.flatMap { try? ReportStream(path: $0).report }
                if let report {
                    noteAssumptions(report, yearFromTitle: done.result.map { r in
                        r.imported.contains { $0.located.captured["year"] != nil || $0.located.captured["next_year"] != nil } })
                }
            }
            let hasErrors = done.summary.errors > 0
            if let output, !dryRun, hasErrors && !force { notWritten(output, language: language) }
            if hasErrors { throw ExitCode(2) }
            if strict && done.summary.warnings > 0 { throw ExitCode(1) }
        }
    }

    /// Without base data the report's period, issuer and term are not known for sure: says
    /// what the result holds and where it came from.
    func noteAssumptions(_ report: Report, yearFromTitle: Bool?) {
        let year = report.period.year
        let yearSource: (vi: String, en: String)
        if period != nil { yearSource = ("theo --period", "from --period") }
        else if yearFromTitle == false { yearSource = ("tiêu đề biểu không ghi năm nên lấy năm nay; đặt bằng --period", "the title gives no year, so this year is used; set it with --period") }
        else { yearSource = ("đọc từ tiêu đề biểu; đặt khác bằng --period", "read from the table title; set another with --period") }
        CLI.printMessage(.note, CLI.text("không có --base: kỳ báo cáo là năm \(year) (\(yearSource.vi))", "no --base: the report's period is the year \(year) (\(yearSource.en))"))
        if report.issuer.isEmpty {
            CLI.printMessage(.note, CLI.text("không có --base: cơ quan ban hành để trống (đặt bằng --issuer)", "no --base: the issuer is left empty (set it with --issuer)"))
        } else if issuer == nil {
            CLI.printMessage(.note, CLI.text("không có --base: cơ quan ban hành \"\(report.issuer)\" (đọc từ tiêu đề biểu)", "no --base: the issuer \"\(report.issuer)\" (read from the table title)"))
        }
        if let term = report.term {
            CLI.printMessage(.note, CLI.text("không có --base: nhiệm kỳ \(term.start)–\(term.end) (đọc từ tiêu đề biểu)", "no --base: the term \(term.start)–\(term.end) (read from the table title)"))
        } else {
            CLI.printMessage(.note, CLI.text("không có --base: nhiệm kỳ để trống (tiêu đề biểu không ghi)", "no --base: the term is left empty (the title gives none)"))
        }
    }
}

private func notWritten(_ output: String, language: Language) {
    FileHandle.standardError.write(Data((language == .vi
        ? "Có lỗi nên chưa ghi \(output); sửa tệp rồi nhập lại, hoặc dùng --force.\n"
        : "There are errors, so \(output) was not written; fix the file and import again, or use --force.\n").utf8))
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: CLI.text("Kiểm tra tệp XLSX/CSV/.docx, chỉ in báo cáo.", "Validate an XLSX/CSV/.docx file and print the report only."),
        discussion: CLI.text("Mã thoát: 0 không có lỗi (cảnh báo vẫn được in), 1 có cảnh báo khi dùng --strict, 2 có lỗi hoặc không đọc được tệp.",
                             "Exit codes: 0 no errors (warnings are still printed), 1 warnings with --strict, 2 errors or an unreadable file.")
    )

    @Argument(help: help("Tệp XLSX, CSV hoặc Word .docx.", "XLSX, CSV or Word .docx file.", value: ("tệp", "file")))
    var file: String

    @OptionGroup var input: ImportInputOptions

    @OptionGroup var formatOptions: TextOrJSONOptions

    @Flag(name: .long, help: help("Cảnh báo cho mã thoát 1.", "Warnings give exit code 1."))
    var strict = false

    @OptionGroup var csvInput: CSVInputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        try reportingFailures(language) {
            try csvInput.check(inputs: [file])
            let catalog = try templateOptions.catalog()
            let source = try SpreadsheetFile.read(path: file, csvOptions: csvInput.readOptions)
            let result = Importer(catalog: catalog).run(source.workbook, source: source.name, isCSV: source.kind == .csv,
                                                        options: try input.options(strategy: .update))
            if formatOptions.json {
                FileHandle.standardOutput.write(Data(ImportReport.json(result, source: source.name, language: language)))
            } else {
                print(ImportReport.text(result, file: source, source: source.name, language: language), terminator: "")
            }
            if result.summary.errors > 0 { throw ExitCode(2) }
            if strict && result.summary.warnings > 0 { throw ExitCode(1) }
        }
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: CLI.text("So sánh hai tệp (JSON, XLSX, CSV hoặc .docx) đến từng ô.", "Compare two files (JSON, XLSX, CSV or .docx) cell by cell."),
        discussion: CLI.text("Mã thoát: 0 giống nhau, 1 có khác biệt, 2 lỗi.", "Exit codes: 0 same, 1 different, 2 error.")
    )

    @Argument(help: help("Tệp trước.", "The earlier file.", value: ("tệp-trước", "earlier-file")))
    var a: String

    @Argument(help: help("Tệp sau.", "The later file.", value: ("tệp-sau", "later-file")))
    var b: String

    @OptionGroup var formatOptions: TextOrJSONOptions

    @Option(name: .long, help: help("Mã mẫu biểu cho tệp bảng tính (mặc định: tự nhận biết).", "Template id for spreadsheet files.", value: ("mã-mẫu", "template-id")))
    var template: String?

    @OptionGroup var csvInput: CSVInputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        try reportingFailures(language) {
            try csvInput.check(inputs: [a, b])
            let catalog = try templateOptions.catalog()
            let importer = Importer(catalog: catalog)
            // A JSON side is read directly; a spreadsheet side is imported, against the other side when that is JSON,
            // so rows keep their ids and unchanged cells their exact text.
            func isJSON(_ p: String) -> Bool { (p as NSString).pathExtension.lowercased() == "json" }
            var left: (report: Report, addresses: AddressBook?)
            var right: (report: Report, addresses: AddressBook?)
            func load(_ path: String, base: Report?) throws -> (Report, AddressBook?) {
                if isJSON(path) { return (try ReportJSON.load(path: path), nil) }
                let file = try SpreadsheetFile.read(path: path, csvOptions: csvInput.readOptions)
                let result = importer.run(file.workbook, source: file.name, isCSV: file.kind == .csv,
                                          options: ImportOptions(templateID: template, base: base, strategy: .replace))
                if result.imported.isEmpty {
                    throw BieuMessageError(vi: "\(file.name): không tìm thấy biểu nào", en: "\(file.name): no table found")
                }
                var report = result.report
                if base != nil {
                    // Only the tables the file has take part in the comparison.
                    let ids = Set(result.imported.map(\.table.id))
                    report.tables = report.tables.filter { ids.contains($0.id) }
                }
                return (report, result.addresses)
            }
            if isJSON(a) || !isJSON(b) {
                left = try load(a, base: nil)
                right = try load(b, base: left.report)
            } else {
                right = try load(b, base: nil)
                left = try load(a, base: right.report)
            }
            if !isJSON(a) || !isJSON(b) {
                // Compare only tables present on both sides' file.
                let shared = Set(left.report.tables.map(\.id)).intersection(right.report.tables.map(\.id))
                left.report.tables = left.report.tables.filter { shared.contains($0.id) }
                right.report.tables = right.report.tables.filter { shared.contains($0.id) }
            }
            let diff = ReportDiff.compute(old: left.report, new: right.report, oldAddresses: left.addresses, newAddresses: right.addresses)
            if formatOptions.json {
                FileHandle.standardOutput.write(Data(diff.json()))
            } else {
                print(diff.text(language), terminator: "")
            }
            if !diff.isEmpty { throw ExitCode(1) }
        }
    }
}
