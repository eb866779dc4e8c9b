import BieuCore
@testable import BieuRound
import BieuTestSupport
import Foundation
import Testing

/// Issue 12's leftovers: the digest of what was sent checked on receive, a full disk during
/// receive and while writing workbooks, and the output-folder rule of `round new`/`round feedback`.
@Suite("Round safety: digests, full disks, output folders", .serialized)
struct RoundSafetyTests {
    /// Reads (`get SRC`) or edits (`set SRC DST UNIT_ID UNIT_NAME`) a workbook's `_bieu` identity
    /// record with openpyxl: `identity | template | version | period | unit id | unit name | round | digest`.
    static let identityScript = #"""
import json, sys, openpyxl
mode, src = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)
row = next(r for r in wb["_bieu"].iter_rows() if r[0].value == "identity")
if mode == "get":
    print(json.dumps([c.value for c in row[:8]], ensure_ascii=False))
else:
    row[4].value, row[5].value = sys.argv[4], sys.argv[5]
    wb.save(sys.argv[3])
"""#

    static func identity(_ r: WholeRoundTests.Round, _ path: String) throws -> [String] {
        let out = try ExternalTools.run("python3", ["identity.py", "get", path], currentDirectory: r.dir)
        guard out.status == 0 else { throw ExternalTools.Failure(description: out.stderr) }
        return (try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [Any] ?? []).map { "\($0)" }
    }

    static func revisions(_ store: String) throws -> String {
        try RoundEnv.sqlite(store, "SELECT count(*) FROM revision; SELECT count(*) FROM cell; SELECT count(*) FROM finding;").stdout
    }

    @Test("A return must carry the digest of what the round sent to its unit: edited identity or another store's round refused naming both; --force recorded")
    func digestChecked() throws {
        let r = try WholeRoundTests.makeRound("round-digest")
        try Self.identityScript.write(toFile: r.dir + "/identity.py", atomically: true, encoding: .utf8)
        // What each workbook carries is what the store keeps as sent to its unit (read by openpyxl and
        // the sqlite3 shell), and what the v2 migration recomputes from the round's sent report.
        let banBo = try Self.identity(r, "gui/bieu-01_xa-ban-bo.xlsx")
        let binhLu = try Self.identity(r, "gui/bieu-01_xa-binh-lu.xlsx")
        #expect(banBo[4] == "xa-ban-bo" && SHA256.isHex(banBo[7]) && banBo[7] != binhLu[7], "\(banBo) \(binhLu)")
        let sent = try RoundEnv.sqlite(r.store, "SELECT unit_id || '=' || digest FROM sent ORDER BY id;").stdout
        #expect(sent.contains("xa-ban-bo=\(banBo[7])\n") && sent.contains("xa-binh-lu=\(binhLu[7])\n"), "\(sent)")
        let store = try SQLiteRoundStore(path: r.store)
        let round = try #require(try store.round("bieu-01-2025"))
        #expect(RoundService.sentDigest(sentReport: round.sentReport, unit: RoundUnit(id: "xa-ban-bo", name: "Xã Bản Bo")) == banBo[7])

        // Bản Bo's workbook with its identity edited by hand to name Bình Lư.
        let edit = try ExternalTools.run("python3", ["identity.py", "set", "gui/bieu-01_xa-ban-bo.xlsx", "ve/sua-tay.xlsx", "xa-binh-lu", "Xã Bình Lư"],
                                         currentDirectory: r.dir)
        #expect(edit.status == 0, "\(edit.stderr)")
        let refused = try r.bieu(["round", "receive", "--store", r.store, "ve/sua-tay.xlsx"])
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("mã kiểm của tệp là \"\(banBo[7])\"") && refused.stdout.contains("Xã Bình Lư \"\(binhLu[7])\"")
                && refused.stdout.contains("--force"), "\(refused.stdout)")
        let english = try r.bieu(["round", "receive", "--store", r.store, "ve/sua-tay.xlsx", "--lang", "en"])
        #expect(english.stdout.contains("the file's digest is \"\(banBo[7])\", not the digest of what this round sent to Xã Bình Lư, \"\(binhLu[7])\""),
                "\(english.stdout)")
        #expect(try Self.revisions(r.store) == "0\n0\n0\n")

        // A workbook of a round with the same id, period and template, made in another store from other data.
        let other = try r.bieu(["round", "new", "bieu-01", "--period", "2025", "--units", "don-vi.txt", "--store", r.dir + "/khac.sqlite", "-o", "khac"])
        #expect(other.status == 0, "\(other.stderr)")
        let foreign = try r.bieu(["round", "receive", "--store", r.store, "khac/bieu-01_xa-son-binh.xlsx"])
        #expect(foreign.status == 2 && foreign.stdout.contains("mã kiểm của tệp là"), "\(foreign.stdout)")
        #expect(try Self.revisions(r.store) == "0\n0\n0\n")

        // The workbook as sent is accepted; the edited one with --force, recorded as forced and why.
        #expect(try r.bieu(["round", "receive", "--store", r.store, "gui/bieu-01_xa-ban-bo.xlsx"]).status == 0)
        let forced = try r.bieu(["round", "receive", "--store", r.store, "--force", "ve/sua-tay.xlsx"])
        #expect(forced.status == 0 && forced.stdout.contains("nhận ép"), "\(forced.stdout)\(forced.stderr)")
        let status = try r.status()["xa-binh-lu"]
        #expect(status?["forced"] as? Bool == true)
        #expect((status?["force_reason"] as? String)?.contains(banBo[7]) == true, "\(String(describing: status))")
        #expect(try r.status()["xa-ban-bo"]?["forced"] as? Bool == false)
        let history = try r.bieu(["round", "history", "--store", r.store, "--unit", "xa-binh-lu"])
        #expect(history.stdout.contains("nhận ép (") && history.stdout.contains(binhLu[7]), "\(history.stdout)")
        let historyEN = try r.bieu(["round", "history", "--store", r.store, "--unit", "xa-binh-lu", "--lang", "en"])
        #expect(historyEN.stdout.contains("forced (") && historyEN.stdout.contains("the file's digest is"), "\(historyEN.stdout)")
        let text = try r.bieu(["round", "status", "--store", r.store])
        #expect(text.stdout.contains("(nhận ép: "), "\(text.stdout)")
    }

    @Test("A store of schema v1 is migrated: digests of the round workbooks recomputed, the workbooks' returns accepted")
    func migratedStore() throws {
        let r = try WholeRoundTests.makeRound("round-v1")
        // Back to schema v1 with the sqlite3 shell: the v2 step's columns, triggers and record removed.
        let down = try RoundEnv.sqlite(r.store, """
            DROP TRIGGER sent_append_only; DROP TRIGGER sent_never_deleted; DROP TRIGGER cell_append_only; DROP TRIGGER cell_never_deleted;
            DROP TRIGGER finding_append_only; DROP TRIGGER finding_never_deleted;
            ALTER TABLE sent DROP COLUMN digest; ALTER TABLE revision DROP COLUMN force_reason_en;
            DELETE FROM grdb_migrations WHERE identifier = 'v2-sent-digest';
            SELECT identifier FROM grdb_migrations;
            """)
        #expect(down.status == 0 && down.stdout == "v1-rounds\n", "\(down.stderr)")
        let received = try r.bieu(["round", "receive", "--store", r.store, "gui/bieu-01_xa-na-tam.xlsx"])
        #expect(received.status == 0, "\(received.stdout)\(received.stderr)")
        try Self.identityScript.write(toFile: r.dir + "/identity.py", atomically: true, encoding: .utf8)
        let naTam = try Self.identity(r, "gui/bieu-01_xa-na-tam.xlsx")
        let sent = try RoundEnv.sqlite(r.store, "SELECT identifier FROM grdb_migrations; SELECT digest FROM sent WHERE unit_id = 'xa-na-tam';").stdout
        #expect(sent == "v1-rounds\nv2-sent-digest\n\(naTam[7])\n")
    }

    @Test("Many returns read on every core: results printed and stored in the files' order, a refused file in its place")
    func orderedReceive() throws {
        let r = try WholeRoundTests.makeRound("round-order")
        let units = ["xa-ban-bo", "xa-binh-lu", "thi-tran-tam-duong", "xa-na-tam", "xa-son-binh", "xa-khun-ha"]
        try FileManager.default.createDirectory(atPath: r.dir + "/nhieu", withIntermediateDirectories: true)
        var expected: [String] = []
        for k in 0..<36 {
            let name = String(format: "f%02d.xlsx", k)
            if k == 17 {
                try "không phải biểu".write(toFile: r.dir + "/nhieu/" + name, atomically: true, encoding: .utf8)
                expected.append("\(name): từ chối")
                continue
            }
            // Six copies of each unit's workbook: the first stored as revision 1, the others duplicates of it.
            try FileManager.default.copyItem(atPath: r.dir + "/gui/bieu-01_\(units[k % 6]).xlsx", toPath: r.dir + "/nhieu/" + name)
            expected.append(k < 6 ? "\(name): " : "\(name): trùng")
        }
        let out = try r.bieu(["round", "receive", "--store", r.store, "nhieu"])
        #expect(out.status == 2, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 36, "\(out.stdout)")
        for (line, start) in zip(lines, expected) { #expect(line.hasPrefix(start), "\(line) / \(start)") }
        #expect(lines.prefix(6).allSatisfy { $0.contains("lần nộp 1") }, "\(out.stdout)")
        let stored = try RoundEnv.sqlite(r.store, "SELECT group_concat(file_name) FROM (SELECT file_name FROM revision ORDER BY id);").stdout
        #expect(stored == "f00.xlsx,f01.xlsx,f02.xlsx,f03.xlsx,f04.xlsx,f05.xlsx\n")
    }

    /// Mounts a tmpfs of `size` on `dir` (root only). Nil when mounted, else why not (printed by the caller).
    static func mountTmpfs(_ dir: String, size: String) -> String? {
        guard getuid() == 0 else { return "not root" }
        guard let out = try? ExternalTools.run("mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir]) else { return "no mount command" }
        return out.status == 0 ? nil : "mount refused: \(out.stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
    }

    /// Fills the file system of `dir` with a file, then frees `leave` bytes of it.
    static func fill(_ dir: String, leave: Int) throws -> String {
        let filler = dir + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ExternalTools.Failure(description: "cannot create \(filler)") }
        let block = [UInt8](repeating: 0x5A, count: 4096)
        var size = 0
        while true {
            let n = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            size += n
        }
        #expect(errno == ENOSPC)
        ftruncate(fd, off_t(max(0, size - leave)))
        close(fd)
        return filler
    }

    static func leftovers(_ dir: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".tmp") || $0.hasSuffix(".xlsx") }
    }

    @Test("A full disk (tmpfs) during receive and while writing a round's workbooks: clear errors naming the path, nothing half stored, no output left")
    func fullDisk() throws {
        let r = try WholeRoundTests.makeRound("round-full")
        let disk = r.dir + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        if let reason = Self.mountTmpfs(disk, size: "2m") {
            print("RoundSafetyTests.fullDisk skipped: cannot mount a tmpfs (\(reason)); a full disk is tested only as root")
            return
        }
        defer { _ = try? ExternalTools.run("umount", [disk]) }

        // The store on the small disk, nearly full: receiving one return (40 KB of bytes, its cells and findings) does not fit.
        let store = disk + "/dot.sqlite"
        try FileManager.default.copyItem(atPath: r.store, toPath: store)
        let filler = try Self.fill(disk, leave: 48 << 10)
        let full = try r.bieu(["round", "receive", "--store", store, "gui/bieu-01_xa-ban-bo.xlsx"])
        #expect(full.status == 2)
        #expect(full.stderr.contains("\(store): ổ đĩa chứa kho đã đầy") && full.stderr.contains("kho không bị thay đổi"), "\(full.stdout)\(full.stderr)")
        #expect(full.stderr.contains("Đã nhận 0 tệp, 0 tệp trùng trước khi dừng"), "\(full.stderr)")
        let english = try r.bieu(["round", "receive", "--store", store, "gui/bieu-01_xa-ban-bo.xlsx", "--lang", "en"])
        #expect(english.stderr.contains("\(store): the disk holding the store is full"), "\(english.stderr)")
        // Space again: the store is intact, holds no part of the failed revision, and takes the file.
        unlink(filler)
        #expect(try RoundEnv.sqlite(store, "PRAGMA integrity_check;").stdout == "ok\n")
        #expect(try Self.revisions(store) == "0\n0\n0\n")
        let again = try r.bieu(["round", "receive", "--store", store, "gui/bieu-01_xa-ban-bo.xlsx"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(try RoundEnv.sqlite(store, "SELECT count(*) FROM revision; SELECT count(*) > 0 FROM cell;").stdout == "1\n1\n")

        // A round's workbooks (6 × 40 KB) on a disk with 100 KB free: the error names the workbook,
        // no workbook or temporary file is left, the folder bieu made is gone, the store has no new round.
        let filler2 = try Self.fill(disk, leave: 100 << 10)
        defer { unlink(filler2) }
        let made = try r.bieu(["round", "new", "bieu-01", "--period", "2026", "--units", "don-vi.txt", "--store", r.store, "-o", disk + "/gui"])
        #expect(made.status == 2)
        #expect(made.stderr.contains(disk + "/gui/bieu-01_") && made.stderr.contains(".xlsx: ổ đĩa đã đầy"), "\(made.stderr)")
        #expect(!FileManager.default.fileExists(atPath: disk + "/gui"))
        #expect(Self.leftovers(disk).isEmpty, "\(Self.leftovers(disk))")
        #expect(try RoundEnv.sqlite(r.store, "SELECT group_concat(id) FROM round;").stdout == "bieu-01-2025\n")
        unlink(filler2)

        // Consolidation with room for its JSON but not its XLSX: neither is written.
        try r.python(["fill.py", "fill", "gui/bieu-01_xa-ban-bo.xlsx", "ve/ban-bo.xlsx", "1"])
        #expect(try r.bieu(["round", "receive", "--store", r.store, "ve/ban-bo.xlsx"]).status == 0)
        let plain = try r.bieu(["round", "consolidate", "--store", r.store, "-o", "thu.json", "--xlsx", "thu.xlsx", "--force"])
        let json = try #require(try FileManager.default.attributesOfItem(atPath: r.dir + "/thu.json")[.size] as? Int, "\(plain.stderr)")
        let xlsx = try #require(try FileManager.default.attributesOfItem(atPath: r.dir + "/thu.xlsx")[.size] as? Int)
        // Room for the JSON (in 4 KB pages) and 8 KB more.
        let room = (json + 4095) / 4096 * 4096 + (8 << 10)
        #expect(xlsx > (12 << 10), "\(json) \(xlsx)")
        let filler3 = try Self.fill(disk, leave: room)
        defer { unlink(filler3) }
        let consolidated = try r.bieu(["round", "consolidate", "--store", r.store, "-o", disk + "/huyen.json", "--xlsx", disk + "/huyen.xlsx", "--force"])
        #expect(consolidated.status == 2)
        #expect(consolidated.stderr.contains(disk + "/huyen.xlsx: ổ đĩa đã đầy"), "\(consolidated.stderr)")
        #expect(!FileManager.default.fileExists(atPath: disk + "/huyen.json") && !FileManager.default.fileExists(atPath: disk + "/huyen.xlsx"))
        #expect(Self.leftovers(disk).isEmpty, "\(Self.leftovers(disk))")
    }
}

@Suite("Round output folders follow the CLI's rule", .serialized)
struct RoundFolderTests {
    @Test("round new and feedback make their -o folder when its parent exists, parents only with --mkdir; a refused new leaves no store")
    func folders() throws {
        let r = try WholeRoundTests.makeRound("round-folders")
        let args = ["round", "new", "bieu-01", "--period", "2025", "--units", "don-vi.txt", "--store", "moi.sqlite"]
        let refused = try r.bieu(args + ["-o", "a/b/gui"])
        #expect(refused.status == 2 && refused.stderr.contains("--mkdir"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.dir + "/a") && !FileManager.default.fileExists(atPath: r.dir + "/moi.sqlite"))
        let english = try r.bieu(args + ["-o", "a/b/gui", "--lang", "en"])
        #expect(english.stderr.contains("does not exist (add --mkdir to create it)"), "\(english.stderr)")
        let made = try r.bieu(args + ["-o", "a/b/gui", "--mkdir"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: r.dir + "/a/b/gui").count == 6)

        let feedback = try r.bieu(["round", "feedback", "--store", r.store, "-o", "x/y"])
        #expect(feedback.status == 2 && feedback.stderr.contains("--mkdir") && !FileManager.default.fileExists(atPath: r.dir + "/x"), "\(feedback.stderr)")
        let fed = try r.bieu(["round", "feedback", "--store", r.store, "-o", "gop-y"])
        #expect(fed.status == 0 && FileManager.default.fileExists(atPath: r.dir + "/gop-y"), "\(fed.stderr)")

        // A workbook already in the folder is kept as NAME.bak, as every bieu output.
        let second = try r.bieu(["round", "new", "bieu-01", "--period", "2025", "--round", "lan-2", "--units", "don-vi.txt", "--store", r.store, "-o", "gui"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(FileManager.default.fileExists(atPath: r.dir + "/gui/bieu-01_xa-ban-bo.xlsx.bak"))
    }
}
