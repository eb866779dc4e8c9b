import BieuCore
import Foundation
#if canImport(Glibc)
import Glibc
private let sysRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let sysRead = Darwin.read
#endif

/// The bytes of one CSV input: a regular file read in chunks, or bytes in
/// memory. Either can be read again from the start, which detection needs.
final class ByteSource {
    /// The name used in messages (the path as given, or the caller's name).
    let name: String
    /// Size at open time.
    let size: Int
    private let limit: Int
    private var fd: Int32 = -1
    private let memory: [UInt8]
    private var position = 0

    init(path: String, limits: CSVLimits) throws(CSVError) {
        name = path
        limit = limits.maxFileBytes
        memory = []
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: .current()) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = SystemFailure.current()
            close(fd)
            throw .cannotOpen(file: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .notRegularFile(file: path)
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            close(fd)
            throw .fileTooLarge(file: path, size: size, limit: limit)
        }
        self.fd = fd
        self.size = size
    }

    init(bytes: [UInt8], name: String, limits: CSVLimits) throws(CSVError) {
        self.name = name
        limit = limits.maxFileBytes
        memory = bytes
        size = bytes.count
        guard bytes.count <= limit else { throw .fileTooLarge(file: name, size: bytes.count, limit: limit) }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Reads up to `count` bytes; 0 means the end. Throws when the file has
    /// grown past the size limit since it was opened.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVError) -> Int {
        guard count > 0 else { return 0 }
        if fd < 0 {
            let n = min(count, memory.count - position)
            if n > 0 {
                memory.withUnsafeBufferPointer { src in
                    buffer.update(from: src.baseAddress! + position, count: n)
                }
            }
            position += n
            return n
        }
        while true {
            let n = sysRead(fd, buffer, count)
            if n < 0 {
                if errno == EINTR { continue }
                throw .readFailed(file: name, offset: position, reason: .current())
            }
            position += n
            if position > limit { throw .fileTooLarge(file: name, size: position, limit: limit) }
            return n
        }
    }

    /// Starts reading again from the first byte.
    func rewind() throws(CSVError) {
        position = 0
        if fd >= 0 && lseek(fd, 0, SEEK_SET) != 0 {
            throw .readFailed(file: name, offset: 0, reason: .current())
        }
    }

    /// Reads up to `limit` bytes from the start (after a rewind) into an array.
    func head(_ limit: Int) throws(CSVError) -> [UInt8] {
        try rewind()
        let count = min(limit, size)
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try out.withUnsafeMutableBufferPointer { (buf: inout UnsafeMutableBufferPointer<UInt8>) throws(CSVError) -> Int in
                try read(into: buf.baseAddress! + filled, count: count - filled)
            }
            if n == 0 { break }
            filled += n
        }
        out.removeLast(count - filled)
        return out
    }
}

/// A sliding window over a `ByteSource`: the parser decodes from it and
/// asks for more when fewer than 4 bytes (one whole character in any
/// supported encoding) remain.
final class ChunkReader {
    let source: ByteSource
    private let capacity: Int
    let storage: UnsafeMutablePointer<UInt8>
    /// Window start and end inside `storage`.
    private(set) var start = 0
    private(set) var end = 0
    /// File offset of `storage[0]`.
    private(set) var base = 0
    private(set) var eof = false

    init(source: ByteSource, chunkSize: Int = 1 << 16) {
        self.source = source
        // Small inputs get a small window (the size is only a hint: a file
        // that grows is still read to its end, in more rounds).
        capacity = min(chunkSize, max(source.size, 64)) + 8
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Bytes available in the window.
    @inline(__always) var available: Int { end - start }
    /// File offset of the first available byte.
    @inline(__always) var offset: Int { base + start }
    @inline(__always) var pointer: UnsafeMutablePointer<UInt8> { storage + start }

    /// Starts over at file offset `skip` (to step over a byte-order mark).
    func restart(skipping skip: Int) throws(CSVError) {
        try source.rewind()
        start = 0; end = 0; base = 0; eof = false
        var skipped = 0
        while skipped < skip {
            try refill()
            let n = min(available, skip - skipped)
            consume(n)
            skipped += n
            if n == 0 && eof { break }
        }
    }

    @inline(__always) func consume(_ n: Int) { start += n }

    /// Moves the unread bytes to the front and reads more after them.
    func refill() throws(CSVError) {
        let remaining = end - start
        if start > 0 {
            if remaining > 0 { storage.update(from: storage + start, count: remaining) }
            base += start
            start = 0
            end = remaining
        }
        while end < capacity && !eof {
            let n = try source.read(into: storage + end, count: capacity - end)
            if n == 0 { eof = true } else { end += n }
            if end - start >= 4 { break }
        }
    }
}
