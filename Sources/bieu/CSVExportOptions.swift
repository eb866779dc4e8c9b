import ArgumentParser
import BieuCore
import BieuExport
import BieuModel
import BieuTemplates

/// CSV export options.
struct CSVExportOptions: ParsableArguments {
    func export(_ report: Report, tables: [String], catalog: TemplateCatalog, to path: String) throws -> [ExportWarning] {
        throw BieuMessageError(vi: "Xuất CSV chưa sẵn sàng", en: "CSV export is not available yet")
    }
}
