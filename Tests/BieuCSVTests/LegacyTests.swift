import Foundation
import Testing
@testable import BieuCSV
import BieuCore

@Suite("Legacy Vietnamese fonts")
struct LegacyTests {
    // MARK: Tables

    @Test func vietnameseAlphabetHas134PrecomposedLetters() {
        let letters = VietnameseLetters.precomposed
        #expect(letters.count == 134)
        #expect(Set(letters).count == 134)
        #expect(letters.allSatisfy { $0.unicodeScalars.count == 1 && $0.unicodeScalars.first!.value >= 0x80 })
        #expect(letters.contains("ự") && letters.contains("Ỵ") && letters.contains("Đ") && letters.contains("ẵ"))
        #expect(VietnameseLetters.info.count == 134)
    }

    /// glibc's TCVN5712-1 converter is an independent implementation of the
    /// same standard; VN3 is its lower-case part plus Ă Â Ê Ô Ơ Ư Đ.
    @Test func tcvn3TableMatchesIconv() throws {
        let bytes = LegacyVietnamese.tcvn3Table.map(\.0)
        #expect(bytes.count == 74)
        var input: [UInt8] = []
        for b in bytes { input += [b, 0x20] }
        let output = try External.run("iconv", ["-f", "TCVN5712-1", "-t", "UTF-8"], stdin: input)
        let iconvLetters = String(decoding: output, as: UTF8.self).split(separator: " ").map(String.init)
        let ours = bytes.map { String(Unicode.Scalar(LegacyVietnamese.tcvn3Decode[Int($0)])!) }
        #expect(iconvLetters == ours)
        // And the other way: our encoder agrees with iconv's for every letter VN3 has.
        let letters = ours.joined(separator: " ")
        let encoded = try External.run("iconv", ["-f", "UTF-8", "-t", "TCVN5712-1"], stdin: Array(letters.utf8))
        #expect(encoded == LegacyVietnamese.encode(letters, to: .tcvn3))
    }

    @Test func knownMojibake() {
        #expect(LegacyVietnamese.decode("Tæng sè", from: .tcvn3) == "Tổng số")
        #expect(LegacyVietnamese.decode("Ng\u{AD}êi ViÖt Nam", from: .tcvn3) == "Người Việt Nam")
        #expect(LegacyVietnamese.decode("§¶ng bé huyÖn", from: .tcvn3) == "Đảng bộ huyện")
        #expect(LegacyVietnamese.decode("Toång soá", from: .vni) == "Tổng số")
        #expect(LegacyVietnamese.decode("Ngöôøi Vieät Nam", from: .vni) == "Người Việt Nam")
        #expect(LegacyVietnamese.decode("Ñaûng boä huyeän", from: .vni) == "Đảng bộ huyện")
        #expect(LegacyVietnamese.decode("TOÅNG SOÁ", from: .vni) == "TỔNG SỐ")
        #expect(LegacyVietnamese.decode("kyû thuaät, ñaëc bieät, khuyeán khích, tieáng Vieät", from: .vni)
                == "kỹ thuật, đặc biệt, khuyến khích, tiếng Việt".replacingOccurrences(of: "kỹ", with: "kỷ"))
        #expect(LegacyVietnamese.decode(bytes: [0x54, 0xE6, 0x6E, 0x67], from: .tcvn3) == "Tổng")
    }

    @Test func everyLetterRoundTripsThroughVNI() {
        for letter in VietnameseLetters.precomposed {
            let bytes = LegacyVietnamese.encode(letter, to: .vni)
            #expect(!bytes.contains(0x3F), "\(letter) has no VNI form")
            #expect(LegacyVietnamese.decode(bytes: bytes, from: .vni) == letter, "\(letter) → \(bytes)")
            // In a word, and as text decoded from Windows-1252.
            let word = "ng" + letter + "n"
            let wordBytes = LegacyVietnamese.encode(word, to: .vni)
            let latin = String(String.UnicodeScalarView(wordBytes.map { Unicode.Scalar(CodePages.windows1252[Int($0)])! }))
            #expect(LegacyVietnamese.decode(latin, from: .vni) == word)
        }
        let all = VietnameseLetters.precomposed.joined()
        #expect(LegacyVietnamese.decode(bytes: LegacyVietnamese.encode(all, to: .vni), from: .vni) == all)
    }

    @Test func everyLetterRoundTripsThroughTCVN3() {
        let capitalsInVN3: Set<String> = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]
        var exact = 0
        for letter in VietnameseLetters.precomposed {
            let bytes = LegacyVietnamese.encode(letter, to: .tcvn3)
            #expect(bytes.count == 1 && bytes[0] >= 0xA1, "\(letter) → \(bytes)")
            let back = LegacyVietnamese.decode(bytes: bytes, from: .tcvn3)
            let isLower = letter == letter.lowercased()
            if isLower || capitalsInVN3.contains(letter) {
                #expect(back == letter)
                exact += 1
            } else {
                // VN3 has no capitals with tone marks: alone, they come back lower case…
                #expect(back == letter.lowercased())
                // …and in upper-case text, upper case.
                let word = "NG" + letter + "N"
                #expect(LegacyVietnamese.decode(bytes: LegacyVietnamese.encode(word, to: .tcvn3), from: .tcvn3) == word)
                let heading = "TỔNG SỐ " + letter
                #expect(LegacyVietnamese.decode(bytes: LegacyVietnamese.encode(heading, to: .tcvn3), from: .tcvn3) == heading)
            }
        }
        #expect(exact == 74)
        #expect(LegacyVietnamese.decode("TæNG Sè LIÖU", from: .tcvn3) == "TỔNG SỐ LIỆU")
        #expect(LegacyVietnamese.decode("Tæng sè liÖu GDP", from: .tcvn3) == "Tổng số liệu GDP")
    }

    @Test func unrepresentableCharactersBecomeQuestionMarks() {
        #expect(LegacyVietnamese.encode("a😀", to: .tcvn3) == [0x61, 0x3F])
        #expect(LegacyVietnamese.encode("aé", to: .vni) == [0x61, 0x65, 0xF9])
    }

    // MARK: Syllables

    @Test func seedWordsAreSyllables() throws {
        var words = 0, valid = 0
        var invalid: [String] = []
        for sentence in Seeds.sentences {
            for word in sentence.split(whereSeparator: { !$0.isLetter }) where word.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
                words += 1
                if VietnameseSyllable.isValid(word.unicodeScalars) { valid += 1 } else { invalid.append(String(word)) }
            }
        }
        #expect(words > 100)
        #expect(invalid.isEmpty, "not recognised: \(invalid)")
    }

    @Test func syllableRules() {
        for good in ["nghiêng", "khuếch", "nguyễn", "huỳnh", "khuya", "giữa", "gì", "quốc", "quý", "người", "ở", "uống", "thuở", "hoạch", "xoăn", "yêu", "Đảng", "TỔNG"] {
            #expect(VietnameseSyllable.isValid(good.unicodeScalars), "\(good)")
        }
        for bad in ["Tæng", "tỉng", "Kờỡ", "hóaà", "bàc", "fá", "ĐH", "café", "été"] {
            #expect(!VietnameseSyllable.isValid(bad.unicodeScalars), "\(bad)")
        }
    }

    // MARK: Detection in files

    private static func tcvn3Bytes(_ text: String) throws -> [UInt8] {
        // glibc's encoder, independent of ours.
        try External.run("iconv", ["-f", "UTF-8", "-t", "TCVN5712-1"], stdin: Array(text.utf8))
    }

    /// Seed sentences whose capitals VN3 can hold (glibc writes VN1 capitals otherwise).
    private static var tcvn3Sentences: [String] {
        Seeds.sentences.filter { s in
            s.allSatisfy { ch in !ch.isUppercase || ch.isASCII || ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"].contains(ch) }
        }
    }

    private static func table(_ sentences: [String]) -> String {
        var lines = ["STT;Chỉ tiêu;Đơn vị tính;Kế hoạch;Thực hiện"]
        for (i, s) in sentences.enumerated() { lines.append("\(i + 1);\(s);%;41,5;\(i)") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test func rawTCVN3BytesAreDetectedAndConverted() throws {
        let text = Self.table(Self.tcvn3Sentences)
        #expect(Self.tcvn3Sentences.count >= 15)
        let bytes = try Self.tcvn3Bytes(text)
        let doc = try CSVReader.read(bytes: bytes, name: "abc.csv")
        #expect(doc.legacyConversion == .tcvn3)
        #expect(doc.encoding == .windows1252)
        #expect(doc.delimiter == .semicolon)
        #expect(try records(bytes) == text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) })
        #expect(doc.notes.contains { $0.en.contains("typed with a TCVN3 (ABC) font") })
    }

    @Test func rawVNIBytesAreDetectedAndConverted() throws {
        let text = Self.table(Seeds.sentences)
        let bytes = LegacyVietnamese.encode(text, to: .vni)
        let doc = try CSVReader.read(bytes: bytes, name: "vni.csv")
        #expect(doc.legacyConversion == .vni)
        #expect(doc.encoding == .windows1252)
        #expect(try records(bytes) == text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) })
    }

    /// A sheet typed with a legacy font and saved by Excel as "CSV UTF-8":
    /// the file is valid UTF-8 of the Windows-1252 characters.
    @Test(arguments: [LegacyVietnameseEncoding.tcvn3, .vni])
    func legacyTextSavedAsUTF8(_ encoding: LegacyVietnameseEncoding) throws {
        let sentences = encoding == .tcvn3 ? Self.tcvn3Sentences : Seeds.sentences
        let text = Self.table(sentences)
        let legacyBytes = encoding == .tcvn3 ? try Self.tcvn3Bytes(text) : LegacyVietnamese.encode(text, to: .vni)
        let utf8 = try External.python("""
        import sys
        sys.stdout.buffer.write(sys.stdin.buffer.read().decode("cp1252").encode("utf-8-sig"))
        """, stdin: legacyBytes)
        let mojibake = String(decoding: utf8.dropFirst(3), as: UTF8.self)
        #expect(mojibake.contains(encoding == .tcvn3 ? "Tæng" : "Toång"))
        let doc = try CSVReader.read(bytes: utf8, name: "legacy-utf8.csv")
        #expect(doc.encoding == .utf8)
        #expect(doc.hadBOM)
        #expect(doc.legacyConversion == encoding)
        #expect(try records(utf8) == text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) })
    }

    /// A VNI sheet that Excel on Vietnamese Windows saved as plain "CSV":
    /// the Latin-1 characters go through Windows-1258, some as base letter +
    /// combining mark (õ → o + U+0303).
    @Test func vniTextSavedAsWindows1258() throws {
        let text = Self.table(Seeds.sentences)
        let vni = LegacyVietnamese.encode(text, to: .vni)
        let bytes = try External.python("""
        import sys, unicodedata
        t = sys.stdin.buffer.read().decode("cp1252")
        out = bytearray()
        for ch in t:
            try:
                out += ch.encode("cp1258")
            except UnicodeEncodeError:
                out += unicodedata.normalize("NFD", ch).encode("cp1258")
        sys.stdout.buffer.write(bytes(out))
        """, stdin: vni)
        #expect(bytes != vni)
        let doc = try CSVReader.read(bytes: bytes, name: "vni-1258.csv")
        #expect(doc.legacyConversion == .vni)
        #expect(doc.encoding == .windows1258)
        #expect(try records(bytes) == text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) })
    }

    @Test func genuineVietnameseIsNeverConverted() throws {
        let text = Self.table(Seeds.sentences)
        let utf8 = try CSVReader.read(bytes: Array(text.utf8), name: "u.csv")
        #expect(utf8.legacyConversion == nil)
        #expect(utf8.notes.isEmpty)
        let cp1258 = try External.python(cp1258Encoder, stdin: Array(text.utf8))
        let doc = try CSVReader.read(bytes: cp1258, name: "w.csv")
        #expect(doc.legacyConversion == nil)
        #expect(doc.encoding == .windows1258)
        #expect(!doc.notes.contains { $0.en.contains("font") })
        #expect(doc.sheet.cells == utf8.sheet.cells)
    }

    @Test func westernTextIsNotTakenForLegacy() throws {
        let text = "Nom;Ville;Remarque\r\nÉlodie Müller;Zürich;Très élevé, à vérifier\r\nJosé;Málaga;niño, añorado, café crème\r\n"
        let bytes = try External.python("import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode('utf-8').encode('cp1252'))", stdin: Array(text.utf8))
        let doc = try CSVReader.read(bytes: bytes, name: "fr.csv")
        #expect(doc.legacyConversion == nil)
        let utf8 = try CSVReader.read(bytes: Array(text.utf8), name: "fr.csv")
        #expect(utf8.legacyConversion == nil)
        #expect(try records(Array(text.utf8))[1] == ["Élodie Müller", "Zürich", "Très élevé, à vérifier"])
    }

    @Test func fewLegacyWordsAreReportedNotConverted() throws {
        var lines = ["STT;Chỉ tiêu"]
        for (i, s) in Seeds.sentences.enumerated() { lines.append("\(i + 1);\(s)") }
        lines.append("99;Tæng sè hé nghÌo")
        let text = lines.joined(separator: "\n") + "\n"
        let doc = try CSVReader.read(bytes: Array(text.utf8), name: "mixed.csv")
        #expect(doc.legacyConversion == nil)
        #expect(doc.notes.contains { $0.en.hasPrefix("Some text may have been typed with a TCVN3 (ABC) font") })
        #expect(doc.sheet.cells.last?.value == .string("Tæng sè hé nghÌo"))
        // Forcing the conversion converts the legacy field and keeps the Unicode ones.
        let forced = try CSVReader.read(bytes: Array(text.utf8), name: "mixed.csv", options: CSVReadOptions(legacy: .force(.tcvn3)))
        #expect(forced.legacyConversion == .tcvn3)
        #expect(forced.sheet.cells.last?.value == .string("Tổng số hộ nghèo"))
        #expect(forced.sheet.cell(at: CellAddress(row: 2, column: 1))?.value == .string(Seeds.sentences[1]))
        #expect(forced.notes.contains { $0.en.contains("fields were already Unicode and were kept") })
        // And turning detection off leaves everything as it is, without notes.
        let off = try CSVReader.read(bytes: Array(text.utf8), name: "mixed.csv", options: CSVReadOptions(legacy: .off))
        #expect(off.notes.isEmpty)
    }

    @Test func shortHeadingIsDetected() throws {
        let doc = try CSVReader.read(bytes: Array("TæNG Sè;Ghi chó\n".utf8), name: "h.csv")
        #expect(doc.legacyConversion == .tcvn3)
        #expect(doc.sheet.cells.map(\.value) == [.string("TỔNG SỐ"), .string("Ghi chú")])
    }
}

/// Windows-style Windows-1258 (precomposed where possible, else base + tone mark).
let cp1258Encoder = """
import sys, unicodedata
TONES = set("\\u0300\\u0301\\u0303\\u0309\\u0323")
out = bytearray()
for ch in sys.stdin.buffer.read().decode("utf-8"):
    try:
        out += ch.encode("cp1258")
    except UnicodeEncodeError:
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out += (base + "".join(c for c in d if c in TONES)).encode("cp1258")
sys.stdout.buffer.write(bytes(out))
"""
