import BieuCore
import CZlibRaw
import Foundation

/// Changes made to a finished XLSX package that libxlsxwriter 1.1.4 cannot
/// write itself: `state="veryHidden"` on sheets and `<workbookProtection>`.
///
/// The package is the one libxlsxwriter has just written (a plain zip, no
/// zip64): its central directory is read, `xl/workbook.xml` is inflated,
/// edited and deflated again, and the package is rebuilt with every other
/// entry copied byte for byte. Sizes read from the file are still checked
/// before use.
struct XLSXPackagePatch {
    var veryHiddenSheets: [String] = []
    var lockStructure = false
    /// Hex legacy password verifier for the workbook structure, if any.
    var structurePassword: String?

    var isEmpty: Bool { veryHiddenSheets.isEmpty && !lockStructure }

    struct Failure: Error {
        var reason: Bilingual
        init(_ en: String, vi: String) { reason = Bilingual(vi: "không hoàn tất được tệp: \(vi)", en: "cannot finish the package: \(en)") }
    }

    static let workbookPart = "xl/workbook.xml"
    /// Largest package this step rewrites in memory.
    static let maxPackageSize = 1 << 31
    /// Largest `xl/workbook.xml` accepted (a few KB in practice).
    static let maxWorkbookPartSize = 16 << 20

    func apply(toFile path: String) throws(Failure) {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure("cannot read \(path)", vi: "không đọc được \(path)") }
        guard data.count < Self.maxPackageSize else { throw Failure("package too large to rewrite", vi: "tệp quá lớn") }
        let bytes = [UInt8](data)
        var entries = try ZipPackage.entries(bytes)
        guard let i = entries.firstIndex(where: { $0.name == Self.workbookPart }) else {
            throw Failure("\(Self.workbookPart) is missing", vi: "thiếu \(Self.workbookPart)")
        }
        let xmlBytes = try entries[i].content(bytes)
        guard let xml = String(bytes: xmlBytes, encoding: .utf8) else { throw Failure("\(Self.workbookPart) is not UTF-8", vi: "\(Self.workbookPart) không phải UTF-8") }
        let patched = try patchWorkbookXML(xml)
        try entries[i].replace(with: Array(patched.utf8))
        let out = ZipPackage.build(entries, from: bytes)
        guard FileManager.default.createFile(atPath: path, contents: Data(out)) else {
            throw Failure("cannot write \(path)", vi: "không ghi được \(path)")
        }
    }

    /// The workbook part with the sheet states and the structure protection applied.
    func patchWorkbookXML(_ xml: String) throws(Failure) -> String {
        var s = xml
        for name in veryHiddenSheets {
            let open = "<sheet name=\"\(Self.escapeAttribute(name))\""
            guard let start = s.range(of: open), let end = s.range(of: "/>", range: start.upperBound..<s.endIndex) else {
                throw Failure("sheet \"\(name)\" not found in \(Self.workbookPart)", vi: "không thấy trang tính \"\(name)\" trong \(Self.workbookPart)")
            }
            var element = String(s[start.lowerBound..<end.upperBound])
            if element.contains(" state=\"hidden\"") {
                element = element.replacingOccurrences(of: " state=\"hidden\"", with: " state=\"veryHidden\"")
            } else if !element.contains(" state=") {
                element = element.replacingOccurrences(of: open, with: open + " state=\"veryHidden\"")
            }
            s.replaceSubrange(start.lowerBound..<end.upperBound, with: element)
        }
        if lockStructure && !s.contains("<workbookProtection") {
            let password = structurePassword.map { " workbookPassword=\"\($0)\"" } ?? ""
            let element = "<workbookProtection\(password) lockStructure=\"1\"/>"
            // ECMA-376 order: fileVersion, fileSharing, workbookPr, workbookProtection, bookViews, sheets.
            guard let anchor = s.range(of: "<bookViews") ?? s.range(of: "<sheets") else {
                throw Failure("no <bookViews> or <sheets> in \(Self.workbookPart)", vi: "thiếu <bookViews>/<sheets> trong \(Self.workbookPart)")
            }
            s.insert(contentsOf: element, at: anchor.lowerBound)
        }
        return s
    }

    static func escapeAttribute(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// The entries of a plain zip file, enough to rebuild it with one entry replaced.
struct ZipPackage {
    struct Entry {
        var name: String
        var nameBytes: [UInt8]
        var versionMadeBy: UInt16
        var versionNeeded: UInt16
        var flags: UInt16
        var method: UInt16
        var time: UInt16
        var date: UInt16
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var internalAttributes: UInt16
        var externalAttributes: UInt32
        /// Where the entry's compressed bytes are in the original file.
        var dataOffset: Int
        /// Replacement compressed bytes, if the entry was changed.
        var replacement: [UInt8]?

        /// The entry's content, inflated.
        func content(_ file: [UInt8]) throws(XLSXPackagePatch.Failure) -> [UInt8] {
            let raw = Array(file[dataOffset..<(dataOffset + Int(compressedSize))])
            switch method {
            case 0: return raw
            case 8:
                guard Int(size) <= XLSXPackagePatch.maxWorkbookPartSize else {
                    throw .init("\(name) is too large", vi: "\(name) quá lớn")
                }
                return try Deflate.inflate(raw, size: Int(size), name: name)
            default:
                throw .init("\(name) uses compression method \(method)", vi: "\(name) dùng kiểu nén \(method)")
            }
        }

        mutating func replace(with content: [UInt8]) throws(XLSXPackagePatch.Failure) {
            let compressed = try Deflate.deflate(content, name: name)
            replacement = compressed
            method = 8
            crc = content.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, UInt32($0.count))) }
            compressedSize = UInt32(compressed.count)
            size = UInt32(content.count)
        }
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24 }

    static func entries(_ b: [UInt8]) throws(XLSXPackagePatch.Failure) -> [Entry] {
        let bad = XLSXPackagePatch.Failure("the zip directory is damaged", vi: "thư mục zip bị hỏng")
        guard b.count >= 22 else { throw bad }
        // End of central directory: the last signature within the final 64 KiB + 22 bytes.
        var eocd = -1
        var i = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while i >= lowest {
            if b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 0x05 && b[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw bad }
        let count = Int(u16(b, eocd + 10))
        let cdSize = Int(u32(b, eocd + 12))
        let cdOffset = Int(u32(b, eocd + 16))
        guard cdOffset <= eocd, cdSize <= eocd - cdOffset else { throw bad }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var p = cdOffset
        for _ in 0..<count {
            guard p + 46 <= eocd, u32(b, p) == 0x0201_4B50 else { throw bad }
            let nameLength = Int(u16(b, p + 28)), extraLength = Int(u16(b, p + 30)), commentLength = Int(u16(b, p + 32))
            guard p + 46 + nameLength + extraLength + commentLength <= eocd else { throw bad }
            let nameBytes = Array(b[(p + 46)..<(p + 46 + nameLength)])
            let local = Int(u32(b, p + 42))
            guard local + 30 <= cdOffset, u32(b, local) == 0x0403_4B50 else { throw bad }
            let dataOffset = local + 30 + Int(u16(b, local + 26)) + Int(u16(b, local + 28))
            let compressedSize = u32(b, p + 20)
            guard dataOffset <= cdOffset, Int(compressedSize) <= cdOffset - dataOffset else { throw bad }
            entries.append(Entry(name: String(decoding: nameBytes, as: UTF8.self), nameBytes: nameBytes,
                                 versionMadeBy: u16(b, p + 4), versionNeeded: u16(b, p + 6), flags: u16(b, p + 8),
                                 method: u16(b, p + 10), time: u16(b, p + 12), date: u16(b, p + 14), crc: u32(b, p + 16),
                                 compressedSize: compressedSize, size: u32(b, p + 24),
                                 internalAttributes: u16(b, p + 36), externalAttributes: u32(b, p + 38),
                                 dataOffset: dataOffset, replacement: nil))
            p += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// A new zip with the entries in order: local headers carry sizes and CRC (no data descriptors).
    static func build(_ entries: [Entry], from file: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(file.count + 1024)
        func put16(_ v: UInt16) { out.append(UInt8(v & 0xFF)); out.append(UInt8(v >> 8)) }
        func put32(_ v: UInt32) { for k in 0..<4 { out.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
        /// The fields local and central headers share, from "version needed" to the name length.
        func putCommonFields(_ e: Entry) {
            put16(e.versionNeeded)
            put16(e.flags & ~0x0008)
            put16(e.method)
            put16(e.time)
            put16(e.date)
            put32(e.crc)
            put32(e.compressedSize)
            put32(e.size)
            put16(UInt16(e.nameBytes.count))
        }
        var offsets: [UInt32] = []
        for e in entries {
            offsets.append(UInt32(out.count))
            put32(0x0403_4B50)
            putCommonFields(e)
            put16(0)
            out += e.nameBytes
            if let r = e.replacement { out += r } else { out += file[e.dataOffset..<(e.dataOffset + Int(e.compressedSize))] }
        }
        let cdStart = out.count
        for (e, offset) in zip(entries, offsets) {
            put32(0x0201_4B50)
            put16(e.versionMadeBy)
            putCommonFields(e)
            put16(0)
            put16(0)
            put16(0)
            put16(e.internalAttributes)
            put32(e.externalAttributes)
            put32(offset)
            out += e.nameBytes
        }
        let cdSize = out.count - cdStart
        put32(0x0605_4B50)
        put16(0)
        put16(0)
        put16(UInt16(entries.count))
        put16(UInt16(entries.count))
        put32(UInt32(cdSize))
        put32(UInt32(cdStart))
        put16(0)
        return out
    }
}

/// Raw deflate (no zlib header), as zip entries hold it.
enum Deflate {
    /// Runs one zlib call over the whole input into `output`: its return code and the bytes produced.
    private static func finish(_ stream: inout z_stream, _ input: [UInt8], into output: inout [UInt8],
                               _ step: (UnsafeMutablePointer<z_stream>) -> Int32) -> (Int32, Int) {
        var input = input
        return input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                let rc = step(&stream)
                return (rc, outBuf.count - Int(stream.avail_out))
            }
        }
    }

    static func deflate(_ input: [UInt8], name: String) throws(XLSXPackagePatch.Failure) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .init("cannot start compressing \(name)", vi: "không nén được \(name)")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let (rc, produced) = finish(&stream, input, into: &output) { CZlibRaw.deflate($0, Z_FINISH) }
        guard rc == Z_STREAM_END else { throw .init("cannot compress \(name)", vi: "không nén được \(name)") }
        return Array(output[0..<produced])
    }

    static func inflate(_ input: [UInt8], size: Int, name: String) throws(XLSXPackagePatch.Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .init("cannot start inflating \(name)", vi: "không giải nén được \(name)")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: max(size, 1))
        let (rc, produced) = finish(&stream, input, into: &output) { CZlibRaw.inflate($0, Z_FINISH) }
        guard rc == Z_STREAM_END, produced == size else { throw .init("\(name) does not inflate to its size", vi: "\(name) giải nén không đúng kích thước") }
        return Array(output[0..<produced])
    }
}
