import ArgumentParser
import Foundation

/// A fast path for the most common invocations (`bieu export DATA -o OUT …`,
/// `bieu import FILE -o OUT …`, `bieu --version`): they are read by a small
/// scanner into the same command types ArgumentParser builds, skipping its
/// reflection over the whole command tree (10–20 % of a typical command's
/// instructions, most of it runtime conformance look-ups).
///
/// The scanner only accepts what it fully understands: exactly the options each
/// command declares, written `--name value` / `-o value`, each single-valued
/// option at most once, values and positionals that are non-empty and do not
/// start with `-`. Anything else — help, `--opt=value`, unknown or repeated
/// options, a missing required value, input that fails `validate()` — returns
/// nil and ArgumentParser parses it as before, so help, usage and error texts
/// are ArgumentParser's own. Debug builds parse every accepted invocation both
/// ways and stop if the two commands differ (see `FastCommandLine.check`).
enum FastCommandLine {
    /// What `bieu` should do, or nil to let ArgumentParser decide.
    enum Outcome {
        case run(ParsableCommand)
        case printVersion
    }

    static func parse(_ arguments: [String]) -> Outcome? {
        guard let first = arguments.first else { return nil }
        if arguments == ["--version"] { return .printVersion }
        let rest = arguments.dropFirst()
        switch first {
        case "export": return exportCommand(rest).map { .run($0) }
        case "import": return importCommand(rest).map { .run($0) }
        default: return nil
        }
    }

    /// Options, flags and positionals of one command line, as written. Plain
    /// arrays and switches rather than sets and dictionaries: each new generic
    /// type costs a run-time conformance look-up on first use, which is what
    /// this path exists to avoid.
    struct Scan {
        var values: [(key: String, value: String)] = []
        var flags: [String] = []
        var positionals: [String] = []

        /// The value of a single-valued option (nil when absent); `ok` is false
        /// when it was given more than once.
        func single(_ key: String) -> (value: String?, ok: Bool) {
            let v = many(key)
            return (v.first, v.count <= 1)
        }

        func many(_ key: String) -> [String] { values.filter { $0.key == key }.map(\.value) }

        func has(_ flag: String) -> Bool { flags.contains(flag) }
    }

    /// Scans `arguments`; `option` maps an option's spelling to its key (nil: not
    /// an option of the command), `isFlag` tells the flags. Nil for anything
    /// outside the simple shape described above.
    static func scan(_ arguments: ArraySlice<String>, option: (String) -> String?, isFlag: (String) -> Bool) -> Scan? {
        var result = Scan()
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let token = arguments[i]
            guard !token.isEmpty else { return nil }
            if token.hasPrefix("-") {
                if let key = option(token) {
                    let next = arguments.index(after: i)
                    guard next < arguments.endIndex else { return nil }
                    let value = arguments[next]
                    guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
                    result.values.append((key, value))
                    i = arguments.index(after: next)
                    continue
                }
                guard isFlag(token), !result.flags.contains(token) else { return nil }
                result.flags.append(token)
            } else {
                // "help" is a subcommand word for ArgumentParser at some levels: leave it to it.
                guard token != "help" else { return nil }
                result.positionals.append(token)
            }
            i = arguments.index(after: i)
        }
        return result
    }

    /// Keys of the options that TemplateOptions and CommonOptions declare.
    static func sharedOption(_ spelling: String) -> String? {
        switch spelling {
        case "--templates": return "templates"
        case "--template-file": return "template-file"
        case "--lang": return "lang"
        default: return nil
        }
    }

    static func templateOptions(_ scan: Scan) -> TemplateOptions? {
        let templates = scan.single("templates")
        guard templates.ok else { return nil }
        var options = TemplateOptions()
        options.templates = templates.value
        options.templateFiles = scan.many("template-file")
        return options
    }

    static func commonOptions(_ scan: Scan) -> CommonOptions? {
        let lang = scan.single("lang")
        guard lang.ok else { return nil }
        var options = CommonOptions()
        options.lang = lang.value
        return options
    }

    static func exportCommand(_ arguments: ArraySlice<String>) -> ExportCommand? {
        func option(_ spelling: String) -> String? {
            switch spelling {
            case "--table": return "table"
            case "-o", "--output": return "output"
            case "--format": return "format"
            case "--delimiter": return "delimiter"
            case "--encoding": return "encoding"
            case "--number-style": return "number-style"
            default: return sharedOption(spelling)
            }
        }
        func isFlag(_ spelling: String) -> Bool {
            ["--strict", "--no-ids", "--no-title", "--flat-header", "--ids"].contains(spelling)
        }
        guard let scan = scan(arguments, option: option, isFlag: isFlag), scan.positionals.count == 1 else { return nil }
        let output = scan.single("output"), format = scan.single("format")
        let delimiter = scan.single("delimiter"), encoding = scan.single("encoding"), numberStyle = scan.single("number-style")
        guard let out = output.value, output.ok, format.ok, delimiter.ok, encoding.ok, numberStyle.ok,
              let templateOptions = templateOptions(scan), let common = commonOptions(scan) else { return nil }

        var csv = CSVExportOptions()
        csv.delimiter = delimiter.value ?? "comma"
        csv.encoding = encoding.value ?? "utf8-bom"
        csv.numberStyle = numberStyle.value ?? "as-written"
        csv.noTitle = scan.has("--no-title")
        csv.flatHeader = scan.has("--flat-header")
        csv.ids = scan.has("--ids")

        var command = ExportCommand()
        command.data = scan.positionals[0]
        command.table = scan.many("table")
        command.output = out
        command.format = format.value
        command.strict = scan.has("--strict")
        command.noIDs = scan.has("--no-ids")
        command.templateOptions = templateOptions
        command.csv = csv
        command.common = common
        guard valid(templateOptions), valid(csv), valid(common), valid(command) else { return nil }
        return command
    }

    static func importCommand(_ arguments: ArraySlice<String>) -> ImportCommand? {
        func option(_ spelling: String) -> String? {
            switch spelling {
            case "--template": return "template"
            case "--base": return "base"
            case "--strategy": return "strategy"
            case "-o", "--output": return "output"
            default: return sharedOption(spelling)
            }
        }
        func isFlag(_ spelling: String) -> Bool { ["--batch", "--dry-run", "--force", "--strict"].contains(spelling) }
        guard let scan = scan(arguments, option: option, isFlag: isFlag), !scan.positionals.isEmpty else { return nil }
        let template = scan.single("template"), base = scan.single("base")
        let strategy = scan.single("strategy"), output = scan.single("output")
        guard template.ok, base.ok, strategy.ok, output.ok,
              let templateOptions = templateOptions(scan), let common = commonOptions(scan) else { return nil }

        var input = ImportInputOptions()
        input.template = template.value
        input.base = base.value

        var command = ImportCommand()
        command.inputs = scan.positionals
        command.input = input
        command.strategy = strategy.value ?? "update"
        command.output = output.value
        command.batch = scan.has("--batch")
        command.dryRun = scan.has("--dry-run")
        command.force = scan.has("--force")
        command.strict = scan.has("--strict")
        command.templateOptions = templateOptions
        command.common = common
        guard valid(input), valid(templateOptions), valid(common), valid(command) else { return nil }
        return command
    }

    /// Runs a command's or an option group's own validation, as ArgumentParser
    /// does after decoding; a failure is left to ArgumentParser to report.
    static func valid<T: ParsableArguments>(_ value: T) -> Bool {
        var copy = value
        return (try? copy.validate()) != nil
    }

    #if DEBUG
    /// Debug builds: the command the fast path built must be the one
    /// ArgumentParser builds from the same arguments, field by field.
    static func check(_ command: ParsableCommand, _ arguments: [String]) {
        let fast = String(describing: command)
        let full: String
        do {
            full = String(describing: try Bieu.parseAsRoot(arguments))
        } catch {
            full = "ArgumentParser error: \(error)"
        }
        if fast != full {
            FileHandle.standardError.write(Data("bieu: fast command-line path differs from ArgumentParser\n  fast: \(fast)\n  full: \(full)\n".utf8))
            exit(70)
        }
        if ProcessInfo.processInfo.environment["BIEU_DEBUG_FAST_PATH"] != nil {
            FileHandle.standardError.write(Data("bieu: fast command-line path: \(fast)\n".utf8))
        }
    }
    #endif
}
