import BieuTestSupport
import Foundation
import Testing

/// The command-line fast path (Sources/bieu/FastCommandLine.swift). The debug
/// build of bieu that these tests run parses every invocation the fast path
/// accepts a second time with ArgumentParser and exits with 70 when the two
/// commands differ in any field; BIEU_DEBUG_FAST_PATH makes it say when the
/// fast path was taken.
@Suite("Command-line fast path")
struct FastCommandLineTests {
    static func run(_ arguments: [String]) throws -> ExternalTools.Output {
        try ExternalTools.run(Env.bieuBinary, arguments,
                              environment: ["BIEU_TEMPLATES": Env.root + "/Templates", "BIEU_DEBUG_FAST_PATH": "1"])
    }

    static let data = Env.root + "/Examples/tam-duong-2024.json"

    /// Invocations the fast path takes; each also runs (their outputs go to a temporary folder).
    static func taken(_ dir: String) -> [[String]] {
        [
            ["export", data, "--table", "bieu-01", "-o", dir + "/a.xlsx"],
            ["export", data, "-o", dir + "/b.xlsx"],
            ["export", "--table", "bieu-01", "--table", "bieu-02", data, "--output", dir + "/c.xlsx", "--strict", "--no-ids", "--lang", "en"],
            ["export", data, "--table", "bieu-01", "--format", "csv", "--delimiter", "semicolon", "--encoding", "utf8",
             "--number-style", "vi", "--no-title", "--flat-header", "--ids", "-o", dir + "/d.csv", "--templates", Env.root + "/Templates"],
            ["export", data, "--table", "bieu-02", "-o", dir + "/e.csv", "--template-file", Env.root + "/Templates/bieu-02.yaml",
             "--template-file", Env.root + "/Templates/bieu-01.yaml"],
            ["export", dir + "/missing.json", "-o", dir + "/f.xlsx"],
            ["import", dir + "/a.xlsx", "-o", dir + "/a.json"],
            ["import", dir + "/d.csv", "--template", "bieu-01", "--base", data, "--strategy", "new-only", "--dry-run", "--force",
             "--strict", "--lang", "en"],
            ["import", "--batch", dir + "/a.xlsx", dir + "/c.xlsx", "-o", dir + "/batch"],
            ["import", dir + "/a.xlsx", "--dry-run", "--templates", Env.root + "/Templates", "--strategy", "replace"],
        ]
    }

    @Test("common invocations take the fast path and build exactly ArgumentParser's command")
    func takenMatchesArgumentParser() throws {
        let dir = try Env.dir("fast-cli")
        for arguments in Self.taken(dir) {
            let out = try Self.run(arguments)
            #expect(out.status != 70, "\(arguments): \(out.stderr)")
            #expect(!out.stderr.contains("differs from ArgumentParser"), "\(arguments): \(out.stderr)")
            #expect(out.stderr.contains("fast command-line path:"), "fast path not taken for \(arguments)")
        }
        // The commands did their work.
        #expect(FileManager.default.fileExists(atPath: dir + "/a.xlsx"))
        #expect(FileManager.default.fileExists(atPath: dir + "/a.json"))
        #expect(FileManager.default.fileExists(atPath: dir + "/d.csv"))
    }

    @Test("anything unusual is left to ArgumentParser, with its messages and exit codes")
    func declinedGoesToArgumentParser() throws {
        let dir = try Env.dir("fast-cli-declined")
        let cases: [(arguments: [String], status: Int32, stderr: String?)] = [
            (["export", Self.data], 64, "Missing expected argument '--output <output>'"),
            (["export", Self.data, "-o", dir + "/x.xlsx", "--delimiter", "pipe"], 64, "--delimiter: comma | semicolon | tab"),
            (["export", Self.data, "-o", dir + "/x.xlsx", "-o", dir + "/y.xlsx"], -2, nil),
            (["export", Self.data, "--table=bieu-01", "-o", dir + "/x.xlsx"], -2, nil),
            (["export", Self.data, "-o", dir + "/x.xlsx", "--unknown"], 64, "Unknown option '--unknown'"),
            (["export", Self.data, "-o", dir + "/x.xlsx", "--strict", "--strict"], -2, nil),
            (["export", "--help"], 0, nil),
            (["import", dir + "/x.xlsx"], 64, "-o FILE.json is required"),
            (["import", dir + "/x.xlsx", dir + "/y.xlsx", "-o", dir + "/o.json"], 64, "several files need --batch"),
            (["import", dir + "/x.xlsx", "-o", dir + "/o.json", "--strategy", "merge"], 64, "--strategy"),
            (["import", "-h"], 0, nil),
            (["validate", dir + "/x.xlsx"], -2, nil),
        ]
        for c in cases {
            let out = try Self.run(c.arguments)
            #expect(!out.stderr.contains("fast command-line path"), "\(c.arguments) took the fast path")
            if c.status != -2 { #expect(out.status == c.status, "\(c.arguments): exit \(out.status), \(out.stderr)") }
            if let text = c.stderr { #expect(out.stderr.contains(text), "\(c.arguments): \(out.stderr)") }
        }
        let help = try Self.run(["export", "--help"])
        #expect(help.stdout.contains("USAGE: bieu export [<options>] <data> --output <output>"))
    }

    @Test("bieu --version prints the version as ArgumentParser did")
    func version() throws {
        let out = try Self.run(["--version"])
        #expect(out.status == 0)
        #expect(out.stdout == "0.1.0\n")
        #expect(out.stderr.isEmpty)
    }
}
