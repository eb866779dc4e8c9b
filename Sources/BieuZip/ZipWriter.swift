import CZlibRaw

/// Builds a plain zip package (no zip64; local headers carry sizes and CRC, no
/// data descriptors) in memory: new entries deflated, or entries of a package
/// read with ``ZipArchive`` copied byte for byte.
public struct ZipWriter {
    /// Name of the file being written, for messages.
    public let file: String
    private var out: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    public init(file: String) { self.file = file }

    /// Adds an entry, deflated (MS-DOS date 1980-01-01, so the same content gives the same bytes).
    public mutating func add(_ name: String, _ content: [UInt8]) throws(ZipError) {
        guard let compressed = Deflate.deflate(content) else { throw .cannotWrite(file: file, entry: name) }
        var entry = ZipEntry(name: name, method: 8, flags: 0, crc32: Deflate.crc32(content), compressedSize: Int64(compressed.count),
                             uncompressedSize: Int64(content.count), localHeaderOffset: 0)
        entry.date = 0x0021
        try append(entry, data: compressed)
    }

    /// Copies an entry of another package as it is stored there (its compressed bytes, CRC and attributes).
    public mutating func copy(_ entry: ZipEntry, from source: ByteSource) throws(ZipError) {
        try append(entry, data: try source.bytes(at: entry.dataOffset, count: Int(entry.compressedSize)))
    }

    private mutating func append(_ e: ZipEntry, data: [UInt8]) throws(ZipError) {
        let name = Array(e.name.utf8)
        guard e.compressedSize < 0xFFFF_FFFF, e.uncompressedSize < 0xFFFF_FFFF, out.count + data.count + name.count + 30 < 0xFFFF_FFFF,
              name.count <= 0xFFFF, count < 0xFFFF else {
            throw .cannotWrite(file: file, entry: e.name)
        }
        let offset = UInt32(out.count)
        /// The fields local and central headers share, from "version needed" to the name length.
        func common(_ b: inout [UInt8]) {
            Self.put16(&b, e.versionNeeded)
            Self.put16(&b, UInt16(e.flags) & ~0x0008)
            Self.put16(&b, UInt16(e.method))
            Self.put16(&b, e.time)
            Self.put16(&b, e.date)
            Self.put32(&b, e.crc32)
            Self.put32(&b, UInt32(e.compressedSize))
            Self.put32(&b, UInt32(e.uncompressedSize))
            Self.put16(&b, UInt16(name.count))
        }
        Self.put32(&out, 0x0403_4B50)
        common(&out)
        Self.put16(&out, 0)
        out += name
        out += data
        Self.put32(&central, 0x0201_4B50)
        Self.put16(&central, e.versionMadeBy)
        common(&central)
        for _ in 0..<3 { Self.put16(&central, 0) }
        Self.put16(&central, e.internalAttributes)
        Self.put32(&central, e.externalAttributes)
        Self.put32(&central, offset)
        central += name
        count += 1
    }

    /// The finished package.
    public func bytes() -> [UInt8] {
        var b = out
        let start = UInt32(b.count)
        b += central
        Self.put32(&b, 0x0605_4B50)
        Self.put16(&b, 0)
        Self.put16(&b, 0)
        Self.put16(&b, UInt16(count))
        Self.put16(&b, UInt16(count))
        Self.put32(&b, UInt32(central.count))
        Self.put32(&b, start)
        Self.put16(&b, 0)
        return b
    }

    static func put16(_ b: inout [UInt8], _ v: UInt16) { b.append(UInt8(v & 0xFF)); b.append(UInt8(v >> 8)) }
    static func put32(_ b: inout [UInt8], _ v: UInt32) { for k in 0..<4 { b.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
}

/// Raw deflate (no zlib header) of a whole buffer, as zip entries hold it.
public enum Deflate {
    public static func deflate(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        var input = input
        let (rc, produced) = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                let rc = CZlibRaw.deflate(&stream, Z_FINISH)
                return (rc, outBuf.count - Int(stream.avail_out))
            }
        }
        return rc == Z_STREAM_END ? Array(output[0..<produced]) : nil
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: CZlibRaw.crc32(0, $0.baseAddress, UInt32($0.count))) }
    }
}
