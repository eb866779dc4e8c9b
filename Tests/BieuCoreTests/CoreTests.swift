import Foundation
import Testing
@testable import BieuCore

@Suite("Vietnamese text")
struct VietnameseTextTests {
    @Test("the written-out fold table is the one computed from Unicode data, for every scalar it covers")
    func foldTable() {
        var letters = 0
        for v in UInt32(0xB0)...0x1F10 where FoldTable.base(v) != FoldTable.computedBase(v) {
            Issue.record("U+\(String(v, radix: 16, uppercase: true)): table \(String(describing: FoldTable.base(v))), computed \(String(describing: FoldTable.computedBase(v)))")
        }
        for v in UInt32(0xC0)...0x1EFF where FoldTable.base(v) != nil { letters += 1 }
        #expect(FoldTable.latin.utf8CodeUnitCount == 0x24F - 0xC0 + 1)
        #expect(FoldTable.latinExtendedAdditional.utf8CodeUnitCount == 0x1EFF - 0x1E00 + 1)
        #expect(letters > 400)
        #expect(FoldTable.base(0x1EC7) == UInt8(ascii: "e")) // ệ
        #expect(FoldTable.base(0x110) == UInt8(ascii: "d"))  // Đ
        #expect(FoldTable.base(0xD7) == nil)                 // ×
    }

    @Test("fold keys match hand-typed headers")
    func foldKey() {
        let key = VietnameseText.foldKey("Đơn vị tính")
        #expect(key == "don vi tinh")
        for variant in ["don vi tinh", "  ĐƠN  VỊ TÍNH ", "Đơn vị\ttính", "Đơn\nvị tính", "đơn-vị-tính", "Đơn vị tính:",
                        "Đơn vị tính".decomposedStringWithCanonicalMapping, "DON VI TINH"] {
            #expect(VietnameseText.foldKey(variant) == key, "\(variant)")
        }
        #expect(VietnameseText.foldKey("Chỉ tiêu") == VietnameseText.foldKey("Chi tiêu"))
        #expect(VietnameseText.foldKey("Tỷ lệ (%)") == "ty le %")
        #expect(VietnameseText.foldKey("Mức giảm tỷ suất sinh (‰)") == "muc giam ty suat sinh ‰")
        #expect(VietnameseText.foldKey("KH/năm 2024") == "kh/nam 2024")
        #expect(VietnameseText.foldKey("") == "")
        #expect(VietnameseText.foldKey("  ") == "")
    }

    @Test("NFC, byte for byte")
    func nfc() {
        let nfd = "Huyện ủy Tam Đường".decomposedStringWithCanonicalMapping
        let nfc = VietnameseText.nfc(nfd)
        #expect(Array(nfc.utf8) == Array("Huyện ủy Tam Đường".precomposedStringWithCanonicalMapping.utf8))
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        #expect(Array(VietnameseText.nfc(nfc).utf8) == Array(nfc.utf8))
        #expect(VietnameseText.nfc("ASCII only") == "ASCII only")
        #expect(Array(VietnameseText.nfc("e\u{0301}").utf8) == [0xC3, 0xA9])
    }
}

@Suite("Messages and languages")
struct LanguageTests {
    @Test("language resolution")
    func resolve() {
        #expect(Language.resolve(nil, environment: [:]) == .vi)
        #expect(Language.resolve("EN", environment: [:]) == .en)
        #expect(Language.resolve(nil, environment: ["BIEU_LANG": "en"]) == .en)
        #expect(Language.resolve("vi", environment: ["BIEU_LANG": "en"]) == .vi)
        #expect(Language.resolve("fr", environment: ["BIEU_LANG": "xx"]) == .vi)
    }

    @Test("bilingual messages")
    func messages() {
        let e = BieuMessageError(vi: "Không đọc được tệp a.json", en: "Cannot read file a.json")
        #expect(e.message(.vi) == "Không đọc được tệp a.json")
        #expect(e.message(.en) == "Cannot read file a.json")
        #expect(e.description == e.message(.vi))
    }
}

@Suite("Grid")
struct GridTests {
    func sheet(_ refs: [String]) -> GridSheet {
        let cells = refs.map { GridCell(address: CellAddress(a1: $0)!, value: .string($0)) }.sorted { $0.address < $1.address }
        return GridSheet(name: "Biểu 01", cells: cells)
    }

    @Test("cell(at:) finds every cell and nothing else")
    func cellAt() {
        let refs = ["A1", "C1", "XFD1", "B2", "A3", "F12", "Z12", "A1048576", "XFD1048576"]
        let s = sheet(refs)
        for r in refs {
            #expect(s.cell(at: CellAddress(a1: r)!)?.value == .string(r), "\(r)")
        }
        for r in ["B1", "A2", "C2", "F11", "F13", "AA12", "B1048576"] {
            #expect(s.cell(at: CellAddress(a1: r)!) == nil, "\(r)")
        }
        #expect(GridSheet(name: "empty").cell(at: CellAddress(row: 0, column: 0)) == nil)
        #expect(s.cell(at: CellAddress(row: 2_000_000, column: 0)) == nil)
    }

    @Test("rows() groups row-major cells by row")
    func rows() {
        let s = sheet(["A1", "C1", "B2", "A3", "B3", "C3"])
        let rows = s.rows()
        #expect(rows.map(\.row) == [0, 1, 2])
        #expect(rows.map { $0.cells.count } == [2, 1, 3])
        #expect(GridSheet(name: "x").rows().isEmpty)
    }

    @Test("value type names")
    func typeNames() {
        let values: [GridValue] = [.string("a"), .number("1"), .boolean(true), .date(serial: "45000", date1904: false), .error("#N/A"),
                                   .formulaWithoutValue, .empty]
        #expect(values.map(\.typeName) == ["string", "number", "boolean", "date", "error", "formula-without-value", "empty"])
    }
}
