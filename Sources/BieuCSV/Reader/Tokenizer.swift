import BieuCore
import Foundation

/// What the parser needs to know, decided before the first byte is parsed.
struct ParseSettings {
    var file: String
    var delimiter: CSVDelimiter
    var legacy: LegacyVietnameseEncoding?
    var unneutralize: Bool
    var limits: CSVLimits
}

/// Counts gathered while parsing, reported in the notes.
struct ParseCounts {
    /// Records delivered (empty lines between records included).
    var records = 0
    /// Fields whose text changed when put in Unicode NFC.
    var normalizedFields = 0
    /// Fields converted from a legacy font encoding.
    var legacyFields = 0
    /// Fields left alone in a legacy file because they hold genuine Unicode.
    var unicodeFieldsInLegacyFile = 0
}

/// The RFC 4180 state machine, over Unicode scalars from any decoder.
///
/// Rules (see docs/CSV.md):
/// - a field is quoted only when `"` is its very first character; inside,
///   `""` is one quote and delimiters, CR and LF are text;
/// - after the closing quote only a delimiter, a line end or the end of the
///   file may follow: `"ab"c` is an error naming the line and column of `c`
///   (Excel would read `abc` and shift what follows without a word);
/// - a `"` inside an unquoted field is kept literally (`5" đĩa` stays as is);
/// - records end at `\r\n`, `\n` or a lone `\r`;
/// - an empty line is a record with no fields; empty lines at the end of the
///   file are dropped;
/// - ragged records are delivered as they are.
///
/// Memory holds one record at a time; every loop is bounded by the input.
enum Tokenizer {
    /// Parses everything `reader` holds, calling `onRecord` with the line each
    /// record starts on (1-based) and its fields.
    static func parse<D: ScalarDecoder>(
        _ reader: ChunkReader, _ decoder: D, _ settings: ParseSettings,
        _ onRecord: (_ line: Int, _ fields: [String]) throws -> Void
    ) throws -> ParseCounts {
        var machine = Machine(decoder: decoder, settings: settings)
        try machine.run(reader, onRecord)
        return machine.counts
    }

    @inline(__always)
    static func appendUTF8(_ c: UInt32, to out: inout [UInt8]) {
        if c < 0x80 {
            out.append(UInt8(c))
        } else if c < 0x800 {
            out.append(UInt8(0xC0 | (c >> 6)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        } else if c < 0x10000 {
            out.append(UInt8(0xE0 | (c >> 12)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (c >> 18)))
            out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        }
    }
}

/// The parser's state. A struct with mutating methods, so that the hot loop
/// pays no dynamic exclusivity checks.
private struct Machine<D: ScalarDecoder> {
    static var quote: UInt32 { 0x22 }
    static var lf: UInt32 { 0x0A }
    static var cr: UInt32 { 0x0D }

    let decoder: D
    let file: String
    let delimiter: UInt32
    let limits: CSVLimits
    let legacy: LegacyVietnameseEncoding?
    let trackLegacy: Bool
    let unneutralize: Bool

    var counts = ParseCounts()
    var field: [UInt8] = []
    var fields: [String] = []
    /// 0: at the start of a field, 1: unquoted field, 2: quoted field,
    /// 3: just after a quote inside a quoted field.
    var state = 0
    var line = 1
    var previousWasCR = false
    var recordOpen = false
    var recordLine = 1
    var fieldLine = 1, fieldOffset = 0
    var quoteLine = 1, quoteOffset = 0, quoteColumn = 1
    /// 1-based column (in characters) of the character being read.
    var column = 1
    var rowBytes = 0
    /// Bit 0: non-ASCII; bit 1: may need NFC; bit 2: holds a character no legacy font produces.
    var flags: UInt8 = 0
    var pendingEmpty = 0, pendingEmptyLine = 0
    var emitted = 0

    init(decoder: D, settings: ParseSettings) {
        self.decoder = decoder
        file = settings.file
        delimiter = UInt32(settings.delimiter.byte)
        limits = settings.limits
        legacy = settings.legacy
        trackLegacy = settings.legacy != nil
        unneutralize = settings.unneutralize
        field.reserveCapacity(256)
        fields.reserveCapacity(32)
    }

    mutating func run(_ reader: ChunkReader, _ onRecord: (_ line: Int, _ fields: [String]) throws -> Void) throws {
        let delimiter = self.delimiter
        while true {
            if reader.available < 4 && !reader.eof { try reader.refill() }
            let available = reader.available
            if available == 0 { break }
            let p = UnsafePointer(reader.pointer)
            let chunkOffset = reader.offset
            // Leave 3 bytes for the next round unless the input ends here, so
            // that every decode sees a whole character.
            let stop = reader.eof ? available : available - 3
            var i = 0
            while i < stop {
                // Fast path: a run of plain ASCII inside a field is copied at once.
                if D.passesUTF8Through && (state == 1 || state == 2) {
                    var j = i
                    while j < stop {
                        let b = p[j]
                        if b >= 0x80 || b == 0x22 || b == 0x0A || b == 0x0D || UInt32(b) == delimiter { break }
                        j += 1
                    }
                    if j > i {
                        try appendASCII(p + i, j - i)
                        column += j - i
                        i = j
                        previousWasCR = false
                        continue
                    }
                }
                let (c, length) = decoder.decode(p + i, available - i)
                if c == invalidScalar {
                    throw decoder.error(file: file, offset: chunkOffset + i, line: line, p + i, available - i)
                }
                switch state {
                case 0:
                    if c == delimiter {
                        if !recordOpen { recordOpen = true; recordLine = line }
                        try finishField()
                    } else if c == Self.lf || c == Self.cr {
                        // The LF of a CRLF that already ended a record is not a new line.
                        if !(c == Self.lf && previousWasCR && !recordOpen) {
                            if !recordOpen { recordLine = line }
                            try finishField()
                            if try finishRecord() { try deliver(onRecord) }
                        }
                    } else {
                        if !recordOpen { recordOpen = true; recordLine = line }
                        fieldLine = line
                        fieldOffset = chunkOffset + i
                        if c == Self.quote {
                            state = 2
                            quoteLine = line
                            quoteOffset = chunkOffset + i
                            quoteColumn = column
                        } else {
                            try append(c, p + i, length)
                            state = 1
                        }
                    }
                case 1:
                    if c == delimiter {
                        try finishField()
                        state = 0
                    } else if c == Self.lf || c == Self.cr {
                        try finishField()
                        if try finishRecord() { try deliver(onRecord) }
                        state = 0
                    } else {
                        try append(c, p + i, length)
                    }
                case 2:
                    if c == Self.quote { state = 3 } else { try append(c, p + i, length) }
                default:
                    if c == Self.quote {
                        try append(Self.quote, p + i, 1)
                        state = 2
                    } else if c == delimiter {
                        try finishField()
                        state = 0
                    } else if c == Self.lf || c == Self.cr {
                        try finishField()
                        if try finishRecord() { try deliver(onRecord) }
                        state = 0
                    } else {
                        throw CSVError.textAfterClosingQuote(file: file, line: line, column: column, offset: chunkOffset + i,
                                                             quoteLine: quoteLine, quoteColumn: quoteColumn)
                    }
                }
                if c == Self.lf {
                    if !previousWasCR { line += 1 }
                    previousWasCR = false
                    column = 1
                } else if c == Self.cr {
                    line += 1
                    previousWasCR = true
                    column = 1
                } else {
                    previousWasCR = false
                    column += 1
                }
                i += length
            }
            reader.consume(i)
        }

        if state == 2 {
            throw CSVError.unterminatedQuote(file: file, line: quoteLine, column: quoteColumn, offset: quoteOffset)
        }
        if recordOpen {
            try finishField()
            if try finishRecord() { try deliver(onRecord) }
        }
        counts.records = emitted
    }

    @inline(__always)
    mutating func appendASCII(_ p: UnsafePointer<UInt8>, _ count: Int) throws {
        field.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
        rowBytes += count
        try checkSizes()
    }

    @inline(__always)
    mutating func append(_ c: UInt32, _ p: UnsafePointer<UInt8>, _ length: Int) throws {
        if c < 0x80 {
            field.append(UInt8(truncatingIfNeeded: c))
            rowBytes += 1
        } else {
            if D.passesUTF8Through {
                field.append(contentsOf: UnsafeBufferPointer(start: p, count: length))
                rowBytes += length
            } else {
                let before = field.count
                Tokenizer.appendUTF8(c, to: &field)
                rowBytes += field.count - before
            }
            flags |= 1
            if !Normalization.isInert(c) { flags |= 2 }
            if trackLegacy && c > 0xFF && CodePages.windows1252Byte(of: c) == nil { flags |= 4 }
        }
        try checkSizes()
    }

    @inline(__always)
    func checkSizes() throws {
        if field.count > limits.maxFieldBytes {
            throw CSVError.fieldTooLong(file: file, cell: CellAddress(row: emitted + pendingEmpty, column: fields.count),
                                        line: fieldLine, offset: fieldOffset, limit: limits.maxFieldBytes)
        }
        if rowBytes > limits.maxRowBytes {
            throw CSVError.rowTooLarge(file: file, line: recordLine, limit: limits.maxRowBytes)
        }
    }

    mutating func finishField() throws {
        guard fields.count < limits.maxFieldsPerRow else {
            throw CSVError.tooManyFields(file: file, line: recordLine, limit: limits.maxFieldsPerRow)
        }
        if field.isEmpty {
            fields.append("")
            return
        }
        var text = String(decoding: field, as: UTF8.self)
        field.removeAll(keepingCapacity: true)
        if flags & 2 != 0 {
            let normalized = text.precomposedStringWithCanonicalMapping
            if !normalized.utf8.elementsEqual(text.utf8) {
                counts.normalizedFields += 1
                text = normalized
            }
            if trackLegacy {
                flags &= ~4
                for s in text.unicodeScalars where s.value > 0xFF && CodePages.windows1252Byte(of: s.value) == nil {
                    flags |= 4
                    break
                }
            }
        }
        if let legacy, flags & 1 != 0 {
            if flags & 4 == 0, let converted = LegacyVietnamese.decodeIfLegacy(text, from: legacy) {
                if !converted.utf8.elementsEqual(text.utf8) { counts.legacyFields += 1 }
                text = converted
            } else {
                counts.unicodeFieldsInLegacyFile += 1
            }
        }
        if unneutralize { text = CSVText.unneutralize(text) }
        flags = 0
        fields.append(text)
    }

    /// Ends the record. Returns true when it (and any empty lines held back
    /// before it) must be delivered; empty lines are held back because those
    /// at the end of the file are dropped.
    mutating func finishRecord() throws -> Bool {
        rowBytes = 0
        recordOpen = false
        if fields.count == 1 && fields[0].isEmpty {
            fields.removeAll(keepingCapacity: true)
            if pendingEmpty == 0 { pendingEmptyLine = recordLine }
            pendingEmpty += 1
            return false
        }
        if emitted + pendingEmpty >= limits.maxRows {
            let overIndex = limits.maxRows - emitted
            let overLine = overIndex < pendingEmpty ? pendingEmptyLine + overIndex : recordLine
            throw CSVError.tooManyRows(file: file, line: overLine, limit: limits.maxRows)
        }
        return true
    }

    mutating func deliver(_ onRecord: (_ line: Int, _ fields: [String]) throws -> Void) throws {
        for k in 0..<pendingEmpty { try onRecord(pendingEmptyLine + k, []) }
        emitted += pendingEmpty
        pendingEmpty = 0
        try onRecord(recordLine, fields)
        emitted += 1
        fields.removeAll(keepingCapacity: true)
    }
}
