import BieuTestSupport
import Foundation
import Testing

/// Every ```sh block of README.md and docs/*.md is run, so the documentation
/// cannot drift from the tool.
///
/// The blocks of one file run in order in one fresh folder that holds a copy of
/// `Examples/` and `docs/examples/`, with `bieu` (the built executable) on PATH, each as a bash script
/// with `set -euo pipefail`: every command must succeed. HTML comments right
/// before a block's fence steer it (they do not show on GitHub):
///
///     <!-- docs-test: skip (why) -->             the block is not run (it builds, installs…)
///     <!-- docs-test: setup: SHELL COMMAND -->   run first (files the block expects)
///
/// A new doc needs nothing more: a new file in docs/ is picked up, and a block that
/// needs files made first says so with a setup comment.
@Suite("Documentation commands")
struct DocsCommandTests {
    struct Block: CustomStringConvertible {
        var file: String
        var line: Int
        var script: String
        var setup: [String]
        var skipped: Bool
        var description: String { "\(file):\(line)" }
    }

    static func documents() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: CLI.root + "/docs").filter { $0.hasSuffix(".md") }.sorted()
        return ["README.md"] + docs.map { "docs/" + $0 }
    }

    static func blocks(in file: String) throws -> [Block] {
        let lines = try String(contentsOfFile: CLI.root + "/" + file, encoding: .utf8).components(separatedBy: "\n")
        var out: [Block] = []
        var i = 0
        while i < lines.count {
            guard lines[i].trimmingCharacters(in: .whitespaces) == "```sh" else { i += 1; continue }
            var setup: [String] = []
            var skipped = false
            var j = i - 1
            while j >= 0, lines[j].hasPrefix("<!-- docs-test:") {
                let body = lines[j].dropFirst("<!-- docs-test:".count).replacingOccurrences(of: "-->", with: "")
                    .trimmingCharacters(in: .whitespaces)
                if body.hasPrefix("skip") { skipped = true }
                if body.hasPrefix("setup:") { setup.insert(String(body.dropFirst("setup:".count)).trimmingCharacters(in: .whitespaces), at: 0) }
                j -= 1
            }
            var body: [String] = []
            var k = i + 1
            while k < lines.count, lines[k].trimmingCharacters(in: .whitespaces) != "```" { body.append(lines[k]); k += 1 }
            out.append(Block(file: file, line: i + 1, script: body.joined(separator: "\n"), setup: setup, skipped: skipped))
            i = k + 1
        }
        return out
    }

    @Test("The parser finds blocks, setup and skip comments")
    func parsesMarkers() throws {
        let readme = try Self.blocks(in: "README.md")
        #expect(readme.count >= 3)
        #expect(readme.contains { $0.skipped })
        #expect(readme.contains { !$0.setup.isEmpty })
        #expect(readme.filter { !$0.skipped }.allSatisfy { $0.script.contains("bieu ") })
    }

    @Test("Every sh block of README.md and docs/*.md runs", arguments: try documents())
    func blocksRun(file: String) throws {
        let blocks = try Self.blocks(in: file).filter { !$0.skipped }
        guard !blocks.isEmpty else { return }
        let dir = try CLI.dir("docs")
        try FileManager.default.copyItem(atPath: CLI.root + "/Examples", toPath: dir + "/Examples")
        try FileManager.default.createDirectory(atPath: dir + "/docs", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root + "/docs/examples", toPath: dir + "/docs/examples")
        try FileManager.default.createDirectory(atPath: dir + "/.bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/.bin/bieu", withDestinationPath: CLI.binary)
        let path = dir + "/.bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for block in blocks {
            let script = "set -euo pipefail\n" + block.setup.joined(separator: "\n") + "\n" + block.script + "\n"
            let out = try ExternalTools.run("bash", ["-c", script], timeout: 600,
                                            environment: ["PATH": path, "BIEU_TEMPLATES": CLI.root + "/Templates", "BIEU_LANG": "", "NO_COLOR": "1"],
                                            currentDirectory: dir)
            #expect(out.status == 0, "\(block) failed (exit \(out.status)):\n\(out.stderr.suffix(3000))")
        }
    }
}
