import BieuTestSupport
import Foundation
import Testing

/// Every command's help, found by walking the command tree from `bieu --help`, is wholly in the
/// language asked for: English help has no Vietnamese letters, Vietnamese help no English words
/// and no English value names (`<file>`). Quoted texts are example data ("Xã Bản Bo").
@Suite("Help in one language, every command")
struct HelpLanguageTests {
    /// The subcommands a help text lists (its SUBCOMMANDS section), in English.
    static func subcommands(of command: [String]) throws -> [[String]] {
        let out = try CLI.run(["--lang", "en"] + command + ["--help"])
        guard let start = out.stdout.range(of: "SUBCOMMANDS:") else { return [] }
        var found: [[String]] = []
        for line in out.stdout[start.upperBound...].split(separator: "\n") {
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { if !line.hasPrefix(" ") { break } else { continue } }
            guard let word = line.split(separator: " ").first, word.allSatisfy({ $0.isLetter || $0 == "-" }), word != "See" else { continue }
            found.append(command + [String(word)])
        }
        return found
    }

    /// Every command of the tree, the root included.
    static func allCommands() throws -> [[String]] {
        var all: [[String]] = [[]]
        var queue: [[String]] = [[]]
        while let next = queue.first {
            queue.removeFirst()
            let children = try subcommands(of: next)
            all += children
            queue += children
        }
        return all
    }

    static func unquoted(_ text: String) -> String { CommandLineTests.unquoted(text) }

    /// Words of English prose that a Vietnamese help must not hold (command names, option names and
    /// option values such as `update`, `text`, `json` are typed by the user and are not prose).
    static let englishWords: Set<String> = [
        "the", "of", "and", "or", "to", "an", "is", "are", "with", "for", "from", "by", "on", "as", "at", "this", "that",
        "each", "every", "one", "file", "files", "folder", "default", "show", "help", "information", "usage", "options", "arguments",
        "subcommand", "subcommands", "see", "detailed", "error", "errors", "warning", "warnings", "value", "values", "table", "tables",
        "output", "outputs", "input", "inputs", "data", "period", "units", "unit", "store", "wait", "password", "contact", "path",
        "name", "year", "number", "rows", "term", "issuer", "base", "seconds", "revision", "target", "encoding", "format", "examples",
        "report", "workbook", "workbooks", "sheet", "sheets", "template", "templates", "round", "id",
    ]

    @Test("The walk finds every command, the round subcommands included")
    func walk() throws {
        let all = try Self.allCommands()
        for command in [["export"], ["import"], ["template"], ["round"], ["round", "new"], ["round", "receive"], ["round", "status"],
                        ["round", "feedback"], ["round", "consolidate"], ["round", "history"]] {
            #expect(all.contains(command), "\(command) not found in \(all)")
        }
    }

    @Test("English help: no Vietnamese letters outside quoted example data, for every command")
    func english() throws {
        for command in try Self.allCommands() {
            let out = try CLI.run(["--lang", "en"] + command + ["--help"])
            #expect(out.status == 0, "\(command): \(out.stderr)")
            let vietnamese = Self.unquoted(out.stdout).unicodeScalars.filter { $0.value > 0x7F && $0.properties.isAlphabetic }
            #expect(vietnamese.isEmpty, "\(command): \(String(String.UnicodeScalarView(vietnamese)))\n\(out.stdout)")
        }
    }

    @Test("Vietnamese help: no English words or value names outside option names, commands and quoted data, for every command")
    func vietnamese() throws {
        for command in try Self.allCommands() {
            let out = try CLI.run(["--lang", "vi"] + command + ["--help"])
            #expect(out.status == 0, "\(command): \(out.stderr)")
            var text = Self.unquoted(out.stdout)
            // Value names: every one is Vietnamese (or a list of literal values such as <vi|en>).
            let english = try CLI.run(["--lang", "en"] + command + ["--help"]).stdout
            let valueNames = { (s: String) in Set(s.matches(of: /<([^<>\s]+)>/).map { String($0.output.1) }) }
            let shared = valueNames(text).intersection(valueNames(english)).filter { !$0.contains("|") }
            #expect(shared.isEmpty, "\(command): value names left in English: \(shared.sorted())\n\(out.stdout)")
            // Prose: strip what the user types (options, example command lines, file names), then look for English words.
            // Paths, file names, keys and ids (`Templates/`, `docs/STAFF-WORKBOOKS.md`, `bieu:id`, `aggregate_rows`),
            // `bieu help …`, and the option values shown as choices (`as-written | vi | plain`).
            text = text.replacing(/[A-Za-z0-9_.:\/-]*[\/.:_][A-Za-z0-9_.:\/-]*/, with: " ")
            text = text.replacing(/(^|[^A-Za-z0-9-])[a-z0-9]+(-[a-z0-9]+)+/.anchorsMatchLineEndings(), with: " ")   // literal values: new-only, as-written, utf8-bom
            text = text.replacing(/--?[a-z][a-z0-9-]*/, with: " ")
            text = text.replacing(/'bieu help[^']*'/, with: " ")
            text = text.replacing(/[a-z-]+( \| [a-z0-9-]+)+/, with: " ")
            let prose = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("bieu ") }
            let commandNames = Set((try Self.allCommands()).compactMap(\.last))
            for line in prose {
                for word in line.split(whereSeparator: { !$0.isLetter }) where !commandNames.contains(String(word)) {
                    #expect(!Self.englishWords.contains(word.lowercased()),
                            "\(command): English word \"\(word)\" in \"\(line)\"")
                }
            }
        }
    }
}
