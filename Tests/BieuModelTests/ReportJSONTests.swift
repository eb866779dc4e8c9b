import BieuCore
import Foundation
import Testing
@testable import BieuModel

/// A valid document that the error tests mutate in one place each.
let baseDocument = """
{
  "format": "bieu/1",
  "date": "2024-12-05",
  "period": {"kind": "year", "year": 2024},
  "tables": [
    {
      "id": "bieu-01",
      "template": "bieu-01",
      "rows": [
        {"id": "r0", "kind": "section", "stt": "A", "name": "CHỈ TIÊU KINH TẾ"},
        {"id": "r1", "name": "Thu nhập", "cells": {"kh_nam": "46"}},
        {"id": "r2", "name": "Tỷ lệ", "cells": {"kh_nam": {"text": "29,2%"}}},
        {"id": "r3", "name": "Sản lượng", "cells": {"kh_nam": {"text": "41.160", "type": "number", "value": 41160}}}
      ]
    }
  ]
}
"""

/// 1-based line and column (in characters) of the first occurrence of `needle`.
func position(of needle: String, in document: String, occurrence: Int = 1) -> (line: Int, column: Int) {
    var remaining = occurrence
    var searchStart = document.startIndex
    while let r = document.range(of: needle, range: searchStart..<document.endIndex) {
        remaining -= 1
        if remaining == 0 {
            let before = document[..<r.lowerBound]
            let line = before.filter { $0 == "\n" }.count + 1
            let lineStart = before.lastIndex(of: "\n").map { document.index(after: $0) } ?? document.startIndex
            return (line, document.unicodeScalars[lineStart..<r.lowerBound].count + 1)
        }
        searchStart = r.upperBound
    }
    fatalError("\(needle) not found in the test document")
}

func loadError(_ bytes: [UInt8]) -> ReportJSON.LoadError? {
    do {
        _ = try ReportJSON.decode(bytes)
        return nil
    } catch {
        return error
    }
}

@Suite("Canonical JSON: loading and saving")
struct ReportJSONTests {
    @Test("a canonical file loads and saves to the same bytes")
    func canonicalFixture() throws {
        let url = try fixtureURL("canonical-report", "json")
        let bytes = [UInt8](try Data(contentsOf: url))
        let report = try ReportJSON.load(path: url.path)
        let saved = ReportJSON.encode(report)
        #expect(String(decoding: saved, as: UTF8.self) == String(decoding: bytes, as: UTF8.self))
        let identical = saved == bytes
        #expect(identical, "saving the canonical fixture changed its bytes")
        // And what was loaded is what the file says.
        #expect(report.issuer == "Huyện ủy Tam Đường")
        #expect(report.date == ReportDate(year: 2024, month: 12, day: 5))
        #expect(report.term == Term(start: 2020, end: 2025))
        #expect(report.tables.map(\.id) == ["bieu-01", "bieu-02"])
        let t = try #require(report.table("bieu-01"))
        #expect(t.title.count == 2)
        #expect(t.rows.map(\.kind) == [.section, .indicator, .group, .indicator, .subIndicator, .bullet, .note])
        let r1 = try #require(t.row("b01-001"))
        #expect(r1.cells.columns == ["mt_nq", "kh_nam", "th_nam", "ss_kh"])
        #expect(r1.cells["kh_nam"]?.value == amb(num("41100"), num("41.1")))
        #expect(r1.cells["th_nam"]?.value == num("41160"))   // a decided ambiguous text
        #expect(r1.note == "Số liệu ước \"sơ bộ\"\nđến 30/11")
        let r3 = try #require(t.row("b01-003"))
        #expect(r3.direction == .lowerIsBetter)
        #expect(r3.cells["th_nam"]?.value == num("-0.5"))
        #expect(r3.cells["mt_nq"]?.value == bound(.less, "5", "%"))
        let r5 = try #require(t.row("b01-005"))
        #expect(r5.cells["ss_kh"]?.text == " ")
        #expect(r5.cells["ss_kh"]?.value == .empty)
    }

    @Test("bare strings and objects without type are read and written canonically")
    func canonicalisation() throws {
        let input = """
        {"format":"bieu/1","period":{"kind":"quarter","year":2025,"number":2},"tables":[{"id":"t","template":"bieu-02","rows":[
        {"id":"r","kind":"indicator","cells":{"a":"41.100","b":{"text":"29,2%"},"c":"Đạt","d":"","e":46}}]}]}
        """
        let report = try ReportJSON.decode(Array(input.utf8))
        let expected = """
        {
          "format": "bieu/1",
          "period": {"kind": "quarter", "year": 2025, "number": 2},
          "tables": [
            {
              "id": "t",
              "template": "bieu-02",
              "rows": [
                {
                  "id": "r",
                  "kind": "indicator",
                  "cells": {
                    "a": {"text": "41.100", "type": "ambiguous", "candidates": [{"type": "number", "value": 41100}, {"type": "number", "value": 41.1}]},
                    "b": {"text": "29,2%", "type": "percent", "value": 29.2},
                    "c": {"text": "Đạt", "type": "status", "status": "met"},
                    "e": {"text": "46", "type": "number", "value": 46}
                  }
                }
              ]
            }
          ]
        }

        """
        #expect(String(decoding: ReportJSON.encode(report), as: UTF8.self) == expected)
        let identical = ReportJSON.encode(report) == Array(expected.utf8)
        #expect(identical)
    }

    @Test("NFD text in the file is stored and written as NFC")
    func nfcOnLoad() throws {
        let nfd = "Huyện ủy Tam Đường".decomposedStringWithCanonicalMapping
        let input = "{\"format\":\"bieu/1\",\"issuer\":\"\(nfd)\",\"period\":{\"kind\":\"year\",\"year\":2024},\"tables\":[{\"id\":\"biểu\",\"template\":\"t\",\"rows\":[{\"id\":\"dòng\",\"cells\":{\"cột\":\"\(nfd)\"}}]}]}"
        let report = try ReportJSON.decode(Array(input.decomposedStringWithCanonicalMapping.utf8))
        #expect(sameBytes(report.issuer, "Huyện ủy Tam Đường"))
        #expect(sameBytes(report.tables[0].id, "biểu"))
        #expect(sameBytes(report.tables[0].rows[0].id, "dòng"))
        #expect(report.tables[0].rows[0].cells.columns.allSatisfy { sameBytes($0, "cột") })
        let out = String(decoding: ReportJSON.encode(report), as: UTF8.self)
        #expect(isNFC(out))
    }

    @Test("numbers are exact: 0.1, 41160, -0.5, 1e3, and 38-digit values")
    func exactNumbers() throws {
        func cellValue(_ text: String, _ literal: String) throws -> CellValue {
            let json = "{\"format\":\"bieu/1\",\"period\":{\"kind\":\"year\",\"year\":2024},\"tables\":[{\"id\":\"t\",\"template\":\"t\",\"rows\":[{\"id\":\"r\",\"cells\":{\"c\":{\"text\":\"\(text)\",\"type\":\"number\",\"value\":\(literal)}}}]}]}"
            let report = try ReportJSON.decode(Array(json.utf8))
            return try #require(report.tables[0].rows[0].cells["c"]).value
        }
        #expect(try cellValue("0,1", "0.1") == num("0.1"))
        #expect(try cellValue("41.160", "41160") == num("41160"))
        #expect(try cellValue("-0,5", "-0.5") == num("-0.5"))
        #expect(try cellValue("1000", "1e3") == num("1000"))
        #expect(try cellValue("1000", "1E+3") == num("1000"))
        #expect(try cellValue("0,0015", "1.5e-3") == num("0.0015"))
        #expect(try cellValue("0", "-0") == num("0"))
        let d38 = "12345678901234567890123456789012345678"
        #expect(try cellValue(d38, d38) == num(d38))
        // Written back without exponent, exactly.
        #expect(ReportJSON.literal(dec("0.1")) == "0.1")
        #expect(ReportJSON.literal(dec("1e3")) == "1000")
        #expect(ReportJSON.literal(dec("-0.5")) == "-0.5")
        #expect(ReportJSON.literal(dec("1e-30")) == "0.000000000000000000000000000001")
        // Out of Decimal's range, or more digits than it holds: refused, never rounded.
        for literal in ["1e400", "1e-400", "1e128", "1e-129", d38 + "99", String(repeating: "9", count: 39), "1234567890123456789012345678901234567890123456789", "1e99999999999999999999"] {
            let json = "{\"format\":\"bieu/1\",\"period\":{\"kind\":\"year\",\"year\":2024},\"tables\":[{\"id\":\"t\",\"template\":\"t\",\"rows\":[{\"id\":\"r\",\"cells\":{\"c\":{\"text\":\"5\",\"type\":\"number\",\"value\":\(literal)}}}]}]}"
            let error = try #require(loadError(Array(json.utf8)), "\(literal) was accepted")
            #expect(error.path == "$.tables[0].rows[0].cells.c.value" || error.path == "$", "\(literal): \(error.message(.en))")
            #expect(error.message(.en).contains("cannot be stored exactly") || error.message(.en).contains("too long"), "\(error.message(.en))")
        }
    }

    @Test("load(path:) names the file in its errors")
    func fileInMessage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bieu-json-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("báo cáo.json").path
        try Data("{\"format\": \"bieu/2\"}".utf8).write(to: URL(fileURLWithPath: file))
        do {
            _ = try ReportJSON.load(path: file)
            Issue.record("bieu/2 was accepted")
        } catch let error as ReportJSON.LoadError {
            #expect(error.file == file)
            #expect(error.message(.vi).hasPrefix("\(file):1:12: $.format: "))
            #expect(error.message(.en) == "\(file):1:12: $.format: unsupported format \"bieu/2\" (expected \"bieu/1\")")
        }
        let missing = dir.appendingPathComponent("không có.json").path
        do {
            _ = try ReportJSON.load(path: missing)
            Issue.record("a missing file loaded")
        } catch let error as any UserFacingError {
            #expect(error.message(.vi).contains(missing))
            #expect(error.message(.en).contains(missing))
        }
    }
}

@Suite("Canonical JSON: every kind of malformed input")
struct ReportJSONErrorTests {
    /// Checks path, line and column, and that both messages name them.
    func expectError(_ document: String, path: String, line: Int, column: Int, en: String, vi: String? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = loadError(Array(document.utf8)) else {
            Issue.record("the document loaded without error", sourceLocation: sourceLocation)
            return
        }
        #expect(error.path == path, sourceLocation: sourceLocation)
        #expect(error.line == line && error.column == column, "at \(error.line):\(error.column), expected \(line):\(column): \(error.message(.en))",
                sourceLocation: sourceLocation)
        let english = error.message(.en), vietnamese = error.message(.vi)
        #expect(english.hasPrefix("\(line):\(column): \(path): "), "\(english)", sourceLocation: sourceLocation)
        #expect(vietnamese.hasPrefix("\(line):\(column): \(path): "), "\(vietnamese)", sourceLocation: sourceLocation)
        #expect(english.contains(en), "\(english)", sourceLocation: sourceLocation)
        if let vi { #expect(vietnamese.contains(vi), "\(vietnamese)", sourceLocation: sourceLocation) }
        #expect(english != vietnamese, sourceLocation: sourceLocation)
    }

    /// The base document with `old` replaced by `new` fails to load at (the first letter of)
    /// the `occurrence`-th `marker` of the edited document, at `path`, with that message.
    func expectEditError(_ old: String, _ new: String, at marker: String, occurrence: Int = 1, path: String, en: String, vi: String? = nil,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        let document = replacing(old, new)
        let at = position(of: marker, in: document, occurrence: occurrence)
        expectError(document, path: path, line: at.line, column: at.column, en: en, vi: vi, sourceLocation: sourceLocation)
    }

    func replacing(_ old: String, _ new: String) -> String {
        precondition(baseDocument.contains(old), "\(old) is not in the base document")
        return baseDocument.replacingOccurrences(of: old, with: new)
    }

    @Test("the base document is valid")
    func baseIsValid() throws {
        let report = try ReportJSON.decode(Array(baseDocument.utf8))
        #expect(report.tables[0].rows.count == 4)
    }

    @Test("not JSON")
    func notJSON() {
        expectError("Báo cáo", path: "$", line: 1, column: 1, en: "unexpected character (byte 0x42 at byte offset 0)",
                    vi: "ký tự không hợp lệ")
        expectError("", path: "$", line: 1, column: 1, en: "unexpected end of input")
        expectError("<?xml version=\"1.0\"?>", path: "$", line: 1, column: 1, en: "unexpected character")
        expectError("{'format': 'bieu/1'}", path: "$", line: 1, column: 2, en: "expected a key in double quotes",
                    vi: "cần tên khoá trong dấu nháy kép")
    }

    @Test("truncated")
    func truncated() {
        // Cut inside the key "kind" of the first row.
        let cut = String(baseDocument[..<baseDocument.range(of: "\"ki")!.upperBound])
        let lines = cut.split(separator: "\n", omittingEmptySubsequences: false)
        expectError(cut, path: "$", line: lines.count, column: lines.last!.unicodeScalars.count + 1, en: "unterminated string")
        // Cut after every possible byte: always an error, never a crash.
        let bytes = Array(baseDocument.utf8)
        for n in 0..<bytes.count {
            #expect(loadError(Array(bytes.prefix(n))) != nil, "a prefix of \(n) bytes loaded")
        }
        expectError("{\"format\": \"bieu/1\"", path: "$", line: 1, column: 20, en: "unexpected end of input inside an object",
                    vi: "tệp kết thúc giữa một đối tượng")
        expectError("[1, 2", path: "$", line: 1, column: 6, en: "unexpected end of input inside an array")
        expectError("{\"format\": \"bieu", path: "$", line: 1, column: 17, en: "unterminated string", vi: "chuỗi chưa được đóng")
        expectError("{\"a\": tru", path: "$", line: 1, column: 7, en: "invalid literal")
        expectError("{\"a\": -", path: "$", line: 1, column: 8, en: "invalid number")
        expectError("{\"a\": \"\\u12", path: "$", line: 1, column: 10, en: "expected 4 hex digits")
    }

    @Test("trailing garbage")
    func trailing() {
        let lines = baseDocument.split(separator: "\n", omittingEmptySubsequences: false).count
        expectError(baseDocument + "\n}", path: "$", line: lines + 1, column: 1, en: "unexpected content after the end",
                    vi: "có nội dung thừa")
        expectError("{} {}", path: "$", line: 1, column: 4, en: "unexpected content after the end")
    }

    @Test("wrong type at a nested place")
    func wrongNestedType() {
        expectEditError("\"value\": 41160", "\"value\": \"41160\"", at: "\"41160\"", path: "$.tables[0].rows[3].cells.kh_nam.value",
                        en: "expected a number, found string", vi: "cần một số, gặp string")
        let doc2 = replacing("\"rows\": [", "\"rows\": {\"x\": [").replacingOccurrences(of: "41160}}}\n      ]", with: "41160}}}\n      ]}")
        let at2 = position(of: "{\"x\"", in: doc2)
        expectError(doc2, path: "$.tables[0].rows", line: at2.line, column: at2.column, en: "expected an array, found object")
        expectEditError("\"name\": \"Thu nhập\"", "\"name\": 7", at: "7, \"cells\"", path: "$.tables[0].rows[1].name", en: "expected a string, found number")
        expectEditError("\"year\": 2024", "\"year\": 2024.5", at: "2024.5", path: "$.period.year", en: "expected an integer", vi: "cần một số nguyên")
        expectEditError("{\"kh_nam\": \"46\"}", "[\"46\"]", at: "[\"46\"]", path: "$.tables[0].rows[1].cells", en: "expected an object of cells, found array")
        expectEditError("{\"kh_nam\": \"46\"}", "{\"kh_nam\": null}", at: "null", path: "$.tables[0].rows[1].cells.kh_nam", en: "expected an object, found null")
    }

    @Test("unknown key")
    func unknownKey() {
        expectEditError("\"name\": \"Tỷ lệ\"", "\"name\": \"Tỷ lệ\", \"colour\": \"red\"", at: "\"red\"", path: "$.tables[0].rows[2].colour",
                        en: "unknown key \"colour\" (allowed keys: cells, direction, id, kind, name, note, stt, unit)",
                        vi: "khoá không được hỗ trợ \"colour\"")
        expectEditError("{\"text\": \"29,2%\"}", "{\"text\": \"29,2%\", \"valeu\": 29.2}", at: "29.2", path: "$.tables[0].rows[2].cells.kh_nam.valeu", en: "unknown key \"valeu\"")
    }

    @Test("duplicate key")
    func duplicateKey() {
        expectEditError("\"id\": \"r2\", \"name\": \"Tỷ lệ\"", "\"id\": \"r2\", \"name\": \"Tỷ lệ\", \"name\": \"Khác\"", at: "\"name\"", occurrence: 4, path: "$", en: "duplicate key \"name\" in the same object",
                        vi: "khoá \"name\" bị lặp lại")
        // NFC and NFD spellings of one key are the same key.
        let nfd = "cột".decomposedStringWithCanonicalMapping
        let doc2 = replacing("{\"kh_nam\": \"46\"}", "{\"cột\": \"46\", \"\(nfd)\": \"47\"}")
        #expect(loadError(Array(doc2.utf8))?.message(.en).contains("duplicate key") == true)
    }

    @Test("missing required key")
    func missingKey() {
        expectEditError("{\"id\": \"r1\", \"name\": \"Thu nhập\"", "{\"name\": \"Thu nhập\"", at: "{\"name\": \"Thu nhập\"", path: "$.tables[0].rows[1]", en: "missing required key \"id\"",
                        vi: "thiếu khoá bắt buộc \"id\"")
        expectError("{\"period\": {\"kind\": \"year\", \"year\": 2024}}", path: "$", line: 1, column: 1, en: "missing required key \"format\"")
        expectError("{\"format\": \"bieu/1\"}", path: "$", line: 1, column: 1, en: "missing required key \"period\"")
        expectEditError("{\"text\": \"29,2%\"}", "{\"type\": \"percent\", \"value\": 29.2}", at: "{\"type\"", path: "$.tables[0].rows[2].cells.kh_nam", en: "missing required key \"text\"")
        expectEditError("\"type\": \"number\", \"value\": 41160", "\"type\": \"number\"", at: "{\"text\": \"41.160\"", path: "$.tables[0].rows[3].cells.kh_nam", en: "missing required key \"value\"")
        expectEditError("\"template\": \"bieu-01\",", "", at: "{\n      \"id\"", path: "$.tables[0]", en: "missing required key \"template\"")
    }

    @Test("unsupported format")
    func unsupportedFormat() {
        let doc = replacing("\"bieu/1\"", "\"bieu/2\"")
        expectError(doc, path: "$.format", line: 2, column: 13, en: "unsupported format \"bieu/2\" (expected \"bieu/1\")",
                    vi: "phiên bản định dạng \"bieu/2\" không được hỗ trợ")
        expectError(replacing("\"bieu/1\"", "1"), path: "$.format", line: 2, column: 13, en: "expected a string, found number")
    }

    @Test("invalid dates", arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-05", "24-12-05", "+024-12-05",
                                       "2024-+1-05", "2024/12/05", "05/12/2024", "2024-12-05T00:00", "", "0000-01-01"])
    func invalidDate(_ date: String) {
        let doc = replacing("\"2024-12-05\"", "\"\(date)\"")
        expectError(doc, path: "$.date", line: 3, column: 11, en: "invalid date \"\(date)\" (expected YYYY-MM-DD)",
                    vi: "ngày không hợp lệ")
    }

    @Test("leap days that exist are accepted")
    func leapDays() throws {
        for date in ["2024-02-29", "2000-02-29", "1600-02-29"] {
            let report = try ReportJSON.decode(Array(replacing("\"2024-12-05\"", "\"\(date)\"").utf8))
            #expect(report.date?.iso == date)
        }
        #expect(loadError(Array(replacing("\"2024-12-05\"", "\"1900-02-29\"").utf8)) != nil)
    }

    @Test("invalid kind, status, relation, period, direction, type")
    func invalidEnums() {
        expectEditError("\"kind\": \"section\"", "\"kind\": \"chapter\"", at: "\"chapter\"", path: "$.tables[0].rows[0].kind",
                        en: "invalid row kind \"chapter\" (allowed: section, group, indicator, sub_indicator, bullet, note)",
                        vi: "loại dòng không hợp lệ")
        expectEditError("{\"kh_nam\": \"46\"}", "{\"kh_nam\": {\"text\": \"Đạt\", \"type\": \"status\", \"status\": \"passed\"}}", at: "\"passed\"", path: "$.tables[0].rows[1].cells.kh_nam.status",
                        en: "invalid status \"passed\"", vi: "trạng thái không hợp lệ")
        expectEditError("{\"kh_nam\": \"46\"}", "{\"kh_nam\": {\"text\": \">90\", \"type\": \"bound\", \"relation\": \"≥\", \"value\": 90}}", at: "\"≥\"", path: "$.tables[0].rows[1].cells.kh_nam.relation",
                        en: "invalid relation \"≥\" (allowed: >, >=, <, <=)", vi: "quan hệ không hợp lệ")
        let doc4 = replacing("\"kind\": \"year\"", "\"kind\": \"decade\"")
        expectError(doc4, path: "$.period.kind", line: 4, column: 22, en: "invalid period kind \"decade\"", vi: "loại kỳ báo cáo không hợp lệ")
        let doc5 = replacing("\"kind\": \"year\"", "\"kind\": \"quarter\"")
        expectError(doc5, path: "$.period", line: 4, column: 13, en: "a quarter period needs \"number\" between 1 and 4")
        let doc6 = replacing("\"kind\": \"year\"", "\"kind\": \"quarter\", \"number\": 5")
        expectError(doc6, path: "$.period", line: 4, column: 13, en: "a quarter period needs \"number\" between 1 and 4")
        expectEditError("\"name\": \"Thu nhập\"", "\"name\": \"Thu nhập\", \"direction\": \"down\"", at: "\"down\"", path: "$.tables[0].rows[1].direction", en: "invalid direction \"down\"")
        expectEditError("\"type\": \"number\"", "\"type\": \"integer\"", at: "\"integer\"", path: "$.tables[0].rows[3].cells.kh_nam.type",
                        en: "invalid value type \"integer\"", vi: "kiểu giá trị không hợp lệ")
        expectEditError("\"year\": 2024}", "\"year\": 2024}, \"term\": {\"start\": 2025, \"end\": 2020}", at: "{\"start\"", path: "$.term", en: "term start is after its end")
        expectEditError("{\"id\": \"r1\"", "{\"id\": \"\"", at: "\"\", \"name\": \"Thu", path: "$.tables[0].rows[1].id", en: "row id must not be empty")
    }

    @Test("a type that disagrees with its text is refused; an ambiguous candidate is a decision and loads")
    func typeAgainstText() throws {
        expectEditError("\"value\": 41160", "\"value\": 41.1", at: "{\"text\": \"41.160\"", path: "$.tables[0].rows[3].cells.kh_nam",
                        en: "the value does not match the text \"41.160\" (the text reads as ambiguous)",
                        vi: "giá trị không khớp với chữ \"41.160\"")
        let doc2 = replacing("\"type\": \"number\", \"value\": 41160", "\"type\": \"percent\", \"value\": 41160")
        #expect(loadError(Array(doc2.utf8)) != nil)
        let doc3 = replacing("{\"text\": \"29,2%\"}", "{\"text\": \"29,2%\", \"type\": \"text\"}")
        // The text uninterpreted is always a reading of it (a `kind: text` column keeps what was written).
        #expect(loadError(Array(doc3.utf8)) == nil)
        let doc4 = replacing("{\"text\": \"29,2%\"}", "{\"text\": \"Đạt\", \"type\": \"status\", \"status\": \"exceeded\"}")
        #expect(loadError(Array(doc4.utf8))?.message(.en).contains("reads as status") == true)
        // Candidates in the wrong order are not the text's reading either.
        let doc5 = replacing("\"type\": \"number\", \"value\": 41160",
                             "\"type\": \"ambiguous\", \"candidates\": [{\"type\": \"number\", \"value\": 41.16}, {\"type\": \"number\", \"value\": 41160}]")
        #expect(loadError(Array(doc5.utf8)) != nil)

        // The decimal-point candidate, chosen by a person, loads and is kept.
        let chosen = replacing("\"value\": 41160", "\"value\": 41.16")
        let report = try ReportJSON.decode(Array(chosen.utf8))
        #expect(report.tables[0].rows[3].cells["kh_nam"]?.value == num("41.16"))
        let again = try ReportJSON.decode(ReportJSON.encode(report))
        #expect(again.tables[0].rows[3].cells["kh_nam"]?.value == num("41.16"))
        // The full ambiguous reading loads too.
        let full = replacing("\"type\": \"number\", \"value\": 41160",
                             "\"type\": \"ambiguous\", \"candidates\": [{\"type\": \"number\", \"value\": 41160}, {\"type\": \"number\", \"value\": 41.16}]")
        #expect(try ReportJSON.decode(Array(full.utf8)).tables[0].rows[3].cells["kh_nam"]?.value == amb(num("41160"), num("41.16")))
    }

    @Test("duplicate row id and duplicate table id")
    func duplicateIDs() {
        expectEditError("{\"id\": \"r2\"", "{\"id\": \"r1\"", at: "\"r1\"", occurrence: 2, path: "$.tables[0].rows[2].id", en: "duplicate row id \"r1\" in the table",
                        vi: "mã dòng \"r1\" bị trùng")
        let table = "{\"id\": \"bieu-01\", \"template\": \"x\"}"
        expectEditError("\n    }\n  ]", "\n    },\n    \(table)\n  ]", at: "\"bieu-01\"", occurrence: 3, path: "$.tables[1].id", en: "duplicate table id \"bieu-01\"",
                        vi: "mã biểu \"bieu-01\" bị trùng")
        // The same id in NFC and NFD is the same id.
        let nfd = "dòng".decomposedStringWithCanonicalMapping
        let doc3 = replacing("{\"id\": \"r1\"", "{\"id\": \"dòng\"").replacingOccurrences(of: "{\"id\": \"r2\"", with: "{\"id\": \"\(nfd)\"")
        #expect(loadError(Array(doc3.utf8))?.message(.en).contains("duplicate row id") == true)
    }

    @Test("invalid UTF-8 names the byte offset")
    func invalidUTF8() {
        let prefix = Array("{\"format\": \"bieu/1\", \"issuer\": \"Huy".utf8)
        for bad: [UInt8] in [[0xFF], [0xC3], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]] {
            let bytes = prefix + bad + Array("\"}".utf8)
            let error = loadError(bytes)
            #expect(error?.path == "$")
            #expect(error?.message(.en).contains("byte offset \(prefix.count)") == true, "\(bad): \(error?.message(.en) ?? "loaded")")
            #expect(error?.message(.vi).contains("vị trí byte \(prefix.count)") == true, "\(bad): \(error?.message(.vi) ?? "loaded")")
        }
        // Outside strings too.
        let error = loadError([0x5B, 0x20, 0xFE])
        #expect(error?.message(.en).contains("byte 0xFE at byte offset 2") == true)
    }

    @Test("surrogate escapes")
    func surrogates() throws {
        for escape in ["\\ud800", "\\udc00", "\\ud800x", "\\ud800\\u0041", "\\udbff\\ud800"] {
            let doc = "{\"format\": \"bieu/1\", \"issuer\": \"\(escape)\", \"period\": {\"kind\": \"year\", \"year\": 2024}}"
            let error = loadError(Array(doc.utf8))
            #expect(error?.message(.en).contains("surrogate") == true, "\(escape): \(error?.message(.en) ?? "loaded")")
            #expect(error?.message(.vi).contains("surrogate") == true)
        }
        let doc = "{\"format\": \"bieu/1\", \"issuer\": \"\\ud83d\\ude00 \\u0110\\u1ea1t \\/\", \"period\": {\"kind\": \"year\", \"year\": 2024}}"
        #expect(try ReportJSON.decode(Array(doc.utf8)).issuer == "😀 Đạt /")
    }

    @Test("control characters in strings must be escaped")
    func controlCharacters() {
        for c in ["\t", "\n", "\u{0}", "\u{1F}"] {
            let doc = "{\"format\": \"bieu/1\", \"issuer\": \"a\(c)b\"}"
            expectError(doc, path: "$", line: 1, column: 34, en: "control character in string must be escaped",
                        vi: "ký tự điều khiển trong chuỗi")
        }
        expectError("{\"format\": \"bieu/1\", \"issuer\": \"a\\qb\"}", path: "$", line: 1, column: 35, en: "invalid escape sequence")
    }

    @Test("columns count characters, not bytes, also on a long single line")
    func columnsInCharacters() {
        let doc = "{\"format\": \"bieu/1\", \"issuer\": \"Huyện ủy Tam Đường 😀\", \"period\": {\"kind\": \"year\", \"year\": 2024}, \"tables\": [{\"id\": \"t\", \"template\": \"t\", \"rows\": [{\"id\": \"Đạt\", \"kind\": \"bogus\"}]}]}"
        let at = position(of: "\"bogus\"", in: doc)
        expectError(doc, path: "$.tables[0].rows[0].kind", line: 1, column: at.column, en: "invalid row kind \"bogus\"")
        // The byte offset is larger: Vietnamese letters and the emoji take several bytes each.
        let byteOffset = Array(doc.utf8).count - Array(doc[doc.range(of: "\"bogus\"")!.lowerBound...].utf8).count
        #expect(at.column == doc.unicodeScalars.count - doc[doc.range(of: "\"bogus\"")!.lowerBound...].unicodeScalars.count + 1)
        #expect(byteOffset + 1 > at.column)
    }

    @Test("nesting deeper than the limit is an error, not a stack overflow")
    func deepNesting() {
        for depth in [JSONParser.maxDepth + 1, 10_000, 1_000_000] {
            let bytes = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
            let error = loadError(bytes)
            #expect(error?.message(.en).contains("nested too deeply") == true)
            #expect(error?.message(.vi).contains("lồng quá sâu") == true)
        }
        let objects = String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        #expect(loadError(Array(objects.utf8))?.message(.en).contains("nested too deeply") == true)
        // Exactly at the limit the document parses (and is then refused as a report).
        let atLimit = [UInt8](repeating: UInt8(ascii: "["), count: JSONParser.maxDepth) + [UInt8](repeating: UInt8(ascii: "]"), count: JSONParser.maxDepth)
        #expect(throws: Never.self) { _ = try JSONParser.parse(atLimit) }
        #expect(loadError(atLimit)?.message(.en).contains("expected an object, found array") == true)
    }

    @Test("a 50 MB string loads in bounded time and is kept", .timeLimit(.minutes(1)))
    func hugeString() throws {
        let big = String(repeating: "Đạt ", count: 7_200_000)   // 50.4 MB of UTF-8
        let doc = "{\"format\":\"bieu/1\",\"period\":{\"kind\":\"year\",\"year\":2024},\"tables\":[{\"id\":\"t\",\"template\":\"t\",\"rows\":[{\"id\":\"r\",\"cells\":{\"c\":\"" + big + "\"}}]}]}"
        let report = try ReportJSON.decode(Array(doc.utf8))
        let cell = try #require(report.tables[0].rows[0].cells["c"])
        #expect(cell.text.utf8.count == big.utf8.count)
        #expect(cell.value == .text(big))
    }

    @Test("a minified document (one long line) loads in bounded time", .timeLimit(.minutes(1)))
    func longSingleLine() throws {
        var rows: [String] = []
        for i in 0..<20_000 { rows.append("{\"id\":\"r\(i)\",\"cells\":{\"a\":\"41.160\",\"b\":\"29,2%\",\"c\":\"Đạt\"}}") }
        let doc = "{\"format\":\"bieu/1\",\"period\":{\"kind\":\"year\",\"year\":2024},\"tables\":[{\"id\":\"t\",\"template\":\"t\",\"rows\":[" + rows.joined(separator: ",") + ",{\"id\":\"r0\"}]}]}"
        let error = try #require(loadError(Array(doc.utf8)))
        // The duplicate id at the very end is located exactly.
        let at = position(of: "\"r0\"", in: doc, occurrence: 2)
        #expect(error.path == "$.tables[0].rows[20000].id")
        #expect(error.line == 1 && error.column == at.column)
    }

    @Test("number literal shapes JSON forbids")
    func badNumbers() {
        for literal in ["01", "1.", ".5", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "-"] {
            let doc = "{\"format\": \"bieu/1\", \"period\": {\"kind\": \"year\", \"year\": \(literal)}}"
            #expect(loadError(Array(doc.utf8))?.path == "$", "\(literal) was not a syntax error")
        }
        let long = String(repeating: "1", count: 65)
        let doc = "{\"format\": \"bieu/1\", \"period\": {\"kind\": \"year\", \"year\": \(long)}}"
        #expect(loadError(Array(doc.utf8))?.message(.en).contains("number literal too long") == true)
    }
}
