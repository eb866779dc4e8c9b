import BieuCore
import CXlsxWriter
import Foundation

/// An XLSX workbook being written through libxlsxwriter.
///
/// The file is written to a temporary path beside the destination and renamed
/// over it only when ``close()`` succeeds, so the output appears complete or
/// not at all. If the workbook is abandoned (an error, or deinit without
/// `close()`), the temporary file is removed.
public final class XLSXWorkbook {
    public struct Options: Sendable {
        /// Flush each row to disk once a later row is written (large tables).
        /// Merges and row-height changes must then be made before moving past a row.
        public var constantMemory = false
        public init(constantMemory: Bool = false) { self.constantMemory = constantMemory }
    }

    public let destination: String
    let temporaryPath: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [XLSXFormatSpec: XLSXFormat] = [:]
    /// Differential formats of conditional formats, by description.
    var highlights: [XLSXHighlight: XLSXFormat] = [:]
    /// Changes made to the finished package (very hidden sheets, workbook protection).
    var packagePatch = XLSXPackagePatch()
    private var closed = false
    /// C strings that libxlsxwriter keeps pointers to until close.
    private var retained: [UnsafeMutablePointer<CChar>] = []

    public init(path: String, options: Options = Options()) throws(XLSXWriteError) {
        destination = path
        temporaryPath = AtomicFile.temporaryPath(for: path)
        var opts = lxw_workbook_options()
        opts.constant_memory = options.constantMemory ? 1 : 0
        opts.use_zip64 = 0
        guard let wb = LibraryOutput.silenced({ workbook_new_opt(temporaryPath, &opts) }) else {
            AtomicFile.discard(temporary: temporaryPath)
            throw .file(path: path, reason: Bilingual(vi: "không tạo được sổ tính", en: "cannot create the workbook"))
        }
        handle = wb
    }

    deinit {
        if !closed, let h = handle {
            // Abandoned: free the library's state and remove the partial file.
            LibraryOutput.silenced { _ = workbook_close(h) }
            AtomicFile.discard(temporary: temporaryPath)
        }
        for p in retained { free(p) }
    }

    var pointer: UnsafeMutablePointer<lxw_workbook> { handle! }

    /// Adds a sheet. Names must be unique, at most 31 characters, without `[]:*?/\`.
    public func addWorksheet(_ name: String) throws(XLSXWriteError) -> XLSXWorksheet {
        let code = workbook_validate_sheet_name(pointer, name)
        guard code == LXW_NO_ERROR else { throw .sheet(name: name, reason: XLSXWriteError.reason(code)) }
        guard let ws = LibraryOutput.silenced({ workbook_add_worksheet(pointer, name) }) else {
            throw .sheet(name: name, reason: Bilingual(vi: "lỗi thư viện libxlsxwriter", en: "libxlsxwriter error"))
        }
        return XLSXWorksheet(pointer: ws, name: name, workbook: self)
    }

    /// The format for a description (created once, then reused).
    public func format(_ spec: XLSXFormatSpec) -> XLSXFormat {
        if let f = formats[spec] { return f }
        let f = XLSXFormat.make(in: pointer, spec)!
        formats[spec] = f
        return f
    }

    /// Document properties (File → Properties): title, subject, author, company, comments, keywords.
    public func setProperties(title: String? = nil, subject: String? = nil, author: String? = nil,
                              company: String? = nil, comments: String? = nil, keywords: String? = nil) {
        var props = lxw_doc_properties()
        props.title = title.map(keep)
        props.subject = subject.map(keep)
        props.author = author.map(keep)
        props.company = company.map(keep)
        props.comments = comments.map(keep)
        props.keywords = keywords.map(keep)
        workbook_set_properties(pointer, &props)
    }

    /// A custom document property (File → Properties → Custom), kept by Excel and LibreOffice on re-save.
    public func setCustomProperty(_ name: String, _ value: String) {
        LibraryOutput.silenced { _ = workbook_set_custom_property_string(pointer, name, value) }
    }

    /// A workbook-level defined name: `defineName("bieu_template", "=\"bieu-01\"")`.
    public func defineName(_ name: String, formula: String) throws(XLSXWriteError) {
        let code = LibraryOutput.silenced { workbook_define_name(pointer, name, formula) }
        guard code == LXW_NO_ERROR else { throw .operation(sheet: "", what: Bilingual(vi: "đặt tên \(name)", en: "define name \(name)"), reason: XLSXWriteError.reason(code)) }
    }

    /// Hides a sheet so that it can be shown again only from code (`veryHidden`):
    /// Excel's Unhide dialog does not list it. libxlsxwriter cannot write this state,
    /// so the finished package's `xl/workbook.xml` is rewritten on ``close()``.
    /// LibreOffice has no such state: it reads the sheet as hidden and saves it as hidden.
    public func hideCompletely(_ sheet: XLSXWorksheet) {
        sheet.hide()
        packagePatch.veryHiddenSheets.append(sheet.name)
    }

    /// Protects the workbook's structure: sheets cannot be added, deleted, renamed,
    /// moved, hidden or shown (Review → Protect Workbook lifts it, with the password if one is given).
    /// Written into `xl/workbook.xml` on ``close()``.
    public func protectStructure(password: String?) {
        packagePatch.lockStructure = true
        packagePatch.structurePassword = password.flatMap { $0.isEmpty ? nil : XLSXPasswordHash.legacy($0) }
    }

    /// Writes the file and moves it into place.
    public func close() throws(XLSXWriteError) {
        guard !closed, let h = handle else { return }
        closed = true
        errno = 0
        let code = LibraryOutput.silenced { workbook_close(h) }
        let system = errno
        handle = nil
        guard code == LXW_NO_ERROR else {
            AtomicFile.discard(temporary: temporaryPath)
            throw .file(path: destination, reason: XLSXWriteError.reason(code, errno: system))
        }
        if !packagePatch.isEmpty {
            do {
                try packagePatch.apply(toFile: temporaryPath)
            } catch {
                AtomicFile.discard(temporary: temporaryPath)
                throw .file(path: destination, reason: error.reason)
            }
        }
        do {
            try AtomicFile.commit(temporary: temporaryPath, to: destination)
        } catch AtomicFile.Failure.cannotReplace(_, let reason) {
            AtomicFile.discard(temporary: temporaryPath)
            throw .file(path: destination, reason: Bilingual(vi: reason.text(.vi), en: reason.text(.en)))
        } catch {
            AtomicFile.discard(temporary: temporaryPath)
            throw .file(path: destination, reason: Bilingual(vi: "\(error)", en: "\(error)"))
        }
    }

    /// Copies a string into memory that lives as long as the workbook.
    func keep(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(s)!
        retained.append(p)
        return p
    }
}

/// libxlsxwriter prints `[ERROR]`/`[WARNING]` lines on standard error by itself. Every
/// failure those lines describe is also returned as an error code, which this module
/// turns into an ``XLSXWriteError`` naming the path, sheet or cell in the user's language;
/// so a program can keep the library's own lines off its terminal: with
/// ``silenceLibraryMessages`` on, fd 2 points to /dev/null for the duration of each call.
/// That changes the whole process's standard error, so it is off by default — a program
/// (the `bieu` CLI) turns it on; a library user or a test process with threads writing to
/// standard error leaves it off. Calls are serialised: two threads never swap fd 2 at once.
public enum LibraryOutput {
    /// Keep libxlsxwriter's own stderr lines away (set once, at start-up, by a program).
    nonisolated(unsafe) public static var silenceLibraryMessages = false
    private static let lock = NSLock()

    static func silenced<T>(_ body: () throws -> T) rethrows -> T {
        guard silenceLibraryMessages else { return try body() }
        lock.lock()
        defer { lock.unlock() }
        fflush(nil)
        let saved = dup(STDERR_FILENO)
        let null = open("/dev/null", O_WRONLY)
        guard saved >= 0, null >= 0 else {
            if saved >= 0 { close(saved) }
            if null >= 0 { close(null) }
            return try body()
        }
        dup2(null, STDERR_FILENO)
        close(null)
        defer {
            fflush(nil)
            dup2(saved, STDERR_FILENO)
            close(saved)
        }
        return try body()
    }
}
