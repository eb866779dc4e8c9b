import Foundation

extension NSCondition {
    /// How a consumer stops the thread that fills its buffer and waits until that thread has left:
    /// under the lock, `stop` marks the work cancelled, every waiter is woken, and the caller waits
    /// until `finished` (the thread's "done" flag, guarded by this condition) holds.
    public func stopAndWait(_ stop: () -> Void, until finished: () -> Bool) {
        lock()
        stop()
        broadcast()
        while !finished() { wait() }
        unlock()
    }
}
