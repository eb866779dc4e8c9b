import Foundation
#if canImport(Glibc)
import Glibc
private let sysWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let sysWrite = Darwin.write
#endif

/// Writes output files so that they appear complete or not at all.
///
/// The content is produced into a hidden temporary file in the destination's
/// own directory (so the final `rename` is atomic on the same file system),
/// flushed, and renamed over the destination only when the producer
/// succeeded. On any failure the temporary file is removed and the
/// destination is left untouched.
///
/// Temporary files are named `.NAME.bieu-PID-TOKEN.tmp`. Those of a process
/// that is gone (killed with `kill -9`, a power cut) are removed the next time
/// the same output is written (``temporaryPath(for:)``); a program that calls
/// ``removeTemporariesOnSignals()`` removes its own on SIGINT, SIGTERM and SIGHUP.
public enum AtomicFile {
    /// Errors of atomic output.
    public enum Failure: UserFacingError, Equatable {
        case cannotCreate(path: String, reason: SystemFailure)
        case cannotReplace(path: String, reason: SystemFailure)

        public func message(_ language: Language) -> String {
            switch (self, language) {
            case let (.cannotCreate(path, reason), .vi): return "Không tạo được tệp tạm để ghi \(path): \(reason.text(.vi))"
            case let (.cannotCreate(path, reason), .en): return "Cannot create a temporary file to write \(path): \(reason.text(.en))"
            case let (.cannotReplace(path, reason), .vi): return "Không ghi được tệp \(path): \(reason.text(.vi))"
            case let (.cannotReplace(path, reason), .en): return "Cannot write \(path): \(reason.text(.en))"
            }
        }
    }

    /// A fresh temporary path beside `destination`, e.g. `dir/.out.xlsx.bieu-4242-1a2b3c.tmp`.
    /// Stale temporary files of the same destination (their process is gone) are removed first.
    /// The path is remembered until ``commit(temporary:to:)`` so that a signal can remove it.
    public static func temporaryPath(for destination: String) -> String {
        let url = URL(fileURLWithPath: destination)
        let dir = url.deletingLastPathComponent().path
        removeStaleTemporaries(for: destination)
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let path = (dir as NSString).appendingPathComponent(".\(url.lastPathComponent).bieu-\(getpid())-\(token).tmp")
        Pending.add(path)
        return path
    }

    /// Removes the temporary files other bieu processes left for `destination` and that no
    /// running process owns any more. Returns the names removed.
    @discardableResult
    public static func removeStaleTemporaries(for destination: String) -> [String] {
        let url = URL(fileURLWithPath: destination)
        let dir = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).bieu-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4)   // PID-TOKEN
            let parts = middle.split(separator: "-")
            guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, pid != getpid() else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            if unlink((dir as NSString).appendingPathComponent(name)) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Runs `produce` with a temporary path, then moves the result to `destination`.
    ///
    /// `produce` must create the file at the path it is given. If it throws,
    /// the temporary file is deleted and the error is rethrown.
    public static func write<T>(to destination: String, _ produce: (_ temporaryPath: String) throws -> T) throws -> T {
        let temp = temporaryPath(for: destination)
        do {
            let result = try produce(temp)
            try commit(temporary: temp, to: destination)
            return result
        } catch {
            discard(temporary: temp)
            throw error
        }
    }

    /// Writes bytes atomically.
    public static func write(_ data: some Collection<UInt8>, to destination: String) throws {
        try write(to: destination) { temp in
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard fd >= 0 else {
                throw Failure.cannotCreate(path: destination, reason: .current())
            }
            defer { close(fd) }
            let bytes = Array(data)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { sysWrite(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure.cannotReplace(path: destination, reason: .current())
                }
                offset += n
            }
        }
    }

    /// Flushes the temporary file to disk and renames it over the destination (inside
    /// ``together(beforeReplacing:_:)``: keeps it for the rename at the end). A failed flush
    /// (a full disk that delayed allocation reports only now) fails the write.
    public static func commit(temporary: String, to destination: String) throws {
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 {
            let flushed = fsync(fd) == 0 || errno == EINVAL || errno == EROFS
            let reason = SystemFailure.current()
            close(fd)
            if !flushed { throw Failure.cannotReplace(path: destination, reason: reason) }
        }
        if let staging = Staging.current {
            staging.add(temporary: temporary, destination: destination)
            return
        }
        if rename(temporary, destination) != 0 {
            throw Failure.cannotReplace(path: destination, reason: .current())
        }
        Pending.remove(temporary)
    }

    /// Outputs that appear together or not at all. Every file written through ``AtomicFile``
    /// by `body` on this task (``commit(temporary:to:)``) is kept under its temporary name
    /// until `body` returns; then each is renamed into place (`beforeReplacing` is called first
    /// for a destination that exists). If `body` throws, every one of them is removed and no
    /// destination is touched. ``stagedPath(for:)`` gives where a file written so far is.
    ///
    /// A command that writes many files and records them elsewhere (a round's workbooks and
    /// the store) does the recording last inside `body`, so a failure anywhere leaves neither.
    public static func together<T>(beforeReplacing: ((String) throws -> Void)? = nil, _ body: () throws -> T) throws -> T {
        let staging = Staging()
        let result: T
        do {
            result = try Staging.$current.withValue(staging) { try body() }
        } catch {
            staging.discardAll()
            throw error
        }
        try staging.commitAll(beforeReplacing: beforeReplacing)
        return result
    }

    /// Where the file written for `destination` is now: its temporary path inside
    /// ``together(beforeReplacing:_:)`` until the end, else `destination`.
    public static func stagedPath(for destination: String) -> String {
        Staging.current?.temporary(for: destination) ?? destination
    }

    /// Files written inside ``together(beforeReplacing:_:)``, waiting for their rename.
    final class Staging: @unchecked Sendable {
        @TaskLocal static var current: Staging?
        private var files: [(temporary: String, destination: String)] = []
        private let lock = NSLock()

        func add(temporary: String, destination: String) {
            lock.lock(); defer { lock.unlock() }
            if let i = files.firstIndex(where: { $0.destination == destination }) {
                // Written twice: the later file wins.
                discard(temporary: files[i].temporary)
                files.remove(at: i)
            }
            files.append((temporary, destination))
        }

        func temporary(for destination: String) -> String? {
            lock.lock(); defer { lock.unlock() }
            return files.last { $0.destination == destination }?.temporary
        }

        func discardAll() {
            lock.lock(); defer { lock.unlock() }
            for f in files { discard(temporary: f.temporary) }
            files = []
        }

        func commitAll(beforeReplacing: ((String) throws -> Void)?) throws {
            lock.lock(); defer { lock.unlock() }
            var pending = files[...]
            defer { for f in pending { discard(temporary: f.temporary) } }
            if let beforeReplacing {
                for f in files where access(f.destination, F_OK) == 0 { try beforeReplacing(f.destination) }
            }
            while let f = pending.first {
                if rename(f.temporary, f.destination) != 0 {
                    throw Failure.cannotReplace(path: f.destination, reason: .current())
                }
                Pending.remove(f.temporary)
                pending = pending.dropFirst()
            }
            files = []
        }
    }

    /// Removes an abandoned temporary file.
    public static func discard(temporary: String) {
        unlink(temporary)
        Pending.remove(temporary)
    }

    /// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove this process's
    /// temporary files, then end the process as the signal would have. For programs
    /// (the CLI), not libraries.
    public static func removeTemporariesOnSignals() {
        Pending.prepare()
        // A parent may have started us with these signals blocked (the mask is inherited).
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in
                Pending.unlinkAll()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// The temporary files this process has open, in a fixed table of C strings that a
    /// signal handler can walk without allocating or locking.
    enum Pending {
        static let capacity = 8192
        nonisolated(unsafe) static var slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
            let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
            p.initialize(repeating: nil, count: capacity)
            return p
        }()
        static let lock = NSLock()

        static func prepare() { _ = slots }

        static func add(_ path: String) {
            lock.lock(); defer { lock.unlock() }
            if let free = (0..<capacity).first(where: { slots[$0] == nil }) {
                slots[free] = strdup(path)
                return
            }
            // Full: forget the paths whose files are gone (removed without `discard`).
            for i in 0..<capacity where access(slots[i]!, F_OK) != 0 {
                let p = slots[i]; slots[i] = nil; free(p)
            }
            if let free = (0..<capacity).first(where: { slots[$0] == nil }) { slots[free] = strdup(path) }
        }

        static func remove(_ path: String) {
            lock.lock(); defer { lock.unlock() }
            for i in 0..<capacity {
                guard let p = slots[i], strcmp(p, path) == 0 else { continue }
                slots[i] = nil
                free(p)
                return
            }
        }

        /// In a signal handler: unlink every pending temporary file.
        static func unlinkAll() {
            for i in 0..<capacity { if let p = slots[i] { unlink(p) } }
        }
    }
}
