import BieuTestSupport
import Foundation
import Testing

/// `--templates DIR` adds to the built-in templates; a template file's errors come all at once.
@Suite("Template options on the command line")
struct TemplateOptionsTests {
    @Test("--templates DIR adds its templates to the built-in ones (and one with a built-in id replaces it)")
    func templatesFolderAdds() throws {
        let dir = try CLI.dir("templates-add")
        let extra = dir + "/mau"
        try FileManager.default.createDirectory(atPath: extra, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root + "/docs/examples/nhiem-vu.yaml", toPath: extra + "/nhiem-vu.yaml")
        // The folder's own template…
        let own = try CLI.run(["export", CLI.root + "/docs/examples/nhiem-vu-2024.json", "--templates", extra, "-o", dir + "/nv.xlsx"])
        #expect(own.status == 0, "\(own.stderr)")
        // …and the built-in ones beside it.
        let builtIn = try CLI.run(["export", CLI.example, "--table", "bieu-01", "--templates", extra, "-o", dir + "/b1.xlsx"])
        #expect(builtIn.status == 0, "\(builtIn.stderr)")
        // A file with a built-in id replaces that template.
        let bieu01 = try String(contentsOfFile: CLI.root + "/Templates/bieu-01.yaml", encoding: .utf8)
            .replacingOccurrences(of: "\nsheet: Biểu 01\n", with: "\nsheet: Biểu 01 riêng\n")
        #expect(bieu01.contains("sheet: Biểu 01 riêng"))
        try bieu01.write(toFile: extra + "/bieu-01.yaml", atomically: true, encoding: .utf8)
        let replaced = try CLI.run(["export", CLI.example, "--table", "bieu-01", "--templates", extra, "-o", dir + "/b2.xlsx"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let sheets = try CLI.run(["inspect", dir + "/b2.xlsx", "--lang", "en"])
        #expect(sheets.stdout.contains("Biểu 01 riêng"), "\(sheets.stdout)")
        // A folder that does not exist is named.
        let missing = try CLI.run(["export", CLI.example, "--templates", dir + "/none", "-o", dir + "/b3.xlsx", "--lang", "en"])
        #expect(missing.status == 2 && missing.stderr.contains(dir + "/none"), "\(missing.stderr)")
    }

    @Test("A template file with three errors gives all three, each with file:line:column, in the chosen language")
    func templateErrorsAtOnce() throws {
        let dir = try CLI.dir("template-errors")
        let yaml = try String(contentsOfFile: CLI.root + "/docs/examples/nhiem-vu.yaml", encoding: .utf8)
        var lines = yaml.components(separatedBy: "\n")
        // An unknown top-level key at the end, a bad version, a bad width in the first column that has one.
        let version = try #require(lines.firstIndex { $0.hasPrefix("version:") })
        lines[version] = "version: many"
        let width = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("width:") })
        lines[width] = lines[width].replacingOccurrences(of: #"width:.*"#, with: "width: wide", options: .regularExpression)
        lines.append("colour: red")
        let path = dir + "/nhiem-vu.yaml"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let en = try CLI.run(["export", CLI.root + "/docs/examples/nhiem-vu-2024.json", "--template-file", path, "-o", dir + "/o.xlsx", "--lang", "en"])
        #expect(en.status == 2)
        let reported = en.stderr.split(separator: "\n").filter { $0.contains("nhiem-vu.yaml:") }
        try #require(reported.count == 3, "\(en.stderr)")
        #expect(reported.map { $0.contains(":\(version + 1):") } == [true, false, false], "\(reported)")
        #expect(reported[1].contains(":\(width + 1):") && reported[1].contains("\"width\""), "\(reported)")
        #expect(reported[2].contains(":\(lines.count):1:") && reported[2].contains("\"colour\""), "\(reported)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/o.xlsx"))
        let vi = try CLI.run(["export", CLI.root + "/docs/examples/nhiem-vu-2024.json", "--template-file", path, "-o", dir + "/o.xlsx"])
        #expect(vi.stderr.split(separator: "\n").filter { $0.contains("Mẫu biểu nhiem-vu.yaml:") }.count == 3, "\(vi.stderr)")
        #expect(!vi.stderr.contains("Template "), "\(vi.stderr)")
    }
}
