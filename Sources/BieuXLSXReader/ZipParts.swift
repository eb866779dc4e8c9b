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
