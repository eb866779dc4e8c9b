import BieuCore
import BieuModel
import BieuTemplates

/// Whether a workbook is the one the import expects: the period, template, round and unit
/// its identity names (the `_bieu` records, ``WorkbookMetadata``) against the base data
/// (`--base`) and the round (``ImportOptions/round``). A mismatch is an error naming both
/// values; with ``ImportOptions/force`` it is accepted and recorded as a warning and in
/// ``ImportSummary/forced``. A workbook without bieu's records is checked only for its
/// tables' templates.
enum IdentityCheck {
    static func run(identity: WorkbookIdentity?, imported: [ImportedTable], options: ImportOptions) -> [Finding] {
        var out: [Finding] = []
        func mismatch(_ code: String, vi: String, en: String) {
            out.append(options.force
                ? Finding(.warning, code, vi: vi + "; vẫn nhận vì dùng --force", en: en + "; accepted because of --force")
                : Finding(.error, code, vi: vi + " (dùng --force nếu đúng là tệp này)", en: en + " (use --force if this is the right file)"))
        }
        let sent = identity?.metadata.effectiveIdentity
        if let base = options.base {
            if let period = sent?.period ?? identity?.report?.period, period != base.period {
                let (file, data) = (WorkbookMetadata.periodCode(period), WorkbookMetadata.periodCode(base.period))
                mismatch("period-mismatch", vi: "kỳ báo cáo của tệp \"\(file)\" khác kỳ của dữ liệu gốc \"\(data)\"",
                         en: "the file's period \"\(file)\" differs from the base data's period \"\(data)\"")
            }
            let baseTemplates = base.tables.map(\.template)
            var named = Set<String>()
            // A base without tables (a new report's metadata) takes any table.
            for t in imported where !baseTemplates.isEmpty && !baseTemplates.contains(t.table.template) && named.insert(t.table.template).inserted {
                let list = Array(Set(baseTemplates)).sorted().joined(separator: ", ")
                mismatch("template-mismatch", vi: "mẫu biểu của tệp \"\(t.table.template)\" khác mẫu của dữ liệu gốc \"\(list)\"",
                         en: "the file's template \"\(t.table.template)\" differs from the base data's templates \"\(list)\"")
            }
            if let expected = base.unit, let unit = sent?.unit ?? identity?.report?.unit, !unit.same(as: expected) {
                mismatch("unit-mismatch", vi: "đơn vị của tệp \"\(unit.name)\" khác đơn vị của dữ liệu gốc \"\(expected.name)\"",
                         en: "the file's unit \"\(unit.name)\" differs from the base data's unit \"\(expected.name)\"")
            }
        }
        if let round = options.round, sent?.roundID != round {
            let file = sent?.roundID ?? ""
            mismatch("round-mismatch", vi: "đợt thu thập của tệp \"\(file)\" khác đợt \"\(round)\"",
                     en: "the file's collection round \"\(file)\" differs from round \"\(round)\"")
        }
        return out
    }
}
