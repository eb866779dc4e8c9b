import ArgumentParser
import BieuCore
import BieuCSV
import BieuExport
import BieuModel
import BieuTemplates

/// CSV export options. Each is nil (or false) unless given, so that giving one to an
/// XLSX export can be refused.
struct CSVExportOptions: ParsableArguments {
    @Option(name: .long, help: help("CSV: comma | semicolon | tab (mặc định comma).", "CSV: comma | semicolon | tab (default comma).", value: ("dấu-phân-cách", "separator")))
    var delimiter: String?

    @Option(name: .long, help: help("CSV: utf8-bom (mặc định, Excel mở đúng) | utf8 | utf16le (\"Unicode Text\" của Excel).", "CSV: utf8-bom (default, opens right in Excel) | utf8 | utf16le (Excel's \"Unicode Text\").", value: ("bảng-mã", "encoding")))
    var encoding: String?

    @Option(name: .customLong("number-style"), help: help("CSV: as-written (như trong dữ liệu, mặc định) | vi (41.160 và 31,4) | plain (41160 và 31.4).", "CSV: as-written (as in the data, default) | vi (41.160 and 31,4) | plain (41160 and 31.4).", value: ("kiểu", "style")))
    var numberStyle: String?

    @Flag(name: .customLong("no-title"), help: help("CSV: bỏ các dòng tiêu đề biểu.", "CSV: omit the title lines."))
    var noTitle = false

    @Flag(name: .customLong("flat-header"), help: help("CSV: một dòng tiêu đề cột (\"Nhóm: Cột\") thay cho các dòng như bản in.", "CSV: one header row (\"Group: Column\") instead of the printed header rows."))
    var flatHeader = false

    @Flag(name: .long, help: help("CSV: thêm cột bieu:id (mã dòng) để nhập lại chính xác mà không cần dữ liệu gốc.", "CSV: add a bieu:id column (row ids) to import back exactly without the base data."))
    var ids = false

    /// The options given on the command line, as written.
    var givenOptions: [String] {
        var out: [String] = []
        if delimiter != nil { out.append("--delimiter") }
        if encoding != nil { out.append("--encoding") }
        if numberStyle != nil { out.append("--number-style") }
        if noTitle { out.append("--no-title") }
        if flatHeader { out.append("--flat-header") }
        if ids { out.append("--ids") }
        return out
    }

    func validate() throws {
        if let delimiter, !["comma", "semicolon", "tab"].contains(delimiter) { throw refusal("--delimiter \(delimiter): comma | semicolon | tab", "--delimiter \(delimiter): comma | semicolon | tab") }
        if let encoding, !["utf8-bom", "utf8", "utf16le"].contains(encoding) { throw refusal("--encoding \(encoding): utf8-bom | utf8 | utf16le", "--encoding \(encoding): utf8-bom | utf8 | utf16le") }
        if let numberStyle, CSVExporter.NumberStyleChoice(rawValue: numberStyle) == nil { throw refusal("--number-style \(numberStyle): as-written | vi | plain", "--number-style \(numberStyle): as-written | vi | plain") }
    }

    var exporterOptions: CSVExporter.Options {
        var o = CSVExporter.Options()
        o.write.delimiter = delimiter == "semicolon" ? .semicolon : delimiter == "tab" ? .tab : .comma
        o.write.encoding = encoding == "utf8" ? .utf8 : encoding == "utf16le" ? .utf16LE : .utf8WithBOM
        o.numberStyle = numberStyle.flatMap(CSVExporter.NumberStyleChoice.init(rawValue:)) ?? .asWritten
        o.title = !noTitle
        o.flatHeader = flatHeader
        o.ids = ids
        return o
    }

    func export(_ source: ReportSource, tables: [String], catalog: TemplateCatalog, to path: String) throws -> [ExportWarning] {
        guard tables.count <= 1 else {
            throw BieuMessageError(vi: "Tệp CSV chỉ chứa một biểu: chỉ dùng một --table", en: "A CSV file holds one table: give one --table")
        }
        return try CSVExporter(catalog: catalog, options: exporterOptions).export(source: source, tableID: tables.first, to: path)
    }
}
