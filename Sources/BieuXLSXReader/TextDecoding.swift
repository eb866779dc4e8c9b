import BieuCore

/// Decoding of XML entities and of OOXML's `_xHHHH_` escapes, and the NFC
/// step every text goes through.
enum TextDecoding {
    /// The scalar an entity stands for: the five XML entities and numeric
    /// character references; anything else is an error (no DTD, no
    /// user-defined or external entities).
    static func entity(_ name: UnsafeBufferPointer<UInt8>, onError: (XMLProblem) -> XLSXError) throws(XLSXError) -> Unicode.Scalar? {
        let text = String(decoding: name, as: UTF8.self)
        switch text {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard name.count >= 2, name[0] == UInt8(ascii: "#") else { throw onError(.unknownEntity(text)) }
        var value: UInt32 = 0
        var digits = 0
        if name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X") {
            for b in name.dropFirst(2) {
                guard let d = hexValue(b), digits < 8 else { throw onError(.invalidCharacterReference(text)) }
                value = value &* 16 &+ UInt32(d)
                digits += 1
            }
        } else {
            for b in name.dropFirst(1) {
                guard b >= 48 && b <= 57, digits < 9 else { throw onError(.invalidCharacterReference(text)) }
                value = value &* 10 &+ UInt32(b - 48)
                digits += 1
            }
        }
        guard digits > 0, isXMLChar(value), let scalar = Unicode.Scalar(value) else {
            throw onError(.invalidCharacterReference(text))
        }
        return scalar
    }

    /// Characters XML 1.0 allows.
    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// True when the bytes may hold an `_xHHHH_` escape.
    static func hasXEscape(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var k = 0
        while k + 6 < n {
            if p[k] == UInt8(ascii: "_") && p[k + 1] == UInt8(ascii: "x") { return true }
            k += 1
        }
        return false
    }

    /// Reads `_xHHHH_` at `i` (7 bytes), if there is one.
    private static func escape<C: Collection<UInt8>>(_ b: C, _ i: C.Index) -> UInt32? where C.Index == Int {
        guard i + 6 < b.endIndex, b[i] == UInt8(ascii: "_"), b[i + 1] == UInt8(ascii: "x"), b[i + 6] == UInt8(ascii: "_") else { return nil }
        var v: UInt32 = 0
        for k in 2...5 {
            guard let d = hexValue(b[i + k]) else { return nil }
            v = v * 16 + UInt32(d)
        }
        return v
    }

    /// Replaces OOXML `_xHHHH_` escapes (ECMA-376 ST_Xstring) by the
    /// character they stand for, left to right, so `_x005F_x0041_` gives the
    /// literal text `_x0041_`. A surrogate pair written as two escapes
    /// becomes one character; a lone surrogate or a code for a character XML
    /// cannot hold is left as written.
    static func decodeXEscapes<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] where C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if let v = escape(bytes, i) {
                if v >= 0xD800 && v <= 0xDBFF, let low = escape(bytes, i + 7), low >= 0xDC00 && low <= 0xDFFF {
                    let scalar = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    appendUTF8(Unicode.Scalar(scalar)!, to: &out)
                    i += 14
                    continue
                }
                if let scalar = Unicode.Scalar(v), v != 0 {
                    appendUTF8(scalar, to: &out)
                    i += 7
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// The text in Unicode NFC. Text whose scalars are all below U+0300 or in
    /// Latin Extended Additional (U+1E00–U+1EFF, precomposed Vietnamese) is
    /// NFC already and returned as is; other text goes through Foundation.
    static func nfc(_ s: String) -> String {
        var s = s
        let quick = s.withUTF8 { isNFCQuick($0) }
        return quick ? s : VietnameseText.nfc(s)
    }

    /// True when the UTF-8 text holds only scalars below U+0300 or in
    /// U+1E00–U+1EFF, which are NFC by themselves (checked on bytes: lead
    /// bytes below 0xCC, or 0xE1 0xB8…0xBB).
    @inline(__always)
    static func isNFCQuick<C: Collection<UInt8>>(_ bytes: C) -> Bool where C.Index == Int {
        var i = bytes.startIndex
        let e = bytes.endIndex
        while i < e {
            let b = bytes[i]
            if b < 0xCC { i += 1; continue }
            if b == 0xE1 && i + 1 < e && bytes[i + 1] >= 0xB8 && bytes[i + 1] <= 0xBB { i += 3; continue }
            return false
        }
        return true
    }
}
