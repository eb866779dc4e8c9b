import BieuCore
import BieuImport
import BieuModel
import BieuTemplates
import BieuTestSupport
import Foundation
import Testing

/// `bieu export` reads the data file row by row and writes each row as it
/// arrives (constant-memory workbook), so large reports are never held whole.
@Suite("Streaming export: bounded memory, same result")
struct StreamingExportTests {
    static let columns = ["mt_nq", "kh_nam", "th_nam", "kh_nam_sau", "th_gd", "uoc_th_gd"]

    /// A report file of `rows` random Biểu 01 rows (the values people write).
    static func dataFile(rows: Int, seed: UInt64) throws -> (path: String, report: Report) {
        let report = RandomReports.make(seed: seed, template: "bieu-01", columns: columns, rows: rows)
        let path = try Env.dir("stream") + "/data-\(rows)-\(seed).json"
        try Data(ReportJSON.encode(report)).write(to: URL(fileURLWithPath: path))
        return (path, report)
    }

    /// Peak resident memory of one `bieu` run, in KiB, as the kernel counts it (getrusage of the child).
    static func peakKiB(_ arguments: [String]) throws -> Int {
        let script = """
        import resource, subprocess, sys
        r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        ok = (0, 1, 2) if "--force" in sys.argv else (0, 1)  # with --force, errors in the data are written too (exit 2)
        if r.returncode not in ok: sys.exit("bieu failed: %d %s" % (r.returncode, r.stderr.decode()[-2000:]))
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        """
        let out = try ExternalTools.run("python3", ["-c", script, Env.bieuBinary] + arguments,
                                        environment: ["BIEU_TEMPLATES": Env.root + "/Templates"])
        return try #require(Int(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(out.stdout) \(out.stderr)")
    }

    @Test("Memory does not grow with the number of rows (XLSX and CSV)")
    func boundedMemory() throws {
        let small = try Self.dataFile(rows: 1_000, seed: 7)
        let large = try Self.dataFile(rows: 30_000, seed: 8)
        let dir = try Env.dir("stream")
        for format in ["xlsx", "csv"] {
            let a = try Self.peakKiB(["export", small.path, "--table", "bieu-01", "-o", dir + "/small.\(format)"])
            let b = try Self.peakKiB(["export", large.path, "--table", "bieu-01", "-o", dir + "/large.\(format)"])
            // Holding 30,000 rows (the model and the rendered cells) takes well over 100 MB;
            // streaming keeps the difference to buffers.
            #expect(b - a < 16 * 1024, "\(format): 1,000 rows \(a / 1024) MiB, 30,000 rows \(b / 1024) MiB")
        }
        // The large workbook is complete: every row is there.
        let back = try Env.importFile(dir + "/large.xlsx")
        #expect(back.report.table("bieu-01")?.rows.count == 30_000)
    }

    @Test("Read row by row or whole, the workbook says the same")
    func streamMatchesWhole() throws {
        let (path, report) = try Self.dataFile(rows: 300, seed: 11)
        let dir = try Env.dir("stream")
        _ = try Env.bieu(["export", path, "-o", dir + "/streamed.xlsx"])
        // The same data with `tables` before the report's other keys cannot be read row by row:
        // it is loaded whole, and must give the same result.
        // (Moved as text, so every value and key order inside the tables stays as it was.)
        let canonical = try String(contentsOfFile: path, encoding: .utf8)
        let key = try #require(canonical.range(of: "\n  \"tables\": "))
        let end = try #require(canonical.range(of: "\n}", options: .backwards))
        let others = canonical[canonical.index(after: canonical.startIndex)..<key.lowerBound].dropLast()  // without "{" and the last ","
        let reordered = "{\n  \"tables\": " + canonical[key.upperBound..<end.lowerBound] + "," + others + "\n}\n"
        let reorderedPath = dir + "/reordered.json"
        try Data(reordered.utf8).write(to: URL(fileURLWithPath: reorderedPath))
        _ = try Env.bieu(["export", reorderedPath, "-o", dir + "/whole.xlsx"])

        let streamed = try Env.importFile(dir + "/streamed.xlsx")
        let whole = try Env.importFile(dir + "/whole.xlsx")
        expectSame(streamed.report, report, "streamed export")
        expectSame(whole.report, report, "whole-file export")
        // The same cells, as an independent reader sees them.
        let a = try OpenpyxlDump.load(dir + "/streamed.xlsx").sheet("Biểu 01")
        let b = try OpenpyxlDump.load(dir + "/whole.xlsx").sheet("Biểu 01")
        #expect(a?.cells == b?.cells)
        #expect(a?.merges == b?.merges)
    }

    @Test("A bad row part-way through leaves no workbook behind")
    func badRowMidStream() throws {
        let (path, _) = try Self.dataFile(rows: 2_000, seed: 12)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: "\"r12-1500\""))
        text.replaceSubrange(range, with: "\"r12-10\"")  // a duplicate row id, 1,490 rows in
        let bad = try Env.dir("stream") + "/dup.json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: bad))
        let out = try Env.dir("stream-out") + "/dup.xlsx"
        let result = try Env.bieu(["export", bad, "-o", out])
        #expect(result.status != 0)
        #expect(result.stderr.contains("r12-10"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: (out as NSString).deletingLastPathComponent).isEmpty, "no temporary file left")
    }
}
