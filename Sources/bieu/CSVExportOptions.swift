import ArgumentParser
import BieuCore
import BieuCSV
import BieuExport
import BieuModel
import BieuTemplates

/// CSV export options.
struct CSVExportOptions: ParsableArguments {
    @Option(name: .long, help: "CSV: comma | semicolon | tab (mặc định comma). / CSV field separator.")
    var delimiter: String = "comma"

    @Option(name: .long, help: "CSV: utf8-bom (mặc định, Excel mở đúng) | utf8 | utf16le (\"Unicode Text\" của Excel). / CSV encoding.")
    var encoding: String = "utf8-bom"

    @Option(name: .customLong("number-style"), help: "CSV: as-written (như trong dữ liệu, mặc định) | vi (41.160 / 31,4) | plain (41160 / 31.4).")
    var numberStyle: String = "as-written"

    @Flag(name: .customLong("no-title"), help: "CSV: bỏ các dòng tiêu đề biểu. / Omit the title lines.")
    var noTitle = false

    @Flag(name: .customLong("flat-header"), help: "CSV: một dòng tiêu đề cột (\"Nhóm: Cột\") thay cho các dòng như bản in. / One header row instead of the printed header rows.")
    var flatHeader = false

    @Flag(name: .long, help: "CSV: thêm cột bieu:id (mã dòng) để nhập lại chính xác mà không cần dữ liệu gốc. / Add a bieu:id column.")
    var ids = false

    func validate() throws {
        guard ["comma", "semicolon", "tab"].contains(delimiter) else { throw ValidationError("--delimiter: comma | semicolon | tab") }
        guard ["utf8-bom", "utf8", "utf16le"].contains(encoding) else { throw ValidationError("--encoding: utf8-bom | utf8 | utf16le") }
        guard CSVExporter.NumberStyleChoice(rawValue: numberStyle) != nil else { throw ValidationError("--number-style: as-written | vi | plain") }
    }

    var exporterOptions: CSVExporter.Options {
        var o = CSVExporter.Options()
        o.write.delimiter = delimiter == "semicolon" ? .semicolon : delimiter == "tab" ? .tab : .comma
        o.write.encoding = encoding == "utf8" ? .utf8 : encoding == "utf16le" ? .utf16LE : .utf8WithBOM
        o.numberStyle = CSVExporter.NumberStyleChoice(rawValue: numberStyle) ?? .asWritten
        o.title = !noTitle
        o.flatHeader = flatHeader
        o.ids = ids
        return o
    }

    func export(_ source: ReportSource, tables: [String], catalog: TemplateCatalog, to path: String) throws -> [ExportWarning] {
        guard tables.count <= 1 else {
            throw BieuMessageError(vi: "CSV chỉ chứa một biểu: chỉ dùng một --table", en: "A CSV file holds one table: give one --table")
        }
        return try CSVExporter(catalog: catalog, options: exporterOptions).export(source: source, tableID: tables.first, to: path)
    }
}
