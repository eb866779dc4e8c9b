import ArgumentParser
import BieuCore
import BieuExport
import BieuImport
import BieuModel
import BieuRound
import BieuTemplates
import Dispatch
import Foundation

/// `bieu round …`: collection rounds — send a table to many units, receive their returns
/// into one store, see who is missing, send feedback, consolidate (docs/ROUNDS.md).
struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: CLI.text("Đợt thu số liệu: gửi biểu cho các đơn vị, nhận, kiểm tra, góp ý, tổng hợp.", "Collection rounds: send, receive, check, feed back, consolidate."),
        discussion: CLI.discussion("""
        Kho (--store) là một tệp SQLite, mở được bằng sqlite3; một kho giữ được nhiều đợt thu (--round chọn đợt). \
        Không lần nộp nào bị ghi đè: mỗi tệp nhận là một lần nộp mới. Xem docs/ROUNDS.md.
        """, """
        The store (--store) is one SQLite file that the sqlite3 shell opens; one store holds many rounds (--round picks one). \
        No return is ever overwritten: each file received is a new revision. See docs/ROUNDS.md.
        """, examples: [
            "bieu round new bieu-01 --period 2025 --units don-vi.txt --data Examples/tam-duong-2024.json --store dot.sqlite -o gui-di/",
            "bieu round receive --store dot.sqlite nhan-ve/",
            "bieu round status --store dot.sqlite",
            "bieu round feedback --store dot.sqlite -o gop-y/",
            "bieu round consolidate --store dot.sqlite -o huyen.json --xlsx huyen.xlsx",
        ]),
        subcommands: [RoundNewCommand.self, RoundReceiveCommand.self, RoundStatusCommand.self, RoundFeedbackCommand.self,
                      RoundConsolidateCommand.self, RoundHistoryCommand.self]
    )
}

/// Options every round command shares: the store and which round.
struct RoundStoreOptions: ParsableArguments {
    @Option(name: .long, help: help("Kho đợt thu (tệp SQLite).", "The round store (an SQLite file).", value: ("kho.sqlite", "store.sqlite")))
    var store: String

    @Option(name: .long, help: help("Mã đợt thu (mặc định: đợt duy nhất trong kho).", "Round id (default: the store's only round).", value: ("mã-đợt", "round-id")))
    var round: String?

    @Option(name: .long, help: help("Số giây chờ khi tiến trình khác đang ghi kho.", "Seconds to wait for another writer.", value: ("giây", "seconds")))
    var wait: Double = 10

    func open(create: Bool = false) throws -> SQLiteRoundStore {
        try SQLiteRoundStore(path: store, create: create, busyTimeout: wait)
    }

    func service(_ templateOptions: TemplateOptions, create: Bool = false) throws -> RoundService {
        RoundService(store: try open(create: create), catalog: try templateOptions.catalog(), storeName: store)
    }
}

/// Outputs of the round commands that write a folder of workbooks (`round new`, `round feedback`),
/// by the CLI's rule for folders (``OutputPath/prepareFolder(_:option:mkdir:)``, as `import --batch`):
/// the folder itself is made when its parent exists, its parents only with `--mkdir`. When the command
/// fails, nothing it made is left: not the folder (if it made it and it is still empty), and not a
/// store it created (`round new`). The workbooks themselves appear all together or not at all (the library).
enum RoundOutputs {
    static func made<T>(folder: String, mkdir: Bool, store: String? = nil, _ body: () throws -> T) throws -> T {
        let newStore = store.map { !FileManager.default.fileExists(atPath: $0) } ?? false
        let newFolder = !FileManager.default.fileExists(atPath: folder)
        do {
            try OutputPath.prepareFolder(folder, option: "-o", mkdir: mkdir)
            return try body()
        } catch {
            if newStore, let store {
                for suffix in ["", "-wal", "-shm", "-journal"] { unlink(store + suffix) }
            }
            if newFolder { rmdir(folder) }
            throw error
        }
    }
}

func writeStdout(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }
func writeStderr(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

struct RoundNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: CLI.text("Tạo đợt thu: mỗi đơn vị một biểu mẫu, ghi vào kho.", "Make a round: one workbook per unit, recorded in the store."),
        discussion: CLI.discussion("""
        Thư mục -o được tạo nếu thư mục cha đã có (thư mục cha: chỉ với --mkdir); biểu mẫu đã có ở đó được giữ bản cũ TÊN.bak. \
        Các biểu mẫu chỉ xuất hiện khi kho đã ghi nhận đợt thu: có lỗi (đĩa đầy, kho) thì không để lại tệp nào.
        """, """
        The -o folder is made when its parent exists (parents only with --mkdir); a workbook already there is kept as NAME.bak. \
        The workbooks appear only once the store has recorded the round: on an error (a full disk, the store) no file is left.
        """, examples: [
            "bieu round new bieu-01 --period 2025 --units don-vi.txt --data Examples/tam-duong-2024.json --store dot.sqlite -o gui-di/",
        ])
    )

    @Argument(help: help("Mã mẫu biểu (bieu-01, bieu-02, phu-luc…).", "Template id.", value: ("mã-mẫu", "template-id")))
    var template: String

    @Option(name: .long, help: help("Năm của đợt thu.", "The round's year.", value: ("năm", "year")))
    var period: Int

    @Option(name: .long, help: help("Tệp danh sách đơn vị (mỗi dòng một đơn vị).", "Units file (one unit a line).", value: ("tệp-đơn-vị", "units-file")))
    var units: String

    @OptionGroup var staff: StaffWorkbookOptions

    @OptionGroup var storeOptions: RoundStoreOptions

    @Option(name: .shortAndLong, help: help("Thư mục ghi các biểu mẫu (được tạo nếu thư mục cha đã có).", "Folder for the workbooks (made if its parent exists).", value: ("đích", "target")))
    var output: String

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        try checkYear(period)
        if output.lowercased().hasSuffix(".xlsx") { throw refusal("-o là một thư mục", "-o is a folder") }
    }

    func run() throws {
        let language = common.language
        try reportingFailures(language) {
            let entries = try UnitsFile.load(path: units)
            let report = try staff.loadData()
            let result = try RoundOutputs.made(folder: output, mkdir: outputOptions.mkdir, store: storeOptions.store) {
                try storeOptions.service(templateOptions, create: true)
                    .newRound(templateID: template, period: period, units: entries, data: report, roundID: storeOptions.round,
                              folder: output, password: staff.password, contact: staff.contact, beforeReplacing: OutputPath.keepBackup(of:))
            }
            printWarnings(result.notices, language: language)
            for f in result.files { writeStdout(f.path + "\n") }
            writeStderr(language == .vi
                ? "Đã tạo đợt thu \(result.round.id): \(result.files.count) biểu mẫu \(result.round.templateID), kỳ \(result.round.period), kho \(storeOptions.store).\n"
                : "Made round \(result.round.id): \(result.files.count) workbooks of \(result.round.templateID), period \(result.round.period), store \(storeOptions.store).\n")
        }
    }
}

struct RoundReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: CLI.text("Nhận các bản báo cáo đơn vị gửi về vào kho.", "Receive returns into the store."),
        discussion: CLI.discussion("""
        Mỗi tệp là một lần nộp mới của đơn vị ghi trong tệp (hoặc --unit với tệp không do bieu tạo). Tệp giống hệt \
        (cùng SHA-256) một tệp đã nhận thì chỉ báo trùng, không lưu lại. Tệp của đợt, kỳ, mẫu hoặc đơn vị khác, hoặc có mã kiểm \
        khác biểu đợt thu đã gửi cho đơn vị đó, bị từ chối (--force: vẫn nhận và ghi là nhận ép, kèm lý do). Các tệp được đọc \
        song song trên mọi lõi, lưu theo thứ tự, mỗi tệp một giao dịch. Mã thoát: 0 mọi tệp nhận được, 2 có tệp bị từ chối.
        """, """
        Each file is a new revision of the unit it names (or --unit, for a workbook bieu did not make). A file byte-identical \
        (same SHA-256) to one already received is reported as a duplicate and not stored again. A file of another round, period, \
        template or unit, or whose digest is not that of what the round sent to its unit, is refused (--force: received anyway \
        and recorded as forced, with why). Files are read on every core and stored in order, each in one transaction. \
        Exit code: 0 every file received, 2 some file refused.
        """, examples: [
            "bieu round receive --store dot.sqlite nhan-ve/",
            "bieu round receive --store dot.sqlite --unit \"Xã Bản Bo\" bao-cao-ban-bo.xlsx",
        ])
    )

    @Argument(help: help("Tệp XLSX/CSV và/hoặc thư mục.", "XLSX/CSV files and/or folders.", value: ("tệp-hoặc-thư-mục", "file-or-folder")))
    var inputs: [String]

    @OptionGroup var storeOptions: RoundStoreOptions

    @Option(name: .long, help: help("Đơn vị của tệp (tên hoặc mã) khi tệp không ghi.", "The files' unit (name or id), for workbooks that do not say.", value: ("đơn-vị", "unit")))
    var unit: String?

    @Flag(name: .long, help: help("Nhận cả tệp của đợt/kỳ/mẫu/đơn vị khác, ghi là nhận ép.", "Accept mismatched files, recorded as forced."))
    var force = false

    @OptionGroup var csvInput: CSVInputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        var refused = 0
        try reportingFailures(language) {
            let service = try storeOptions.service(templateOptions)
            let round = try service.round(storeOptions.round)
            let receiver = try Receiver(service: service, round: round)
            let files = try BatchImport(inputs: inputs, outputFolder: nil, options: ImportOptions(), catalog: service.catalog, force: force,
                                        strict: false, language: language).files()
            guard !files.isEmpty else { throw BieuMessageError(vi: "Không tìm thấy tệp XLSX/CSV nào để nhận", en: "No XLSX/CSV files to receive") }
            let progress = files.count > 1 ? Progress(total: files.count, language: language) : nil
            let unit = self.unit, force = self.force, csv = csvInput.readOptions
            var stored = 0, duplicates = 0
            // Files are read and checked on every core, at most 64 ahead of the store; each is stored
            // here, in the files' order, in its own transaction.
            do {
                try OrderedParallel.run(count: files.count, window: 64, work: { i in
                    Result { try receiver.prepare(path: files[i], unit: unit, force: force, csv: csv) }
                }) { i, result in
                    let path = files[i]
                    var outcome = BatchImport.Outcome(file: path)
                    let name = (path as NSString).lastPathComponent
                    switch result {
                    case .failure(let error):
                        refused += 1
                        outcome.failure = "refused"
                        outcome.errors = 1
                        writeStdout("\(name): " + (language == .vi ? "từ chối — " : "refused — ") + Self.describe(error, language) + "\n")
                    case .success(let prepared):
                        switch try receiver.store(prepared) {
                        case .stored(let r):
                            stored += 1
                            outcome.rows = prepared.rows
                            outcome.errors = r.errors
                            outcome.warnings = r.warnings
                            var line = language == .vi
                                ? "\(name): \(prepared.unit.name) — lần nộp \(r.number), \(r.errors) lỗi, \(r.warnings) cảnh báo"
                                : "\(name): \(prepared.unit.name) — revision \(r.number), \(r.errors) errors, \(r.warnings) warnings"
                            if r.untouched { line += language == .vi ? " (chưa điền gì)" : " (untouched)" }
                            if r.forced { line += language == .vi ? " (nhận ép: \(prepared.forced.map { $0.message(.vi) }.joined(separator: "; ")))" : " (forced: \(prepared.forced.map { $0.message(.en) }.joined(separator: "; ")))" }
                            writeStdout(line + "\n")
                        case .duplicate(let r):
                            duplicates += 1
                            writeStdout(language == .vi
                                ? "\(name): trùng — giống hệt lần nộp \(r.number) của \(prepared.unit.name) (tệp \(r.fileName)); không lưu lại\n"
                                : "\(name): duplicate — identical to revision \(r.number) of \(prepared.unit.name) (file \(r.fileName)); not stored again\n")
                        }
                    }
                    progress?.done(outcome)
                }
            } catch {
                // The store failed (full, locked): what was stored before stays; say so, then the error.
                progress?.finish()
                writeStderr(language == .vi
                    ? "Đã nhận \(stored) tệp, \(duplicates) tệp trùng trước khi dừng (đợt \(round.id)).\n"
                    : "Received \(stored) files, \(duplicates) duplicates before stopping (round \(round.id)).\n")
                throw error
            }
            progress?.finish()
            writeStderr(language == .vi
                ? "Đã nhận \(stored) tệp, \(duplicates) tệp trùng, \(refused) tệp bị từ chối (đợt \(round.id)).\n"
                : "Received \(stored) files, \(duplicates) duplicates, \(refused) refused (round \(round.id)).\n")
        }
        if refused > 0 { throw ExitCode(2) }
    }

    static func describe(_ error: Error, _ language: Language) -> String {
        (error as? UserFacingError)?.message(language) ?? String(describing: error)
    }
}

/// Work on many items on every core, consumed in order on the calling thread.
enum OrderedParallel {
    /// Runs `work` for each index `0..<count` on `ProcessInfo.activeProcessorCount` threads, never more
    /// than `window` results ahead of `consume`, which gets every result in index order on the calling
    /// thread (so what `consume` does — writing a store, printing — is serialized and deterministic).
    /// A worker takes its slot in the window before it takes an index, so the lowest index not yet
    /// consumed always holds a slot and is being worked on: no deadlock. If `consume` throws, the workers
    /// stop taking indices, the ones running finish, and the error is rethrown.
    static func run<T: Sendable>(count: Int, window: Int, work: @escaping @Sendable (Int) -> T, consume: (Int, T) throws -> Void) throws {
        guard count > 0 else { return }
        let state = State<T>(count: count)
        let slots = DispatchSemaphore(value: max(1, window))
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count))
        let done = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: done) {
                while true {
                    slots.wait()
                    guard let i = state.nextIndex() else { slots.signal(); return }
                    state.finish(i, work(i))
                }
            }
        }
        defer {
            state.stop()
            // Wake workers waiting for a slot so that they see the stop.
            for _ in 0..<workers { slots.signal() }
            done.wait()
        }
        for i in 0..<count {
            let result = state.take(i)
            slots.signal()
            try consume(i, result)
        }
    }

    final class State<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var stopped = false
        private var results: [T?]
        private let ready: [DispatchSemaphore]
        init(count: Int) {
            results = Array(repeating: nil, count: count)
            ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        }
        func nextIndex() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard !stopped, next < results.count else { return nil }
            next += 1
            return next - 1
        }
        func finish(_ i: Int, _ r: T) {
            lock.lock(); results[i] = r; lock.unlock()
            ready[i].signal()
        }
        func take(_ i: Int) -> T {
            ready[i].wait()
            lock.lock(); defer { lock.unlock() }
            let r = results[i]!
            results[i] = nil
            return r
        }
        func stop() { lock.lock(); stopped = true; lock.unlock() }
    }
}

struct RoundStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: CLI.text("Tình hình nộp của từng đơn vị.", "Who has returned what."),
        discussion: CLI.discussion("""
        Mỗi đơn vị một dòng: chưa nộp ("missing"), chưa điền ("untouched"), có lỗi ("errors"), có cảnh báo ("warnings"), đạt ("ok"); \
        số lần nộp, lần nộp cuối, tệp, số lỗi/cảnh báo. Mã thoát: 0 khi mọi đơn vị đạt, 1 khi chưa.
        """, """
        One line per unit: missing, untouched, errors, warnings, ok; its revisions, last received, file, numbers of \
        errors and warnings. Exit code: 0 when every unit is ok, 1 otherwise.
        """, examples: [
            "bieu round status --store dot.sqlite",
            "bieu round status --store dot.sqlite --format json",
            "bieu round status --store dot.sqlite --format xlsx -o tinh-hinh.xlsx",
        ])
    )

    @OptionGroup var storeOptions: RoundStoreOptions

    @Option(name: .long, help: help("text | json | xlsx", "text | json | xlsx", value: ("text|json|xlsx", "text|json|xlsx")))
    var format: String = "text"

    @Option(name: .shortAndLong, help: help("Tệp kết quả (cần với xlsx).", "Output file (needed for xlsx).", value: ("đích", "target")))
    var output: String?

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard ["text", "json", "xlsx"].contains(format) else { throw ValidationError("--format: text | json | xlsx") }
        if format == "xlsx" && output == nil { throw refusal("--format xlsx cần -o TỆP.xlsx", "--format xlsx needs -o FILE.xlsx") }
    }

    func run() throws {
        let language = common.language
        let status = try reportingFailures(language) { () throws -> RoundStatus in
            let store = try storeOptions.open()
            let service = RoundService(store: store, catalog: try templateOptions.catalog(), storeName: storeOptions.store)
            let round = try service.round(storeOptions.round)
            let status = try RoundStatus.compute(store: store, round: round)
            if let output { try OutputPath.prepareFile(output, inputs: [storeOptions.store], mkdir: outputOptions.mkdir) }
            switch format {
            case "json":
                let bytes = status.json()
                if let output { try AtomicFile.write(bytes, to: output) } else { FileHandle.standardOutput.write(Data(bytes)) }
            case "xlsx":
                try RoundWorkbooks.writeStatus(status, to: output!, language: language)
            default:
                let text = status.text(language)
                if let output { try AtomicFile.write(Array(text.utf8), to: output) } else { writeStdout(text) }
            }
            return status
        }
        if !status.allOK { throw ExitCode(1) }
    }
}

struct RoundFeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: CLI.text("Biểu góp ý: bản đã nộp, tô đỏ ô sai kèm ghi chú, và trang liệt kê lỗi.", "Feedback workbooks: the return with each finding's cell highlighted and noted."),
        discussion: CLI.discussion("""
        Mỗi đơn vị có lỗi/cảnh báo ở lần nộp mới nhất nhận một tệp: biểu đã nộp (cùng số liệu) với ô sai được tô màu \
        và có ghi chú (comment) nói rõ cần sửa gì, cộng trang "Lỗi cần sửa". Đơn vị sửa rồi gửi lại: đó là lần nộp tiếp theo.
        """, """
        Each unit whose latest revision has errors or warnings gets one workbook: its return (the same data) with each wrong cell \
        highlighted and a note (comment) saying what to fix, plus a sheet "Lỗi cần sửa". The unit fixes it and sends it back: that is its next revision.
        """, examples: [
            "bieu round feedback --store dot.sqlite -o gop-y/",
            "bieu round feedback --store dot.sqlite --unit \"Xã Bản Bo\" -o gop-y/",
        ])
    )

    @OptionGroup var storeOptions: RoundStoreOptions

    @Option(name: .long, help: help("Chỉ đơn vị này (tên hoặc mã).", "Only this unit (name or id).", value: ("đơn-vị", "unit")))
    var unit: String?

    @Option(name: .shortAndLong, help: help("Thư mục ghi biểu góp ý (được tạo nếu thư mục cha đã có).", "Folder for the feedback workbooks (made if its parent exists).", value: ("đích", "target")))
    var output: String

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        try reportingFailures(language) {
            let service = try storeOptions.service(templateOptions)
            let round = try service.round(storeOptions.round)
            var only: [RoundUnit]?
            if let unit {
                let units = try service.store.units(round: round.id)
                guard let u = RoundService.matchUnit(unit, in: units) else { throw RoundError.noSuchUnit(unit: unit, available: units.map(\.name)) }
                only = [u]
            }
            let written = try RoundOutputs.made(folder: output, mkdir: outputOptions.mkdir) {
                try Feedback.write(service: service, round: round, units: only, folder: output, language: language, beforeReplacing: OutputPath.keepBackup(of:))
            }
            for w in written {
                writeStdout(language == .vi
                    ? "\(w.path): \(w.unit.name), lần nộp \(w.revision.number), \(w.findings) điểm cần sửa\n"
                    : "\(w.path): \(w.unit.name), revision \(w.revision.number), \(w.findings) findings\n")
            }
            writeStderr(language == .vi ? "Đã tạo \(written.count) biểu góp ý.\n" : "Wrote \(written.count) feedback workbook(s).\n")
        }
    }
}

struct RoundHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: CLI.text("Các lần nộp của một đơn vị; --diff A B: khác nhau giữa hai lần nộp.", "A unit's revisions; --diff A B: the changes between two."),
        discussion: CLI.discussion(examples: [
            "bieu round history --store dot.sqlite --unit \"Xã Bản Bo\"",
            "bieu round history --store dot.sqlite --unit xa-ban-bo --diff 1 2",
        ])
    )

    @OptionGroup var storeOptions: RoundStoreOptions

    @Option(name: .long, help: help("Đơn vị (tên hoặc mã).", "The unit (name or id).", value: ("đơn-vị", "unit")))
    var unit: String

    @Option(name: .long, parsing: .upToNextOption, help: help("Hai số lần nộp để so sánh.", "Two revision numbers to compare.", value: ("số-lần-nộp", "revision")))
    var diff: [Int] = []

    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if !diff.isEmpty && diff.count != 2 { throw refusal("--diff cần hai số lần nộp, ví dụ --diff 1 2", "--diff takes two revision numbers, e.g. --diff 1 2") }
    }

    func run() throws {
        let language = common.language
        let vi = language == .vi
        try reportingFailures(language) {
            let service = try storeOptions.service(templateOptions)
            let round = try service.round(storeOptions.round)
            let units = try service.store.units(round: round.id)
            guard let u = RoundService.matchUnit(unit, in: units) else { throw RoundError.noSuchUnit(unit: unit, available: units.map(\.name)) }
            let revisions = try service.store.revisions(round: round.id, unit: u.id)
            if diff.count == 2 {
                func report(_ n: Int) throws -> Report {
                    guard let r = revisions.first(where: { $0.number == n }) else { throw RoundError.noRevision(unit: u.name, number: n, count: revisions.count) }
                    return try ReportJSON.decode(try service.store.reportJSON(revision: r.id))
                }
                let d = ReportDiff.compute(old: try report(diff[0]), new: try report(diff[1]))
                writeStdout(d.text(language))
                return
            }
            writeStdout(vi ? "\(u.name) [\(u.id)] — đợt \(round.id): \(revisions.count) lần nộp\n" : "\(u.name) [\(u.id)] — round \(round.id): \(revisions.count) revision(s)\n")
            for r in revisions {
                var line = vi
                    ? "  lần \(r.number): \(RoundStatus.time(r.receivedAt)), \(r.fileName), SHA-256 \(r.sha256.prefix(12))…, \(r.errors) lỗi, \(r.warnings) cảnh báo"
                    : "  revision \(r.number): \(RoundStatus.time(r.receivedAt)), \(r.fileName), SHA-256 \(r.sha256.prefix(12))…, \(r.errors) errors, \(r.warnings) warnings"
                if r.untouched { line += vi ? ", chưa điền" : ", untouched" }
                if r.forced { line += (vi ? ", nhận ép" : ", forced") + (r.forceReason(language).map { " (\($0))" } ?? "") }
                if r.number == revisions.count { line += vi ? " (hiện hành)" : " (current)" }
                writeStdout(line + "\n")
            }
        }
    }
}

struct RoundConsolidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consolidate",
        abstract: CLI.text("Tổng hợp biểu của huyện từ lần nộp hiện hành của mọi đơn vị.", "Consolidate the district table from every unit's current revision."),
        discussion: CLI.discussion("""
        Mỗi cột được tổng hợp theo quy tắc khai báo trong mẫu biểu (aggregate: sum, mean, weighted_mean, min, max, recompute, \
        list, none; aggregate_rows cho từng loại dòng). Không có gì bị tính là 0 âm thầm: cột chưa có quy tắc, chữ trong cột cộng, \
        giá trị dạng ">90", đơn vị chưa nộp đều được báo, nêu đơn vị và ô. Có lỗi thì không ghi tệp (trừ khi --force). \
        XLSX: biểu tổng hợp như bản in và trang "Theo đơn vị" (mỗi đơn vị một cột).
        """, """
        Each column is consolidated by the rule its template declares (aggregate: sum, mean, weighted_mean, min, max, recompute, \
        list, none; aggregate_rows per row kind). Nothing becomes a silent zero: a column without a rule, text in a summed column, \
        a value like ">90", a unit that has not returned are all reported, naming unit and cell. With errors nothing is written (unless --force). \
        XLSX: the district table as printed plus a sheet "Theo đơn vị" (one column per unit).
        """, examples: [
            "bieu round consolidate --store dot.sqlite -o huyen.json --xlsx huyen.xlsx",
        ])
    )

    @OptionGroup var storeOptions: RoundStoreOptions

    @Option(name: .shortAndLong, help: help("Tệp JSON kết quả.", "Output JSON.", value: ("đích", "target")))
    var output: String

    @Option(name: .long, help: help("Thêm bản XLSX.", "Also an XLSX workbook.", value: ("tệp.xlsx", "file.xlsx")))
    var xlsx: String?

    @Flag(name: .long, help: help("Ghi kết quả cả khi có lỗi.", "Write even when there are errors."))
    var force = false

    @Flag(name: .long, help: help("Coi cảnh báo là thất bại (mã thoát 1).", "Treat warnings as failure (exit code 1)."))
    var strict = false

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        try reportingFailures(language) {
            let service = try storeOptions.service(templateOptions)
            let round = try service.round(storeOptions.round)
            let result = try Consolidation.run(service: service, round: round)
            for f in result.findings { writeStdout(f.line(language) + "\n") }
            let warnings = result.findings.count - result.errorCount
            if result.errorCount > 0 && !force {
                writeStderr(language == .vi
                    ? "Tổng hợp có \(result.errorCount) lỗi, \(warnings) cảnh báo; không ghi tệp (--force để vẫn ghi).\n"
                    : "Consolidation has \(result.errorCount) errors, \(warnings) warnings; nothing written (--force writes anyway).\n")
                throw ExitCode(2)
            }
            try OutputPath.prepareFile(output, inputs: [storeOptions.store], mkdir: outputOptions.mkdir)
            if let xlsx { try OutputPath.prepareFile(xlsx, inputs: [storeOptions.store, output], mkdir: outputOptions.mkdir) }
            // Both files or neither.
            try AtomicFile.together {
                try AtomicFile.write(ReportJSON.encode(result.report), to: output)
                if let xlsx { try RoundWorkbooks.writeConsolidation(result, catalog: service.catalog, to: xlsx, language: language) }
            }
            writeStderr(language == .vi
                ? "Đã tổng hợp \(result.units.count) đơn vị vào \(output)\(xlsx.map { " và \($0)" } ?? ""): \(result.errorCount) lỗi, \(warnings) cảnh báo.\n"
                : "Consolidated \(result.units.count) units into \(output)\(xlsx.map { " and \($0)" } ?? ""): \(result.errorCount) errors, \(warnings) warnings.\n")
            if strict && warnings > 0 { throw ExitCode(1) }
            if result.errorCount > 0 { throw ExitCode(2) }
        }
    }
}
