
/// What a workbook written by bieu carries besides the visible table, so that
/// importing it back is exact:
///
/// - a hidden column right of each table, headed ``idHeader``, with each
///   row's id (it moves with the row when people sort or insert rows);
/// - a hidden sheet ``sheetName`` with one record per line:
///   - `bieu | xlsx/1` — marks the workbook and the layout version of these records;
///   - `report | <JSON>` — the report's metadata (canonical JSON, no tables);
///   - `table | <sheet> | <table id> | <template id> | <template version> | <the table's own title lines, JSON; [] = the template's> | <first data row> | <row count>`;
///   - `row | <table id> | <row id> | <kind> | <direction or empty>` — what the visible sheet cannot show;
///   - `text | <table id> | <row id> | <column id> | <text>` — the text as written of a
///     numeric cell whose Vietnamese rendering would differ (`48.1`, `2,202.34`), so an
///     unchanged number comes back with its original text; a changed number is rendered anew.
/// - custom document properties `bieu.format` and `bieu.templates`.
public enum WorkbookMetadata {
    public static let sheetName = "_bieu"
    public static let idHeader = "bieu:id"
    public static let formatTag = "xlsx/1"
    public static let markerKey = "bieu"
    public static let reportKey = "report"
    public static let tableKey = "table"
    public static let textKey = "text"
    public static let rowKey = "row"
}
