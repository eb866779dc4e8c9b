
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
///
/// Staff workbooks (`bieu template`, BieuExport/Fillable) add, in the same sheet
/// (kept `veryHidden` there, read back as hidden after a LibreOffice re-save):
///   - `fillable | <table id> | <source: blank, same-period, next-period, later-period> | <year of the data or empty> | <unit or empty> | <guide sheet name>`
///     — marks a workbook made for staff to fill, and what it was made from;
///   - `slot | <table id> | <row id>` — an empty row offered for a new entry: no `row`
///     record (its kind follows what staff type); a slot left empty is not a row;
///   - `derived | <table id> | <row id> | <column id> | <printed text>` — the data held this
///     printed computed value; the workbook shows the live formula instead. If the formula's
///     result still agrees with the text (ComputedCheck's rounding rule), the text is the value;
///   - `list | <list name> | <item> | <item> …` — a dropdown list (the validation refers
///     to the items through the defined name `bieu_list_<list name>`): `danh_gia` (assessments),
///     `don_vi` (units offered on empty rows).
/// Staff workbooks also carry workbook-level defined names: `bieu_template`,
/// `bieu_template_version`, `bieu_table`, `bieu_year`, `bieu_period`, `bieu_unit`
/// (text or number constants) and `bieu_data` (the table's data rows, id column included,
/// which spreadsheet programs move along when rows are inserted or deleted).
public enum WorkbookMetadata {
    public static let sheetName = "_bieu"
    public static let idHeader = "bieu:id"
    public static let formatTag = "xlsx/1"
    public static let markerKey = "bieu"
    public static let reportKey = "report"
    public static let tableKey = "table"
    public static let textKey = "text"
    public static let rowKey = "row"
    public static let fillableKey = "fillable"
    public static let slotKey = "slot"
    public static let derivedKey = "derived"
    public static let listKey = "list"
}
