import BieuTestSupport
import Foundation
import Testing

/// SwiftPM accepts unsafe flags from a root package, a path dependency or a
/// branch dependency, and refuses them only from a dependency resolved by
/// version. So the one proof that another package can use bieu's library is to
/// build a consumer that depends on a tagged copy of this repository with
/// `from:` — which this test does.
@Suite("Package")
struct VersionedDependencyTests {
    /// Runs a command, failing the test with its output when it does not exit 0.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], in dir: String, timeout: TimeInterval = 300) throws -> String {
        let out = try ExternalTools.run(program, arguments, timeout: timeout, currentDirectory: dir)
        guard out.status == 0 else {
            throw ExternalTools.Failure(description: "\(program) \(arguments.joined(separator: " ")) exited \(out.status):\n\(out.stderr)\n\(out.stdout)")
        }
        return out.stdout
    }

    @Test("A package depending on the Bieu library by version (from: 99.0.0) builds", .timeLimit(.minutes(30)))
    func versionedConsumerBuilds() throws {
        let root = ExternalTools.repositoryRoot()
        let dir = try ExternalTools.temporaryDirectory("consumer")
        let clone = dir + "/bieu"

        // The working tree as it is (tracked and new, not ignored files): what would be tagged.
        let files = try Self.run("git", ["ls-files", "--cached", "--others", "--exclude-standard"], in: root)
            .split(separator: "\n").map(String.init)
        let fm = FileManager.default
        for file in files where fm.fileExists(atPath: root + "/" + file) {
            let target = clone + "/" + file
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fm.copyItem(atPath: root + "/" + file, toPath: target)
        }
        let identity = ["-c", "user.name=bieu tests", "-c", "user.email=tests@bieu.invalid", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"]
        try Self.run("git", ["init", "-q"], in: clone)
        try Self.run("git", ["add", "-A"], in: clone)
        try Self.run("git", identity + ["commit", "-q", "-m", "snapshot for the consumer test"], in: clone)
        try Self.run("git", identity + ["tag", "99.0.0"], in: clone)

        let consumer = dir + "/consumer"
        try fm.createDirectory(atPath: consumer + "/Sources/Consumer", withIntermediateDirectories: true)
        try """
        // swift-tools-version:6.0
        import PackageDescription

        let package = Package(
            name: "Consumer",
            platforms: [.macOS(.v13)],
            dependencies: [.package(url: "file://\(clone)", from: "99.0.0")],
            targets: [
                .executableTarget(name: "Consumer", dependencies: [.product(name: "Bieu", package: "bieu")]),
            ]
        )
        """.write(toFile: consumer + "/Package.swift", atomically: true, encoding: .utf8)
        try """
        import BieuCore
        import BieuCSV
        import BieuExport
        import BieuImport
        import BieuModel
        import BieuTemplates
        import BieuXLSXReader

        print(CellAddress(row: 0, column: 0))
        """.write(toFile: consumer + "/Sources/Consumer/main.swift", atomically: true, encoding: .utf8)

        let out = try ExternalTools.run("swift", ["build", "--scratch-path", dir + "/build"], timeout: 1500, currentDirectory: consumer)
        #expect(out.status == 0, "swift build of the consumer failed:\n\(out.stderr.suffix(4000))\n\(out.stdout.suffix(4000))")
        #expect(!(out.stderr + out.stdout).contains("unsafe"), "\(out.stderr)")
        // The resolved version is the tag: bieu was taken by version, not as a branch or path.
        let resolved = (try? String(contentsOfFile: consumer + "/Package.resolved", encoding: .utf8)) ?? ""
        #expect(resolved.contains("\"version\" : \"99.0.0\""), "Package.resolved: \(resolved)")
    }
}
