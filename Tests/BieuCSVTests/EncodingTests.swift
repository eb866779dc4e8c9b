import Foundation
import Testing
@testable import BieuCSV
import BieuCore

/// Python's view of the code pages, and Windows-style Windows-1258 encoding:
/// a letter the code page lacks is written as base letter + combining tone
/// mark (`ế` → `ê` + U+0301), as WideCharToMultiByte does.
private let cp1258Script = """
import sys, unicodedata
TONES = set("\\u0300\\u0301\\u0303\\u0309\\u0323")
mode = sys.argv[1]
def enc(text):
    out = bytearray()
    for ch in text:
        if mode == "precomposed":
            try:
                out += ch.encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        marks = "".join(c for c in d if c in TONES)
        out += (base + marks).encode("cp1258")
    return bytes(out)
text = sys.stdin.buffer.read().decode("utf-8")
sys.stdout.buffer.write(enc(text))
"""

@Suite("Encodings")
struct EncodingTests {
    @Test func codePageTablesMatchPython() throws {
        let output = try External.python("""
        for enc in ("cp1252", "cp1258"):
            out = []
            for b in range(256):
                try:
                    out.append(str(ord(bytes([b]).decode(enc))))
                except UnicodeDecodeError:
                    out.append("-1")
            print(enc, " ".join(out))
        """)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let parts = line.split(separator: " ")
            let encoding: CSVEncoding = parts[0] == "cp1252" ? .windows1252 : .windows1258
            let table = encoding == .windows1252 ? CodePages.windows1252 : CodePages.windows1258
            #expect(parts.count == 257)
            for byte in 0..<256 {
                let python = Int(parts[byte + 1])!
                if python < 0 {
                    #expect(CodePages.isUndefined(UInt8(byte), in: encoding), "byte \(byte) in \(encoding)")
                    #expect(table[byte] == UInt32(byte), "undefined byte \(byte) decodes to its C1 control")
                } else {
                    #expect(table[byte] == UInt32(python), "byte \(byte) in \(encoding)")
                    #expect(!CodePages.isUndefined(UInt8(byte), in: encoding))
                }
            }
        }
    }

    @Test func windows1252InverseIsExact() {
        for byte in 0..<256 {
            #expect(CodePages.windows1252Byte(of: CodePages.windows1252[byte]) == UInt8(byte))
        }
        #expect(CodePages.windows1252Byte(of: 0x0103) == nil) // ă is not in Windows-1252
    }

    /// Files written by Python's cp1258 codec, both the way Windows writes
    /// them (precomposed where the code page has the letter) and with every
    /// tone as a combining mark.
    @Test(arguments: ["precomposed", "decomposed"])
    func windows1258FilesFromPython(_ mode: String) throws {
        let letters = VietnameseLetters.precomposed
        var rows = [["STT", "Chỉ tiêu", "Đơn vị tính"]]
        for (i, sentence) in Seeds.sentences.enumerated() { rows.append(["\(i + 1)", sentence, "Tỷ đồng"]) }
        for chunk in stride(from: 0, to: letters.count, by: 10) {
            rows.append(["chữ", letters[chunk..<min(chunk + 10, letters.count)].joined(separator: " "), "₫"])
        }
        let text = rows.map { $0.joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
        let bytes = try External.python(cp1258Script, [mode], stdin: Array(text.utf8))
        #expect(bytes.count < text.utf8.count)

        // Detected: not UTF-8, so Windows-1258 as Excel would, with a note.
        let doc = try CSVReader.read(bytes: bytes, name: "cp1258.csv")
        #expect(doc.encoding == .windows1258)
        #expect(doc.legacyConversion == nil)
        #expect(doc.delimiter == .semicolon)
        #expect(doc.notes.contains { $0.en.hasPrefix("The file is not UTF-8 (byte 0x") && $0.en.contains("line 1); read as Windows-1258 as Excel does") })
        let read = try records(bytes)
        #expect(read == rows)
        // Requested explicitly: the same text, without the note.
        let explicit = try CSVReader.read(bytes: bytes, name: "cp1258.csv", options: CSVReadOptions(encoding: .windows1258))
        #expect(explicit.sheet.cells == doc.sheet.cells)
        #expect(!explicit.notes.contains { $0.en.hasPrefix("The file is not UTF-8") })
        for cell in doc.sheet.cells {
            guard case let .string(s) = cell.value else { continue }
            #expect(Normalization.isCertainlyNFC(s) || s == s.precomposedStringWithCanonicalMapping)
        }
    }

    @Test func utf16LittleAndBigEndianWithByteOrderMark() throws {
        let text = "STT\tChỉ tiêu\tGhi chú\r\n1\tTổng số 😀\t\"a\tb\"\r\n"
        let output = try External.python("""
        import sys
        t = sys.stdin.buffer.read().decode("utf-8")
        sys.stdout.buffer.write(t.encode("utf-16") if sys.argv[1] == "le" else ("\\ufeff" + t).encode("utf-16-be"))
        """, ["le"], stdin: Array(text.utf8))
        #expect(Array(output.prefix(2)) == [0xFF, 0xFE])
        let le = try CSVReader.read(bytes: output, name: "le")
        #expect(le.encoding == .utf16LE)
        #expect(le.hadBOM)
        #expect(le.delimiter == .tab)
        #expect(try records(output) == [["STT", "Chỉ tiêu", "Ghi chú"], ["1", "Tổng số 😀", "a\tb"]])

        let be = try External.python("""
        import sys
        t = sys.stdin.buffer.read().decode("utf-8")
        sys.stdout.buffer.write(("\\ufeff" + t).encode("utf-16-be"))
        """, stdin: Array(text.utf8))
        #expect(Array(be.prefix(2)) == [0xFE, 0xFF])
        let bigEndian = try CSVReader.read(bytes: be, name: "be")
        #expect(bigEndian.encoding == .utf16BE)
        #expect(bigEndian.sheet.cells == le.sheet.cells)
    }

    @Test func utf16WithoutByteOrderMarkIsRecognised() throws {
        var bytes: [UInt8] = []
        for unit in "a,b,Tổng\r\nc,d,e\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let doc = try CSVReader.read(bytes: bytes, name: "x")
        #expect(doc.encoding == .utf16LE)
        #expect(!doc.hadBOM)
        #expect(doc.notes.contains { $0.en.contains("no byte-order mark but looks like UTF-16LE") })
        #expect(try records(bytes) == [["a", "b", "Tổng"], ["c", "d", "e"]])
    }

    @Test func utf16Errors() throws {
        // Odd length.
        var odd: [UInt8] = [0xFF, 0xFE]
        for unit in "a,b\nc".utf16 { odd += [UInt8(unit), 0] }
        odd.append(0x41)
        #expect(readError(odd) == .invalidUTF16(file: "test.csv", offset: 12, line: 2, problem: .oddLength))
        // Unpaired high surrogate on line 2, and a lone low surrogate.
        var lone: [UInt8] = [0xFF, 0xFE]
        for unit in "a\nb".utf16 { lone += [UInt8(unit), 0] }
        lone += [0x3D, 0xD8, 0x41, 0x00]
        #expect(readError(lone) == .invalidUTF16(file: "test.csv", offset: 8, line: 2, problem: .unpairedSurrogate(0xD83D)))
        let low: [UInt8] = [0xFE, 0xFF, 0x00, 0x41, 0xDC, 0x00]
        #expect(readError(low) == .invalidUTF16(file: "test.csv", offset: 4, line: 1, problem: .unpairedSurrogate(0xDC00)))
        #expect(readError(low)?.message(.vi).contains("U+DC00") == true)
    }

    @Test func invalidUTF8AfterByteOrderMarkNamesOffsetAndLine() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\nc,d\nx".utf8) + [0xE9] + Array("y,z\n".utf8)
        let error = readError(bytes)
        #expect(error == .invalidUTF8(file: "test.csv", offset: 13, line: 3, byte: 0xE9, claim: .byteOrderMark))
        #expect(error?.message(.vi) == "Tệp test.csv có dấu BOM của UTF-8 nhưng byte 0xE9 ở vị trí 13, dòng 3 không hợp lệ trong UTF-8. Tệp có thể bị hỏng hoặc bị ghép từ nhiều bảng mã; hãy lưu lại tệp từ Excel bằng \"CSV UTF-8\".")
        #expect(error?.byteOffset == 13)
        #expect(error?.line == 3)
        // The same bytes without the BOM fall back to Windows-1258 and say so.
        let fallback = try CSVReader.read(bytes: Array(bytes.dropFirst(3)), name: "x")
        #expect(fallback.encoding == .windows1258)
        #expect(fallback.notes.contains { $0.en == "The file is not UTF-8 (byte 0xE9 at offset 10, line 3); read as Windows-1258 as Excel does" })
        #expect(fallback.sheet.cells.last?.value == .string("z"))
        #expect(fallback.sheet.cell(at: CellAddress(row: 2, column: 0))?.value == .string("xéy"))
    }

    /// Issue 15 item 1: one Windows-1258 byte in a UTF-8 file made the whole
    /// file read as Windows-1258 (mojibake everywhere, exit 0). Now an error
    /// names the byte's offset, line and column; no guess.
    @Test func utf8WithAFewInvalidBytesIsAnErrorNotAGuess() throws {
        // "Hà Nội" in UTF-8, then `é` (0xE9) pasted from a Windows-1258 file, then more UTF-8.
        let bytes = Array("STT;Chỉ tiêu\n1;Hà Nội\n2;Caf".utf8) + [0xE9] + Array(" và Đạt\n".utf8)
        let error = readError(bytes)
        #expect(error == .mixedEncoding(file: "test.csv", offset: 33, line: 3, column: 6, byte: 0xE9, invalidBytes: 1, validCharacters: 7))
        #expect(error?.column == 6)
        #expect(error?.message(.en) == "test.csv is UTF-8 (7 accented characters read correctly) but holds 1 bytes that are not valid UTF-8, the first 0xE9 at offset 33, line 3, column 6; bieu does not guess an encoding, which would garble the correct letters. Fix those bytes or save the file again as \"CSV UTF-8\"; if you are sure the file uses another encoding, give it with --encoding.")
        // The caller who knows better says so, and gets what they asked for.
        let doc = try CSVReader.read(bytes: bytes, name: "x", options: CSVReadOptions(encoding: .windows1258))
        #expect(doc.encoding == .windows1258)
        // Streaming reads refuse the same way, before any record is delivered.
        var delivered = 0
        #expect(throws: CSVError.self) { try CSVReader.forEachRow(bytes: bytes, name: "x") { _, _ in delivered += 1 } }
        #expect(delivered == 0)
    }

    /// Legacy detection still reads files that are consistently Windows-1258:
    /// no valid multi-byte UTF-8 sequence beside the invalid bytes.
    @Test func consistentlyLegacyFileStillFallsBackWithANote() throws {
        let text = "STT;Chỉ tiêu;Đơn vị tính\r\n1;Tỷ lệ hộ nghèo;%\r\n2;Thu nhập bình quân;Triệu đồng\r\n"
        let bytes = try External.python(cp1258Encoder, stdin: Array(text.utf8))
        let doc = try CSVReader.read(bytes: bytes, name: "w.csv")
        #expect(doc.encoding == .windows1258)
        #expect(doc.sheet.cell(at: CellAddress(row: 1, column: 1))?.value == .string("Tỷ lệ hộ nghèo"))
        #expect(doc.notes.contains { $0.en.hasPrefix("The file is not UTF-8 (byte 0x") })
    }

    @Test func invalidUTF8WhenTheCallerAskedForUTF8() throws {
        let bytes = Array("a,b\n".utf8) + [0xC3, 0x28]
        #expect(readError(bytes, CSVReadOptions(encoding: .utf8)) == .invalidUTF8(file: "test.csv", offset: 4, line: 2, byte: 0xC3, claim: .caller))
    }

    @Test(arguments: [
        [0xC0, 0x80] as [UInt8],       // overlong NUL
        [0xE0, 0x80, 0x80],            // overlong
        [0xED, 0xA0, 0x80],            // surrogate
        [0xF4, 0x90, 0x80, 0x80],      // above U+10FFFF
        [0xF8, 0x88, 0x80, 0x80],      // 5-byte form
        [0x80],                        // lone continuation
        [0xE1, 0xBA],                  // truncated at the end of the file
    ])
    func malformedUTF8IsRejected(_ bad: [UInt8]) throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ok\n".utf8) + bad
        #expect(readError(bytes) == .invalidUTF8(file: "test.csv", offset: 6, line: 2, byte: bad[0], claim: .byteOrderMark))
    }

    @Test func byteOrderMarkConflicts() throws {
        let utf8 = [0xEF, 0xBB, 0xBF] + Array("a".utf8)
        #expect(readError(utf8, CSVReadOptions(encoding: .utf16LE)) == .byteOrderMarkConflict(file: "test.csv", found: .utf8, requested: .utf16LE))
        #expect(readError(utf8, CSVReadOptions(encoding: .windows1258)) == .byteOrderMarkConflict(file: "test.csv", found: .utf8, requested: .windows1258))
        // A matching BOM is skipped.
        let doc = try CSVReader.read(bytes: utf8, name: "x", options: CSVReadOptions(encoding: .utf8))
        #expect(doc.hadBOM)
        #expect(doc.sheet.cells.first?.value == .string("a"))
        #expect(readError([0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0]) == .unsupportedEncoding(file: "test.csv", name: "UTF-32LE"))
        #expect(readError([0, 0, 0xFE, 0xFF, 0, 0, 0, 0x41]) == .unsupportedEncoding(file: "test.csv", name: "UTF-32BE"))
    }

    @Test func utf8WithoutByteOrderMark() throws {
        let doc = try CSVReader.read(bytes: Array("Chỉ tiêu;Đơn vị\n1;2\n".utf8), name: "x")
        #expect(doc.encoding == .utf8)
        #expect(!doc.hadBOM)
        #expect(doc.notes.isEmpty)
        #expect(doc.info.summary.vi == "UTF-8 không BOM, phân cách bằng dấu chấm phẩy (;), 2 hàng")
        #expect(doc.info.summary.en == "UTF-8 without BOM, semicolon (;) delimited, 2 records")
    }

    /// The quick NFC test must only call text NFC when it is.
    @Test func inertRangesAreTrulyInert() throws {
        let output = try External.python("""
        import unicodedata
        ranges = [(0, 0x300), (0x1E00, 0x1F00), (0x2010, 0x2028), (0x2030, 0x203B), (0x20A0, 0x20C0)]
        chars = [chr(c) for a, b in ranges for c in range(a, b) if not (0xD800 <= c < 0xE000)]
        bases = [chr(c) for c in range(0x41, 0x5B)] + [chr(c) for c in range(0x61, 0x7B)] + chars[0xC0:0x250]
        bad = []
        for c in chars:
            if unicodedata.combining(c) != 0 or unicodedata.normalize("NFC", c) != c:
                bad.append(hex(ord(c)))
                continue
            for b in bases:
                if unicodedata.normalize("NFC", b + c) != b + c:
                    bad.append(hex(ord(c)))
                    break
        print(len(chars), " ".join(bad))
        """)
        let parts = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        #expect(Int(parts.first ?? "0")! > 1000)
        #expect(parts.count == 1, "not inert: \(parts.dropFirst())")
    }
}
