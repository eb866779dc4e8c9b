import BieuCore
import Foundation

/// Finds and loads template files.
///
/// Search order for the templates folder: an explicit folder, the
/// `BIEU_TEMPLATES` environment variable, `./Templates`, then
/// `Templates` next to or above the executable (a checkout's
/// `.build/release/bieu` finds the repository's `Templates/`), then
/// `../share/bieu/Templates` relative to the executable (an installed copy).
///
/// An explicit folder (`--templates DIR`) adds to the built-in one: its templates are known
/// beside the built-in ones, and one with a built-in template's id replaces it.
public struct TemplateCatalog: Sendable {
    /// The folder given explicitly, else the built-in folder found.
    public let directory: String
    /// Every folder read, the built-in one first; a later folder's template wins over an earlier one's.
    public let directories: [String]
    private let files: [String: String]
    private var extra: [String: Template] = [:]
    private let cache = TemplateCache()

    public enum Failure: UserFacingError, Equatable {
        case folderNotFound(searched: [String])
        case unknownTemplate(id: String, known: [String])

        public func message(_ language: Language) -> String {
            switch (self, language) {
            case let (.folderNotFound(searched), .vi):
                return "Không tìm thấy thư mục mẫu biểu (Templates). Đã tìm ở: \(searched.joined(separator: ", ")). Dùng --templates THƯ_MỤC hoặc biến BIEU_TEMPLATES."
            case let (.folderNotFound(searched), .en):
                return "Templates folder not found. Searched: \(searched.joined(separator: ", ")). Use --templates DIR or BIEU_TEMPLATES."
            case let (.unknownTemplate(id, known), .vi):
                return "Không có mẫu biểu \"\(id)\" (có: \(known.joined(separator: ", ")))"
            case let (.unknownTemplate(id, known), .en):
                return "No template \"\(id)\" (available: \(known.joined(separator: ", ")))"
            }
        }
    }

    /// Candidate folders, in search order.
    public static func searchPaths(explicit: String?, environment: [String: String], executable: String) -> [String] {
        var paths: [String] = []
        if let explicit { return [explicit] }
        if let env = environment["BIEU_TEMPLATES"], !env.isEmpty { paths.append(env) }
        paths.append(FileManager.default.currentDirectoryPath + "/Templates")
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            paths.append(dir.appendingPathComponent("Templates").path)
            dir = dir.deletingLastPathComponent()
        }
        paths.append(URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("../share/bieu/Templates").standardized.path)
        return paths
    }

    /// The catalog of the built-in folder (the first found), with the explicit folder's templates added.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: String = CommandLine.arguments.first ?? "bieu") throws -> TemplateCatalog {
        func isFolder(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
        }
        let candidates = searchPaths(explicit: nil, environment: environment, executable: executable)
        let builtIn = candidates.first(where: isFolder)
        if let explicit {
            guard isFolder(explicit) else { throw Failure.folderNotFound(searched: [explicit]) }
            return try TemplateCatalog(directories: (builtIn.map { [$0] } ?? []) + [explicit])
        }
        guard let builtIn else { throw Failure.folderNotFound(searched: candidates) }
        return try TemplateCatalog(directory: builtIn)
    }

    /// A catalog of the `*.yaml`/`*.yml` files of a folder. Each file's name is
    /// its template's id (`bieu-01.yaml` holds `template: bieu-01`). Files are
    /// parsed and validated when first needed, so a command that needs one
    /// template parses one file.
    public init(directory: String) throws {
        try self.init(directories: [directory])
    }

    /// A catalog of several folders' files; a later folder's file of an id wins over an earlier one's.
    public init(directories: [String]) throws {
        directory = directories.last ?? ""
        self.directories = directories
        var files: [String: String] = [:]
        for directory in directories {
            var here: [String: String] = [:]
            for f in ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
            where f.hasSuffix(".yaml") || f.hasSuffix(".yml") {
                let id = (f as NSString).deletingPathExtension
                if here[id] == nil { here[id] = (directory as NSString).appendingPathComponent(f) }
            }
            files.merge(here) { _, later in later }
        }
        self.files = files
    }

    /// Template ids available (file names and added templates).
    public var ids: [String] { Set(files.keys).union(extra.keys).sorted() }

    /// The template with an id; loads and validates its file on first use.
    public func template(_ id: String) throws -> Template {
        if let t = extra[id] { return t }
        guard let path = files[id] else { throw Failure.unknownTemplate(id: id, known: ids) }
        return try cache.value(for: id) {
            let t = try TemplateLoader.load(path: path)
            guard t.id == id else {
                throw TemplateError(file: (path as NSString).lastPathComponent, line: 1, column: 1,
                                    reason: Bilingual(vi: "tên tệp phải trùng mã mẫu biểu: tệp \(id) khai báo \"template: \(t.id)\"",
                                                      en: "the file name must be the template id: file \(id) declares \"template: \(t.id)\""))
            }
            return t
        }
    }

    /// The template with an id, or nil when there is none (an invalid file still throws).
    public func find(_ id: String) throws -> Template? {
        guard extra[id] != nil || files[id] != nil else { return nil }
        return try template(id)
    }

    /// Every template, loading all files.
    public func all() throws -> [Template] { try ids.map { try template($0) } }

    /// Adds (or replaces) a template loaded from a file outside the folder.
    public mutating func add(_ template: Template) { extra[template.id] = template }
}

/// Templates parsed so far, shared by copies of a catalog.
final class TemplateCache: @unchecked Sendable {
    private var loaded: [String: Result<Template, Error>] = [:]
    private let lock = NSLock()

    func value(for id: String, _ load: () throws -> Template) throws -> Template {
        lock.lock()
        defer { lock.unlock() }
        if let r = loaded[id] { return try r.get() }
        let r = Result { try load() }
        loaded[id] = r
        return try r.get()
    }
}
