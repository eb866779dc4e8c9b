import Foundation
import Testing
@testable import BieuCSV
import BieuCore

/// A failure to run a program a test needs. Tests fail with it; they never skip.
struct ExternalProgramError: Error, CustomStringConvertible {
    var description: String
}

/// Runs programs the tests compare against (python3, iconv, soffice).
enum External {
    /// Runs `program` found on PATH; throws when it is missing or fails.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], stdin: [UInt8]? = nil) throws -> [UInt8] {
        // Files, not pipes, for the three streams: no deadlock whatever the sizes.
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inPath = dir + "/stdin", outPath = dir + "/stdout", errPath = dir + "/stderr"
        try writeFile(inPath, stdin ?? [])
        try writeFile(outPath, [])
        try writeFile(errPath, [])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        let errText = String(decoding: try readFile(errPath), as: UTF8.self)
        if process.terminationStatus == 127 {
            throw ExternalProgramError(description: "\(program) is not installed or not on PATH; this test needs it (install it, do not skip the test)")
        }
        guard process.terminationStatus == 0 else {
            throw ExternalProgramError(description: "\(program) failed with status \(process.terminationStatus): \(errText)")
        }
        return try readFile(outPath)
    }

    /// Runs a Python 3 script (given as text) with arguments; returns its stdout.
    @discardableResult
    static func python(_ script: String, _ arguments: [String] = [], stdin: [UInt8]? = nil) throws -> [UInt8] {
        try run("python3", ["-c", script] + arguments, stdin: stdin)
    }
}

/// A fresh directory under the system's temporary directory.
func makeTemporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "bieu-csv-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func readFile(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// All records of CSV bytes, via the streaming API.
func records(_ bytes: [UInt8], _ options: CSVReadOptions = .init()) throws -> [[String]] {
    var rows: [[String]] = []
    try CSVReader.forEachRow(bytes: bytes, name: "test.csv", options: options) { _, fields in rows.append(fields) }
    return rows
}

func records(_ text: String, _ options: CSVReadOptions = .init()) throws -> [[String]] {
    try records(Array(text.utf8), options)
}

/// Records with the line each starts on.
func numberedRecords(_ text: String, _ options: CSVReadOptions = .init()) throws -> [(Int, [String])] {
    var rows: [(Int, [String])] = []
    try CSVReader.forEachRow(bytes: Array(text.utf8), name: "test.csv", options: options) { line, fields in rows.append((line, fields)) }
    return rows
}

/// The CSVError thrown by reading `bytes`, or nil (and a recorded issue) when none is.
func readError(_ bytes: [UInt8], _ options: CSVReadOptions = .init(), sourceLocation: SourceLocation = #_sourceLocation) -> CSVError? {
    do {
        _ = try CSVReader.read(bytes: bytes, name: "test.csv", options: options)
        Issue.record("expected a CSVError", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Sentences from the seed reports (annex tables of district reports).
enum Seeds {
    static let sentences: [String] = [
        "Thu nhập bình quân đầu người năm",
        "Tổng sản lượng lương thực",
        "Diện tích trồng chè mới",
        "Tỷ lệ che phủ rừng",
        "Tăng trưởng dân gia súc",
        "Duy trì, công nhận xã đạt chuẩn nông thôn mới",
        "Tỷ lệ thôn, bản được cứng hóa, có đường xe máy hoặc ô tô đi lại thuận lợi",
        "Tỷ lệ hộ được sử dụng điện lưới quốc gia",
        "Tổng lượt khách du lịch",
        "Doanh thu từ dịch vụ du lịch",
        "Tỷ lệ trường đạt chuẩn quốc gia",
        "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân",
        "Tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa",
        "Mức giảm tỷ lệ hộ nghèo",
        "Số lao động được giải quyết việc làm",
        "Tỷ lệ lao động qua đào tạo",
        "Tỷ lệ dân số đô thị được cung cấp nước sạch qua hệ thống cấp nước tập trung",
        "Kết nạp đảng viên mới",
        "Kết quả thực hiện một số chỉ tiêu chủ yếu năm 2024, kế hoạch 2025",
        "Tổng hợp tình hình thực hiện chỉ tiêu Đề án, Nghị quyết của Ban chấp hành Đảng bộ tỉnh",
        "Đánh giá: Đạt, Vượt, Chưa đạt",
        "Thực hiện giai đoạn 2021-2024 so với mục tiêu Nghị quyết",
        "Ước thực hiện giai đoạn 2021-2025",
        "Trong đó: Diện tích trồng mới",
    ]
}
