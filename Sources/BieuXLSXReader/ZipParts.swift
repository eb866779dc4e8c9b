import BieuZip

/// The reader's side of ``BieuZip``: zip failures as `XLSXError`s, the zip
/// limits inside `XLSXLimits`, and an entry's inflated bytes for the scanner.
extension XLSXError {
    init(_ error: ZipError) {
        if case let .cannotOpen(file, reason) = error { self = .cannotOpen(file: file, reason: reason) } else { self = .zip(error) }
    }
}

/// Runs a zip operation, its failure as an `XLSXError`.
package func zipped<T>(_ body: () throws(ZipError) -> T) throws(XLSXError) -> T {
    do { return try body() } catch { throw XLSXError(error) }
}

extension XLSXLimits {
    package var zip: ZipLimits {
        var z = ZipLimits()
        z.maxEntrySize = maxEntrySize
        z.maxTotalSize = maxTotalSize
        z.maxCompressionRatio = maxCompressionRatio
        z.ratioCheckThreshold = ratioCheckThreshold
        z.maxEntries = maxEntries
        return z
    }
}

/// The zip directory of an OOXML package (a workbook, a Word document), after
/// the checks every reader makes first: an empty file, and a file that is no
/// zip at all (an OLE file: `.xls`/`.doc` or encrypted; an image, a PDF, text)
/// get their own errors before the zip is read.
package func openPackage(_ source: ByteSource, limits: XLSXLimits) throws(XLSXError) -> ZipArchive {
    let file = source.name
    guard source.size > 0 else { throw .emptyFile(file: file) }
    let head = try zipped { () throws(ZipError) in try source.bytes(at: 0, count: Int(min(source.size, 512))) }
    switch FormatSniffer.kind(of: head) {
    case .zip: break
    case .ole: throw FormatSniffer.oleError(source)
    case let .other(kind): throw .notAWorkbook(file: file, detected: kind)
    }
    return try zipped { () throws(ZipError) in try ZipArchive(source: source, limits: limits.zip) }
}

/// One part's inflated bytes, every limit of ``EntryStream`` applied.
package final class PartStream: ChunkSource {
    private let inner: EntryStream
    package var entry: ZipEntry { inner.entry }

    package init(source: ByteSource, entry: ZipEntry, limits: XLSXLimits, budget: InflateBudget) throws(XLSXError) {
        inner = try zipped { () throws(ZipError) in try EntryStream(source: source, entry: entry, limits: limits.zip, budget: budget) }
    }

    package func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(XLSXError) -> Int {
        try zipped { () throws(ZipError) in try inner.read(into: buffer, capacity: capacity) }
    }

    package func readAll() throws(XLSXError) -> [UInt8] {
        try zipped { () throws(ZipError) in try inner.readAll() }
    }
}
