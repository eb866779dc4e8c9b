#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random access to the bytes of a zip file: an open file read with
/// `pread`, or bytes already in memory (tests, fuzzing).
public final class ByteSource: @unchecked Sendable {
    private enum Storage {
        case memory([UInt8])
        case file(Int32)
    }

    private let storage: Storage
    /// Display name used in messages.
    public let name: String
    public let size: Int64

    public init(bytes: [UInt8], name: String) {
        storage = .memory(bytes)
        self.name = name
        size = Int64(bytes.count)
    }

    public init(path: String) throws(ZipError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotOpen(file: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .cannotOpen(file: path, reason: reason)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .cannotOpen(file: path, reason: "Is a directory")
        }
        storage = .file(fd)
        name = path
        size = Int64(st.st_size)
    }

    deinit {
        if case let .file(fd) = storage { close(fd) }
    }

    /// Reads exactly `count` bytes at `offset` into `buffer`.
    /// Throws when the range lies outside the file or the read fails.
    public func read(at offset: Int64, count: Int, into buffer: UnsafeMutableRawPointer) throws(ZipError) {
        guard count >= 0, offset >= 0, offset <= size, Int64(count) <= size - offset else {
            throw .corrupt(file: name, entry: nil, defect: .dataOutOfBounds)
        }
        if count == 0 { return }
        switch storage {
        case let .memory(bytes):
            bytes.withUnsafeBytes { raw in
                buffer.copyMemory(from: raw.baseAddress! + Int(offset), byteCount: count)
            }
        case let .file(fd):
            var done = 0
            while done < count {
                let n = pread(fd, buffer + done, count - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .cannotOpen(file: name, reason: String(cString: strerror(errno)))
                }
                if n == 0 { throw .truncated(file: name) }
                done += n
            }
        }
    }

    /// Reads `count` bytes at `offset` as an array.
    public func bytes(at offset: Int64, count: Int) throws(ZipError) -> [UInt8] {
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        var failure: ZipError?
        out.withUnsafeMutableBytes { raw in
            do throws(ZipError) {
                try read(at: offset, count: count, into: raw.baseAddress!)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return out
    }
}
