/// Bounds that keep a hostile workbook from exhausting time or memory.
///
/// Every size read from a file is checked against these before it is used.
/// The defaults pass a legitimate 1,000,000-row sheet of annex-like data
/// (the 200,000-row benchmark sheet is 103 MB of XML) while stopping a deflate
/// bomb after a few megabytes; `docs/READER.md` explains each choice.
public struct XLSXLimits: Sendable, Hashable {
    /// Largest inflated size of one zip entry (default 1 GiB).
    public var maxEntrySize: Int64
    /// Largest inflated size of all parts read from one workbook (default 4 GiB).
    public var maxTotalSize: Int64
    /// Largest inflated : compressed ratio of an entry (default 250). Checked once
    /// an entry has inflated more than `ratioCheckThreshold` bytes, so small,
    /// very repetitive parts are not refused.
    public var maxCompressionRatio: Int64
    /// Inflated size from which the ratio is enforced (default 8 MiB).
    public var ratioCheckThreshold: Int64
    /// Most entries in the zip directory (default 10,000).
    public var maxEntries: Int
    /// Most shared strings (default 10,000,000). The count the file announces is never trusted.
    public var maxSharedStrings: Int
    /// Largest total UTF-8 size of the shared strings (default 512 MiB).
    public var maxSharedStringBytes: Int64
    /// Largest single tag or text run in bytes as stored, e.g. one cell's text (default 1 MiB;
    /// Excel's own limit is 32,767 characters, at most ~128 KiB of UTF-8).
    public var maxTextBytes: Int
    /// Most cells in one row (default 16,384, Excel's column count).
    public var maxCellsPerRow: Int
    /// Deepest element nesting (default 256).
    public var maxDepth: Int
    /// Most attributes on one element (default 512).
    public var maxAttributes: Int

    public init(maxEntrySize: Int64 = 1 << 30, maxTotalSize: Int64 = 4 << 30, maxCompressionRatio: Int64 = 250,
                ratioCheckThreshold: Int64 = 8 << 20, maxEntries: Int = 10_000, maxSharedStrings: Int = 10_000_000,
                maxSharedStringBytes: Int64 = 512 << 20, maxTextBytes: Int = 1 << 20, maxCellsPerRow: Int = 16_384,
                maxDepth: Int = 256, maxAttributes: Int = 512) {
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckThreshold = ratioCheckThreshold
        self.maxEntries = maxEntries
        self.maxSharedStrings = maxSharedStrings
        self.maxSharedStringBytes = maxSharedStringBytes
        self.maxTextBytes = maxTextBytes
        self.maxCellsPerRow = maxCellsPerRow
        self.maxDepth = maxDepth
        self.maxAttributes = maxAttributes
    }

    /// The documented defaults.
    public static let `default` = XLSXLimits()
}
