import BieuCore
import BieuRound
import BieuTestSupport
import Foundation
import Testing

@Suite("Round store: a plain SQLite file through GRDB")
struct StoreTests {
    @Test("SHA-256 agrees with Python's hashlib on lengths around the block boundaries")
    func sha256() throws {
        var inputs: [[UInt8]] = []
        for n in [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000] { inputs.append((0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }) }
        let hex = inputs.map { $0.map { String(format: "%02x", $0) }.joined() }
        let out = try ExternalTools.python("""
            import hashlib, sys
            for h in sys.argv[1:]: print(hashlib.sha256(bytes.fromhex(h if h != '-' else '')).hexdigest())
            """, hex.map { $0.isEmpty ? "-" : $0 })
        #expect(out.split(separator: "\n").map(String.init) == inputs.map { SHA256.hex($0) })
    }

    @Test("A new store is migrated, marked as bieu's, and readable with the sqlite3 shell")
    func migrations() throws {
        let path = try RoundEnv.dir("store") + "/dot.sqlite"
        _ = try RoundEnv.smallStore(path)
        let out = try RoundEnv.sqlite(path, "SELECT identifier FROM grdb_migrations; PRAGMA application_id; PRAGMA journal_mode; SELECT name FROM round_unit ORDER BY position;")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "v1-rounds\nv2-sent-digest\n\(SQLiteRoundStore.applicationID)\nwal\nXã A\nXã B\n")
        // Opening again runs no step twice and keeps the data.
        let again = try SQLiteRoundStore(path: path)
        #expect(try again.units(round: "r1").map(\.name) == ["Xã A", "Xã B"])
    }

    @Test("Revisions are never overwritten: a new return is current, older ones stay readable, the file refuses updates")
    func revisionHistory() throws {
        let path = try RoundEnv.dir("store") + "/dot.sqlite"
        let store = try RoundEnv.smallStore(path)
        guard case .stored(let first) = try store.receive(RoundEnv.revision("xa-a", [1, 2, 3])),
              case .stored(let second) = try store.receive(RoundEnv.revision("xa-a", [4, 5, 6], cells: 5, findings: 0)) else {
            Issue.record("not stored"); return
        }
        #expect(first.number == 1 && second.number == 2 && second.replaces == first.id && first.replaces == nil)
        #expect(try store.currentRevisions(round: "r1").map(\.id) == [second.id])
        #expect(try store.revisions(round: "r1", unit: "xa-a").map(\.number) == [1, 2])
        #expect(try store.fileBytes(revision: first.id) == [1, 2, 3])
        #expect(try store.cells(revision: first.id).count == 3 && store.cells(revision: second.id).count == 5)
        #expect(try store.findings(revision: first.id).count == 1 && store.findings(revision: second.id).isEmpty)
        let update = try RoundEnv.sqlite(path, "UPDATE revision SET file_name = 'x' WHERE id = \(first.id);")
        #expect(update.status != 0 && update.stderr.contains("never overwritten"))
        let delete = try RoundEnv.sqlite(path, "DELETE FROM revision;")
        #expect(delete.status != 0 && delete.stderr.contains("never deleted"))
        // So are a revision's cells and findings, and the record of what was sent.
        for (table, column, noun) in [("cell", "text", "cells"), ("finding", "code", "findings"), ("sent", "file_name", "sent files")] {
            let changed = try RoundEnv.sqlite(path, "UPDATE \(table) SET \(column) = \(column);")
            #expect(changed.status != 0 && changed.stderr.contains("\(noun) are never overwritten"), "\(table): \(changed.stderr)")
            let removed = try RoundEnv.sqlite(path, "DELETE FROM \(table);")
            #expect(removed.status != 0 && removed.stderr.contains("\(noun) are never deleted"), "\(table): \(removed.stderr)")
        }
        #expect(try store.fileBytes(revision: first.id) == [1, 2, 3])
    }

    @Test("A byte-identical file is recognised by SHA-256 and not stored twice")
    func duplicates() throws {
        let store = try RoundEnv.smallStore(try RoundEnv.dir("store") + "/dot.sqlite")
        guard case .stored(let first) = try store.receive(RoundEnv.revision("xa-a", [9, 9, 9])) else { Issue.record("not stored"); return }
        // Same bytes, even under another unit's name: a duplicate of the first.
        guard case .duplicate(let existing) = try store.receive(RoundEnv.revision("xa-b", [9, 9, 9])) else { Issue.record("stored twice"); return }
        #expect(existing.id == first.id && existing.unitID == "xa-a")
        #expect(try store.currentRevisions(round: "r1").count == 1)
    }

    @Test("A store of a newer schema is refused with the unknown steps named, and left unchanged")
    func newerSchema() throws {
        let path = try RoundEnv.dir("store") + "/dot.sqlite"
        _ = try RoundEnv.smallStore(path)
        #expect(try RoundEnv.sqlite(path, "INSERT INTO grdb_migrations VALUES ('v9-future'); PRAGMA wal_checkpoint(TRUNCATE);").status == 0)
        let before = RoundEnv.digest(path)
        #expect(throws: StoreError.newerSchema(path: path, unknown: ["v9-future"])) { try SQLiteRoundStore(path: path) }
        #expect(RoundEnv.digest(path) == before)
        let message = StoreError.newerSchema(path: path, unknown: ["v9-future"]).message(.vi)
        #expect(message.contains("mới hơn") && message.contains("v9-future"))
    }

    @Test("A damaged file, an empty file and another program's SQLite database are refused, not changed")
    func corruptAndForeign() throws {
        let dir = try RoundEnv.dir("store")
        let garbage = dir + "/hong.sqlite"
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: StoreError.corrupt(path: garbage, detail: "no SQLite header")) { try SQLiteRoundStore(path: garbage) }
        let empty = dir + "/rong.sqlite"
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: StoreError.corrupt(path: empty, detail: "empty file")) { try SQLiteRoundStore(path: empty, create: true) }
        // An SQLite header followed by damage.
        let damaged = dir + "/damaged.sqlite"
        _ = try RoundEnv.smallStore(damaged)
        #expect(try RoundEnv.sqlite(damaged, "PRAGMA wal_checkpoint(TRUNCATE);").status == 0)
        var bytes = [UInt8](FileManager.default.contents(atPath: damaged)!)
        for i in 100..<min(bytes.count, 4096) { bytes[i] = 0xFF }
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        #expect(throws: StoreError.self) { try SQLiteRoundStore(path: damaged) }
        #expect(RoundEnv.digest(damaged) == SHA256.hex(bytes))
        let foreign = dir + "/khac.sqlite"
        #expect(try RoundEnv.sqlite(foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);").status == 0)
        let before = RoundEnv.digest(foreign)
        #expect(throws: StoreError.notAStore(path: foreign)) { try SQLiteRoundStore(path: foreign) }
        #expect(RoundEnv.digest(foreign) == before)
        #expect(throws: StoreError.missing(path: dir + "/none.sqlite")) { try SQLiteRoundStore(path: dir + "/none.sqlite") }
    }

    @Test("Another process holding the write lock: receive waits, then fails clearly; nothing is stored")
    func locked() throws {
        let path = try RoundEnv.dir("store") + "/dot.sqlite"
        let store = try RoundEnv.smallStore(path, busyTimeout: 0.5)
        // Python's sqlite3 module (independent of GRDB) takes the write lock and holds it for 3 s.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: ExternalTools.which("python3")!)
        holder.arguments = ["-c", """
            import sqlite3, time, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(3)
            c.execute("ROLLBACK")
            """, path]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        _ = pipe.fileHandleForReading.availableData   // "locked"
        #expect(throws: StoreError.locked(path: path, seconds: 0.5)) { try store.receive(RoundEnv.revision("xa-a", [7])) }
        holder.waitUntilExit()
        #expect(try store.currentRevisions(round: "r1").isEmpty)
        // Once the lock is released the same file goes in.
        guard case .stored = try store.receive(RoundEnv.revision("xa-a", [7])) else { Issue.record("not stored after the lock"); return }
        #expect(try store.currentRevisions(round: "r1").count == 1)
    }

    @Test("Two writers on separate connections at once lose no revision and share no number")
    func concurrentProcesses() throws {
        let dir = try RoundEnv.dir("store")
        let path = dir + "/dot.sqlite"
        _ = try RoundEnv.smallStore(path)
        let group = DispatchGroup()
        nonisolated(unsafe) var failures: [String] = []
        let lock = NSLock()
        for p in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                do {
                    // A separate store object per writer, as separate processes would have: separate
                    // SQLite connections, coordinated only by SQLite's file locks.
                    let store = try SQLiteRoundStore(path: path, busyTimeout: 30)
                    for i in 0..<25 { _ = try store.receive(RoundEnv.revision("xa-a", [UInt8(p), UInt8(i), 42])) }
                } catch {
                    lock.lock(); failures.append("\(error)"); lock.unlock()
                }
            }
        }
        group.wait()
        #expect(failures.isEmpty, "\(failures)")
        let store = try SQLiteRoundStore(path: path)
        let numbers = try store.revisions(round: "r1", unit: "xa-a").map(\.number)
        #expect(numbers == Array(1...50))
    }
}
