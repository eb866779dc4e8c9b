import BieuCore

/// Turns bytes into Unicode scalars, one at a time, for the parser.
///
/// `decode` is given at least 4 bytes unless the input ends sooner, so a
/// character never straddles two calls.
protocol ScalarDecoder {
    /// True for UTF-8: a scalar's bytes can be copied into the field as they are.
    static var passesUTF8Through: Bool { get }
    /// The scalar at `p` and its length in bytes; `invalidScalar` when the
    /// bytes there are not valid (the length is then 1).
    func decode(_ p: UnsafePointer<UInt8>, _ available: Int) -> (scalar: UInt32, length: Int)
    /// The error for invalid bytes at `p`.
    func error(file: String, offset: Int, line: Int, _ p: UnsafePointer<UInt8>, _ available: Int) -> CSVError
}

/// Marks an invalid sequence (no Unicode scalar has this value).
let invalidScalar: UInt32 = 0xFFFF_FFFF

/// Strict UTF-8 (Unicode 15, table 3-7): no overlong forms, no surrogates,
/// nothing above U+10FFFF.
struct UTF8Decoder: ScalarDecoder {
    var claim: CSVError.UTF8Claim
    static var passesUTF8Through: Bool { true }

    @inline(__always)
    func decode(_ p: UnsafePointer<UInt8>, _ n: Int) -> (scalar: UInt32, length: Int) {
        let b0 = p[0]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        return UTF8Decoder.decodeMultibyte(p, n)
    }

    static func decodeMultibyte(_ p: UnsafePointer<UInt8>, _ n: Int) -> (scalar: UInt32, length: Int) {
        let b0 = p[0]
        @inline(__always) func cont(_ i: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i < n && p[i] >= lo && p[i] <= hi
        }
        switch b0 {
        case 0xC2...0xDF:
            guard cont(1) else { break }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(p[1] & 0x3F), 2)
        case 0xE0...0xEF:
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard cont(1, lo, hi), cont(2) else { break }
            return (UInt32(b0 & 0x0F) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F), 3)
        case 0xF0...0xF4:
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard cont(1, lo, hi), cont(2), cont(3) else { break }
            return (UInt32(b0 & 0x07) << 18 | UInt32(p[1] & 0x3F) << 12 | UInt32(p[2] & 0x3F) << 6 | UInt32(p[3] & 0x3F), 4)
        default:
            break
        }
        return (invalidScalar, 1)
    }

    func error(file: String, offset: Int, line: Int, _ p: UnsafePointer<UInt8>, _ available: Int) -> CSVError {
        // Like Python's codec, name the first byte of the sequence that fails:
        // a stray Windows-1258 `é` (0xE9) is reported as 0xE9 at its own offset.
        .invalidUTF8(file: file, offset: offset, line: line, byte: p[0], claim: claim)
    }
}

/// UTF-16 in either byte order; surrogates must come in pairs.
struct UTF16Decoder: ScalarDecoder {
    var bigEndian: Bool
    static var passesUTF8Through: Bool { false }

    @inline(__always)
    private func unit(_ p: UnsafePointer<UInt8>) -> UInt32 {
        bigEndian ? UInt32(p[0]) << 8 | UInt32(p[1]) : UInt32(p[1]) << 8 | UInt32(p[0])
    }

    @inline(__always)
    func decode(_ p: UnsafePointer<UInt8>, _ n: Int) -> (scalar: UInt32, length: Int) {
        guard n >= 2 else { return (invalidScalar, 1) }
        let u = unit(p)
        if u < 0xD800 || u > 0xDFFF { return (u, 2) }
        guard u < 0xDC00, n >= 4 else { return (invalidScalar, 1) }
        let low = unit(p + 2)
        guard low >= 0xDC00 && low <= 0xDFFF else { return (invalidScalar, 1) }
        return (0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), 4)
    }

    func error(file: String, offset: Int, line: Int, _ p: UnsafePointer<UInt8>, _ available: Int) -> CSVError {
        guard available >= 2 else { return .invalidUTF16(file: file, offset: offset, line: line, problem: .oddLength) }
        return .invalidUTF16(file: file, offset: offset, line: line, problem: .unpairedSurrogate(UInt16(unit(p))))
    }
}

/// A one-byte code page (Windows-1258, Windows-1252): every byte is a character.
struct SingleByteDecoder: ScalarDecoder {
    let table: [UInt32]
    static var passesUTF8Through: Bool { false }

    init(_ encoding: CSVEncoding) {
        table = encoding == .windows1252 ? CodePages.windows1252 : CodePages.windows1258
    }

    @inline(__always)
    func decode(_ p: UnsafePointer<UInt8>, _ n: Int) -> (scalar: UInt32, length: Int) {
        (table.withUnsafeBufferPointer { $0[Int(p[0])] }, 1)
    }

    func error(file: String, offset: Int, line: Int, _ p: UnsafePointer<UInt8>, _ available: Int) -> CSVError {
        // Unreachable: every byte decodes. Kept total for the protocol.
        .readFailed(file: file, offset: offset, reason: SystemFailure(code: 0, description: "internal decoder error"))
    }
}
