import BieuCore
import BieuZip
import Foundation

/// Changes made to a finished XLSX package that libxlsxwriter 1.1.4 cannot
/// write itself: `state="veryHidden"` on sheets and `<workbookProtection>`.
///
/// The package is the one libxlsxwriter has just written: it is read with
/// ``ZipArchive`` (every check and limit of the reader applies),
/// `xl/workbook.xml` is inflated, edited and deflated again, and the package
/// is rebuilt by ``ZipWriter`` with every other entry copied byte for byte.
struct XLSXPackagePatch {
    var veryHiddenSheets: [String] = []
    var lockStructure = false
    /// Hex legacy password verifier for the workbook structure, if any.
    var structurePassword: String?

    var isEmpty: Bool { veryHiddenSheets.isEmpty && !lockStructure }

    struct Failure: Error {
        var reason: Bilingual
        init(_ en: String, vi: String) { reason = Bilingual(vi: "không hoàn tất được tệp: \(vi)", en: "cannot finish the package: \(en)") }
        /// The file could not be written: the system's reason alone (`ổ đĩa đã đầy`).
        init(_ system: SystemFailure) { reason = Bilingual(vi: system.text(.vi), en: system.text(.en)) }
    }

    static let workbookPart = "xl/workbook.xml"
    /// Largest package this step rewrites in memory.
    static let maxPackageSize = 1 << 31
    /// Largest `xl/workbook.xml` accepted (a few KB in practice).
    static let maxWorkbookPartSize = 16 << 20

    func apply(toFile path: String) throws(Failure) {
        var limits = ZipLimits()
        limits.maxEntrySize = Int64(Self.maxWorkbookPartSize)
        let source = try Self.zip { () throws(ZipError) in try ByteSource(path: path) }
        guard source.size < Self.maxPackageSize else { throw Failure("package too large to rewrite", vi: "tệp quá lớn") }
        let archive = try Self.zip { () throws(ZipError) in try ZipArchive(source: source, limits: limits) }
        guard let part = archive.entry(named: Self.workbookPart) else {
            throw Failure("\(Self.workbookPart) is missing", vi: "thiếu \(Self.workbookPart)")
        }
        let xmlBytes = try Self.zip { () throws(ZipError) in try EntryStream(source: source, entry: part, limits: limits).readAll() }
        guard let xml = String(bytes: xmlBytes, encoding: .utf8) else {
            throw Failure("\(Self.workbookPart) is not UTF-8", vi: "\(Self.workbookPart) không phải UTF-8")
        }
        let patched = Array(try patchWorkbookXML(xml).utf8)
        let out = try Self.zip { () throws(ZipError) in
            var writer = ZipWriter(file: path)
            for entry in archive.entries {
                if entry.name == part.name { try writer.add(entry.name, patched) } else { try writer.copy(entry, from: source) }
            }
            return writer.bytes()
        }
        if let failure = Self.overwrite(path, with: out) { throw Failure(failure) }
    }

    /// Replaces the (temporary) file's content; the system's reason when it cannot (a full disk).
    static func overwrite(_ path: String, with bytes: [UInt8]) -> SystemFailure? {
        let fd = open(path, O_WRONLY | O_TRUNC)
        guard fd >= 0 else { return .current() }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .current()
            }
            offset += n
        }
        return nil
    }

    private static func zip<T>(_ body: () throws(ZipError) -> T) throws(Failure) -> T {
        do { return try body() } catch { throw Failure(error.message(.en), vi: error.message(.vi)) }
    }

    /// The workbook part with the sheet states and the structure protection applied.
    func patchWorkbookXML(_ xml: String) throws(Failure) -> String {
        var s = xml
        for name in veryHiddenSheets {
            let open = "<sheet name=\"\(Self.escapeAttribute(name))\""
            guard let start = s.range(of: open), let end = s.range(of: "/>", range: start.upperBound..<s.endIndex) else {
                throw Failure("sheet \"\(name)\" not found in \(Self.workbookPart)", vi: "không thấy trang tính \"\(name)\" trong \(Self.workbookPart)")
            }
            var element = String(s[start.lowerBound..<end.upperBound])
            if element.contains(" state=\"hidden\"") {
                element = element.replacingOccurrences(of: " state=\"hidden\"", with: " state=\"veryHidden\"")
            } else if !element.contains(" state=") {
                element = element.replacingOccurrences(of: open, with: open + " state=\"veryHidden\"")
            }
            s.replaceSubrange(start.lowerBound..<end.upperBound, with: element)
        }
        if lockStructure && !s.contains("<workbookProtection") {
            let password = structurePassword.map { " workbookPassword=\"\($0)\"" } ?? ""
            let element = "<workbookProtection\(password) lockStructure=\"1\"/>"
            // ECMA-376 order: fileVersion, fileSharing, workbookPr, workbookProtection, bookViews, sheets.
            guard let anchor = s.range(of: "<bookViews") ?? s.range(of: "<sheets") else {
                throw Failure("no <bookViews> or <sheets> in \(Self.workbookPart)", vi: "thiếu <bookViews>/<sheets> trong \(Self.workbookPart)")
            }
            s.insert(contentsOf: element, at: anchor.lowerBound)
        }
        return s
    }

    static func escapeAttribute(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
