import Foundation
import Testing
@testable import BieuModel

/// The syntax check used for skipped rows must accept exactly what the parser accepts.
@Suite("JSON syntax check")
struct JSONSyntaxCheckTests {
    func parses(_ bytes: [UInt8]) -> Bool {
        // Offset 1: a piece inside a file (no byte-order mark), as the check is used.
        (try? JSONParser.parse(bytes, line: 1, column: 1, offset: 1)) != nil
    }

    @Test("Agrees with the parser on chosen texts", arguments: [
        #"{"id": "a", "cells": {"x": {"text": "5", "type": "number", "value": 5}}}"#,
        #"{"id": "a", "id": "b"}"#,
        #"{"id": "a", "\u0069d": "b"}"#,
        #"{"é": 1, "e\#u{301}": 2}"#,
        #"{"é": 1, "\u00e9": 2}"#,
        #"{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17, "a": 18}"#,
        #"{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17, "r": 18}"#,
        #"{"a": "\ud83d\ude00", "b": "\ud83d", "c": 1}"#,
        #"{"a": "\ude00"}"#,
        #"{"a": "\ud83d\u0041"}"#,
        #"["\ud83d\ude00", "\u00"]"#,
        #"[1, 2,]"#, #"{"a": 1,}"#, #"{"a" 1}"#, #"{a: 1}"#, #"[01]"#, #"[-]"#, #"[1.]"#, #"[1e]"#, #"[1E+5, -0.5e-3, 0]"#,
        #"[true, false, null]"#, #"[tru]"#, #"[nul, 1]"#, #"{"a": [1, {"b": [2]}]}"#, #"{} {}"#, #"  [1]  "#,
        #"["a\tb"]"#, #"["\q"]"#, #"["\/\b\f\n\r\t\\\""]"#,
        "[\"\u{1}\"]", "[\"ok\"]\u{0}", String(repeating: "[", count: 130) + String(repeating: "]", count: 130),
        String(repeating: "[", count: 128) + String(repeating: "]", count: 128),
        String(repeating: "[", count: 127) + String(repeating: "]", count: 127),
        "[" + String(repeating: "9", count: 65) + "]", "[" + String(repeating: "9", count: 64) + "]",
    ])
    func chosen(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(JSONSyntaxCheck.isValid(bytes) == parses(bytes), "\(text)")
    }

    @Test("Agrees with the parser on invalid UTF-8", arguments: [
        [0xC3], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xC3, 0xA9], [0xE1, 0xBA, 0xA1], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xFF],
    ] as [[UInt8]])
    func utf8(_ sequence: [UInt8]) {
        let inString = Array(#"{"a": ""#.utf8) + sequence + Array(#""}"#.utf8)
        let inKey = Array(#"{""#.utf8) + sequence + Array(#"": 1}"#.utf8)
        #expect(JSONSyntaxCheck.isValid(inString) == parses(inString), "\(sequence)")
        #expect(JSONSyntaxCheck.isValid(inKey) == parses(inKey), "\(sequence)")
    }

    @Test("Agrees with the parser on random rows and random damage to them", arguments: 1...30)
    func random(_ seed: Int) {
        var g = SplitMix64(seed: UInt64(seed) &+ 7000)
        let report = Gen.report(&g)
        let pieces: [[UInt8]] = [Array(#"\u00e9"#.utf8), Array(#"\ud83d"#.utf8), Array(#"\""#.utf8), [0xC3], [0xE1, 0xBA], [0x0A], [0x01],
                                 Array("e\u{301}".utf8), Array("{".utf8), Array("}".utf8), Array("\"".utf8), Array(",".utf8), Array(":".utf8),
                                 Array("[".utf8), Array("]".utf8), Array("1e5".utf8), Array("-".utf8), Array("0".utf8), Array("null".utf8),
                                 Array(#""id": "x","#.utf8), [0xED, 0xA0, 0x80], Array("\\".utf8), Array("tru".utf8)]
        var disagreements = 0
        for table in report.tables {
            for row in table.rows {
                var w = JSONWriter(reserving: 512)
                ReportJSON.encode(row, into: &w)
                let original = w.bytes
                #expect(JSONSyntaxCheck.isValid(original), "seed \(seed): a canonical row refused")
                for _ in 0..<6 {
                    let bytes = g.damaged(original, with: pieces)
                    if JSONSyntaxCheck.isValid(bytes) != parses(bytes) {
                        disagreements += 1
                        Issue.record("seed \(seed): check and parser disagree on \(String(decoding: bytes, as: UTF8.self))")
                    }
                }
            }
        }
        #expect(disagreements == 0)
    }
}
