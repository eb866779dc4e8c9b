import BieuCore
import Foundation
import Testing
@testable import BieuModel

/// Property-based round trips over random reports built by a seeded
/// generator (SplitMix64). A failure names its seed; replay it with
/// `swift test --filter "PropertyTests"` after narrowing `seeds` to it.
@Suite("Property: random reports survive JSON round trips")
struct PropertyTests {
    static let seeds: [UInt64] = Array(1...300)

    @Test("decode(encode(r)) == r and encode(decode(encode(r))) == encode(r)", arguments: seeds)
    func roundTrip(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        let report = Gen.report(&g)
        let bytes = ReportJSON.encode(report)
        let text = String(decoding: bytes, as: UTF8.self)
        // Booleans first, so a failure prints the seed rather than a whole document.
        let validUTF8 = Array(text.utf8) == bytes, nfc = isNFC(text)
        #expect(validUTF8, "seed \(seed): the output is not valid UTF-8")
        #expect(nfc, "seed \(seed): the output is not NFC")
        #expect(bytes.last == 0x0A && !bytes.starts(with: [0xEF, 0xBB, 0xBF]), "seed \(seed)")

        let decoded: Report
        do {
            decoded = try ReportJSON.decode(bytes)
        } catch {
            Issue.record("seed \(seed): the encoded report does not load: \(error.message(.en))")
            return
        }
        let sameReport = decoded == report
        #expect(sameReport, "seed \(seed): decode(encode(r)) != r")
        let sameBytes = ReportJSON.encode(decoded) == bytes
        #expect(sameBytes, "seed \(seed): encode(decode(encode(r))) != encode(r)")
        // Beyond String's canonical equality: every stored string is NFC, byte for byte.
        for s in Self.allStrings(decoded) where !isNFC(s) {
            Issue.record("seed \(seed): \"\(s.prefix(40))\" is not NFC after loading")
        }
        // Order of cells is the order they were added in.
        for (t, table) in decoded.tables.enumerated() {
            for (r, row) in table.rows.enumerated() {
                #expect(row.cells.columns == report.tables[t].rows[r].cells.columns.map(VietnameseText.nfc), "seed \(seed)")
            }
        }
    }

    @Test("corrupted documents fail with an error or load, never crash", arguments: seeds.prefix(100))
    func corruption(seed: UInt64) {
        var g = SplitMix64(seed: seed &+ 1_000_000)
        let bytes = ReportJSON.encode(Gen.report(&g))
        for _ in 0..<30 {
            var b = bytes
            switch g.int(0...4) {
            case 0: if !b.isEmpty { b[g.int(0...(b.count - 1))] = UInt8(truncatingIfNeeded: g.next()) }
            case 1: b = Array(b.prefix(g.int(0...b.count)))
            case 2: b.insert(g.pick([0x22, 0x5C, 0x7B, 0x5B, 0x2C, 0x00, 0xFF, 0xC3]), at: g.int(0...b.count))
            case 3: if !b.isEmpty { b.remove(at: g.int(0...(b.count - 1))) }
            default:
                // Swap two bytes.
                if b.count > 1 {
                    let i = g.int(0...(b.count - 1)), j = g.int(0...(b.count - 1))
                    b.swapAt(i, j)
                }
            }
            do {
                let r = try ReportJSON.decode(b)
                // Whatever loads must itself round-trip.
                let stable = try ReportJSON.decode(ReportJSON.encode(r)) == r
                #expect(stable, "seed \(seed)")
            } catch {
                #expect(error.line >= 1 && error.column >= 1, "seed \(seed)")
                #expect(!error.message(.vi).isEmpty && !error.message(.en).isEmpty)
            }
        }
    }

    @Test("the generator is deterministic")
    func deterministic() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        var c = SplitMix64(seed: 0)
        // Reference outputs of SplitMix64 for seed 0.
        #expect(c.next() == 0xE220_A839_7B1D_CDAF)
        #expect(c.next() == 0x6E78_9E6A_A1B9_65F4)
        var g1 = SplitMix64(seed: 7), g2 = SplitMix64(seed: 7)
        #expect(ReportJSON.encode(Gen.report(&g1)) == ReportJSON.encode(Gen.report(&g2)))
    }

    static func allStrings(_ r: Report) -> [String] {
        var out = [r.issuer, r.number, r.title]
        for t in r.tables {
            out += [t.id, t.template] + t.title
            for row in t.rows {
                out += [row.id, row.stt, row.name, row.unit, row.note]
                for (column, cell) in row.cells {
                    out += [column, cell.text] + strings(in: cell.value)
                }
            }
        }
        return out
    }
}
