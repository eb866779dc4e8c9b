import BieuCore
import BieuZip
import Foundation

/// Something the XML scanner reads bytes from.
package protocol ChunkSource: AnyObject {
    var entry: ZipEntry { get }
    /// Fills up to `capacity` bytes at `buffer`; returns the count, 0 at the end.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(XLSXError) -> Int
}

/// Inflates a large entry on a background thread while the caller scans
/// what is already inflated: zlib and CRC-32 run on the second core.
///
/// A ring of `slotCount` chunks bounds memory (4 × 1 MiB). Every limit and
/// check of `EntryStream` still applies (it does the inflating); its error
/// reaches the reader at the point in the data where it happened. When the
/// reader stops early, `deinit` tells the thread to stop and waits for it.
final class PipelinedStream: ChunkSource {
    let entry: ZipEntry
    private let pipeline: Pipeline

    init(_ inner: PartStream) {
        entry = inner.entry
        pipeline = Pipeline(inner)
        // The thread holds the pipeline, never this wrapper, so the wrapper's
        // deinit runs when the reader lets go and can stop the thread.
        let pipeline = self.pipeline
        let thread = Thread { pipeline.produce() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { pipeline.cancelAndWait() }

    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(XLSXError) -> Int {
        try pipeline.read(into: buffer, capacity: capacity)
    }
}

/// The state shared by the reading thread and the inflating thread.
private final class Pipeline: @unchecked Sendable {
    private static let slotCount = 4
    private static let slotSize = 1 << 20

    private let inner: PartStream
    private let condition = NSCondition()
    private let storage: UnsafeMutablePointer<UInt8>
    // Guarded by `condition`:
    private var lengths = [Int](repeating: 0, count: Pipeline.slotCount)
    private var filled = 0          // slots ready to read
    private var producerSlot = 0
    private var finishedProducing = false
    private var failure: XLSXError?
    private var cancelled = false
    private var threadDone = false
    // Reader side (only the reading thread touches these):
    private var readerSlot = 0
    private var readerOffset = 0

    init(_ inner: PartStream) {
        self.inner = inner
        storage = .allocate(capacity: Self.slotCount * Self.slotSize)
    }

    deinit { storage.deallocate() }

    /// Stops the inflating thread and waits until it has left.
    func cancelAndWait() {
        condition.stopAndWait({ cancelled = true }, until: { threadDone })
    }

    func produce() {
        while true {
            condition.lock()
            while filled == Self.slotCount && !cancelled { condition.wait() }
            if cancelled {
                threadDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let slot = producerSlot
            condition.unlock()

            // Fill one slot outside the lock.
            let base = storage + slot * Self.slotSize
            var n = 0
            var error: XLSXError?
            var atEnd = false
            do throws(XLSXError) {
                while n < Self.slotSize {
                    let got = try inner.read(into: base + n, capacity: Self.slotSize - n)
                    if got == 0 { atEnd = true; break }
                    n += got
                }
            } catch let e {
                error = e
            }

            condition.lock()
            if n > 0 {
                lengths[slot] = n
                filled += 1
                producerSlot = (slot + 1) % Self.slotCount
            }
            if let error { failure = error }
            if error != nil || atEnd {
                finishedProducing = true
                threadDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.broadcast()
            condition.unlock()
        }
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(XLSXError) -> Int {
        guard capacity > 0 else { return 0 }
        condition.lock()
        while filled == 0 && !finishedProducing { condition.wait() }
        if filled == 0 {
            // Everything inflated was handed out: report the end, or the error met after it.
            let failure = self.failure
            condition.unlock()
            if let failure { throw failure }
            return 0
        }
        let slot = readerSlot
        let length = lengths[slot]
        condition.unlock()

        let n = min(capacity, length - readerOffset)
        buffer.update(from: storage + slot * Self.slotSize + readerOffset, count: n)
        readerOffset += n
        if readerOffset == length {
            readerOffset = 0
            readerSlot = (slot + 1) % Self.slotCount
            condition.lock()
            filled -= 1
            condition.broadcast()
            condition.unlock()
        }
        return n
    }
}
