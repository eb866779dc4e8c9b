import BieuCore
import Foundation
import Testing
@testable import BieuModel

@Suite("Report model")
struct ReportModelTests {
    @Test("parentIDs on a mixed hierarchy")
    func parents() {
        let rows: [Row] = [
            Row(id: "n0", kind: .note),                 // a note before anything: no parent
            Row(id: "i0", kind: .indicator),            // an indicator outside any section
            Row(id: "A", kind: .section),
            Row(id: "g1", kind: .group),
            Row(id: "i1", kind: .indicator),
            Row(id: "s1", kind: .subIndicator),
            Row(id: "b1", kind: .bullet),               // same rank as a sub-indicator: sibling
            Row(id: "n1", kind: .note),                 // attaches to the row above
            Row(id: "n2", kind: .note),                 // still the last non-note row
            Row(id: "i2", kind: .indicator),            // back up to the group
            Row(id: "b2", kind: .bullet),
            Row(id: "g2", kind: .group),
            Row(id: "b3", kind: .bullet),               // a bullet straight under a group
            Row(id: "B", kind: .section),
            Row(id: "i3", kind: .indicator),            // an indicator straight under a section
            Row(id: "g3", kind: .group),
            Row(id: "A2", kind: .section),
            Row(id: "n3", kind: .note),
        ]
        let table = AnnexTable(id: "t", template: "bieu-01", rows: rows)
        let expected: [String?] = [nil, nil, nil, "A", "g1", "i1", "i1", "b1", "b1", "g1", "i2", "A", "g2", nil, "B", "B", nil, "A2"]
        #expect(table.parentIDs() == expected)
        #expect(AnnexTable(id: "e", template: "x").parentIDs().isEmpty)
    }

    @Test("row kinds rank as documented")
    func ranks() {
        #expect(RowKind.section.rank < RowKind.group.rank)
        #expect(RowKind.group.rank < RowKind.indicator.rank)
        #expect(RowKind.indicator.rank < RowKind.subIndicator.rank)
        #expect(RowKind.subIndicator.rank == RowKind.bullet.rank)
    }

    @Test("CellMap keeps column order, compares without it, and drops empty cells")
    func cellMap() {
        var m = CellMap()
        m["th"] = Cell("46")
        m["kh"] = Cell("41.160")
        m["ss"] = Cell("100")
        #expect(m.columns == ["th", "kh", "ss"])
        m["kh"] = Cell("41.100")           // replacing keeps the position
        #expect(m.columns == ["th", "kh", "ss"])
        m["th"] = Cell("")                 // an empty cell removes the entry
        #expect(m.columns == ["kh", "ss"])
        m["ss"] = nil
        #expect(m.columns == ["kh"])
        m["x"] = .empty
        #expect(m.count == 1)
        let a: CellMap = ["a": "1", "b": "2"]
        let b: CellMap = ["b": "2", "a": "1"]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != ["a": "1", "b": "3"])
        #expect(a != ["a": "1"])
        var c: CellMap = ["z": "1", "kh": "2", "unknown": "3", "th": "4"]
        c.sort(by: ["th", "kh", "z"])
        #expect(c.columns == ["th", "kh", "z", "unknown"])
    }

    @Test("ReportDate validates and prints both ways")
    func dates() {
        #expect(ReportDate(iso: "2024-12-05")?.vietnamese == "05/12/2024")
        #expect(ReportDate(iso: "2024-02-29") != nil)
        #expect(ReportDate(iso: "2023-02-29") == nil)
        #expect(ReportDate(iso: "2100-02-29") == nil)
        #expect(ReportDate(iso: "2000-02-29") != nil)
        #expect(ReportDate(iso: "+024-12-05") == nil)
        #expect(ReportDate(iso: "2024-+1-05") == nil)
        #expect(ReportDate(iso: "2024-12-5") == nil)
        #expect(ReportDate(iso: "0000-12-05") == nil)
        #expect(ReportDate(year: 1, month: 1, day: 1)?.iso == "0001-01-01")
        #expect(ReportDate(iso: "2024-12-05")! < ReportDate(iso: "2025-01-01")!)
    }

    @Test("statuses have labels that read back as themselves", arguments: Status.allCases)
    func statusLabels(_ status: Status) {
        #expect(ValueParser.parse(status.label) == .status(status))
        #expect(!status.englishLabel.isEmpty)
    }

    @Test("numericValue is the single number a value stands for")
    func numericValue() {
        #expect(num("5").numericValue == dec("5"))
        #expect(pct("29.2").numericValue == dec("29.2"))
        #expect(pm("0.5").numericValue == dec("0.5"))
        #expect(qty("16", "tỷ đồng").numericValue == dec("16"))
        #expect(ratio("16", "19").numericValue == nil)
        #expect(range("5", "6").numericValue == nil)
        #expect(bound(.greater, "90").numericValue == nil)
        #expect(amb(num("1022"), num("1.022")).numericValue == nil)
        #expect(CellValue.status(.met).numericValue == nil)
    }
}

@Suite("Equality and hashing of values")
struct ValueHashingTests {
    @Test("equal values hash equally, whatever trailing zeros the text had")
    func hashing() {
        let pairs: [(CellValue, CellValue)] = [
            (num("41.160"), num("41.16")), (num("1.00"), num("1")), (num("0"), num("-0")), (pct("29.20"), pct("29.2")),
            (ratio("16.0", "19"), ratio("16", "19.00")), (num("1e3"), num("1000")),
        ]
        for (a, b) in pairs {
            #expect(a == b)
            #expect(a.hashValue == b.hashValue, "\(describe(a)) and \(describe(b)) hash differently")
            #expect(Set([a, b]).count == 1)
        }
        #expect(Cell("41.160") == Cell("41.160"))
        #expect(Cell("41.160") != Cell("41.16"))   // the text is part of the record
    }
}
