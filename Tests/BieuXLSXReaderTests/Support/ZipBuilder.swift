import CZlibRaw

/// Builds zip archives byte by byte, including broken and hostile ones.
struct ZipBuilder {
    struct Entry {
        var name: String
        var data: [UInt8]
        var deflate = true
        /// Overrides for lying headers.
        var declaredSize: UInt32?
        var crcOverride: UInt32?
        var flags: UInt16 = 0x0800
        var method: UInt16?
        /// Precompressed data (used as is, with `declaredSize`).
        var raw: [UInt8]?
    }

    var entries: [Entry] = []
    var trailingGarbage: [UInt8] = []

    mutating func add(_ name: String, _ text: String, deflate: Bool = true) {
        entries.append(Entry(name: name, data: Array(text.utf8), deflate: deflate))
    }

    mutating func add(_ entry: Entry) { entries.append(entry) }

    static func crc32Of(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
    }

    /// Raw deflate (no zlib header) at the given level.
    static func deflateRaw(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        var zs = z_stream()
        precondition(deflateInit2_(&zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&zs) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&zs, UInt(data.count))) + 64)
        var input = data
        let produced: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                zs.next_in = inp.baseAddress
                zs.avail_in = UInt32(inp.count)
                zs.next_out = o.baseAddress
                zs.avail_out = UInt32(o.count)
                let rc = deflate(&zs, Z_FINISH)
                precondition(rc == Z_STREAM_END)
                return o.count - Int(zs.avail_out)
            }
        }
        return Array(out[0..<produced])
    }

    /// A raw deflate stream of `prefix`, then `pattern` repeated to `count` bytes, then `suffix`
    /// (for bombs: produced in chunks, never held inflated).
    static func deflateRepeated(prefix: String = "", pattern: String, count: Int, suffix: String = "") -> [UInt8] {
        var zs = z_stream()
        precondition(deflateInit2_(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&zs) }
        let p = Array(pattern.utf8)
        let per = (1 << 20) / p.count
        var block = [UInt8]()
        for _ in 0..<per { block += p }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        func feed(_ data: [UInt8], _ flush: Int32) {
            var data = data
            data.withUnsafeMutableBufferPointer { z in
                zs.next_in = z.baseAddress
                zs.avail_in = UInt32(z.count)
                repeat {
                    chunk.withUnsafeMutableBufferPointer { c in
                        zs.next_out = c.baseAddress
                        zs.avail_out = UInt32(c.count)
                        _ = deflate(&zs, flush)
                        out.append(contentsOf: c[0..<(c.count - Int(zs.avail_out))])
                    }
                } while zs.avail_out == 0
            }
        }
        feed(Array(prefix.utf8), Z_NO_FLUSH)
        var left = count
        while left > 0 {
            let n = min(left, block.count)
            feed(Array(block[0..<n]), Z_NO_FLUSH)
            left -= n
        }
        feed(Array(suffix.utf8), Z_FINISH)
        return out
    }

    func build() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: UInt16, _ a: inout [UInt8]) { a.append(UInt8(v & 0xFF)); a.append(UInt8(v >> 8)) }
        func u32(_ v: UInt32, _ a: inout [UInt8]) { for k in 0..<4 { a.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
        for e in entries {
            let name = Array(e.name.utf8)
            let payload = e.raw ?? (e.deflate ? Self.deflateRaw(e.data) : e.data)
            let method: UInt16 = e.method ?? ((e.deflate || e.raw != nil) ? 8 : 0)
            let crc = e.crcOverride ?? Self.crc32Of(e.data)
            let usize = e.declaredSize ?? UInt32(e.data.count)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out); u16(20, &out); u16(e.flags, &out); u16(method, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(payload.count), &out); u32(usize, &out); u16(UInt16(name.count), &out); u16(0, &out)
            out += name
            out += payload
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(e.flags, &central); u16(method, &central)
            u16(0, &central); u16(0x21, &central); u32(crc, &central); u32(UInt32(payload.count), &central); u32(usize, &central)
            u16(UInt16(name.count), &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u32(0, &central); u32(offset, &central)
            central += name
        }
        let cdOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(UInt16(entries.count), &out); u16(UInt16(entries.count), &out)
        u32(UInt32(central.count), &out); u32(cdOffset, &out); u16(0, &out)
        out += trailingGarbage
        return out
    }
}
