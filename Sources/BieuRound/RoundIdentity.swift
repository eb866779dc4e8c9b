import BieuCore

/// Which round, unit and period a workbook was sent for: one `_bieu` record,
/// `round | <round id> | <unit id> | <unit name> | <period> | <template id> | <template version> | <digest of what was sent>`.
///
/// Written by `bieu round new` (and `round feedback`) through
/// `FillableWorkbook.Options.extraRecords`, read back from the `_bieu` sheet
/// of a return. (The typed `_bieu` codec of issue 12 item 1 will carry the same
/// fields; until then this record is the round's own.)
public struct RoundIdentity: Sendable, Hashable {
    public static let key = "round"
    public var roundID: String
    public var unitID: String
    public var unitName: String
    public var period: String
    public var templateID: String
    public var templateVersion: Int
    /// SHA-256 of the canonical JSON of what was sent.
    public var sentDigest: String

    public init(roundID: String, unitID: String, unitName: String, period: String, templateID: String, templateVersion: Int, sentDigest: String) {
        self.roundID = roundID; self.unitID = unitID; self.unitName = unitName; self.period = period
        self.templateID = templateID; self.templateVersion = templateVersion; self.sentDigest = sentDigest
    }

    public var record: [String] {
        [Self.key, roundID, unitID, unitName, period, templateID, String(templateVersion), sentDigest]
    }

    /// The record in a workbook's `_bieu` sheet, if it has one (the first wins).
    public static func read(_ workbook: GridWorkbook) -> RoundIdentity? {
        guard let sheet = workbook.sheets.first(where: { $0.name == "_bieu" }) else { return nil }
        for (_, cells) in sheet.rows() {
            var fields: [Int: String] = [:]
            for c in cells {
                switch c.value {
                case .string(let s): fields[c.address.column] = s
                case .number(let n): fields[c.address.column] = n
                default: break
                }
            }
            guard fields[0] == key else { continue }
            func f(_ i: Int) -> String { fields[i] ?? "" }
            return RoundIdentity(roundID: f(1), unitID: f(2), unitName: f(3), period: f(4), templateID: f(5),
                                 templateVersion: Int(f(6)) ?? 0, sentDigest: f(7))
        }
        return nil
    }
}
