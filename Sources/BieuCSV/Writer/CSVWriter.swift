import BieuCore
import Foundation
#if canImport(Glibc)
import Glibc
private let sysWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let sysWrite = Darwin.write
#endif

/// One field to write, typed because only text is neutralised.
public enum CSVField: Sendable, Hashable, ExpressibleByStringLiteral {
    /// Text: written in NFC; neutralised (`'` prefix) when it starts with
    /// `=`, `+`, `-`, `@`, tab, CR or `'` (see `CSVText`).
    case text(String)
    /// A number literal as it should appear (`-5`, `-3,5`, `41.160`, `1e-3`,
    /// `29,2%`): written as is. A literal that is not a plain number (it
    /// would have to contain something other than an optional sign, digits,
    /// `.` `,`, an exponent and a final `%`) is written as text instead, so
    /// a number can never smuggle a formula in.
    case number(String)

    public init(stringLiteral value: String) { self = .text(value) }

    /// True for the literals `.number` writes as they are.
    public static func isPlainNumber(_ literal: String) -> Bool {
        var bytes = Array(literal.utf8)[...]
        if bytes.last == UInt8(ascii: "%") { bytes = bytes.dropLast() }
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            var exponent = bytes[(e + 1)...]
            if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            bytes = bytes[..<e]
        }
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard let first = bytes.first else { return false }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let isSeparator = { (b: UInt8) in b == UInt8(ascii: ".") || b == UInt8(ascii: ",") }
        guard isDigit(first) || (isSeparator(first) && bytes.dropFirst().first.map(isDigit) == true) else { return false }
        return bytes.allSatisfy { isDigit($0) || isSeparator($0) }
    }
}

/// Turns rows into bytes: quoting, neutralising, line ends, encoding.
struct CSVRowEncoder {
    let options: CSVWriteOptions
    private var scratch: [UInt8] = []

    init(options: CSVWriteOptions) { self.options = options }

    /// The byte-order mark the output starts with (may be empty).
    var preamble: [UInt8] {
        switch options.encoding {
        case .utf8WithBOM: return [0xEF, 0xBB, 0xBF]
        case .utf8: return []
        case .utf16LE: return [0xFF, 0xFE]
        }
    }

    /// Appends one record, line end included.
    mutating func append(_ row: [CSVField], to out: inout [UInt8]) {
        if options.encoding == .utf16LE {
            scratch.removeAll(keepingCapacity: true)
            encodeUTF8(row, into: &scratch)
            for unit in String(decoding: scratch, as: UTF8.self).utf16 {
                out.append(UInt8(truncatingIfNeeded: unit))
                out.append(UInt8(truncatingIfNeeded: unit >> 8))
            }
        } else {
            encodeUTF8(row, into: &out)
        }
    }

    private func encodeUTF8(_ row: [CSVField], into out: inout [UInt8]) {
        let delimiter = options.delimiter.byte
        for (index, field) in row.enumerated() {
            if index > 0 { out.append(delimiter) }
            let text: String
            switch field {
            case let .text(value):
                text = CSVText.neutralize(Normalization.nfc(value))
            case let .number(literal):
                text = CSVField.isPlainNumber(literal) ? literal : CSVText.neutralize(Normalization.nfc(literal))
            }
            if needsQuotes(text, delimiter: delimiter) {
                out.append(0x22)
                for b in text.utf8 {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: text.utf8)
            }
        }
        switch options.lineEnding {
        case .crlf: out.append(0x0D); out.append(0x0A)
        case .lf: out.append(0x0A)
        }
    }

    /// Quote when the text holds the delimiter, a quote, CR or LF; when it
    /// starts or ends with a space or tab (so no program trims it); and when
    /// it starts with U+FEFF (so a reader cannot take it for a byte-order mark).
    private func needsQuotes(_ text: String, delimiter: UInt8) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
        return utf8.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
    }
}

/// Writes CSV: neutralised text, RFC 4180 quoting, CRLF line ends, UTF-8 with
/// BOM by default.
public enum CSVWriter {
    /// The whole file as bytes.
    public static func bytes(_ rows: [[CSVField]], options: CSVWriteOptions = .init()) -> [UInt8] {
        var encoder = CSVRowEncoder(options: options)
        var out = encoder.preamble
        for row in rows { encoder.append(row, to: &out) }
        return out
    }

    /// Writes rows to `path` atomically: the file appears complete or not at all.
    ///
    /// Throws `CSVError.writeFailed` or `AtomicFile.Failure`.
    public static func write(_ rows: [[CSVField]], to path: String, options: CSVWriteOptions = .init()) throws {
        try write(to: path, options: options) { writer in
            for row in rows { try writer.append(row) }
        }
    }

    /// Streams rows to `path` atomically: `body` appends rows to the writer
    /// it is given; the file is committed when `body` returns and discarded
    /// when it throws. Do not keep the writer beyond `body`.
    public static func write(to path: String, options: CSVWriteOptions = .init(), _ body: (CSVFileWriter) throws -> Void) throws {
        let writer = try CSVFileWriter(path: path, options: options)
        do {
            try body(writer)
            try writer.finish()
        } catch {
            writer.cancel()
            throw error
        }
    }
}

/// A CSV file being written row by row, with memory bounded by a 256 KiB
/// buffer. The rows go to a temporary file beside `path` (`AtomicFile`);
/// `finish()` moves it into place. A writer dropped without `finish()`
/// deletes the temporary file and leaves `path` untouched.
public final class CSVFileWriter {
    public let path: String
    public let options: CSVWriteOptions
    /// Rows appended so far.
    public private(set) var rowCount = 0
    private let temporaryPath: String
    private var fd: Int32
    private var encoder: CSVRowEncoder
    private var buffer: [UInt8] = []
    private var done = false
    private static let flushThreshold = 256 << 10

    /// Creates the temporary file. Throws `AtomicFile.Failure.cannotCreate`.
    public init(path: String, options: CSVWriteOptions = .init()) throws {
        self.path = path
        self.options = options
        temporaryPath = AtomicFile.temporaryPath(for: path)
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw AtomicFile.Failure.cannotCreate(path: path, reason: .current())
        }
        encoder = CSVRowEncoder(options: options)
        buffer.reserveCapacity(CSVFileWriter.flushThreshold + 4096)
        buffer += encoder.preamble
    }

    deinit {
        if !done { discard() }
    }

    /// Appends one record. Throws `CSVError.writeFailed` when the disk refuses.
    public func append(_ row: [CSVField]) throws(CSVError) {
        precondition(!done, "CSVFileWriter used after finish() or cancel()")
        encoder.append(row, to: &buffer)
        rowCount += 1
        if buffer.count >= CSVFileWriter.flushThreshold { try flush() }
    }

    /// Writes what is buffered, flushes to disk and renames the file into place.
    public func finish() throws {
        precondition(!done, "CSVFileWriter finished twice")
        do {
            try flush()
        } catch {
            discard()
            throw error
        }
        close(fd)
        fd = -1
        done = true
        do {
            try AtomicFile.commit(temporary: temporaryPath, to: path)
        } catch {
            unlink(temporaryPath)
            throw error
        }
    }

    /// Abandons the file: the temporary file is deleted, `path` is untouched.
    public func cancel() {
        if !done { discard() }
    }

    private func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
        done = true
    }

    private func flush() throws(CSVError) {
        var offset = 0
        let count = buffer.count
        while offset < count {
            let n = buffer.withUnsafeBufferPointer { sysWrite(fd, $0.baseAddress! + offset, count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(file: path, reason: .current())
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
