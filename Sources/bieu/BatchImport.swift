import BieuCore
import BieuImport
import BieuModel
import BieuTemplates
import Dispatch
import Foundation

/// `bieu import --batch`: many files on all cores, with progress on standard
/// error (a bar on a terminal, plain lines otherwise) and a summary table per
/// file on standard output. A bad file is reported and the batch goes on.
struct BatchImport {
    let inputs: [String]
    /// nil: check only (--dry-run).
    let outputFolder: String?
    let options: ImportOptions
    let catalog: TemplateCatalog
    let force: Bool
    let strict: Bool
    let language: Language

    struct Outcome: Sendable {
        var file: String
        var rows = 0
        var errors = 0
        var warnings = 0
        var seconds = 0.0
        var written: String?
        /// Why the file could not be read at all.
        var failure: String?
    }

    static let extensions: Set<String> = ["xlsx", "xlsm", "csv", "txt", "tsv"]

    /// The files to import: given files as they are, folders searched (recursively) for spreadsheet files.
    func files() throws -> [String] {
        var result: [String] = []
        for input in inputs {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
                throw BieuMessageError(vi: "Không có tệp hoặc thư mục \(input)", en: "No such file or folder: \(input)")
            }
            if isDir.boolValue {
                let found = (FileManager.default.enumerator(atPath: input)?.compactMap { $0 as? String } ?? [])
                    .filter { Self.extensions.contains(($0 as NSString).pathExtension.lowercased()) && !($0 as NSString).lastPathComponent.hasPrefix(".") && !($0 as NSString).lastPathComponent.hasPrefix("~$") }
                    .sorted()
                result += found.map { (input as NSString).appendingPathComponent($0) }
            } else {
                result.append(input)
            }
        }
        return result
    }

    func run() throws -> Int32 {
        let files = try files()
        guard !files.isEmpty else {
            throw BieuMessageError(vi: "Không tìm thấy tệp XLSX/CSV nào để nhập", en: "No XLSX/CSV files to import")
        }
        if let outputFolder { try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true) }
        let names = outputNames(files)
        let progress = Progress(total: files.count, language: language)
        let results = ResultBox(count: files.count)
        let options = self.options, catalog = self.catalog, outputFolder = self.outputFolder, language = self.language
        let started = Date()
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let t0 = Date()
            var outcome = Outcome(file: files[i])
            do {
                let target = outputFolder.map { ($0 as NSString).appendingPathComponent(names[i]) }
                let done = try FileImport.run(path: files[i], catalog: catalog, options: options, output: target, language: language)
                outcome.rows = done.summary.rows
                outcome.errors = done.summary.errors
                outcome.warnings = done.summary.warnings
                if done.wrote { outcome.written = target }
            } catch {
                outcome.failure = (error as? UserFacingError)?.message(language) ?? "\(error)"
                outcome.errors += 1
            }
            outcome.seconds = Date().timeIntervalSince(t0)
            results.set(i, outcome)
            progress.done(outcome)
        }
        progress.finish()
        let outcomes = results.all
        print(table(outcomes, elapsed: Date().timeIntervalSince(started)), terminator: "")
        if outcomes.contains(where: { $0.errors > 0 }) { return 2 }
        if strict && outcomes.contains(where: { $0.warnings > 0 }) { return 1 }
        return 0
    }

    /// `name.json` per input; the same base name twice gets `name-2.json`.
    func outputNames(_ files: [String]) -> [String] {
        var used: [String: Int] = [:]
        return files.map { f in
            let base = ((f as NSString).lastPathComponent as NSString).deletingPathExtension
            let n = used[base, default: 0] + 1
            used[base] = n
            return n == 1 ? base + ".json" : "\(base)-\(n).json"
        }
    }

    func table(_ outcomes: [Outcome], elapsed: Double) -> String {
        let vi = language == .vi
        let header = vi ? ["Tệp", "Dòng", "Lỗi", "Cảnh báo", "Thời gian", "Kết quả"] : ["File", "Rows", "Errors", "Warnings", "Time", "Result"]
        var rows: [[String]] = []
        for o in outcomes {
            let result: String
            if let f = o.failure { result = (vi ? "không đọc được: " : "unreadable: ") + f }
            else if let w = o.written { result = (w as NSString).lastPathComponent }
            else if outputFolder == nil { result = vi ? "(chỉ kiểm tra)" : "(checked only)" }
            else { result = vi ? "không ghi (có lỗi)" : "not written (errors)" }
            rows.append([(o.file as NSString).lastPathComponent, String(o.rows), String(o.errors), String(o.warnings),
                         String(format: "%.0f ms", o.seconds * 1000), result])
        }
        var widths = header.map { $0.count }
        for r in rows { for (i, c) in r.enumerated() where i < 5 { widths[i] = max(widths[i], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in i < 5 ? (i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0) : String(repeating: " ", count: max(widths[i] - c.count, 0)) + c) : c }
                .joined(separator: "  ") + "\n"
        }
        var out = line(header)
        for r in rows { out += line(r) }
        let ok = outcomes.filter { $0.errors == 0 }.count
        let totalRows = outcomes.reduce(0) { $0 + $1.rows }
        out += vi
            ? "Tổng: \(outcomes.count) tệp, \(ok) không lỗi, \(outcomes.count - ok) có lỗi; \(totalRows) dòng; \(String(format: "%.2f", elapsed)) giây trên \(ProcessInfo.processInfo.activeProcessorCount) lõi.\n"
            : "Total: \(outcomes.count) files, \(ok) without errors, \(outcomes.count - ok) with errors; \(totalRows) rows; \(String(format: "%.2f", elapsed)) s on \(ProcessInfo.processInfo.activeProcessorCount) cores.\n"
        return out
    }
}

/// Results written from many threads.
final class ResultBox: @unchecked Sendable {
    private var items: [BatchImport.Outcome?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ o: BatchImport.Outcome) { lock.lock(); items[i] = o; lock.unlock() }
    var all: [BatchImport.Outcome] { lock.lock(); defer { lock.unlock() }; return items.compactMap { $0 } }
}

/// Progress on standard error: a redrawn bar on a terminal, one line per file otherwise.
final class Progress: @unchecked Sendable {
    private let total: Int
    private var count = 0
    private var errors = 0
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) != 0
    private let language: Language
    private var lastDraw = Date.distantPast

    init(total: Int, language: Language) {
        self.total = total
        self.language = language
    }

    func done(_ o: BatchImport.Outcome) {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        if o.errors > 0 { errors += 1 }
        let name = (o.file as NSString).lastPathComponent
        if terminal {
            // Redraw at most every 50 ms, and always at the end.
            guard count == total || Date().timeIntervalSince(lastDraw) > 0.05 else { return }
            lastDraw = Date()
            let width = 30
            let filled = total == 0 ? width : count * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let label = language == .vi ? "lỗi" : "errors"
            write("\r\u{1B}[2K\(bar) \(count)/\(total)  \(errors) \(label)  \(name.prefix(40))")
        } else {
            let status = o.failure != nil ? (language == .vi ? "không đọc được" : "unreadable")
                : "\(o.rows) \(language == .vi ? "dòng" : "rows"), \(o.errors) \(language == .vi ? "lỗi" : "errors"), \(o.warnings) \(language == .vi ? "cảnh báo" : "warnings")"
            write("[\(count)/\(total)] \(name): \(status)\n")
        }
    }

    func finish() {
        if terminal { write("\n") }
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
