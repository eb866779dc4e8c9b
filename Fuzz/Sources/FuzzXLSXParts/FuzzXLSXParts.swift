import BieuCore
import BieuXLSXReader

/// libFuzzer target for the XML layer: the input is split at the first two
/// NUL bytes into a worksheet, a shared string table and a styles part, which
/// are packed into a valid .xlsx (stored entries, correct CRC-32). Mutations
/// therefore reach the XML scanner and the sheet parser instead of stopping at
/// the zip layer's checksum.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXParts(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = input.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
    let sheet = parts.count > 0 ? parts[0] : []
    let strings = parts.count > 1 ? parts[1] : nil
    let styles = parts.count > 2 ? parts[2] : nil
    let bytes = StoredZip.workbook(sheet: sheet, sharedStrings: strings, styles: styles)
    var limits = XLSXLimits.default
    limits.maxTextBytes = 64 << 10
    do {
        let reader = try XLSXReader(bytes: bytes, name: "fuzz.xlsx", limits: limits)
        let workbook = try reader.readWorkbook()
        try reader.readSheet(at: 0) { _ in }
        _ = GridRendering.json(workbook, options: .init(cells: true))
        _ = GridRendering.text(workbook, options: .init(cells: true), language: .en)
    } catch let error as XLSXError {
        _ = error.message(.vi)
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}

/// Builds small zip archives with stored entries.
enum StoredZip {
    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func workbook(sheet: [UInt8], sharedStrings: [UInt8]?, styles: [UInt8]?) -> [UInt8] {
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
        var rels = "<Relationships xmlns=\"\(pkg)\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        var entries: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array("<Types/>".utf8)),
            ("_rels/.rels", Array("<Relationships xmlns=\"\(pkg)\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
            ("xl/workbook.xml", Array("<workbook xmlns:r=\"\(rel)\"><sheets><sheet name=\"Biểu 01\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        if let sharedStrings {
            rels += "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            entries.append(("xl/sharedStrings.xml", sharedStrings))
        }
        if let styles {
            rels += "<Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
            entries.append(("xl/styles.xml", styles))
        }
        entries.append(("xl/_rels/workbook.xml.rels", Array((rels + "</Relationships>").utf8)))

        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ a: inout [UInt8]) { a.append(UInt8(v & 0xFF)); a.append(UInt8((v >> 8) & 0xFF)) }
        func u32(_ v: UInt32, _ a: inout [UInt8]) { for k in 0..<4 { a.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
        for (name, data) in entries {
            let n = Array(name.utf8)
            let crc = crc32(data)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x800, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(data.count), &out); u32(UInt32(data.count), &out); u16(n.count, &out); u16(0, &out)
            out += n + data
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0x800, &central); u16(0, &central)
            u16(0, &central); u16(0x21, &central); u32(crc, &central); u32(UInt32(data.count), &central)
            u32(UInt32(data.count), &central); u16(n.count, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u32(0, &central); u32(offset, &central)
            central += n
        }
        let cd = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(cd, &out); u16(0, &out)
        return out
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzXLSXParts_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzXLSXParts)
}
