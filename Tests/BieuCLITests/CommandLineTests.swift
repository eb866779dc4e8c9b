import BieuTestSupport
import Foundation
import Testing

/// Issue 15, command line: careful by default.
@Suite("Command line")
struct CommandLineTests {
    static func listing(_ dir: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    // MARK: 9 — folders, batch outputs, file-system errors, C library output

    @Test("A missing output folder is an error naming it (no folder is created) unless --mkdir")
    func noParentFolders() throws {
        let dir = try CLI.dir("mkdir")
        let target = dir + "/a/b/out.xlsx"
        let refused = try CLI.run(["export", CLI.example, "--table", "bieu-01", "-o", target])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(dir + "/a/b") && refused.stderr.contains("--mkdir"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/a"))
        let made = try CLI.run(["export", CLI.example, "--table", "bieu-01", "-o", target, "--mkdir"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: target))
        let root = try CLI.run(["normalize", CLI.example, "-o", "/nonexistent-bieu-dir/y.json"])
        #expect(root.status == 2)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-bieu-dir"))
    }

    @Test("import --batch -o must be a folder, and says so")
    func batchOutputIsAFolder() throws {
        let dir = try CLI.dir("batch")
        _ = try CLI.run(["export", CLI.example, "--table", "bieu-01", "-o", dir + "/in.xlsx"])
        let out = try CLI.run(["import", "--batch", dir + "/in.xlsx", "-o", dir + "/tong.json"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("cần một thư mục"), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/tong.json"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/file"))
        let onFile = try CLI.run(["import", "--batch", dir + "/in.xlsx", "-o", dir + "/file", "--lang", "en"])
        #expect(onFile.status != 0)
        #expect(onFile.stderr.contains("a folder is needed"), "\(onFile.stderr)")
    }

    @Test("File-system errors are translated and name the path; nothing raw from Foundation or libxlsxwriter", arguments: ["xlsx", "csv", "json"])
    func fileSystemErrors(ext: String) throws {
        // /proc refuses new files even to root (tests may run as root, for whom chmod changes nothing).
        let target = "/proc/bieu-out." + ext
        let args = ext == "json" ? ["normalize", CLI.example, "-o", target] : ["export", CLI.example, "--table", "bieu-01", "-o", target]
        for language in ["vi", "en"] {
            let out = try CLI.run(args + ["--lang", language])
            #expect(out.status == 2)
            #expect(out.stderr.contains(target), "\(out.stderr)")
            #expect(!out.stderr.contains("NSCocoaErrorDomain") && !out.stderr.contains("[ERROR]") && !out.stderr.contains("[WARNING]"), "\(out.stderr)")
            let lines = out.stderr.split(separator: "\n")
            #expect(lines.allSatisfy { $0.hasPrefix(language == "vi" ? "Lỗi: " : "Error: ") }, "\(out.stderr)")
            if language == "vi" { #expect(!out.stderr.contains("No such file") && !out.stderr.contains("Permission denied"), "\(out.stderr)") }
        }
        let folder = try CLI.run(["import", "--batch", CLI.example, "-o", "/proc/bieu-batch/out", "--mkdir"])
        #expect(!folder.stderr.contains("NSCocoaErrorDomain") && folder.stderr.contains("/proc/bieu-batch"), "\(folder.stderr)")
    }

    // MARK: 10 — options that do nothing are refused; language of help

    @Test("Options that would do nothing are refused", arguments: [
        ["template", "bieu-01", "--data", "EXAMPLE", "--term", "2020-2025", "-o", "OUT.xlsx"],
        ["template", "bieu-01", "--data", "EXAMPLE", "--issuer", "X", "-o", "OUT.xlsx"],
        ["template", "bieu-01", "--data", "EXAMPLE", "--rows", "40", "-o", "OUT.xlsx"],
        ["template", "bieu-01", "--extra-rows", "3", "-o", "OUT.xlsx"],
        ["export", "EXAMPLE", "--table", "bieu-01", "--delimiter", "tab", "-o", "OUT.xlsx"],
        ["export", "EXAMPLE", "--table", "bieu-01", "--no-ids", "-o", "OUT.csv"],
        ["export", "EXAMPLE", "-o", "OUT.xlsx", "--lang", "fr"],
        ["import", "OUT.xlsx", "--dry-run", "-o", "OUT.json"],
    ])
    func uselessOptionsRefused(arguments: [String]) throws {
        let dir = try CLI.dir("useless")
        let args = arguments.map { $0.replacingOccurrences(of: "EXAMPLE", with: CLI.example).replacingOccurrences(of: "OUT", with: dir + "/out") }
        let out = try CLI.run(args)
        #expect(out.status == 64, "\(args): exit \(out.status) \(out.stderr)")
        #expect(try Self.listing(dir).isEmpty)
    }

    @Test("BIEU_LANG other than vi or en is refused")
    func environmentLanguageRefused() throws {
        let out = try CLI.run(["--version"], environment: ["BIEU_LANG": "fr"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("BIEU_LANG=fr"))
    }

    /// Quoted texts (example data such as "Xã Bản Bo") are not words of the help.
    static func unquoted(_ text: String) -> String {
        text.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
    }

    static let commands: [[String]] = [[], ["export"], ["import"], ["validate"], ["diff"], ["inspect"], ["normalize"], ["template"]]

    @Test("bieu --lang en --help is English throughout, for every command", arguments: commands)
    func englishHelp(command: [String]) throws {
        for args in [["--lang", "en"] + command + ["--help"], command + ["--help"]] {
            let out = try CLI.run(args, environment: args.first == "--lang" ? [:] : ["BIEU_LANG": "en"])
            #expect(out.status == 0)
            let text = Self.unquoted(out.stdout)
            let vietnamese = text.unicodeScalars.filter { $0.value > 0x7F && $0.properties.isAlphabetic }
            #expect(vietnamese.isEmpty, "\(args): \(String(String.UnicodeScalarView(vietnamese)))\n\(out.stdout)")
            #expect(text.contains("USAGE") && text.contains("OPTIONS"))
        }
    }

    @Test("bieu --lang vi --help (and the default) is Vietnamese throughout, for every command", arguments: commands)
    func vietnameseHelp(command: [String]) throws {
        for args in [["--lang", "vi"] + command + ["--help"], command + ["--help"]] {
            let out = try CLI.run(args)
            #expect(out.status == 0)
            let text = Self.unquoted(out.stdout)
            for word in ["USAGE", "OPTIONS", "ARGUMENTS", "SUBCOMMANDS", "OVERVIEW", "Show ", "default", " the ", " and ", " or ",
                         " file", "File", "Examples:", "Report", " / ", "<subcommand>", "Export", "Import", "Table"] {
                #expect(!text.contains(word), "\(args): \"\(word)\" in\n\(out.stdout)")
            }
            #expect(text.contains("CÁCH DÙNG") && text.contains("TUỲ CHỌN"))
        }
    }

    @Test("ArgumentParser's own errors are in the chosen language")
    func parserErrorsTranslated() throws {
        let vi = try CLI.run(["export", CLI.example])
        #expect(vi.status == 64)
        #expect(vi.stderr.hasPrefix("Lỗi: Thiếu giá trị") || vi.stderr.hasPrefix("Lỗi: Thiếu tham số"), "\(vi.stderr)")
        #expect(!vi.stderr.contains("Missing") && !vi.stderr.contains("Usage:"), "\(vi.stderr)")
        let en = try CLI.run(["export", CLI.example, "--lang", "en"])
        #expect(en.stderr.hasPrefix("Error: Missing"), "\(en.stderr)")
    }

    @Test("validate --template reads a CSV with that template, and names an unknown one")
    func validateTemplate() throws {
        let dir = try CLI.dir("validate")
        _ = try CLI.run(["export", CLI.example, "--table", "bieu-02", "-o", dir + "/b.csv"])
        let ok = try CLI.run(["validate", dir + "/b.csv", "--template", "bieu-02", "--format", "json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("bieu-02"))
        let unknown = try CLI.run(["validate", dir + "/b.csv", "--template", "bieu-99"])
        #expect(unknown.status == 2)
        #expect(unknown.stdout.contains("unknown-template") && unknown.stdout.contains("bieu-99"), "\(unknown.stdout)")
    }

    // MARK: 11 — an existing output is kept as .bak

    @Test("An existing output is kept as NAME.bak, with a note", arguments: ["xlsx", "csv", "json"])
    func existingOutputKept(ext: String) throws {
        let dir = try CLI.dir("bak")
        let out = dir + "/out." + ext
        try Data("old content".utf8).write(to: URL(fileURLWithPath: out))
        let args = ext == "json" ? ["normalize", CLI.example, "-o", out] : ["export", CLI.example, "--table", "bieu-01", "-o", out]
        let run = try CLI.run(args)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(out + ".bak"), "\(run.stderr)")
        #expect(try String(contentsOfFile: out + ".bak", encoding: .utf8) == "old content")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) != Data("old content".utf8))
        #expect(try Self.listing(dir) == ["out.\(ext)", "out.\(ext).bak"])
    }

    // MARK: 13 — colour on terminals only

    /// Runs bieu under a pseudo-terminal (util-linux `script`), so that standard error is a tty.
    static func onTerminal(_ arguments: [String], noColor: Bool) throws -> String {
        let command = ([CLI.binary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        var env = ["BIEU_TEMPLATES": CLI.root + "/Templates", "TERM": "xterm"]
        env["NO_COLOR"] = noColor ? "1" : ""
        let out = try ExternalTools.run("script", ["-qec", command, "/dev/null"], environment: env)
        return out.stdout
    }

    @Test("Errors are coloured on a terminal, not with NO_COLOR, not when piped")
    func colour() throws {
        let args = ["export", "/nonexistent/data.json", "-o", "/tmp/x.xlsx"]
        let tty = try Self.onTerminal(args, noColor: false)
        #expect(tty.contains("\u{1B}[1;31mLỗi:"), "\(tty.debugDescription)")
        let plain = try Self.onTerminal(args, noColor: true)
        #expect(plain.contains("Lỗi:") && !plain.contains("\u{1B}["), "\(plain.debugDescription)")
        let piped = try CLI.run(args)
        #expect(piped.stderr.hasPrefix("Lỗi:") && !piped.stderr.contains("\u{1B}["))
    }

    @Test("Vietnamese file-system messages have no English words")
    func vietnameseMessages() throws {
        let dir = try CLI.dir("vi-messages")
        for args in [["export", dir + "/missing.json", "-o", dir + "/x.xlsx"], ["normalize", dir, "-o", dir + "/x.json"],
                     ["import", dir + "/missing.xlsx", "-o", dir + "/x.json"], ["inspect", dir + "/missing.csv"]] {
            let out = try CLI.run(args)
            #expect(out.status != 0)
            for word in ["No such", "file or directory", "Is a directory", "Permission", "denied", "error", "Error"] {
                #expect(!out.stderr.contains(word), "\(args): \(out.stderr)")
            }
        }
    }

    // MARK: 14 — import without --base says what it assumed

    @Test("Import without --base says what it assumed; --period and --issuer set them")
    func importAssumptions() throws {
        let dir = try CLI.dir("assume")
        _ = try CLI.run(["export", CLI.example, "--table", "bieu-01", "--no-title", "-o", dir + "/b.csv"])
        let plain = try CLI.run(["import", dir + "/b.csv", "--template", "bieu-01", "-o", dir + "/a.json"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("kỳ báo cáo là năm") && plain.stderr.contains("--period"), "\(plain.stderr)")
        #expect(plain.stderr.contains("cơ quan ban hành để trống") && plain.stderr.contains("nhiệm kỳ"), "\(plain.stderr)")
        let set = try CLI.run(["import", dir + "/b.csv", "--template", "bieu-01", "--period", "2031", "--issuer", "Huyện ủy Tam Đường",
                               "-o", dir + "/b.json"])
        #expect(set.status == 0, "\(set.stderr)")
        let json = try String(contentsOfFile: dir + "/b.json", encoding: .utf8)
        #expect(json.contains("\"year\": 2031") || json.contains("\"year\":2031"), "\(json.prefix(400))")
        #expect(json.contains("Huyện ủy Tam Đường"))
        let withBase = try CLI.run(["import", dir + "/b.csv", "--base", CLI.example, "--period", "2031", "-o", dir + "/c.json"])
        #expect(withBase.status == 64)
    }

    // MARK: 15 — an output that is an input

    @Test("An output that is one of the inputs is refused (real paths), the input untouched")
    func outputIsInput() throws {
        let dir = try CLI.dir("same")
        let data = dir + "/io.json"
        try FileManager.default.copyItem(atPath: CLI.example, toPath: data)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: data)
        let before = try Data(contentsOf: URL(fileURLWithPath: data))
        for (args, cwd) in [(["export", data, "--format", "csv", "--table", "bieu-01", "-o", data], dir),
                            (["export", "io.json", "--format", "csv", "--table", "bieu-01", "-o", "./io.json"], dir),
                            (["export", data, "--format", "xlsx", "-o", dir + "/link.json"], dir),
                            (["normalize", "link.json", "-o", "io.json"], dir)] {
            let out = try CLI.run(args, in: cwd)
            #expect(out.status == 2, "\(args): \(out.stderr)")
            #expect(out.stderr.contains("io.json"), "\(out.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: data)) == before)
        #expect(try Self.listing(dir) == ["io.json", "link.json"])
    }

    // MARK: 18 — temporary files

    @Test("A stale temporary file of the output (its process gone) is removed on the next run; a live one is kept")
    func staleTemporaries() throws {
        let dir = try CLI.dir("stale")
        let stale = dir + "/.out.xlsx.bieu-2147483646-abc.tmp"       // no such process
        let live = dir + "/.out.xlsx.bieu-1-abc.tmp"                 // init: alive
        let other = dir + "/.other.xlsx.bieu-2147483646-abc.tmp"     // another output
        for f in [stale, live, other] { try Data("partial".utf8).write(to: URL(fileURLWithPath: f)) }
        let out = try CLI.run(["export", CLI.example, "--table", "bieu-01", "-o", dir + "/out.xlsx"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try Self.listing(dir) == [".other.xlsx.bieu-2147483646-abc.tmp", ".out.xlsx.bieu-1-abc.tmp", "out.xlsx"])
    }

    @Test("SIGTERM and SIGINT during an export remove its temporary file", arguments: [SIGTERM, SIGINT])
    func signalRemovesTemporary(signal: Int32) throws {
        let dir = try CLI.dir("signal")
        // A report large enough that the export is still running when the signal comes.
        let big = dir + "/big.json"
        try ExternalTools.run("python3", [CLI.root + "/Benchmarks/tools/generate.py", "60000", dir + "/big.in.json"])
        let norm = try CLI.run(["normalize", dir + "/big.in.json", "-o", big])
        #expect(norm.status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        // CSV: its temporary file is written from the first row (libxlsxwriter writes an XLSX only at the end).
        process.arguments = ["export", big, "-o", dir + "/out.csv"]
        process.environment = ["BIEU_TEMPLATES": CLI.root + "/Templates"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the temporary file exists, then signal.
        var sawTemporary = false
        for _ in 0..<400 {
            if (try Self.listing(dir)).contains(where: { $0.hasPrefix(".out.csv.bieu-") }) { sawTemporary = true; break }
            usleep(5_000)
        }
        usleep(200_000)   // well inside the export
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(sawTemporary)
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        let left = try Self.listing(dir)
        #expect(left.filter { $0.hasPrefix(".") }.isEmpty, "\(left)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.csv"))
    }

    // MARK: README example that failed

    @Test("--encoding utf16le --delimiter tab -o out.txt writes a UTF-16 tab-separated CSV")
    func textOutputIsCSV() throws {
        let dir = try CLI.dir("txt")
        let out = try CLI.run(["export", CLI.example, "--table", "bieu-01", "--encoding", "utf16le", "--delimiter", "tab", "-o", dir + "/b.txt"])
        #expect(out.status == 0, "\(out.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/b.txt"))
        #expect(bytes.starts(with: [0xFF, 0xFE]))
        let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        let text = String(decoding: units, as: UTF16.self)
        #expect(text.contains("\t") && text.contains("Chỉ tiêu"), "\(text.prefix(200))")
        let unknown = try CLI.run(["export", CLI.example, "-o", dir + "/b.pdf"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--format"))
    }
}
