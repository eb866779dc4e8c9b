import BieuCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a report's canonical JSON to a file as it is produced, one table row
/// at a time, so a large report is never held whole. The bytes are exactly
/// those of ``ReportJSON/encode(_:)`` for the same report (the same encoding
/// code writes every piece).
///
/// ```swift
/// let out = try ReportJSONWriter(path: temp, report: metadata)   // metadata, no tables
/// try out.beginTable(table)                                       // id, template, title
/// for row in rows { try out.write(row) }
/// try out.endTable()
/// try out.finish()
/// ```
public final class ReportJSONWriter {
    public let path: String
    private var fd: Int32
    private var writer = JSONWriter(reserving: 1 << 16)
    private var inTable = false
    /// Bytes are written out once this many are pending.
    private static let flushSize = 1 << 16

    /// Creates the file (it must not exist) and writes the report's metadata.
    public init(path: String, report: Report) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.Failure.cannotCreate(path: path, reason: .current()) }
        ReportJSON.encodeHead(report, into: &writer)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Opens a table: its id, template and title (its rows are not written).
    public func beginTable(_ table: AnnexTable) throws {
        if inTable { try endTable() }
        writer.element()
        ReportJSON.encodeHead(table, into: &writer)
        inTable = true
    }

    /// Writes the next row of the open table.
    public func write(_ row: Row) throws {
        writer.element()
        ReportJSON.encode(row, into: &writer)
        if writer.bytes.count >= Self.flushSize { try flush() }
    }

    public func endTable() throws {
        guard inTable else { return }
        ReportJSON.encodeTableTail(into: &writer)
        inTable = false
    }

    /// Ends the document, writes what is left and closes the file.
    public func finish() throws {
        try endTable()
        ReportJSON.encodeTail(into: &writer)
        try flush()
        if close(fd) != 0 {
            fd = -1
            throw AtomicFile.Failure.cannotReplace(path: path, reason: .current())
        }
        fd = -1
    }

    private func flush() throws {
        let fd = self.fd
        let path = self.path
        try writer.flush { bytes in
            try bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw AtomicFile.Failure.cannotReplace(path: path, reason: .current())
                    }
                    offset += n
                }
            }
        }
    }
}
