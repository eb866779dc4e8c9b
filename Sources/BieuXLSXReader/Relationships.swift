import BieuZip

/// One relationship of an OPC part (`_rels/*.rels`).
package struct Relationship {
    package var id: String
    /// The last segment of the type URI (`officeDocument`, `worksheet`,
    /// `sharedStrings`, `styles`); transitional and Strict URIs give the same.
    package var kind: String
    /// The resolved part name (no leading slash), or nil for external targets
    /// and targets that leave the package.
    package var partName: String?
    package var rawTarget: String
}

package enum Relationships {
    /// Namespaces of relationship types: ECMA-376 transitional and Strict (ISO/IEC 29500).
    static let typePrefixes = [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/",
    ]

    /// The `_rels` part that holds the relationships of `partName` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`).
    package static func relsPartName(for partName: String) -> String {
        if partName.isEmpty { return "_rels/.rels" }
        if let slash = partName.lastIndex(of: "/") {
            return partName[..<slash] + "/_rels/" + partName[partName.index(after: slash)...] + ".rels"
        }
        return "_rels/" + partName + ".rels"
    }

    /// Resolves a relationship target against the source part's folder.
    /// Returns nil when the target leaves the package root.
    static func resolve(target: String, sourcePart: String) -> String? {
        var t = percentDecoded(target)
        if let hash = t.firstIndex(of: "#") { t = String(t[..<hash]) }
        var segments: [Substring] = []
        if !t.hasPrefix("/"), let slash = sourcePart.lastIndex(of: "/") {
            segments = sourcePart[..<slash].split(separator: "/")
        }
        for seg in t.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." {
                if segments.isEmpty { return nil }
                segments.removeLast()
                continue
            }
            segments.append(seg)
        }
        let joined = segments.joined(separator: "/")
        return joined.isEmpty ? nil : joined
    }

    static func percentDecoded(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let h = TextDecoding.hexValue(b[i + 1]), let l = TextDecoding.hexValue(b[i + 2]) {
                out.append(h * 16 + l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The entry of the package's main part (the `officeDocument` relationship of `_rels/.rels`):
    /// the workbook, or a Word document's `word/document.xml`.
    package static func mainPart(_ packageRels: [Relationship], in archive: ZipArchive, file: String) throws(XLSXError) -> ZipEntry {
        guard let officeRel = packageRels.first(where: { $0.kind == "officeDocument" }) else {
            throw .missingPart(file: file, part: "officeDocument", referencedFrom: "_rels/.rels")
        }
        guard let name = officeRel.partName, let entry = archive.entry(named: name) else {
            throw .missingPart(file: file, part: officeRel.rawTarget, referencedFrom: "_rels/.rels")
        }
        return entry
    }

    /// Parses a relationships part.
    package static func parse(_ scanner: XMLScanner, sourcePart: String) throws(XLSXError) -> [Relationship] {
        var result: [Relationship] = []
        try scanner.forEachStart(root: { () throws(XLSXError) in
            guard scanner.nameIs("Relationships") else {
                throw scanner.error(.unexpectedRoot(expected: "Relationships", found: scanner.name))
            }
        }, element: { () throws(XLSXError) in
            guard scanner.nameIs("Relationship") else { return }
            guard let id = try scanner.attribute("Id"), let type = try scanner.attribute("Type"),
                  let target = try scanner.attribute("Target") else {
                throw scanner.error(.malformed(vi: "quan hệ thiếu Id, Type hoặc Target", en: "relationship without Id, Type or Target"))
            }
            let external = (try scanner.attribute("TargetMode"))?.lowercased() == "external"
            var kind = ""
            for prefix in typePrefixes where type.hasPrefix(prefix) {
                kind = String(type.dropFirst(prefix.count))
            }
            let part = external ? nil : resolve(target: target, sourcePart: sourcePart)
            result.append(Relationship(id: id, kind: kind, partName: part, rawTarget: target))
        })
        return result
    }
}
