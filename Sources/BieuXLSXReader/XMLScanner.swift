import BieuCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte ranges of one attribute in the scanner's buffer.
struct XMLAttribute {
    /// Local name (after any `prefix:`).
    var nameStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
    var needsDecoding: Bool
}

/// A streaming pull scanner for the XML of OOXML parts, written for this
/// format rather than for XML in general.
///
/// - Input arrives in chunks from an `EntryStream`; a token (tag, text run)
///   may straddle chunks anywhere — the scanner keeps the unfinished tail,
///   reads more and scans the token again. Memory is bounded by the chunk
///   size plus the longest token (`XLSXLimits.maxTextBytes`).
/// - No DTD processing: `<!DOCTYPE` is an error. Only the five XML entities
///   and numeric character references are expanded; anything else is an
///   error, so entity-expansion bombs and external entities cannot work.
/// - Names are matched by local name, so `x:row` and `row` are the same and
///   Strict OOXML namespaces need nothing special.
/// - Every end tag must close the element that is open: its qualified name
///   (prefix included) is compared with the open start tag's, kept on a small
///   stack of names (bounded by `maxDepth` and the token limit).
///
/// Token data (names, attribute values, text) are byte ranges into the
/// buffer, valid until the next call to `next()`.
package final class XMLScanner {
    package enum Token: Equatable { case start, end, text, eof }

    package let file: String
    package let entryName: String
    private let stream: ChunkSource
    @exclusivity(unchecked) private(set) var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var pos = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var atEOF = false
    /// Offset in the part of `buffer[0]`.
    @exclusivity(unchecked) private var base: Int64 = 0
    private let maxToken: Int
    /// Longest text `appendText` collects for one element (`XLSXLimits.maxTextBytes`).
    private let maxText: Int
    /// A text run longer than this is delivered in pieces, so that text never
    /// grows the buffer: consumers concatenate the pieces and check the total.
    static let textPieceBytes = 64 << 10
    private let maxDepth: Int
    private let maxAttributes: Int
    @exclusivity(unchecked) package private(set) var depth = 0
    @exclusivity(unchecked) private var sawRoot = false
    /// Qualified names of the open elements, back to back (`openLength` bytes
    /// used), and where each starts (`depth` entries): plain buffers, grown
    /// by doubling, never shrunk.
    @exclusivity(unchecked) private var openNames: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var openCapacity = 1024
    @exclusivity(unchecked) private var openLength = 0
    @exclusivity(unchecked) private var openStarts: UnsafeMutablePointer<Int>

    // The current token.
    @exclusivity(unchecked) private(set) var nameStart = 0
    @exclusivity(unchecked) private(set) var nameEnd = 0
    @exclusivity(unchecked) package private(set) var selfClosing = false
    @exclusivity(unchecked) private(set) var attributeCount = 0
    @exclusivity(unchecked) private(set) var attributes: UnsafeMutablePointer<XMLAttribute>
    @exclusivity(unchecked) private(set) var textStart = 0
    @exclusivity(unchecked) private(set) var textEnd = 0
    @exclusivity(unchecked) private(set) var textIsCDATA = false
    /// Offset in the part where the current token starts (for messages).
    @exclusivity(unchecked) private(set) var tokenOffset: Int64 = 0

    /// Largest read from the stream per refill (tests use tiny values so
    /// tokens straddle chunk boundaries everywhere).
    private let readGranularity: Int

    package init(stream: ChunkSource, file: String, limits: XLSXLimits, readGranularity: Int = .max) {
        self.stream = stream
        self.readGranularity = max(readGranularity, 1)
        self.file = file
        entryName = stream.entry.name
        maxToken = max(limits.maxTextBytes, 1024) + 4096
        maxText = limits.maxTextBytes
        maxDepth = limits.maxDepth
        maxAttributes = max(limits.maxAttributes, 8)
        capacity = 256 * 1024
        buffer = .allocate(capacity: capacity)
        attributes = .allocate(capacity: maxAttributes)
        openNames = .allocate(capacity: 1024)
        openStarts = .allocate(capacity: maxDepth + 2)
    }

    deinit {
        buffer.deallocate()
        attributes.deallocate()
        openNames.deallocate()
        openStarts.deallocate()
    }

    /// The current offset in the part, for messages.
    package var offset: Int64 { base + Int64(pos) }

    package func error(_ problem: XMLProblem, at offset: Int64? = nil) -> XLSXError {
        .xml(file: file, entry: entryName, offset: offset ?? tokenOffset, problem: problem)
    }

    // MARK: - Tokens

    private enum Scan { case token(Token), skipped, incomplete }

    /// Reads a small part's start tags to its end: `root` is given the root element (and
    /// throws when it is not the expected one), `element` every start tag inside it.
    func forEachStart(root: () throws(XLSXError) -> Void, element: () throws(XLSXError) -> Void) throws(XLSXError) {
        var first = true
        while true {
            let t = try next()
            if t == .eof { return }
            guard t == .start else { continue }
            if first {
                first = false
                try root()
            } else {
                try element()
            }
        }
    }

    /// Advances to the next start tag, end tag or text run.
    package func next() throws(XLSXError) -> Token {
        while true {
            if pos >= end {
                if atEOF {
                    if depth > 0 { throw error(.unexpectedEnd, at: offset) }
                    if !sawRoot { throw error(.malformed(vi: "không có phần tử nào", en: "no element"), at: offset) }
                    return .eof
                }
                try refill()
                continue
            }
            switch try scan() {
            case let .token(t): return t
            case .skipped: continue
            case .incomplete:
                if atEOF { throw error(.unexpectedEnd, at: offset) }
                try refill()
            }
        }
    }

    /// Moves the unfinished token to the front, grows the buffer if the token
    /// fills it (up to the limit), and reads more.
    private func refill() throws(XLSXError) {
        if pos > 0 {
            let keep = end - pos
            if keep > 0 { memmove(buffer, buffer + pos, keep) }
            base += Int64(pos)
            end = keep
            pos = 0
        }
        if end == capacity {
            guard capacity < maxToken else { throw error(.tokenTooLong(limit: maxToken - 4096), at: base) }
            let newCapacity = min(capacity * 2, maxToken)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = newCapacity
        }
        let n = try stream.read(into: buffer + end, capacity: min(capacity - end, readGranularity))
        if n == 0 { atEOF = true } else { end += n }
    }

    @inline(__always) private func find(_ byte: UInt8, from: Int) -> Int? {
        guard from < end else { return nil }
        guard let p = memchr(buffer + from, Int32(byte), end - from) else { return nil }
        return buffer.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    private static let spaceMask: UInt64 = (1 << 0x20) | (1 << 0x0A) | (1 << 0x09) | (1 << 0x0D)
    /// Whitespace, '>', '/', '='.
    private static let nameEndMask: UInt64 = spaceMask | (1 << 0x3E) | (1 << 0x2F) | (1 << 0x3D)

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
        b < 64 && (spaceMask >> UInt64(b)) & 1 != 0
    }

    @inline(__always) private static func isNameEnd(_ b: UInt8) -> Bool {
        b < 64 && (nameEndMask >> UInt64(b)) & 1 != 0
    }

    private func matches(_ p: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard p + n <= end else { return false }
        return memcmp(buffer + p, literal.utf8Start, n) == 0
    }

    private func scan() throws(XLSXError) -> Scan {
        // Locals, so the loops below keep them in registers.
        let buffer = self.buffer
        let end = self.end
        let p = pos
        tokenOffset = base + Int64(p)
        if buffer[p] != UInt8(ascii: "<") {
            // Text up to the next tag.
            var q: Int
            if let lt = find(UInt8(ascii: "<"), from: p) {
                q = lt
            } else if atEOF {
                q = end
            } else if end - p >= Self.textPieceBytes {
                // A long run: deliver what is here, never cutting an entity
                // (at most 12 bytes, `&` to `;`) or a CR LF pair.
                q = end
                var k = end - 1
                while k >= max(p, end - 12) {
                    if buffer[k] == UInt8(ascii: ";") { break }
                    if buffer[k] == UInt8(ascii: "&") { q = k; break }
                    k -= 1
                }
                if q > p + 1 && buffer[q - 1] == 0x0D { q -= 1 }
            } else {
                return .incomplete
            }
            textStart = p
            textEnd = q
            textIsCDATA = false
            pos = q
            return .token(.text)
        }
        guard p + 1 < end else { return .incomplete }
        let c = buffer[p + 1]
        if c == UInt8(ascii: "/") {
            guard let gt = find(UInt8(ascii: ">"), from: p + 2) else { return .incomplete }
            var e = gt
            while e > p + 2 && Self.isSpace(buffer[e - 1]) { e -= 1 }
            setName(p + 2, e)
            guard nameEnd > nameStart else { throw error(.malformed(vi: "thẻ đóng không có tên", en: "end tag without a name")) }
            if depth == 0 { throw error(.malformed(vi: "thẻ đóng thừa", en: "unmatched end tag")) }
            try closeElement(p + 2, e)
            pos = gt + 1
            return .token(.end)
        }
        if c == UInt8(ascii: "?") {
            var from = p + 2
            while true {
                guard let gt = find(UInt8(ascii: ">"), from: from) else { return .incomplete }
                if buffer[gt - 1] == UInt8(ascii: "?") && gt - 1 >= p + 2 {
                    pos = gt + 1
                    return .skipped
                }
                from = gt + 1
            }
        }
        if c == UInt8(ascii: "!") {
            guard p + 9 <= end || atEOF else { return .incomplete }
            if matches(p, "<!--") {
                var from = p + 4
                while true {
                    guard let gt = find(UInt8(ascii: ">"), from: from) else { return .incomplete }
                    if gt - 2 >= p + 4 && buffer[gt - 1] == UInt8(ascii: "-") && buffer[gt - 2] == UInt8(ascii: "-") {
                        pos = gt + 1
                        return .skipped
                    }
                    from = gt + 1
                }
            }
            if matches(p, "<![CDATA[") {
                var from = p + 9
                while true {
                    guard let gt = find(UInt8(ascii: ">"), from: from) else { return .incomplete }
                    if gt - 2 >= p + 9 && buffer[gt - 1] == UInt8(ascii: "]") && buffer[gt - 2] == UInt8(ascii: "]") {
                        textStart = p + 9
                        textEnd = gt - 2
                        textIsCDATA = true
                        pos = gt + 1
                        return .token(.text)
                    }
                    from = gt + 1
                }
            }
            if matches(p, "<!DOCTYPE") || matches(p, "<!doctype") {
                throw error(.doctypeNotAllowed)
            }
            throw error(.malformed(vi: "khai báo <! không được phép", en: "<! declaration not allowed"))
        }
        // Start tag. Names end at a byte of `nameEndMask`; the last ':' marks the local name.
        var q = p + 1
        var localStart = q
        while q < end {
            let c = buffer[q]
            if Self.isNameEnd(c) { break }
            if c == UInt8(ascii: ":") { localStart = q + 1 }
            q += 1
        }
        guard q < end else { return .incomplete }
        guard q > p + 1 else { throw error(.malformed(vi: "thẻ mở không có tên", en: "start tag without a name")) }
        let qs = localStart, qe = q
        var count = 0
        var closing = false
        while true {
            while q < end && Self.isSpace(buffer[q]) { q += 1 }
            guard q < end else { return .incomplete }
            let b = buffer[q]
            if b == UInt8(ascii: ">") { q += 1; break }
            if b == UInt8(ascii: "/") {
                guard q + 1 < end else { return .incomplete }
                guard buffer[q + 1] == UInt8(ascii: ">") else {
                    throw error(.malformed(vi: "sau '/' phải là '>'", en: "'/' must be followed by '>'"), at: base + Int64(q + 1))
                }
                closing = true
                q += 2
                break
            }
            // Attribute name.
            let an = q
            var ls = an
            while q < end {
                let c = buffer[q]
                if Self.isNameEnd(c) { break }
                if c == UInt8(ascii: ":") { ls = q + 1 }
                q += 1
            }
            guard q < end else { return .incomplete }
            guard q > an else { throw error(.malformed(vi: "thuộc tính không có tên", en: "attribute without a name"), at: base + Int64(q)) }
            let ane = q
            while q < end && Self.isSpace(buffer[q]) { q += 1 }
            guard q < end else { return .incomplete }
            guard buffer[q] == UInt8(ascii: "=") else {
                throw error(.malformed(vi: "thiếu '=' sau tên thuộc tính", en: "missing '=' after an attribute name"), at: base + Int64(q))
            }
            q += 1
            while q < end && Self.isSpace(buffer[q]) { q += 1 }
            guard q < end else { return .incomplete }
            let quote = buffer[q]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw error(.malformed(vi: "giá trị thuộc tính phải nằm trong dấu nháy", en: "attribute value must be quoted"), at: base + Int64(q))
            }
            let vs = q + 1
            var decode = false
            var close = vs
            // Bytes that need a closer look: controls, '"', '&', '\'', '<'.
            let special: UInt64 = 0xFFFF_FFFF | (1 << 0x22) | (1 << 0x26) | (1 << 0x27) | (1 << 0x3C)
            while close < end {
                let v = buffer[close]
                if v < 64 && (special >> UInt64(v)) & 1 != 0 {
                    if v == quote { break }
                    if v == UInt8(ascii: "<") { throw error(.malformed(vi: "'<' trong giá trị thuộc tính", en: "'<' in an attribute value"), at: base + Int64(close)) }
                    if v == UInt8(ascii: "&") || v < 0x20 { decode = true }
                }
                close += 1
            }
            guard close < end else { return .incomplete }
            guard count < maxAttributes else {
                throw error(.malformed(vi: "quá nhiều thuộc tính", en: "too many attributes"), at: base + Int64(an))
            }
            attributes[count] = XMLAttribute(nameStart: ls, nameEnd: ane, valueStart: vs, valueEnd: close, needsDecoding: decode)
            count += 1
            q = close + 1
        }
        attributeCount = count
        nameStart = qs
        nameEnd = qe
        selfClosing = closing
        if depth == 0 {
            if sawRoot { throw error(.malformed(vi: "có nhiều hơn một phần tử gốc", en: "more than one root element")) }
            if closing { sawRoot = true }
        }
        if !closing {
            depth += 1
            sawRoot = true
            if depth > maxDepth { throw error(.tooDeep(limit: maxDepth)) }
            pushName(p + 1, qe)
        }
        pos = q
        return .token(.start)
    }

    /// Pops the innermost open element, whose qualified name must be the
    /// bytes `s..<e` (an end tag's name); an error at the end tag otherwise.
    @inline(__always) private func closeElement(_ s: Int, _ e: Int) throws(XLSXError) {
        let start = openStarts[depth - 1]
        let n = e - s
        guard openLength - start == n && memcmp(openNames + start, buffer + s, n) == 0 else {
            let open = String(decoding: UnsafeBufferPointer(start: openNames + start, count: min(openLength - start, 64)), as: UTF8.self)
            let close = String(decoding: UnsafeBufferPointer(start: buffer + s, count: min(n, 64)), as: UTF8.self)
            throw error(.mismatchedEndTag(open: open, close: close))
        }
        openLength = start
        depth -= 1
    }

    /// Records a start tag's qualified name (bytes `s..<e`) as the innermost open element
    /// (called after `depth` counts it).
    @inline(__always) private func pushName(_ s: Int, _ e: Int) {
        let n = e - s
        if openLength + n > openCapacity {
            var capacity = openCapacity * 2
            while capacity < openLength + n { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: openNames, count: openLength)
            openNames.deallocate()
            openNames = grown
            openCapacity = capacity
        }
        openStarts[depth - 1] = openLength
        (openNames + openLength).update(from: buffer + s, count: n)
        openLength += n
    }

    /// True when the innermost open element's qualified name is the one byte `byte`.
    @inline(__always) private func openNameIsByte(_ byte: UInt8) -> Bool {
        depth > 0 && openLength - openStarts[depth - 1] == 1 && openNames[openLength - 1] == byte
    }

    @inline(__always) private func setName(_ s: Int, _ e: Int) {
        var ls = s
        var k = s
        while k < e { if buffer[k] == UInt8(ascii: ":") { ls = k + 1 }; k += 1 }
        nameStart = ls
        nameEnd = e
    }

    // MARK: - Reading the current token

    /// True when the current tag's local name is `literal`.
    @inline(__always) package func nameIs(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        return nameEnd - nameStart == n && memcmp(buffer + nameStart, literal.utf8Start, n) == 0
    }

    /// The current tag's local name.
    package var name: String { String(decoding: UnsafeBufferPointer(start: buffer + nameStart, count: nameEnd - nameStart), as: UTF8.self) }

    @inline(__always) func attributeNameIs(_ i: Int, _ literal: StaticString) -> Bool {
        let a = attributes[i]
        let n = literal.utf8CodeUnitCount
        return a.nameEnd - a.nameStart == n && memcmp(buffer + a.nameStart, literal.utf8Start, n) == 0
    }

    /// True when attribute `i`'s local name is the single byte `byte`.
    @inline(__always) func attributeNameIsByte(_ i: Int, _ byte: UInt8) -> Bool {
        let a = attributes[i]
        return a.nameEnd - a.nameStart == 1 && buffer[a.nameStart] == byte
    }

    /// The index of the attribute with this local name.
    func attributeIndex(_ literal: StaticString) -> Int? {
        var i = 0
        while i < attributeCount {
            if attributeNameIs(i, literal) { return i }
            i += 1
        }
        return nil
    }

    /// The decoded value of attribute `i`.
    func attributeValue(_ i: Int) throws(XLSXError) -> String {
        let a = attributes[i]
        return try decode(a.valueStart, a.valueEnd, attribute: true, xEscapes: false)
    }

    /// The decoded value of the attribute with this local name.
    package func attribute(_ literal: StaticString) throws(XLSXError) -> String? {
        guard let i = attributeIndex(literal) else { return nil }
        return try attributeValue(i)
    }

    /// Raw bytes of attribute `i`'s value (not decoded; for numbers and references).
    @inline(__always) func attributeRange(_ i: Int) -> (start: Int, end: Int, plain: Bool) {
        let a = attributes[i]
        return (a.valueStart, a.valueEnd, !a.needsDecoding)
    }

    /// Appends the current text token's bytes, entities decoded, to `out`;
    /// `tokenTooLong` when `out` then holds more than `XLSXLimits.maxTextBytes`
    /// (a long text arrives in several tokens: the limit is on the whole).
    package func appendText(to out: inout [UInt8]) throws(XLSXError) {
        if textIsCDATA {
            out.append(contentsOf: UnsafeBufferPointer(start: buffer + textStart, count: textEnd - textStart))
        } else {
            try decodeBytes(textStart, textEnd, attribute: false, into: &out)
        }
        if out.count > maxText { throw error(.tokenTooLong(limit: maxText)) }
    }

    /// True when the current text token is only XML whitespace.
    var textIsWhitespace: Bool {
        var k = textStart
        while k < textEnd { if !Self.isSpace(buffer[k]) { return false }; k += 1 }
        return true
    }

    /// Whether the range holds bytes that need decoding (entities, CR).
    @inline(__always) func isPlain(_ s: Int, _ e: Int) -> Bool {
        var k = s
        while k < e {
            let b = buffer[k]
            if b == UInt8(ascii: "&") || b == 0x0D { return false }
            k += 1
        }
        return true
    }

    /// Decodes a range: entities, line ends (and attribute whitespace), then
    /// optionally `_xHHHH_` escapes; validates UTF-8; returns NFC text.
    func decode(_ s: Int, _ e: Int, attribute: Bool, xEscapes: Bool) throws(XLSXError) -> String {
        if isPlain(s, e) && !(attribute && !isAttributePlain(s, e)) {
            if xEscapes && TextDecoding.hasXEscape(buffer + s, e - s) {
                let bytes = TextDecoding.decodeXEscapes(UnsafeBufferPointer(start: buffer + s, count: e - s))
                return try makeString(bytes)
            }
            guard let str = String(validating: UnsafeBufferPointer(start: buffer + s, count: e - s), as: UTF8.self) else {
                throw error(.invalidUTF8)
            }
            return TextDecoding.nfc(str)
        }
        var out: [UInt8] = []
        out.reserveCapacity(e - s)
        try decodeBytes(s, e, attribute: attribute, into: &out)
        if xEscapes { out = TextDecoding.decodeXEscapes(out[...]) }
        return try makeString(out)
    }

    package func makeString<C: Collection<UInt8>>(_ bytes: C) throws(XLSXError) -> String where C.Index == Int {
        guard let str = String(validating: bytes, as: UTF8.self) else { throw error(.invalidUTF8) }
        return TextDecoding.isNFCQuick(bytes) ? str : VietnameseText.nfc(str)
    }

    private func isAttributePlain(_ s: Int, _ e: Int) -> Bool {
        var k = s
        while k < e { if buffer[k] == 0x09 || buffer[k] == 0x0A { return false }; k += 1 }
        return true
    }

    /// Entity and line-end decoding of a range into `out`.
    func decodeBytes(_ s: Int, _ e: Int, attribute: Bool, into out: inout [UInt8]) throws(XLSXError) {
        if e <= s { return }
        // Fast path: nothing to decode.
        if !attribute && memchr(buffer + s, Int32(UInt8(ascii: "&")), e - s) == nil && memchr(buffer + s, 0x0D, e - s) == nil {
            out.append(contentsOf: UnsafeBufferPointer(start: buffer + s, count: e - s))
            return
        }
        var k = s
        while k < e {
            let b = buffer[k]
            if b == UInt8(ascii: "&") {
                // Entity name up to ';', at most 10 bytes.
                var j = k + 1
                while j < e && j - k <= 10 && buffer[j] != UInt8(ascii: ";") { j += 1 }
                guard j < e, buffer[j] == UInt8(ascii: ";") else {
                    let shown = String(decoding: UnsafeBufferPointer(start: buffer + k + 1, count: min(e - k - 1, 10)), as: UTF8.self)
                    throw error(.unknownEntity(shown), at: base + Int64(k))
                }
                let nameBytes = UnsafeBufferPointer(start: buffer + k + 1, count: j - k - 1)
                if let scalar = try TextDecoding.entity(nameBytes, onError: { (p: XMLProblem) in self.error(p, at: self.base + Int64(k)) }) {
                    TextDecoding.appendUTF8(scalar, to: &out)
                }
                k = j + 1
            } else if b == 0x0D {
                // CR LF and lone CR become LF (attributes: a space).
                out.append(attribute ? 0x20 : 0x0A)
                k += (k + 1 < e && buffer[k + 1] == 0x0A) ? 2 : 1
            } else if attribute && (b == 0x0A || b == 0x09) {
                out.append(0x20)
                k += 1
            } else {
                out.append(b)
                k += 1
            }
        }
    }

    // MARK: - Helpers for consumers

    /// Collects the text content of the current element up to its end tag,
    /// refusing nested elements. Call right after a non-self-closing start tag.
    func elementText(xEscapes: Bool) throws(XLSXError) -> String {
        var out: [UInt8] = []
        let startDepth = depth
        while true {
            switch try next() {
            case .text:
                try appendText(to: &out)
            case .start:
                throw error(.malformed(vi: "phần tử lồng trong văn bản", en: "element nested inside text"))
            case .end:
                if depth < startDepth {
                    if xEscapes { out = TextDecoding.decodeXEscapes(out[...]) }
                    return try makeString(out)
                }
            case .eof:
                throw error(.unexpectedEnd, at: offset)
            }
        }
    }

    /// Fast path after a non-self-closing start tag: when the element holds
    /// only plain text (no markup, entity or CR) followed directly by its end
    /// tag, all already in the buffer, returns the text's range and moves past
    /// the end tag. The range is valid until the next call to `next()`.
    /// Returns nil (and moves nothing) otherwise.
    func simpleContent() -> (start: Int, end: Int)? {
        let buffer = self.buffer
        let end = self.end
        let s = pos
        var k = s
        // Plain text up to '<'.
        while k < end {
            let b = buffer[k]
            if b == UInt8(ascii: "<") { break }
            if b == UInt8(ascii: "&") || b == 0x0D { return nil }
            k += 1
        }
        guard k + 2 < end, buffer[k + 1] == UInt8(ascii: "/") else { return nil }
        var g = k + 2
        var local = g
        while g < end && g - k < 128 && buffer[g] != UInt8(ascii: ">") {
            if buffer[g] == UInt8(ascii: ":") { local = g + 1 }
            g += 1
        }
        guard g < end, buffer[g] == UInt8(ascii: ">"), depth > 0 else { return nil }
        // The end tag must repeat the start tag's qualified name, prefix included.
        let open = openStarts[depth - 1]
        let n = g - (k + 2)
        guard openLength - open == n, memcmp(openNames + open, buffer + k + 2, n) == 0 else { return nil }
        openLength = open
        depth -= 1
        tokenOffset = base + Int64(k)
        nameStart = local
        nameEnd = g
        pos = g + 1
        return (s, k)
    }

    /// Fast path right after a `<c …>` start tag: when the buffer holds exactly
    /// `<v>TEXT</v></c>` (no prefixes, plain text), returns TEXT's range and
    /// moves past `</c>`. Returns nil (and moves nothing) otherwise; the
    /// caller then reads the cell token by token.
    func plainValueCell() -> (start: Int, end: Int)? {
        let buffer = self.buffer
        let end = self.end
        let p = pos
        guard p + 3 <= end, buffer[p] == UInt8(ascii: "<"), buffer[p + 1] == UInt8(ascii: "v"),
              buffer[p + 2] == UInt8(ascii: ">") else { return nil }
        var k = p + 3
        while k < end {
            let b = buffer[k]
            if b == UInt8(ascii: "<") { break }
            if b == UInt8(ascii: "&") || b == 0x0D { return nil }
            k += 1
        }
        guard k + 8 <= end, memcmp(buffer + k, "</v></c>", 8) == 0, openNameIsByte(UInt8(ascii: "c")) else { return nil }
        openLength -= 1
        depth -= 1
        tokenOffset = base + Int64(k + 4)
        nameStart = k + 6
        nameEnd = k + 7
        pos = k + 8
        return (p + 3, k)
    }

    /// Skips the rest of the current element (after a non-self-closing start tag).
    package func skipElement() throws(XLSXError) {
        let startDepth = depth
        while true {
            let t = try next()
            if t == .eof { throw error(.unexpectedEnd, at: offset) }
            if t == .end && depth < startDepth { return }
        }
    }

    /// Raw bytes of the current text token (not decoded).
    var textRange: (start: Int, end: Int) { (textStart, textEnd) }
}
