import Foundation

/// What a cell's text means, as far as bieu can tell.
///
/// The text as written is always kept beside the value (see ``Cell``); the
/// value is an interpretation used for checks, sums and formulas. Numbers are
/// `Decimal`, never `Double`, so `48.1` stays exactly 48.1.
public indirect enum CellValue: Sendable, Hashable {
    /// Nothing written.
    case empty
    /// A plain number: `46`, `41.160` (read as 41160), `31,4`, `2,202.34`.
    case number(Decimal)
    /// A percentage, stored in percent units: `29,2%` → 29.2.
    case percent(Decimal)
    /// A per-mille value, stored in per-mille units: `0,5‰` → 0.5.
    case perMille(Decimal)
    /// A ratio a/b such as criteria met: `16/19`, `113/118 bản có điện`.
    case ratio(numerator: Decimal, denominator: Decimal, unit: String?)
    /// A range: `5-6`, `2-4 năm`.
    case range(low: Decimal, high: Decimal, unit: String?)
    /// A bound: `>90`, `≥ 75`, `Trên 5%/năm`, `dưới 10`.
    case bound(relation: BoundRelation, value: Decimal, unit: String?)
    /// A number followed by a unit or short remark: `16 tỷ đồng`, `15,6 tiêu chí/xã`,
    /// `90 (trên 3% trở lên)`. `unit` is the text after the number.
    case quantity(Decimal, unit: String)
    /// An assessment or rating: `Đạt`, `Vượt`, `Chưa đạt`, `HTTNV`, `Không đạt chỉ tiêu NQ`.
    case status(Status)
    /// Free text: names, sentences, anything not recognised above.
    case text(String)
    /// A reading that cannot be decided from the text alone: `1.022` is one
    /// thousand and twenty-two (Vietnamese grouping) or 1.022 (English
    /// decimal point). The candidates are listed, thousands reading first;
    /// nothing is chosen silently.
    case ambiguous(candidates: [CellValue])

    /// The single number this value stands for in comparisons and formulas:
    /// numbers, percents and per-mille values and quantities; nil otherwise
    /// (bounds, ranges, ratios and ambiguous readings have no single number).
    public var numericValue: Decimal? {
        switch self {
        case .number(let d), .percent(let d), .perMille(let d), .quantity(let d, _): return d
        default: return nil
        }
    }

    /// A stable, ASCII type tag used in JSON and in messages.
    public var typeName: String {
        switch self {
        case .empty: return "empty"
        case .number: return "number"
        case .percent: return "percent"
        case .perMille: return "per_mille"
        case .ratio: return "ratio"
        case .range: return "range"
        case .bound: return "bound"
        case .quantity: return "quantity"
        case .status: return "status"
        case .text: return "text"
        case .ambiguous: return "ambiguous"
        }
    }

    public var isAmbiguous: Bool {
        if case .ambiguous = self { return true }
        return false
    }
}

/// The relation a bound expresses.
public enum BoundRelation: String, Sendable, Hashable, CaseIterable {
    /// `>`, `trên`
    case greater = ">"
    /// `≥`, `>=`, `tối thiểu`, `ít nhất`, `không dưới`, `… trở lên`
    case greaterOrEqual = ">="
    /// `<`, `dưới`
    case less = "<"
    /// `≤`, `<=`, `tối đa`, `không quá`, `… trở xuống`
    case lessOrEqual = "<="
}

/// An assessment or rating word, as used in the Đánh giá columns and in
/// party-building indicators.
public enum Status: String, Sendable, Hashable, CaseIterable {
    /// Đạt — the target was met.
    case met
    /// Vượt — the target was exceeded.
    case exceeded
    /// Chưa đạt — not (yet) met.
    case notMet = "not_met"
    /// Không đạt — failed.
    case failed
    /// Hoàn thành xuất sắc nhiệm vụ (HTXSNV).
    case completedExcellently = "completed_excellently"
    /// Hoàn thành tốt nhiệm vụ (HTTNV).
    case completedWell = "completed_well"
    /// Hoàn thành nhiệm vụ (HTNV).
    case completed
    /// Không hoàn thành nhiệm vụ.
    case notCompleted = "not_completed"

    /// The canonical Vietnamese label, as a template dropdown offers it.
    public var label: String {
        switch self {
        case .met: return "Đạt"
        case .exceeded: return "Vượt"
        case .notMet: return "Chưa đạt"
        case .failed: return "Không đạt"
        case .completedExcellently: return "Hoàn thành xuất sắc nhiệm vụ"
        case .completedWell: return "Hoàn thành tốt nhiệm vụ"
        case .completed: return "Hoàn thành nhiệm vụ"
        case .notCompleted: return "Không hoàn thành nhiệm vụ"
        }
    }

    /// The English label, for `--lang en` reports.
    public var englishLabel: String {
        switch self {
        case .met: return "met"
        case .exceeded: return "exceeded"
        case .notMet: return "not met"
        case .failed: return "failed"
        case .completedExcellently: return "completed excellently"
        case .completedWell: return "completed well"
        case .completed: return "completed"
        case .notCompleted: return "not completed"
        }
    }
}
