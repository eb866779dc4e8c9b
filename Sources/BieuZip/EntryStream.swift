import CZlibRaw

/// Counts inflated bytes across every entry one reader inflates.
public final class InflateBudget: @unchecked Sendable {
    public var total: Int64 = 0
    public init() {}
}

/// Streams the inflated bytes of one zip entry in chunks, straight from
/// zlib (raw deflate, `inflateInit2_` with -15 window bits) into the
/// caller's buffer.
///
/// Every chunk is checked against the limits as it is produced: the entry
/// may not inflate past its declared size (the header would be lying), past
/// the per-entry or total limit, or at a ratio above the limit once past the
/// ratio threshold. At the end the size and CRC-32 must match the directory.
public final class EntryStream {
    private let source: ByteSource
    public let entry: ZipEntry
    private let limits: ZipLimits
    private let budget: InflateBudget
    private var stream: UnsafeMutablePointer<z_stream>?
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 64 * 1024
    private var compressedRead: Int64 = 0
    public private(set) var produced: Int64 = 0
    private var crc: UInt = 0
    private var finished = false

    public init(source: ByteSource, entry: ZipEntry, limits: ZipLimits = .default, budget: InflateBudget = InflateBudget()) throws(ZipError) {
        // Checks come before any allocation: a throwing init that had set every
        // property would run `deinit`, which frees the buffers.
        let file = source.name
        if entry.flags & 0x01 != 0 { throw .encryptedEntry(file: file, entry: entry.name) }
        guard entry.method == 0 || entry.method == 8 else {
            throw .unsupportedCompression(file: file, entry: entry.name, method: entry.method)
        }
        if entry.method == 0 && entry.compressedSize != entry.uncompressedSize {
            throw .corrupt(file: file, entry: entry.name, defect: .storedSizeMismatch)
        }
        guard entry.uncompressedSize <= limits.maxEntrySize else {
            throw .entryTooLarge(file: file, entry: entry.name, size: entry.uncompressedSize, limit: limits.maxEntrySize)
        }
        let declaredRatio = entry.uncompressedSize / max(entry.compressedSize, 1)
        if entry.uncompressedSize > limits.ratioCheckThreshold, declaredRatio > limits.maxCompressionRatio {
            throw .compressionRatioExceeded(file: file, entry: entry.name, ratio: declaredRatio, limit: limits.maxCompressionRatio)
        }
        self.source = source
        self.entry = entry
        self.limits = limits
        self.budget = budget
        input = .allocate(capacity: inputCapacity)
        if entry.method == 8 {
            let zs = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            zs.initialize(to: z_stream())
            let rc = inflateInit2_(zs, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard rc == Z_OK else {
                zs.deinitialize(count: 1)
                zs.deallocate()
                throw .inflateFailed(file: file, entry: entry.name, offset: 0, reason: "inflateInit2 \(rc)")
            }
            stream = zs
        }
    }

    deinit {
        if let zs = stream {
            inflateEnd(zs)
            zs.deinitialize(count: 1)
            zs.deallocate()
        }
        input.deallocate()
    }

    /// Fills up to `capacity` bytes at `buffer`; returns the count, 0 at the end of the entry.
    public func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(ZipError) -> Int {
        if finished || capacity <= 0 { return 0 }
        let file = source.name
        let declared = entry.uncompressedSize
        // Never ask for more than one byte past the declared size: enough to catch a lying header.
        let room = declared - produced + 1
        let want = Int(min(Int64(capacity), room))
        var n = 0
        if let zs = stream {
            zs.pointee.next_out = buffer
            zs.pointee.avail_out = UInt32(want)
            // Bounded: each pass consumes input, produces output, or ends.
            while zs.pointee.avail_out > 0 {
                if zs.pointee.avail_in == 0 {
                    let left = entry.compressedSize - compressedRead
                    if left > 0 {
                        let chunk = Int(min(Int64(inputCapacity), left))
                        try source.read(at: entry.dataOffset + compressedRead, count: chunk, into: input)
                        compressedRead += Int64(chunk)
                        zs.pointee.next_in = input
                        zs.pointee.avail_in = UInt32(chunk)
                    }
                }
                let beforeOut = zs.pointee.avail_out
                let beforeIn = zs.pointee.avail_in
                let rc = inflate(zs, Z_NO_FLUSH)
                if rc == Z_STREAM_END {
                    finished = true
                    break
                }
                if rc == Z_OK || rc == Z_BUF_ERROR {
                    let progressed = beforeOut != zs.pointee.avail_out || beforeIn != zs.pointee.avail_in
                    if !progressed {
                        // More input will be read at the top of the loop; otherwise the stream is cut short.
                        if zs.pointee.avail_in == 0 && compressedRead < entry.compressedSize { continue }
                        throw .inflateFailed(file: file, entry: entry.name, offset: compressedRead,
                                             reason: "dữ liệu nén bị cắt cụt / compressed data is truncated")
                    }
                    continue
                }
                let consumed = compressedRead - Int64(zs.pointee.avail_in)
                let reason = zs.pointee.msg.map { String(cString: $0) } ?? "zlib \(rc)"
                throw .inflateFailed(file: file, entry: entry.name, offset: consumed, reason: reason)
            }
            n = want - Int(zs.pointee.avail_out)
        } else {
            let left = Int(min(Int64(want), entry.compressedSize - compressedRead))
            if left > 0 {
                try source.read(at: entry.dataOffset + compressedRead, count: left, into: buffer)
                compressedRead += Int64(left)
            }
            n = left
            if compressedRead >= entry.compressedSize { finished = true }
        }

        produced += Int64(n)
        budget.total += Int64(n)
        if produced > declared {
            throw .sizeMismatch(file: file, entry: entry.name, declared: declared, actual: produced)
        }
        if budget.total > limits.maxTotalSize {
            throw .totalSizeExceeded(file: file, size: budget.total, limit: limits.maxTotalSize)
        }
        if produced > limits.ratioCheckThreshold {
            let consumed = max(compressedRead - Int64(stream?.pointee.avail_in ?? 0), 1)
            if produced / consumed > limits.maxCompressionRatio {
                throw .compressionRatioExceeded(file: file, entry: entry.name, ratio: produced / consumed,
                                                limit: limits.maxCompressionRatio)
            }
        }
        if n > 0 { crc = crc32(crc, buffer, UInt32(n)) }
        if finished {
            if produced != declared {
                throw .sizeMismatch(file: file, entry: entry.name, declared: declared, actual: produced)
            }
            if UInt32(truncatingIfNeeded: crc) != entry.crc32 {
                throw .checksumMismatch(file: file, entry: entry.name)
            }
        }
        return n
    }

    /// Reads the whole entry (for small parts such as relationships).
    public func readAll() throws(ZipError) -> [UInt8] {
        var out: [UInt8] = []
        let chunk = 64 * 1024
        let tmp = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { tmp.deallocate() }
        while true {
            let n = try read(into: tmp, capacity: chunk)
            if n == 0 { break }
            out.append(contentsOf: UnsafeBufferPointer(start: tmp, count: n))
        }
        return out
    }
}
