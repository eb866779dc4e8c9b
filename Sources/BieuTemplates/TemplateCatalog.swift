import BieuCore
import Foundation

/// Finds and loads template files.
///
/// Search order for the templates folder: an explicit folder, the
/// `BIEU_TEMPLATES` environment variable, `./Templates`, then
/// `Templates` next to or above the executable (a checkout's
/// `.build/release/bieu` finds the repository's `Templates/`), then
/// `../share/bieu/Templates` relative to the executable (an installed copy).
public struct TemplateCatalog: Sendable {
    public let directory: String
    public private(set) var templates: [String: Template]

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

    /// Loads every `*.yaml`/`*.yml` file of the first folder found.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: String = CommandLine.arguments.first ?? "bieu") throws -> TemplateCatalog {
        let candidates = searchPaths(explicit: explicit, environment: environment, executable: executable)
        var isDir: ObjCBool = false
        guard let dir = candidates.first(where: { FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue }) else {
            throw Failure.folderNotFound(searched: candidates)
        }
        return try TemplateCatalog(directory: dir)
    }

    /// Loads every template of a folder; the first invalid file is an error.
    public init(directory: String) throws {
        self.directory = directory
        templates = [:]
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        for f in files {
            let t = try TemplateLoader.load(path: (directory as NSString).appendingPathComponent(f))
            templates[t.id] = t
        }
    }

    public var ids: [String] { templates.keys.sorted() }

    public func template(_ id: String) throws -> Template {
        guard let t = templates[id] else { throw Failure.unknownTemplate(id: id, known: ids) }
        return t
    }

    /// Adds (or replaces) a template loaded from a file outside the folder.
    public mutating func add(_ template: Template) { templates[template.id] = template }
}
