/// Bounds that keep a hostile zip from exhausting time or memory; every size
/// read from a file is checked against these before it is used
/// (`docs/READER.md` explains each default).
public struct ZipLimits: Sendable, Hashable {
    /// Largest inflated size of one entry (default 1 GiB).
    public var maxEntrySize: Int64 = 1 << 30
    /// Largest inflated size of all entries read from one file (default 4 GiB).
    public var maxTotalSize: Int64 = 4 << 30
    /// Largest inflated : compressed ratio of an entry (default 250), checked once an entry
    /// has inflated more than `ratioCheckThreshold` bytes, so small, very repetitive parts pass.
    public var maxCompressionRatio: Int64 = 250
    /// Inflated size from which the ratio is enforced (default 8 MiB).
    public var ratioCheckThreshold: Int64 = 8 << 20
    /// Most entries in the directory (default 10,000).
    public var maxEntries = 10_000

    public init() {}

    public static let `default` = ZipLimits()
}
