import BieuCore

/// A field separator: the reader detects one of these, the writer writes one.
///
/// Excel writes `,` under English regional settings and `;` under Vietnamese
/// ones (where the comma is the decimal separator); "Unicode Text" uses tab.
public enum CSVDelimiter: String, Sendable, Hashable, CaseIterable, Codable {
    case comma = ","
    case semicolon = ";"
    case tab = "\t"

    /// The delimiter's single ASCII byte.
    public var byte: UInt8 {
        switch self {
        case .comma: return 0x2C
        case .semicolon: return 0x3B
        case .tab: return 0x09
        }
    }

    /// A name people recognise: `dấu phẩy (,)` / `comma (,)`.
    public var displayName: Bilingual {
        switch self {
        case .comma: return Bilingual(vi: "dấu phẩy (,)", en: "comma (,)")
        case .semicolon: return Bilingual(vi: "dấu chấm phẩy (;)", en: "semicolon (;)")
        case .tab: return Bilingual(vi: "ký tự tab", en: "tab")
        }
    }
}

/// The character encoding a CSV file is read in.
public enum CSVEncoding: String, Sendable, Hashable, CaseIterable, Codable {
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// UTF-16 little-endian (Excel's "Unicode Text" is this, with a BOM).
    case utf16LE
    /// UTF-16 big-endian.
    case utf16BE
    /// Windows-1258, the Vietnamese ANSI code page Excel uses for plain "CSV"
    /// on Vietnamese Windows. Tone marks are separate combining characters;
    /// the reader composes them (Unicode NFC).
    case windows1258
    /// Windows-1252 (Western). Bytes typed with legacy Vietnamese fonts
    /// (TCVN3, VNI) are these characters before the legacy conversion.
    case windows1252

    /// The name given on the command line (`--encoding`): `utf-8`, `utf-16le`, `utf-16be`,
    /// `windows-1258`, `windows-1252`.
    public var optionName: String { displayName.lowercased() }

    /// The encoding a name stands for: an ``optionName``, case-insensitively, with or without the
    /// hyphens (`utf8`, `UTF-16LE`), or `cp1258`/`cp1252`. Nil for a name the reader does not support.
    public static func named(_ name: String) -> CSVEncoding? {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        let aliases = ["cp1258": CSVEncoding.windows1258, "cp1252": .windows1252]
        if let e = aliases[key] { return e }
        return allCases.first { $0.optionName.replacingOccurrences(of: "-", with: "") == key }
    }

    /// The conventional name: `UTF-8`, `UTF-16LE`, `Windows-1258`, …
    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16LE: return "UTF-16LE"
        case .utf16BE: return "UTF-16BE"
        case .windows1258: return "Windows-1258"
        case .windows1252: return "Windows-1252"
        }
    }
}

/// A pre-Unicode Vietnamese font encoding.
///
/// Text typed with such a font is stored as ordinary Latin-1/Windows-1252
/// characters that only look Vietnamese in that font: `Tæng sè` (TCVN3) and
/// `Toång soá` (VNI) are both "Tổng số".
public enum LegacyVietnameseEncoding: String, Sendable, Hashable, CaseIterable, Codable {
    /// TCVN 5712:1993 VN3, the "ABC" encoding of the `.VnTime` fonts.
    case tcvn3
    /// VNI Windows, the encoding of the `VNI-Times` fonts.
    case vni

    public var displayName: String {
        switch self {
        case .tcvn3: return "TCVN3 (ABC)"
        case .vni: return "VNI Windows"
        }
    }
}

/// What the reader does about legacy font encodings.
public enum CSVLegacyMode: Sendable, Hashable {
    /// Detect TCVN3/VNI text and convert it when confident; otherwise leave
    /// the text alone and say so in the notes. The default.
    case auto
    /// Never convert.
    case off
    /// Convert from this encoding, without detection.
    case force(LegacyVietnameseEncoding)
}

/// Bounds that keep hostile or broken input from exhausting memory.
///
/// Every limit produces a clear `CSVError` naming the line; none is a crash.
public struct CSVLimits: Sendable, Hashable {
    /// Largest file read, in bytes. Default 256 MiB.
    public var maxFileBytes: Int
    /// Largest single field, in bytes of UTF-8 text. Default 1 MiB (Excel keeps
    /// at most 32,767 characters in a cell).
    public var maxFieldBytes: Int
    /// Largest record (all its fields together), in bytes of UTF-8. Default 16 MiB.
    public var maxRowBytes: Int
    /// Most fields in one record. Default 16,384, Excel's column count (A…XFD).
    public var maxFieldsPerRow: Int
    /// Most records in a file (empty lines included). Default 1,048,576, Excel's row count.
    public var maxRows: Int

    public init(maxFileBytes: Int = 256 << 20, maxFieldBytes: Int = 1 << 20, maxRowBytes: Int = 16 << 20,
                maxFieldsPerRow: Int = CellAddress.maxColumns, maxRows: Int = CellAddress.maxRows) {
        self.maxFileBytes = maxFileBytes
        self.maxFieldBytes = maxFieldBytes
        self.maxRowBytes = maxRowBytes
        self.maxFieldsPerRow = maxFieldsPerRow
        self.maxRows = maxRows
    }

    public static let `default` = CSVLimits()
}

/// How to read a CSV file. Every property defaults to automatic detection.
public struct CSVReadOptions: Sendable, Hashable {
    /// The field separator; nil detects `,` `;` or tab from the first records.
    public var delimiter: CSVDelimiter?
    /// The encoding; nil detects it (byte-order mark, UTF-8 validity, else
    /// Windows-1258 as Excel does). When set, a BOM of the same encoding is
    /// skipped and a BOM of another encoding is an error.
    public var encoding: CSVEncoding?
    /// Legacy font encodings (TCVN3, VNI).
    public var legacy: CSVLegacyMode
    /// Strip the `'` the writer adds to neutralise formulas
    /// (`CSVText.unneutralize`) from every field. Off by default: the reader
    /// returns the file's text as it is.
    public var unneutralize: Bool
    public var limits: CSVLimits

    public init(delimiter: CSVDelimiter? = nil, encoding: CSVEncoding? = nil, legacy: CSVLegacyMode = .auto,
                unneutralize: Bool = false, limits: CSVLimits = .default) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.legacy = legacy
        self.unneutralize = unneutralize
        self.limits = limits
    }
}

/// The encodings the writer produces.
public enum CSVOutputEncoding: String, Sendable, Hashable, CaseIterable, Codable {
    /// UTF-8 with a byte-order mark: the only UTF-8 Excel opens correctly by
    /// double-click. The default.
    case utf8WithBOM
    /// UTF-8 without a byte-order mark (for programs, not for Excel).
    case utf8
    /// UTF-16 little-endian with a byte-order mark: Excel's "Unicode Text",
    /// normally with the tab delimiter.
    case utf16LE
}

/// Line ends the writer uses between records.
public enum CSVLineEnding: String, Sendable, Hashable, CaseIterable, Codable {
    /// `\r\n`, as RFC 4180 and Excel. The default.
    case crlf
    /// `\n`.
    case lf
}

/// How to write a CSV file.
public struct CSVWriteOptions: Sendable, Hashable {
    public var delimiter: CSVDelimiter
    public var encoding: CSVOutputEncoding
    public var lineEnding: CSVLineEnding

    public init(delimiter: CSVDelimiter = .comma, encoding: CSVOutputEncoding = .utf8WithBOM, lineEnding: CSVLineEnding = .crlf) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.lineEnding = lineEnding
    }

    /// What Excel under Vietnamese regional settings reads by double-click:
    /// UTF-8 with BOM, `;` between fields.
    public static let excelVietnamese = CSVWriteOptions(delimiter: .semicolon)
    /// Excel's "Unicode Text": UTF-16LE with BOM, tab between fields.
    public static let excelUnicodeText = CSVWriteOptions(delimiter: .tab, encoding: .utf16LE)
}
