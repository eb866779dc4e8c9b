import Foundation

/// Runs the real, independent programs the tests check bieu against:
/// python3 (openpyxl, python-calamine), LibreOffice headless, poppler.
///
/// A missing program is a test failure with a clear message, never a skip:
/// CI installs them (see .ci/run).
public enum ExternalTools {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs a program (found on PATH) with a timeout; kills its whole process group afterwards.
    @discardableResult
    public static func run(_ program: String, _ arguments: [String], stdin: String? = nil, timeout: TimeInterval = 300,
                           environment: [String: String]? = nil, currentDirectory: String? = nil) throws -> Output {
        guard let path = which(program) else {
            throw Failure(description: "\(program) is not installed; the interop tests need it (run .ci/run or install it: see README)")
        }
        let process = Process()
        // setsid puts the program in its own process group so helpers it leaves behind can be killed.
        if let setsid = which("setsid") {
            process.executableURL = URL(fileURLWithPath: setsid)
            process.arguments = ["--wait", path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, b in b } }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        let outData = LockedData(), errData = LockedData()
        outPipe.fileHandleForReading.readabilityHandler = { h in outData.append(h.availableData) }
        errPipe.fileHandleForReading.readabilityHandler = { h in errData.append(h.availableData) }
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        // Wait on the termination handler: polling isRunning can read terminationStatus before it is set.
        let timedOut = finished.wait(timeout: .now() + timeout) == .timedOut
        // Kill the process group (negative pid) to reap helpers the program left behind (LibreOffice).
        kill(-process.processIdentifier, SIGKILL)
        if timedOut { _ = finished.wait(timeout: .now() + 10) }
        outPipe.fileHandleForReading.readabilityHandler = nil
        errPipe.fileHandleForReading.readabilityHandler = nil
        outData.append(outPipe.fileHandleForReading.readDataToEndOfFile())
        errData.append(errPipe.fileHandleForReading.readDataToEndOfFile())
        let out = Output(status: timedOut ? -1 : process.terminationStatus,
                         stdout: String(decoding: outData.value, as: UTF8.self), stderr: String(decoding: errData.value, as: UTF8.self))
        if timedOut { throw Failure(description: "\(program) timed out after \(Int(timeout)) s\n\(out.stderr)") }
        return out
    }

    /// Runs a Python script given as text; fails the test when python3 or a module is missing.
    public static func python(_ script: String, _ arguments: [String] = [], timeout: TimeInterval = 300) throws -> String {
        let dir = try temporaryDirectory("py")
        let file = dir + "/script.py"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let out = try run("python3", [file] + arguments, timeout: timeout)
        guard out.status == 0 else {
            throw Failure(description: "python3 failed (\(out.status)):\n\(out.stderr)\(out.stdout)")
        }
        return out.stdout
    }

    /// Converts a file with LibreOffice headless (`filter` like `pdf`, `xlsx`, or a CSV filter string),
    /// each run with its own user profile. Returns the output path.
    public static func libreOfficeConvert(_ input: String, to filter: String, extension ext: String, outDir: String? = nil) throws -> String {
        let dir = try outDir ?? temporaryDirectory("lo-out")
        let profile = try temporaryDirectory("lo-profile")
        let out = try run("soffice", ["-env:UserInstallation=file://\(profile)", "--headless", "--norestore",
                                       "--convert-to", filter, "--outdir", dir, input], timeout: 240)
        let base = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
        let result = dir + "/" + base + "." + ext
        guard FileManager.default.fileExists(atPath: result) else {
            throw Failure(description: "LibreOffice did not produce \(result) (status \(out.status)):\n\(out.stdout)\n\(out.stderr)")
        }
        try? FileManager.default.removeItem(atPath: profile)
        return result
    }

    /// LibreOffice's CSV filter: UTF-8, comma, raw values (not "as shown"), first sheet.
    public static let libreOfficeRawCSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false"

    public static func temporaryDirectory(_ prefix: String) throws -> String {
        let path = NSTemporaryDirectory() + "bieu-test-\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    public static func which(_ program: String) -> String? {
        if program.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// The bieu executable built next to the running tests (else the debug build in the repository).
    public static var bieuBinary: String {
        let root = repositoryRoot()
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir.appendingPathComponent("bieu").path, dir.deletingLastPathComponent().appendingPathComponent("bieu").path,
                          root + "/.build/debug/bieu"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return root + "/.build/debug/bieu"
    }

    /// The repository root (for Templates/ and Examples/).
    public static func repositoryRoot(from file: String = #filePath) -> String {
        var url = URL(fileURLWithPath: file)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }
}

final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func append(_ d: Data) { lock.lock(); data.append(d); lock.unlock() }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
