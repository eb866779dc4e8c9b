/// One file inside the zip, as the central directory describes it (and its
/// local header confirms).
public struct ZipEntry: Sendable {
    public var name: String
    public var method: Int
    public var flags: Int
    public var crc32: UInt32
    public var compressedSize: Int64
    public var uncompressedSize: Int64
    public var localHeaderOffset: Int64
    /// Offset of the entry's data, after the local header (set when the local header is checked).
    public var dataOffset: Int64 = 0
    /// MS-DOS time and date, and the attributes, as the directory records them (kept when an entry is copied).
    public var time: UInt16 = 0
    public var date: UInt16 = 0
    public var versionMadeBy: UInt16 = 20
    public var versionNeeded: UInt16 = 20
    public var internalAttributes: UInt16 = 0
    public var externalAttributes: UInt32 = 0
}

/// A zip container (an XLSX or .docx package): the central directory parsed and
/// validated, every local header checked against it, entry data ranges
/// checked to lie inside the file and not overlap.
///
/// Entries with unsafe names (absolute paths, `..` segments, backslashes,
/// drive letters) are ignored: they can never be looked up, and nothing is
/// ever written to disk.
public struct ZipArchive {
    public let source: ByteSource
    public private(set) var entries: [ZipEntry] = []
    /// Entry index by lower-cased name (OPC part names are case-insensitive).
    private var index: [String: Int] = [:]
    /// Names that were ignored as unsafe.
    public private(set) var ignoredNames: [String] = []

    public init(source: ByteSource, limits: ZipLimits = .default) throws(ZipError) {
        self.source = source
        let file = source.name
        let size = source.size
        guard size >= 22 else { throw .truncated(file: file) }

        // End of central directory: search the last 64 KiB + 22 bytes backwards.
        let tailLength = Int(min(size, 65_535 + 22))
        let tailStart = size - Int64(tailLength)
        let tail = try source.bytes(at: tailStart, count: tailLength)
        var eocd = -1
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50 && tail[i + 1] == 0x4B && tail[i + 2] == 0x05 && tail[i + 3] == 0x06 {
                let commentLength = Int(le16(tail, i + 20))
                if i + 22 + commentLength <= tail.count { eocd = i; break }
            }
            i -= 1
        }
        guard eocd >= 0 else { throw .truncated(file: file) }

        var diskNumber = Int64(le16(tail, eocd + 4))
        var cdDisk = Int64(le16(tail, eocd + 6))
        var entryCount = Int64(le16(tail, eocd + 10))
        var cdSize = Int64(le32(tail, eocd + 12))
        var cdOffset = Int64(le32(tail, eocd + 16))
        let eocdAbsolute = tailStart + Int64(eocd)

        // Zip64: the locator sits just before the end record.
        if entryCount == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF, eocdAbsolute >= 20 {
            let loc = try source.bytes(at: eocdAbsolute - 20, count: 20)
            if le32(loc, 0) == 0x0706_4B50 {
                let recordOffset = Int64(bitPattern: le64(loc, 8))
                guard recordOffset >= 0, recordOffset <= eocdAbsolute - 56 else {
                    throw .corrupt(file: file, entry: nil, defect: .badEndRecord)
                }
                let rec = try source.bytes(at: recordOffset, count: 56)
                guard le32(rec, 0) == 0x0606_4B50 else { throw .corrupt(file: file, entry: nil, defect: .badEndRecord) }
                diskNumber = Int64(le32(rec, 16))
                cdDisk = Int64(le32(rec, 20))
                let count64 = le64(rec, 32)
                let size64 = le64(rec, 40)
                let offset64 = le64(rec, 48)
                guard count64 <= UInt64(Int32.max), size64 <= UInt64(Int64.max), offset64 <= UInt64(Int64.max) else {
                    throw .corrupt(file: file, entry: nil, defect: .badEndRecord)
                }
                entryCount = Int64(count64)
                cdSize = Int64(size64)
                cdOffset = Int64(offset64)
            }
        }
        guard diskNumber == 0, cdDisk == 0 else { throw .corrupt(file: file, entry: nil, defect: .multiDisk) }
        guard entryCount <= Int64(limits.maxEntries) else {
            throw .corrupt(file: file, entry: nil, defect: .tooManyEntries(limit: limits.maxEntries))
        }
        guard cdOffset >= 0, cdSize >= 0, cdOffset <= eocdAbsolute, cdSize <= eocdAbsolute - cdOffset else {
            // A directory that points past the end record: the file was cut or is damaged.
            throw cdOffset > size ? .truncated(file: file) : .corrupt(file: file, entry: nil, defect: .badEndRecord)
        }
        // Each central record is at least 46 bytes, and at most 46 + 3 × 65,535.
        guard cdSize >= entryCount * 46, cdSize <= max(entryCount, 1) * (46 + 3 * 65_535), cdSize <= 64 << 20 else {
            throw .corrupt(file: file, entry: nil, defect: .badEndRecord)
        }

        let cd = try source.bytes(at: cdOffset, count: Int(cdSize))
        var p = 0
        var found: [ZipEntry] = []
        found.reserveCapacity(Int(entryCount))
        while p + 4 <= cd.count && le32(cd, p) == 0x0201_4B50 {
            guard found.count < limits.maxEntries else {
                throw .corrupt(file: file, entry: nil, defect: .tooManyEntries(limit: limits.maxEntries))
            }
            guard p + 46 <= cd.count else { throw .corrupt(file: file, entry: nil, defect: .badCentralDirectory) }
            let flags = Int(le16(cd, p + 8))
            let method = Int(le16(cd, p + 10))
            let crc = le32(cd, p + 16)
            var csize = Int64(le32(cd, p + 20))
            var usize = Int64(le32(cd, p + 24))
            let nameLength = Int(le16(cd, p + 28))
            let extraLength = Int(le16(cd, p + 30))
            let commentLength = Int(le16(cd, p + 32))
            var localOffset = Int64(le32(cd, p + 42))
            let end = p + 46 + nameLength + extraLength + commentLength
            guard end <= cd.count else { throw .corrupt(file: file, entry: nil, defect: .badCentralDirectory) }
            let nameBytes = cd[(p + 46)..<(p + 46 + nameLength)]
            let name = String(decoding: nameBytes, as: UTF8.self)
            // Zip64 extended information.
            if csize == 0xFFFF_FFFF || usize == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                var e = p + 46 + nameLength
                let extraEnd = e + extraLength
                while e + 4 <= extraEnd {
                    let id = le16(cd, e)
                    let length = Int(le16(cd, e + 2))
                    guard e + 4 + length <= extraEnd else { break }
                    if id == 0x0001 {
                        var q = e + 4
                        func next() -> Int64? {
                            guard q + 8 <= e + 4 + length else { return nil }
                            let v = le64(cd, q)
                            q += 8
                            return v <= UInt64(Int64.max) ? Int64(v) : nil
                        }
                        if usize == 0xFFFF_FFFF { guard let v = next() else { break }; usize = v }
                        if csize == 0xFFFF_FFFF { guard let v = next() else { break }; csize = v }
                        if localOffset == 0xFFFF_FFFF { guard let v = next() else { break }; localOffset = v }
                    }
                    e += 4 + length
                }
            }
            found.append(ZipEntry(name: name, method: method, flags: flags, crc32: crc, compressedSize: csize,
                                  uncompressedSize: usize, localHeaderOffset: localOffset, time: le16(cd, p + 12), date: le16(cd, p + 14),
                                  versionMadeBy: le16(cd, p + 4), versionNeeded: le16(cd, p + 6),
                                  internalAttributes: le16(cd, p + 36), externalAttributes: le32(cd, p + 38)))
            p = end
        }
        guard Int64(found.count) == entryCount else {
            throw .corrupt(file: file, entry: nil, defect: .entryCountMismatch(announced: Int(entryCount), found: found.count))
        }

        // Local headers: present, consistent, data inside the file before the directory.
        for k in found.indices {
            let entry = found[k]
            guard entry.localHeaderOffset >= 0, entry.localHeaderOffset <= cdOffset - 30 else {
                throw .corrupt(file: file, entry: entry.name, defect: .dataOutOfBounds)
            }
            let header = try source.bytes(at: entry.localHeaderOffset, count: 30)
            guard le32(header, 0) == 0x0403_4B50 else {
                throw .corrupt(file: file, entry: entry.name, defect: .localHeaderMismatch)
            }
            let localMethod = Int(le16(header, 8))
            let localNameLength = Int(le16(header, 26))
            let localExtraLength = Int(le16(header, 28))
            let dataOffset = entry.localHeaderOffset + 30 + Int64(localNameLength) + Int64(localExtraLength)
            guard dataOffset <= cdOffset, entry.compressedSize <= cdOffset - dataOffset else {
                throw .corrupt(file: file, entry: entry.name, defect: .dataOutOfBounds)
            }
            let localName = try source.bytes(at: entry.localHeaderOffset + 30, count: localNameLength)
            guard localMethod == entry.method, localName.elementsEqual(entry.name.utf8) else {
                throw .corrupt(file: file, entry: entry.name, defect: .localHeaderMismatch)
            }
            // Without a data descriptor (flag bit 3) the local sizes must agree (0xFFFFFFFF: zip64, in the extra field).
            if entry.flags & 0x08 == 0 {
                let lc = Int64(le32(header, 18)), lu = Int64(le32(header, 22))
                let ok = (lc == entry.compressedSize || lc == 0xFFFF_FFFF) && (lu == entry.uncompressedSize || lu == 0xFFFF_FFFF)
                guard ok else { throw .corrupt(file: file, entry: entry.name, defect: .localHeaderMismatch) }
            }
            found[k].dataOffset = dataOffset
        }
        // No two entries may share bytes.
        let spans = found.map { ($0.localHeaderOffset, $0.dataOffset + $0.compressedSize, $0.name) }.sorted { $0.0 < $1.0 }
        if spans.count > 1 {
            for k in 1..<spans.count where spans[k].0 < spans[k - 1].1 {
                throw .corrupt(file: file, entry: spans[k].2, defect: .overlappingEntries)
            }
        }

        for entry in found {
            guard Self.isSafeName(entry.name) else {
                ignoredNames.append(entry.name)
                continue
            }
            let key = entry.name.lowercased()
            if index[key] != nil { throw .duplicateEntry(file: file, entry: entry.name) }
            index[key] = entries.count
            entries.append(entry)
        }
    }

    /// The entry with this part name (without a leading slash), case-insensitively.
    public func entry(named name: String) -> ZipEntry? {
        index[name.lowercased()].map { entries[$0] }
    }

    /// True for names that stay inside the archive: no absolute path, no
    /// `..` segment, no backslash, no drive letter, no NUL.
    public static func isSafeName(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.contains("\\") || name.contains("\0") { return false }
        let bytes = Array(name.utf8)
        if bytes.count >= 2 && bytes[1] == UInt8(ascii: ":") { return false }
        for segment in name.split(separator: "/", omittingEmptySubsequences: false) where segment == ".." || segment == "." {
            return false
        }
        return true
    }
}

@inline(__always) public func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
@inline(__always) public func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
}
@inline(__always) public func le64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32 }
