import BieuCore
import Foundation

/// A list of reporting units, one per line (`units.txt`), for making one
/// staff workbook per unit.
///
/// UTF-8 (a leading byte-order mark is allowed), LF or CRLF line ends. Blank
/// lines and lines starting with `#` are ignored; other lines are trimmed of
/// surrounding spaces. Every problem names the file and the line.
public enum UnitsFile {
    public struct Entry: Sendable, Hashable {
        /// 1-based line in the file.
        public var line: Int
        /// The unit as written (NFC, trimmed).
        public var name: String
        /// The ASCII file-name slug: `Xã Bản Bo` → `xa-ban-bo`.
        public var slug: String
    }

    /// Units files larger than this are refused.
    public static let maxFileSize = 1 << 20
    /// At most this many units.
    public static let maxUnits = 2_000

    public static func load(path: String) throws(ExportError) -> [Entry] {
        let name = (path as NSString).lastPathComponent
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw .unitsCannotRead(file: name)
        }
        if let size = attrs[.size] as? Int, size > maxFileSize { throw .unitsTooLarge(file: name, size: size) }
        return try parse([UInt8](data), file: name)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(ExportError) -> [Entry] {
        guard bytes.count <= maxFileSize else { throw .unitsTooLarge(file: file, size: bytes.count) }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var entries: [Entry] = []
        var bySlug: [String: Int] = [:]
        var lineNumber = 0
        for raw in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var lineBytes = raw
            if lineBytes.last == 0x0D { lineBytes = lineBytes.dropLast() }
            guard let text = String(bytes: lineBytes, encoding: .utf8) else { throw .unitsNotUTF8(file: file, line: lineNumber) }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let name: String
            do {
                name = try FillableWorkbook.checkUnit(trimmed)
            } catch {
                guard case .badUnit(let reason) = error else { throw .unitsBadLine(file: file, line: lineNumber, reason: Bilingual(vi: "\(error)", en: "\(error)")) }
                throw .unitsBadLine(file: file, line: lineNumber, reason: reason)
            }
            let slug = slug(name)
            guard !slug.isEmpty else {
                throw .unitsBadLine(file: file, line: lineNumber, reason: Bilingual(vi: "tên không có chữ cái hay chữ số nào để đặt tên tệp",
                                                                                en: "the name has no letter or digit to name a file after"))
            }
            if let first = bySlug[slug] { throw .unitsDuplicate(file: file, line: lineNumber, firstLine: first, slug: slug) }
            guard entries.count < maxUnits else { throw .unitsTooMany(file: file, limit: maxUnits) }
            bySlug[slug] = lineNumber
            entries.append(Entry(line: lineNumber, name: name, slug: slug))
        }
        guard !entries.isEmpty else { throw .unitsEmpty(file: file) }
        return entries
    }

    /// Longest slug, in characters.
    public static let maxSlugLength = 60

    /// An ASCII file-name slug: diacritics removed (đ → d), lower case, runs of anything
    /// but `a-z0-9` turned into one `-`, at most ``maxSlugLength`` characters (cut at a `-`).
    public static func slug(_ name: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in VietnameseText.foldKey(name).unicodeScalars {
            let v = scalar.value
            if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        if out.count > maxSlugLength {
            out = String(out.prefix(maxSlugLength))
            if let dash = out.lastIndex(of: "-"), out.distance(from: out.startIndex, to: dash) >= maxSlugLength / 2 { out = String(out[..<dash]) }
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out
    }

    /// The file name of a unit's workbook: `bieu-01_xa-ban-bo.xlsx`.
    public static func fileName(templateID: String, slug: String) -> String { "\(templateID)_\(slug).xlsx" }
}

extension FillableWorkbook {
    /// Writes one workbook per unit into `folder`, named by ``UnitsFile/fileName(templateID:slug:)``.
    /// Each file is written atomically; returns the paths in the units' order.
    /// All or nothing (``AtomicFile/together(beforeReplacing:_:)``): the workbooks take their names
    /// only when every one was written; `beforeReplacing` sees each existing workbook first (the CLI
    /// keeps it as `NAME.bak`).
    public func write(units: [UnitsFile.Entry], folder: String,
                      beforeReplacing: ((String) throws -> Void)? = nil) throws -> (paths: [String], notices: [FillableNotice]) {
        try AtomicFile.together(beforeReplacing: beforeReplacing) {
            var paths: [String] = []
            var notices: [FillableNotice] = []
            for unit in units {
                var one = self
                one.options.unit = unit.name
                one.options.unitID = unit.slug
                let path = (folder as NSString).appendingPathComponent(UnitsFile.fileName(templateID: plan.template.id, slug: unit.slug))
                let n = try one.write(to: path)
                if notices.isEmpty { notices = n }
                paths.append(path)
            }
            return (paths, notices)
        }
    }
}
