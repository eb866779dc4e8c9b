import Foundation
import Testing
@testable import BieuModel

/// Reading a report row by row must give exactly what loading it whole gives,
/// and the same errors.
@Suite("Report streaming")
struct ReportStreamTests {
    func write(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "bieu-stream-\(UUID().uuidString).json"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// All tables and rows read through the stream.
    func streamed(_ path: String) throws -> Report {
        let stream = try ReportStream(path: path)
        var report = stream.report
        while var table = try stream.nextTable() {
            while let row = try stream.nextRow() { table.rows.append(row) }
            report.tables.append(table)
        }
        return report
    }

    @Test("The bundled example")
    func example() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/tam-duong-2024.json").path
        #expect(try streamed(path) == ReportJSON.load(path: path))
    }

    @Test("Random reports, canonical and minified", arguments: 1...60)
    func random(_ seed: Int) throws {
        var g = SplitMix64(seed: UInt64(seed))
        let report = Gen.report(&g)
        let canonical = ReportJSON.encode(report)
        let path = try write(canonical)
        #expect(try streamed(path) == report, "seed \(seed)")
        // The same document on one line: whitespace outside strings removed, key order kept.
        var minified: [UInt8] = []
        var inString = false, escaped = false
        for b in canonical {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                minified.append(b)
            } else if b == UInt8(ascii: "\"") {
                inString = true
                minified.append(b)
            } else if b != 0x20 && b != 0x0A && b != 0x09 && b != 0x0D {
                minified.append(b)
            }
        }
        let one = try write(minified)
        #expect(try streamed(one) == report, "seed \(seed), minified")
    }

    @Test("A file in another key order is left to the whole-file loader")
    func keyOrder() throws {
        let path = try write(Array(#"{"tables": [], "format": "bieu/1", "period": {"kind": "year", "year": 2024}}"#.utf8))
        #expect(throws: ReportStream.Failure.self) { _ = try ReportStream(path: path) }
        let rowsFirst = try write(Array(#"{"format": "bieu/1", "period": {"kind": "year", "year": 2024}, "tables": [{"rows": [], "id": "a", "template": "t"}]}"#.utf8))
        let stream = try ReportStream(path: rowsFirst)
        #expect(throws: ReportStream.Failure.self) { _ = try stream.nextTable() }
    }

    @Test("Errors name the same place as the whole-file loader", arguments: [
        #"{"format": "bieu/1", "period": {"kind": "year", "year": 2024}, "tables": [{"id": "t", "template": "t", "rows": [{"id": "a"}, {"id": "a"}]}]}"#,
        #"{"format": "bieu/1", "period": {"kind": "year", "year": 2024}, "tables": [{"id": "t", "template": "t", "rows": [{"id": "a", "cells": {"x": {"text": "5", "type": "percent", "value": 5}}}]}]}"#,
        "{\"format\": \"bieu/1\",\n \"period\": {\"kind\": \"year\", \"year\": 2024},\n \"tables\": [{\"id\": \"t\", \"template\": \"t\",\n \"rows\": [\n  {\"id\": \"a\", \"name\": \"x\" \"y\"}]}]}",
        #"{"format": "bieu/1", "period": {"kind": "year", "year": 2024}, "tables": [{"id": "t", "template": "t", "rows": [{"id": "a", "kind": "héading"}]}]}"#,
        #"{"format": "bieu/2", "period": {"kind": "year", "year": 2024}, "tables": []}"#,
    ])
    func errors(_ text: String) throws {
        let path = try write(Array(text.utf8))
        var whole: String?
        do { _ = try ReportJSON.load(path: path) } catch { whole = (error as? ReportJSON.LoadError)?.message(.en) }
        var stream: String?
        do { _ = try streamed(path) } catch { stream = (error as? ReportJSON.LoadError)?.message(.en) }
        #expect(whole != nil)
        #expect(stream == whole)
    }
}
