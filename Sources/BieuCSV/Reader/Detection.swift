import BieuCore
import Foundation

/// What detection decided about a file before parsing it.
struct DetectedFormat {
    var encoding: CSVEncoding
    var bomLength: Int
    var delimiter: CSVDelimiter
    /// False when no delimiter was given and none could be found.
    var delimiterFound: Bool
    var legacy: LegacyVietnameseEncoding?
    var utf8Claim: CSVError.UTF8Claim
    var notes: [Bilingual]
}

/// How well the readings of a text sample fare as Vietnamese.
struct LegacyEvidence: Equatable {
    /// Words holding at least one non-ASCII character.
    var words = 0
    /// Of those, how many are Vietnamese syllables as they stand…
    var validAsIs = 0
    /// …and after conversion from each legacy encoding.
    var validTCVN3 = 0
    var validVNI = 0
    /// Words that are not syllables as they stand but are after conversion.
    var fixedTCVN3 = 0
    var fixedVNI = 0

    /// Words valid after conversion from `encoding`.
    func valid(_ encoding: LegacyVietnameseEncoding) -> Int {
        encoding == .tcvn3 ? validTCVN3 : validVNI
    }

    /// Words fixed by conversion from `encoding`.
    func fixed(_ encoding: LegacyVietnameseEncoding) -> Int {
        encoding == .tcvn3 ? fixedTCVN3 : fixedVNI
    }

    /// Records one word: whether it is a syllable as it stands, and after each conversion.
    mutating func add(asIs: Bool, tcvn3: Bool, vni: Bool) {
        words += 1
        if asIs { validAsIs += 1 }
        if tcvn3 { validTCVN3 += 1; if !asIs { fixedTCVN3 += 1 } }
        if vni { validVNI += 1; if !asIs { fixedVNI += 1 } }
    }

    /// The encoding to convert from when the evidence is clear, and the one
    /// merely suspected when it is not.
    ///
    /// Confident: the conversion makes more words syllables than the other
    /// conversion, at least three words in four are syllables after it, and
    /// it gains at least one word in five over the text as it stands.
    /// Suspected: not confident, but the conversion turns at least two
    /// non-syllables into syllables (a few legacy cells in a Unicode file).
    func decide() -> (confident: LegacyVietnameseEncoding?, suspected: LegacyVietnameseEncoding?) {
        guard words > 0 else { return (nil, nil) }
        let candidate: LegacyVietnameseEncoding = validTCVN3 >= validVNI ? .tcvn3 : .vni
        let best = valid(candidate), other = valid(candidate == .tcvn3 ? .vni : .tcvn3)
        let gain = best - validAsIs
        if gain > 0 && best > other && best * 4 >= words * 3 && gain * 5 >= words { return (candidate, nil) }
        let suspect: LegacyVietnameseEncoding = fixedTCVN3 >= fixedVNI ? .tcvn3 : .vni
        return fixed(suspect) >= 2 ? (nil, suspect) : (nil, nil)
    }
}

/// Encoding, legacy-font and delimiter detection.
enum Detector {
    /// Bytes read from the start for legacy and delimiter detection.
    static let sampleBytes = 1 << 20
    /// Bytes of decoded text used for delimiter detection.
    static let delimiterSampleBytes = 64 << 10
    /// Words examined at most for legacy detection.
    static let maxWords = 2000
    /// Records examined at most for delimiter detection.
    static let maxDelimiterRecords = 100

    static func detect(_ source: ByteSource, _ options: CSVReadOptions) throws(CSVError) -> DetectedFormat {
        let head = try source.head(sampleBytes)
        var notes: [Bilingual] = []

        // 1. Byte-order mark.
        var bom: (CSVEncoding, Int)?
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            bom = (.utf8, 3)
        } else if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            throw .unsupportedEncoding(file: source.name, name: "UTF-32LE")
        } else if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw .unsupportedEncoding(file: source.name, name: "UTF-32BE")
        } else if head.starts(with: [0xFF, 0xFE]) {
            bom = (.utf16LE, 2)
        } else if head.starts(with: [0xFE, 0xFF]) {
            bom = (.utf16BE, 2)
        }

        // 2. Encoding.
        var encoding: CSVEncoding
        var bomLength = 0
        var claim = CSVError.UTF8Claim.detection
        var invalidUTF8: (offset: Int, line: Int, byte: UInt8)?
        if let requested = options.encoding {
            if let (found, length) = bom {
                guard found == requested else {
                    throw .byteOrderMarkConflict(file: source.name, found: found, requested: requested)
                }
                bomLength = length
            }
            encoding = requested
            claim = bomLength > 0 ? .byteOrderMark : .caller
        } else if let (found, length) = bom {
            encoding = found
            bomLength = length
            claim = .byteOrderMark
        } else if let guessed = guessUTF16(head) {
            encoding = guessed
            notes.append(Bilingual(
                vi: "Tệp không có dấu BOM nhưng có dạng \(guessed.displayName); đã đọc theo \(guessed.displayName)",
                en: "The file has no byte-order mark but looks like \(guessed.displayName); read as \(guessed.displayName)"))
        } else if let scan = try scanUTF8(source) {
            // Valid UTF-8 sequences beside the invalid bytes: a UTF-8 file with a
            // few bad bytes (pasted from elsewhere, damaged), not a legacy file.
            // Guessing would turn every correct letter into mojibake; say where.
            if scan.isMostlyUTF8 {
                let (line, column) = try position(of: scan.offset, in: source)
                throw .mixedEncoding(file: source.name, offset: scan.offset, line: line, column: column, byte: scan.byte,
                                     invalidBytes: scan.invalidBytes, validCharacters: scan.validMultibyte)
            }
            encoding = .windows1258
            invalidUTF8 = (scan.offset, try position(of: scan.offset, in: source).line, scan.byte)
        } else {
            encoding = .utf8
        }
        let body = head.dropFirst(bomLength)

        // 3. Legacy font encodings.
        var legacy: LegacyVietnameseEncoding?
        switch options.legacy {
        case .off:
            break
        case let .force(requested):
            legacy = requested
            if invalidUTF8 != nil { encoding = .windows1252 }
            notes.append(Bilingual(
                vi: "Đã chuyển chữ từ bảng mã \(requested.displayName) sang Unicode theo yêu cầu",
                en: "Text converted from \(requested.displayName) to Unicode as requested"))
        case .auto:
            var evidence = decodedEvidence(body, encoding)
            var decision = evidence.decide()
            var raw = false
            if invalidUTF8 != nil {
                // Legacy bytes saved as they are (read them as Windows-1252), or
                // legacy characters that Excel saved in Windows-1258 (read them
                // as Windows-1258, then convert): keep the reading that makes
                // more words Vietnamese.
                let rawEvidence = rawEvidence(body)
                let rawDecision = rawEvidence.decide()
                let rawWins: Bool
                switch (rawDecision.confident, decision.confident) {
                case let (rawFound?, decodedFound?): rawWins = rawEvidence.valid(rawFound) >= evidence.valid(decodedFound)
                case (.some, nil): rawWins = true
                default: rawWins = false
                }
                if rawWins {
                    (evidence, decision, raw) = (rawEvidence, rawDecision, true)
                } else if decision.confident == nil && decision.suspected == nil {
                    (evidence, decision) = (rawEvidence, rawDecision)
                }
            }
            if let found = decision.confident {
                legacy = found
                if raw { encoding = .windows1252 }
                notes.append(Bilingual(
                    vi: "Chữ trong tệp được gõ bằng phông \(found.displayName) (\(evidence.validAsIs)/\(evidence.words) từ đọc được nếu giữ nguyên, \(evidence.valid(found))/\(evidence.words) sau khi chuyển); đã chuyển sang Unicode",
                    en: "The text was typed with a \(found.displayName) font (\(evidence.validAsIs)/\(evidence.words) words readable as they are, \(evidence.valid(found))/\(evidence.words) after conversion); converted to Unicode"))
            } else if let suspected = decision.suspected {
                notes.append(Bilingual(
                    vi: "Một phần chữ có thể được gõ bằng phông \(suspected.displayName) nhưng chưa đủ chắc chắn nên chưa chuyển; nếu đúng vậy, hãy đọc lại với tùy chọn chuyển mã \(suspected.rawValue)",
                    en: "Some text may have been typed with a \(suspected.displayName) font, but not clearly enough to convert it; if so, read again forcing \(suspected.rawValue)"))
            }
        }
        if let bad = invalidUTF8 {
            let name = encoding.displayName
            notes.append(Bilingual(
                vi: "Tệp không phải UTF-8 (byte \(CSVError.hex(bad.byte)) ở vị trí \(bad.offset), dòng \(bad.line)); đã đọc theo bảng mã \(name)\(legacy == nil ? " như Excel" : "")",
                en: "The file is not UTF-8 (byte \(CSVError.hex(bad.byte)) at offset \(bad.offset), line \(bad.line)); read as \(name)\(legacy == nil ? " as Excel does" : "")"))
        }

        // 4. Delimiter.
        var delimiter = options.delimiter ?? (encoding == .utf16LE || encoding == .utf16BE ? .tab : .comma)
        var found = true
        if options.delimiter == nil {
            let sample = decodeToUTF8(body, encoding, limit: delimiterSampleBytes)
            let complete = head.count < sampleBytes && sample.complete
            if let detected = detectDelimiter(sample.bytes, complete: complete) {
                delimiter = detected
            } else {
                found = false
            }
        }
        return DetectedFormat(encoding: encoding, bomLength: bomLength, delimiter: delimiter, delimiterFound: found,
                              legacy: legacy, utf8Claim: claim, notes: notes)
    }

    // MARK: Encoding

    /// UTF-16 without a byte-order mark, recognised by its zero bytes: text
    /// that is mostly ASCII has a zero in every other byte.
    static func guessUTF16(_ head: [UInt8]) -> CSVEncoding? {
        let n = min(head.count, 4096) & ~1
        guard n >= 4 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for k in stride(from: 0, to: n, by: 2) {
            if head[k] == 0 { zeroEven += 1 }
            if head[k + 1] == 0 { zeroOdd += 1 }
        }
        let pairs = n / 2
        if zeroOdd * 10 >= pairs * 4 && zeroEven == 0 { return .utf16LE }
        if zeroEven * 10 >= pairs * 4 && zeroOdd == 0 { return .utf16BE }
        return nil
    }

    /// What one pass over the whole input found about UTF-8.
    struct UTF8Scan {
        /// The first byte that breaks UTF-8.
        var offset: Int
        var byte: UInt8
        /// Bytes that start no valid sequence.
        var invalidBytes: Int
        /// Valid multi-byte sequences (non-ASCII characters that are UTF-8).
        var validMultibyte: Int

        /// True when the input is UTF-8 apart from a few bytes. Text in a
        /// one-byte code page (Windows-1258, TCVN3, VNI bytes) almost never forms
        /// a valid multi-byte sequence (none in the 32,000 non-ASCII bytes of a
        /// seed report in Windows-1258 or TCVN3), so one valid character per 100
        /// invalid bytes is already far more than a legacy file holds.
        var isMostlyUTF8: Bool { validMultibyte * 100 >= invalidBytes }
    }

    /// Nil when the whole input is valid UTF-8; otherwise the first invalid
    /// byte and the counts of invalid bytes and valid multi-byte characters.
    /// Reads the input once, in chunks.
    static func scanUTF8(_ source: ByteSource) throws(CSVError) -> UTF8Scan? {
        let reader = ChunkReader(source: source)
        try reader.restart(skipping: 0)
        var scan = UTF8Scan(offset: -1, byte: 0, invalidBytes: 0, validMultibyte: 0)
        while true {
            if reader.available < 4 && !reader.eof { try reader.refill() }
            let available = reader.available
            if available == 0 { break }
            let p = UnsafePointer(reader.pointer)
            let stop = reader.eof ? available : available - 3
            var i = 0
            while i < stop {
                // Eight ASCII bytes at a time.
                if i + 8 <= stop {
                    let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                if p[i] < 0x80 { i += 1; continue }
                let (scalar, length) = UTF8Decoder.decodeMultibyte(p + i, available - i)
                if scalar == invalidScalar {
                    if scan.invalidBytes == 0 { scan.offset = reader.offset + i; scan.byte = p[i] }
                    scan.invalidBytes += 1
                } else {
                    scan.validMultibyte += 1
                }
                i += length
            }
            reader.consume(i)
        }
        return scan.invalidBytes == 0 ? nil : scan
    }

    /// The 1-based line and column of byte `offset` (line ends: CRLF, LF, lone
    /// CR; the column counts characters, taking the bytes as UTF-8: every byte
    /// that is not a UTF-8 continuation byte starts one).
    static func position(of offset: Int, in source: ByteSource) throws(CSVError) -> (line: Int, column: Int) {
        let reader = ChunkReader(source: source)
        try reader.restart(skipping: 0)
        var line = 1, column = 1
        var previousWasCR = false
        var position = 0
        while position < offset {
            if reader.available == 0 { try reader.refill() }
            let available = min(reader.available, offset - position)
            if available == 0 { break }
            let p = reader.pointer
            for i in 0..<available {
                let b = p[i]
                if b == 0x0A {
                    if !previousWasCR { line += 1 }
                    column = 1
                    previousWasCR = false
                } else if b == 0x0D {
                    line += 1
                    column = 1
                    previousWasCR = true
                } else {
                    if b & 0xC0 != 0x80 { column += 1 }
                    previousWasCR = false
                }
            }
            reader.consume(available)
            position += available
        }
        return (line, column)
    }

    /// Decodes the start of the input into UTF-8, stopping at the first
    /// invalid sequence or after `limit` output bytes.
    static func decodeToUTF8(_ bytes: ArraySlice<UInt8>, _ encoding: CSVEncoding, limit: Int) -> (bytes: [UInt8], complete: Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(min(limit, bytes.count * 2))
        var complete = true
        forEachScalar(bytes, encoding) { c in
            if out.count >= limit { complete = false; return false }
            Tokenizer.appendUTF8(c, to: &out)
            return true
        } invalid: {
            complete = false
        }
        return (out, complete)
    }

    /// Calls `body` with each scalar of `bytes` in `encoding` until it returns false.
    static func forEachScalar(_ bytes: ArraySlice<UInt8>, _ encoding: CSVEncoding, _ body: (UInt32) -> Bool, invalid: () -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let n = buffer.count
            func run<D: ScalarDecoder>(_ decoder: D) {
                var i = 0
                while i < n {
                    let (c, length) = decoder.decode(base + i, n - i)
                    if c == invalidScalar { invalid(); return }
                    if !body(c) { return }
                    i += length
                }
            }
            switch encoding {
            case .utf8: run(UTF8Decoder(claim: .detection))
            case .utf16LE: run(UTF16Decoder(bigEndian: false))
            case .utf16BE: run(UTF16Decoder(bigEndian: true))
            case .windows1258, .windows1252: run(SingleByteDecoder(encoding))
            }
        }
    }

    // MARK: Legacy fonts

    /// True for characters that can be part of a word in any reading: ASCII
    /// letters, every Latin-1 character from U+00A1 (legacy fonts put letters
    /// on punctuation codes such as `¸` and `µ`), and letters and marks beyond.
    @inline(__always)
    static func isWordScalar(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        if c <= 0xA0 { return false }
        if c <= 0xFF { return true }
        guard let s = Unicode.Scalar(c) else { return false }
        return s.properties.isAlphabetic || s.properties.generalCategory == .nonspacingMark
    }

    /// Evidence from text already decoded (UTF-8, UTF-16, or a code page the
    /// caller chose): each word as it stands against its legacy conversions.
    static func decodedEvidence(_ bytes: ArraySlice<UInt8>, _ encoding: CSVEncoding) -> LegacyEvidence {
        var evidence = LegacyEvidence()
        var word: [UInt32] = []
        var overlong = false
        func flush() {
            defer { word.removeAll(keepingCapacity: true); overlong = false }
            guard !overlong, word.contains(where: { $0 >= 0x80 }) else { return }
            var view = String.UnicodeScalarView()
            for c in word { if let scalar = Unicode.Scalar(c) { view.append(scalar) } }
            let text = Normalization.nfc(String(view))
            let asIs = VietnameseSyllable.isValid(text.unicodeScalars)
            func converted(_ encoding: LegacyVietnameseEncoding) -> Bool {
                guard let converted = LegacyVietnamese.decodeIfLegacy(text, from: encoding) else { return asIs }
                return VietnameseSyllable.isValid(converted.unicodeScalars)
            }
            evidence.add(asIs: asIs, tcvn3: converted(.tcvn3), vni: converted(.vni))
        }
        forEachScalar(bytes, encoding) { c in
            if isWordScalar(c) {
                if word.count < 16 { word.append(c) } else { overlong = true }
            } else {
                flush()
            }
            return evidence.words < maxWords
        } invalid: {}
        flush()
        return evidence
    }

    /// Evidence from raw 8-bit bytes that are not UTF-8: each word read as
    /// Windows-1258 (what Excel would show) against the bytes read as a
    /// legacy font.
    static func rawEvidence(_ bytes: ArraySlice<UInt8>) -> LegacyEvidence {
        var evidence = LegacyEvidence()
        var start = bytes.startIndex
        var i = bytes.startIndex
        @inline(__always) func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0xA1
        }
        func evaluate(_ word: ArraySlice<UInt8>) {
            guard word.count <= 16, word.contains(where: { $0 >= 0x80 }) else { return }
            var view = String.UnicodeScalarView()
            for b in word { view.append(Unicode.Scalar(CodePages.windows1258[Int(b)])!) }
            evidence.add(
                asIs: VietnameseSyllable.isValid(Normalization.nfc(String(view)).unicodeScalars),
                tcvn3: VietnameseSyllable.isValid(LegacyVietnamese.decode(bytes: word, from: .tcvn3).unicodeScalars),
                vni: VietnameseSyllable.isValid(LegacyVietnamese.decode(bytes: word, from: .vni).unicodeScalars))
        }
        while i < bytes.endIndex && evidence.words < maxWords {
            if !isWordByte(bytes[i]) {
                if i > start { evaluate(bytes[start..<i]) }
                start = i + 1
            }
            i += 1
        }
        if i > start && evidence.words < maxWords { evaluate(bytes[start..<i]) }
        return evidence
    }

    // MARK: Delimiter

    /// The delimiter that splits the sample's records most consistently, or
    /// nil when none of `,` `;` tab splits them.
    ///
    /// Each candidate is counted with quotes respected (a quoted `"a;b"` is
    /// one field whatever the candidate). A candidate is plausible when its
    /// most common field count is at least 2. Among the plausible ones, those
    /// whose share of records with that count is within 0.1 of the best share
    /// are kept, and the first of tab, `;`, `,` wins: a file whose records
    /// split evenly on both `;` and `,` is a Vietnamese Excel file with
    /// decimal commas.
    static func detectDelimiter(_ sample: [UInt8], complete: Bool) -> CSVDelimiter? {
        var scores: [(CSVDelimiter, Double)] = []
        for candidate in [CSVDelimiter.tab, .semicolon, .comma] {
            var counts = fieldCounts(sample, candidate.byte, complete: complete)
            if counts.isEmpty { continue }
            counts = Array(counts.prefix(maxDelimiterRecords))
            var histogram: [Int: Int] = [:]
            for c in counts { histogram[c, default: 0] += 1 }
            let (mode, frequency) = histogram.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }!
            guard mode >= 2 else { continue }
            scores.append((candidate, Double(frequency) / Double(counts.count)))
        }
        guard let best = scores.map(\.1).max() else { return nil }
        return scores.first { $0.1 >= best - 0.1 }?.0
    }

    /// Field counts of the sample's records for one delimiter, quotes
    /// respected; empty lines are skipped; the last record is dropped when the
    /// sample stops in the middle of the file.
    static func fieldCounts(_ sample: [UInt8], _ delimiter: UInt8, complete: Bool) -> [Int] {
        var counts: [Int] = []
        var fields = 1
        var inQuotes = false
        var atFieldStart = true
        var recordHasData = false
        var i = 0
        let n = sample.count
        while i < n && counts.count <= maxDelimiterRecords {
            let b = sample[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < n && sample[i + 1] == 0x22 { i += 1 } else { inQuotes = false }
                }
            } else if b == delimiter {
                fields += 1
                atFieldStart = true
                recordHasData = true
            } else if b == 0x0A || b == 0x0D {
                if recordHasData { counts.append(fields) }
                fields = 1
                atFieldStart = true
                recordHasData = false
            } else {
                if b == 0x22 && atFieldStart { inQuotes = true }
                atFieldStart = false
                recordHasData = true
            }
            i += 1
        }
        if complete && !inQuotes && recordHasData { counts.append(fields) }
        return counts
    }
}
