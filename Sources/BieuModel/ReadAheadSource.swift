import BieuCore
import Foundation

/// A ``ReportSource`` whose rows are read on a second thread while the caller
/// works on the rows already read: a file's JSON parsing and decoding (a quarter
/// of an XLSX export, two fifths of a CSV export) run on the other core.
///
/// The rows, the tables and every error are those of the wrapped source, in the
/// same order: the thread only calls the source's `nextRow()` between the
/// caller's `nextTable()` calls, and an error reaches the caller at the row where
/// it happened. About `capacity` rows wait (twice that at most), so memory stays bounded.
/// ``skipRows()`` before the table's first row is the source's own (a stream
/// passes over the rows without decoding them); once rows have been read, it reads
/// and drops the rest, as ``ReportSource``'s default does.
public final class ReadAheadSource: ReportSource {
    public let report: Report
    private let inner: ReportSource
    private let capacity: Int
    private var queue: RowQueue?
    /// The thread is done with the current table (its last row or an error was read).
    private var tableDone = false

    /// Sources worth a second thread (a file read row by row) are wrapped; others are returned as they are.
    public static func wrapping(_ source: ReportSource) -> ReportSource {
        source is ReportStream ? ReadAheadSource(source) : source
    }

    public init(_ source: ReportSource, capacity: Int = 64) {
        inner = source
        report = source.report
        self.capacity = max(capacity, 1)
    }

    deinit { queue?.cancelAndWait() }

    public func nextTable() throws -> AnnexTable? {
        while queue != nil { _ = try nextRow() }
        tableDone = false
        return try inner.nextTable()
    }

    public func nextRow() throws -> Row? {
        if tableDone { return try inner.nextRow() }
        if queue == nil {
            let q = RowQueue(inner, capacity: capacity)
            queue = q
            let thread = Thread { q.produce() }
            thread.stackSize = 4 << 20
            thread.start()
        }
        let result = queue!.nextItem()
        if case .success(.some) = result { return try result.get() }
        // The last row or an error: the thread has left the source.
        queue!.cancelAndWait()
        queue = nil
        tableDone = true
        return try result.get()
    }

    public func skipRows() throws {
        if queue == nil && !tableDone { return try inner.skipRows() }
        while try nextRow() != nil {}
    }
}

/// Rows handed from the reading thread to the caller, a batch at a time so the two
/// threads meet once every few rows, not at every row.
private final class RowQueue: @unchecked Sendable {
    private static let batch = 16
    private let source: ReportSource
    private let capacity: Int
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var items: [Result<Row?, Error>] = []
    private var cancelled = false
    private var threadDone = false
    // The caller's side (only the caller's thread touches these):
    private var taken: [Result<Row?, Error>] = []
    private var next = 0

    init(_ source: ReportSource, capacity: Int) {
        self.source = source
        self.capacity = capacity
    }

    /// On the reading thread: rows until the table's end, an error, or cancellation.
    func produce() {
        var batch: [Result<Row?, Error>] = []
        let size = min(Self.batch, capacity)
        while true {
            let item: Result<Row?, Error>
            do { item = .success(try source.nextRow()) } catch { item = .failure(error) }
            var last = false
            if case .success(.some) = item {} else { last = true }
            batch.append(item)
            guard last || batch.count >= size else { continue }
            condition.lock()
            while items.count >= capacity && !cancelled { condition.wait() }
            if cancelled { last = true } else { items += batch }
            batch.removeAll(keepingCapacity: true)
            if last { threadDone = true }
            condition.broadcast()
            condition.unlock()
            if last { return }
        }
    }

    /// On the caller's thread: the next row, the end (nil) or the error.
    func nextItem() -> Result<Row?, Error> {
        if next == taken.count {
            taken.removeAll(keepingCapacity: true)
            next = 0
            condition.lock()
            while items.isEmpty { condition.wait() }
            swap(&items, &taken)
            condition.broadcast()
            condition.unlock()
        }
        let item = taken[next]
        next += 1
        return item
    }

    /// Stops the reading thread and waits until it has left the source.
    func cancelAndWait() {
        condition.stopAndWait({ cancelled = true }, until: { threadDone })
    }
}
