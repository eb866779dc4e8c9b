import BieuCore
import BieuRound
import BieuTestSupport
import Foundation
import Testing

/// Issue 12 "Done when": a whole round on the example data, every return made by
/// independent programs (openpyxl, LibreOffice), the consolidation checked against
/// a computation written in Python from the rule definitions.
@Suite("A whole collection round, end to end", .serialized)
struct WholeRoundTests {
    /// Fills returns the way a person would, with openpyxl: `fill SRC DST K` types a value into
    /// "Thực hiện năm", "Kế hoạch năm sau" and (on % rows) "Dân số" of every value row; `set SRC DST ROW COLUMN JSON`
    /// types one value.
    static let fillScript = #"""
import json, sys
from decimal import Decimal
import openpyxl

LABELS = {"Thực hiện năm 2025": "th_nam", "Kế hoạch năm 2026": "kh_nam_sau", "Dân số (người)": "dan_so", "KH năm 2025": "kh_nam"}

def layout(wb, labels=LABELS):
    """The table sheet, column id -> column, row id -> sheet row, row id -> kind (from bieu:row)."""
    ws = wb["Biểu 01"]
    first = None
    kinds = {}
    for row in wb["_bieu"].iter_rows(values_only=True):
        if row and row[0] == "table": first = int(row[6])
        if row and row[0] == "row": kinds[row[2]] = row[3]
    cols, idcol, rowcol = {}, None, None
    for r in range(1, first):
        for c in range(1, ws.max_column + 1):
            v = ws.cell(r, c).value
            if v in labels: cols[labels[v]] = c
            if v == "bieu:id": idcol = c
            if v == "bieu:row": rowcol = c
    rows = {}
    for r in range(first, ws.max_row + 1):
        rid = ws.cell(r, idcol).value
        if rid:
            rows[rid] = r
            identity = ws.cell(r, rowcol).value if rowcol else None
            kinds[rid] = json.loads(identity).get("kind", "indicator") if identity else "indicator"
    return ws, cols, rows, kinds

def num(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool): return Decimal(str(v))
    return None

mode = sys.argv[1] if __name__ == "__main__" else None
if mode == "fill":
    src, dst, k = sys.argv[2], sys.argv[3], int(sys.argv[4])
    wb = openpyxl.load_workbook(src)
    ws, cols, rows, kinds = layout(wb)
    for rid, r in rows.items():
        kind = kinds.get(rid, "indicator")
        if kind not in ("indicator", "sub_indicator", "bullet"): continue
        unit = ws.cell(r, 3).value or ""
        kh = num(ws.cell(r, cols["kh_nam"]).value)
        th = (kh * (100 + k) / 100).quantize(Decimal("0.01")) if kh is not None else Decimal(10 + k)
        if unit == "%": th = min(th, Decimal(100))
        ws.cell(r, cols["th_nam"]).value = float(th)
        ws.cell(r, cols["kh_nam_sau"]).value = float(th + 1) if unit != "%" else float(min(th, Decimal(99)))
        if unit == "%": ws.cell(r, cols["dan_so"]).value = 1000 * (k + 1) + 7 * r
    wb.save(dst)
elif mode == "set":
    src, dst, rid, col, value = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], json.loads(sys.argv[6])
    wb = openpyxl.load_workbook(src)
    ws, cols, rows, kinds = layout(wb)
    ws.cell(rows[rid], cols[col]).value = value
    wb.save(dst)
"""#

    /// The independent consolidation (see its docstring).
    static let checkScript = #"""
"""Independent consolidation, written from the aggregation rules as docs/TEMPLATES.md defines them
(not from bieu's code): returns read with openpyxl, the result compared with bieu's huyen.json."""
import json, sys, unicodedata
from decimal import Decimal, ROUND_HALF_UP
import openpyxl
import fill   # fill.py beside it: only its reading of the sheet layout (row ids, kinds, header columns)

data_path, result_path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
LABELS = {"Mục tiêu NQ ĐH (2020-2025)": "mt_nq", "KH năm 2025": "kh_nam", "Thực hiện năm 2025": "th_nam", "Kế hoạch năm 2026": "kh_nam_sau",
          "Thực hiện giai đoạn 2021-2025": "th_gd", "Ước thực hiện giai đoạn 2021-2025": "uoc_th_gd", "Dân số (người)": "dan_so"}
def fold(s):
    s = unicodedata.normalize("NFD", (s or "").lower()).replace("đ", "d")
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
def q(d, places): return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

units = []
for path in files:
    wb = openpyxl.load_workbook(path)
    ws, cols, at, kinds = fill.layout(wb, LABELS)
    rows = {}
    for rid, r in at.items():
        vals = {}
        for cid, c in cols.items():
            cell = ws.cell(r, c)
            v = cell.value
            if isinstance(v, bool) or v is None: continue
            if isinstance(v, (int, float)):
                d = Decimal(str(v))
                if "%" in (cell.number_format or ""): d = d * 100
                vals[cid] = d
            else:
                vals[cid] = str(v)
        rows[rid] = {"kind": kinds[rid], "name": ws.cell(r, 2).value or "", "unit": ws.cell(r, 3).value or "", "cells": vals}
    units.append(rows)

report = json.load(open(data_path, encoding="utf-8"))
direction = {r["id"]: r.get("direction") for t in report["tables"] if t["id"] == "bieu-01" for r in t["rows"]}
LOWER = [fold(x) for x in ["suy dinh dưỡng", "tỷ lệ hộ nghèo", "tăng dân số tự nhiên", "tỷ suất sinh"]]
EXCEPT = [fold(x) for x in ["mức giảm", "giảm tỷ lệ"]]
def lower_is_better(rid, name):
    if direction.get(rid): return direction[rid] == "lower"
    n = fold(name)
    return any(k in n for k in LOWER) and not any(e in n for e in EXCEPT)

SUMMED = ["mt_nq", "kh_nam", "th_nam", "kh_nam_sau", "th_gd", "uoc_th_gd", "dan_so"]
def rule(row, cid):
    """The declared aggregation: column default, then aggregate_rows entries in order (later wins)."""
    a = "sum"
    if fold(row["unit"]) in ("%", "%o") and cid != "dan_so": a = "mean"
    if "binh quan" in fold(row["name"]) and cid != "dan_so": a = "mean"
    if row["unit"] == "%" and cid == "th_nam": a = "weighted_mean"
    return a

expected = {}
for rid, row in units[0].items():
    if row["kind"] not in ("indicator", "sub_indicator", "bullet"): continue
    out = {}
    for cid in SUMMED:
        a = rule(row, cid)
        pairs = []
        for u in units:
            v = u[rid]["cells"].get(cid)
            if not isinstance(v, Decimal): continue
            w = u[rid]["cells"].get("dan_so")
            pairs.append((v, w))
        if not pairs: continue
        if a == "sum": out[cid] = sum(v for v, _ in pairs)
        elif a == "mean": out[cid] = q(sum(v for v, _ in pairs) / len(pairs), 2)
        elif a == "weighted_mean":
            tw = sum(w for _, w in pairs)
            out[cid] = q(sum(v * w for v, w in pairs) / tw, 2)
    low = lower_is_better(rid, row["name"])
    for cid, num, den in [("ss_th_kh", "th_nam", "kh_nam"), ("ss_gd_nq", "th_gd", "mt_nq"), ("ss_uoc_nq", "uoc_th_gd", "mt_nq")]:
        a, b = (den, num) if low else (num, den)
        if a in out and b in out and out[b] != 0: out[cid] = q(out[a] / out[b] * 100, 1)
    expected[rid] = out

result = json.load(open(result_path, encoding="utf-8"))
got = {}
for r in result["tables"][0]["rows"]:
    cells = {c: Decimal(str(v["value"])) for c, v in r.get("cells", {}).items() if isinstance(v.get("value"), (int, float))}
    if r["id"] in expected: got[r["id"]] = cells
problems = []
for rid, out in expected.items():
    g = got.get(rid, {})
    for cid in sorted(set(out) | set(g)):
        if out.get(cid) is None or g.get(cid) is None or out[cid].normalize() != g[cid].normalize():
            problems.append(f"{rid}.{cid}: expected {out.get(cid)} got {g.get(cid)}")
weighted = sum(1 for rid, out in expected.items() if units[0][rid]["unit"] == "%" and "th_nam" in out)
recomputed = sum(1 for out in expected.values() if "ss_th_kh" in out)
print(json.dumps({"problems": problems, "cells": sum(len(o) for o in expected.values()), "weighted": weighted, "recomputed": recomputed}, ensure_ascii=False))
"""#

    struct Round {
        let dir: String
        let templates: String
        var store: String { dir + "/dot.sqlite" }
        func bieu(_ args: [String]) throws -> ExternalTools.Output {
            try RoundEnv.bieu(args + ["--templates", templates], in: dir)
        }
        func python(_ args: [String]) throws {
            let out = try ExternalTools.run("python3", args, currentDirectory: dir)
            guard out.status == 0 else { throw ExternalTools.Failure(description: "python3 \(args): \(out.stderr)") }
        }
        func status() throws -> [String: [String: Any]] {
            let out = try bieu(["round", "status", "--store", store, "--format", "json"])
            let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
            var result: [String: [String: Any]] = [:]
            for u in (json?["units"] as? [[String: Any]]) ?? [] { result[u["unit"] as! String] = u }
            return result
        }
    }

    /// The shipped templates, with bieu-01 given a "Dân số" column and percent rows'
    /// "Thực hiện" consolidated as a mean weighted by it.
    static func makeRound(_ name: String) throws -> Round {
        let dir = try RoundEnv.dir(name)
        let templates = dir + "/templates"
        try FileManager.default.copyItem(atPath: RoundEnv.root + "/Templates", toPath: templates)
        var yaml = try String(contentsOfFile: templates + "/bieu-01.yaml", encoding: .utf8)
        let column = ["  - id: dan_so", "    header: \"Dân số (người)\"", "    width: 10", "    input: true", "    aggregate: sum",
                      "  - header: \"So sánh (%)\""].joined(separator: "\n")
        let weighted = ["  - rows: {unit: [\"%\"]}", "    columns: [th_nam]", "    aggregate: {weighted_mean: dan_so}", "", "# Kiểm tra khi nhập"]
            .joined(separator: "\n")
        #expect(yaml.contains("  - header: \"So sánh (%)\"") && yaml.contains("\n# Kiểm tra khi nhập"))
        yaml = yaml.replacingOccurrences(of: "  - header: \"So sánh (%)\"", with: column)
        yaml = yaml.replacingOccurrences(of: "\n# Kiểm tra khi nhập", with: "\n" + weighted)
        try yaml.write(toFile: templates + "/bieu-01.yaml", atomically: true, encoding: .utf8)
        try fillScript.write(toFile: dir + "/fill.py", atomically: true, encoding: .utf8)
        try checkScript.write(toFile: dir + "/check.py", atomically: true, encoding: .utf8)
        try "Xã Bản Bo\nXã Bình Lư\nThị trấn Tam Đường\nXã Nà Tăm\nXã Sơn Bình\nXã Khun Há\n".write(toFile: dir + "/don-vi.txt", atomically: true, encoding: .utf8)
        for sub in ["ve", "ve2", "tmp"] { try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
        let round = Round(dir: dir, templates: templates)
        let made = try round.bieu(["round", "new", "bieu-01", "--period", "2025", "--units", "don-vi.txt", "--data", RoundEnv.root + "/Examples/tam-duong-2024.json",
                                   "--store", round.store, "-o", "gui"])
        #expect(made.status == 0, "\(made.stderr)")
        return round
    }

    @Test("Six units: filled, re-saved by LibreOffice, with errors, untouched, sent twice, missing; feedback; revision 2; consolidation")
    func wholeRound() throws {
        let r = try Self.makeRound("round")
        #expect(try FileManager.default.contentsOfDirectory(atPath: r.dir + "/gui").filter { $0.hasSuffix(".xlsx") }.count == 6)
        // The store is plain SQLite.
        #expect(try RoundEnv.sqlite(r.store, "SELECT count(*) FROM round_unit;").stdout == "6\n")

        try r.python(["fill.py", "fill", "gui/bieu-01_xa-ban-bo.xlsx", "ve/ban-bo.xlsx", "1"])
        try r.python(["fill.py", "fill", "gui/bieu-01_xa-binh-lu.xlsx", "tmp/binh-lu.xlsx", "2"])
        _ = try ExternalTools.libreOfficeConvert(r.dir + "/tmp/binh-lu.xlsx", to: "xlsx", extension: "xlsx", outDir: r.dir + "/ve")
        try r.python(["fill.py", "fill", "gui/bieu-01_thi-tran-tam-duong.xlsx", "tmp/tam-duong.xlsx", "3"])
        // "Trong đó: Diện tích trồng mới" larger than "Diện tích cây chè": an error of the template's part_of_parent rule.
        try r.python(["fill.py", "set", "tmp/tam-duong.xlsx", "ve/tam-duong.xlsx", "b01-005", "th_nam", "999999"])
        try FileManager.default.copyItem(atPath: r.dir + "/gui/bieu-01_xa-na-tam.xlsx", toPath: r.dir + "/ve/na-tam.xlsx")
        try r.python(["fill.py", "fill", "gui/bieu-01_xa-son-binh.xlsx", "ve/son-binh.xlsx", "5"])
        try FileManager.default.copyItem(atPath: r.dir + "/ve/son-binh.xlsx", toPath: r.dir + "/ve/son-binh-gui-lai.xlsx")

        let received = try r.bieu(["round", "receive", "--store", r.store, "ve"])
        #expect(received.status == 0, "\(received.stdout)\(received.stderr)")
        #expect(received.stdout.components(separatedBy: "trùng").count - 1 == 1, "\(received.stdout)")
        var status = try r.status()
        #expect(status["xa-ban-bo"]?["status"] as? String == "ok")
        #expect(status["xa-binh-lu"]?["status"] as? String == "ok")
        #expect(status["thi-tran-tam-duong"]?["status"] as? String == "errors")
        #expect(status["xa-na-tam"]?["status"] as? String == "untouched")
        #expect(status["xa-son-binh"]?["status"] as? String == "ok")
        #expect(status["xa-son-binh"]?["revisions"] as? Int == 1)
        #expect(status["xa-khun-ha"]?["status"] as? String == "missing")
        #expect(try r.bieu(["round", "status", "--store", r.store]).status == 1)

        // Feedback: the note is on the cell of the finding, read back by openpyxl.
        let fed = try r.bieu(["round", "feedback", "--store", r.store, "--unit", "Thị trấn Tam Đường", "-o", "gop-y"])
        #expect(fed.status == 0, "\(fed.stderr)")
        let feedback = "gop-y/bieu-01_thi-tran-tam-duong_gop-y-lan-1.xlsx"
        let notes = try ExternalTools.python("""
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["Biểu 01"]
            headers, idcol = {}, None
            for row in ws.iter_rows(max_row=8):
                for c in row:
                    if c.value == "bieu:id": idcol = c.column
                    if isinstance(c.value, str): headers[c.column] = c.value
            out = []
            for row in ws.iter_rows():
                for c in row:
                    if c.comment: out.append([ws.cell(c.row, idcol).value, headers.get(c.column), c.comment.text])
            print(json.dumps({"notes": out, "sheets": wb.sheetnames}, ensure_ascii=False))
            """, [r.dir + "/" + feedback])
        let parsed = try JSONSerialization.jsonObject(with: Data(notes.utf8)) as? [String: Any]
        let placed = (parsed?["notes"] as? [[Any]]) ?? []
        #expect(placed.count == 1, "\(notes)")
        #expect(placed.first?[0] as? String == "b01-005" && placed.first?[1] as? String == "Thực hiện năm 2025", "\(notes)")
        #expect((placed.first?[2] as? String)?.contains("Trong đó") == true && (placed.first?[2] as? String)?.contains("Lỗi") == true, "\(notes)")
        #expect((parsed?["sheets"] as? [String])?.contains("Lỗi cần sửa") == true)

        // The unit corrects the feedback workbook and sends it back: revision 2, status ok.
        try r.python(["fill.py", "set", feedback, "ve2/tam-duong-sua.xlsx", "b01-005", "th_nam", "61.8"])
        #expect(try r.bieu(["round", "receive", "--store", r.store, "ve2/tam-duong-sua.xlsx"]).status == 0)
        status = try r.status()
        #expect(status["thi-tran-tam-duong"]?["status"] as? String == "ok")
        #expect(status["thi-tran-tam-duong"]?["revisions"] as? Int == 2)
        let history = try r.bieu(["round", "history", "--store", r.store, "--unit", "thi-tran-tam-duong", "--diff", "1", "2"])
        #expect(history.stdout.contains("b01-005") && history.stdout.contains("61,8"), "\(history.stdout)")

        // Consolidation: the range "5-6" in a column to average is an error naming each unit and its cell; nothing written.
        let refused = try r.bieu(["round", "consolidate", "--store", r.store, "-o", "huyen.json"])
        #expect(refused.status == 2)
        #expect(!FileManager.default.fileExists(atPath: r.dir + "/huyen.json"))
        for unit in ["Xã Bản Bo", "Xã Bình Lư", "Thị trấn Tam Đường", "Xã Sơn Bình"] {
            #expect(refused.stdout.contains("\(unit) Biểu 01!D14: lỗi [not-aggregable] \"5-6\""), "\(refused.stdout)")
        }
        #expect(refused.stdout.contains("Xã Khun Há: cảnh báo [unit-missing]") && refused.stdout.contains("Xã Nà Tăm: cảnh báo [unit-untouched]"))
        let forced = try r.bieu(["round", "consolidate", "--store", r.store, "-o", "huyen.json", "--xlsx", "huyen.xlsx", "--force"])
        #expect(FileManager.default.fileExists(atPath: r.dir + "/huyen.json"), "\(forced.stderr)")
        let check = try ExternalTools.run("python3", ["check.py", RoundEnv.root + "/Examples/tam-duong-2024.json", "huyen.json",
                                                      "ve/ban-bo.xlsx", "ve/binh-lu.xlsx", "ve2/tam-duong-sua.xlsx", "ve/son-binh-gui-lai.xlsx"], currentDirectory: r.dir)
        let verdict = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        #expect((verdict?["problems"] as? [String])?.isEmpty == true, "\(check.stdout)\(check.stderr)")
        #expect((verdict?["weighted"] as? Int ?? 0) > 5 && (verdict?["recomputed"] as? Int ?? 0) > 10, "\(check.stdout)")
        let sheets = try ExternalTools.python("import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Theo đơn vị']; print(wb.sheetnames); print([c.value for c in ws[1]])",
                                              [r.dir + "/huyen.xlsx"])
        #expect(sheets.contains("'Biểu 01'") && sheets.contains("'Theo đơn vị'") && sheets.contains("Xã Sơn Bình"), "\(sheets)")
    }

    @Test("Two receive processes at once on one store keep every revision")
    func concurrentReceive() throws {
        let r = try Self.makeRound("round-concurrent")
        for sub in ["a", "b"] { try FileManager.default.createDirectory(atPath: r.dir + "/" + sub, withIntermediateDirectories: true) }
        for i in 0..<8 {
            try r.python(["fill.py", "set", "gui/bieu-01_xa-ban-bo.xlsx", "\(i % 2 == 0 ? "a" : "b")/lan-\(i).xlsx", "b01-001", "th_nam", "\(50 + i)"])
        }
        let processes = ["a", "b"].map { sub -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: RoundEnv.bieuBinary)
            p.arguments = ["round", "receive", "--store", r.store, "--templates", r.templates, sub]
            p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let numbers = try RoundEnv.sqlite(r.store, "SELECT group_concat(number) FROM (SELECT number FROM revision WHERE unit_id = 'xa-ban-bo' ORDER BY number);")
        #expect(numbers.stdout == "1,2,3,4,5,6,7,8\n")
    }

    @Test("Bad returns: another round and period refused naming both, --force recorded; a foreign workbook needs --unit; a file that is not a return")
    func badReturns() throws {
        let r = try Self.makeRound("round-bad")
        func revisions() throws -> String { try RoundEnv.sqlite(r.store, "SELECT count(*) FROM revision;").stdout }
        // A workbook of another round (the 2026 round of another store).
        let other = try r.bieu(["round", "new", "bieu-01", "--period", "2026", "--units", "don-vi.txt", "--data", RoundEnv.root + "/Examples/tam-duong-2024.json",
                                "--store", r.dir + "/khac.sqlite", "-o", "khac"])
        #expect(other.status == 0, "\(other.stderr)")
        let refused = try r.bieu(["round", "receive", "--store", r.store, "khac/bieu-01_xa-ban-bo.xlsx"])
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("\"bieu-01-2026\"") && refused.stdout.contains("\"bieu-01-2025\"") && refused.stdout.contains("--force"), "\(refused.stdout)")
        #expect(try revisions() == "0\n")
        let forced = try r.bieu(["round", "receive", "--store", r.store, "--force", "khac/bieu-01_xa-ban-bo.xlsx"])
        #expect(forced.status == 0 && forced.stdout.contains("nhận ép"), "\(forced.stdout)\(forced.stderr)")
        #expect(try RoundEnv.sqlite(r.store, "SELECT forced, force_reason LIKE '%2026%' FROM revision;").stdout == "1|1\n")
        #expect(try r.status()["xa-ban-bo"]?["forced"] as? Bool == true)

        // A workbook bieu did not send (an export): the unit must be named, tolerantly.
        #expect(try RoundEnv.bieu(["export", RoundEnv.root + "/Examples/tam-duong-2024.json", "--table", "bieu-01", "-o", r.dir + "/xuat.xlsx"]).status == 0)
        let unnamed = try r.bieu(["round", "receive", "--store", r.store, "xuat.xlsx"])
        #expect(unnamed.status == 2 && unnamed.stdout.contains("--unit"), "\(unnamed.stdout)")
        let named = try r.bieu(["round", "receive", "--store", r.store, "--unit", "xa binh lu", "xuat.xlsx"])
        #expect(named.status == 0 && named.stdout.contains("Xã Bình Lư"), "\(named.stdout)\(named.stderr)")
        let unknown = try r.bieu(["round", "receive", "--store", r.store, "--unit", "Xã Không Có", "xuat.xlsx"])
        #expect(unknown.status == 2 && unknown.stdout.contains("\"Xã Không Có\"") && unknown.stdout.contains("Xã Bản Bo"), "\(unknown.stdout)")

        // Not a return at all; nothing stored.
        try "không phải biểu\n1,2,3\n".write(toFile: r.dir + "/rac.csv", atomically: true, encoding: .utf8)
        let junk = try r.bieu(["round", "receive", "--store", r.store, "--unit", "Xã Sơn Bình", "rac.csv", "--lang", "en"])
        #expect(junk.status == 2 && junk.stdout.contains("rac.csv: refused — rac.csv: not a return of this round"), "\(junk.stdout)")
        #expect(try revisions() == "2\n")
    }
}
