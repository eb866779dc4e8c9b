import ArgumentParser
import BieuCore
import Foundation

/// Options of commands that write files.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: help("Tạo thư mục chứa kết quả nếu chưa có (mặc định: báo lỗi).",
                                  "Create the output's folder if it does not exist (default: an error)."))
    var mkdir = false
}

/// The checks made on an output before anything is read or written. The rules:
/// - an output that is one of the inputs (the same file, compared by real path and by
///   device and inode) is refused;
/// - a folder that does not exist is created only with `--mkdir`;
/// - an existing output file is not replaced silently: it is kept as `NAME.bak` (the
///   previous `.bak` is replaced) and a note says so;
/// - a folder where a file is expected, or a file where a folder is expected, is refused.
enum OutputPath {
    /// Prepares to write the file `output`, read from `inputs`.
    static func prepareFile(_ output: String, inputs: [String], mkdir: Bool) throws {
        try refuseInput(output, inputs: inputs)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw BieuMessageError(vi: "\(output) là một thư mục; cần đường dẫn của một tệp", en: "\(output) is a folder; a file path is needed")
            }
            try keepBackup(of: output)
            return
        }
        try ensureFolder((output as NSString).deletingLastPathComponent, mkdir: mkdir, for: output)
    }

    /// Prepares the folder `folder` for several outputs (`import --batch`, `template --units`).
    static func prepareFolder(_ folder: String, option: String, mkdir: Bool) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw BieuMessageError(vi: "\(option) \(folder): cần một thư mục, nhưng đây là một tệp", en: "\(option) \(folder): a folder is needed, but this is a file")
            }
            return
        }
        if (folder as NSString).pathExtension != "" && !mkdir {
            throw BieuMessageError(vi: "\(option) \(folder): cần một thư mục (kết quả là nhiều tệp); thư mục này chưa có — tạo nó, hoặc thêm --mkdir",
                                   en: "\(option) \(folder): a folder is needed (the results are several files); it does not exist — create it, or add --mkdir")
        }
        // The folder itself is made (it is the output); its parents only with --mkdir.
        let trimmed = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        try ensureFolder((trimmed as NSString).deletingLastPathComponent, mkdir: mkdir, for: folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        } catch {
            throw BieuMessageError(FileSystemMessage.describe(error, path: folder)
                                   ?? Bilingual(vi: "Không tạo được thư mục \(folder)", en: "Cannot create the folder \(folder)"))
        }
    }

    private static func ensureFolder(_ dir: String, mkdir: Bool, for output: String) throws {
        let folder = dir.isEmpty ? "." : dir
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw BieuMessageError(vi: "Không ghi được \(output): \(folder) không phải là thư mục", en: "Cannot write \(output): \(folder) is not a folder")
            }
            return
        }
        guard mkdir else {
            throw BieuMessageError(vi: "Không ghi được \(output): thư mục \(folder) chưa có (thêm --mkdir để tạo)",
                                   en: "Cannot write \(output): the folder \(folder) does not exist (add --mkdir to create it)")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw BieuMessageError(FileSystemMessage.describe(error, path: folder)
                                   ?? Bilingual(vi: "Không tạo được thư mục \(folder)", en: "Cannot create the folder \(folder)"))
        }
    }

    /// Refuses an output that is one of the inputs.
    static func refuseInput(_ output: String, inputs: [String]) throws {
        for input in inputs where sameFile(output, input) {
            throw BieuMessageError(vi: "Tệp kết quả \(output) chính là tệp đầu vào \(input): chọn một tệp kết quả khác",
                                   en: "The output \(output) is the input \(input): choose another output file")
        }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        if stat(a, &sa) == 0, stat(b, &sb) == 0 { return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino }
        return realPath(a) == realPath(b)
    }

    /// The absolute path with symbolic links resolved (for a file that does not exist: its folder's).
    static func realPath(_ path: String) -> String {
        if let r = realpath(path, nil) { defer { free(r) }; return String(cString: r) }
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let resolved = realpath(dir.isEmpty ? "." : dir, nil)
        defer { free(resolved) }
        return (resolved.map { String(cString: $0) } ?? dir) + "/" + base
    }

    /// Keeps the existing file as `NAME.bak` (a hard link, or a copy where links are not possible).
    static func keepBackup(of output: String) throws {
        let backup = output + ".bak"
        unlink(backup)
        if link(output, backup) != 0 {
            do {
                try FileManager.default.copyItem(atPath: output, toPath: backup)
            } catch {
                throw BieuMessageError(vi: "\(output) đã có và không giữ được bản cũ ở \(backup): \(FileSystemMessage.reason(error).text(.vi))",
                                       en: "\(output) exists and its previous version could not be kept as \(backup): \(FileSystemMessage.reason(error).text(.en))")
            }
        }
        CLI.printMessage(.note, CLI.text("\(output) đã có: bản cũ được giữ ở \(backup)", "\(output) exists: the previous version is kept as \(backup)"))
    }
}

/// Foundation's file-system errors (NSCocoaErrorDomain, NSPOSIXErrorDomain) in both
/// languages, naming the path.
enum FileSystemMessage {
    static func describe(_ error: Error, path: String? = nil) -> Bilingual? {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return nil }
        let place = path ?? (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? "?"
        let reason = self.reason(error)
        return Bilingual(vi: "Không thao tác được với \(place): \(reason.text(.vi))", en: "Cannot use \(place): \(reason.text(.en))")
    }

    /// The system reason of a Foundation error.
    static func reason(_ error: Error) -> SystemFailure {
        let ns = error as NSError
        var code: Int32 = 0
        if ns.domain == NSPOSIXErrorDomain {
            code = Int32(ns.code)
        } else if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            code = Int32(u.code)
        } else {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: code = ENOENT
            case .fileReadNoPermission, .fileWriteNoPermission: code = EACCES
            case .fileWriteOutOfSpace: code = ENOSPC
            case .fileWriteVolumeReadOnly: code = EROFS
            case .fileWriteFileExists: code = EEXIST
            default: code = EIO
            }
        }
        return SystemFailure(code: code, description: String(cString: strerror(code)))
    }
}
