/// Writes JSON the canonical bieu way: UTF-8, keys in the order given (never
/// re-sorted), two-space indentation, one member per line — except objects
/// marked *inline*, which stay on one line (cells), so a table's JSON reads
/// one row per few lines and diffs cleanly.
///
/// Strings are written as-is apart from the escapes JSON requires
/// (`"`, `\`, control characters); Vietnamese letters are not escaped.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// Per open container: whether a member has been written, and whether it is inline.
    private var stack: [(hasMembers: Bool, inline: Bool)] = []

    public init(reserving capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    private var isInline: Bool { stack.last?.inline ?? false }

    private mutating func separator() {
        guard !stack.isEmpty else { return }
        if stack[stack.count - 1].hasMembers { bytes.append(UInt8(ascii: ",")) }
        stack[stack.count - 1].hasMembers = true
        if isInline {
            if bytes.last != UInt8(ascii: "{") && bytes.last != UInt8(ascii: "[") { bytes.append(0x20) }
        } else {
            newline()
        }
    }

    private mutating func newline() {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    /// Opens an object as the next value (after ``key(_:)`` inside an object).
    public mutating func beginObject(inline: Bool = false) {
        bytes.append(UInt8(ascii: "{"))
        stack.append((false, inline || isInline))
        indent += 1
    }

    public mutating func endObject() {
        let state = stack.removeLast()
        indent -= 1
        if state.hasMembers && !state.inline { newline() }
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray(inline: Bool = false) {
        bytes.append(UInt8(ascii: "["))
        stack.append((false, inline || isInline))
        indent += 1
    }

    public mutating func endArray() {
        let state = stack.removeLast()
        indent -= 1
        if state.hasMembers && !state.inline { newline() }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes an object key; the value follows with one of the value calls.
    public mutating func key(_ k: String) {
        separator()
        writeString(k)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
    }

    /// Prepares an array element (call before the element's value).
    public mutating func element() { separator() }

    public mutating func string(_ s: String) { writeString(s) }
    /// Writes a number literal exactly as given (it must be valid JSON).
    public mutating func number(_ literal: String) { bytes.append(contentsOf: literal.utf8) }
    public mutating func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }
    public mutating func bool(_ v: Bool) { bytes.append(contentsOf: (v ? "true" : "false").utf8) }
    public mutating func null() { bytes.append(contentsOf: "null".utf8) }

    /// Hands the bytes written so far to `body` and forgets them, keeping the writer's
    /// place in the document: a long document can be written out piece by piece.
    public mutating func flush(_ body: ([UInt8]) throws -> Void) rethrows {
        try body(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Ends the document with a newline.
    public mutating func finish() { bytes.append(0x0A) }

    private mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(0x5C); bytes.append(b)
            case UInt8(ascii: "\\"): bytes.append(0x5C); bytes.append(b)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(b >> 4)]); bytes.append(hex[Int(b & 0xF)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
