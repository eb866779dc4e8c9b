import Foundation
import Testing
@testable import BieuModel

/// The one-pass row reader is a shortcut: whenever it returns a row, the strict
/// parser and decoder must accept the same bytes and give the same row; on
/// anything else it must give up, leaving the error to the decoder.
@Suite("Fast row reader")
struct FastRowReaderTests {
    /// What the strict path makes of the bytes: the row, or nil when it refuses them.
    func strict(_ bytes: [UInt8]) -> Row? {
        guard let node = try? JSONParser.parse(bytes) else { return nil }
        return try? ReportJSON.Decoder().row(node, .root)
    }

    func rows(_ seed: Int) -> [[UInt8]] {
        var g = SplitMix64(seed: UInt64(seed))
        let report = Gen.report(&g)
        var out: [[UInt8]] = []
        for table in report.tables {
            for row in table.rows {
                var w = JSONWriter(reserving: 512)
                ReportJSON.encode(row, into: &w)
                out.append(w.bytes)
            }
        }
        return out
    }

    @Test("Canonical rows are read in one pass, exactly as the decoder reads them", arguments: 1...40)
    func canonical(_ seed: Int) throws {
        let all = rows(seed)
        var fast = 0
        for bytes in all {
            let expected = try #require(strict(bytes), "seed \(seed): the generator wrote a row the decoder refuses")
            if let row = FastRowReader.row(bytes) {
                fast += 1
                #expect(row == expected, "seed \(seed): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        // Ambiguous cells (candidates) are left to the decoder; everything else is read here.
        #expect(all.isEmpty || fast > 0, "seed \(seed): no row took the fast path")
    }

    @Test("Damaged rows: never accepted unless the strict path accepts them, and then the same row", arguments: 1...30)
    func damaged(_ seed: Int) throws {
        var g = SplitMix64(seed: UInt64(seed) &+ 1000)
        let pieces: [[UInt8]] = [Array(#"\u00e9"#.utf8), Array(#"\""#.utf8), [0xC3], [0xE1, 0xBA], [0x0A], [0x01], Array("é".utf8),
                                 Array("e\u{301}".utf8), Array("{".utf8), Array("}".utf8), Array("\"".utf8), Array(",".utf8),
                                 Array(":".utf8), Array("[".utf8), Array("1e5".utf8), Array("-".utf8), Array("0".utf8),
                                 Array("null".utf8), Array(" ".utf8), Array(#""id": "x","#.utf8), Array(#""cells": {},"#.utf8),
                                 Array(#""type": "number","#.utf8), Array(#""value": 5,"#.utf8), [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                 [0xC0, 0xAF], Array("\\".utf8)]
        var accepted = 0, checked = 0
        for original in rows(seed) {
            for _ in 0..<8 {
                let bytes = g.damaged(original, with: pieces)
                checked += 1
                guard let row = FastRowReader.row(bytes) else { continue }
                accepted += 1
                let expected = strict(bytes)
                #expect(expected != nil, "seed \(seed): accepted bytes the strict path refuses: \(bytes)")
                #expect(row == expected, "seed \(seed): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(checked == 0 || accepted < checked, "seed \(seed): every damaged row was accepted")
    }

    @Test("Forms the reader leaves to the decoder", arguments: [
        #"{"id": "a", "name": "\u00e9"}"#,                                   // \u escape
        #"{"id": "a", "cells": {"x": {"text": "1.234", "type": "ambiguous", "candidates": [{"type": "number", "value": 1234}]}}}"#, // one candidate only
        #"{"id": "a", "cells": {"x": {"text": "1.234", "type": "ambiguous", "candidates": [{"type": "number", "value": 1234, "text": "x"}, {"type": "number", "value": 1.234}]}}}"#,
        #"{"id": "a", "cells": {"x": {"text": "5", "type": "number", "value": "5"}}}"#, // value of the wrong type
        #"{"id": "a", "id": "b"}"#,                                          // duplicate key
        #"{"id": "a", "color": "red"}"#,                                     // unknown key
        #"{"id": ""}"#,                                                      // empty id
        #"{"id": "a", "kind": "héading"}"#,                                  // unknown kind
        #"{"id": "a", "cells": {"x": {"text": "5", "type": "percent", "value": 5}}}"#, // text and value disagree
        #"{"id": "a", "cells": {"x": {"text": "5", "type": "number", "value": 05}}}"#,  // bad number
        #"{"id": "a", "name": null}"#,
        #"{"id": "a"} x"#,
    ])
    func refused(_ text: String) {
        #expect(FastRowReader.row(Array(text.utf8)) == nil)
    }

    @Test("Escapes and text the reader handles itself")
    func handled() throws {
        let text = #"{"id": "a\"b", "kind": "indicator", "stt": "1", "name": "Tổng\tsố \\ hộ\n/x\/", "unit": "hộ", "cells": {"kh_nam": {"text": "41.160", "type": "number", "value": 41160}, "th": "29,2%", "n": 12.5, "s": {"text": "Đạt", "type": "status", "status": "met"}, "q": {"text": "5 xã"}, "a": {"text": "52.720", "type": "ambiguous", "candidates": [{"type": "number", "value": 52720}, {"type": "number", "value": 52.72}]}}, "note": "", "direction": "lower"}"#
        let bytes = Array(text.utf8)
        let row = try #require(FastRowReader.row(bytes))
        #expect(row == strict(bytes))
        #expect(row.name == "Tổng\tsố \\ hộ\n/x/")
        #expect(row.cells["a"]?.value == .ambiguous(candidates: [.number(52720), .number(Decimal(string: "52.72")!)]))
    }

    @Test("Remembered readings are the parser's, byte for byte, and bounded")
    func readings() {
        let readings = CellReadings()
        let texts = ["41.160", "Đạt", "e\u{301}", "é", "é", "e\u{301}", ">90", "5-6", "", " 12 ", "Trên 90%", "Đạt", "41.160",
                     String(repeating: "x", count: 300), String(repeating: "x", count: 300)]
        for text in texts + texts {
            #expect(readings.parse(text) == ValueParser.parse(text), "\(text)")
        }
        if case .text(let raw) = readings.parse("e\u{301}") { #expect(Array(raw.utf8) == Array("e\u{301}".utf8)) } else { Issue.record("not text") }
        if case .text(let raw) = readings.parse("\u{E9}") { #expect(Array(raw.utf8) == [0xC3, 0xA9]) } else { Issue.record("not text") }
        for i in 0..<(CellReadings.maxEntries + 100) { _ = readings.parse("\(i) xã") }
        #expect(readings.count == CellReadings.maxEntries)
        #expect(readings.parse("\(CellReadings.maxEntries + 50) xã") == ValueParser.parse("\(CellReadings.maxEntries + 50) xã"))
    }
}
