import BieuCore
import Foundation

/// Reads one row object straight from its bytes into a ``Row``, in one pass,
/// without building a ``JSONNode`` tree.
///
/// It is a fast path, not a second decoder: it accepts only what the strict
/// parser and ``ReportJSON/Decoder`` accept *and decode to the same row*, and
/// gives up (returns nil) on anything else — any syntax or model error, and
/// also forms that are legal but rare (`\u` escapes, ambiguous cells with
/// their candidates, `true`/`false`/`null`). The caller then decodes the same
/// bytes with the parser and the decoder, which own every error message, so
/// errors and their positions are those of the whole-file loader by
/// construction. The keys, the value types and the checks it applies are the
/// decoder's own (``ReportJSON/Decoder/rowKeys``, ``ReportJSON/Decoder/cellKeys``,
/// ``RowKind``, ``Direction``, ``BoundRelation``, ``Status``, ``ExactDecimal``,
/// ``Cell/init(text:value:)``).
struct FastRowReader {
    private let p: UnsafeBufferPointer<UInt8>
    private var pos = 0
    private let readings: CellReadings

    private init(_ p: UnsafeBufferPointer<UInt8>, _ readings: CellReadings) {
        self.p = p
        self.readings = readings
    }

    /// The row the bytes hold, or nil when the strict path must decide. `readings`
    /// remembers how texts read, across the rows of a file.
    static func row(_ bytes: [UInt8], readings: CellReadings) -> Row? {
        bytes.withUnsafeBufferPointer { buffer in
            var r = FastRowReader(buffer, readings)
            r.skipWhitespace()
            guard let row = r.row() else { return nil }
            r.skipWhitespace()
            return r.pos == buffer.count ? row : nil
        }
    }

    static func row(_ bytes: [UInt8]) -> Row? {
        row(bytes, readings: CellReadings())
    }

    // MARK: Grammar

    private mutating func skipWhitespace() {
        while pos < p.count {
            let b = p[pos]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    /// Consumes `byte` after optional whitespace.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard pos < p.count, p[pos] == byte else { return false }
        pos += 1
        return true
    }

    /// After a member: true for ',', false for '}' (consumed); nil otherwise.
    private mutating func next(end: UInt8) -> Bool? {
        skipWhitespace()
        guard pos < p.count else { return nil }
        if p[pos] == UInt8(ascii: ",") { pos += 1; return true }
        if p[pos] == end { pos += 1; return false }
        return nil
    }

    /// A string (the opening quote at `pos`), as the parser decodes it.
    private mutating func string() -> String? {
        skipWhitespace()
        guard pos < p.count, p[pos] == UInt8(ascii: "\"") else { return nil }
        pos += 1
        let start = pos
        var ascii = true
        // Common case: no escapes — the bytes are the string.
        while pos < p.count {
            let b = p[pos]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: p[start..<pos])
                pos += 1
                return ascii ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { return nil }
            if b >= 0x80 { ascii = false }
            pos += 1
        }
        // With escapes: copy, resolving the simple ones; `\u` is left to the parser.
        var out = Array(UnsafeBufferPointer(rebasing: p[start..<pos]))
        while pos < p.count {
            let b = p[pos]
            switch b {
            case UInt8(ascii: "\""):
                pos += 1
                return String(validating: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard pos + 1 < p.count else { return nil }
                guard let simple = JSONEscape.simple(p[pos + 1]) else { return nil }
                out.append(simple)
                pos += 2
            case 0x00..<0x20:
                return nil
            default:
                out.append(b)
                pos += 1
            }
        }
        return nil
    }

    /// A number literal, with the parser's grammar and length limit.
    private mutating func number() -> String? {
        skipWhitespace()
        let start = pos
        guard let end = JSONNumberGrammar.end(in: p, from: start) else { return nil }
        pos = end
        return String(decoding: UnsafeBufferPointer(rebasing: p[start..<pos]), as: UTF8.self)
    }

    /// `"key":` — the key, with the colon consumed.
    private mutating func key() -> String? {
        guard let k = string(), take(UInt8(ascii: ":")) else { return nil }
        return k
    }

    private mutating func row() -> Row? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var id: String?, kind = RowKind.indicator, direction: Direction?
        var stt = "", name = "", unit = "", note = ""
        var cells = CellMap()
        var seen: UInt16 = 0
        if take(UInt8(ascii: "}")) { return nil } // no id: the decoder's error
        repeat {
            guard let k = key() else { return nil }
            let bit: UInt16
            switch k {
            case "id":
                bit = 1
                guard let s = string() else { return nil }
                id = VietnameseText.nfc(s)
            case "kind":
                bit = 2
                guard let s = string(), let parsed = RowKind(rawValue: VietnameseText.nfc(s)) else { return nil }
                kind = parsed
            case "stt":
                bit = 4
                guard let s = string() else { return nil }
                stt = VietnameseText.nfc(s)
            case "name":
                bit = 8
                guard let s = string() else { return nil }
                name = VietnameseText.nfc(s)
            case "unit":
                bit = 16
                guard let s = string() else { return nil }
                unit = VietnameseText.nfc(s)
            case "note":
                bit = 32
                guard let s = string() else { return nil }
                note = VietnameseText.nfc(s)
            case "direction":
                bit = 64
                guard let s = string(), let parsed = Direction(rawValue: VietnameseText.nfc(s)) else { return nil }
                direction = parsed
            case "cells":
                bit = 128
                guard readCells(into: &cells) else { return nil }
            default:
                return nil
            }
            guard seen & bit == 0 else { return nil }
            seen |= bit
        } while try_next()
        guard closed else { return nil }
        guard let id, !id.isEmpty else { return nil }
        return Row(id: id, kind: kind, stt: stt, name: name, unit: unit, cells: cells, note: note, direction: direction)
    }

    /// Set by ``try_next()``: the container ended with its closing bracket.
    private var closed = false

    /// After a member of an object: continue (','), or stop, recording whether '}' closed it.
    private mutating func try_next() -> Bool {
        switch next(end: UInt8(ascii: "}")) {
        case true?: closed = false; return true
        case false?: closed = true; return false
        case nil: closed = false; return false
        }
    }

    private mutating func readCells(into cells: inout CellMap) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        var keys = Set<String>()
        repeat {
            guard let column = key(), keys.insert(column).inserted, let cell = cell() else { return false }
            cells[VietnameseText.nfc(column)] = cell
        } while try_next()
        return closed
    }

    /// The members of a cell object or of one of its candidates (raw, before NFC).
    private struct Fields {
        var text: String?, type: String?, relation: String?, status: String?, unit: String?
        var value: String?, numerator: String?, denominator: String?, low: String?, high: String?
        var candidates: [Fields]?
    }

    /// An object of value members; `cell` allows `text` and `candidates` (a cell), otherwise
    /// it is a candidate. Nil on a member the decoder would refuse or that is not read here.
    private mutating func fields(cell: Bool) -> Fields? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var f = Fields()
        if take(UInt8(ascii: "}")) { return nil } // no text / no type: the decoder's error
        var seen: UInt16 = 0
        repeat {
            guard let k = key() else { return nil }
            let bit: UInt16
            let ok: Bool
            switch k {
            case "text" where cell: bit = 1; f.text = string(); ok = f.text != nil
            case "type": bit = 2; f.type = string(); ok = f.type != nil
            case "relation": bit = 4; f.relation = string(); ok = f.relation != nil
            case "status": bit = 8; f.status = string(); ok = f.status != nil
            case "unit": bit = 16; f.unit = string(); ok = f.unit != nil
            case "value": bit = 32; f.value = number(); ok = f.value != nil
            case "numerator": bit = 64; f.numerator = number(); ok = f.numerator != nil
            case "denominator": bit = 128; f.denominator = number(); ok = f.denominator != nil
            case "low": bit = 256; f.low = number(); ok = f.low != nil
            case "high": bit = 512; f.high = number(); ok = f.high != nil
            case "candidates" where cell: bit = 1024; f.candidates = candidates(); ok = f.candidates != nil
            default: return nil // unknown keys
            }
            // A member of a JSON type other than expected: the decoder's error (or its choice to ignore it).
            guard ok, seen & bit == 0 else { return nil }
            seen |= bit
        } while try_next()
        return closed ? f : nil
    }

    private mutating func candidates() -> [Fields]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var out: [Fields] = []
        if take(UInt8(ascii: "]")) { return out }
        while true {
            guard let f = fields(cell: false) else { return nil }
            out.append(f)
            skipWhitespace()
            guard pos < p.count else { return nil }
            if p[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if p[pos] == UInt8(ascii: "]") { pos += 1; return out }
            return nil
        }
    }

    private mutating func cell() -> Cell? {
        skipWhitespace()
        guard pos < p.count else { return nil }
        switch p[pos] {
        case UInt8(ascii: "\""):
            guard let s = string() else { return nil }
            let text = VietnameseText.nfc(s)
            return Cell(nfcText: text, parsed: readings.parse(text))
        case UInt8(ascii: "-"), 48...57:
            // A literal is ASCII, so already NFC.
            guard let literal = number() else { return nil }
            return Cell(nfcText: literal, parsed: readings.parse(literal))
        case UInt8(ascii: "{"): break
        default: return nil
        }
        guard let f = fields(cell: true), let rawText = f.text else { return nil }
        let text = VietnameseText.nfc(rawText)
        guard f.type != nil else { return Cell(nfcText: text, parsed: readings.parse(text)) }
        guard let v = FastRowReader.value(f, text: text) else { return nil }
        return Cell(nfcText: text, parsed: readings.parse(text), value: v)
    }

    /// The value the decoder builds from these members (it reads only those its type needs).
    private static func value(_ f: Fields, text: String) -> CellValue? {
        guard let rawType = f.type else { return nil }
        func dec(_ literal: String?) -> Decimal? { literal.flatMap(ExactDecimal.parse) }
        let optUnit = f.unit.map(VietnameseText.nfc)
        switch VietnameseText.nfc(rawType) {
        case "empty": return .empty
        case "number": return dec(f.value).map { .number($0) }
        case "percent": return dec(f.value).map { .percent($0) }
        case "per_mille": return dec(f.value).map { .perMille($0) }
        case "ratio":
            guard let n = dec(f.numerator), let d = dec(f.denominator) else { return nil }
            return .ratio(numerator: n, denominator: d, unit: optUnit)
        case "range":
            guard let lo = dec(f.low), let hi = dec(f.high) else { return nil }
            return .range(low: lo, high: hi, unit: optUnit)
        case "bound":
            guard let r = f.relation, let rel = BoundRelation(rawValue: VietnameseText.nfc(r)), let d = dec(f.value) else { return nil }
            return .bound(relation: rel, value: d, unit: optUnit)
        case "quantity":
            guard let d = dec(f.value), let u = optUnit else { return nil }
            return .quantity(d, unit: u)
        case "status":
            guard let s = f.status, let st = Status(rawValue: VietnameseText.nfc(s)) else { return nil }
            return .status(st)
        case "text":
            // The decoder reads the text member here; a candidate has none.
            guard f.text != nil else { return nil }
            return .text(text)
        case "ambiguous":
            guard let list = f.candidates else { return nil }
            var values: [CellValue] = []
            for c in list {
                guard c.type != nil, let v = value(c, text: text) else { return nil }
                values.append(v)
            }
            return .ambiguous(candidates: values)
        default: return nil
        }
    }
}

/// How cell texts read (``ValueParser/parse(_:)``), remembered for the texts that
/// repeat down a table (`Đạt`, `>90`, `5-6`, a sentence copied to many rows). The
/// parser is a pure function of the text's bytes, so a remembered reading is the
/// reading; bounded in entries and text length.
final class CellReadings {
    static let maxEntries = 4096
    static let maxTextBytes = 256
    private var entries: [String: CellValue] = [:]
    var count: Int { entries.count }

    func parse(_ text: String) -> CellValue {
        guard text.utf8.count <= CellReadings.maxTextBytes else { return ValueParser.parse(text) }
        if let i = entries.index(forKey: text) {
            let (key, value) = entries[i]
            // String equality is canonical equivalence; the reading is the parser's for these bytes.
            if key.utf8.elementsEqual(text.utf8) { return value }
            return ValueParser.parse(text)
        }
        let value = ValueParser.parse(text)
        if entries.count < CellReadings.maxEntries { entries[text] = value }
        return value
    }
}
