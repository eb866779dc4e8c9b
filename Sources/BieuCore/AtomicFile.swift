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
public enum AtomicFile {
    /// Errors of atomic output.
    public enum Failure: UserFacingError, Equatable {
        case cannotCreate(path: String, reason: String)
        case cannotReplace(path: String, reason: String)

        public func message(_ language: Language) -> String {
            switch (self, language) {
            case let (.cannotCreate(path, reason), .vi): return "Không tạo được tệp tạm để ghi \(path): \(reason)"
            case let (.cannotCreate(path, reason), .en): return "Cannot create a temporary file to write \(path): \(reason)"
            case let (.cannotReplace(path, reason), .vi): return "Không ghi được tệp \(path): \(reason)"
            case let (.cannotReplace(path, reason), .en): return "Cannot write \(path): \(reason)"
            }
        }
    }

    /// A fresh temporary path beside `destination`, e.g. `dir/.out.xlsx.bieu-1a2b3c.tmp`.
    public static func temporaryPath(for destination: String) -> String {
        let url = URL(fileURLWithPath: destination)
        let dir = url.deletingLastPathComponent().path
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return (dir as NSString).appendingPathComponent(".\(url.lastPathComponent).bieu-\(token).tmp")
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
            unlink(temp)
            throw error
        }
    }

    /// Writes bytes atomically.
    public static func write(_ data: some Collection<UInt8>, to destination: String) throws {
        try write(to: destination) { temp in
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard fd >= 0 else {
                throw Failure.cannotCreate(path: destination, reason: String(cString: strerror(errno)))
            }
            defer { close(fd) }
            let bytes = Array(data)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { sysWrite(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure.cannotReplace(path: destination, reason: String(cString: strerror(errno)))
                }
                offset += n
            }
        }
    }

    /// Flushes the temporary file to disk and renames it over the destination.
    public static func commit(temporary: String, to destination: String) throws {
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        if rename(temporary, destination) != 0 {
            throw Failure.cannotReplace(path: destination, reason: String(cString: strerror(errno)))
        }
    }
}
