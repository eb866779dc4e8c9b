import BieuZip
/// Recognises what a file is from its first bytes, so that a renamed PNG, an
/// old `.xls` or an encrypted workbook gets a message that says so.
package enum FormatSniffer {
    package enum Kind: Equatable {
        case zip
        case ole
        case other(DetectedFormat)
    }

    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Classifies a file by its leading bytes.
    package static func kind(of head: [UInt8]) -> Kind {
        func starts(_ p: [UInt8]) -> Bool { head.count >= p.count && Array(head[0..<p.count]) == p }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) || starts([0x50, 0x4B, 0x07, 0x08]) { return .zip }
        if starts(oleMagic) { return .ole }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return .other(.png) }
        if starts([0xFF, 0xD8, 0xFF]) { return .other(.jpeg) }
        if starts(Array("GIF8".utf8)) { return .other(.gif) }
        if starts(Array("%PDF".utf8)) { return .other(.pdf) }
        var body = head[...]
        if starts([0xEF, 0xBB, 0xBF]) { body = head[3...] }
        let trimmed = body.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if trimmed.first == UInt8(ascii: "<") { return .other(.xml) }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) { return .other(.text) }
        // Text: no NUL and mostly printable in the sample (a stray control
        // character inside a cell does not make a CSV file binary).
        if !body.isEmpty && !body.contains(0) {
            let control = body.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
            if control <= max(2, body.count / 200) { return .other(.text) }
        }
        return .other(.unknown)
    }

    /// Tells an encrypted OOXML package (stored inside an OLE compound file
    /// with `EncryptionInfo` and `EncryptedPackage` streams) from an old
    /// Excel 97-2003 workbook. Directory entry names are UTF-16LE, so the
    /// file is searched for those names; the search reads the file in
    /// bounded chunks.
    package static func oleError(_ source: ByteSource) -> XLSXError {
        let needles = ["EncryptedPackage", "EncryptionInfo"].map { name -> [UInt8] in
            var out: [UInt8] = []
            for u in name.utf16 { out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8)) }
            return out
        }
        let chunk = 1 << 20
        let overlap = 64
        var offset: Int64 = 0
        var carry: [UInt8] = []
        while offset < source.size {
            let n = Int(min(Int64(chunk), source.size - offset))
            guard let part = try? source.bytes(at: offset, count: n) else { break }
            let window = carry + part
            for needle in needles where contains(window, needle) {
                return .encryptedWorkbook(file: source.name)
            }
            carry = Array(window.suffix(overlap))
            offset += Int64(n)
        }
        return .legacyExcelFile(file: source.name)
    }

    private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count, let first = needle.first else { return false }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
