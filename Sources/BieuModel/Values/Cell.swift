import BieuCore

/// One cell of an annex table: the text as written, and what it means.
///
/// The text is the record: a tool may read `41.160` as 41160 for checks, but
/// it must never lose what the person wrote. `value` is always consistent with
/// `text`: either the parser's reading of it, or — for an ambiguous text — one
/// of the candidates a person chose.
public struct Cell: Sendable, Hashable {
    /// The text as written (Unicode NFC).
    public private(set) var text: String
    /// The interpretation of ``text``.
    public private(set) var value: CellValue

    /// A cell whose value is read from its text by ``ValueParser``.
    public init(_ text: String) {
        let normalized = VietnameseText.nfc(text)
        self.text = normalized
        self.value = ValueParser.parse(normalized)
    }

    /// A cell with an explicit interpretation. Fails unless `value` is what
    /// the text reads as, one of its ambiguous readings, or the text itself
    /// uninterpreted (`.text(text)`: a `kind: text` column keeps what was written).
    public init?(text: String, value: CellValue) {
        let normalized = VietnameseText.nfc(text)
        // The text kept uninterpreted needs no reading (a long sentence's costs the most).
        if value == .text(normalized) {
            self.init(nfcText: normalized, parsed: value)
            return
        }
        self.init(nfcText: normalized, parsed: ValueParser.parse(normalized), value: value)
    }

    /// ``init(text:value:)`` for a text already in NFC whose reading is at hand
    /// (`parsed` must be `ValueParser.parse(text)`).
    init?(nfcText text: String, parsed: CellValue, value: CellValue) {
        guard Cell.isAcceptable(value, for: parsed) || value == .text(text) else { return nil }
        self.text = text
        self.value = value
    }

    /// ``init(_:)`` for a text already in NFC whose reading is at hand
    /// (`parsed` must be `ValueParser.parse(text)`).
    init(nfcText text: String, parsed: CellValue) {
        self.text = text
        self.value = parsed
    }

    /// True when `value` may stand for text that parses as `parsed`.
    public static func isAcceptable(_ value: CellValue, for parsed: CellValue) -> Bool {
        if value == parsed { return true }
        if case .ambiguous(let candidates) = parsed { return candidates.contains(value) }
        return false
    }

    public static let empty = Cell("")

    public var isEmpty: Bool { text.isEmpty }

    /// Resolves an ambiguous reading by choosing one of its candidates.
    /// Returns false (and changes nothing) if `choice` is not a candidate.
    @discardableResult
    public mutating func resolve(to choice: CellValue) -> Bool {
        guard case .ambiguous(let candidates) = value, candidates.contains(choice) else { return false }
        value = choice
        return true
    }
}

extension Cell: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}
