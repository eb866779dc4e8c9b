import BieuCore
import BieuModel
import Foundation

/// A table template: how one annex table is laid out and how its columns map
/// to the model. Loaded from a YAML file in `Templates/` (see docs/TEMPLATES.md);
/// one description serves export (the layout to write) and import (the layout
/// to recognise).
public struct Template: Sendable {
    /// Template id, e.g. `bieu-01`; a table's `template` field names it.
    public var id: String
    /// Bumped when the layout changes incompatibly; fillable workbooks record it.
    public var version: Int
    /// Human name: `Biểu 01`.
    public var name: String
    /// Sheet name pattern (placeholders allowed); at most 31 characters once filled.
    public var sheet: String
    /// Title block lines above the header.
    public var title: [TitleLine]
    /// Empty rows between the title block and the header.
    public var blankRowsAfterTitle: Int
    /// The header tree; its leaves are the table's columns in print order.
    public var header: [HeaderNode] { didSet { columns = header.flatMap { $0.leaves } } }
    /// The leaf columns in print order, kept in step with `header` (read once per
    /// cell on import and export, so stored rather than recomputed).
    public private(set) var columns: [Column]
    /// Which indicators are "lower is better" when the row does not say.
    public var lowerIsBetter: NameRule
    /// Fonts and per-kind row styles.
    public var styles: Styles
    /// Print setup.
    public var page: PageSetup
    /// Extra words that identify this table in a workbook (besides its headers).
    public var matchWords: [String]
    /// Where the template was loaded from (for messages).
    public var source: String
    /// `aggregate_rows:` — per-row aggregations overriding the columns' `aggregate`.
    public var aggregationOverrides: [AggregationOverride] = []
    /// `rules:` — validation rules declared by the template.
    public var rules: [DeclaredRule] = []

    public func column(_ id: String) -> Column? { columns.first { $0.id == id } }

    /// True when the row's indicator is "lower is better" (the row's own
    /// `direction` wins over the template's name rule).
    public func isLowerBetter(_ row: Row) -> Bool {
        if let d = row.direction { return d == .lowerIsBetter }
        return lowerIsBetter.matches(row.name)
    }
}

/// One line of the title block.
public struct TitleLine: Sendable, Hashable {
    public var text: String
    public var style: TitleStyle
}

public enum TitleStyle: String, Sendable, Hashable, CaseIterable {
    /// Bold, larger: `BIỂU 01: …`
    case title
    /// Italic: `(Kèm theo Báo cáo số …)`
    case subtitle
    /// Plain text line (e.g. `Đơn vị: …`).
    case plain
}

/// A node of the header tree: a group spanning its children, or a column.
public indirect enum HeaderNode: Sendable {
    case group(label: String, children: [HeaderNode])
    case column(Column)

    public var leaves: [Column] {
        switch self {
        case .column(let c): return [c]
        case .group(_, let children): return children.flatMap { $0.leaves }
        }
    }

    /// Depth of the subtree in header rows (a column alone is 1).
    public var depth: Int {
        switch self {
        case .column: return 1
        case .group(_, let children): return 1 + (children.map(\.depth).max() ?? 0)
        }
    }
}

/// Where a column's content lives in the model.
public enum ColumnField: String, Sendable, Hashable, CaseIterable {
    /// `Row.stt`
    case stt
    /// `Row.name`
    case name
    /// `Row.unit`
    case unit
    /// `Row.note`
    case note
    /// `Row.cells[column.id]`
    case cell
}

/// What a value column holds.
public enum ColumnKind: String, Sendable, Hashable, CaseIterable {
    /// Any value form; plain numbers and percents are stored as numbers.
    case value
    /// Long text (targets, results written as sentences); always stored as text.
    case text
    /// Computed from other columns by `formula`.
    case computed
    /// An assessment (Đạt / Vượt / Chưa đạt), derivable from a ratio column.
    case assessment
}

public enum Alignment: String, Sendable, Hashable, CaseIterable {
    case left, center, right
}

/// One leaf column of a table.
public struct Column: Sendable {
    public var id: String
    /// Header text (placeholders allowed).
    public var header: String
    public var field: ColumnField
    public var kind: ColumnKind
    /// Width in Excel character units.
    public var width: Double
    public var align: Alignment
    public var wrap: Bool
    /// Decimal places for computed values and for numbers typed into fillable workbooks.
    public var decimals: Int?
    /// For computed columns.
    public var formula: Expression?
    /// For computed columns on "lower is better" rows (default: `formula`).
    public var lowerIsBetterFormula: Expression?
    /// For assessment columns.
    public var assessment: AssessmentRule?
    /// Staff fill this column in fillable workbooks.
    public var input: Bool
    /// A value is expected on indicator rows.
    public var required: Bool
    /// What the column means, for input messages in fillable workbooks.
    public var help: String?
    /// Allowed numeric range for typed values, if any.
    public var minimum: Decimal?
    public var maximum: Decimal?
    /// Values outside this range are highlighted as implausible (ratios).
    public var plausibleMinimum: Decimal?
    public var plausibleMaximum: Decimal?
    /// Longest text accepted in fillable workbooks (notes).
    public var maxLength: Int?
    /// For a workbook of the next period made from this period's data: the
    /// column of this period whose value this column starts with (`kh_nam`
    /// takes last period's `kh_nam_sau`; a term target takes itself). Nil: starts empty.
    public var carry: String?
    /// Line in the template file where the column is defined.
    public var line: Int
    /// Line of the column's `formula` (or `assessment`), for messages about it.
    public var formulaLine: Int
    /// How the column's values from many units are consolidated (`aggregate:`); nil: not declared.
    public var aggregate: Aggregation? = nil

    /// The expression to use for a row.
    public func expression(lowerIsBetter: Bool) -> Expression? {
        lowerIsBetter ? (lowerIsBetterFormula ?? formula) : formula
    }
}

/// How an assessment follows from a ratio in percent.
public struct AssessmentRule: Sendable, Hashable {
    /// The ratio column (percent units).
    public var from: String
    /// Ratio ≥ this is "Đạt" (met).
    public var metFrom: Decimal
    /// Ratio > this is "Vượt" (exceeded); nil: no "Vượt".
    public var exceededAbove: Decimal?

    /// The assessment a ratio implies.
    public func status(forRatio ratio: Decimal) -> Status {
        if let e = exceededAbove, ratio > e { return .exceeded }
        return ratio >= metFrom ? .met : .notMet
    }
}

/// Matches indicator names tolerant of case and diacritics.
public struct NameRule: Sendable, Hashable {
    public var containing: [String] { didSet { foldedContaining = containing.map { Array(VietnameseText.foldKey($0).utf8) } } }
    public var exceptContaining: [String] { didSet { foldedExcept = exceptContaining.map { Array(VietnameseText.foldKey($0).utf8) } } }
    /// The patterns folded once (matching happens for every row).
    private var foldedContaining: [[UInt8]]
    private var foldedExcept: [[UInt8]]

    public init(containing: [String] = [], exceptContaining: [String] = []) {
        self.containing = containing
        self.exceptContaining = exceptContaining
        foldedContaining = containing.map { Array(VietnameseText.foldKey($0).utf8) }
        foldedExcept = exceptContaining.map { Array(VietnameseText.foldKey($0).utf8) }
    }

    public func matches(_ name: String) -> Bool {
        guard !foldedContaining.isEmpty, !name.isEmpty else { return false }
        let key = Array(VietnameseText.foldKey(name).utf8)
        guard foldedContaining.contains(where: { NameRule.contains(key, $0) }) else { return false }
        return !foldedExcept.contains(where: { NameRule.contains(key, $0) })
    }

    /// Byte substring search (the keys are short).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// Font and emphasis.
public struct TextStyle: Sendable, Hashable {
    public var size: Double?
    public var bold: Bool?
    public var italic: Bool?

    public init(size: Double? = nil, bold: Bool? = nil, italic: Bool? = nil) {
        self.size = size
        self.bold = bold
        self.italic = italic
    }

    /// This style with unset fields taken from `base`.
    public func over(_ base: TextStyle) -> TextStyle {
        TextStyle(size: size ?? base.size, bold: bold ?? base.bold, italic: italic ?? base.italic)
    }
}

public struct Styles: Sendable {
    public var font: String
    /// Body text style (size required).
    public var body: TextStyle
    public var title: TextStyle
    public var subtitle: TextStyle
    public var header: TextStyle
    public var rows: [RowKind: TextStyle]

    /// The effective style of a data row of the given kind.
    public func row(_ kind: RowKind) -> TextStyle { (rows[kind] ?? TextStyle()).over(body) }
}

public struct PageSetup: Sendable, Hashable {
    public enum Paper: String, Sendable, CaseIterable { case a4 = "A4", a3 = "A3" }
    public enum Orientation: String, Sendable, CaseIterable { case landscape, portrait }
    public var paper: Paper
    public var orientation: Orientation
    /// Margins in centimetres.
    public var marginLeft: Double
    public var marginRight: Double
    public var marginTop: Double
    public var marginBottom: Double
    /// Scale the table to one page wide (any number of pages tall).
    public var fitToWidth: Bool
    /// Print the header rows on every page.
    public var repeatHeader: Bool
    /// Freeze panes below the header (and right of the name column).
    public var freezeHeader: Bool
    public var centerHorizontally: Bool
    /// Page footer: `Trang {page}/{pages}` style text, nil for none.
    public var footer: String?
}
