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

/// Rows of a table the caller does not read are checked as JSON only.
@Suite("Report streaming: skipped rows")
struct ReportStreamSkipTests {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "bieu-skip-\(UUID().uuidString).json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func report(_ firstRows: String) -> String {
        "{\"format\": \"bieu/1\", \"period\": {\"kind\": \"year\", \"year\": 2024},\n \"tables\": [\n"
            + "  {\"id\": \"t1\", \"template\": \"bieu-01\", \"rows\": [\n   " + firstRows + "]},\n"
            + "  {\"id\": \"t2\", \"template\": \"bieu-01\", \"rows\": [{\"id\": \"b\", \"name\": \"x\"}]}]}"
    }

    @Test("A syntax error in a skipped row is reported as the whole-file loader reports it", arguments: [
        #"{"id": "a"}, {"id": "b", "name": "x" "y"}"#,
        #"{"id": "a", "name": "\q"}"#,
        #"{"id": "a", "id": "b"}"#,
        #"{"id": "a", "cells": {"x": 01}}"#,
        "{\"id\": \"a\", \"name\": \"\u{1}\"}",
    ])
    func syntax(_ rows: String) throws {
        let path = try write(report(rows))
        var whole: String?
        do { _ = try ReportJSON.load(path: path) } catch { whole = (error as? ReportJSON.LoadError)?.message(.en) }
        var skipped: String?
        do {
            let stream = try ReportStream(path: path)
            while try stream.nextTable() != nil { try stream.skipRows() }
        } catch {
            skipped = (error as? ReportJSON.LoadError)?.message(.en)
        }
        #expect(whole != nil)
        #expect(skipped == whole)
    }

    @Test("Model rules apply to rows that are read, not to skipped rows")
    func modelRules() throws {
        let path = try write(report(#"{"id": "a", "colour": "red"}, {"id": "a"}"#))
        let stream = try ReportStream(path: path)
        #expect(try stream.nextTable()?.id == "t1")
        try stream.skipRows()
        #expect(try stream.nextTable()?.id == "t2")
        #expect(try stream.nextRow()?.id == "b")
        #expect(try stream.nextRow() == nil)
        #expect(try stream.nextTable() == nil)
        // Read, the same row is refused.
        let again = try ReportStream(path: path)
        _ = try again.nextTable()
        #expect(throws: ReportJSON.LoadError.self) { _ = try again.nextRow() }
    }
}
