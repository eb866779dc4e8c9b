import ArgumentParser
import BieuCore
import BieuExport
import BieuModel
import BieuTemplates
import Foundation

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Tạo biểu mẫu XLSX cho cán bộ điền số liệu. / Make a fillable XLSX workbook for staff.",
        discussion: """
        Ô cần điền có nền vàng và không khoá; mọi ô khác bị khoá. Có hướng dẫn, danh sách chọn, công thức so sánh tự tính, \
        và mã dòng ẩn để nhập lại chính xác (bieu import). Xem docs/STAFF-WORKBOOKS.md.

        Ví dụ / Examples:
          bieu template bieu-01 --data Examples/tam-duong-2024.json --period 2025 --unit "Xã Bản Bo" -o bieu-01_xa-ban-bo.xlsx
          bieu template bieu-01 --data Examples/tam-duong-2024.json --period 2025 --units don-vi.txt -o bieu-mau/
          bieu template phu-luc --period 2025 --rows 40 -o phu-luc-trong.xlsx

        --period: năm của biểu mẫu. Bằng năm của dữ liệu: điền sẵn mọi số liệu (để sửa, bổ sung). \
        Năm sau năm dữ liệu: giữ danh sách chỉ tiêu, chuyển các cột có khoá "carry" trong mẫu \
        (ví dụ "Kế hoạch năm 2025" của dữ liệu 2024 thành "KH năm 2025"), các cột còn lại để trống.

        --units: mỗi dòng một tên đơn vị (UTF-8; dòng trống và dòng bắt đầu bằng # bỏ qua); \
        mỗi đơn vị một tệp MẪU_tên-không-dấu.xlsx trong thư mục -o.
        """
    )

    @Argument(help: "Mã mẫu biểu (bieu-01, bieu-02, phu-luc…). / Template id.")
    var template: String

    @Option(name: .long, help: "Dữ liệu báo cáo (JSON) để điền sẵn. / Report data (JSON) to pre-fill from.")
    var data: String?

    @Option(name: .long, help: "Mã biểu trong dữ liệu khi có nhiều biểu cùng mẫu. / Table id in the data, when several use the template.")
    var table: String?

    @Option(name: .long, help: "Năm của biểu mẫu (mặc định: năm của dữ liệu, hoặc năm nay). / The workbook's year.")
    var period: Int?

    @Option(name: .long, help: "Đơn vị báo cáo, ví dụ \"Xã Bản Bo\". / The reporting unit.")
    var unit: String?

    @Option(name: .long, help: "Tệp danh sách đơn vị: mỗi đơn vị một biểu mẫu. / A units file: one workbook per unit.")
    var units: String?

    @Option(name: .long, help: "Mật khẩu khoá trang tính (chữ không dấu; mặc định không có). / Protection password (ASCII; default none).")
    var password: String?

    @Option(name: .long, help: "Số dòng trống của biểu trống (mặc định 30). / Empty rows of a blank workbook (default 30).")
    var rows: Int = 30

    @Option(name: .customLong("extra-rows"), help: "Số dòng trống thêm sau các chỉ tiêu có sẵn (mặc định 0). / Empty rows after the data's rows.")
    var extraRows: Int = 0

    @Option(name: .long, help: "Nơi nhận lại tệp, ghi trong hướng dẫn. / Who the file goes back to (shown in the guide).")
    var contact: String?

    @Option(name: .long, help: "Biểu trống: cơ quan ban hành báo cáo. / Blank workbook: the issuer.")
    var issuer: String?

    @Option(name: .long, help: "Biểu trống: nhiệm kỳ, ví dụ 2020-2025. / Blank workbook: the congress term, e.g. 2020-2025.")
    var term: String?

    @Option(name: .shortAndLong, help: "Tệp kết quả (.xlsx), hoặc thư mục khi dùng --units. / Output file, or folder with --units.")
    var output: String

    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if unit != nil && units != nil {
            throw ValidationError("--unit và --units không dùng cùng nhau / --unit and --units cannot be used together")
        }
        if let period, !(1900...9999).contains(period) {
            throw ValidationError("--period: một năm, ví dụ 2025 / --period: a year, e.g. 2025")
        }
        if let term, parseTerm(term) == nil {
            throw ValidationError("--term: dạng 2020-2025 / --term: like 2020-2025")
        }
        if units != nil && output.lowercased().hasSuffix(".xlsx") {
            throw ValidationError("với --units, -o là một thư mục / with --units, -o is a folder")
        }
        if units == nil && !output.lowercased().hasSuffix(".xlsx") {
            throw ValidationError("-o phải là tệp .xlsx / -o must be an .xlsx file")
        }
    }

    func parseTerm(_ s: String) -> Term? {
        let parts = s.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts[0] < parts[1], (1900...9999).contains(parts[0]), (1900...9999).contains(parts[1]) else { return nil }
        return Term(start: parts[0], end: parts[1])
    }

    func run() throws {
        let language = common.language
        do {
            let catalog = try templateOptions.catalog()
            let tpl = try catalog.template(template)
            let report = try data.map { try ReportJSON.load(path: $0) }
            let year = period ?? Calendar(identifier: .gregorian).component(.year, from: Date())
            let blank = Report(issuer: issuer ?? "", period: .year(year), term: term.flatMap(parseTerm))
            let plan = try FillablePlan.make(template: tpl, data: report, tableID: table, period: period, blank: blank,
                                             blankRows: rows, extraRows: extraRows)
            let workbook = FillableWorkbook(plan: plan, options: .init(unit: unit, password: password, contact: contact))
            var notices: [FillableNotice]
            var written: [String]
            if let units {
                let entries = try UnitsFile.load(path: units)
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                (written, notices) = try workbook.write(units: entries, folder: output)
            } else {
                try ensureDirectory(for: output)
                notices = try workbook.write(to: output)
                written = [output]
            }
            printWarnings(notices, language: language)
            for path in written { print(path) }
            let summary = language == .vi
                ? "Đã tạo \(written.count) biểu mẫu \(tpl.name) (\(plan.source.rawValue), năm \(plan.report.period.year))."
                : "Wrote \(written.count) workbook(s) of \(tpl.name) (\(plan.source.rawValue), year \(plan.report.period.year))."
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        } catch let e as ExitCode {
            throw e
        } catch {
            throw bieu.report(error, language: language)
        }
    }
}
