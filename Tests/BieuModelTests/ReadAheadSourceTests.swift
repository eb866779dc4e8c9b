import BieuCore
import BieuModel
import BieuTestSupport
import Foundation
import Testing

/// `ReadAheadSource` (rows read on a second thread) against the plain `ReportStream`
/// it wraps: the same tables, rows and errors in the same order, on generated files,
/// whole and broken (cut short, a byte changed, a duplicate row id), with tables
/// read or skipped as the exporters do. Public API only, so it runs in release builds too.
@Suite("Property: reading ahead gives what the plain stream gives")
struct ReadAheadSourceTests {
    static let seeds: [UInt64] = Array(1...60)

    /// What a consumer sees: tables, rows (as their canonical JSON), the end, or the first error.
    static func events(_ source: ReportSource, skip: Set<Int>) -> [String] {
        var out: [String] = []
        do {
            var t = 0
            while let table = try source.nextTable() {
                out.append("table \(table.id) \(table.template) \(table.title)")
                if skip.contains(t) {
                    try source.skipRows()
                    out.append("skipped")
                } else {
                    while let row = try source.nextRow() {
                        var w = JSONWriter()
                        ReportJSON.encode(row, into: &w)
                        out.append("row " + String(decoding: w.bytes, as: UTF8.self))
                    }
                }
                t += 1
            }
            out.append("end")
        } catch {
            out.append("error \(error)")
        }
        return out
    }

    static func file(seed: UInt64) throws -> (path: String, skip: Set<Int>) {
        var g = SeededRandom(seed: seed)
        var report = RandomReports.make(seed: seed, template: "bieu-01", columns: ["kh_nam", "th_nam", "ss_th_kh"],
                                        rows: Int.random(in: 0...150, using: &g))
        for k in 1..<Int.random(in: 1...4, using: &g) {
            var extra = RandomReports.make(seed: seed &+ UInt64(k) &* 7919, template: "phu-luc", columns: ["kh_nam", "th_nam"],
                                           rows: Int.random(in: 0...40, using: &g)).tables[0]
            extra.id = "phu-luc-\(k)"
            report.tables.append(extra)
        }
        var bytes = ReportJSON.encode(report)
        switch Int.random(in: 0..<4, using: &g) {
        case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &g)))
        case 1: bytes[Int.random(in: 0..<bytes.count, using: &g)] = [UInt8(ascii: "\""), UInt8(ascii: "}"), 0xFF, UInt8(ascii: "x")][Int.random(in: 0..<4, using: &g)]
        case 2:
            // A row id used twice: an error the decoder (not the parser) finds.
            if let table = report.tables.first, table.rows.count > 3 {
                report.tables[0].rows[table.rows.count - 1].id = table.rows[1].id
                bytes = ReportJSON.encode(report)
            }
        default: break
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bieu-readahead-\(getpid())-\(seed).json").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let skip = Set((0..<report.tables.count).filter { _ in Int.random(in: 0..<3, using: &g) == 0 })
        return (path, skip)
    }

    @Test("same events as ReportStream", arguments: seeds)
    func sameAsPlainStream(seed: UInt64) throws {
        let (path, skip) = try Self.file(seed: seed)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plain: [String]
        do { plain = Self.events(try ReportStream(path: path), skip: skip) } catch { plain = ["open \(error)"] }
        for capacity in [1, 3, 64] {
            let ahead: [String]
            do { ahead = Self.events(ReadAheadSource(try ReportStream(path: path), capacity: capacity), skip: skip) } catch { ahead = ["open \(error)"] }
            let same = ahead == plain
            #expect(same, "seed \(seed), capacity \(capacity): \(plain.count) events plain, \(ahead.count) read ahead; first difference at \(zip(plain, ahead).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(plain.count, ahead.count))")
        }
    }

    @Test("A consumer that stops in the middle of a table stops the thread")
    func stopsEarly() throws {
        let (path, _) = try Self.file(seed: 4)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for _ in 0..<20 {
            let source = ReadAheadSource(try ReportStream(path: path), capacity: 2)
            if try source.nextTable() != nil { _ = try? source.nextRow() }
        }
    }

    @Test("Only a file read row by row is wrapped")
    func wrapping() throws {
        #expect(ReadAheadSource.wrapping(InMemoryReportSource(Report(period: .year(2024)))) is InMemoryReportSource)
        let (path, _) = try Self.file(seed: 5)
        defer { try? FileManager.default.removeItem(atPath: path) }
        if let stream = try? ReportStream(path: path) { #expect(ReadAheadSource.wrapping(stream) is ReadAheadSource) }
    }
}
