import ArgumentParser
import BieuCore
import BieuExport
import BieuModel
import BieuTemplates
import Foundation

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: CLI.text("Tạo biểu mẫu XLSX cho cán bộ điền số liệu.", "Make a fillable XLSX workbook for staff."),
        discussion: CLI.discussion("""
        Ô cần điền có nền vàng và không khoá; mọi ô khác bị khoá. Có hướng dẫn, danh sách chọn, công thức so sánh tự tính, \
        và mã dòng ẩn để nhập lại chính xác (bieu import). Xem docs/STAFF-WORKBOOKS.md.

        --period: năm của biểu mẫu. Bằng năm của dữ liệu: điền sẵn mọi số liệu (để sửa, bổ sung). \
        Năm sau năm dữ liệu: giữ danh sách chỉ tiêu, chuyển các cột có khoá "carry" trong mẫu \
        (ví dụ "Kế hoạch năm 2025" của dữ liệu 2024 thành "KH năm 2025"), các cột còn lại để trống.

        --units: mỗi dòng một tên đơn vị (UTF-8; dòng trống và dòng bắt đầu bằng # bỏ qua); \
        mỗi đơn vị một tệp MẪU_tên-không-dấu.xlsx trong thư mục -o.
        """, """
        Cells to fill are yellow and unlocked; every other cell is locked. The workbook has a guide, pick lists, \
        live comparison formulas, and hidden row ids so that it imports back exactly (bieu import). See docs/STAFF-WORKBOOKS.md.

        --period: the workbook's year. The data's year: every value pre-filled (to correct and complete). \
        The year after the data's: the indicator list is kept, columns with a "carry" key in the template are carried \
        (the data's 2024 "Kế hoạch năm 2025" becomes "KH năm 2025"), the other columns are left empty.

        --units: one unit name per line (UTF-8; empty lines and lines starting with # are skipped); \
        one file TEMPLATE_name-without-marks.xlsx per unit in the folder given by -o.
        """, examples: [
            "bieu template bieu-01 --data Examples/tam-duong-2024.json --period 2025 --unit \"Xã Bản Bo\" -o bieu-01_xa-ban-bo.xlsx",
            "bieu template bieu-01 --data Examples/tam-duong-2024.json --period 2025 --units don-vi.txt -o bieu-mau/",
            "bieu template phu-luc --period 2025 --rows 40 -o phu-luc-trong.xlsx",
        ])
    )

    @Argument(help: help("Mã mẫu biểu (bieu-01, bieu-02, phu-luc…).", "Template id.", value: ("mã-mẫu", "template-id")))
    var template: String

    @OptionGroup var staff: StaffWorkbookOptions

    @Option(name: .long, help: help("Mã biểu trong dữ liệu khi có nhiều biểu cùng mẫu.", "Table id in the data, when several use the template.", value: ("mã-biểu", "table-id")))
    var table: String?

    @Option(name: .long, help: help("Năm của biểu mẫu (mặc định: năm của dữ liệu, hoặc năm nay).", "The workbook's year.", value: ("năm", "year")))
    var period: Int?

    @Option(name: .long, help: help("Đơn vị báo cáo, ví dụ \"Xã Bản Bo\".", "The reporting unit.", value: ("đơn-vị", "unit")))
    var unit: String?

    @Option(name: .long, help: help("Tệp danh sách đơn vị: mỗi đơn vị một biểu mẫu.", "A units file: one workbook per unit.", value: ("tệp-đơn-vị", "units-file")))
    var units: String?

    @Option(name: .long, help: help("Số dòng trống của biểu trống (mặc định 30).", "Empty rows of a blank workbook (default 30).", value: ("số-dòng", "rows")))
    var rows: Int?

    @Option(name: .customLong("extra-rows"), help: help("Số dòng trống thêm sau các chỉ tiêu có sẵn (mặc định 0).", "Empty rows after the data's rows.", value: ("số-dòng", "rows")))
    var extraRows: Int?

    @Option(name: .long, help: help("Biểu trống: cơ quan ban hành báo cáo.", "Blank workbook: the issuer.", value: ("cơ-quan", "issuer")))
    var issuer: String?

    @Option(name: .long, help: help("Biểu trống: nhiệm kỳ, ví dụ 2020-2025.", "Blank workbook: the congress term, e.g. 2020-2025.", value: ("nhiệm-kỳ", "term")))
    var term: String?

    @Option(name: .shortAndLong, help: help("Tệp kết quả (.xlsx), hoặc thư mục khi dùng --units.", "Output file, or folder with --units.", value: ("đích", "target")))
    var output: String

    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        // Options that would do nothing are refused, not ignored.
        if staff.data != nil {
            for (given, name) in [(issuer != nil, "--issuer"), (term != nil, "--term"), (rows != nil, "--rows")] where given {
                throw refusal("\(name) chỉ dùng cho biểu trống (không có --data); với --data, thông tin này lấy từ dữ liệu",
                              "\(name) applies to a blank workbook only (no --data); with --data it comes from the data")
            }
        } else {
            for (given, name) in [(table != nil, "--table"), (extraRows != nil, "--extra-rows")] where given {
                throw refusal("\(name) chỉ dùng cùng --data", "\(name) applies only with --data")
            }
        }
        if unit != nil && units != nil {
            throw refusal("--unit và --units không dùng cùng nhau", "--unit and --units cannot be used together")
        }
        try checkYear(period)
        if let term, parseTerm(term) == nil {
            throw refusal("--term: dạng 2020-2025", "--term: like 2020-2025")
        }
        if units != nil && output.lowercased().hasSuffix(".xlsx") {
            throw refusal("với --units, -o là một thư mục", "with --units, -o is a folder")
        }
        if units == nil && !output.lowercased().hasSuffix(".xlsx") {
            throw refusal("-o phải là tệp .xlsx", "-o must be an .xlsx file")
        }
    }

    func parseTerm(_ s: String) -> Term? {
        let parts = s.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts[0] < parts[1], (1900...9999).contains(parts[0]), (1900...9999).contains(parts[1]) else { return nil }
        return Term(start: parts[0], end: parts[1])
    }

    func run() throws {
        let language = common.language
        try reportingFailures(language) {
            let catalog = try templateOptions.catalog()
            let tpl = try catalog.template(template)
            let report = try staff.loadData()
            let year = period ?? Calendar(identifier: .gregorian).component(.year, from: Date())
            let blank = Report(issuer: issuer ?? "", period: .year(year), term: term.flatMap(parseTerm))
            let plan = try FillablePlan.make(template: tpl, data: report, tableID: table, period: period, blank: blank,
                                             blankRows: rows ?? 30, extraRows: extraRows ?? 0)
            let workbook = FillableWorkbook(plan: plan, options: .init(unit: unit, password: staff.password, contact: staff.contact))
            var notices: [FillableNotice]
            var written: [String]
            if let units {
                let entries = try UnitsFile.load(path: units)
                try OutputPath.prepareFolder(output, option: "-o", mkdir: outputOptions.mkdir)
                (written, notices) = try workbook.write(units: entries, folder: output, beforeReplacing: OutputPath.keepBackup(of:))
            } else {
                try OutputPath.prepareFile(output, inputs: [staff.data].compactMap { $0 } + templateOptions.templateFiles, mkdir: outputOptions.mkdir)
                notices = try workbook.write(to: output)
                written = [output]
            }
            printWarnings(notices, language: language)
            for path in written { print(path) }
            let summary = language == .vi
                ? "Đã tạo \(written.count) biểu mẫu \(tpl.name) (\(plan.source.rawValue), năm \(plan.report.period.year))."
                : "Wrote \(written.count) workbook(s) of \(tpl.name) (\(plan.source.rawValue), year \(plan.report.period.year))."
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        }
    }
}

/// The options of the commands that make staff workbooks (`template`, `round new`).
struct StaffWorkbookOptions: ParsableArguments {
    @Option(name: .long, help: help("Dữ liệu báo cáo (JSON) để điền sẵn.", "Report data (JSON) to pre-fill from.", value: ("dữ-liệu.json", "data.json")))
    var data: String?

    @Option(name: .long, help: help("Mật khẩu khoá trang tính (chữ không dấu; mặc định không có).", "Protection password (ASCII; default none).", value: ("mật-khẩu", "password")))
    var password: String?

    @Option(name: .long, help: help("Nơi nhận lại tệp, ghi trong hướng dẫn.", "Who the files go back to (shown in the guide).", value: ("nơi-nhận", "contact")))
    var contact: String?

    /// The report `--data` names, read.
    func loadData() throws -> Report? { try data.map { try ReportJSON.load(path: $0) } }
}
