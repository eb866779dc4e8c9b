import BieuTestSupport
import Foundation
import Testing

/// Runs the `bieu` executable built beside the tests, as a user would.
enum CLI {
    static let root = ExternalTools.repositoryRoot()

    /// The bieu executable built next to the tests (BIEU_TEST_BINARY: another one, e.g. an older build).
    static var binary: String {
        if let given = ProcessInfo.processInfo.environment["BIEU_TEST_BINARY"], !given.isEmpty { return given }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir.appendingPathComponent("bieu").path, dir.deletingLastPathComponent().appendingPathComponent("bieu").path,
                          root + "/.build/debug/bieu"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return root + "/.build/debug/bieu"
    }

    /// Runs bieu with the repository's templates, no colour and no language from the caller's environment.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil, stdin: String? = nil) throws -> ExternalTools.Output {
        var env = ["BIEU_TEMPLATES": root + "/Templates", "BIEU_LANG": "", "NO_COLOR": ""]
        env.merge(environment) { _, b in b }
        return try ExternalTools.run(binary, arguments, stdin: stdin, environment: env, currentDirectory: directory)
    }

    static func dir(_ name: String) throws -> String { try ExternalTools.temporaryDirectory("cli-" + name) }
    static var example: String { root + "/Examples/tam-duong-2024.json" }
}
